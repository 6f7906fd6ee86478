package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.junit.jupiter.api.Test;

/**
 * Who reads a grid, as {@link StaffRegister.Signing#readsGrid} answers it for whoever gives a grid's work: the scope and
 * grid reach the person's sign-in gives him, nothing wider and nothing narrower.
 */
class GridReadingTests {

    static final String OFFICE = "/b/s/o/";
    static final String POINT_1 = OFFICE + "p1/";
    static final String POINT_2 = OFFICE + "p2/";
    static final String ELSEWHERE = "/b/t/w/";
    static final UUID AT_POINT_1 = UUID.randomUUID();
    static final UUID AT_OFFICE = UUID.randomUUID();
    static final UUID OTHER_AT_OFFICE = UUID.randomUUID();

    static StaffRegister.Signing signing(StaffRole role, String unitPath, boolean active, List<String> servedUnits,
            List<UUID> served) {
        StaffRegister.Row row = new StaffRegister.Row(UUID.randomUUID(), UUID.randomUUID(), role, "张三", "zhangsan",
                active, null, null, null, null, 0, null, null, "zh-CN", unitPath, "单位", false);
        return new StaffRegister.Signing(row, servedUnits, served);
    }

    @Test
    void thePoliceReadTheGridsOfTheirUnitsSubtreeAndNoneBeyondItEvenOneTheyAreRosteredOn() {
        StaffRegister.Signing officer = signing(StaffRole.COMMUNITY_OFFICER, OFFICE, true, List.of(ELSEWHERE),
                List.of(UUID.randomUUID()));

        assertThat(officer.readsGrid(AT_POINT_1, POINT_1)).isTrue();
        assertThat(officer.readsGrid(AT_OFFICE, OFFICE)).isTrue();
        assertThat(officer.readsGrid(UUID.randomUUID(), ELSEWHERE)).isFalse();
    }

    @Test
    void oneWhoServesAGridAtHisOfficeReadsThatGridNotTheOfficesOthers() {
        StaffRegister.Signing member = signing(StaffRole.GRID_MEMBER, OFFICE, true, List.of(OFFICE),
                List.of(AT_OFFICE));

        assertThat(member.readsGrid(AT_OFFICE, OFFICE)).isTrue();
        assertThat(member.readsGrid(OTHER_AT_OFFICE, OFFICE)).isFalse();
        assertThat(member.readsGrid(AT_POINT_1, POINT_1)).isFalse();
    }

    @Test
    void aGridWorkerWhoServesNoGridReadsHisUnitsSubtreeAsHisSignInDoes() {
        StaffRegister.Signing coordinator = signing(StaffRole.GRID_COORDINATOR, POINT_1, true, List.of(), List.of());

        assertThat(coordinator.readsGrid(AT_POINT_1, POINT_1)).isTrue();
        assertThat(coordinator.readsGrid(UUID.randomUUID(), POINT_2)).isFalse();
    }

    @Test
    void aVolunteerServingAGridBeyondHisUnitDoesNotReadItThereButHisUnitsSubtree() {
        StaffRegister.Signing volunteer = signing(StaffRole.VOLUNTEER, POINT_2, true, List.of(POINT_1),
                List.of(AT_POINT_1));

        assertThat(volunteer.readsGrid(AT_POINT_1, POINT_1)).isFalse();
        assertThat(volunteer.readsGrid(UUID.randomUUID(), POINT_2)).isTrue();
    }

    @Test
    void someoneNoLongerActiveReadsNothing() {
        StaffRegister.Signing gone = signing(StaffRole.COMMUNITY_OFFICER, OFFICE, false, List.of(), List.of());

        assertThat(gone.readsGrid(AT_POINT_1, POINT_1)).isFalse();
    }
}
