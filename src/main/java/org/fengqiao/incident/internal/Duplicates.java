package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.DuplicatePolicy.Match;
import org.fengqiao.incident.internal.DuplicatePolicy.Report;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.incident.internal.Incidents.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Possible duplicates and merges in the database: finding the open reports near a new one (through the
 * partial indexes of V83, so only a bounding box and a time window are read), storing what was offered, and
 * reading both back for a viewer, scoped in the SQL like every read.
 */
@Repository
public class Duplicates {

    /** The located candidates: the box and window on the index {@code incident_open_located}. */
    public static final String NEAR = """
            SELECT id, category, occurred_at, lon, lat, grid_id, address FROM incident
            WHERE category = :category AND answered_at IS NULL AND status <> 'MERGED' AND lat IS NOT NULL
              AND lat BETWEEN :minLat AND :maxLat AND lon BETWEEN :minLon AND :maxLon
              AND occurred_at BETWEEN :from AND :to AND id <> :id
            LIMIT 200""";
    /** The candidates compared by grid and address: the grid's open items of the category in the window. */
    static final String SAME_GRID = """
            SELECT id, category, occurred_at, lon, lat, grid_id, address FROM incident
            WHERE grid_id = :grid AND category = :category AND answered_at IS NULL AND status <> 'MERGED'
              AND occurred_at BETWEEN :from AND :to AND id <> :id AND address IS NOT NULL
            LIMIT 200""";
    private static final String SCOPE = " u.path LIKE ANY(CAST(:scope AS text[])) ";
    /** The possible duplicates offered for one new report, closest first. */
    static final int MAX_OFFERS = 5;

    /** An offer as a viewer sees it: the other report of the pair, with distance and time apart. */
    public record Offered(UUID id, String trackingCode, Category category, Status status, String description,
            String gridName, OffsetDateTime occurredAt, Double distanceMetres, long secondsApart, boolean newer) {
    }

    /** A report linked by a merge. */
    public record Linked(UUID id, String trackingCode, Category category, Status status, OffsetDateTime mergedAt) {
    }

    private final JdbcClient jdbc;
    private final DuplicatePolicy policy;

    Duplicates(JdbcClient jdbc, DuplicateProperties properties) {
        this.jdbc = jdbc;
        this.policy = properties.policy();
    }

    public DuplicatePolicy policy() {
        return policy;
    }

    /** Finds the possible duplicates of a report just filed, stores them as offered and answers them. */
    public List<Match> offer(Incident filed, OffsetDateTime now) {
        Report report = new Report(filed.id(), filed.category(), filed.occurredAt(), filed.lon(), filed.lat(),
                filed.gridId(), filed.address(), true);
        // the closest few only: a crowd reporting one event would otherwise offer every report to every other
        List<Match> all = policy.matches(report, candidates(report));
        List<Match> matches = all.subList(0, Math.min(MAX_OFFERS, all.size()));
        if (!matches.isEmpty()) {
            // every offer of the report in one statement
            jdbc.sql("""
                    INSERT INTO incident_duplicate (incident_id, candidate_id, distance_m, seconds_apart, offered_at)
                    SELECT :id, o.candidate, o.distance, o.apart, :now
                    FROM unnest(CAST(:candidates AS uuid[]), CAST(:distances AS float8[]), CAST(:aparts AS bigint[]))
                         AS o (candidate, distance, apart)
                    ON CONFLICT DO NOTHING""")
                    .param("id", filed.id()).param("now", now)
                    .param("candidates", matches.stream().map(m -> m.candidate().id()).toArray(UUID[]::new))
                    .param("distances", matches.stream().map(Match::distanceMetres).toArray(Double[]::new))
                    .param("aparts", matches.stream().map(m -> m.apart().toSeconds()).toArray(Long[]::new))
                    .update();
        }
        return matches;
    }

    /** The open reports that may be duplicates: those in the box and window, and the grid's without a location. */
    List<Report> candidates(Report r) {
        OffsetDateTime from = r.occurredAt().minus(policy.window());
        OffsetDateTime to = r.occurredAt().plus(policy.window());
        boolean near = r.located();
        boolean sameGrid = !DuplicatePolicy.normalise(r.address()).isEmpty();
        if (!near && !sameGrid) {
            return List.of();
        }
        // both kinds in one statement when both apply: a round trip costs more than either query
        List<String> parts = new ArrayList<>();
        if (near) {
            parts.add("(" + NEAR + ")");
        }
        if (sameGrid) {
            // a located report meets the grid's unlocated ones here; an unlocated one meets them all
            parts.add("(" + (near ? SAME_GRID.replace("LIMIT 200", "AND lat IS NULL LIMIT 200") : SAME_GRID) + ")");
        }
        DuplicatePolicy.Box box = near ? policy.box(r.lon(), r.lat()) : null;
        return jdbc.sql(String.join("\nUNION ALL\n", parts))
                .params(near ? Map.of("minLat", box.minLat(), "maxLat", box.maxLat(), "minLon", box.minLon(),
                        "maxLon", box.maxLon()) : Map.of())
                .param("category", r.category().name()).param("grid", r.gridId())
                .param("from", from).param("to", to).param("id", r.id())
                .query(Duplicates::report).list();
    }

    private static Report report(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Report(rs.getObject("id", UUID.class), Category.valueOf(rs.getString("category")),
                rs.getObject("occurred_at", OffsetDateTime.class), (Double) rs.getObject("lon"),
                (Double) rs.getObject("lat"), rs.getObject("grid_id", UUID.class), rs.getString("address"), true);
    }

    private record Offer(UUID other, Double distanceMetres, long secondsApart, boolean newer) {
    }

    /**
     * The reports offered with this one (either way round) that the scope sees; null scope sees all. Two steps on
     * purpose: the offers from their two indexes, then only those reports by their keys. As one join, a planner
     * whose statistics lag behind a fast-growing table read every report of the scope's grids to find the one or
     * two offered (3 to 4 ms a filing in the intake bench); most reports have no offer, and then the second step
     * is skipped.
     */
    public List<Offered> offered(UUID id, List<String> scopePaths) {
        List<Offer> offers = jdbc.sql("""
                SELECT candidate_id, distance_m, seconds_apart, false FROM incident_duplicate WHERE incident_id = :id
                UNION ALL
                SELECT incident_id, distance_m, seconds_apart, true FROM incident_duplicate WHERE candidate_id = :id""")
                .param("id", id)
                .query((rs, n) -> new Offer(rs.getObject(1, UUID.class), (Double) rs.getObject(2), rs.getLong(3),
                        rs.getBoolean(4)))
                .list();
        return shown(offers, scopePaths);
    }

    /**
     * The offers just made for a report being filed (by {@link #offer}), as its filer sees them: the same answer as
     * {@link #offered} gives once it has committed (nothing can have offered the new report yet), without reading
     * back what was just written.
     */
    public List<Offered> offeredJustNow(List<Match> matches, List<String> scopePaths) {
        return shown(matches.stream().map(m -> new Offer(m.candidate().id(), m.distanceMetres(), m.apart().toSeconds(),
                false)).toList(), scopePaths);
    }

    private List<Offered> shown(List<Offer> offers, List<String> scopePaths) {
        if (offers.isEmpty()) {
            return List.of();
        }
        Map<UUID, Offer> byId = new HashMap<>();
        offers.forEach(o -> byId.putIfAbsent(o.other(), o));
        // OFFSET 0 keeps the inner query whole: the reports by key, then the scope on those few rows (joined
        // with the scope's condition, the planner may again walk every report of the scope's grids). The keys and
        // the scope reach the planner as subqueries it cannot see into, so every plan is the same and PostgreSQL
        // keeps one: with the values in sight it planned this statement at every filing with offers (0.46 ms,
        // three times its execution; intake bench with pg_stat_statements.track_planning).
        List<Offered> seen = jdbc.sql("""
                SELECT * FROM (
                    SELECT o.id, o.tracking_code, o.category, o.status, o.description, g.name AS grid_name,
                           o.occurred_at, u.path
                    FROM incident o JOIN grid g ON g.id = o.grid_id JOIN unit u ON u.id = g.unit_id
                    WHERE o.id = ANY(ARRAY(SELECT unnest(CAST(:ids AS uuid[])))) OFFSET 0) u
                WHERE""" + (scopePaths == null ? " true" : " u.path LIKE ANY(ARRAY(SELECT unnest(CAST(:scope AS text[])))) "))
                .param("ids", byId.keySet().toArray(new UUID[0]))
                .param("scope", scopePaths == null ? new String[0] : Incidents.patterns(scopePaths))
                .query((rs, n) -> {
                    Offer o = byId.get(rs.getObject(1, UUID.class));
                    return new Offered(o.other(), rs.getString(2), Category.valueOf(rs.getString(3)),
                            Status.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class), o.distanceMetres(), o.secondsApart(), o.newer());
                })
                .list();
        return seen.stream()
                .sorted(Comparator.comparing(Offered::distanceMetres, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingLong(Offered::secondsApart).thenComparing(o -> o.id().toString()))
                .limit(20).toList();
    }

    /** The primary this report was merged into, if the scope sees it. */
    public Optional<Linked> mergedInto(UUID id, List<String> scopePaths) {
        return linked("p.id = (SELECT merged_into FROM incident WHERE id = :id)", id, scopePaths).stream().findFirst();
    }

    /** The reports merged into this one that the scope sees. */
    public List<Linked> merged(UUID primary, List<String> scopePaths) {
        return linked("p.merged_into = :id", primary, scopePaths);
    }

    private List<Linked> linked(String condition, UUID id, List<String> scopePaths) {
        return jdbc.sql("""
                SELECT p.id, p.tracking_code, p.category, p.status, p.merged_at
                FROM incident p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE""" + " " + condition + " AND" + (scopePaths == null ? " true" : SCOPE) + " ORDER BY p.merged_at, p.id")
                .param("id", id).param("scope", scopePaths == null ? new String[0] : Incidents.patterns(scopePaths))
                .query((rs, n) -> new Linked(rs.getObject(1, UUID.class), rs.getString(2), Category.valueOf(rs.getString(3)),
                        Status.valueOf(rs.getString(4)), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    /** The primary a report was merged into (unscoped), to follow a chain. */
    public Optional<UUID> primaryOf(UUID id) {
        return jdbc.sql("SELECT merged_into FROM incident WHERE id = ?").param(id).query(UUID.class).optional();
    }

    /** The duplicates merged into a primary that still wait for the answer, locked, oldest merge first. */
    public List<UUID> awaitingAnswer(UUID primary) {
        return jdbc.sql("""
                SELECT id FROM incident WHERE merged_into = ? AND status = 'MERGED' ORDER BY merged_at, id FOR UPDATE""")
                .param(primary).query(UUID.class).list();
    }

    /** The incident with this tracking code, if the scope sees it. */
    public Optional<UUID> byTrackingCode(String code, List<String> scopePaths) {
        return jdbc.sql("""
                SELECT i.id FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE i.tracking_code = :code AND""" + (scopePaths == null ? " true" : SCOPE))
                .param("code", code.trim().toUpperCase(java.util.Locale.ROOT))
                .param("scope", scopePaths == null ? new String[0] : Incidents.patterns(scopePaths))
                .query(UUID.class).optional();
    }
}
