package org.fengqiao.population.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.HelperRole;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.PersonState;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Risk;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Key persons (重点人员) with what their visit rhythm needs: risk, the day they became key persons,
 * their household's trusted mark, the size of their helper team and their last visit (to them or to
 * their household). Scoped like every read: grid → unit → path inside the SQL.
 */
@Repository
public class KeyPersons {

    static final ZoneId LOCAL = LocalTimes.ZONE;

    private static final String SELECT = """
            SELECT p.id, p.name, p.grid_id, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path,
                   p.household_id, h.number AS household_number, coalesce(h.trusted, false) AS trusted, p.residence,
                   pc.subtype, pc.risk, coalesce(pc.since, (p.created_at AT TIME ZONE 'Asia/Shanghai')::date) AS since,
                   (SELECT count(*) FROM helper_membership m WHERE m.person_id = p.id AND m.left_on IS NULL) AS team_size,
                   greatest((SELECT max(v.visited_at) FROM visit v WHERE v.household_id = p.household_id),
                            (SELECT max(v.visited_at) FROM visit_person vp JOIN visit v ON v.id = vp.visit_id
                              WHERE vp.person_id = p.id)) AS last_visit
            FROM person_category pc JOIN person p ON p.id = pc.person_id
            JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN household h ON h.id = p.household_id
            WHERE pc.category = 'KEY_PERSON'""";

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Clock clock;

    KeyPersons(JdbcClient jdbc, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(LOCAL));
    }

    /** A key person as the rhythm and the lists need them. */
    public record Row(UUID id, String name, UUID gridId, String gridCode, String gridName, String unitPath,
            UUID householdId, String householdNumber, boolean trusted, Residence residence, KeyPersonType type,
            Risk risk, LocalDate since, int teamSize, OffsetDateTime lastVisitAt) {

        public LocalDate lastVisitOn() {
            return lastVisitAt == null ? null : lastVisitAt.atZoneSameInstant(LOCAL).toLocalDate();
        }
    }

    /**
     * The key persons of the caller's scope; when mine, only those of the grids he looks after: heads as grid chief or
     * manages as grid manager. The grid manager of 11 of a central office's 65 grids owes the visits of those 11.
     */
    public List<Row> visible(Caller caller, boolean mine, UUID gridId) {
        // one who serves grids reads the key persons of those grids only (GridReach), as he reads their persons
        GridReach reach = GridReach.of(caller);
        StringBuilder sql = new StringBuilder(SELECT).append(" AND u.path LIKE ANY(:scope)")
                .append(reach.condition("p.grid_id"));
        Map<String, Object> params = new HashMap<>(reach.params());
        params.put("scope", caller.scopePatterns());
        if (mine) {
            sql.append(" AND p.grid_id = ANY(CAST(:headed AS uuid[]))");
            params.put("headed", staff.gridsLookedAfterBy(new StaffId(caller.staffId()), today()).toArray(UUID[]::new));
        }
        if (gridId != null) {
            sql.append(" AND p.grid_id = :grid");
            params.put("grid", gridId);
        }
        return jdbc.sql(sql.append(" ORDER BY p.name, p.id").toString()).params(params).query(KeyPersons::row).list();
    }

    /** Every key person, for the overdue sweep (a system job, no caller); optionally of one grid only. */
    public List<Row> all(UUID gridId) {
        if (gridId == null) {
            return jdbc.sql(SELECT + " ORDER BY p.id").query(KeyPersons::row).list();
        }
        return jdbc.sql(SELECT + " AND p.grid_id = ? ORDER BY p.id").param(gridId).query(KeyPersons::row).list();
    }

    /** The key persons among these persons, unscoped: for a change of categories the caller already made. */
    public List<Row> of(java.util.Collection<UUID> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " AND p.id = ANY(?) ORDER BY p.id").param(personIds.toArray(UUID[]::new))
                .query(KeyPersons::row).list();
    }

    /** The key persons of a household, unscoped: for a visit to a household the caller may see. */
    public List<Row> ofHousehold(UUID householdId) {
        return jdbc.sql(SELECT + " AND p.household_id = ? ORDER BY p.id").param(householdId)
                .query(KeyPersons::row).list();
    }

    public Optional<Row> findVisible(UUID personId, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return jdbc.sql(SELECT + " AND p.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))"
                        + reach.condition("p.grid_id"))
                .param("id", personId).param("scope", caller.scopePatterns()).params(reach.params())
                .query(KeyPersons::row).optional();
    }

    /** Whether the caller heads (grid chief) or manages (grid manager) at least one grid today. */
    public boolean looksAfterAGrid(UUID staffId) {
        return !staff.gridsLookedAfterBy(new StaffId(staffId), today()).isEmpty();
    }

    /** The grid chiefs of a grid on a day (the account module's one definition). */
    public List<UUID> gridChiefs(UUID gridId, LocalDate day) {
        return staff.gridChiefs(new GridId(gridId), day);
    }

    /** The grid chiefs of these grids on a day, by grid. */
    public Map<UUID, List<UUID>> gridChiefs(java.util.Collection<UUID> grids, LocalDate day) {
        return staff.gridChiefs(grids, day);
    }

    // ---- helper teams

    /** One membership of one helper in a key person's team. */
    public record Member(UUID id, UUID personId, UUID staffId, String name, HelperRole role, String relation,
            String phoneMasked, LocalDate joinedOn, LocalDate leftOn, String leftReason) {
        @com.fasterxml.jackson.annotation.JsonProperty("current")
        public boolean current() {
            return leftOn == null;
        }
    }

    private static final String MEMBER = """
            SELECT id, person_id, staff_id, name, role, relation, phone_masked, joined_on, left_on, left_reason
            FROM helper_membership""";

    /** The team, current members first (in the order they joined), then those who left, latest first. */
    public List<Member> team(UUID personId) {
        return jdbc.sql(MEMBER + " WHERE person_id = ? ORDER BY left_on IS NOT NULL, left_on DESC, joined_on, created_at, id")
                .param(personId).query(KeyPersons::member).list();
    }

    public Optional<Member> member(UUID id) {
        return jdbc.sql(MEMBER + " WHERE id = ?").param(id).query(KeyPersons::member).optional();
    }

    public boolean staffInTeam(UUID personId, UUID staffId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM helper_membership WHERE person_id = ? AND staff_id = ? AND left_on IS NULL)")
                .params(personId, staffId).query(Boolean.class).single();
    }

    public void insertMember(UUID id, UUID personId, UUID staffId, String name, HelperRole role, String relation,
            byte[] phoneCipher, String phoneMasked, LocalDate joinedOn, UUID createdBy) {
        jdbc.sql("""
                INSERT INTO helper_membership (id, person_id, staff_id, name, role, relation, phone_cipher, phone_masked,
                                               joined_on, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, personId, staffId, name, role.name(), relation, phoneCipher, phoneMasked, joinedOn, createdBy)
                .update();
    }

    public void endMember(UUID id, LocalDate leftOn, String reason) {
        jdbc.sql("UPDATE helper_membership SET left_on = ?, left_reason = ? WHERE id = ? AND left_on IS NULL")
                .params(leftOn, reason, id).update();
    }

    /** A staff member by name, and whether he is still active (one who left the service helps nobody). */
    public record Staff(UUID id, String name, boolean active) {
    }

    /**
     * A staff member the caller may see, active or not: a team names him and, when he is no longer active, the refusal
     * says so by his name rather than that no such staff member exists.
     */
    public Optional<Staff> visibleStaff(UUID staffId, Caller caller) {
        return jdbc.sql("""
                SELECT s.id, s.name, s.active FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.id = ? AND u.path LIKE ANY(?)""")
                .param(staffId).param(caller.scopePatterns())
                .query((rs, n) -> new Staff(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3))).optional();
    }

    /**
     * The active staff who may join a key person's team as themselves, by name, among those the caller may see: the
     * grid chief, coordinator, manager and members serving his grid today, and the police (community officers,
     * auxiliary police, station chief) of his unit and the units above it. The page offers them; a helper from
     * elsewhere is named by hand. Informants are never offered: a list of names must not point them out. (All the
     * staff of the units above, grid members of the whole central office among them, made a list of 150 names.)
     */
    public List<Staff> staffChoices(String personUnitPath, UUID gridId, Caller caller) {
        return jdbc.sql("""
                SELECT s.id, s.name, s.active FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.active AND s.role <> 'INFORMANT' AND u.path LIKE ANY(:scope)
                  AND (s.role IN ('COMMUNITY_OFFICER', 'AUXILIARY_POLICE', 'STATION_CHIEF') AND :unit LIKE u.path || '%'
                       OR EXISTS (SELECT 1 FROM grid_role r WHERE r.staff_id = s.id AND r.grid_id = :grid
                                  AND r.role <> 'INFORMANT' AND """ + org.fengqiao.account.RosterDay.covers("r", ":day") + """
                ))
                ORDER BY s.name, s.id""")
                .param("scope", caller.scopePatterns()).param("unit", personUnitPath).param("grid", gridId)
                .param("day", today())
                .query((rs, n) -> new Staff(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3))).list();
    }

    // ---- risk

    public record RiskChange(Risk from, Risk to, String reason, String changedBy, OffsetDateTime changedAt) {
        /** When, on the clocks of the jurisdiction (pages show this). */
        public java.time.LocalDateTime localChangedAt() {
            return changedAt.atZoneSameInstant(LOCAL).toLocalDateTime();
        }
    }

    public List<RiskChange> riskHistory(UUID personId) {
        return jdbc.sql("""
                SELECT r.from_risk, r.to_risk, r.reason, s.name, r.changed_at
                FROM risk_change r LEFT JOIN staff s ON s.id = r.changed_by
                WHERE r.person_id = ? ORDER BY r.changed_at DESC, r.id""")
                .param(personId).query((rs, n) -> new RiskChange(
                        rs.getString(1) == null ? null : Risk.valueOf(rs.getString(1)), Risk.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class))).list();
    }

    /**
     * Sets the key person's risk level and records the change. His version is raised, as any change of his record and
     * his categories raises it (PersonCategories): an edit form opened before the change is refused as stale
     * (population.person.stale) instead of being saved over a designation its officer never saw.
     */
    public void setRisk(UUID personId, Risk from, Risk to, String reason, UUID changedBy, OffsetDateTime at) {
        jdbc.sql("UPDATE person_category SET risk = ? WHERE person_id = ? AND category = 'KEY_PERSON'")
                .params(to.name(), personId).update();
        jdbc.sql("UPDATE person SET version = version + 1, updated_at = now() WHERE id = ?").param(personId).update();
        jdbc.sql("""
                INSERT INTO risk_change (id, person_id, from_risk, to_risk, reason, changed_by, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), personId, from == null ? null : from.name(), to.name(), reason, changedBy, at)
                .update();
    }

    // ---- visits

    /** A visit to the person or their household; state and helpers only when it was recorded as a key-person visit. */
    public record Visit(UUID id, OffsetDateTime visitedAt, String visitedByName, String findings, boolean contactCard,
            PersonState state, List<UUID> helperIds, List<VisitLog.Change> changes) {
        /** When, on the clocks of the jurisdiction (pages show this). */
        public java.time.LocalDateTime localVisitedAt() {
            return visitedAt.atZoneSameInstant(LOCAL).toLocalDateTime();
        }

        Visit withChanges(List<VisitLog.Change> shown) {
            return new Visit(id, visitedAt, visitedByName, findings, contactCard, state, helperIds, shown);
        }
    }

    /** The visits to the person or their household, newest first. */
    public List<Visit> visits(UUID personId, UUID householdId, int limit) {
        return visits(personId, householdId, limit, true);
    }

    /**
     * The visits to the person or their household, newest first, without those recorded as another member's
     * key-person visit: what his file lists when he is no key person. Their findings are about that member (his
     * treatment, his mood), and a child's file handed to his teacher and volunteer must not carry them.
     */
    public List<Visit> visitsOfMember(UUID personId, UUID householdId, int limit) {
        return visits(personId, householdId, limit, false);
    }

    private List<Visit> visits(UUID personId, UUID householdId, int limit, boolean othersKeyPersonVisits) {
        List<Visit> visits = jdbc.sql("""
                SELECT v.id, v.visited_at, s.name AS staff_name, v.findings, v.contact_card, vp.state, vp.helper_ids
                FROM visit v JOIN staff s ON s.id = v.visited_by
                LEFT JOIN visit_person vp ON vp.visit_id = v.id AND vp.person_id = :person
                WHERE (vp.person_id IS NOT NULL
                       OR v.household_id = :household
                          AND (:others OR NOT EXISTS (SELECT 1 FROM visit_person o
                                                       WHERE o.visit_id = v.id AND o.person_id <> :person)))
                ORDER BY v.visited_at DESC, v.created_at DESC, v.id LIMIT :limit""")
                .param("person", personId).param("household", householdId).param("others", othersKeyPersonVisits)
                .param("limit", limit)
                .query((rs, n) -> {
                    Array helpers = rs.getArray("helper_ids");
                    String state = rs.getString("state");
                    return new Visit(rs.getObject("id", UUID.class), rs.getObject("visited_at", OffsetDateTime.class),
                            rs.getString("staff_name"), rs.getString("findings"), rs.getBoolean("contact_card"),
                            state == null ? null : PersonState.valueOf(state),
                            helpers == null ? List.of() : Arrays.asList((UUID[]) helpers.getArray()), List.of());
                }).list();
        return withChanges(visits);
    }

    /**
     * The visits each with the changes made during it (a phone corrected, a member moved out, a card handed over), in
     * the order they were made, as stored: the household's page lists them under the visit, and so must the key
     * person's page and file, or the change made at his door is linked to a visit nobody reading his record sees.
     */
    private List<Visit> withChanges(List<Visit> visits) {
        if (visits.isEmpty()) {
            return visits;
        }
        Map<UUID, List<VisitLog.Change>> changes = new HashMap<>();
        jdbc.sql("""
                SELECT visit_id, record_type, record_id, summary, changed_at, message_key, message_args
                FROM visit_change WHERE visit_id = ANY(?) ORDER BY changed_at, record_type, record_id""")
                .param(visits.stream().map(Visit::id).toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    Array args = rs.getArray("message_args");
                    changes.computeIfAbsent(rs.getObject("visit_id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(new VisitLog.Change(rs.getString("record_type"), rs.getObject("record_id", UUID.class),
                                    rs.getString("summary"), rs.getObject("changed_at", OffsetDateTime.class),
                                    rs.getString("message_key"),
                                    args == null ? null : List.of((String[]) args.getArray())));
                });
        return visits.stream().map(v -> v.withChanges(List.copyOf(changes.getOrDefault(v.id(), List.of())))).toList();
    }

    public void insertVisitPerson(UUID visitId, UUID personId, PersonState state, List<UUID> helperIds) {
        jdbc.sql("INSERT INTO visit_person (visit_id, person_id, state, helper_ids) VALUES (?, ?, ?, CAST(? AS uuid[]))")
                .params(visitId, personId, state == null ? null : state.name(), helperIds.toArray(UUID[]::new)).update();
    }

    // ---- overdue notices

    /** Notes an overdue period; false when it was noted before (and so announced already). */
    public boolean notice(UUID personId, LocalDate countedFrom, LocalDate dueOn, UUID gridId) {
        return jdbc.sql("""
                INSERT INTO overdue_notice (person_id, counted_from, due_on, grid_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (person_id, counted_from) DO NOTHING""")
                .params(personId, countedFrom, dueOn, gridId).update() > 0;
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        String subtype = rs.getString("subtype");
        String risk = rs.getString("risk");
        return new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("grid_id", UUID.class),
                rs.getString("grid_code"), rs.getString("grid_name"), rs.getString("unit_path"),
                rs.getObject("household_id", UUID.class), rs.getString("household_number"), rs.getBoolean("trusted"),
                Residence.valueOf(rs.getString("residence")), subtype == null ? null : KeyPersonType.valueOf(subtype),
                risk == null ? null : Risk.valueOf(risk), rs.getObject("since", LocalDate.class),
                rs.getInt("team_size"), rs.getObject("last_visit", OffsetDateTime.class));
    }

    static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getObject("id", UUID.class), rs.getObject("person_id", UUID.class),
                rs.getObject("staff_id", UUID.class), rs.getString("name"), HelperRole.valueOf(rs.getString("role")),
                rs.getString("relation"), rs.getString("phone_masked"), rs.getObject("joined_on", LocalDate.class),
                rs.getObject("left_on", LocalDate.class), rs.getString("left_reason"));
    }
}
