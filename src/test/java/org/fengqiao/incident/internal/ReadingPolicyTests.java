package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.junit.jupiter.api.Test;

class ReadingPolicyTests {

    static final String OFFICE = "/bureau/station/office/";
    final UUID me = UUID.randomUUID();
    final UUID served = UUID.randomUUID();
    final UUID other = UUID.randomUUID();
    final UUID someoneElse = UUID.randomUUID();

    Caller caller(String role, List<UUID> servedGrids) {
        return new Caller(me, "u", "U", role, List.of(OFFICE), Set.of("INCIDENT_READ"), List.of(OFFICE), servedGrids);
    }

    @Test
    void oneWhoServesAGridAtHisOfficeReadsItHisOwnItemsAndHisReportsNotTheOfficesOtherGrids() {
        Reach reach = ReadingPolicy.reach(caller("GRID_MEMBER", List.of(served)));

        assertThat(reach.reaches(served, OFFICE, someoneElse, someoneElse)).isTrue();
        assertThat(reach.reaches(other, OFFICE, someoneElse, someoneElse)).as("another grid of the office").isFalse();
        assertThat(reach.reaches(other, OFFICE, me, someoneElse)).as("an item he owns").isTrue();
        assertThat(reach.reaches(other, OFFICE, someoneElse, me)).as("a report he filed").isTrue();
        assertThat(reach.reaches(served, "/bureau/other-station/", me, me)).as("never beyond his unit paths").isFalse();
        assertThat(reach.condition()).contains("i.grid_id = ANY", "i.owner_staff_id = :reachMe", "i.created_by = :reachMe");
    }

    @Test
    void thePoliceReadEveryGridOfTheirUnit() {
        Reach reach = ReadingPolicy.reach(caller("COMMUNITY_OFFICER", null));

        assertThat(reach.reaches(other, OFFICE, someoneElse, someoneElse)).isTrue();
        assertThat(reach.reaches(other, "/bureau/other-station/", someoneElse, someoneElse)).isFalse();
        assertThat(reach.condition()).doesNotContain("grid_id");
    }

    @Test
    void theApplicationItselfReadsEverything() {
        assertThat(Reach.ALL.reaches(other, null, null, null)).isTrue();
        assertThat(Reach.ALL.condition()).isEqualTo(" true ");
    }
}
