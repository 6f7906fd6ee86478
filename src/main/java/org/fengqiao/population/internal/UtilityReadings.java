package org.fengqiao.population.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Monthly utility readings per place (a room, or a standard address without a room). Lookups for an
 * import take a whole batch of rows in one statement each; every lookup by a caller is scoped through
 * the place's grid and unit path inside the SQL, and for one who serves grids the grids he serves ({@link GridReach}),
 * so a place outside the scope is not found.
 */
@Repository
public class UtilityReadings {

    private final JdbcClient jdbc;

    UtilityReadings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where readings go: the room when there is one, the address otherwise, and the grid it belongs to. */
    public record Place(UUID roomId, UUID addressId, UUID gridId, String unitPath) {
        public UUID id() {
            return roomId != null ? roomId : addressId;
        }
    }

    /** A room as an import row names it: grid code, building name, unit, floor (optional) and room number. */
    public record RoomKey(String gridCode, String building, int unit, Integer floor, String number) {
    }

    public record Reading(UUID id, UUID placeId, UUID gridId, Utility utility, YearMonth month, String meter,
            BigDecimal reading, BigDecimal consumption, String supplier) {
    }

    /** A row to write: where, which utility and month, and what the supplier reported. */
    public record NewReading(UUID id, Place place, Utility utility, YearMonth month, String meter, BigDecimal reading,
            BigDecimal consumption, String supplier) {
    }

    /** The rooms of the caller's scope matching the keys; a key matching several rooms (no floor given) maps to all. */
    public Map<RoomKey, List<Place>> rooms(List<RoomKey> keys, Caller caller) {
        Map<RoomKey, List<Place>> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] codes = new String[keys.size()];
        String[] buildings = new String[keys.size()];
        String[] units = new String[keys.size()];
        String[] floors = new String[keys.size()];
        String[] numbers = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            RoomKey k = keys.get(i);
            codes[i] = k.gridCode();
            buildings[i] = k.building();
            units[i] = String.valueOf(k.unit());
            floors[i] = k.floor() == null ? null : String.valueOf(k.floor());
            numbers[i] = k.number();
        }
        jdbc.sql("""
                SELECT k.i, r.id, r.address_id, b.grid_id, u.path
                FROM unnest(CAST(:codes AS text[]), CAST(:buildings AS text[]), CAST(:units AS text[]),
                            CAST(:floors AS text[]), CAST(:numbers AS text[])) WITH ORDINALITY
                     AS k(code, building, unit_no, floor, number, i)
                JOIN grid g ON g.code = k.code AND g.network = 'POLICE'
                JOIN unit u ON u.id = g.unit_id
                JOIN building b ON b.grid_id = g.id AND b.name = k.building
                JOIN room r ON r.building_id = b.id AND r.unit_no = CAST(k.unit_no AS int) AND r.number = k.number
                           AND (k.floor IS NULL OR r.floor = CAST(k.floor AS int))
                WHERE u.path LIKE ANY(CAST(:scope AS text[]))""" + GridReach.of(caller).condition("b.grid_id"))
                .params(GridReach.of(caller).params()).param("codes", codes).param("buildings", buildings).param("units", units).param("floors", floors)
                .param("numbers", numbers).param("scope", caller.scopePatterns())
                .query((ResultSet rs) -> {
                    RoomKey key = keys.get(rs.getInt(1) - 1);
                    found.computeIfAbsent(key, k -> new ArrayList<>()).add(new Place(rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getString(5)));
                });
        return found;
    }

    /** The standard addresses of the caller's scope by full text, each with the room that carries it if any. */
    public Map<String, Place> addresses(List<String> texts, Caller caller) {
        Map<String, Place> found = new HashMap<>();
        if (texts.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT a.full_text, r.id, a.id, coalesce(rg.id, g.id), coalesce(ru.path, u.path)
                FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                LEFT JOIN LATERAL (SELECT r.id, r.building_id FROM room r WHERE r.address_id = a.id ORDER BY r.id LIMIT 1) r ON true
                LEFT JOIN building b ON b.id = r.building_id LEFT JOIN grid rg ON rg.id = b.grid_id
                LEFT JOIN unit ru ON ru.id = rg.unit_id
                WHERE a.full_text = ANY(CAST(:texts AS text[])) AND coalesce(ru.path, u.path) LIKE ANY(CAST(:scope AS text[]))"""
                        + GridReach.of(caller).condition("coalesce(rg.id, g.id)"))
                .params(GridReach.of(caller).params()).param("texts", texts.toArray(String[]::new)).param("scope", caller.scopePatterns())
                .query((ResultSet rs) -> {
                    found.put(rs.getString(1), new Place(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5)));
                });
        return found;
    }

    /** Place, utility and month of a reading, the key of at most one stored row. */
    public record Key(UUID placeId, Utility utility, YearMonth month) {
    }

    /** The stored readings of these keys. */
    public Map<Key, Reading> find(List<Key> keys) {
        Map<Key, Reading> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] places = new String[keys.size()];
        String[] utilities = new String[keys.size()];
        String[] months = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            places[i] = keys.get(i).placeId().toString();
            utilities[i] = keys.get(i).utility().name();
            months[i] = keys.get(i).month().atDay(1).toString();
        }
        jdbc.sql("""
                SELECT ur.id, ur.place_id, ur.grid_id, ur.utility, ur.month, ur.meter, ur.reading, ur.consumption, ur.supplier
                FROM unnest(CAST(:places AS text[]), CAST(:utilities AS text[]), CAST(:months AS text[])) AS k(place, utility, month)
                JOIN utility_reading ur ON ur.place_id = CAST(k.place AS uuid) AND ur.utility = k.utility
                                       AND ur.month = CAST(k.month AS date)""")
                .param("places", places).param("utilities", utilities).param("months", months)
                .query((ResultSet rs) -> {
                    Reading r = reading(rs, 0);
                    found.put(new Key(r.placeId(), r.utility(), r.month()), r);
                });
        return found;
    }

    /** Writes new readings in one statement; a reading some other import wrote meanwhile is left as it is. */
    public int insert(List<NewReading> rows, UUID importId) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        String[] ids = new String[n];
        String[] grids = new String[n];
        String[] rooms = new String[n];
        String[] addresses = new String[n];
        String[] utilities = new String[n];
        String[] months = new String[n];
        String[] meters = new String[n];
        String[] readings = new String[n];
        String[] consumptions = new String[n];
        String[] suppliers = new String[n];
        for (int i = 0; i < n; i++) {
            NewReading r = rows.get(i);
            ids[i] = r.id().toString();
            grids[i] = r.place().gridId().toString();
            rooms[i] = r.place().roomId() == null ? null : r.place().roomId().toString();
            addresses[i] = r.place().addressId() == null ? null : r.place().addressId().toString();
            utilities[i] = r.utility().name();
            months[i] = r.month().atDay(1).toString();
            meters[i] = r.meter();
            readings[i] = r.reading() == null ? null : r.reading().toPlainString();
            consumptions[i] = r.consumption().toPlainString();
            suppliers[i] = r.supplier();
        }
        return jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, address_id, utility, month, meter, reading, consumption,
                                             supplier, import_id)
                SELECT CAST(id AS uuid), CAST(grid AS uuid), CAST(room AS uuid), CAST(address AS uuid), utility,
                       CAST(month AS date), meter, CAST(reading AS numeric), CAST(consumption AS numeric), supplier,
                       CAST(:import AS uuid)
                FROM unnest(CAST(:ids AS text[]), CAST(:grids AS text[]), CAST(:rooms AS text[]), CAST(:addresses AS text[]),
                            CAST(:utilities AS text[]), CAST(:months AS text[]), CAST(:meters AS text[]),
                            CAST(:readings AS text[]), CAST(:consumptions AS text[]), CAST(:suppliers AS text[]))
                     AS t(id, grid, room, address, utility, month, meter, reading, consumption, supplier)
                ON CONFLICT (place_id, utility, month) DO NOTHING""")
                .param("import", importId == null ? null : importId.toString()).param("ids", ids).param("grids", grids)
                .param("rooms", rooms).param("addresses", addresses).param("utilities", utilities)
                .param("months", months).param("meters", meters).param("readings", readings)
                .param("consumptions", consumptions).param("suppliers", suppliers).update();
    }

    /** A corrected reading over the stored one. */
    public void update(UUID id, String meter, BigDecimal reading, BigDecimal consumption, String supplier, UUID importId) {
        jdbc.sql("""
                UPDATE utility_reading SET meter = ?, reading = ?, consumption = ?, supplier = ?, import_id = ?,
                       updated_at = now(), version = version + 1
                WHERE id = ?""")
                .params(meter, reading, consumption, supplier, importId, id).update();
    }

    /** The readings of places from a month on, oldest first: what the anomaly policy judges. */
    public Map<UUID, List<UtilityAnomalyPolicy.Use>> uses(List<UUID> places, YearMonth since) {
        Map<UUID, List<UtilityAnomalyPolicy.Use>> uses = new HashMap<>();
        if (places.isEmpty()) {
            return uses;
        }
        jdbc.sql("""
                SELECT place_id, utility, month, consumption FROM utility_reading
                WHERE place_id = ANY(CAST(CAST(:places AS text[]) AS uuid[])) AND month >= :since ORDER BY month""")
                .param("places", places.stream().map(UUID::toString).toArray(String[]::new)).param("since", since.atDay(1))
                .query((ResultSet rs) -> {
                    uses.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new UtilityAnomalyPolicy.Use(Utility.valueOf(rs.getString(2)),
                                    YearMonth.from(rs.getObject(3, LocalDate.class)), rs.getBigDecimal(4)));
                });
        return uses;
    }

    /** The readings of one place, newest month first, for a task's page. */
    public List<Reading> ofPlace(UUID placeId, int months) {
        return jdbc.sql("""
                SELECT id, place_id, grid_id, utility, month, meter, reading, consumption, supplier FROM utility_reading
                WHERE place_id = ? AND month >= (SELECT max(month) FROM utility_reading WHERE place_id = ?) - make_interval(months => ?)
                ORDER BY month DESC, utility""")
                .params(placeId, placeId, months - 1).query(UtilityReadings::reading).list();
    }

    /** A room of the caller's scope, as a place. */
    public Optional<Place> roomVisible(UUID roomId, Caller caller) {
        return jdbc.sql("""
                SELECT r.id, r.address_id, b.grid_id, u.path FROM room r JOIN building b ON b.id = r.building_id
                JOIN grid g ON g.id = b.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE r.id = :id AND u.path LIKE ANY(:scope)""" + GridReach.of(caller).condition("b.grid_id"))
                .param("id", roomId).param("scope", caller.scopePatterns()).params(GridReach.of(caller).params())
                .query((rs, n) -> new Place(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4))).optional();
    }

    /** An address of the caller's scope that no room carries, as a place. */
    public Optional<Place> addressVisible(UUID addressId, Caller caller) {
        return jdbc.sql("""
                SELECT a.id, g.id, u.path FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE a.id = :id AND u.path LIKE ANY(:scope) AND NOT EXISTS (SELECT 1 FROM room r WHERE r.address_id = a.id)"""
                        + GridReach.of(caller).condition("a.grid_id"))
                .param("id", addressId).param("scope", caller.scopePatterns()).params(GridReach.of(caller).params())
                .query((rs, n) -> new Place(null, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3))).optional();
    }

    static Reading reading(ResultSet rs, int n) throws SQLException {
        return new Reading(rs.getObject("id", UUID.class), rs.getObject("place_id", UUID.class),
                rs.getObject("grid_id", UUID.class), Utility.valueOf(rs.getString("utility")),
                YearMonth.from(rs.getObject("month", LocalDate.class)), rs.getString("meter"), rs.getBigDecimal("reading"),
                rs.getBigDecimal("consumption"), rs.getString("supplier"));
    }
}
