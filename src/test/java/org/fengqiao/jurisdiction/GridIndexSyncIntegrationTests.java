package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Another instance behind the load balancer changes the grid table; this instance's spatial index
 * must follow within a few poll intervals, without any local change to trigger it.
 */
class GridIndexSyncIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }

    static String square(double lon, double lat, double size) {
        return GridImportPolicyTests.square(lon, lat, size);
    }

    @Test
    void followsGridsInsertedAndMovedByAnotherInstance() throws InterruptedException {
        UUID community = jdbc.sql("SELECT id FROM community WHERE code = '320722001001'").query(UUID.class).single();
        UUID unit = jdbc.sql("SELECT unit_id FROM community WHERE id = ?").param(community).query(UUID.class).single();
        UUID id = UUID.randomUUID();
        assertThat(jurisdictions.locate(34.505, 119.505, GridNetwork.POLICE)).isEmpty();
        long revision = jdbc.sql("SELECT revision FROM grid_revision").query(Long.class).single();

        // written straight to the table, as another instance would: no event reaches this one
        jdbc.sql("""
                INSERT INTO grid (id, network, code, name, community_id, unit_id, boundary, area_m2,
                                  min_lon, min_lat, max_lon, max_lat)
                VALUES (?, 'POLICE', 'IT-SYNC', '同步测试网格', ?, ?, ?::jsonb, 1000000, 119.5, 34.5, 119.51, 34.51)""")
                .params(id, community, unit, square(119.50, 34.50, 0.01)).update();
        assertThat(jdbc.sql("SELECT revision FROM grid_revision").query(Long.class).single()).isGreaterThan(revision);

        Optional<Grid> found = await(() -> jurisdictions.locate(34.505, 119.505, GridNetwork.POLICE), Optional::isPresent);
        assertThat(found).map(Grid::code).contains("IT-SYNC");

        jdbc.sql("UPDATE grid SET boundary = ?::jsonb, min_lon = 119.6, max_lon = 119.61 WHERE id = ?")
                .params(square(119.60, 34.50, 0.01), id).update();
        Optional<Grid> moved = await(() -> jurisdictions.locate(34.505, 119.605, GridNetwork.POLICE), Optional::isPresent);
        assertThat(moved).map(Grid::code).contains("IT-SYNC");
        assertThat(jurisdictions.locate(34.505, 119.505, GridNetwork.POLICE)).isEmpty();

        jdbc.sql("DELETE FROM grid WHERE id = ?").param(id).update();
        assertThat(await(() -> jurisdictions.locate(34.505, 119.605, GridNetwork.POLICE), Optional::isEmpty)).isEmpty();
    }
}
