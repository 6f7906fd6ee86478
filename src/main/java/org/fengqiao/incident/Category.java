package org.fengqiao.incident;

import org.fengqiao.platform.ChoiceNames;

/** What an incident is about (seed 002's classified handling turns on it). */
@ChoiceNames("incident.category.")
public enum Category {
    /** 求助 */
    HELP,
    /** 纠纷 */
    DISPUTE,
    /** 案事件: criminal or public order, see {@link Subtype} */
    CASE,
    /** 交通 */
    TRAFFIC,
    /** 灾害事故 */
    DISASTER,
    /** 投诉 */
    COMPLAINT,
    /** 其他部门事项 (综治, 城管, ...) */
    DEPARTMENT
}
