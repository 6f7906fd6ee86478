package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.platform.Permission.ACCOUNT_MANAGE;
import static org.fengqiao.platform.Permission.AUDIT_READ;
import static org.fengqiao.platform.Permission.INCIDENT_STATS;
import static org.fengqiao.platform.Permission.WORK_FIGURES;
import static org.fengqiao.platform.Permission.JURISDICTION_MANAGE;
import static org.fengqiao.platform.Permission.SUPPLIES_ISSUE;
import static org.fengqiao.platform.Permission.SUPPLIES_READ;
import static org.fengqiao.platform.Permission.SUPPLIES_RECEIVE;

import java.util.Arrays;
import org.fengqiao.account.StaffRole;
import org.junit.jupiter.api.Test;

/** 三员分立: the system, security and audit administrators hold separate powers. */
class RolePolicyTests {

    @Test
    void systemAdministratorCannotReadTheAuditTrailNorManageAccounts() {
        assertThat(RolePolicy.permissionsOf(StaffRole.SYSTEM_ADMIN)).doesNotContain(AUDIT_READ, ACCOUNT_MANAGE);
    }

    @Test
    void securityAdministratorManagesAccountsButCannotReadTheAuditTrailNorChangeTheJurisdiction() {
        assertThat(RolePolicy.permissionsOf(StaffRole.SECURITY_ADMIN))
                .contains(ACCOUNT_MANAGE)
                .doesNotContain(AUDIT_READ, JURISDICTION_MANAGE);
    }

    @Test
    void auditAdministratorMayReadTheAuditTrailAndNothingElse() {
        assertThat(RolePolicy.permissionsOf(StaffRole.AUDIT_ADMIN)).containsExactly(AUDIT_READ);
    }

    @Test
    void nobodyButTheAuditAdministratorReadsTheAuditTrail() {
        assertThat(Arrays.stream(StaffRole.values()).filter(r -> RolePolicy.permissionsOf(r).contains(AUDIT_READ)))
                .containsExactly(StaffRole.AUDIT_ADMIN);
    }

    @Test
    void onlyThePoliceWhoHandleTheItemsAndTheInspectorsReadTheResidentsSatisfaction() {
        assertThat(Arrays.stream(StaffRole.values()).filter(r -> RolePolicy.permissionsOf(r).contains(INCIDENT_STATS)))
                .containsExactlyInAnyOrder(StaffRole.BUREAU_COMMAND, StaffRole.STATION_CHIEF,
                        StaffRole.COMMUNITY_OFFICER, StaffRole.AUXILIARY_POLICE, StaffRole.INSPECTOR);
    }

    @Test
    void onlyThePoliceWhoLeadAndTheInspectorsReadTheWorkFigures() {
        assertThat(Arrays.stream(StaffRole.values())
                .filter(r -> RolePolicy.permissionsOf(r).contains(WORK_FIGURES)))
                .containsExactlyInAnyOrder(StaffRole.BUREAU_COMMAND, StaffRole.STATION_CHIEF,
                        StaffRole.COMMUNITY_OFFICER, StaffRole.INSPECTOR);
    }

    @Test
    void theChiefAndTheBureauIssueTheUnitsOfficerConfirmsAndRecordsUseInspectorsRead() {
        assertThat(Arrays.stream(StaffRole.values()).filter(r -> RolePolicy.permissionsOf(r).contains(SUPPLIES_ISSUE)))
                .containsExactlyInAnyOrder(StaffRole.BUREAU_COMMAND, StaffRole.STATION_CHIEF);
        assertThat(Arrays.stream(StaffRole.values())
                .filter(r -> RolePolicy.permissionsOf(r).contains(SUPPLIES_RECEIVE)))
                .containsExactly(StaffRole.COMMUNITY_OFFICER);
        assertThat(Arrays.stream(StaffRole.values()).filter(r -> RolePolicy.permissionsOf(r).contains(SUPPLIES_READ)))
                .containsExactlyInAnyOrder(StaffRole.BUREAU_COMMAND, StaffRole.STATION_CHIEF,
                        StaffRole.COMMUNITY_OFFICER, StaffRole.INSPECTOR);
        assertThat(RolePolicy.permissionsOf(StaffRole.INSPECTOR)).doesNotContain(SUPPLIES_ISSUE, SUPPLIES_RECEIVE);
    }

    @Test
    void onlyCommunityOfficersKeepADutyChecklistAndTheChiefsAboveAndInspectorsOverseeIt() {
        assertThat(Arrays.stream(StaffRole.values())
                .filter(r -> RolePolicy.permissionsOf(r).contains(org.fengqiao.platform.Permission.DUTY_OWN)))
                .containsExactly(StaffRole.COMMUNITY_OFFICER);
        assertThat(Arrays.stream(StaffRole.values())
                .filter(r -> RolePolicy.permissionsOf(r).contains(org.fengqiao.platform.Permission.DUTY_OVERVIEW)))
                .containsExactlyInAnyOrder(StaffRole.BUREAU_COMMAND, StaffRole.STATION_CHIEF, StaffRole.INSPECTOR);
    }

    @Test
    void everyoneWhoWorksInTheFieldEarnsPointsButTheInspectorsAndTheAdministrators() {
        assertThat(Arrays.stream(StaffRole.values())
                .filter(r -> !RolePolicy.permissionsOf(r).contains(org.fengqiao.platform.Permission.POINTS_EARN)))
                .containsExactlyInAnyOrder(StaffRole.INSPECTOR, StaffRole.SYSTEM_ADMIN, StaffRole.SECURITY_ADMIN,
                        StaffRole.AUDIT_ADMIN);
        // he still reads the leaderboards of the work he oversees
        assertThat(RolePolicy.permissionsOf(StaffRole.INSPECTOR)).contains(org.fengqiao.platform.Permission.POINTS_READ);
    }
}
