package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.GridReach;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Existing;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Verification tasks (核查任务) and their history. A caller who may read population records sees the tasks
 * of the grids in his scope he reaches ({@link GridReach}); anyone else sees only the tasks assigned to him. Both conditions sit inside
 * the SQL, so any other task is not found.
 */
@Repository
public class VerificationTasks {

    @ChoiceNames("utilities.status.")
    public enum Status { OPEN, ASSIGNED, RESOLVED }

    @ChoiceNames("utilities.finding.")
    public enum Finding { TENANTS_REGISTERED, VACANT, RESIDENTS_LEFT, NO_ISSUE }

    public record Task(UUID id, UUID gridId, String gridCode, String gridName, String unitPath, UUID roomId,
            UUID addressId, UUID placeId, UUID buildingId, String buildingName, Integer unitNo, Integer floor,
            String roomNumber, String address, Kind kind, YearMonth periodFrom, YearMonth periodTo, String reasonKey,
            List<String> reasonArgs, Status status, UUID assigneeId, String assigneeName, Finding finding,
            String findingNote, UUID visitId, String resolvedByName, OffsetDateTime resolvedAt, OffsetDateTime createdAt,
            long version, boolean held, YearMonth holdUntil, Map<Utility, java.math.BigDecimal> holdAbove) {
    }

    /** One line of a task's history: actorName is the staff member's name, null when the system acted. */
    public record Event(String action, String actorName, boolean bySystem, String detail, OffsetDateTime at) {
    }

    /** A registered or former resident of a place, as the task page lists them. */
    public record Resident(UUID id, UUID householdId, String name, String relation, String residence, String idMasked,
            String phoneMasked) {
    }

    /** The list's filters; null means any. */
    public record Filter(Status status, UUID gridId, Kind kind, boolean mine, boolean unresolved) {
    }

    private static final String SELECT = """
            SELECT t.id, t.grid_id, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path, t.room_id, t.address_id,
                   t.place_id, b.id AS building_id, b.name AS building_name, r.unit_no, r.floor, r.number AS room_number,
                   coalesce(a.full_text, ra.full_text) AS address, t.kind, t.period_from, t.period_to, t.reason_key,
                   t.reason_args, t.status, t.assignee_id, s.name AS assignee_name, t.finding, t.finding_note, t.visit_id,
                   rb.name AS resolved_by_name, t.resolved_at, t.created_at, t.version, t.held, t.hold_until,
                   t.hold_water, t.hold_power, t.hold_gas
            FROM verification_task t JOIN grid g ON g.id = t.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN room r ON r.id = t.room_id LEFT JOIN building b ON b.id = r.building_id
            LEFT JOIN address a ON a.id = t.address_id LEFT JOIN address ra ON ra.id = r.address_id
            LEFT JOIN staff s ON s.id = t.assignee_id LEFT JOIN staff rb ON rb.id = t.resolved_by
            """;
    /**
     * The tasks a caller sees: those of his unit paths when he reads population records, and of those only the grids
     * he reaches ({@link GridReach}: one who serves grids at a central office, the grids he serves, not every grid
     * placed at the office), and, whoever he is, those given to him. Parameters: {@link #visibleParams}.
     */
    private static String visible(Caller caller) {
        return " ((u.path LIKE ANY(CAST(:scope AS text[])) AND :mayRead" + GridReach.of(caller).condition("t.grid_id")
                + ") OR t.assignee_id = CAST(:me AS uuid))";
    }

    private static Map<String, Object> visibleParams(Caller caller) {
        Map<String, Object> p = new HashMap<>(GridReach.of(caller).params());
        p.put("scope", caller.scopePatterns());
        p.put("mayRead", caller.may("POPULATION_READ"));
        p.put("me", me(caller));
        return p;
    }

    /** The households whose residents count for a place: those in the room, or at its address without a room. */
    private static final String PLACE_HOUSEHOLDS = """
            WITH pl AS (SELECT CAST(x AS uuid) AS id FROM unnest(CAST(:places AS text[])) x),
            hh AS (
                SELECT pl.id AS place, h.id AS household FROM pl JOIN household h ON h.room_id = pl.id
                UNION
                SELECT pl.id, h.id FROM pl LEFT JOIN room r ON r.id = pl.id
                JOIN household h ON h.room_id IS NULL AND h.address_id = coalesce(r.address_id, pl.id)
            )
            """;

    private final JdbcClient jdbc;

    VerificationTasks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many residents are registered (permanent or floating) at each place now. */
    public Map<UUID, Integer> registered(List<UUID> places) {
        Map<UUID, Integer> counts = new HashMap<>();
        occupancy(places).forEach((place, o) -> counts.put(place, o.registered()));
        return counts;
    }

    /**
     * Residents registered at a place now, the day the earliest of them registered (null when any has no day),
     * and the latest day a former resident left it (null when none did).
     */
    public record Occupancy(int registered, LocalDate registeredSince, LocalDate lastLeft) {
    }

    public Map<UUID, Occupancy> occupancy(List<UUID> places) {
        Map<UUID, Occupancy> found = new HashMap<>();
        if (places.isEmpty()) {
            return found;
        }
        jdbc.sql(PLACE_HOUSEHOLDS + """
                SELECT pl.id, count(p.id) FILTER (WHERE p.residence IN ('PERMANENT', 'FLOATING')),
                       CASE WHEN bool_and(p.registered_on IS NOT NULL)
                                 FILTER (WHERE p.residence IN ('PERMANENT', 'FLOATING'))
                            THEN min(p.registered_on) FILTER (WHERE p.residence IN ('PERMANENT', 'FLOATING')) END,
                       max(p.left_on) FILTER (WHERE p.residence = 'LEFT')
                FROM pl LEFT JOIN hh ON hh.place = pl.id LEFT JOIN person p ON p.household_id = hh.household
                GROUP BY pl.id""")
                .param("places", strings(places))
                .query((ResultSet rs) -> {
                    found.put(rs.getObject(1, UUID.class),
                            new Occupancy(rs.getInt(2), rs.getObject(3, LocalDate.class),
                                    rs.getObject(4, LocalDate.class)));
                });
        return found;
    }

    /** The residents of a place, registered ones first; those who left are listed too, marked as such. */
    public List<Resident> residents(UUID place) {
        return jdbc.sql(PLACE_HOUSEHOLDS + """
                SELECT p.id, p.household_id, p.name, p.relation, p.residence, p.id_masked, p.phone_masked
                FROM hh JOIN person p ON p.household_id = hh.household
                ORDER BY p.residence = 'LEFT', (p.relation = 'HEAD') DESC NULLS LAST, p.birth_date NULLS LAST, p.id""")
                .param("places", new String[] {place.toString()})
                .query((rs, n) -> new Resident(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** Grid, room and address of each place, from its readings. */
    public record PlaceRef(UUID placeId, UUID gridId, UUID roomId, UUID addressId) {
    }

    public Map<UUID, PlaceRef> places(List<UUID> places) {
        Map<UUID, PlaceRef> refs = new HashMap<>();
        if (places.isEmpty()) {
            return refs;
        }
        jdbc.sql("""
                SELECT DISTINCT ON (place_id) place_id, grid_id, room_id, address_id FROM utility_reading
                WHERE place_id = ANY(CAST(CAST(:places AS text[]) AS uuid[])) ORDER BY place_id, month DESC""")
                .param("places", strings(places))
                .query((ResultSet rs) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    refs.put(id, new PlaceRef(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class)));
                });
        return refs;
    }

    /** The tasks already there for each place. */
    public Map<UUID, List<Existing>> existing(List<UUID> places) {
        Map<UUID, List<Existing>> found = new HashMap<>();
        if (places.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT place_id, id, kind, status, period_from, period_to, held,
                       CAST(resolved_at AT TIME ZONE 'Asia/Shanghai' AS date), hold_until, hold_water, hold_power, hold_gas
                FROM verification_task
                WHERE place_id = ANY(CAST(CAST(:places AS text[]) AS uuid[]))""")
                .param("places", strings(places))
                .query((ResultSet rs) -> {
                    UtilityAnomalyPolicy.Hold hold = null;
                    if (rs.getBoolean(7)) {
                        LocalDate until = rs.getObject(9, LocalDate.class);
                        hold = new UtilityAnomalyPolicy.Hold(rs.getObject(8, LocalDate.class),
                                until == null ? null : YearMonth.from(until), limits(rs, 10));
                    }
                    found.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new Existing(
                            rs.getObject(2, UUID.class), Kind.valueOf(rs.getString(3)), "RESOLVED".equals(rs.getString(4)),
                            YearMonth.from(rs.getObject(5, LocalDate.class)), YearMonth.from(rs.getObject(6, LocalDate.class)),
                            hold));
                });
        return found;
    }

    /** A new open task; false when the same anomaly opened one meanwhile (another import at the same time). */
    public boolean insert(UUID id, PlaceRef place, Kind kind, YearMonth from, YearMonth to, String reasonKey,
            List<String> reasonArgs) {
        return jdbc.sql("""
                INSERT INTO verification_task (id, grid_id, room_id, address_id, kind, period_from, period_to, reason_key,
                                               reason_args, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN') ON CONFLICT DO NOTHING""")
                .params(id, place.gridId(), place.roomId(), place.roomId() == null ? place.addressId() : null, kind.name(),
                        from.atDay(1), to.atDay(1), reasonKey, reasonArgs.toArray(String[]::new))
                .update() > 0;
    }

    /**
     * A continuing anomaly: the task's period reaches a later month, with the latest reason, or an earlier one (a month
     * imported after later ones), keeping its reason. Never a resolved task: an import that found it unresolved waited
     * for its lock ({@link #lockUnresolved}) and read it again.
     */
    public void extend(UUID id, YearMonth from, YearMonth to, String reasonKey, List<String> reasonArgs) {
        jdbc.sql("""
                UPDATE verification_task SET period_from = least(period_from, :from),
                       reason_key = CASE WHEN period_to < :to THEN :reason ELSE reason_key END,
                       reason_args = CASE WHEN period_to < :to THEN CAST(:args AS text[]) ELSE reason_args END,
                       period_to = greatest(period_to, :to), updated_at = now(), version = version + 1
                WHERE id = :id AND status <> 'RESOLVED' AND (period_to < :to OR period_from > :from)""")
                .param("from", from.atDay(1)).param("to", to.atDay(1)).param("reason", reasonKey)
                .param("args", reasonArgs.toArray(String[]::new)).param("id", id).update();
    }

    /**
     * Locks the unresolved tasks of these places (in one order, so two imports do not deadlock) for an import about to
     * judge them: an officer resolving one of them at the same moment finishes first, and the import then finds it
     * resolved (a row resolved meanwhile no longer matches and is not returned), or the officer waits for the import.
     */
    public void lockUnresolved(List<UUID> places) {
        if (places.isEmpty()) {
            return;
        }
        jdbc.sql("""
                SELECT id FROM verification_task WHERE place_id = ANY(CAST(CAST(:places AS text[]) AS uuid[]))
                  AND status <> 'RESOLVED' ORDER BY id FOR UPDATE""")
                .param("places", strings(places)).query(UUID.class).list();
    }

    /** The policy's reason of now for a task not yet resolved. */
    public void revise(UUID id, String reasonKey, List<String> reasonArgs) {
        jdbc.sql("""
                UPDATE verification_task SET reason_key = ?, reason_args = ?, updated_at = now(), version = version + 1
                WHERE id = ? AND status <> 'RESOLVED'""")
                .params(reasonKey, reasonArgs.toArray(String[]::new), id).update();
    }

    public void event(UUID task, String action, UUID actorId, String actorName, String detail) {
        jdbc.sql("INSERT INTO verification_task_event (task_id, action, actor_id, actor_name, detail) VALUES (?, ?, ?, ?, ?)")
                .params(task, action, actorId, actorName, detail).update();
    }

    /**
     * The task's history, oldest first. actor_name holds the login name of whoever acted (or "system"); a page
     * shows people by their name, so the staff member's current name is read here, and none for the system
     * (bySystem), whose name each page writes in its reader's language.
     */
    /** A period as written ("2026-11 – 2026-12"), shown with a one-month period's month once ("2026-11"). */
    static String period(String written) {
        int dash = written == null ? -1 : written.indexOf(" – ");
        if (dash > 0 && written.substring(0, dash).equals(written.substring(dash + 3))) {
            return written.substring(0, dash);
        }
        return written;
    }

    public List<Event> history(UUID task) {
        return jdbc.sql("""
                SELECT e.action, coalesce(s.name, e.actor_name), e.detail, e.at, e.actor_id IS NULL
                FROM verification_task_event e LEFT JOIN staff s ON s.id = e.actor_id
                WHERE e.task_id = ? ORDER BY e.id""")
                .param(task)
                .query((rs, n) -> {
                    boolean bySystem = rs.getBoolean(5);
                    String action = rs.getString(1);
                    String detail = "OPENED".equals(action) || "EXTENDED".equals(action) ? period(rs.getString(3))
                            : rs.getString(3);
                    return new Event(action, bySystem ? null : rs.getString(2), bySystem, detail,
                            rs.getObject(4, OffsetDateTime.class));
                })
                .list();
    }

    public Optional<Task> findVisible(UUID id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE t.id = :id AND" + visible(caller)).param("id", id)
                .params(visibleParams(caller)).query(VerificationTasks::task).optional();
    }

    public Optional<Task> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(VerificationTasks::task).optional();
    }

    public record Page(List<Task> tasks, long total) {
    }

    /** The caller's tasks matching the filter: unresolved first, then by grid, building, room and address. */
    public Page list(Filter f, Caller caller, int limit, int offset) {
        String where = " WHERE" + visible(caller) + """
                 AND (CAST(:status AS text) IS NULL OR t.status = :status)
                 AND (CAST(:grid AS uuid) IS NULL OR t.grid_id = CAST(:grid AS uuid))
                 AND (CAST(:kind AS text) IS NULL OR t.kind = :kind)
                 AND (NOT :mine OR t.assignee_id = CAST(:me AS uuid))
                 AND (NOT :unresolved OR t.status <> 'RESOLVED')""";
        Map<String, Object> p = visibleParams(caller);
        p.put("status", f.status() == null ? null : f.status().name());
        p.put("grid", f.gridId() == null ? null : f.gridId().toString());
        p.put("kind", f.kind() == null ? null : f.kind().name());
        p.put("mine", f.mine());
        p.put("unresolved", f.unresolved());
        // buildings, rooms and addresses in door order (3号楼 before 12号楼, 1组2号 before 1组10号; stored keys, V149)
        List<Task> tasks = jdbc.sql(SELECT + where + " ORDER BY t.status = 'RESOLVED', g.code, "
                        + "b.sort_key NULLS LAST, r.unit_no, r.floor, r.sort_key, coalesce(a.sort_key, ra.sort_key), "
                        + "t.period_from, t.id"
                        + " LIMIT :limit OFFSET :offset")
                .params(p).param("limit", limit).param("offset", offset).query(VerificationTasks::task).list();
        long total = jdbc.sql("""
                SELECT count(*) FROM verification_task t JOIN grid g ON g.id = t.grid_id JOIN unit u ON u.id = g.unit_id
                LEFT JOIN room r ON r.id = t.room_id LEFT JOIN building b ON b.id = r.building_id""" + where)
                .params(p).query(Long.class).single();
        return new Page(tasks, total);
    }

    /** A grid with tasks the caller sees, for the list's grid filter. */
    public record GridOption(UUID id, String code, String name) {
    }

    public List<GridOption> grids(Caller caller) {
        return jdbc.sql("""
                SELECT DISTINCT g.id, g.code, g.name FROM verification_task t JOIN grid g ON g.id = t.grid_id
                JOIN unit u ON u.id = g.unit_id WHERE""" + visible(caller) + " ORDER BY g.code")
                .params(visibleParams(caller))
                .query((rs, n) -> new GridOption(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    /** A grid term ({@code gr}) that covers today: not one appointed from a later day, still one ended from one. */
    private static final String SERVES_NOW = org.fengqiao.account.RosterDay.coversToday("gr");

    /** Whether a person holds a grid role in the grid now that lets him check a door (not an informant). */
    public boolean servesGrid(UUID staffId, UUID gridId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM grid_role gr JOIN staff s ON s.id = gr.staff_id
                               WHERE gr.staff_id = ? AND gr.grid_id = ? AND s.active AND """ + SERVES_NOW + """
                                 AND gr.role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER', 'MEMBER'))""")
                .params(staffId, gridId).query(Boolean.class).single();
    }

    /**
     * Whether a person may hold tasks: he serves a grid now in a role a task may be given to, or one given to him is
     * not resolved yet (his term may have ended since, and the task is still his to finish).
     */
    public boolean mayHoldTasks(UUID staffId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM grid_role gr JOIN staff s ON s.id = gr.staff_id
                               WHERE gr.staff_id = :me AND s.active AND """ + SERVES_NOW + """
                                 AND gr.role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER', 'MEMBER'))
                    OR EXISTS (SELECT 1 FROM verification_task WHERE assignee_id = :me AND status <> 'RESOLVED')""")
                .param("me", staffId).query(Boolean.class).single();
    }

    public Optional<String> staffName(UUID staffId) {
        return jdbc.sql("SELECT name FROM staff WHERE id = ?").param(staffId).query(String.class).optional();
    }

    public void assign(UUID id, UUID staffId) {
        jdbc.sql("""
                UPDATE verification_task SET assignee_id = ?, status = 'ASSIGNED', updated_at = now(), version = version + 1
                WHERE id = ?""")
                .params(staffId, id).update();
    }

    /** hold: what a "no issue" finding of a "use without residents" task holds to (null for none). */
    public void resolve(UUID id, Finding finding, String note, UUID visitId, UUID resolvedBy,
            UtilityAnomalyPolicy.Hold hold) {
        Map<Utility, java.math.BigDecimal> above = hold == null ? Map.of() : hold.above();
        jdbc.sql("""
                UPDATE verification_task SET status = 'RESOLVED', finding = ?, finding_note = ?, visit_id = ?,
                       resolved_by = ?, resolved_at = now(), updated_at = now(), version = version + 1,
                       held = ?, hold_until = ?, hold_water = ?, hold_power = ?, hold_gas = ?
                WHERE id = ?""")
                .params(finding.name(), note, visitId, resolvedBy, hold != null,
                        hold == null || hold.until() == null ? null : hold.until().atDay(1),
                        above.get(Utility.WATER), above.get(Utility.POWER), above.get(Utility.GAS), id).update();
    }

    /**
     * Who on the grid's roster a new task may go to, in the order the rule picks them: its chief (网格长, the community
     * officer who checks doors in seed 000), else its manager (网格管理员, who collects the records in seed 002); the
     * first of them who reads the grid where it lies now takes it (Verifications: a grid whose village went to another
     * station keeps its roster, and its chief, an officer of the old station, no longer reads it there). Empty when it
     * has neither.
     */
    public List<Server> rosteredVerifiers(UUID gridId) {
        return jdbc.sql("""
                SELECT s.id, s.name, gr.role FROM grid_role gr JOIN staff s ON s.id = gr.staff_id
                WHERE gr.grid_id = ? AND s.active AND """ + SERVES_NOW + """
                  AND gr.role IN ('GRID_CHIEF', 'MANAGER')
                ORDER BY gr.role = 'GRID_CHIEF' DESC, gr.started_on NULLS FIRST, s.id""")
                .param(gridId).query((rs, n) -> new Server(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** A task not yet resolved with its grid and who has it (null: nobody). */
    public record Unresolved(UUID id, UUID gridId, UUID assigneeId) {
    }

    /**
     * The tasks of these grids not yet resolved, in one order (whether their assignee still reads them is the account
     * module's to say: Verifications asks it).
     */
    public List<Unresolved> unresolved(java.util.Collection<UUID> grids) {
        if (grids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT t.id, t.grid_id, t.assignee_id FROM verification_task t "
                        + "WHERE t.grid_id = ANY(CAST(:grids AS uuid[])) AND t.status <> 'RESOLVED' ORDER BY t.id")
                .param("grids", grids.toArray(UUID[]::new))
                .query((rs, n) -> new Unresolved(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)))
                .list();
    }

    /** The tasks open with nobody assigned, in one order. */
    public List<Unresolved> unassigned() {
        return jdbc.sql("SELECT id, grid_id, assignee_id FROM verification_task WHERE status = 'OPEN' "
                        + "AND assignee_id IS NULL ORDER BY created_at, id")
                .query((rs, n) -> new Unresolved(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null))
                .list();
    }

    /** The rooms of a building with a task not yet resolved, for the floor plan's mark. */
    public List<UUID> roomsWithOpenTasks(UUID buildingId) {
        return jdbc.sql("""
                SELECT DISTINCT t.room_id FROM verification_task t JOIN room r ON r.id = t.room_id
                WHERE r.building_id = ? AND t.status <> 'RESOLVED'""")
                .param(buildingId).query(UUID.class).list();
    }

    /** Someone who may be given a task of a grid: the people serving it now, with their grid role. */
    public record Server(UUID staffId, String name, String gridRole) {
    }

    public List<Server> servers(UUID gridId) {
        return jdbc.sql("""
                SELECT s.id, s.name, (array_agg(gr.role ORDER BY CASE gr.role WHEN 'GRID_CHIEF' THEN 1
                    WHEN 'MANAGER' THEN 2 WHEN 'MEMBER' THEN 3 ELSE 4 END))[1]
                FROM grid_role gr JOIN staff s ON s.id = gr.staff_id
                WHERE gr.grid_id = ? AND s.active AND """ + SERVES_NOW + """
                  AND gr.role IN ('GRID_CHIEF', 'COORDINATOR', 'MANAGER', 'MEMBER')
                GROUP BY s.id, s.name ORDER BY min(CASE gr.role WHEN 'GRID_CHIEF' THEN 1 WHEN 'MANAGER' THEN 2
                    WHEN 'MEMBER' THEN 3 ELSE 4 END), s.name""")
                .param(gridId).query((rs, n) -> new Server(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** A recent visit to a household of the place, to link a resolution to. */
    public record PlaceVisit(UUID id, OffsetDateTime visitedAt, String visitedBy, String findings) {
    }

    public List<PlaceVisit> visits(UUID place) {
        return jdbc.sql(PLACE_HOUSEHOLDS + """
                SELECT v.id, v.visited_at, s.name, v.findings FROM hh JOIN visit v ON v.household_id = hh.household
                JOIN staff s ON s.id = v.visited_by
                WHERE v.visited_at > now() - interval '180 days' ORDER BY v.visited_at DESC LIMIT 20""")
                .param("places", new String[] {place.toString()})
                .query((rs, n) -> new PlaceVisit(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                        rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Locks the task's row for a change, so two people resolving it at once do not both succeed. */
    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM verification_task WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
    }

    private static String me(Caller caller) {
        return caller.staffId() == null ? null : caller.staffId().toString();
    }

    static String[] strings(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    static Task task(ResultSet rs, int n) throws SQLException {
        java.sql.Array args = rs.getArray("reason_args");
        String finding = rs.getString("finding");
        return new Task(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("grid_name"), rs.getString("unit_path"), rs.getObject("room_id", UUID.class),
                rs.getObject("address_id", UUID.class), rs.getObject("place_id", UUID.class),
                rs.getObject("building_id", UUID.class), rs.getString("building_name"), (Integer) rs.getObject("unit_no"),
                (Integer) rs.getObject("floor"), rs.getString("room_number"), rs.getString("address"),
                Kind.valueOf(rs.getString("kind")), YearMonth.from(rs.getObject("period_from", LocalDate.class)),
                YearMonth.from(rs.getObject("period_to", LocalDate.class)), rs.getString("reason_key"),
                args == null ? List.of() : List.of((String[]) args.getArray()), Status.valueOf(rs.getString("status")),
                rs.getObject("assignee_id", UUID.class), rs.getString("assignee_name"),
                finding == null ? null : Finding.valueOf(finding), rs.getString("finding_note"),
                rs.getObject("visit_id", UUID.class), rs.getString("resolved_by_name"),
                rs.getObject("resolved_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
                rs.getLong("version"), rs.getBoolean("held"),
                rs.getObject("hold_until", LocalDate.class) == null ? null
                        : YearMonth.from(rs.getObject("hold_until", LocalDate.class)),
                limits(rs, rs.findColumn("hold_water")));
    }

    /** The hold's limits from three columns in the order water, power, gas (a missing one is left out). */
    static Map<Utility, java.math.BigDecimal> limits(ResultSet rs, int first) throws SQLException {
        Map<Utility, java.math.BigDecimal> above = new java.util.EnumMap<>(Utility.class);
        Utility[] order = {Utility.WATER, Utility.POWER, Utility.GAS};
        for (int i = 0; i < order.length; i++) {
            java.math.BigDecimal v = rs.getBigDecimal(first + i);
            if (v != null) {
                above.put(order[i], v);
            }
        }
        return above;
    }
}
