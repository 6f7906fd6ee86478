package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fengqiao.account.StaffRole;
import org.junit.jupiter.api.Test;

class ScopePolicyTests {

    static final String OFFICE = "/b/s/o/";
    static final String POINT_1 = "/b/s/o/p1/";
    static final String POINT_2 = "/b/s/o/p2/";

    @Test
    void aGridMemberSeesTheWorkPointsOfTheGridsHeServesNotHisWholeOffice() {
        assertThat(ScopePolicy.scope(StaffRole.GRID_MEMBER, OFFICE, List.of(POINT_2, POINT_1)))
                .containsExactly(POINT_1, POINT_2);
        assertThat(ScopePolicy.scope(StaffRole.INFORMANT, OFFICE, List.of(POINT_1))).containsExactly(POINT_1);
        assertThat(ScopePolicy.scope(StaffRole.VOLUNTEER, OFFICE, List.of(POINT_1))).containsExactly(POINT_1);
        assertThat(ScopePolicy.scope(StaffRole.GRID_COORDINATOR, OFFICE, List.of(POINT_1, POINT_2)))
                .containsExactly(POINT_1, POINT_2);
    }

    @Test
    void policeStaffKeepTheirUnitWhateverGridsTheyServe() {
        for (StaffRole role : List.of(StaffRole.COMMUNITY_OFFICER, StaffRole.AUXILIARY_POLICE, StaffRole.STATION_CHIEF)) {
            assertThat(ScopePolicy.scope(role, OFFICE, List.of(POINT_1))).containsExactly(OFFICE);
        }
    }

    @Test
    void aGridAtHisUnitItselfOrNoGridLeavesHimHisUnit() {
        assertThat(ScopePolicy.scope(StaffRole.GRID_MEMBER, OFFICE, List.of(OFFICE, POINT_1))).containsExactly(OFFICE);
        assertThat(ScopePolicy.scope(StaffRole.GRID_MEMBER, OFFICE, List.of())).containsExactly(OFFICE);
    }

    @Test
    void theScopeIsNeverWiderThanHisUnitNorListsAUnitTwice() {
        // a grid of another office he was given by mistake does not open that office to him
        assertThat(ScopePolicy.scope(StaffRole.GRID_MEMBER, OFFICE, List.of("/b/s/x/p9/", POINT_1)))
                .containsExactly(POINT_1);
        assertThat(ScopePolicy.scope(StaffRole.GRID_MEMBER, OFFICE, List.of("/b/s/x/p9/"))).containsExactly(OFFICE);
        // a workstation and a work point under it: the workstation covers both
        assertThat(ScopePolicy.scope(StaffRole.GRID_MEMBER, OFFICE, List.of("/b/s/o/w/p3/", "/b/s/o/w/", POINT_1)))
                .containsExactly(POINT_1, "/b/s/o/w/");
    }

    /**
     * Seed 002: a grid member, a coordinator, an informant and a volunteer each have named grids and the work in them,
     * and report there (their unit while they serve none); the police report anywhere their unit answers for.
     */
    @Test
    void thoseWhoServeGridsReportInTheGridsTheyServeThePoliceInTheirUnit() {
        for (StaffRole role : List.of(StaffRole.GRID_MEMBER, StaffRole.GRID_COORDINATOR, StaffRole.INFORMANT,
                StaffRole.VOLUNTEER)) {
            assertThat(ScopePolicy.reportScope(role, OFFICE, List.of(POINT_2))).as(role.name()).containsExactly(POINT_2);
            assertThat(ScopePolicy.reportScope(role, OFFICE, List.of())).as(role.name()).containsExactly(OFFICE);
        }
        for (StaffRole role : List.of(StaffRole.COMMUNITY_OFFICER, StaffRole.AUXILIARY_POLICE, StaffRole.STATION_CHIEF,
                StaffRole.BUREAU_COMMAND)) {
            assertThat(ScopePolicy.reportScope(role, OFFICE, List.of(POINT_2))).as(role.name()).containsExactly(OFFICE);
        }
    }

    /**
     * A grid placed at the office itself has the office's path, which covers every grid of the office: those who serve
     * it report in the grids they serve themselves, those at or under their unit; the police in any grid of their unit.
     */
    @Test
    void thoseWhoServeAGridAtTheOfficeReportInTheirGridsNotInAllTheOfficeCovers() {
        java.util.UUID atOffice = java.util.UUID.randomUUID();
        java.util.UUID atPoint = java.util.UUID.randomUUID();
        java.util.UUID elsewhere = java.util.UUID.randomUUID();
        for (StaffRole role : List.of(StaffRole.GRID_MEMBER, StaffRole.GRID_COORDINATOR, StaffRole.INFORMANT,
                StaffRole.VOLUNTEER)) {
            assertThat(ScopePolicy.reportScope(role, OFFICE, List.of(OFFICE, POINT_1))).containsExactly(OFFICE);
            assertThat(ScopePolicy.reportGrids(role, OFFICE, List.of(OFFICE, POINT_1, "/b/s/x/p9/"),
                    List.of(atOffice, atPoint, elsewhere))).as(role.name()).containsExactly(atOffice, atPoint);
            assertThat(ScopePolicy.reportGrids(role, OFFICE, List.of(), List.of())).as("serving none").isNull();
        }
        assertThat(ScopePolicy.reportGrids(StaffRole.COMMUNITY_OFFICER, OFFICE, List.of(OFFICE), List.of(atOffice)))
                .isNull();
    }
}
