package org.fengqiao.population;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.internal.Verifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk loading of monthly utility readings for system jobs (the demo district), and the anomaly policy
 * run over them. Like {@link PopulationLoader} it writes nothing to the audit trail: no person acts here.
 * Readings already stored for a room, utility and month are left as they are, so loading twice changes
 * nothing, and the policy opens a task once per anomaly.
 */
@Service
@Transactional
public class UtilityLoader {

    private final JdbcClient jdbc;
    private final Verifications verifications;

    UtilityLoader(JdbcClient jdbc, Verifications verifications) {
        this.jdbc = jdbc;
        this.verifications = verifications;
    }

    /** A room of a building and how many residents (permanent or floating) are registered in it now. */
    public record RoomState(RoomId room, GridId grid, String gridCode, int registered) {
    }

    /** WATER, POWER or GAS. */
    public record NewReading(RoomId room, GridId grid, String utility, YearMonth month, BigDecimal reading, BigDecimal consumption,
            String meter, String supplier) {
        public NewReading {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(grid, "grid");
            if (!List.of("WATER", "POWER", "GAS").contains(utility)) {
                throw new IllegalArgumentException("utility: " + utility);
            }
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(consumption, "consumption");
        }
    }

    /**
     * The rooms of the buildings of these grids, by grid code, building, unit, floor and number. The demo
     * loads in one transaction, so autovacuum has not seen its rows yet: the tables are analysed first,
     * or the planner, guessing, picks plans that take minutes instead of milliseconds.
     */
    /** Whether any of these grids has readings already. */
    public boolean anyReadings(List<GridId> grids) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM utility_reading WHERE grid_id = ANY(CAST(CAST(:grids AS text[]) AS uuid[])))")
                .param("grids", grids.stream().map(g -> g.value().toString()).toArray(String[]::new))
                .query(Boolean.class).single();
    }

    public List<RoomState> rooms(List<GridId> grids) {
        jdbc.sql("ANALYZE room, building, household, person").update();
        return jdbc.sql("""
                WITH registered AS (
                    SELECT h.room_id, count(*) AS n FROM household h JOIN person p ON p.household_id = h.id
                    WHERE h.room_id IS NOT NULL AND p.residence IN ('PERMANENT', 'FLOATING') GROUP BY h.room_id)
                SELECT r.id, g.id, g.code, coalesce(x.n, 0)
                FROM room r JOIN building b ON b.id = r.building_id JOIN grid g ON g.id = b.grid_id
                LEFT JOIN registered x ON x.room_id = r.id
                WHERE g.id = ANY(CAST(CAST(:grids AS text[]) AS uuid[]))
                ORDER BY g.code, b.name, r.unit_no, r.floor, r.number""")
                .param("grids", grids.stream().map(g -> g.value().toString()).toArray(String[]::new))
                .query((rs, n) -> new RoomState(new RoomId(rs.getObject(1, UUID.class)), new GridId(rs.getObject(2, UUID.class)),
                        rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** Writes readings in one statement. */
    public int readings(List<NewReading> readings) {
        if (readings.isEmpty()) {
            return 0;
        }
        int n = readings.size();
        String[] rooms = new String[n];
        String[] grids = new String[n];
        String[] utilities = new String[n];
        String[] months = new String[n];
        String[] values = new String[n];
        String[] consumptions = new String[n];
        String[] meters = new String[n];
        String[] suppliers = new String[n];
        for (int i = 0; i < n; i++) {
            NewReading r = readings.get(i);
            rooms[i] = r.room().value().toString();
            grids[i] = r.grid().value().toString();
            utilities[i] = r.utility();
            months[i] = r.month().atDay(1).toString();
            values[i] = r.reading() == null ? null : r.reading().toPlainString();
            consumptions[i] = r.consumption().toPlainString();
            meters[i] = r.meter();
            suppliers[i] = r.supplier();
        }
        return jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, utility, month, meter, reading, consumption, supplier)
                SELECT gen_random_uuid(), CAST(t.grid AS uuid), CAST(t.room AS uuid), t.utility, CAST(t.month AS date), t.meter,
                       CAST(t.reading AS numeric), CAST(t.consumption AS numeric), t.supplier
                FROM unnest(CAST(:rooms AS text[]), CAST(:grids AS text[]), CAST(:utilities AS text[]), CAST(:months AS text[]),
                            CAST(:readings AS text[]), CAST(:consumptions AS text[]), CAST(:meters AS text[]),
                            CAST(:suppliers AS text[])) AS t(room, grid, utility, month, reading, consumption, meter, supplier)
                ON CONFLICT (place_id, utility, month) DO NOTHING""")
                .param("rooms", rooms).param("grids", grids).param("utilities", utilities).param("months", months).param("readings", values)
                .param("consumptions", consumptions).param("meters", meters).param("suppliers", suppliers).update();
    }

    /** Runs the anomaly policy over rooms and answers how many verification tasks it opened. */
    public int evaluate(List<RoomId> rooms) {
        jdbc.sql("ANALYZE utility_reading").update();
        return verifications.evaluate(rooms.stream().map(RoomId::value).toList(), null);
    }
}
