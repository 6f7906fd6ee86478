package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.internal.Boundary;
import org.fengqiao.jurisdiction.internal.GridLocator;
import org.junit.jupiter.api.Test;

/** The in-memory index on its own: the right grid per network, a stable answer on shared edges, nothing outside. */
class GridLocatorTests {

    static GridLocator.Entry entry(String code, GridNetwork network, double lon, double lat, double size) throws Exception {
        Grid grid = new Grid(new GridId(UUID.randomUUID()), network, code, code, new CommunityId(UUID.randomUUID()),
                new UnitId(UUID.randomUUID()), "/x/");
        return new GridLocator.Entry(grid, Boundary.parse(GridImportPolicyTests.square(lon, lat, size)).geometry());
    }

    @Test
    void findsTheGridOfTheAskedNetworkHoldingThePoint() throws Exception {
        GridLocator index = GridLocator.of(3, List.of(
                entry("P-1", GridNetwork.POLICE, 118.0, 34.0, 0.01),
                entry("P-2", GridNetwork.POLICE, 118.01, 34.0, 0.01),
                entry("U-1", GridNetwork.URBAN, 118.0, 34.0, 0.02)));
        assertThat(index.locate(118.015, 34.005, GridNetwork.POLICE)).map(Grid::code).contains("P-2");
        assertThat(index.locate(118.015, 34.005, GridNetwork.URBAN)).map(Grid::code).contains("U-1");
        assertThat(index.locate(118.015, 34.005, GridNetwork.CIVILIZATION)).isEmpty();
        assertThat(index.locate(118.5, 34.005, GridNetwork.POLICE)).isEmpty();
        assertThat(index.containing(118.005, 34.005)).extracting(Grid::code).containsExactlyInAnyOrder("P-1", "U-1");
        assertThat(index.revision()).isEqualTo(3);
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void aPointOnASharedEdgeBelongsToTheGridWithTheSmallerCodeWhateverTheOrder() throws Exception {
        GridLocator.Entry left = entry("A-1", GridNetwork.POLICE, 118.0, 34.0, 0.01);
        GridLocator.Entry right = entry("A-2", GridNetwork.POLICE, 118.01, 34.0, 0.01);
        assertThat(GridLocator.of(1, List.of(left, right)).locate(118.01, 34.005, GridNetwork.POLICE)).map(Grid::code).contains("A-1");
        assertThat(GridLocator.of(1, List.of(right, left)).locate(118.01, 34.005, GridNetwork.POLICE)).map(Grid::code).contains("A-1");
    }

    @Test
    void theEmptyIndexFindsNothingAndIsOlderThanAnyRevision() {
        assertThat(GridLocator.empty().locate(118.0, 34.0, GridNetwork.POLICE)).isEmpty();
        assertThat(GridLocator.empty().revision()).isLessThan(0);
    }
}
