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
        Set<Permission> granted = basePermissionsOf(role);
        granted.addAll(incidentPermissionsOf(role));
        granted.addAll(mediationPermissionsOf(role));
        return granted;
    }

    /**
     * Dispute mediation: the officers, auxiliary police, grid staff, mediators and social-work volunteers who sit on
     * the teams mediate; inspectors only read; informants, guards and the three administrators neither.
     */
    static Set<Permission> mediationPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF, COMMUNITY_OFFICER, AUXILIARY_POLICE, GRID_COORDINATOR, GRID_MEMBER,
                    VOLUNTEER, MEDIATOR -> EnumSet.of(MEDIATION_READ, MEDIATION_WRITE);
            case INSPECTOR -> EnumSet.of(MEDIATION_READ);
            case INFORMANT, SECURITY_GUARD, SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * Incidents (事项): everyone who works in the field files and handles them; inspectors only read;
     * the three administrators never touch them.
     */
    static Set<Permission> incidentPermissionsOf(StaffRole role) {
        if (role == StaffRole.STATION_CHIEF) {
            return EnumSet.of(INCIDENT_READ, INCIDENT_WRITE, INCIDENT_INFORMANT_IDENTITY);
        }
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF, COMMUNITY_OFFICER, AUXILIARY_POLICE, GRID_COORDINATOR, GRID_MEMBER,
                    INFORMANT, VOLUNTEER, SECURITY_GUARD, MEDIATOR -> EnumSet.of(INCIDENT_READ, INCIDENT_WRITE);
            case INSPECTOR -> EnumSet.of(INCIDENT_READ);
            case SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN -> EnumSet.noneOf(Permission.class);
        };
    }

    private static Set<Permission> basePermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF -> EnumSet.of(JURISDICTION_READ, JURISDICTION_MANAGE, ROSTER_MANAGE,
                    STAFF_READ, STAFF_MANAGE, POPULATION_READ, POPULATION_WRITE, POPULATION_REVEAL);
            case COMMUNITY_OFFICER -> EnumSet.of(JURISDICTION_READ, ROSTER_MANAGE, STAFF_READ, POPULATION_READ,
                    POPULATION_WRITE, POPULATION_REVEAL);
            case INSPECTOR -> EnumSet.of(JURISDICTION_READ, STAFF_READ, POPULATION_READ);
            // auxiliary police collect the records (一标三实 collection) but reveal nothing in full
            case AUXILIARY_POLICE -> EnumSet.of(JURISDICTION_READ, POPULATION_READ, POPULATION_WRITE);
            case GRID_COORDINATOR, GRID_MEMBER -> EnumSet.of(JURISDICTION_READ, POPULATION_READ);
            // volunteers, informants, guards and mediators never see identity numbers: no population records at all
            case INFORMANT, VOLUNTEER, SECURITY_GUARD, MEDIATOR -> EnumSet.of(JURISDICTION_READ);
            case SYSTEM_ADMIN -> EnumSet.of(JURISDICTION_READ, JURISDICTION_MANAGE, STAFF_READ, STAFF_MANAGE);
            case SECURITY_ADMIN -> EnumSet.of(STAFF_READ, ACCOUNT_MANAGE);
            case AUDIT_ADMIN -> EnumSet.of(AUDIT_READ);
        };
    }
}
