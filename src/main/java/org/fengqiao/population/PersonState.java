package org.fengqiao.population;

import org.fengqiao.platform.ChoiceNames;

/** How a key person was found at a visit. */
@ChoiceNames("care.state.")
public enum PersonState {
    /** 稳定在控 */
    STABLE,
    /** 有异常 (needs attention) */
    UNSTABLE,
    /** 外出未见 (away at the visit, whereabouts known) */
    ABSENT,
    /** 失联 */
    LOST_CONTACT
}
