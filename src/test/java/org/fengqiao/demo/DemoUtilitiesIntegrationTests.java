package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo's utility readings: six months for the urban flats, planted anomalies, and loading again changes nothing. */
class DemoUtilitiesIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoUtilities utilities;
    @Autowired
    Jurisdictions jurisdictions;

    Map<String, Object> counts() {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM utility_reading ur JOIN grid g ON g.id = ur.grid_id WHERE g.code LIKE 'NS-%') AS readings,
                       (SELECT count(*) FROM verification_task t JOIN grid g ON g.id = t.grid_id WHERE g.code LIKE 'NS-%') AS tasks,
                       (SELECT count(*) FROM verification_task_event e JOIN verification_task t ON t.id = e.task_id
                        JOIN grid g ON g.id = t.grid_id WHERE g.code LIKE 'NS-%') AS events""").query().singleRow();
    }

    @Test
    void everyUrbanFlatHasSixMonthsOfWaterAndPowerAndLoadingAgainChangesNothing() {
        // the rooms of every building the demo gave readings (import_id is null: loaded, not imported)
        Map<String, Object> rooms = jdbc.sql("""
                WITH demo AS (SELECT DISTINCT r.building_id FROM utility_reading ur JOIN room r ON r.id = ur.room_id
                              JOIN grid g ON g.id = ur.grid_id WHERE g.code LIKE 'NS-%' AND ur.import_id IS NULL),
                per_room AS (SELECT r.id, count(ur.id) FILTER (WHERE ur.utility IN ('WATER', 'POWER') AND ur.import_id IS NULL) AS n,
                                    count(DISTINCT ur.month) FILTER (WHERE ur.import_id IS NULL) AS months
                             FROM room r JOIN demo d ON d.building_id = r.building_id
                             LEFT JOIN utility_reading ur ON ur.room_id = r.id GROUP BY r.id)
                SELECT count(*) AS rooms, count(*) FILTER (WHERE n = 12 AND months = 6) AS complete FROM per_room""")
                .query().singleRow();
        assertThat((Long) rooms.get("rooms")).isGreaterThan(1000);
        assertThat(rooms.get("complete")).isEqualTo(rooms.get("rooms"));

        Map<String, Object> before = counts();
        List<UUID> ids = jdbc.sql("SELECT id FROM grid WHERE code LIKE 'NS-%' AND network = 'POLICE' ORDER BY code")
                .query(UUID.class).list();
        List<Grid> grids = ids.stream().map(id -> jurisdictions.grid(new GridId(id)).orElseThrow()).toList();
        DemoUtilities.Loaded again = utilities.load(List.of(grids));
        assertThat(again.readings()).isZero();
        assertThat(again.tasks()).isZero();
        assertThat(counts()).isEqualTo(before);
    }
}
