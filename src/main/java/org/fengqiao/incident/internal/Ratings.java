package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reporters' ratings of the answers, one per report (a new rating replaces the last), and the
 * satisfaction figures of seed 002 per grid: how many rated, the mean, and the share of 4 and 5 (满意率),
 * scoped in the SQL like every read.
 */
@Repository
public class Ratings {

    public record Rating(int score, String comment, OffsetDateTime ratedAt, int changes) {
    }

    public record GridSatisfaction(UUID gridId, String gridCode, String gridName, long ratings, double mean,
            long satisfied, double satisfactionRate) {
    }

    private final JdbcClient jdbc;

    Ratings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Rating> of(UUID incident) {
        return jdbc.sql("SELECT score, comment, rated_at, changes FROM incident_rating WHERE incident_id = ?")
                .param(incident)
                .query((rs, n) -> new Rating(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getInt(4)))
                .optional();
    }

    public void put(UUID incident, int score, String comment, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO incident_rating (incident_id, score, comment, rated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (incident_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
                    rated_at = excluded.rated_at, changes = incident_rating.changes + 1""")
                .params(incident, (short) score, comment, at).update();
    }

    /** Per grid of the scope, the ratings given from {@code from} (inclusive) to {@code to} (exclusive). */
    public List<GridSatisfaction> byGrid(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql("""
                SELECT g.id, g.code, g.name, count(*) AS n, avg(r.score) AS mean,
                       count(*) FILTER (WHERE r.score >= 4) AS satisfied
                FROM incident_rating r JOIN incident i ON i.id = r.incident_id JOIN grid g ON g.id = i.grid_id
                JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND r.rated_at >= :from AND r.rated_at < :to
                GROUP BY g.id, g.code, g.name ORDER BY g.code""")
                .param("scope", Incidents.patterns(scopePaths)).param("from", from).param("to", to)
                .query((rs, n) -> {
                    long count = rs.getLong("n");
                    long satisfied = rs.getLong("satisfied");
                    return new GridSatisfaction(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), count,
                            Math.round(rs.getDouble("mean") * 100) / 100.0, satisfied,
                            Math.round(satisfied * 1000.0 / count) / 1000.0);
                })
                .list();
    }
}
