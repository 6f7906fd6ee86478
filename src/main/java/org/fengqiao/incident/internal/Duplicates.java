package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
 * Possible duplicates and merges in the database: finding the open reports near a new one (through the partial
 * indexes of V83, V107 and V108, so only a bounding box and a time window are read), storing what was offered, and
 * reading both back for a viewer, scoped in the SQL like every read.
 */
@Repository
public class Duplicates {

    /** The possible duplicates offered for one new report, closest first. */
    static final int MAX_OFFERS = 5;

    /**
     * The open reports that may be duplicates of each of several reports (numbered {@code k} from 1, in the order
     * they were filed): those in the report's box and window, through the partial index {@code incident_open_cell}
     * (one range of latitude in each strip of 0.01 degree of longitude the box touches), and those of its grid in the
     * window compared by address: for a located report only the grid's unlocated ones, through
     * {@code incident_open_unlocated}, for an unlocated one all of them, through {@code incident_open_grid}. Of those
     * in the box only the {@value #MAX_OFFERS} the policy may offer come back: the nearest by the distance the policy
     * measures, then the closest in time, then by id, the policy's own order; the rest of the box (66 reports on
     * average in the intake bench) stays in PostgreSQL. Reports filed later in the same list ({@code ids[k:]}) are
     * never candidates, so they cannot take the places of earlier ones. The box comes back without addresses (the
     * policy compares two located reports by distance alone), so its index, which holds ids and grids too, answers
     * it without reading the table wherever the table's pages are all visible (V112). A report without a location
     * skips the box, one without an address the grid. One statement for all the reports, one array per column, the
     * same statement for any number of them.
     */
    public static final String CANDIDATES = """
            SELECT r.k, c.id, c.category, c.occurred_at, c.lon, c.lat, c.grid_id, c.address
            FROM unnest(CAST(:ids AS uuid[]), CAST(:categories AS text[]), CAST(:grids AS uuid[]),
                        CAST(:froms AS timestamptz[]), CAST(:tos AS timestamptz[]), CAST(:minLats AS float8[]),
                        CAST(:maxLats AS float8[]), CAST(:minLons AS float8[]), CAST(:maxLons AS float8[]),
                        CAST(:near AS boolean[]), CAST(:sameGrid AS boolean[]), CAST(:lons AS float8[]),
                        CAST(:lats AS float8[]), CAST(:occurred AS timestamptz[])) WITH ORDINALITY
                 AS r (id, category, grid, t_from, t_to, min_lat, max_lat, min_lon, max_lon, near, same_grid, lon, lat,
                       occurred, k)
            CROSS JOIN LATERAL (SELECT (CAST(:ids AS uuid[]))[CAST(r.k AS int):] AS later) l
            CROSS JOIN LATERAL (
                (SELECT id, category, occurred_at, lon, lat, grid_id, CAST(NULL AS text) AS address FROM incident
                 WHERE r.near AND category = r.category AND answered_at IS NULL AND status <> 'MERGED'
                   AND lat IS NOT NULL AND lat BETWEEN r.min_lat AND r.max_lat AND lon BETWEEN r.min_lon AND r.max_lon
                   AND floor(lon * 100) = ANY(ARRAY(SELECT CAST(generate_series(CAST(floor(r.min_lon * 100) AS int),
                                                                                CAST(floor(r.max_lon * 100) AS int)) AS float8)))
                   AND occurred_at BETWEEN r.t_from AND r.t_to AND id <> ALL(l.later)
                 ORDER BY 2 * 6371008.8 * asin(least(1.0, sqrt(power(sin(radians(lat - r.lat) / 2), 2)
                              + cos(radians(r.lat)) * cos(radians(lat)) * power(sin(radians(lon - r.lon) / 2), 2)))),
                          abs(extract(epoch FROM occurred_at - r.occurred)), id
                 LIMIT %d)
                UNION ALL
                (SELECT id, category, occurred_at, lon, lat, grid_id, address FROM incident
                 WHERE r.same_grid AND r.near AND lat IS NULL AND grid_id = r.grid AND category = r.category
                   AND answered_at IS NULL AND status <> 'MERGED' AND occurred_at BETWEEN r.t_from AND r.t_to
                   AND id <> ALL(l.later) AND address IS NOT NULL
                 LIMIT 200)
                UNION ALL
                (SELECT id, category, occurred_at, lon, lat, grid_id, address FROM incident
                 WHERE r.same_grid AND NOT r.near AND grid_id = r.grid AND category = r.category
                   AND answered_at IS NULL AND status <> 'MERGED' AND occurred_at BETWEEN r.t_from AND r.t_to
                   AND id <> ALL(l.later) AND address IS NOT NULL
                 LIMIT 200)) c""".formatted(MAX_OFFERS);

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

    /**
     * Finds the possible duplicates of reports just filed together (in the order they were filed, each at its
     * {@code now}), stores them as offered and answers them, report by report. A report meets the reports filed
     * before it, also those earlier in the same list, never a later one: the answer is the one filing them one after
     * the other would give.
     */
    public List<List<Shown>> offer(List<Incident> filed, List<OffsetDateTime> now) {
        List<Report> reports = filed.stream().map(f -> new Report(f.id(), f.category(), f.occurredAt(), f.lon(), f.lat(),
                f.gridId(), f.address(), true)).toList();
        List<List<Report>> candidates = candidates(reports);
        List<List<Match>> offers = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<UUID> others = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        List<Long> aparts = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (int k = 0; k < reports.size(); k++) {
            // the closest few only: a crowd reporting one event would otherwise offer every report to every other
            List<Match> all = policy.matches(reports.get(k), candidates.get(k));
            List<Match> matches = all.subList(0, Math.min(MAX_OFFERS, all.size()));
            offers.add(matches);
            for (Match m : matches) {
                ids.add(reports.get(k).id());
                others.add(m.candidate().id());
                distances.add(m.distanceMetres());
                aparts.add(m.apart().toSeconds());
                times.add(now.get(k).toString());
            }
        }
        if (!ids.isEmpty()) {
            // every offer of every report in one statement
            jdbc.sql("""
                    INSERT INTO incident_duplicate (incident_id, candidate_id, distance_m, seconds_apart, offered_at)
                    SELECT o.incident, o.candidate, o.distance, o.apart, o.at
                    FROM unnest(CAST(:ids AS uuid[]), CAST(:candidates AS uuid[]), CAST(:distances AS float8[]),
                                CAST(:aparts AS bigint[]), CAST(:times AS timestamptz[]))
                         AS o (incident, candidate, distance, apart, at)
                    ON CONFLICT DO NOTHING""")
                    .param("ids", ids.toArray(UUID[]::new))
                    .param("candidates", others.toArray(UUID[]::new))
                    .param("distances", distances.toArray(Double[]::new))
                    .param("aparts", aparts.toArray(Long[]::new))
                    .param("times", times.toArray(String[]::new))
                    .update();
        }
        // what a filer is shown of the reports offered, read once for all the reports (unscoped: each filer's
        // answer keeps what his scope sees, offeredJustNow)
        Map<UUID, Seen> seen = others.isEmpty() ? Map.of() : seen(new HashSet<>(others), Reach.ALL);
        List<List<Shown>> shown = new ArrayList<>();
        for (List<Match> matches : offers) {
            shown.add(matches.stream().filter(m -> seen.containsKey(m.candidate().id())).map(m -> {
                Seen o = seen.get(m.candidate().id());
                return new Shown(new Offered(o.id(), o.trackingCode(), o.category(), o.status(), o.description(),
                        o.gridName(), o.occurredAt(), m.distanceMetres(), m.apart().toSeconds(), false), o.gridId(), o.unitPath(),
                        o.ownerStaffId(), o.createdBy());
            }).toList());
        }
        return shown;
    }

    /**
     * A report offered to one just filed, with its grid, the path of its grid's unit, its owner and its filer (whose
     * reach holds it).
     */
    public record Shown(Offered offered, UUID gridId, String unitPath, UUID ownerStaffId, UUID createdBy) {
    }

    /** The open reports that may be duplicates of each report: those in its box and window, and its grid's without a location. */
    List<List<Report>> candidates(List<Report> reports) {
        int n = reports.size();
        UUID[] ids = new UUID[n], grids = new UUID[n];
        String[] categories = new String[n], froms = new String[n], tos = new String[n];
        Double[] minLats = new Double[n], maxLats = new Double[n], minLons = new Double[n], maxLons = new Double[n];
        Boolean[] near = new Boolean[n], sameGrid = new Boolean[n];
        Double[] lons = new Double[n], lats = new Double[n];
        String[] occurred = new String[n];
        List<List<Report>> found = new ArrayList<>();
        boolean any = false;
        for (int k = 0; k < n; k++) {
            Report r = reports.get(k);
            ids[k] = r.id();
            grids[k] = r.gridId();
            categories[k] = r.category().name();
            froms[k] = r.occurredAt().minus(policy.window()).toString();
            tos[k] = r.occurredAt().plus(policy.window()).toString();
            near[k] = r.located();
            lons[k] = r.lon();
            lats[k] = r.lat();
            occurred[k] = r.occurredAt().toString();
            // a located report meets the grid's unlocated ones by address; an unlocated one meets them all
            sameGrid[k] = !DuplicatePolicy.normalise(r.address()).isEmpty();
            if (near[k]) {
                DuplicatePolicy.Box box = policy.box(r.lon(), r.lat());
                minLats[k] = box.minLat();
                maxLats[k] = box.maxLat();
                minLons[k] = box.minLon();
                maxLons[k] = box.maxLon();
            }
            any |= near[k] || sameGrid[k];
            found.add(new ArrayList<>());
        }
        if (!any) {
            return found;
        }
        // every report's candidates in one statement: a round trip costs more than the queries
        jdbc.sql(CANDIDATES)
                .param("ids", ids).param("categories", categories).param("grids", grids).param("froms", froms)
                .param("tos", tos).param("minLats", minLats).param("maxLats", maxLats).param("minLons", minLons)
                .param("maxLons", maxLons).param("near", near).param("sameGrid", sameGrid).param("lons", lons)
                .param("lats", lats).param("occurred", occurred)
                .query((rs, row) -> {
                    found.get(rs.getInt(1) - 1).add(new Report(rs.getObject(2, UUID.class),
                            Category.valueOf(rs.getString(3)), rs.getObject(4, OffsetDateTime.class),
                            (Double) rs.getObject(5), (Double) rs.getObject(6), rs.getObject(7, UUID.class),
                            rs.getString(8), true));
                    return null;
                }).list();
        return found;
    }

    private record Offer(UUID other, Double distanceMetres, long secondsApart, boolean newer) {
    }

    /**
     * The reports offered with this one (either way round) that the scope sees and that were not merged into a
     * report since (merged, a duplicate is settled: it is listed with its primary, not offered again); null scope
     * sees all. Two steps on
     * purpose: the offers from their two indexes, then only those reports by their keys. As one join, a planner
     * whose statistics lag behind a fast-growing table read every report of the scope's grids to find the one or
     * two offered (3 to 4 ms a filing in the intake bench); most reports have no offer, and then the second step
     * is skipped.
     */
    public List<Offered> offered(UUID id, Reach reach) {
        List<Offer> offers = jdbc.sql("""
                SELECT candidate_id, distance_m, seconds_apart, false FROM incident_duplicate WHERE incident_id = :id
                UNION ALL
                SELECT incident_id, distance_m, seconds_apart, true FROM incident_duplicate WHERE candidate_id = :id""")
                .param("id", id)
                .query((rs, n) -> new Offer(rs.getObject(1, UUID.class), (Double) rs.getObject(2), rs.getLong(3),
                        rs.getBoolean(4)))
                .list();
        return shown(offers, reach);
    }

    /**
     * The offers just made for a report being filed (by {@link #offer}), as its filer sees them: the same answer as
     * {@link #offered} gives once it has committed (nothing can have offered the new report yet), without reading
     * anything back.
     */
    public List<Offered> offeredJustNow(List<Shown> offers, Reach reach) {
        return sorted(offers.stream()
                .filter(o -> reach.reaches(o.gridId(), o.unitPath(), o.ownerStaffId(), o.createdBy()))
                .map(Shown::offered));
    }

    /** A report as a viewer is shown it, with the path of its grid's unit. */
    private record Seen(UUID id, String trackingCode, Category category, Status status, String description,
            String gridName, OffsetDateTime occurredAt, String unitPath, UUID gridId, UUID ownerStaffId, UUID createdBy) {
    }

    private List<Offered> shown(List<Offer> offers, Reach reach) {
        if (offers.isEmpty()) {
            return List.of();
        }
        Map<UUID, Offer> byId = new HashMap<>();
        offers.forEach(o -> byId.putIfAbsent(o.other(), o));
        Map<UUID, Seen> seen = seen(byId.keySet(), reach);
        return sorted(seen.values().stream().map(r -> {
            Offer o = byId.get(r.id());
            return new Offered(o.other(), r.trackingCode(), r.category(), r.status(), r.description(), r.gridName(),
                    r.occurredAt(), o.distanceMetres(), o.secondsApart(), o.newer());
        }));
    }

    /** Nearest first, then closest in time; at most 20. */
    private static List<Offered> sorted(java.util.stream.Stream<Offered> offered) {
        return offered
                .sorted(Comparator.comparing(Offered::distanceMetres, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingLong(Offered::secondsApart).thenComparing(o -> o.id().toString()))
                .limit(20).toList();
    }

    /** The reports with these ids in the reach, by id. */
    private Map<UUID, Seen> seen(java.util.Collection<UUID> ids, Reach reach) {
        // OFFSET 0 keeps the inner query whole: the reports by key, then the scope on those few rows (joined
        // with the scope's condition, the planner may again walk every report of the scope's grids). The keys and
        // the scope reach the planner as subqueries it cannot see into, so every plan is the same and PostgreSQL
        // keeps one: with the values in sight it planned this statement at every filing with offers (0.46 ms,
        // three times its execution; intake bench with pg_stat_statements.track_planning).
        Map<UUID, Seen> seen = new HashMap<>();
        reach.bind(jdbc.sql("""
                SELECT * FROM (
                    SELECT o.id, o.tracking_code, o.category, o.status, o.description, g.name AS grid_name,
                           o.occurred_at, u.path, o.grid_id, o.owner_staff_id, o.created_by
                    FROM incident o JOIN grid g ON g.id = o.grid_id JOIN unit u ON u.id = g.unit_id
                    WHERE o.id = ANY(ARRAY(SELECT unnest(CAST(:ids AS uuid[])))) AND o.merged_into IS NULL OFFSET 0) u
                WHERE""" + (reach.everything() ? " true"
                        : " u.path LIKE ANY(ARRAY(SELECT unnest(CAST(:scope AS text[])))) "
                                + reach.gridCondition("u"))))
                .param("ids", ids.toArray(new UUID[0]))
                .query((rs, n) -> seen.put(rs.getObject(1, UUID.class), new Seen(rs.getObject(1, UUID.class),
                        rs.getString(2), Category.valueOf(rs.getString(3)), Status.valueOf(rs.getString(4)),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8),
                        rs.getObject(9, UUID.class), rs.getObject(10, UUID.class), rs.getObject(11, UUID.class))))
                .list();
        return seen;
    }

    /** The primary this report was merged into, if the scope sees it. */
    public Optional<Linked> mergedInto(UUID id, Reach reach) {
        return linked("p.id = (SELECT merged_into FROM incident WHERE id = :id)", id, reach).stream().findFirst();
    }

    /** The reports merged into this one that the scope sees. */
    public List<Linked> merged(UUID primary, Reach reach) {
        return linked("p.merged_into = :id", primary, reach);
    }

    private List<Linked> linked(String condition, UUID id, Reach reach) {
        return reach.bind(jdbc.sql("""
                SELECT p.id, p.tracking_code, p.category, p.status, p.merged_at
                FROM incident p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE""" + " " + condition + " AND" + reach.condition("p", "u") + " ORDER BY p.merged_at, p.id"))
                .param("id", id)
                .query((rs, n) -> new Linked(rs.getObject(1, UUID.class), rs.getString(2), Category.valueOf(rs.getString(3)),
                        Status.valueOf(rs.getString(4)), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    /**
     * The report a merge step on a duplicate's timeline ({@code MERGED_INTO}, by the step's id) merged it into, also
     * once the duplicate is no longer merged (reopened by its reporter, which clears {@code merged_into}): the merge
     * writes it on its step ({@link Merges#merge}; V190 gave the merges made before it theirs).
     */
    public Optional<UUID> mergedBy(long mergeStep) {
        return jdbc.sql("SELECT merged_into FROM incident_event WHERE id = ? AND kind = 'MERGED_INTO'")
                .param(mergeStep).query(UUID.class).optional();
    }

    /**
     * The other report of a merge step on a report's timeline, by the step's key: for a MERGED_INTO step the report it
     * was merged into (the step names it), for a CARRIED_ON step the one it went on to with that report (named too), for a MERGED step the duplicate merged in (the one whose MERGED_INTO step,
     * written with it, names this report); {@code report} is null when the viewer's scope does not see that one.
     * {@code reopenedAt}: on a MERGED step, when the duplicate's reporter reopened it after that merge, which ended it
     * (his report is handled on its own again, no longer answered with this one); null while it holds.
     */
    public record MergeLink(long step, Linked report, OffsetDateTime reopenedAt) {
    }

    /** The merge steps of a report's timeline with the report at their other end (see {@link MergeLink}). */
    public Map<Long, MergeLink> mergeLinks(UUID report, Reach reach) {
        Map<Long, MergeLink> links = new HashMap<>();
        reach.bind(jdbc.sql("""
                SELECT s.step, o.id, o.tracking_code, o.category, o.status, o.merged_at,
                       (""" + reach.condition("o", "u") + """
                ) AS seen, s.reopened_at
                FROM (SELECT e.id AS step, e.merged_into AS other, CAST(NULL AS timestamptz) AS reopened_at
                      FROM incident_event e WHERE e.incident_id = :id AND e.kind IN ('MERGED_INTO', 'CARRIED_ON')
                        AND e.merged_into IS NOT NULL
                      UNION ALL
                      SELECT m.id, d.incident_id,
                             (SELECT min(r.at) FROM incident_event r
                              WHERE r.incident_id = d.incident_id AND r.kind = 'REOPENED' AND r.id > d.id)
                      FROM incident_event d
                      CROSS JOIN LATERAL (SELECT m.id FROM incident_event m
                                          WHERE m.incident_id = :id AND m.kind = 'MERGED' AND m.at = d.at
                                          ORDER BY abs(m.id - d.id) LIMIT 1) m
                      WHERE d.merged_into = :id AND d.kind = 'MERGED_INTO') s
                JOIN incident o ON o.id = s.other JOIN grid g ON g.id = o.grid_id JOIN unit u ON u.id = g.unit_id"""))
                .param("id", report)
                .query((rs, n) -> links.put(rs.getLong(1), new MergeLink(rs.getLong(1), rs.getBoolean(7)
                        ? new Linked(rs.getObject(2, UUID.class), rs.getString(3), Category.valueOf(rs.getString(4)),
                                Status.valueOf(rs.getString(5)), rs.getObject(6, OffsetDateTime.class))
                        : null, rs.getObject(8, OffsetDateTime.class))))
                .list();
        return links;
    }

    /** A merge as its step on the duplicate records it: the step, its moment and the report the duplicate joined. */
    public record MergeStep(long step, OffsetDateTime at, UUID into) {
    }

    /**
     * The first merge of a report after a step of the timeline (by its key): the one that carried on the duplicates
     * merged into it at that step ({@link Merges#merge} moves them with it), read along the timeline's index.
     */
    public Optional<MergeStep> mergedAfter(UUID report, long afterStep) {
        return jdbc.sql("""
                SELECT id, at, merged_into FROM incident_event
                WHERE incident_id = ? AND kind = 'MERGED_INTO' AND id > ? AND merged_into IS NOT NULL
                ORDER BY id LIMIT 1""")
                .params(report, afterStep)
                .query((rs, n) -> new MergeStep(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, UUID.class)))
                .optional();
    }

    /** When a report was reopened by its reporter after a step of its timeline (by its key), oldest first. */
    public List<OffsetDateTime> reopenedAfter(UUID report, long afterStep) {
        return jdbc.sql("""
                SELECT at FROM incident_event WHERE incident_id = ? AND kind = 'REOPENED' AND id > ? ORDER BY id""")
                .params(report, afterStep).query(OffsetDateTime.class).list();
    }

    /** The primary a report was merged into (unscoped), to follow a chain. */
    public Optional<UUID> primaryOf(UUID id) {
        return jdbc.sql("SELECT merged_into FROM incident WHERE id = ?").param(id).query(UUID.class).optional();
    }

    /**
     * The duplicates merged into a primary, whose reporters its answers reach, locked, oldest merge first: those waiting
     * for an answer and those answered with it before (a primary reopened by its own reporter and answered again
     * answers them again). One reopened by its reporter is no longer merged and not among them.
     */
    public List<UUID> duplicatesOf(UUID primary) {
        return jdbc.sql("""
                SELECT id FROM incident WHERE merged_into = ? AND status IN ('MERGED', 'ANSWERED')
                ORDER BY merged_at, id FOR UPDATE""")
                .param(primary).query(UUID.class).list();
    }

    /** The incident with this tracking code, if the scope sees it. */
    public Optional<UUID> byTrackingCode(String code, Reach reach) {
        return reach.bind(jdbc.sql("""
                SELECT i.id FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE i.tracking_code = :code AND""" + reach.condition()))
                .param("code", code.trim().toUpperCase(java.util.Locale.ROOT))
                .query(UUID.class).optional();
    }
}
