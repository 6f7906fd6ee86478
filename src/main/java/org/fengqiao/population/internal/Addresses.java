package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.AddressQuery;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Standard addresses (一标), each in one grid and so in the grid's unit: scoped reads filter on the
 * unit's path inside the SQL, so an address outside the caller's subtree is not found. The one-line
 * text is unique: it is how an address is known again.
 */
@Repository
public class Addresses {

    private static final String SELECT = """
            SELECT a.id, a.grid_id, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path, a.county_code,
                   a.township_code, a.province, a.city, a.county, a.township, a.community, a.village_group, a.street,
                   a.door_number, a.compound, a.building, a.unit_no, a.floor, a.room, a.full_text, a.lon, a.lat,
                   a.version
            FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
            """;

    /**
     * Door order: numbers inside the text compared as numbers (1组2号 before 1组10号, 3号楼 before 12号楼, 101室
     * before 1001室), those in Chinese numerals too (一组 with 1组, 二组 < 10组 < 十一组; V147), the rest as text in
     * code point order; the stored key of V143, walked through its index.
     */
    static final String DOOR_ORDER = "a.sort_key, a.id";

    /**
     * The door-order key of a short text (a building's name, a room's or a household's number) for an ORDER BY of a
     * few rows: natural_sort_key (V143, V147), computed as the rows are sorted, compared like the stored key.
     */
    static String doorOrder(String column) {
        return "natural_sort_key(" + column + ") COLLATE \"C\"";
    }

    private final JdbcClient jdbc;

    Addresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Address(UUID id, UUID gridId, String gridCode, String gridName, String unitPath,
            StandardAddress.Parts parts, String fullText, Double lon, Double lat, long version) {
    }

    public record Page(List<Address> rows, long total) {
    }

    public Optional<Address> findVisible(UUID id, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(SELECT + " WHERE a.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("a.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params())
                .query(Addresses::map).optional();
    }

    /** The grid a record is filed in and that grid's unit path, as read under the record's lock. */
    public record Filed(UUID gridId, String unitPath) {
    }

    /**
     * Keeps another transaction holding the address so from reading what is recorded at it until this one ends
     * (FOR NO KEY UPDATE), as {@link Buildings#holdRoomAlone} does for a room: two rentals of one address without a
     * room (a whole house, a shop) registered at the same moment are checked one after the other, so the second sees
     * the first and is refused as let already. Rows referring to the address (a household, a rental of one of its
     * rooms) take FOR KEY SHARE for their foreign key and do not wait. Taken before any rental is read or written, as
     * an address moved into another grid ({@code MisplacedAddresses}) locks the address before its rentals.
     * Answers the grid the address is filed in once locked: a move committed while this waited has changed it, and
     * what is registered at the address belongs in the grid it is in now, not in the one read before the lock.
     */
    public Filed holdAlone(UUID id) {
        return hold(id, "FOR NO KEY UPDATE");
    }

    /**
     * As {@link #holdAlone}, but shared (FOR SHARE): a move of the address into another grid (which holds it FOR
     * UPDATE) and this wait for each other, while others registering at the address shared do not. Taken before a
     * household is registered at the address or in a room of it, so that the household is filed in the grid the
     * address is in once the move is done, and the move, waiting, finds the household and takes it along.
     */
    public Filed holdShared(UUID id) {
        return hold(id, "FOR SHARE");
    }

    private Filed hold(UUID id, String lock) {
        // the row alone: a lock waiting for a move rechecks a join with the grid row read before, and would drop it
        UUID grid = jdbc.sql("SELECT grid_id FROM address WHERE id = ? " + lock).param(id)
                .query(UUID.class).optional().orElseThrow(() -> new NotFound("address", id));
        return filed(grid);
    }

    /** The grid with its unit's path, read by a statement of its own after the lock that found it. */
    Filed filed(UUID grid) {
        return new Filed(grid, jdbc.sql("SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.id = ?")
                .param(grid).query(String.class).single());
    }

    public Optional<Address> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE a.id = ?").param(id).query(Addresses::map).optional();
    }

    /** The address with this text, whatever the scope: an address is its own identity. */
    public Optional<Address> byText(String fullText) {
        return jdbc.sql(SELECT + " WHERE a.full_text = ?").param(fullText).query(Addresses::map).optional();
    }

    /**
     * The caller's addresses whose text holds what was typed, of one grid when given. What was typed is read as a
     * person writes an address ({@link AddressQuery}: numbers the standard way, and the divisions above the village
     * may be left out, 东海县吴场村1组40号 finding 江苏省连云港市东海县房山镇吴场村1组40号); the address written so
     * comes first, then those ending with it, then the rest in door order. Without a query, door order
     * ({@link #DOOR_ORDER}).
     */
    public Page page(Caller caller, String fragment, UUID gridId, int limit, int offset) {
        PageStatement statement = pageStatement(caller, fragment, gridId);
        List<Address> rows = jdbc.sql(statement.rows()).params(statement.params())
                .param("limit", limit).param("offset", offset).query(Addresses::map).list();
        long total = rows.size() < limit && offset == 0 ? rows.size()
                : jdbc.sql(statement.count()).params(statement.params()).query(Long.class).single();
        return new Page(rows, total);
    }

    /** The statements of {@link #page}: its rows (with :limit and :offset to bind), its count, their parameters. */
    record PageStatement(String rows, String count, Map<String, Object> params) {
    }

    PageStatement pageStatement(Caller caller, String fragment, UUID gridId) {
        AddressQuery q = AddressQuery.of(fragment);
        // one who serves grids reads the addresses of those grids only (GridReach), as he reads their persons
        GridReach reach = GridReach.of(caller);
        String where = """
                 WHERE u.path LIKE ANY(:scope) AND (CAST(:grid AS uuid) IS NULL OR a.grid_id = :grid)"""
                + reach.condition("a.grid_id") + (q == null ? "" : " AND " + q.anyInside("a.full_text"));
        String order = " ORDER BY " + (q == null ? "" : q.bestFirst("a.full_text") + ", ") + DOOR_ORDER;
        Map<String, Object> params = new HashMap<>(q == null ? Map.of() : q.params());
        params.put("scope", caller.scopePatterns());
        params.putAll(reach.params());
        params.put("grid", gridId);
        return new PageStatement(SELECT + where + order + " LIMIT :limit OFFSET :offset",
                "SELECT count(*) FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id\n"
                        + where, params);
    }

    /** Inserts the address unless its text is already there (a concurrent create); answers whether it did. */
    public boolean insert(UUID id, UUID gridId, StandardAddress.Checked a, Double lon, Double lat) {
        StandardAddress.Parts p = a.parts();
        return jdbc.sql("""
                INSERT INTO address (id, grid_id, county_code, township_code, province, city, county, township, community,
                    village_group, street, door_number, compound, building, unit_no, floor, room, full_text, lon, lat)
                VALUES (:id, :grid, :countyCode, :townshipCode, :province, :city, :county, :township, :community,
                    :villageGroup, :street, :doorNumber, :compound, :building, :unit, :floor, :room, :text, :lon, :lat)
                ON CONFLICT (full_text) DO NOTHING""")
                .param("id", id).param("grid", gridId).params(parameters(p)).param("text", a.fullText())
                .param("lon", lon).param("lat", lat).update() > 0;
    }

    public void update(UUID id, UUID gridId, StandardAddress.Checked a, Double lon, Double lat) {
        jdbc.sql("""
                UPDATE address SET grid_id = :grid, county_code = :countyCode, township_code = :townshipCode,
                    province = :province, city = :city, county = :county, township = :township, community = :community,
                    village_group = :villageGroup, street = :street, door_number = :doorNumber, compound = :compound,
                    building = :building, unit_no = :unit, floor = :floor, room = :room, full_text = :text, lon = :lon,
                    lat = :lat, updated_at = now(), version = version + 1
                WHERE id = :id""")
                .param("id", id).param("grid", gridId).params(parameters(a.parts())).param("text", a.fullText())
                .param("lon", lon).param("lat", lat).update();
    }

    /** The address a room was given (the flat's address), if any. */
    public Optional<UUID> ofRoom(UUID roomId) {
        return jdbc.sql("SELECT address_id FROM room WHERE id = ? AND address_id IS NOT NULL").param(roomId)
                .query(UUID.class).optional();
    }

    /** A record at an address: a household, a building, a rental or an organisation, with what a list calls it. */
    public record AtAddress(String type, UUID id, String label) {
    }

    /**
     * The households, buildings, rentals and organisations at an address (it is visible, so they are in its grid's
     * scope); a building is listed only when the caller may open its floor plan, since an address moved to another
     * grid keeps the buildings registered at it in theirs. Each kind in door order of what the list calls it
     * (households 2 before 10, buildings 3号楼 before 十二号楼).
     */
    public List<AtAddress> at(UUID addressId, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql("""
                SELECT type, id, label FROM (
                SELECT 'household' AS type, h.id, coalesce(h.number, '') AS label, 1 AS o FROM household h WHERE h.address_id = :id
                UNION ALL
                SELECT 'building', b.id, b.name, 2 FROM building b JOIN grid g ON g.id = b.grid_id
                JOIN unit u ON u.id = g.unit_id WHERE b.address_id = :id AND u.path LIKE ANY(:scope)""" + reach.condition("b.grid_id")
                + """
                UNION ALL
                SELECT 'rental', r.id, r.purpose, 3 FROM rental r LEFT JOIN room rm ON rm.id = r.room_id
                WHERE coalesce(r.address_id, rm.address_id) = :id
                UNION ALL
                SELECT 'organisation', o.id, o.name, 4 FROM organisation o WHERE o.address_id = :id
                ) x ORDER BY o, """ + doorOrder("label") + ", id LIMIT 200")
                .param("id", addressId).param("scope", caller.scopePatterns()).params(reach.params())
                .query((rs, n) -> new AtAddress(rs.getString("type"), rs.getObject("id", UUID.class), rs.getString("label")))
                .list();
    }

    /** How many households, buildings, rooms, rentals and organisations stand at the address. */
    public long uses(UUID id) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM household WHERE address_id = :id) + (SELECT count(*) FROM building WHERE address_id = :id)
                     + (SELECT count(*) FROM room WHERE address_id = :id) + (SELECT count(*) FROM rental WHERE address_id = :id)
                     + (SELECT count(*) FROM organisation WHERE address_id = :id)""")
                .param("id", id).query(Long.class).single();
    }

    private static java.util.Map<String, Object> parameters(StandardAddress.Parts p) {
        java.util.Map<String, Object> m = new java.util.HashMap<>();
        m.put("countyCode", p.countyCode());
        m.put("townshipCode", p.townshipCode());
        m.put("province", p.province());
        m.put("city", p.city());
        m.put("county", p.county());
        m.put("township", p.township());
        m.put("community", p.community());
        m.put("villageGroup", p.villageGroup());
        m.put("street", p.street());
        m.put("doorNumber", p.doorNumber());
        m.put("compound", p.compound());
        m.put("building", p.building());
        m.put("unit", p.unit());
        m.put("floor", p.floor());
        m.put("room", p.room());
        return m;
    }

    static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static Address map(ResultSet rs, int row) throws SQLException {
        StandardAddress.Parts parts = new StandardAddress.Parts(rs.getString("county_code"), rs.getString("township_code"),
                rs.getString("province"), rs.getString("city"), rs.getString("county"), rs.getString("township"),
                rs.getString("community"), rs.getString("village_group"), rs.getString("street"),
                rs.getString("door_number"), rs.getString("compound"), rs.getString("building"), rs.getString("unit_no"),
                rs.getString("floor"), rs.getString("room"));
        return new Address(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("grid_name"), rs.getString("unit_path"), parts, rs.getString("full_text"),
                (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), rs.getLong("version"));
    }
}
