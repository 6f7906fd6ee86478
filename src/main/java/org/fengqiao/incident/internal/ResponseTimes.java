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
 * the median and 90th percentile of the seconds from receipt (or from the last reopening before the step: each step
 * is timed from when the report was last put in front of the police, see {@link #ITEM_STEPS}) to acknowledgement,
 * dispatch, arrival and first resolution,
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
     * The rule a chief reads the figures by: each step is timed from the moment the report was last put in front of
     * the police before that step ({@code since}): its receipt, or the last reopening by its reporter before the
     * step. While a report stands answered, or merged into another as its duplicate and answered with it, nobody can
     * take a step of it (the matter is handled, and timed, as the other report); its reporter's reopening puts it in
     * front of the police again. So:
     * <ul>
     * <li>a duplicate merged before anyone took it up and reopened is timed, every step, from the reopening;</li>
     * <li>a duplicate merged after it was taken up (its acknowledgement timed from its receipt) and reopened has the
     * steps taken after the reopening (its first dispatch, arrival or resolution, whichever it had not had before the
     * merge) timed from the reopening: whoever resolved it then is not charged with the days it stood merged and
     * answered;</li>
     * <li>a report resolved, answered and reopened counts its first resolution (and every step of its first round)
     * from its receipt, and a first dispatch or arrival it had only after its reopening from the reopening.</li>
     * </ul>
     * A report its routing gave back to the staff member who filed it was acknowledged by its filing (at its receipt, by
     * him: he is there, see {@code IncidentDesk}): that acknowledgement answers nobody and is not counted (its 0 seconds
     * would flatter the figure); the item counts in its grid and its later steps are timed from its receipt as any.
     * The reopenings are read once per item (few items have any); the intake path writes nothing for the figures.
     */
    private static final String ITEM_STEPS = """
            WITH item AS (
                SELECT i.id, i.grid_id, i.received_at, i.acknowledged_at, i.acknowledged_by, i.created_by,
                       i.dispatched_at,
                       i.arrived_at, i.arrived_by,
                       ARRAY(SELECT e.at FROM incident_event e WHERE e.incident_id = i.id
                               AND e.kind = 'REOPENED') AS reopened
                FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.received_at >= :from AND i.received_at < :to
                  AND i.merged_into IS NULL),
            step AS (
                SELECT id AS incident_id, grid_id, CAST(NULL AS uuid) AS staff_id, 'rec' AS kind,
                       CAST(NULL AS double precision) AS secs
                FROM item
                UNION ALL
                SELECT id, grid_id, acknowledged_by, 'ack', extract(epoch FROM acknowledged_at - %1$s)
                FROM item WHERE acknowledged_at IS NOT NULL
                  AND NOT (acknowledged_at = received_at AND acknowledged_by = created_by)
                UNION ALL
                SELECT id, grid_id, (SELECT e.actor_id FROM incident_event e WHERE e.incident_id = item.id
                                       AND e.kind = 'DISPATCHED' ORDER BY e.id LIMIT 1),
                       'dis', extract(epoch FROM dispatched_at - %2$s)
                FROM item WHERE dispatched_at IS NOT NULL
                UNION ALL
                SELECT id, grid_id, arrived_by, 'arr', extract(epoch FROM arrived_at - %3$s)
                FROM item WHERE arrived_at IS NOT NULL
                UNION ALL
                SELECT item.id, grid_id, r.actor_id, 'res', extract(epoch FROM r.at - %4$s)
                FROM item CROSS JOIN LATERAL (SELECT e.actor_id, e.at FROM incident_event e
                        WHERE e.incident_id = item.id AND e.kind = 'RESOLVED' ORDER BY e.id LIMIT 1) r)
            """.formatted(since("acknowledged_at"), since("dispatched_at"), since("arrived_at"), since("r.at"));

    /** When the item was last put in front of the police before the moment {@code step}: see {@link #ITEM_STEPS}. */
    private static String since(String step) {
        return "coalesce((SELECT max(o) FROM unnest(item.reopened) o WHERE o <= " + step + "), item.received_at)";
    }

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
