package org.fengqiao.account.internal;

import java.util.EnumSet;
import java.util.Set;
import org.fengqiao.account.StaffRole;
import org.fengqiao.platform.Permission;

import static org.fengqiao.platform.Permission.*;

/**
 * What each role may do. The three administrators are separated (三员分立): the system
 * administrator runs base data but cannot read the audit trail or manage accounts, the security
 * administrator manages accounts only, the audit administrator reads the audit trail and nothing else.
 */
public final class RolePolicy {

    private RolePolicy() {
    }

    public static Set<Permission> permissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF -> EnumSet.of(JURISDICTION_READ, JURISDICTION_MANAGE, ROSTER_MANAGE,
                    STAFF_READ, STAFF_MANAGE);
            case COMMUNITY_OFFICER -> EnumSet.of(JURISDICTION_READ, ROSTER_MANAGE, STAFF_READ);
            case INSPECTOR -> EnumSet.of(JURISDICTION_READ, STAFF_READ);
            case AUXILIARY_POLICE, GRID_COORDINATOR, GRID_MEMBER, INFORMANT, VOLUNTEER, SECURITY_GUARD, MEDIATOR ->
                    EnumSet.of(JURISDICTION_READ);
            case SYSTEM_ADMIN -> EnumSet.of(JURISDICTION_READ, JURISDICTION_MANAGE, STAFF_READ, STAFF_MANAGE);
            case SECURITY_ADMIN -> EnumSet.of(STAFF_READ, ACCOUNT_MANAGE);
            case AUDIT_ADMIN -> EnumSet.of(AUDIT_READ);
        };
    }
}
