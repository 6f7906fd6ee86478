package org.fengqiao.account;

import org.fengqiao.platform.ChoiceNames;

/** The roles of people who work in Fengqiao (see MISSION.md, "Who uses it"). */
@ChoiceNames("role.")
public enum StaffRole {
    BUREAU_COMMAND,
    STATION_CHIEF,
    COMMUNITY_OFFICER,
    AUXILIARY_POLICE,
    GRID_COORDINATOR,
    GRID_MEMBER,
    INFORMANT,
    VOLUNTEER,
    SECURITY_GUARD,
    MEDIATOR,
    INSPECTOR,
    /** 系统管理员: runs the system and its base data; may not read the audit trail. */
    SYSTEM_ADMIN,
    /** 安全管理员: accounts, roles, unlocking; nothing else. */
    SECURITY_ADMIN,
    /** 安全审计员: reads and verifies the audit trail and changes nothing else. */
    AUDIT_ADMIN;

    public boolean isAdministrator() {
        return this == SYSTEM_ADMIN || this == SECURITY_ADMIN || this == AUDIT_ADMIN;
    }
}
