package org.fengqiao.forces;

import org.fengqiao.platform.ChoiceNames;

/** Where a member stands: on the roster, paused for a while, or gone. */
@ChoiceNames("forces.status.")
public enum MemberStatus {
    ACTIVE, PAUSED, LEFT
}
