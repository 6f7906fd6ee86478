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

    /** The bureau's own roles: its command, and the inspectors (督察) who oversee the stations for it. */
    private static final Set<StaffRole> BUREAU_ROLES = EnumSet.of(StaffRole.BUREAU_COMMAND, StaffRole.INSPECTOR);

    /**
     * Whether someone of role {@code giver} who puts people on the books (STAFF_MANAGE) may give them {@code role}:
     * never one of the three administrators (appointed, 三员分立), and a station chief never a role above his own:
     * the bureau's command, or an inspector who would oversee his own station.
     */
    public static boolean mayGive(String giver, StaffRole role) {
        if (role.isAdministrator()) {
            return false;
        }
        return !StaffRole.STATION_CHIEF.name().equals(giver) || !BUREAU_ROLES.contains(role);
    }

    public static Set<Permission> permissionsOf(StaffRole role) {
        Set<Permission> granted = basePermissionsOf(role);
        granted.addAll(incidentPermissionsOf(role));
        // the API keys of other systems are given out by those who answer for a station or the bureau
        if (role == StaffRole.STATION_CHIEF || role == StaffRole.BUREAU_COMMAND) {
            granted.add(INCIDENT_API_KEYS);
        }
        // an informant's clue is filed by the informant or by the police who handle informants (his handler)
        if (EnumSet.of(StaffRole.BUREAU_COMMAND, StaffRole.STATION_CHIEF, StaffRole.COMMUNITY_OFFICER,
                StaffRole.AUXILIARY_POLICE, StaffRole.INFORMANT).contains(role)) {
            granted.add(INCIDENT_CLUE);
        }
        granted.addAll(notificationPermissionsOf(role));
        granted.addAll(pointsPermissionsOf(role));
        granted.addAll(forcesPermissionsOf(role));
        granted.addAll(mediationPermissionsOf(role));
        granted.addAll(recoveryPermissionsOf(role));
        granted.addAll(claimsPermissionsOf(role));
        granted.addAll(suppliesPermissionsOf(role));
        granted.addAll(dutyPermissionsOf(role));
        granted.addAll(supervisionPermissionsOf(role));
        granted.addAll(reviewPermissionsOf(role));
        granted.addAll(worklogPermissionsOf(role));
        if (role == StaffRole.BUREAU_COMMAND || role == StaffRole.STATION_CHIEF || role == StaffRole.COMMUNITY_OFFICER) {
            // a key person's risk and helper team are the grid chief's (the community officer) and his superiors' to
            // decide; the auxiliary police who manage the grid visit and record, as the team's other helpers do
            granted.add(KEY_PERSON_MANAGE);
        }
        if (role == StaffRole.BUREAU_COMMAND || role == StaffRole.STATION_CHIEF || role == StaffRole.COMMUNITY_OFFICER
                || role == StaffRole.INSPECTOR) {
            // the work figures review a jurisdiction's work: those who lead it and those who oversee them
            granted.add(WORK_FIGURES);
        }
        return granted;
    }

    /**
     * Outbound webhooks: the head of a unit registers them for his unit's subtree: the bureau command, the
     * station chief, and the community officer who leads a workstation or central police office.
     */
    static Set<Permission> notificationPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF, COMMUNITY_OFFICER -> EnumSet.of(WEBHOOK_MANAGE);
            default -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * Points (积分) and the points store: the grid chief (community officer) and those above him approve
     * awards and run the store; the grid manager (auxiliary police) keeps the store's counter; inspectors read.
     * Everyone who works in the field earns points (the community's forces for what they report, patrol and mediate,
     * the police as the investigator of a case a clue cracked: 同功同奖); the inspector, who oversees that work, and
     * the three administrators earn none, and may not be awarded any.
     */
    static Set<Permission> pointsPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF, COMMUNITY_OFFICER ->
                    EnumSet.of(POINTS_READ, POINTS_APPROVE, POINTS_STORE, POINTS_EARN);
            case AUXILIARY_POLICE -> EnumSet.of(POINTS_READ, POINTS_STORE, POINTS_EARN);
            case GRID_COORDINATOR, GRID_MEMBER, INFORMANT, VOLUNTEER, SECURITY_GUARD, MEDIATOR -> EnumSet.of(POINTS_EARN);
            case INSPECTOR -> EnumSet.of(POINTS_READ);
            case SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * The community's forces: police and cadres keep the rosters; volunteers, informants, guards and mediators
     * see only their own page (/me/forces), never the others' contacts.
     */
    static Set<Permission> forcesPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF, COMMUNITY_OFFICER -> EnumSet.of(FORCES_READ, FORCES_MANAGE);
            case AUXILIARY_POLICE, GRID_COORDINATOR, INSPECTOR -> EnumSet.of(FORCES_READ);
            default -> EnumSet.noneOf(Permission.class);
        };
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
     * Incidents (事项): everyone who works in the field files them, and those who own items take their steps (the incident
     * module's StepPolicy: volunteers, grid members, informants and guards report and follow); inspectors only read;
     * the three administrators never touch them. Those who call reporters back may reveal a reporter's full phone
     * with a reason (in their subtree, audited): the police who own items (bureau, station chief, community officer
     * as grid chief, auxiliary police as grid manager), the grid coordinator who brings other departments in on an
     * item (seed 002) and the mediators who take up the disputes 110 pushes to the grid (seed 003, 和为贵), these two
     * on the items of their own line of work only (the incident module's ReporterRevealPolicy); nobody else may.
     * The residents' satisfaction per unit, grid and officer is an evaluation of the police's work: the police who
     * own items and the inspectors who oversee them read it; the village cadre (grid coordinator) and the mediator,
     * though they call reporters back on their line of work, do not rate the police, nor do the others. The response
     * times per grid and person against the targets rate the same work and need the same right.
     */
    static Set<Permission> incidentPermissionsOf(StaffRole role) {
        if (role == StaffRole.STATION_CHIEF) {
            return EnumSet.of(INCIDENT_READ, INCIDENT_WRITE, INCIDENT_INFORMANT_IDENTITY, INCIDENT_REPORTER_REVEAL,
                    INCIDENT_STATS);
        }
        return switch (role) {
            case BUREAU_COMMAND, COMMUNITY_OFFICER, AUXILIARY_POLICE ->
                    EnumSet.of(INCIDENT_READ, INCIDENT_WRITE, INCIDENT_REPORTER_REVEAL, INCIDENT_STATS);
            case GRID_COORDINATOR, MEDIATOR -> EnumSet.of(INCIDENT_READ, INCIDENT_WRITE, INCIDENT_REPORTER_REVEAL);
            case STATION_CHIEF, GRID_MEMBER, INFORMANT, VOLUNTEER, SECURITY_GUARD ->
                    EnumSet.of(INCIDENT_READ, INCIDENT_WRITE);
            case INSPECTOR -> EnumSet.of(INCIDENT_READ, INCIDENT_STATS);
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
            case SYSTEM_ADMIN -> EnumSet.of(JURISDICTION_READ, JURISDICTION_MANAGE, STAFF_READ, STAFF_MANAGE, SYSTEM_BACKUP,
                    SYSTEM_METRICS);
            case SECURITY_ADMIN -> EnumSet.of(STAFF_READ, ACCOUNT_MANAGE);
            case AUDIT_ADMIN -> EnumSet.of(AUDIT_READ);
        };
    }

    /**
     * Stolen property recovery (追赃挽损): the police who work cases and return property keep the files; inspectors
     * read them; grid staff, volunteers, informants, guards, mediators and the administrators see none (victims and
     * suspects are personal data of a criminal case).
     */
    static Set<Permission> recoveryPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF, COMMUNITY_OFFICER, AUXILIARY_POLICE -> EnumSet.of(RECOVERY_READ, RECOVERY_WRITE);
            case INSPECTOR -> EnumSet.of(RECOVERY_READ);
            default -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * 警务保障 (supplies): the station chief and the bureau issue and transfer, the bureau adds kinds of its own, the
     * unit's community officer confirms what he received and records what was used up or lost, inspectors read.
     */
    static Set<Permission> suppliesPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND -> EnumSet.of(SUPPLIES_READ, SUPPLIES_ISSUE, SUPPLIES_CATALOGUE);
            case STATION_CHIEF -> EnumSet.of(SUPPLIES_READ, SUPPLIES_ISSUE);
            case COMMUNITY_OFFICER -> EnumSet.of(SUPPLIES_READ, SUPPLIES_RECEIVE);
            case INSPECTOR -> EnumSet.of(SUPPLIES_READ);
            default -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * Hard cases claimed (疑难案事件清单认领): everyone who works in the grids sees the board and claims where he is
     * on the roster; the station's police claim in any grid of their subtree; the grid chief (by the roster) and the
     * station chief or bureau above confirm completions.
     */
    static Set<Permission> claimsPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND -> EnumSet.of(CLAIMS_READ, CLAIMS_CONFIRM);
            case STATION_CHIEF -> EnumSet.of(CLAIMS_READ, CLAIMS_STATION, CLAIMS_CONFIRM);
            case COMMUNITY_OFFICER, AUXILIARY_POLICE -> EnumSet.of(CLAIMS_READ, CLAIMS_STATION);
            case GRID_COORDINATOR, GRID_MEMBER, INFORMANT, VOLUNTEER, SECURITY_GUARD, MEDIATOR, INSPECTOR ->
                    EnumSet.of(CLAIMS_READ);
            case SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * The duty checklist (十五个一): the rhythm is the community officer's work method, so he alone keeps one; the
     * auxiliary police and grid staff assist him and their patrols are in the forces rosters, and items such as the
     * quarterly report (述职) or the key-person assessment are not theirs to do. The station chief and the bureau
     * oversee the officers (有督导), the inspectors read the same overview.
     */
    static Set<Permission> dutyPermissionsOf(StaffRole role) {
        return switch (role) {
            case COMMUNITY_OFFICER -> EnumSet.of(DUTY_OWN);
            case STATION_CHIEF, BUREAU_COMMAND, INSPECTOR -> EnumSet.of(DUTY_OVERVIEW);
            default -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * Supervision (督导检查机制): the inspectors and the bureau's command issue notices and decide rectification; the
     * station chief and the community officers answer their units' notices; every police officer reads the bureau's
     * published notices (通报); grid staff, volunteers and the administrators see none.
     */
    static Set<Permission> supervisionPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, INSPECTOR -> EnumSet.of(SUPERVISION_READ, SUPERVISION_ISSUE);
            case STATION_CHIEF, COMMUNITY_OFFICER -> EnumSet.of(SUPERVISION_READ, SUPERVISION_ANSWER);
            case AUXILIARY_POLICE -> EnumSet.of(SUPERVISION_READ);
            default -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * 群众评议 (residents' review of their officers): the station chief and the bureau read the results of their
     * jurisdiction and print the officers' cards, the chief hides a comment holding personal data or abuse; the
     * community officer reads the results about himself and prints his own cards; the inspectors read.
     */
    static Set<Permission> reviewPermissionsOf(StaffRole role) {
        return switch (role) {
            case STATION_CHIEF -> EnumSet.of(REVIEW_READ, REVIEW_CARD, REVIEW_HIDE);
            case BUREAU_COMMAND -> EnumSet.of(REVIEW_READ, REVIEW_CARD);
            case COMMUNITY_OFFICER -> EnumSet.of(REVIEW_OWN, REVIEW_CARD);
            case INSPECTOR -> EnumSet.of(REVIEW_READ);
            default -> EnumSet.noneOf(Permission.class);
        };
    }

    /**
     * The work log (四有): the police who serve the jurisdiction keep their own (the community officer, the auxiliary
     * police, the station chief and the bureau); those who lead a station or the bureau review the logs of their scope
     * (督导); the bureau's diary column is read by every police member, inspectors too, and by nobody else (volunteers,
     * informants, grid staff, guards, mediators, the administrators).
     */
    static Set<Permission> worklogPermissionsOf(StaffRole role) {
        return switch (role) {
            case BUREAU_COMMAND, STATION_CHIEF -> EnumSet.of(WORKLOG_WRITE, WORKLOG_REVIEW, WORKLOG_COLUMN);
            case COMMUNITY_OFFICER, AUXILIARY_POLICE -> EnumSet.of(WORKLOG_WRITE, WORKLOG_COLUMN);
            case INSPECTOR -> EnumSet.of(WORKLOG_COLUMN);
            default -> EnumSet.noneOf(Permission.class);
        };
    }
}
