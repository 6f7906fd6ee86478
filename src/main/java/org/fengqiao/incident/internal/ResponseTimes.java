package org.fengqiao.incident.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Quick-response figures (seed 003's 1-3-5 minutes): for each grid and each person who took a step of an item,
 * the median and 90th percentile of the seconds from receipt (or from the reopening that began its wait, see
 * {@link #ITEM_STEPS}) to acknowledgement, dispatch, arrival and first resolution,
 * and how many met the configured targets; per person, each step counts for the one who took it (a chief reads his
 * officers' own times: who acknowledged, who was sent out, who arrived, who resolved). A report merged into another
 * as its duplicate is not counted (its matter is handled, and counted, once: as the report it was merged into), as in
 * the other figures. Scoped in the SQL like every read, by where the items lie: the caller's whole scope, or one unit
 * of it (404 for a unit outside it, as for every record), over a period {@link ResponsePeriodPolicy} accepts.
 */
@Repository
public class ResponseTimes {

    public record Measure(long count, Double medianSeconds, Double p90Seconds, long withinTarget, long targetSeconds) {
    }

    @Schema(name = "ResponseTimeRow")
    public record Row(UUID id, String code, String name, long incidents, Measure acknowledge, Measure dispatch,
            Measure arrive, Measure resolve) {
    }

    /** The figures of a period: per grid and per person, in the caller's scope or in {@code unit}'s subtree. */
    public record Report(OffsetDateTime from, OffsetDateTime to, Unit unit, List<Row> grids, List<Row> people) {
    }

    private final JdbcClient jdbc;
    private final IncidentProperties properties;
    private final Jurisdictions jurisdictions;

    ResponseTimes(JdbcClient jdbc, IncidentProperties properties, Jurisdictions jurisdictions) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.jurisdictions = jurisdictions;
    }

    /**
     * The figures of the items received from {@code from} (inclusive) to {@code to} (exclusive) in the caller's scope,
     * or in {@code unitId}'s subtree when given.
     *
     * @throws Invalid  when the period is no period at {@code now} (see {@link ResponsePeriodPolicy#checkInstants})
     * @throws NotFound when the unit does not exist or lies outside the caller's scope
     */
    public Report of(Caller caller, UUID unitId, OffsetDateTime from, OffsetDateTime to, Instant now) {
        List<Invalid.Problem> problems = ResponsePeriodPolicy.checkInstants(from, to, now);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        List<String> scope = caller.unitPaths();
        Unit unit = null;
        if (unitId != null) {
            unit = jurisdictions.visibleUnit(new UnitId(unitId), caller)
                    .orElseThrow(() -> new NotFound("unit", unitId));
            scope = List.of(unit.path());
        }
        return new Report(from, to, unit, byGrid(scope, from, to), byPerson(scope, from, to));
    }

    private static final List<String> STEPS = List.of("ack", "dis", "arr", "res");

    /**
     * Each step of each item received in the period in scope, with the person who took it: the acknowledgement and
     * the arrival by the columns that record them, the dispatch and the resolution by the timeline (the first
     * dispatch, whose moment the dispatch time keeps; the first resolution, as the other steps keep the first
     * round's: a report its reporter reopened and resolved again counts once, for the one who resolved it first, not
     * for the one who resolved it again with the days it stood answered). A row of no step ('rec') per item counts
     * every item in its grid, taken up or not.
     * <p>
     * Each step is timed from the moment the item began to wait for it ({@code since}): its receipt, or, for a
     * report nobody took up before its reporter reopened it (a duplicate merged before anyone acknowledged it and
     * answered with the report it was merged into), the last reopening before it was taken up. Nobody could take up
     * such a report while it stood merged or answered; timed from its receipt, whoever took it up after the
     * reopening was charged with the days before it. The acknowledgement is kept once (the first), so a reopening
     * before it is one of a report never taken up until then; a report taken up before it was reopened keeps its
     * receipt as the start of all its times.
     */
    private static final String ITEM_STEPS = """
            WITH item AS (
                SELECT i.id, i.grid_id, i.acknowledged_at, i.acknowledged_by, i.dispatched_at, i.arrived_at,
                       i.arrived_by,
                       coalesce((SELECT max(e.at) FROM incident_event e WHERE e.incident_id = i.id
                                   AND e.kind = 'REOPENED' AND e.at <= i.acknowledged_at), i.received_at) AS since
                FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.received_at >= :from AND i.received_at < :to
                  AND i.merged_into IS NULL),
            step AS (
                SELECT id AS incident_id, grid_id, CAST(NULL AS uuid) AS staff_id, 'rec' AS kind,
                       CAST(NULL AS double precision) AS secs
                FROM item
                UNION ALL
                SELECT id, grid_id, acknowledged_by, 'ack', extract(epoch FROM acknowledged_at - since)
                FROM item WHERE acknowledged_at IS NOT NULL
                UNION ALL
                SELECT id, grid_id, (SELECT e.actor_id FROM incident_event e WHERE e.incident_id = item.id
                                       AND e.kind = 'DISPATCHED' ORDER BY e.id LIMIT 1),
                       'dis', extract(epoch FROM dispatched_at - since)
                FROM item WHERE dispatched_at IS NOT NULL
                UNION ALL
                SELECT id, grid_id, arrived_by, 'arr', extract(epoch FROM arrived_at - since)
                FROM item WHERE arrived_at IS NOT NULL
                UNION ALL
                SELECT item.id, grid_id, r.actor_id, 'res', extract(epoch FROM r.at - since)
                FROM item CROSS JOIN LATERAL (SELECT e.actor_id, e.at FROM incident_event e
                        WHERE e.incident_id = item.id AND e.kind = 'RESOLVED' ORDER BY e.id LIMIT 1) r)
            """;

    /** Per group of steps: the items, and each step's count, median, 90th percentile and count within its target. */
    private static final String MEASURES = STEPS.stream().map(k -> """
            count(*) FILTER (WHERE s.kind = '%1$s') AS %1$s_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY s.secs) FILTER (WHERE s.kind = '%1$s') AS %1$s_med,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY s.secs) FILTER (WHERE s.kind = '%1$s') AS %1$s_p90,
            count(*) FILTER (WHERE s.kind = '%1$s' AND s.secs <= :%1$s) AS %1$s_ok
            """.formatted(k)).collect(Collectors.joining(",", " count(DISTINCT s.incident_id) AS n,\n",
            ""));

    /** Every item in scope counts in its grid, each step with it. */
    private List<Row> byGrid(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return query(ITEM_STEPS + "SELECT g.id, g.code, g.name," + MEASURES + """
                FROM step s JOIN grid g ON g.id = s.grid_id
                GROUP BY g.id, g.code, g.name ORDER BY g.code""", scopePaths, from, to);
    }

    /**
     * Each step counts for the person who took it: one who only arrived or resolved is listed as well as one who took
     * items up. His items are those he took a step of.
     */
    private List<Row> byPerson(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return query(ITEM_STEPS + "SELECT p.id, p.police_number, p.name," + MEASURES + """
                FROM step s JOIN staff p ON p.id = s.staff_id
                GROUP BY p.id, p.police_number, p.name ORDER BY p.name, p.id""", scopePaths, from, to);
    }

    private List<Row> query(String sql, List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        IncidentProperties.Response targets = properties.response();
        long ack = targets.acknowledge().toSeconds();
        long dis = targets.dispatch().toSeconds();
        long arr = targets.arrive().toSeconds();
        long res = targets.resolve().toSeconds();
        return jdbc.sql(sql).param("scope", Incidents.patterns(scopePaths)).param("from", from).param("to", to)
                .param("ack", (double) ack).param("dis", (double) dis).param("arr", (double) arr)
                .param("res", (double) res)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getLong("n"), measure(rs, "ack", ack), measure(rs, "dis", dis), measure(rs, "arr", arr),
                        measure(rs, "res", res)))
                .list();
    }

    private static Measure measure(ResultSet rs, String step, long target) throws SQLException {
        return new Measure(rs.getLong(step + "_n"), (Double) rs.getObject(step + "_med"),
                (Double) rs.getObject(step + "_p90"), rs.getLong(step + "_ok"), target);
    }
}
