package org.fengqiao.forces;

/** Where a member stands: on the roster, paused for a while, or gone. */
public enum MemberStatus {
    ACTIVE, PAUSED, LEFT
}
