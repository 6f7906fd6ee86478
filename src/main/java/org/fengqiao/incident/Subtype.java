package org.fengqiao.incident;

import org.fengqiao.platform.ChoiceNames;

/** The kind of a case or event (案事件). */
@ChoiceNames("incident.subtype.")
public enum Subtype {
    /** 刑事 */
    CRIMINAL,
    /** 治安 */
    PUBLIC_ORDER
}
