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
    public record NewReading(RoomId room, String utility, YearMonth month, BigDecimal reading, BigDecimal consumption,
            String meter, String supplier) {
        public NewReading {
            Objects.requireNonNull(room, "room");
            if (!List.of("WATER", "POWER", "GAS").contains(utility)) {
                throw new IllegalArgumentException("utility: " + utility);
            }
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(consumption, "consumption");
        }
    }

    /** The rooms of the buildings of these grids, by grid code, building, unit, floor and number. */
    public List<RoomState> rooms(List<GridId> grids) {
        return jdbc.sql("""
                SELECT r.id, g.id, g.code,
                       (SELECT count(*) FROM household h JOIN person p ON p.household_id = h.id
                        WHERE h.room_id = r.id AND p.residence IN ('PERMANENT', 'FLOATING')) AS registered
                FROM room r JOIN building b ON b.id = r.building_id JOIN grid g ON g.id = b.grid_id
                WHERE g.id = ANY(CAST(CAST(:grids AS text[]) AS uuid[]))
                ORDER BY g.code, b.name, r.unit_no, r.floor, r.number""")
                .param("grids", grids.stream().map(g -> g.value().toString()).toArray(String[]::new))
                .query((rs, n) -> new RoomState(new RoomId(rs.getObject(1, UUID.class)), new GridId(rs.getObject(2, UUID.class)),
                        rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** Writes readings in one statement; the grid and address come from each room. */
    public int readings(List<NewReading> readings) {
        if (readings.isEmpty()) {
            return 0;
        }
        int n = readings.size();
        String[] rooms = new String[n];
        String[] utilities = new String[n];
        String[] months = new String[n];
        String[] values = new String[n];
        String[] consumptions = new String[n];
        String[] meters = new String[n];
        String[] suppliers = new String[n];
        for (int i = 0; i < n; i++) {
            NewReading r = readings.get(i);
            rooms[i] = r.room().value().toString();
            utilities[i] = r.utility();
            months[i] = r.month().atDay(1).toString();
            values[i] = r.reading() == null ? null : r.reading().toPlainString();
            consumptions[i] = r.consumption().toPlainString();
            meters[i] = r.meter();
            suppliers[i] = r.supplier();
        }
        return jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, utility, month, meter, reading, consumption, supplier)
                SELECT gen_random_uuid(), b.grid_id, r.id, t.utility, CAST(t.month AS date), t.meter,
                       CAST(t.reading AS numeric), CAST(t.consumption AS numeric), t.supplier
                FROM unnest(CAST(:rooms AS text[]), CAST(:utilities AS text[]), CAST(:months AS text[]),
                            CAST(:readings AS text[]), CAST(:consumptions AS text[]), CAST(:meters AS text[]),
                            CAST(:suppliers AS text[])) AS t(room, utility, month, reading, consumption, meter, supplier)
                JOIN room r ON r.id = CAST(t.room AS uuid) JOIN building b ON b.id = r.building_id
                ON CONFLICT (place_id, utility, month) DO NOTHING""")
                .param("rooms", rooms).param("utilities", utilities).param("months", months).param("readings", values)
                .param("consumptions", consumptions).param("meters", meters).param("suppliers", suppliers).update();
    }

    /** Runs the anomaly policy over rooms and answers how many verification tasks it opened. */
    public int evaluate(List<RoomId> rooms) {
        return verifications.evaluate(rooms.stream().map(RoomId::value).toList(), null);
    }
}
