package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GridReachTests {

    static final UUID MINE = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final UUID ME = UUID.randomUUID();

    Caller caller(List<UUID> servedGrids) {
        return new Caller(ME, "u", "某人", "GRID_MEMBER", List.of("/b/s/o/"), Set.of(), List.of("/b/s/o/"), servedGrids);
    }

    @Test
    void thePoliceReadEveryGridOfTheirPathsAndTheStatementStaysAsItWas() {
        GridReach reach = GridReach.of(caller(null));
        assertThat(reach.narrowed()).isFalse();
        assertThat(reach.condition("c.grid_id", "c.opened_by = :reachMe")).isEmpty();
        assertThat(reach.params()).isEmpty();
        assertThat(reach.reaches(OTHER, false)).isTrue();
    }

    @Test
    void oneWhoServesGridsReadsThoseGridsAndWhatIsHisElsewhere() {
        GridReach reach = GridReach.of(caller(List.of(MINE)));
        assertThat(reach.narrowed()).isTrue();
        assertThat(reach.reaches(MINE, false)).isTrue();
        assertThat(reach.reaches(OTHER, false)).isFalse();
        assertThat(reach.reaches(OTHER, true)).as("his own there").isTrue();
        assertThat(reach.condition("c.grid_id", "c.opened_by = :reachMe"))
                .isEqualTo(" AND (c.grid_id = ANY(CAST(:reachGrids AS uuid[])) OR c.opened_by = :reachMe) ");
        assertThat((UUID[]) reach.params().get("reachGrids")).containsExactly(MINE);
        assertThat(reach.params()).containsEntry("reachMe", ME);
    }

    @Test
    void theApplicationItselfReadsEverything() {
        assertThat(GridReach.of(null)).isEqualTo(GridReach.EVERY_GRID);
    }
}
