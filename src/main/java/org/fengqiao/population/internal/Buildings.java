package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.GridReach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Buildings with their rooms and the floor plan (居民信息平面图). Scoped reads join the building's
 * grid and the grid's unit and filter on the unit's path inside the SQL, so a building outside the
 * caller's subtree is simply not found.
 */
@Repository
public class Buildings {

    private static final String SELECT = """
            SELECT b.id, b.grid_id, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path, b.address_id,
                   a.full_text AS address, b.name, b.floors, b.units, b.rooms_per_floor, b.version,
                   (SELECT count(*) FROM room r WHERE r.building_id = b.id) AS rooms,
                   (SELECT count(*) FROM household h JOIN room r ON r.id = h.room_id WHERE r.building_id = b.id) AS households
            FROM building b JOIN grid g ON g.id = b.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN address a ON a.id = b.address_id
            """;

    private static final String ROOM = """
            SELECT r.id, r.building_id, b.grid_id, u.path AS unit_path, r.unit_no, r.floor, r.number, r.vacant, r.rental,
                   r.version
            FROM room r JOIN building b ON b.id = r.building_id JOIN grid g ON g.id = b.grid_id
            JOIN unit u ON u.id = g.unit_id
            """;

    /** A room the dimensions keep: within the units and floors, numbered floor × 100 + an index within the rooms. */
    private static final String KEPT = """
            (r.unit_no <= :units AND r.floor <= :floors
             AND r.number IN (SELECT (r.floor * 100 + ix)::text FROM generate_series(1, :rooms) ix))""";

    /**
     * Every room of a building with its households and the marks of their members, in one query:
     * members who have left (已离开) no longer mark a room. A room shows 出租 when an officer marked it
     * by hand (room.rental) or when a registered rental lets it today, its contract started and not
     * ended: derived at read time, so the mark follows the contract's dates without anyone touching it.
     * The rooms of a floor and unit come in door order (1, 2, 10; 301, 302, 310).
     */
    private static final String PLAN = """
            SELECT r.id, r.unit_no, r.floor, r.number, r.vacant, (r.rental OR lt.let) AS rental,
                   r.rental AS rental_marked, lt.let AS rental_let,
                   h.id AS household_id, h.number AS household_number, h.trusted, h.in_difficulty,
                   m.head, coalesce(m.key_person, false) AS key_person,
                   coalesce(m.left_behind_child, false) AS left_behind_child,
                   coalesce(m.elderly_alone, false) AS elderly_alone,
                   coalesce(m.in_difficulty, false) AS member_in_difficulty
            FROM room r
            CROSS JOIN LATERAL (
                SELECT EXISTS (SELECT 1 FROM rental rt WHERE rt.room_id = r.id
                                 AND (rt.contract_from IS NULL OR rt.contract_from <= :today)
                                 AND (rt.contract_to IS NULL OR rt.contract_to >= :today)) AS let
            ) lt
            LEFT JOIN household h ON h.room_id = r.id
            LEFT JOIN LATERAL (
                SELECT min(p.name) FILTER (WHERE p.relation = 'HEAD') AS head,
                       bool_or(pc.category = 'KEY_PERSON' AND p.residence <> 'LEFT') AS key_person,
                       bool_or(pc.category = 'LEFT_BEHIND_CHILD' AND p.residence <> 'LEFT') AS left_behind_child,
                       bool_or(pc.category = 'ELDERLY_ALONE' AND p.residence <> 'LEFT') AS elderly_alone,
                       bool_or(pc.category = 'IN_DIFFICULTY' AND p.residence <> 'LEFT') AS in_difficulty
                FROM person p LEFT JOIN person_category pc ON pc.person_id = p.id
                WHERE p.household_id = h.id
            ) m ON h.id IS NOT NULL
            WHERE r.building_id = :building
            ORDER BY r.floor DESC, r.unit_no, r.sort_key, h.created_at, h.id""";

    private final JdbcClient jdbc;

    private final Clock clock;

    Buildings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Building(UUID id, UUID gridId, String gridCode, String gridName, String unitPath, UUID addressId,
            String address, String name, int floors, int units, int roomsPerFloor, long version, long rooms,
            long households) {
    }

    public record Room(UUID id, UUID buildingId, UUID gridId, String unitPath, int unitNo, int floor, String number,
            boolean vacant, boolean rental, long version) {
    }

    /**
     * One row of the floor plan: a room, and one of its households when it has any. rental is what the
     * plan shows (marked by hand or let today by a registered rental); rentalMarked the hand mark alone,
     * rentalLet whether a registered rental lets the room today.
     */
    public record PlanRow(UUID roomId, int unitNo, int floor, String number, boolean vacant, boolean rental,
            UUID householdId, String householdNumber, String head, boolean trusted, boolean householdInDifficulty,
            boolean keyPerson, boolean leftBehindChild, boolean elderlyAlone, boolean memberInDifficulty,
            boolean rentalMarked, boolean rentalLet) {

        /** A row whose rental mark was set by hand. */
        public PlanRow(UUID roomId, int unitNo, int floor, String number, boolean vacant, boolean rental,
                UUID householdId, String householdNumber, String head, boolean trusted, boolean householdInDifficulty,
                boolean keyPerson, boolean leftBehindChild, boolean elderlyAlone, boolean memberInDifficulty) {
            this(roomId, unitNo, floor, number, vacant, rental, householdId, householdNumber, head, trusted,
                    householdInDifficulty, keyPerson, leftBehindChild, elderlyAlone, memberInDifficulty, rental, false);
        }
    }

    /**
     * A building of the caller's scope; for one who serves grids ({@link GridReach}), of the grids he serves only: its
     * floor plan shows every household and who in it is a key person, as his households do.
     */
    public Optional<Building> findVisible(UUID id, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(SELECT + " WHERE b.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("b.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params())
                .query(Buildings::building).optional();
    }

    public Optional<Building> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE b.id = ?").param(id).query(Buildings::building).optional();
    }

    /** The buildings of the caller's scope, of one grid when given, by grid code and name in door order (3号楼, 12号楼). */
    public List<Building> visible(Caller caller, UUID gridId) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(SELECT + """
                 WHERE u.path LIKE ANY(:scope) AND (CAST(:grid AS uuid) IS NULL OR b.grid_id = :grid)"""
                        + reach.condition("b.grid_id") + " ORDER BY g.code, b.sort_key, b.id")
                .param("scope", caller.scopePatterns()).param("grid", gridId).params(reach.params())
                .query(Buildings::building).list();
    }

    public boolean nameTaken(UUID gridId, String name) {
        return nameTaken(gridId, name, null);
    }

    /** Whether another building of the grid than {@code except} (null: none) has the name. */
    public boolean nameTaken(UUID gridId, String name, UUID except) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM building WHERE grid_id = ? AND name = ?
                               AND id IS DISTINCT FROM CAST(? AS uuid))""")
                .params(gridId, name, except).query(Boolean.class).single();
    }

    /**
     * The stored version of a building, its row locked until the transaction ends: a change checked against the
     * version its form was made from cannot be overtaken between the check and the write.
     */
    public Optional<Long> lockVersion(UUID id) {
        return jdbc.sql("SELECT version FROM building WHERE id = ? FOR UPDATE").param(id).query(Long.class).optional();
    }

    /** A room that new dimensions would remove but cannot, as something refers to it; total counts them all. */
    public record RoomInUse(int unitNo, String number, long total) {
    }

    /**
     * The rooms the dimensions would remove that anything refers to (a household, a rental, a utility reading, a
     * verification task, a visit's record of a change, or a vacant or rental mark set by hand), the first
     * {@code limit} in door order. The rooms to be removed are locked first: a household registered in one meanwhile
     * waits for this transaction and is then refused as a conflict ({@link #holdRoom}), instead of slipping past the
     * check.
     */
    public List<RoomInUse> roomsInUse(UUID buildingId, int floors, int units, int roomsPerFloor, int limit) {
        jdbc.sql("SELECT r.id FROM room r WHERE r.building_id = :building AND NOT " + KEPT + " FOR UPDATE")
                .param("building", buildingId).param("units", units).param("floors", floors)
                .param("rooms", roomsPerFloor).query(UUID.class).list();
        return jdbc.sql("""
                SELECT r.unit_no, r.number, count(*) OVER () AS total FROM room r
                WHERE r.building_id = :building AND NOT """ + KEPT + """
                  AND (r.vacant OR r.rental
                       OR EXISTS (SELECT 1 FROM household h WHERE h.room_id = r.id)
                       OR EXISTS (SELECT 1 FROM rental rt WHERE rt.room_id = r.id)
                       OR EXISTS (SELECT 1 FROM utility_reading ur WHERE ur.room_id = r.id)
                       OR EXISTS (SELECT 1 FROM verification_task vt WHERE vt.room_id = r.id)
                       OR EXISTS (SELECT 1 FROM visit_change vc WHERE vc.record_type = 'room' AND vc.record_id = r.id))
                ORDER BY r.unit_no, r.floor, r.sort_key LIMIT :limit""")
                .param("building", buildingId).param("units", units).param("floors", floors)
                .param("rooms", roomsPerFloor).param("limit", limit)
                .query((rs, n) -> new RoomInUse(rs.getInt("unit_no"), rs.getString("number"), rs.getLong("total")))
                .list();
    }

    /**
     * Writes a building's name, address and dimensions and raises its version; the rooms the dimensions no longer
     * hold are removed (the caller checked nothing refers to them) and those they add are written, numbered as
     * {@link #insert} numbers them. Answers how many rooms were removed and added.
     */
    public RoomsChanged update(UUID id, UUID addressId, String name, int floors, int units, int roomsPerFloor) {
        jdbc.sql("""
                UPDATE building SET address_id = ?, name = ?, floors = ?, units = ?, rooms_per_floor = ?,
                    updated_at = now(), version = version + 1
                WHERE id = ?""")
                .params(addressId, name, floors, units, roomsPerFloor, id).update();
        int removed = jdbc.sql("DELETE FROM room r WHERE r.building_id = :building AND NOT " + KEPT)
                .param("building", id).param("units", units).param("floors", floors).param("rooms", roomsPerFloor)
                .update();
        return new RoomsChanged(removed, addRooms(id, floors, units, roomsPerFloor));
    }

    /** How many rooms a change of dimensions removed and added. */
    public record RoomsChanged(int removed, int added) {
    }

    /** Stores the building and every room of it: floor × 100 + index per floor, in each unit. */
    public void insert(UUID id, UUID gridId, UUID addressId, String name, int floors, int units, int roomsPerFloor) {
        jdbc.sql("""
                INSERT INTO building (id, grid_id, address_id, name, floors, units, rooms_per_floor)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, gridId, addressId, name, floors, units, roomsPerFloor).update();
        addRooms(id, floors, units, roomsPerFloor);
    }

    /**
     * Writes every room of the dimensions the building does not have yet: floor × 100 + index per floor, in each unit.
     * generate_series writes them in one statement, however tall the building. Answers how many were written.
     */
    private int addRooms(UUID id, int floors, int units, int roomsPerFloor) {
        return jdbc.sql("""
                INSERT INTO room (id, building_id, unit_no, floor, number)
                SELECT gen_random_uuid(), ?, un, fl, (fl * 100 + ix)::text
                FROM generate_series(1, ?) un, generate_series(1, ?) fl, generate_series(1, ?) ix
                ON CONFLICT (building_id, unit_no, floor, number) DO NOTHING""")
                .params(id, units, floors, roomsPerFloor).update();
    }

    public Optional<Room> findRoomVisible(UUID id, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(ROOM + " WHERE r.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("b.grid_id"))
                .param("id", id).param("scope", caller.scopePatterns()).params(reach.params())
                .query(Buildings::room).optional();
    }

    /**
     * Keeps a room just found from being removed until the transaction ends (FOR KEY SHARE: the lock the foreign key's
     * check of a row referring to it takes, here taken before anything is written). A building's edit that is removing
     * the room holds it FOR UPDATE ({@link #roomsInUse}): this waits for that edit, finds the room gone and answers the
     * conflict {@code housing.room.removed} (409) instead of the write failing on the foreign key. A building's edit
     * coming after waits for this transaction, then sees what it wrote and keeps the room. Answers the grid of the
     * room's building as read after the lock, as {@link #holdRoomAlone} does.
     */
    public Addresses.Filed holdRoom(UUID id) {
        hold(id, "FOR KEY SHARE");
        return filedOfRoom(id);
    }

    /**
     * As {@link #holdRoom}, and keeps another transaction holding the room so from reading what is recorded about it
     * until this one ends (FOR NO KEY UPDATE): two rentals of one room registered at the same moment are checked one
     * after the other, so the second sees the first and is refused as let already. Registering a household into the
     * room meanwhile does not wait. Answers the grid of the room's building as the lock found it: a caller that
     * locked the room's addresses first ({@link #addressesOfRoom}) reads it after any move of those addresses.
     */
    public Addresses.Filed holdRoomAlone(UUID id) {
        hold(id, "FOR NO KEY UPDATE");
        return filedOfRoom(id);
    }

    private Addresses.Filed filedOfRoom(UUID id) {
        return jdbc.sql("""
                SELECT b.grid_id, u.path FROM room r JOIN building b ON b.id = r.building_id
                JOIN grid g ON g.id = b.grid_id JOIN unit u ON u.id = g.unit_id WHERE r.id = ?""").param(id)
                .query((rs, n) -> new Addresses.Filed(rs.getObject(1, UUID.class), rs.getString(2))).single();
    }

    /**
     * The addresses a room moves with into another grid ({@code MisplacedAddresses}): its building's and its own (a
     * flat's), in the order of their ids, the order in which a move locks the addresses it takes.
     */
    public List<UUID> addressesOfRoom(UUID id) {
        return jdbc.sql("""
                SELECT DISTINCT x.id FROM room r JOIN building b ON b.id = r.building_id
                CROSS JOIN LATERAL (VALUES (r.address_id), (b.address_id)) AS x(id)
                WHERE r.id = ? AND x.id IS NOT NULL ORDER BY x.id""").param(id).query(UUID.class).list();
    }

    private void hold(UUID id, String lock) {
        if (jdbc.sql("SELECT id FROM room WHERE id = ? " + lock).param(id).query(UUID.class).optional().isEmpty()) {
            throw new Conflict("housing.room.removed");
        }
    }

    public Optional<Room> findRoom(UUID id) {
        return jdbc.sql(ROOM + " WHERE r.id = ?").param(id).query(Buildings::room).optional();
    }

    /** Who lives in the room today: whether a household registered there has someone not moved out, whether it is let. */
    public record Occupancy(boolean residents, boolean let) {
    }

    public Occupancy occupancy(UUID roomId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM household h JOIN person p ON p.household_id = h.id
                               WHERE h.room_id = :room AND p.residence <> 'LEFT') AS residents,
                       EXISTS (SELECT 1 FROM rental rt WHERE rt.room_id = :room
                               AND (rt.contract_from IS NULL OR rt.contract_from <= :today)
                               AND (rt.contract_to IS NULL OR rt.contract_to >= :today)) AS let""")
                .param("room", roomId).param("today", LocalDate.now(clock.withZone(Housing.LOCAL)))
                .query((rs, n) -> new Occupancy(rs.getBoolean("residents"), rs.getBoolean("let"))).single();
    }

    public void markRoom(UUID id, boolean vacant, boolean rental) {
        jdbc.sql("UPDATE room SET vacant = ?, rental = ?, updated_at = now(), version = version + 1 WHERE id = ?")
                .params(vacant, rental, id).update();
    }

    /** The plan's rows as of today (the rental marks follow the contracts' dates). */
    public List<PlanRow> plan(UUID buildingId) {
        return plan(buildingId, LocalDate.now(clock.withZone(Housing.LOCAL)));
    }

    public List<PlanRow> plan(UUID buildingId, LocalDate today) {
        List<PlanRow> rows = new ArrayList<>();
        jdbc.sql(PLAN).param("building", buildingId).param("today", today).query((ResultSet rs) -> {
            rows.add(new PlanRow(rs.getObject("id", UUID.class), rs.getInt("unit_no"), rs.getInt("floor"),
                    rs.getString("number"), rs.getBoolean("vacant"), rs.getBoolean("rental"),
                    rs.getObject("household_id", UUID.class), rs.getString("household_number"), rs.getString("head"),
                    rs.getBoolean("trusted"), rs.getBoolean("in_difficulty"), rs.getBoolean("key_person"),
                    rs.getBoolean("left_behind_child"), rs.getBoolean("elderly_alone"),
                    rs.getBoolean("member_in_difficulty"), rs.getBoolean("rental_marked"),
                    rs.getBoolean("rental_let")));
        });
        return rows;
    }

    static Building building(ResultSet rs, int row) throws SQLException {
        return new Building(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("grid_name"), rs.getString("unit_path"), rs.getObject("address_id", UUID.class),
                rs.getString("address"), rs.getString("name"), rs.getInt("floors"), rs.getInt("units"),
                rs.getInt("rooms_per_floor"), rs.getLong("version"), rs.getLong("rooms"), rs.getLong("households"));
    }

    static Room room(ResultSet rs, int row) throws SQLException {
        return new Room(rs.getObject("id", UUID.class), rs.getObject("building_id", UUID.class),
                rs.getObject("grid_id", UUID.class), rs.getString("unit_path"), rs.getInt("unit_no"), rs.getInt("floor"),
                rs.getString("number"), rs.getBoolean("vacant"), rs.getBoolean("rental"), rs.getLong("version"));
    }
}
