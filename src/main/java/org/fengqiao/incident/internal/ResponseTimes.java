package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Quick-response figures (seed 003's 1-3-5 minutes): for each grid and each person who took items up,
 * the median and 90th percentile of the seconds from receipt to acknowledgement, dispatch, arrival and resolution,
 * and how many met the configured targets. Scoped in the SQL like every read.
 */
@Repository
public class ResponseTimes {

    public record Measure(long count, Double medianSeconds, Double p90Seconds, long withinTarget, long targetSeconds) {
    }

    public record Row(UUID id, String code, String name, long incidents, Measure acknowledge, Measure dispatch,
            Measure arrive, Measure resolve) {
    }

    private final JdbcClient jdbc;
    private final IncidentProperties properties;

    ResponseTimes(JdbcClient jdbc, IncidentProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
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
                GROUP BY g.id, g.code, g.name ORDER BY g.code""", scopePaths, from, to);
    }

    public List<Row> byPerson(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return query("""
                SELECT s.id, s.police_number, s.name,""" + MEASURES + """
                FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                JOIN staff s ON s.id = i.acknowledged_by
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND i.received_at >= :from AND i.received_at < :to
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
