package org.fengqiao.mediation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.RosterDay;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.SettledLevel;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.database.BeforeCommitWrites;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dispute cases with their parties, team, sessions and follow-ups. Reads for a person are scoped inside the
 * SQL through the grid's unit ({@code u.path LIKE ANY(:scope)}), so a case outside the caller's subtree is not found.
 * <p>
 * The cases of 110 disputes filed in a transaction ({@link #gather}) are written together just before it commits, one
 * statement for all of them with their parties and teams; every read and change here writes those gathered so far
 * first, and so does every other statement of the module on cases ({@link #writeGathered}), so nothing in the
 * transaction misses them.
 */
@Repository
public class Disputes {

    @ChoiceNames("mediation.status.")
    public enum Status {
        OPEN, AGREED, FAILED, REFERRED,
        /** Ended because its 110 report was merged into another as a duplicate: neither settled nor failed. */
        DUPLICATE
    }

    @ChoiceNames("mediation.referral.")
    public enum Referral { MEDIATION_COMMITTEE, COURT, DEPARTMENT }

    /**
     * A case. {@code outcomeNote} is what the person who ended it wrote; {@code duplicateOf} the tracking code of the
     * report its 110 report was merged into (status DUPLICATE), which the pages say in the reader's language.
     */
    public record Case(UUID id, String code, DisputeOrigin origin, DisputeKind kind, UUID gridId, String gridCode,
            String gridName, UUID unitId, String unitName, String unitPath, String summary, String address,
            UUID incidentId, String incidentCode, UUID screeningId, Status status, boolean atRisk, String riskNote,
            OffsetDateTime riskFlaggedAt, SettledLevel settledLevel, OffsetDateTime endedAt, String agreementText,
            UUID witnessStaffId, String witnessName, Referral referredTo, String referralBody, String outcomeNote,
            String duplicateOf, OffsetDateTime openedAt, long version, int sessions) {

        public boolean open() {
            return status == Status.OPEN;
        }
    }

    /** A party: named here (phone masked), or a person of the population records ({@code personId}). */
    public record Party(UUID id, int position, String name, String phoneMasked, UUID personId) {
    }

    public record Member(UUID staffId, String name, String unitName, TeamRole role) {
    }

    public record Session(UUID id, LocalDate heldOn, String place, String attendees, String said, String nextStep,
            String recordedBy, OffsetDateTime recordedAt) {
    }

    public record FollowUp(UUID id, LocalDate dueOn, LocalDate doneOn, String note) {
    }

    /**
     * What of the cases a list shows; {@code followUpBy}, when set, only the cases with a follow-up visit (回访) not yet
     * done that falls due on or before that day: the work waiting on the team, whatever the case's status.
     */
    public record Filter(Status status, DisputeKind kind, Boolean atRisk, UUID screeningId, LocalDate followUpBy) {

        public Filter(Status status, DisputeKind kind, Boolean atRisk, UUID screeningId) {
            this(status, kind, atRisk, screeningId, null);
        }
    }

    private static final String FOLLOW_UP_DUE = " AND EXISTS (SELECT 1 FROM dispute_follow_up f WHERE f.case_id = c.id"
            + " AND f.done_on IS NULL AND f.due_on <= :followUpBy)";

    /** Of these cases, those with a follow-up not done whose day is past (before {@code today}): overdue. */
    public java.util.Set<UUID> followUpOverdue(List<UUID> caseIds, LocalDate today) {
        written();
        if (caseIds.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("SELECT DISTINCT case_id FROM dispute_follow_up"
                + " WHERE case_id = ANY(CAST(:ids AS uuid[])) AND done_on IS NULL AND due_on < :today")
                .param("ids", caseIds.toArray(UUID[]::new)).param("today", today).query(UUID.class).list());
    }

    public record Page(List<Case> items, long total) {
    }

    static final String SELECT = """
            SELECT c.*, g.code AS grid_code, g.name AS grid_name, u.id AS unit_id, u.name AS unit_name, u.path AS unit_path,
                   w.name AS witness_name, (SELECT count(*) FROM dispute_session s WHERE s.case_id = c.id) AS sessions
            FROM dispute_case c JOIN grid g ON g.id = c.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN staff w ON w.id = c.witness_staff_id
            """;
    private static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Clock clock;
    private final BeforeCommitWrites writes;

    Disputes(JdbcClient jdbc, StaffDirectory staff, Clock clock, BeforeCommitWrites writes) {
        this.staff = staff;
        this.clock = clock;
        this.jdbc = jdbc;
        this.writes = writes;
    }

    public record New(UUID id, String code, DisputeOrigin origin, DisputeKind kind, UUID gridId, String summary,
            String address, UUID incidentId, String incidentCode, UUID screeningId, OffsetDateTime openedAt,
            UUID openedBy) {
    }

    /** A new case; false when a case for the same incident exists already. */
    public boolean insert(New n) {
        written();
        return jdbc.sql("""
                INSERT INTO dispute_case (id, code, origin, kind, grid_id, summary, address, incident_id, incident_code,
                    screening_id, status, opened_at, opened_by)
                VALUES (:id, :code, :origin, :kind, :grid, :summary, :address, :incident, :incidentCode, :screening,
                    'OPEN', :openedAt, :openedBy)
                ON CONFLICT (incident_id) DO NOTHING""")
                .param("id", n.id()).param("code", n.code()).param("origin", n.origin().name())
                .param("kind", n.kind().name()).param("grid", n.gridId()).param("summary", n.summary())
                .param("address", n.address()).param("incident", n.incidentId()).param("incidentCode", n.incidentCode())
                .param("screening", n.screeningId()).param("openedAt", n.openedAt()).param("openedBy", n.openedBy())
                .update() > 0;
    }

    /** A party of a new case as stored: its phone encrypted ({@code phone}) and masked. */
    public record NewParty(UUID id, int position, String name, byte[] phone, String phoneMasked, UUID personId) {
    }

    /** A new case with its parties and its team, to write with the others of its transaction. */
    public record Opened(New row, List<NewParty> parties, List<Member> team) {
    }

    /**
     * A new case of an incident filed in the caller's transaction (it can have no case yet), written with its parties
     * and team and with the transaction's other such cases just before it commits, in one statement; at once without a
     * transaction. A case that cannot be written (a constraint) fails the commit, and so the filing, as its insert did.
     */
    public void gather(Opened opened) {
        writes.add(gathered, opened);
    }

    private final BeforeCommitWrites.Batch<Opened> gathered = this::insertAll;

    /** Writes the cases gathered so far in the caller's transaction, before a statement on cases. */
    private void written() {
        writes.flush(gathered);
    }

    /**
     * Writes the cases gathered so far in the caller's transaction ({@link #gather}), for a statement on cases made
     * outside this class (DisputeFacts, MediationFigures, OpenCasesHandover, MediationLoader): it would otherwise miss
     * the cases of the 110 disputes filed earlier in the same transaction. Nothing to do (one look-up) without any.
     */
    public void writeGathered() {
        written();
    }

    /**
     * The cases, their teams and their parties in one statement: the rows of the three tables each from arrays, the
     * cases in the order they were opened. The teams and parties name cases of the same statement, which their foreign
     * keys accept (checked at the statement's end).
     */
    private void insertAll(List<Opened> cases) {
        List<New> rows = cases.stream().map(Opened::row).toList();
        List<UUID> teamCases = new java.util.ArrayList<>();
        List<Member> team = new java.util.ArrayList<>();
        List<UUID> partyCases = new java.util.ArrayList<>();
        List<NewParty> parties = new java.util.ArrayList<>();
        for (Opened o : cases) {
            o.team().forEach(m -> {
                teamCases.add(o.row().id());
                team.add(m);
            });
            o.parties().forEach(p -> {
                partyCases.add(o.row().id());
                parties.add(p);
            });
        }
        jdbc.sql("""
                WITH c AS (
                    INSERT INTO dispute_case (id, code, origin, kind, grid_id, summary, address, incident_id, incident_code,
                        screening_id, status, opened_at, opened_by)
                    SELECT n.id, n.code, n.origin, n.kind, n.grid_id, n.summary, n.address, n.incident_id, n.incident_code,
                           n.screening_id, 'OPEN', n.opened_at, n.opened_by
                    FROM unnest(CAST(:ids AS uuid[]), CAST(:codes AS text[]), CAST(:origins AS text[]),
                                CAST(:kinds AS text[]), CAST(:grids AS uuid[]), CAST(:summaries AS text[]),
                                CAST(:addresses AS text[]), CAST(:incidents AS uuid[]), CAST(:incidentCodes AS text[]),
                                CAST(:screenings AS uuid[]), CAST(:openedAts AS timestamptz[]),
                                CAST(:openedBys AS uuid[])) WITH ORDINALITY
                         AS n (id, code, origin, kind, grid_id, summary, address, incident_id, incident_code,
                               screening_id, opened_at, opened_by, ord)
                    ORDER BY n.ord),
                t AS (
                    INSERT INTO dispute_team (case_id, staff_id, role)
                    SELECT * FROM unnest(CAST(:teamCases AS uuid[]), CAST(:teamStaff AS uuid[]),
                                         CAST(:teamRoles AS text[])))
                INSERT INTO dispute_party (id, case_id, position, name, phone, phone_masked, person_id)
                SELECT * FROM unnest(CAST(:partyIds AS uuid[]), CAST(:partyCases AS uuid[]), CAST(:positions AS int[]),
                                     CAST(:names AS text[]), CAST(:phones AS bytea[]), CAST(:masked AS text[]),
                                     CAST(:persons AS uuid[]))""")
                .param("ids", rows.stream().map(New::id).toArray(UUID[]::new))
                .param("codes", rows.stream().map(New::code).toArray(String[]::new))
                .param("origins", rows.stream().map(r -> r.origin().name()).toArray(String[]::new))
                .param("kinds", rows.stream().map(r -> r.kind().name()).toArray(String[]::new))
                .param("grids", rows.stream().map(New::gridId).toArray(UUID[]::new))
                .param("summaries", rows.stream().map(New::summary).toArray(String[]::new))
                .param("addresses", rows.stream().map(New::address).toArray(String[]::new))
                .param("incidents", rows.stream().map(New::incidentId).toArray(UUID[]::new))
                .param("incidentCodes", rows.stream().map(New::incidentCode).toArray(String[]::new))
                .param("screenings", rows.stream().map(New::screeningId).toArray(UUID[]::new))
                .param("openedAts", rows.stream().map(r -> r.openedAt().toString()).toArray(String[]::new))
                .param("openedBys", rows.stream().map(New::openedBy).toArray(UUID[]::new))
                .param("teamCases", teamCases.toArray(UUID[]::new))
                .param("teamStaff", team.stream().map(Member::staffId).toArray(UUID[]::new))
                .param("teamRoles", team.stream().map(m -> m.role().name()).toArray(String[]::new))
                .param("partyIds", parties.stream().map(NewParty::id).toArray(UUID[]::new))
                .param("partyCases", partyCases.toArray(UUID[]::new))
                .param("positions", parties.stream().map(NewParty::position).toArray(Integer[]::new))
                .param("names", parties.stream().map(NewParty::name).toArray(String[]::new))
                .param("phones", parties.stream().map(NewParty::phone).toArray(byte[][]::new))
                .param("masked", parties.stream().map(NewParty::phoneMasked).toArray(String[]::new))
                .param("persons", parties.stream().map(NewParty::personId).toArray(UUID[]::new))
                .update();
    }

    public Optional<Case> find(UUID id) {
        written();
        return jdbc.sql(SELECT + " WHERE c.id = :id").param("id", id).query(Disputes::map).optional();
    }

    /**
     * What of a case is the reader's own, for one who reads only the grids he serves ({@link GridReach}): a case whose
     * team he sits on (a volunteer of another grid asked onto it) or that he opened.
     */
    static final String[] HIS = {
            "EXISTS (SELECT 1 FROM dispute_team rt WHERE rt.case_id = c.id AND rt.staff_id = :reachMe)",
            "c.opened_by = :reachMe"};

    /** The case if the scope (unit paths) sees its grid; null scope sees all. */
    public Optional<Case> findVisible(UUID id, List<String> scopePaths) {
        return findVisible(id, scopePaths, GridReach.EVERY_GRID);
    }

    /**
     * The case if the scope (unit paths) sees its grid and the reader reaches it (the grids he serves and the cases
     * that are his, for one who serves grids); null scope sees all.
     */
    public Optional<Case> findVisible(UUID id, List<String> scopePaths, GridReach reach) {
        written();
        if (scopePaths == null) {
            return find(id);
        }
        return jdbc.sql(SELECT + " WHERE c.id = :id AND" + SCOPE + reach.condition("c.grid_id", HIS)).param("id", id)
                .param("scope", patterns(scopePaths)).params(reach.params()).query(Disputes::map).optional();
    }

    public Optional<UUID> byIncident(UUID incidentId) {
        written();
        return jdbc.sql("SELECT id FROM dispute_case WHERE incident_id = ?").param(incidentId).query(UUID.class).optional();
    }

    public void lock(UUID id) {
        written();
        jdbc.sql("SELECT id FROM dispute_case WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }

    /** Open cases at risk first (urgent for the station chief), then open ones, newest first. */
    public Page list(Filter f, List<String> scopePaths, GridReach reach, int limit, int offset) {
        return page(f, scopePaths, reach, limit, offset, true);
    }

    /** A page of the list without counting the list again: a ledger reading it page after page counted it once. */
    public List<Case> items(Filter f, List<String> scopePaths, GridReach reach, int limit, int offset) {
        return page(f, scopePaths, reach, limit, offset, false).items();
    }

    private Page page(Filter f, List<String> scopePaths, GridReach reach, int limit, int offset, boolean counted) {
        written();
        StringBuilder where = new StringBuilder(" WHERE" + SCOPE + reach.condition("c.grid_id", HIS));
        if (f.status() != null) {
            where.append(" AND c.status = :status");
        }
        if (f.kind() != null) {
            where.append(" AND c.kind = :kind");
        }
        if (f.atRisk() != null) {
            where.append(" AND c.at_risk = :atRisk");
        }
        if (f.screeningId() != null) {
            where.append(" AND c.screening_id = :screening");
        }
        if (f.followUpBy() != null) {
            where.append(FOLLOW_UP_DUE);
        }
        var count = jdbc.sql("SELECT count(*) FROM dispute_case c JOIN grid g ON g.id = c.grid_id JOIN unit u ON u.id = g.unit_id"
                + where);
        var rows = jdbc.sql(SELECT + where + "\n" + """
                 ORDER BY (c.status = 'OPEN' AND c.at_risk) DESC, (c.status = 'OPEN') DESC, c.opened_at DESC, c.id
                 LIMIT :limit OFFSET :offset""");
        for (var spec : List.of(count, rows)) {
            spec.param("scope", patterns(scopePaths)).params(reach.params());
            if (f.status() != null) {
                spec.param("status", f.status().name());
            }
            if (f.kind() != null) {
                spec.param("kind", f.kind().name());
            }
            if (f.atRisk() != null) {
                spec.param("atRisk", f.atRisk());
            }
            if (f.screeningId() != null) {
                spec.param("screening", f.screeningId());
            }
            if (f.followUpBy() != null) {
                spec.param("followUpBy", f.followUpBy());
            }
        }
        long total = counted ? count.query(Long.class).single() : -1;
        return new Page(rows.param("limit", limit).param("offset", offset).query(Disputes::map).list(), total);
    }

    public void update(UUID id, String setClause, Object... params) {
        written();
        Object[] all = new Object[params.length + 1];
        System.arraycopy(params, 0, all, 0, params.length);
        all[params.length] = id;
        jdbc.sql("UPDATE dispute_case SET " + setClause + ", updated_at = now(), version = version + 1 WHERE id = ?")
                .params(all).update();
    }

    public void addParty(UUID caseId, int position, String name, byte[] phone, String phoneMasked, UUID personId) {
        written();
        jdbc.sql("""
                INSERT INTO dispute_party (id, case_id, position, name, phone, phone_masked, person_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), caseId, position, name, phone, phoneMasked, personId).update();
    }

    public List<Party> parties(UUID caseId) {
        written();
        return jdbc.sql("""
                SELECT id, position, name, phone_masked, person_id FROM dispute_party WHERE case_id = ? ORDER BY position""")
                .param(caseId).query((rs, n) -> new Party(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getObject(5, UUID.class))).list();
    }

    public void replaceTeam(UUID caseId, List<Member> team) {
        written();
        jdbc.sql("DELETE FROM dispute_team WHERE case_id = ?").param(caseId).update();
        addTeam(caseId, team);
    }

    /** Names the team of a case that has none yet (one just opened). */
    public void addTeam(UUID caseId, List<Member> team) {
        written();
        for (Member m : team) {
            jdbc.sql("INSERT INTO dispute_team (case_id, staff_id, role) VALUES (?, ?, ?)")
                    .params(caseId, m.staffId(), m.role().name()).update();
        }
    }

    public List<Member> team(UUID caseId) {
        written();
        return jdbc.sql("""
                SELECT t.staff_id, s.name, su.name, t.role FROM dispute_team t JOIN staff s ON s.id = t.staff_id
                JOIN unit su ON su.id = s.unit_id WHERE t.case_id = ?
                ORDER BY array_position(ARRAY['OFFICER','COMMUNITY_MEDIATOR','SOCIAL_WORK_VOLUNTEER','VILLAGE_POLICE'], t.role), s.name""")
                .param(caseId).query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        TeamRole.valueOf(rs.getString(4)))).list();
    }

    /**
     * Whether the staff member {@code s} (his unit {@code su}) reads a case of the grid {@code :caseGrid} at the unit
     * path {@code :casePath} by his place, as his sign-in's scope and {@link GridReach} would read it, before anything of
     * it is his: active, of a role that reads disputes ({@link #mediatingRoles}), and either one who reads his unit's
     * subtree (the police, the mediators; one who serves grids while he serves none at or under his unit) with the case
     * in it, or one who serves grids serving the case's grid now. Seated on the team, a grid member of another grid of
     * the office would read the case as his (GridReach), and an officer of another office would not read it at all.
     */
    private static final String READS_CASE = " (s.active AND s.role = ANY(CAST(:roles AS text[])) AND ("
            + "(:casePath LIKE su.path || '%' AND (s.role <> ALL(CAST(:servers AS text[])) OR NOT EXISTS ("
            + "SELECT 1 FROM grid_role r JOIN grid rg ON rg.id = r.grid_id JOIN unit ru ON ru.id = rg.unit_id"
            + " WHERE r.staff_id = s.id AND ru.path LIKE su.path || '%' AND " + RosterDay.coversToday("r") + ")))"
            + " OR (s.role = ANY(CAST(:servers AS text[])) AND EXISTS ("
            + "SELECT 1 FROM grid_role r JOIN grid rg ON rg.id = r.grid_id JOIN unit ru ON ru.id = rg.unit_id"
            + " WHERE r.staff_id = s.id AND r.grid_id = :caseGrid AND ru.path LIKE su.path || '%' AND "
            + RosterDay.coversToday("r") + ")))) ";

    /** A staff member asked for a case's team: found, and whether he reads the case ({@link #READS_CASE}). */
    public record Eligible(Member member, boolean readsCase) {
    }

    /**
     * A staff member asked for a team of a case of this grid and unit path, if he reads the case ({@link #READS_CASE})
     * or the caller sees him (his unit in the caller's scope; null scope: the application, which sees all): one the
     * caller sees who does not read the case is named in the refusal; anyone else is not found.
     */
    public Optional<Eligible> eligibleStaff(UUID staffId, UUID caseGridId, String caseUnitPath,
            List<String> scopePaths) {
        return jdbc.sql("SELECT s.id, s.name, su.name, " + READS_CASE + """
                 AS reads FROM staff s JOIN unit su ON su.id = s.unit_id
                WHERE s.id = :id AND s.active AND s.role = ANY(CAST(:roles AS text[]))
                  AND (""" + READS_CASE + """
                   OR CAST(:scope AS text[]) IS NULL OR su.path LIKE ANY(CAST(:scope AS text[])))""")
                .param("id", staffId).param("casePath", caseUnitPath).param("caseGrid", caseGridId)
                .param("roles", mediatingRoles()).param("servers", servers())
                .param("scope", scopePaths == null ? null : patterns(scopePaths))
                .query((rs, n) -> new Eligible(new Member(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), null), rs.getBoolean(4)))
                .optional();
    }

    /**
     * Whether the person is a police officer, who alone sits on a team as its officer (民警) and may witness its
     * agreement: the community officer, the station chief, the bureau's command or its inspectors; not an
     * auxiliary policeman (the team's village police), a volunteer or a mediator.
     */
    public boolean police(UUID staffId) {
        return hasRole(staffId, "COMMUNITY_OFFICER", "STATION_CHIEF", "BUREAU_COMMAND", "INSPECTOR");
    }

    /**
     * Whether the person is an auxiliary policeman (辅警), who alone sits on a team as its village police (村警,
     * seed 003: the village's auxiliary police, the grid's manager): not an officer, a volunteer or a mediator.
     */
    public boolean auxiliaryPolice(UUID staffId) {
        return hasRole(staffId, "AUXILIARY_POLICE");
    }

    private boolean hasRole(UUID staffId, String... roles) {
        return jdbc.sql("SELECT count(*) FROM staff WHERE id = ? AND role = ANY(?)")
                .params(staffId, roles).query(Long.class).single() > 0;
    }

    /**
     * Where a candidate for a case's team stands to the case: he serves its grid now ({@code GRID}, his place on its
     * roster in {@code gridRole}), works at its office ({@code OFFICE}: the central office or workstation over the
     * grid, or below it), or above it (the station's, the bureau's).
     */
    public enum Circle { GRID, OFFICE, ABOVE }

    /**
     * One who may sit on a team, with his role (MEDIATOR, VOLUNTEER, COMMUNITY_OFFICER...) and, for one who serves the
     * case's grid, his place on its roster ({@code gridRole}: GRID_CHIEF, MEMBER...; null otherwise): the team form
     * names them beside him, so that whoever forms the team sees who is an officer, a mediator or a volunteer, and who
     * serves the grid, among the many.
     */
    public record Candidate(UUID staffId, String name, String unitName, String role, Circle circle, String gridRole) {
    }

    /** How many of each circle the team form offers at most (a select of more is of no use to anyone). */
    static final int PER_CIRCLE = 200;

    /**
     * The staff who read a case of this grid and unit path ({@link #READS_CASE}), who alone may sit on its team, for the
     * team form: those who serve the grid first (grid chief, coordinator, manager, members: the grid's people of a
     * mediation team), then the office's (its officers, mediators, village cadres), then the station's and the
     * bureau's; at most {@link #PER_CIRCLE} of each circle, so that an office of many volunteers does not push its
     * station's chief off the list. Those on the case's team already are offered too, in their place: seated when they read
     * it, they stay on it as it is formed again.
     */
    public List<Candidate> candidates(UUID caseId, UUID caseGridId, String caseUnitPath) {
        written();
        return jdbc.sql("""
                WITH office AS (SELECT coalesce((SELECT a.path FROM unit a WHERE :casePath LIKE a.path || '%'
                                                   AND a.kind IN ('CENTRAL_OFFICE', 'WORKSTATION')
                                                 ORDER BY a.depth DESC LIMIT 1), :casePath) AS path),
                     serving AS (SELECT r.staff_id, min(array_position(
                                     ARRAY['GRID_CHIEF', 'COORDINATOR', 'MANAGER', 'MEMBER', 'INFORMANT'], r.role)) AS place
                                 FROM grid_role r WHERE r.grid_id = :caseGrid AND """ + RosterDay.coversToday("r") + """
                                 GROUP BY r.staff_id)
                , readers AS (
                    SELECT s.id, s.name, su.name AS unit_name, s.role, g.place, su.depth,
                           CASE WHEN g.place IS NOT NULL THEN 'GRID' WHEN su.path LIKE o.path || '%' THEN 'OFFICE'
                                ELSE 'ABOVE' END AS circle
                    FROM staff s JOIN unit su ON su.id = s.unit_id CROSS JOIN office o
                    LEFT JOIN serving g ON g.staff_id = s.id
                    WHERE (""" + READS_CASE + """
                           OR EXISTS (SELECT 1 FROM dispute_team t WHERE t.case_id = :case AND t.staff_id = s.id))),
                     ranked AS (SELECT r.*, row_number() OVER (PARTITION BY r.circle
                                    ORDER BY r.place, r.depth DESC, r.name, r.id) AS n FROM readers r)
                SELECT id, name, unit_name, role, circle,
                       (ARRAY['GRID_CHIEF', 'COORDINATOR', 'MANAGER', 'MEMBER', 'INFORMANT'])[place] AS grid_role
                FROM ranked WHERE n <= """ + PER_CIRCLE
                + " ORDER BY array_position(ARRAY['GRID', 'OFFICE', 'ABOVE'], circle), place, depth DESC, name, id")
                .param("casePath", caseUnitPath).param("caseGrid", caseGridId).param("roles", mediatingRoles())
                .param("servers", servers()).param("case", caseId)
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), Circle.valueOf(rs.getString(5)), rs.getString(6)))
                .list();
    }

    /** The roles that read the grids they serve, not their unit's subtree (StaffDirectory). */
    private String[] servers() {
        return staff.rolesReadingServedGrids().toArray(String[]::new);
    }

    /**
     * The roles that read and work disputes (MEDIATION_READ): not the informants (信息员), whose names the parties and
     * the volunteers reading a case must not be given, the guards, or the administrators.
     */
    private String[] mediatingRoles() {
        return staff.rolesWith(Permission.MEDIATION_READ).toArray(String[]::new);
    }

    /** The grid chief (the community officer) of a grid today, to sit on a new case's team as its officer. */
    public Optional<Member> gridChief(UUID gridId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
        return staff.gridChiefs(new GridId(gridId), today).stream().findFirst().flatMap(chief -> jdbc.sql("""
                SELECT s.id, s.name, su.name FROM staff s JOIN unit su ON su.id = s.unit_id WHERE s.id = ?""")
                .param(chief).query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), TeamRole.OFFICER)).optional());
    }

    public void addSession(UUID caseId, LocalDate heldOn, String place, String attendees, String said, String nextStep,
            UUID recordedBy, OffsetDateTime at) {
        written();
        jdbc.sql("""
                INSERT INTO dispute_session (id, case_id, held_on, place, attendees, said, next_step, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), caseId, heldOn, place, attendees, said, nextStep, recordedBy, at).update();
    }

    public List<Session> sessions(UUID caseId) {
        written();
        return jdbc.sql("""
                SELECT d.id, d.held_on, d.place, d.attendees, d.said, d.next_step, s.name, d.recorded_at
                FROM dispute_session d LEFT JOIN staff s ON s.id = d.recorded_by WHERE d.case_id = ?
                ORDER BY d.held_on, d.recorded_at""")
                .param(caseId).query((rs, n) -> new Session(rs.getObject(1, UUID.class),
                        rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class))).list();
    }

    public void addFollowUp(UUID caseId, LocalDate dueOn) {
        written();
        jdbc.sql("INSERT INTO dispute_follow_up (id, case_id, due_on) VALUES (?, ?, ?)")
                .params(UUID.randomUUID(), caseId, dueOn).update();
    }

    public List<FollowUp> followUps(UUID caseId) {
        written();
        return jdbc.sql("SELECT id, due_on, done_on, note FROM dispute_follow_up WHERE case_id = ? ORDER BY due_on, id")
                .param(caseId).query((rs, n) -> new FollowUp(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class), rs.getString(4))).list();
    }

    /** Marks a follow-up of the case done; false when the case has no such follow-up or it was done already. */
    public boolean followUpDone(UUID caseId, UUID followUpId, LocalDate on, String note) {
        written();
        return jdbc.sql("UPDATE dispute_follow_up SET done_on = ?, note = ? WHERE id = ? AND case_id = ? AND done_on IS NULL")
                .params(on, note, followUpId, caseId).update() > 0;
    }

    /** The staff unit's station (the ancestor of kind STATION) of a unit path, if any. */
    public Optional<UUID> stationOf(String unitPath) {
        return jdbc.sql("SELECT id FROM unit WHERE kind = 'STATION' AND :path LIKE path || '%' ORDER BY depth DESC LIMIT 1")
                .param("path", unitPath).query(UUID.class).optional();
    }

    static String[] patterns(List<String> paths) {
        return paths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    static Case map(ResultSet rs, int row) throws SQLException {
        String level = rs.getString("settled_level");
        String referred = rs.getString("referred_to");
        String note = rs.getString("outcome_note");
        Matcher duplicateOf = BEFORE_V116.matcher(note == null ? "" : note);
        boolean legacy = Status.DUPLICATE.name().equals(rs.getString("status")) && rs.getString("duplicate_of") == null
                && duplicateOf.matches();
        return new Case(rs.getObject("id", UUID.class), rs.getString("code"), DisputeOrigin.valueOf(rs.getString("origin")),
                DisputeKind.valueOf(rs.getString("kind")), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("grid_name"), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("unit_path"), rs.getString("summary"), rs.getString("address"),
                rs.getObject("incident_id", UUID.class), rs.getString("incident_code"),
                rs.getObject("screening_id", UUID.class), Status.valueOf(rs.getString("status")), rs.getBoolean("at_risk"),
                rs.getString("risk_note"), rs.getObject("risk_flagged_at", OffsetDateTime.class),
                level == null ? null : SettledLevel.valueOf(level), rs.getObject("ended_at", OffsetDateTime.class),
                rs.getString("agreement_text"), rs.getObject("witness_staff_id", UUID.class), rs.getString("witness_name"),
                referred == null ? null : Referral.valueOf(referred), rs.getString("referral_body"),
                legacy ? null : note, legacy ? duplicateOf.group(1) : rs.getString("duplicate_of"),
                rs.getObject("opened_at", OffsetDateTime.class), rs.getLong("version"), rs.getInt("sessions"));
    }

    /**
     * How a case ended as a duplicate was written before V116 (and still is by an instance of that version, while
     * a new one is rolled out beside it): the primary's code inside a Chinese note. Read so, it is said in the reader's
     * language like the cases ended since.
     */
    private static final Pattern BEFORE_V116 = Pattern.compile("已作为重复报告并入 (\\S+)");
}
