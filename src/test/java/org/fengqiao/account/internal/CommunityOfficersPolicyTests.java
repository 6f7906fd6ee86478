package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.account.StaffRole;
import org.junit.jupiter.api.Test;

class CommunityOfficersPolicyTests {

    @Test
    void onlyAPoliceOfficerAnswersForAVillage() {
        assertThat(CommunityOfficersPolicy.officer(StaffRole.COMMUNITY_OFFICER)).isEmpty();
        assertThat(CommunityOfficersPolicy.officer(StaffRole.STATION_CHIEF)).isEmpty();
        assertThat(CommunityOfficersPolicy.officer(StaffRole.AUXILIARY_POLICE)).contains("account.community.officerRole");
        assertThat(CommunityOfficersPolicy.officer(StaffRole.VOLUNTEER)).contains("account.community.officerRole");
    }

    @Test
    void theTwoMembersComeFromThePeopleWhoWorkInTheGridNeverFromAdministratorsOrInformants() {
        for (StaffRole role : StaffRole.values()) {
            boolean accepted = CommunityOfficersPolicy.member(role).isEmpty();
            boolean expected = role == StaffRole.AUXILIARY_POLICE || role == StaffRole.GRID_MEMBER
                    || role == StaffRole.VOLUNTEER || role == StaffRole.SECURITY_GUARD || role == StaffRole.GRID_COORDINATOR;
            assertThat(accepted).as(role.name()).isEqualTo(expected);
        }
    }
}
