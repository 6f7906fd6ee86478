package org.fengqiao.account;

import org.fengqiao.platform.ChoiceNames;

/** The five levels of a grid's roster (seed 002: 五级网格). */
@ChoiceNames("gridRole.")
public enum GridRole {
    /** 网格长: the community officer. */
    GRID_CHIEF,
    /** 网格协调员: the village party secretary. */
    COORDINATOR,
    /** 网格管理员: an auxiliary police officer. */
    MANAGER,
    /** 网格员: village group leaders and volunteers. */
    MEMBER,
    /** 信息员: informants. */
    INFORMANT;

    /** Roles held by exactly one person at a time in a grid. */
    public boolean single() {
        return this == GRID_CHIEF || this == COORDINATOR || this == MANAGER;
    }
}
