package org.fengqiao.incident.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Quick-response figures (seed 003's 1-3-5 minutes): for each grid and each person who took items up,
 * the median and 90th percentile of the seconds from receipt to acknowledgement, dispatch, arrival and resolution,
 * and how many met the configured targets. A report merged into another as its duplicate is not counted (its
 * matter is handled, and counted, once: as the report it was merged into), as in the other figures. Scoped in the
 * SQL like every read: the caller's whole scope, or one unit
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
            unit = jurisdictions.visibleUnit(new UnitId(unitId), caller).orElseThrow(() -> new NotFound("unit", unitId));
            scope = List.of(unit.path());
        }
        return new Report(from, to, unit, byGrid(scope, from, to), byPerson(scope, from, to));
    }

    private static final String MEASURES = """
            count(*) AS n,
            count(i.acknowledged_at) AS ack_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.received_at)) AS ack_med,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.acknowledged_at - i.received_at)) AS ack_p90,
            count(*) FILTER (WHERE i.acknowledged_at - i.received_at <= make_interval(secs => :ack)) AS ack_ok,
            count(i.dispatched_at) AS dis_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.dispatched_at - i.received_at)) AS dis_med,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.dispatched_at - i.received_at)) AS dis_p90,
            count(*) FILTER (WHERE i.dispatched_at - i.received_at <= make_interval(secs => :dis)) AS dis_ok,
            count(i.arrived_at) AS arr_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.arrived_at - i.received_at)) AS arr_med,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.arrived_at - i.received_at)) AS arr_p90,
            count(*) FILTER (WHERE i.arrived_at - i.received_at <= make_interval(secs => :arr)) AS arr_ok,
            count(i.resolved_at) AS res_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.received_at)) AS res_med,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.received_at)) AS res_p90,
            count(*) FILTER (WHERE i.resolved_at - i.received_at <= make_interval(secs => :res)) AS res_ok
            """;

    public List<Row> byGrid(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return query("""
                SELECT g.id, g.code, g.name,""" + MEASURES + """
                FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.received_at >= :from AND i.received_at < :to
                  AND i.merged_into IS NULL
                GROUP BY g.id, g.code, g.name ORDER BY g.code""", scopePaths, from, to);
    }

    public List<Row> byPerson(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return query("""
                SELECT s.id, s.police_number, s.name,""" + MEASURES + """
                FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                JOIN staff s ON s.id = i.acknowledged_by
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.received_at >= :from AND i.received_at < :to
                  AND i.merged_into IS NULL
                GROUP BY s.id, s.police_number, s.name ORDER BY s.name, s.id""", scopePaths, from, to);
    }

    private List<Row> query(String sql, List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        IncidentProperties.Response targets = properties.response();
        long ack = targets.acknowledge().toSeconds();
        long dis = targets.dispatch().toSeconds();
        long arr = targets.arrive().toSeconds();
        long res = targets.resolve().toSeconds();
        return jdbc.sql(sql).param("scope", Incidents.patterns(scopePaths)).param("from", from).param("to", to)
                .param("ack", (double) ack).param("dis", (double) dis).param("arr", (double) arr).param("res", (double) res)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong("n"),
                        new Measure(rs.getLong("ack_n"), (Double) rs.getObject("ack_med"), (Double) rs.getObject("ack_p90"),
                                rs.getLong("ack_ok"), ack),
                        new Measure(rs.getLong("dis_n"), (Double) rs.getObject("dis_med"), (Double) rs.getObject("dis_p90"),
                                rs.getLong("dis_ok"), dis),
                        new Measure(rs.getLong("arr_n"), (Double) rs.getObject("arr_med"), (Double) rs.getObject("arr_p90"),
                                rs.getLong("arr_ok"), arr),
                        new Measure(rs.getLong("res_n"), (Double) rs.getObject("res_med"), (Double) rs.getObject("res_p90"),
                                rs.getLong("res_ok"), res)))
                .list();
    }

}
