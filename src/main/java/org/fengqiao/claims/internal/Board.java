package org.fengqiao.claims.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.RosterDay;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The board's items and their claims. Reads for a person are scoped inside the SQL through the grid's unit
 * ({@code u.path LIKE ANY(:scope)}), and for one who serves grids through the grids he serves ({@link GridReach}), so an
 * item or claim outside the caller's subtree or his grids (and not his own) is not found.
 */
@Repository
public class Board {

    @ChoiceNames("claims.kind.")
    public enum Kind { DISPUTE, INCIDENT, HAZARD }

    @ChoiceNames("claims.state.")
    public enum State { WAITING, OPEN, CLAIMED, DONE, CLOSED }

    public enum ClaimState {
        ACTIVE, REPORTED, CONFIRMED, GAVE_UP, EXPIRED;

        public boolean live() {
            return this == ACTIVE || this == REPORTED;
        }
    }

    /** An item with its live claim, if any (claim fields null otherwise). */
    public record Item(UUID id, Kind kind, UUID sourceId, String sourceCode, String category, UUID gridId,
            String gridCode, String gridName, String unitPath, String title, OffsetDateTime since,
            OffsetDateTime onBoardAt, OffsetDateTime closedAt, State state, UUID claimId, ClaimState claimState,
            OffsetDateTime deadline, List<String> claimers, OffsetDateTime doneAt) {

        /**
         * Whole days the item has stood on the board by {@code today} (in the jurisdiction's time), counted from the
         * day it went up (from its source's start for one put up before that was recorded) to today, or to the day it
         * left the board ({@link #leftAt}); never below 0.
         */
        public long daysOnBoard(java.time.LocalDate today) {
            OffsetDateTime up = onBoardAt != null ? onBoardAt : since;
            if (up == null) {
                return 0;
            }
            java.time.LocalDate end = today;
            OffsetDateTime left = leftAt();
            if (left != null && left.atZoneSameInstant(LocalTimes.ZONE).toLocalDate().isBefore(today)) {
                end = left.atZoneSameInstant(LocalTimes.ZONE).toLocalDate();
            }
            return Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(
                    up.atZoneSameInstant(LocalTimes.ZONE).toLocalDate(), end));
        }

        /**
         * When the item left the board for good: its completion confirmed (done), or its source closed with no claim on
         * it; null while it stands. A case done in three days no longer waits, and counting on read as thirty a month on.
         */
        public OffsetDateTime leftAt() {
            return switch (state) {
                case DONE -> doneAt != null ? doneAt : closedAt;
                case CLOSED -> closedAt;
                default -> null;
            };
        }

        /** The same item under another title (the reader's language's: the stored one is Chinese). */
        public Item withTitle(String t) {
            return new Item(id, kind, sourceId, sourceCode, category, gridId, gridCode, gridName, unitPath, t, since,
                    onBoardAt, closedAt, state, claimId, claimState, deadline, claimers, doneAt);
        }
    }

    public record Member(UUID staffId, String name, boolean lead) {
    }

    public record Claim(UUID id, UUID itemId, UUID gridId, String gridName, String unitPath, Kind kind,
            String itemTitle, String itemCategory, String itemCode, UUID claimedBy, String claimedByName, OffsetDateTime claimedAt, OffsetDateTime deadline,
            ClaimState state, String note, OffsetDateTime reportedAt, String reportNote, OffsetDateTime sentBackAt,
            String sentBackNote, OffsetDateTime decidedAt, String decidedByName, Boolean onTime,
            OffsetDateTime endedAt, long version, List<Member> members) {

        public Claim withMembers(List<Member> m) {
            return new Claim(id, itemId, gridId, gridName, unitPath, kind, itemTitle, itemCategory, itemCode, claimedBy, claimedByName,
                    claimedAt, deadline, state, note, reportedAt, reportNote, sentBackAt, sentBackNote, decidedAt,
                    decidedByName, onTime, endedAt, version, List.copyOf(m));
        }

        /** The same claim under another item title (the reader's language's: the stored one is Chinese). */
        public Claim withItemTitle(String t) {
            return new Claim(id, itemId, gridId, gridName, unitPath, kind, t, itemCategory, itemCode, claimedBy,
                    claimedByName, claimedAt, deadline, state, note, reportedAt, reportNote, sentBackAt, sentBackNote,
                    decidedAt, decidedByName, onTime, endedAt, version, members);
        }

        public boolean hasMember(UUID staff) {
            return members.stream().anyMatch(m -> m.staffId().equals(staff));
        }
    }

    /** {@code rosterOf}: only the grids where this person is on the roster today (his own grids), or null. */
    public record Filter(UUID gridId, Kind kind, State state, UUID rosterOf) {

        public Filter(UUID gridId, Kind kind, State state) {
            this(gridId, kind, state, null);
        }
    }

    public record Page(List<Item> items, long total) {
    }

    private static final String ITEM = """
            SELECT i.*, g.code AS grid_code, g.name AS grid_name, u.path AS unit_path,
                   c.id AS claim_id, c.state AS claim_state, c.deadline AS claim_deadline,
                   (SELECT array_agg(s.name ORDER BY m.lead DESC, s.name) FROM claim_member m
                      JOIN staff s ON s.id = m.staff_id WHERE m.claim_id = c.id) AS claimers,
                   (SELECT max(d.decided_at) FROM claim d WHERE d.item_id = i.id AND d.state = 'CONFIRMED') AS done_at
            FROM claim_item i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
            LEFT JOIN claim c ON c.item_id = i.id AND c.state IN ('ACTIVE', 'REPORTED')
            """;
    private static final String CLAIM = """
            SELECT c.*, g.name AS grid_name, u.path AS unit_path, i.source_kind, i.title AS item_title,
                   i.category AS item_category, i.source_code AS item_code,
                   cb.name AS claimed_by_name, db.name AS decided_by_name
            FROM claim c JOIN claim_item i ON i.id = c.item_id JOIN grid g ON g.id = c.grid_id
            JOIN unit u ON u.id = g.unit_id JOIN staff cb ON cb.id = c.claimed_by LEFT JOIN staff db ON db.id = c.decided_by
            """;
    private static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";
    /**
     * What of the board is the reader's own, for one who reads only the grids he serves ({@link GridReach}): an item
     * he claimed or is claiming, alone or with others, wherever he served when he claimed it.
     */
    private static final String ITEM_HIS = """
            EXISTS (SELECT 1 FROM claim rc JOIN claim_member rm ON rm.claim_id = rc.id
                    WHERE rc.item_id = i.id AND rm.staff_id = :reachMe)""";
    private static final String CLAIM_HIS = """
            EXISTS (SELECT 1 FROM claim_member rm WHERE rm.claim_id = c.id AND rm.staff_id = :reachMe)""";

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    Board(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String[] patterns(List<String> paths) {
        return paths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    // ---- the board's own upkeep (the sweep and the listeners)

    /** Registers a source record as waiting for the board; nothing when it is there already. */
    public boolean register(Kind kind, UUID sourceId, String code, String category, UUID gridId, String title,
            Instant since) {
        return jdbc.sql("""
                INSERT INTO claim_item (id, source_kind, source_id, source_code, category, grid_id, title, since, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'WAITING') ON CONFLICT (source_id) DO NOTHING""")
                .params(UUID.randomUUID(), kind.name(), sourceId, code, category, gridId, title, at(since)).update() > 0;
    }

    /** As {@link #register}, and a waiting row takes the source's present grid and opening (reconciling). */
    public void upsert(Kind kind, UUID sourceId, String code, String category, UUID gridId, String title, Instant since) {
        jdbc.sql("""
                INSERT INTO claim_item (id, source_kind, source_id, source_code, category, grid_id, title, since, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'WAITING')
                ON CONFLICT (source_id) DO UPDATE SET since = EXCLUDED.since, grid_id = EXCLUDED.grid_id,
                    category = EXCLUDED.category, title = EXCLUDED.title
                WHERE claim_item.state = 'WAITING'""")
                .params(UUID.randomUUID(), kind.name(), sourceId, code, category, gridId, title, at(since)).update();
    }

    /**
     * Puts up the waiting items of a kind opened at or before {@code cutoff} (of one grid, or all); how many. Each is
     * up from the moment it came of age (its opening plus the age, {@code now - cutoff}), not from this sweep: the first
     * sweep of a new instance, or of the demo district loaded today, finds items weeks past their age, and dated by
     * itself it listed a dispute opened on 11-22 as "0 days" on the board on 12-06.
     */
    public int promote(Kind kind, Instant cutoff, Instant now, UUID gridId) {
        return jdbc.sql("""
                UPDATE claim_item SET state = 'OPEN', version = version + 1,
                    on_board_at = least(since + (CAST(:now AS timestamptz) - CAST(:cutoff AS timestamptz)), :now)
                WHERE state = 'WAITING' AND source_kind = :kind AND since <= :cutoff
                  AND (CAST(:grid AS uuid) IS NULL OR grid_id = :grid)""")
                .param("now", at(now)).param("kind", kind.name()).param("cutoff", at(cutoff)).param("grid", gridId)
                .update();
    }

    /** The source closed: off the board (a live claim goes on to its end); true when something changed. */
    public boolean sourceClosed(UUID sourceId, Instant when) {
        return jdbc.sql("""
                UPDATE claim_item SET closed_at = ?, version = version + 1,
                    state = CASE WHEN state IN ('WAITING', 'OPEN') THEN 'CLOSED' ELSE state END
                WHERE source_id = ? AND closed_at IS NULL""").params(at(when), sourceId).update() > 0;
    }

    /** The source's category changed (a dispute classified): its item shows the new one, whatever its state. */
    public boolean recategorised(UUID sourceId, String category, String title) {
        return jdbc.sql("UPDATE claim_item SET category = ?, title = ?, version = version + 1 WHERE source_id = ?")
                .params(category, title, sourceId).update() > 0;
    }

    /** The source opened again (an incident reopened): back to the board, or to waiting if never up. */
    public boolean sourceReopened(UUID sourceId) {
        return jdbc.sql("""
                UPDATE claim_item SET closed_at = NULL, version = version + 1,
                    state = CASE WHEN state <> 'CLOSED' THEN state WHEN on_board_at IS NULL THEN 'WAITING' ELSE 'OPEN' END
                WHERE source_id = ? AND closed_at IS NOT NULL""").param(sourceId).update() > 0;
    }

    /** The source ids of the items still waiting or on the board (a full pass of the reconciliation). */
    public List<UUID> standingSources(Kind kind) {
        return jdbc.sql("SELECT source_id FROM claim_item WHERE source_kind = ? AND state IN ('WAITING', 'OPEN')")
                .param(kind.name()).query(UUID.class).list();
    }

    // ---- items

    public Optional<Item> item(UUID id) {
        return jdbc.sql(ITEM + " WHERE i.id = :id").param("id", id).query(Board::item).optional();
    }

    public Optional<Item> itemVisible(UUID id, List<String> scopePaths, GridReach reach) {
        return jdbc.sql(ITEM + " WHERE i.id = :id AND" + SCOPE + reach.condition("i.grid_id", ITEM_HIS)).param("id", id)
                .param("scope", patterns(scopePaths)).params(reach.params()).query(Board::item).optional();
    }

    public Optional<Item> itemBySource(UUID sourceId) {
        return jdbc.sql(ITEM + " WHERE i.source_id = :id").param("id", sourceId).query(Board::item).optional();
    }

    /** The board of the caller's scope: by default the items up and unclaimed or claimed, oldest first. */
    public Page list(Filter f, List<String> scopePaths, GridReach reach, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE" + SCOPE + reach.condition("i.grid_id", ITEM_HIS));
        if (f.state() != null) {
            where.append(" AND i.state = :state");
        } else {
            where.append(" AND i.state IN ('OPEN', 'CLAIMED')");
        }
        if (f.kind() != null) {
            where.append(" AND i.source_kind = :kind");
        }
        if (f.gridId() != null) {
            where.append(" AND i.grid_id = :grid");
        }
        if (f.rosterOf() != null) {
            // on the roster today as a claim asks it (RosterDay: a term ended today is over)
            where.append(" AND EXISTS (SELECT 1 FROM grid_role r WHERE r.grid_id = i.grid_id AND r.staff_id = :me")
                    .append(" AND ").append(RosterDay.covers("r", ":today")).append(")");
        }
        var items = jdbc.sql(ITEM + where + " ORDER BY i.since, i.id LIMIT :limit OFFSET :offset");
        var count = jdbc.sql("SELECT count(*) FROM claim_item i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id"
                + where);
        for (var q : List.of(items, count)) {
            q.param("scope", patterns(scopePaths)).params(reach.params());
        }
        if (f.state() != null) {
            items = items.param("state", f.state().name());
            count = count.param("state", f.state().name());
        }
        if (f.kind() != null) {
            items = items.param("kind", f.kind().name());
            count = count.param("kind", f.kind().name());
        }
        if (f.gridId() != null) {
            items = items.param("grid", f.gridId());
            count = count.param("grid", f.gridId());
        }
        if (f.rosterOf() != null) {
            // the roster of the officers' today (the clock's), not the database session's CURRENT_DATE, whose zone
            // is the server's
            java.time.LocalDate today = java.time.LocalDate.now(clock);
            items = items.param("me", f.rosterOf()).param("today", today);
            count = count.param("me", f.rosterOf()).param("today", today);
        }
        List<Item> found = items.param("limit", limit).param("offset", offset).query(Board::item).list();
        return new Page(found, count.query(Long.class).single());
    }

    /**
     * How many items of the caller's scope stand in each state of the board (OPEN, CLAIMED, DONE, CLOSED), under the
     * filter's grid, kind and roster but whatever its state: the board lists a page of one state at a time, and the
     * counts tell how much is open and how much was done without paging through it. A state with none counts 0.
     */
    public Map<State, Long> counts(Filter f, List<String> scopePaths, GridReach reach) {
        StringBuilder sql = new StringBuilder("SELECT i.state, count(*) AS n FROM claim_item i"
                + " JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id WHERE" + SCOPE
                + reach.condition("i.grid_id", ITEM_HIS) + " AND i.state <> 'WAITING'");
        Map<String, Object> params = new HashMap<>(reach.params());
        params.put("scope", patterns(scopePaths));
        if (f.kind() != null) {
            sql.append(" AND i.source_kind = :kind");
            params.put("kind", f.kind().name());
        }
        if (f.gridId() != null) {
            sql.append(" AND i.grid_id = :grid");
            params.put("grid", f.gridId());
        }
        if (f.rosterOf() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM grid_role r WHERE r.grid_id = i.grid_id AND r.staff_id = :me")
                    .append(" AND ").append(RosterDay.covers("r", ":today")).append(")");
            params.put("me", f.rosterOf());
            params.put("today", java.time.LocalDate.now(clock));
        }
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State st : List.of(State.OPEN, State.CLAIMED, State.DONE, State.CLOSED)) {
            counts.put(st, 0L);
        }
        jdbc.sql(sql.append(" GROUP BY i.state").toString()).params(params).query((rs, n) -> {
            counts.put(State.valueOf(rs.getString("state")), rs.getLong("n"));
            return null;
        }).list();
        return counts;
    }

    /** Takes an item off the board for a claim: only if it is up and unclaimed (the race is decided here). */
    public boolean take(UUID itemId) {
        return jdbc.sql("UPDATE claim_item SET state = 'CLAIMED', version = version + 1 WHERE id = ? AND state = 'OPEN'")
                .param(itemId).update() > 0;
    }

    /** The live claim ended without completion: the item returns to the board, or closes if its source closed. */
    public void release(UUID itemId) {
        jdbc.sql("""
                UPDATE claim_item SET version = version + 1,
                    state = CASE WHEN closed_at IS NULL THEN 'OPEN' ELSE 'CLOSED' END
                WHERE id = ? AND state = 'CLAIMED'""").param(itemId).update();
    }

    public void done(UUID itemId) {
        jdbc.sql("UPDATE claim_item SET state = 'DONE', version = version + 1 WHERE id = ? AND state = 'CLAIMED'")
                .param(itemId).update();
    }

    // ---- claims

    public void insertClaim(UUID id, UUID itemId, UUID gridId, UUID by, Instant at, Instant deadline, String note,
            List<UUID> coClaimers) {
        jdbc.sql("""
                INSERT INTO claim (id, item_id, grid_id, claimed_by, claimed_at, deadline, state, note)
                VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?)""")
                .params(id, itemId, gridId, by, at(at), at(deadline), note).update();
        jdbc.sql("INSERT INTO claim_member (claim_id, staff_id, lead) VALUES (?, ?, true)").params(id, by).update();
        for (UUID co : coClaimers) {
            jdbc.sql("INSERT INTO claim_member (claim_id, staff_id, lead) VALUES (?, ?, false)").params(id, co).update();
        }
    }

    public Optional<Claim> claim(UUID id) {
        return jdbc.sql(CLAIM + " WHERE c.id = :id").param("id", id).query(Board::claim).optional().map(this::members);
    }

    public Optional<Claim> claimVisible(UUID id, List<String> scopePaths, GridReach reach) {
        return jdbc.sql(CLAIM + " WHERE c.id = :id AND" + SCOPE + reach.condition("c.grid_id", CLAIM_HIS)).param("id", id)
                .param("scope", patterns(scopePaths)).params(reach.params()).query(Board::claim).optional()
                .map(this::members);
    }

    public void lockClaim(UUID id) {
        jdbc.sql("SELECT id FROM claim WHERE id = ? FOR UPDATE").param(id).query(UUID.class).optional();
    }

    /** Changes a claim only if it is in the expected state; false when someone else changed it first. */
    public boolean updateClaim(UUID id, ClaimState expected, String set, Object... args) {
        Object[] all = new Object[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = id;
        all[args.length + 1] = expected.name();
        return jdbc.sql("UPDATE claim SET " + set + ", version = version + 1 WHERE id = ? AND state = ?").params(all)
                .update() > 0;
    }

    /** Expires an active claim whose deadline passed by {@code now}; false when it is no longer so. */
    public boolean expire(UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE claim SET state = 'EXPIRED', ended_at = :now, version = version + 1
                WHERE id = :id AND state = 'ACTIVE' AND deadline < :now""")
                .param("now", at(now)).param("id", id).update() > 0;
    }

    /** The claims of an item, newest first: the item's history. */
    public List<Claim> history(UUID itemId) {
        return jdbc.sql(CLAIM + " WHERE c.item_id = :id ORDER BY c.claimed_at DESC").param("id", itemId)
                .query(Board::claim).list().stream().map(this::members).toList();
    }

    /** The claims a person is on (live first, then the latest), within his scope. */
    public List<Claim> mine(UUID staffId, List<String> scopePaths, int limit) {
        return jdbc.sql(CLAIM + """
                 WHERE EXISTS (SELECT 1 FROM claim_member m WHERE m.claim_id = c.id AND m.staff_id = :staff) AND""" + SCOPE
                + " ORDER BY (c.state IN ('ACTIVE', 'REPORTED')) DESC, c.claimed_at DESC LIMIT :limit")
                .param("staff", staffId).param("scope", patterns(scopePaths)).param("limit", limit)
                .query(Board::claim).list().stream().map(this::members).toList();
    }

    /**
     * The completions waiting for this person's decision: reported claims of the grids he heads ({@code headed}, by
     * the roster that day), or, with {@code anyInScope} (a station chief above), of every grid of his scope; never
     * his own.
     */
    public List<Claim> queue(UUID staffId, boolean anyInScope, List<String> scopePaths, List<UUID> headed) {
        return jdbc.sql(CLAIM + """
                 WHERE c.state = 'REPORTED' AND""" + SCOPE + """
                  AND NOT EXISTS (SELECT 1 FROM claim_member m WHERE m.claim_id = c.id AND m.staff_id = :staff)
                  AND (:any OR c.grid_id = ANY(CAST(:headed AS uuid[])))
                ORDER BY c.reported_at""")
                .param("staff", staffId).param("scope", patterns(scopePaths)).param("any", anyInScope)
                .param("headed", headed.toArray(UUID[]::new)).query(Board::claim).list().stream()
                .map(this::members).toList();
    }

    /** The reported claims of a grid, waiting for a decision (the grid's chief changed). */
    public List<Claim> reportedIn(UUID gridId) {
        return jdbc.sql(CLAIM + " WHERE c.state = 'REPORTED' AND c.grid_id = :grid ORDER BY c.reported_at")
                .param("grid", gridId).query(Board::claim).list().stream().map(this::members).toList();
    }

    /** Active claims past their deadline (the expiry sweep), on the partial index of active claims. */
    public List<UUID> overdue(Instant now, UUID gridId, int limit) {
        return jdbc.sql("""
                SELECT id FROM claim WHERE state = 'ACTIVE' AND deadline < :now
                  AND (CAST(:grid AS uuid) IS NULL OR grid_id = :grid) ORDER BY deadline LIMIT :limit""")
                .param("now", at(now)).param("grid", gridId).param("limit", limit).query(UUID.class).list();
    }

    // ---- who may

    /** Whether a person's unit is the grid's unit or above it (but not the bureau): the grid's station staff. */
    public boolean stationStaff(UUID gridId, UUID staffId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM staff s JOIN unit su ON su.id = s.unit_id, grid g JOIN unit gu ON gu.id = g.unit_id
                WHERE s.id = ? AND g.id = ? AND s.active AND su.kind <> 'BUREAU' AND gu.path LIKE su.path || '%')""")
                .params(staffId, gridId).query(Boolean.class).single();
    }

    public record Candidate(UUID id, String name, String title) {
    }

    /** The people on the grid's roster today and the police of units above it, for naming co-claimers. */
    public List<Candidate> candidates(UUID gridId, java.time.LocalDate day) {
        return jdbc.sql("""
                SELECT DISTINCT s.id, s.name, s.title FROM staff s
                WHERE s.active AND EXISTS (SELECT 1 FROM grid_role r WHERE r.grid_id = :grid AND r.staff_id = s.id
                    AND """ + org.fengqiao.account.RosterDay.covers("r", ":day") + """
                    AND r.role <> 'INFORMANT')
                ORDER BY s.name LIMIT 200""")
                .param("grid", gridId).param("day", day)
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }

    private Claim members(Claim c) {
        return c.withMembers(jdbc.sql("""
                SELECT m.staff_id, s.name, m.lead FROM claim_member m JOIN staff s ON s.id = m.staff_id
                WHERE m.claim_id = ? ORDER BY m.lead DESC, s.name""").param(c.id())
                .query((rs, n) -> new Member(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3))).list());
    }

    private static Item item(ResultSet rs, int n) throws SQLException {
        String cs = rs.getString("claim_state");
        return new Item(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("source_kind")),
                rs.getObject("source_id", UUID.class), rs.getString("source_code"), rs.getString("category"),
                rs.getObject("grid_id", UUID.class), rs.getString("grid_code"), rs.getString("grid_name"),
                rs.getString("unit_path"), rs.getString("title"), rs.getObject("since", OffsetDateTime.class),
                rs.getObject("on_board_at", OffsetDateTime.class), rs.getObject("closed_at", OffsetDateTime.class),
                State.valueOf(rs.getString("state")), rs.getObject("claim_id", UUID.class),
                cs == null ? null : ClaimState.valueOf(cs), rs.getObject("claim_deadline", OffsetDateTime.class),
                rs.getArray("claimers") == null ? null : List.of((String[]) rs.getArray("claimers").getArray()),
                rs.getObject("done_at", OffsetDateTime.class));
    }

    private static Claim claim(ResultSet rs, int n) throws SQLException {
        Object onTime = rs.getObject("on_time");
        return new Claim(rs.getObject("id", UUID.class), rs.getObject("item_id", UUID.class),
                rs.getObject("grid_id", UUID.class), rs.getString("grid_name"), rs.getString("unit_path"),
                Kind.valueOf(rs.getString("source_kind")), rs.getString("item_title"), rs.getString("item_category"),
                rs.getString("item_code"),
                rs.getObject("claimed_by", UUID.class), rs.getString("claimed_by_name"),
                rs.getObject("claimed_at", OffsetDateTime.class), rs.getObject("deadline", OffsetDateTime.class),
                ClaimState.valueOf(rs.getString("state")), rs.getString("note"),
                rs.getObject("reported_at", OffsetDateTime.class), rs.getString("report_note"),
                rs.getObject("sent_back_at", OffsetDateTime.class), rs.getString("sent_back_note"),
                rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decided_by_name"),
                onTime == null ? null : (Boolean) onTime, rs.getObject("ended_at", OffsetDateTime.class),
                rs.getLong("version"), List.of());
    }
}
