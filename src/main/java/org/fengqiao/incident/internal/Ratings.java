package org.fengqiao.incident.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reporters' ratings of the answers, one per report (a new rating replaces the last, a reopening withdraws it), and the
 * satisfaction figures of seed 002 per unit, grid and person in charge: how many rated, the mean, and the share of
 * 4 and 5 (满意率), with the low ratings' comments, scoped in the SQL like every read.
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

    /** The scores the given reports were rated with, by report; a report not rated (or reopened) is not in the map. */
    public java.util.Map<UUID, Integer> scores(List<UUID> incidents) {
        java.util.Map<UUID, Integer> scores = new java.util.HashMap<>();
        jdbc.sql("SELECT incident_id, score FROM incident_rating WHERE incident_id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", incidents.toArray(UUID[]::new))
                .query(rs -> {
                    scores.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        return scores;
    }

    public Optional<Rating> of(UUID incident) {
        return jdbc.sql("SELECT score, comment, rated_at, changes FROM incident_rating WHERE incident_id = ?")
                .param(incident).query(Ratings::rating).optional();
    }

    private static Rating rating(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Rating(rs.getInt(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getInt(4));
    }

    public void put(UUID incident, int score, String comment, OffsetDateTime at) {
        jdbc.sql("""
                INSERT INTO incident_rating (incident_id, score, comment, rated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (incident_id) DO UPDATE SET score = excluded.score, comment = excluded.comment,
                    rated_at = excluded.rated_at, changes = incident_rating.changes + 1""")
                .params(incident, (short) score, comment, at).update();
    }

    /**
     * Takes the rating of a report out of the figures (its report was reopened: the answer rated was not accepted),
     * answering what it was; every rating given stays on the report's timeline (RATED).
     */
    public Optional<Rating> withdraw(UUID incident) {
        return jdbc.sql("DELETE FROM incident_rating WHERE incident_id = ? RETURNING score, comment, rated_at, changes")
                .param(incident).query(Ratings::rating).optional();
    }

    /**
     * The ratings of the scope given from {@code from} (inclusive) to {@code to} (exclusive), joined to where they sit:
     * {@code rated} is the report rated, {@code i} the report whose answer was rated. A report merged into another was
     * answered with that one's answer, by that one's owner: its reporter's rating counts for the primary's grid, unit
     * and officer, not for whoever held the duplicate before the merge (a merge makes no chains, so one step is all).
     */
    private static final String RATED = """
            FROM incident_rating r JOIN incident rated ON rated.id = r.incident_id
            JOIN incident i ON i.id = coalesce(rated.merged_into, rated.id) JOIN grid g ON g.id = i.grid_id
            JOIN unit u ON u.id = g.unit_id
            """;
    private static final String IN_SCOPE = """
            WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND r.rated_at >= :from AND r.rated_at < :to
            """;
    private static final String FIGURES = """
            count(*) AS n, avg(r.score) AS mean, count(*) FILTER (WHERE r.score >= 4) AS satisfied
            """;

    /** Ratings at or below this score are not counted satisfied (满意 is 4 and 5): the ones a chief reads. */
    public static final int LOW = 3;

    /** Per grid of the scope, the ratings given from {@code from} (inclusive) to {@code to} (exclusive). */
    public List<GridSatisfaction> byGrid(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return figures("SELECT g.id, g.code, g.name, " + FIGURES + RATED + IN_SCOPE
                + "GROUP BY g.id, g.code, g.name ORDER BY g.code", scopePaths, from, to)
                .stream().map(f -> new GridSatisfaction(f.id(), f.code(), f.name(), f.ratings(), f.mean(), f.satisfied(),
                        f.satisfactionRate()))
                .toList();
    }

    /** One row of figures: a unit, a grid or an officer, how many rated, the mean and the share of 4 and 5. */
    @Schema(name = "SatisfactionFigures")
    public record Figures(UUID id, String code, String name, long ratings, double mean, long satisfied,
            double satisfactionRate) {
    }

    /**
     * Per unit that holds the rated items' grids (a station, a police office, a workstation). A grid at a work point
     * of its own (网格有点) counts in the unit above it that the caller sees, so that the rows are the offices a
     * chief compares and not one per grid again; a caller who sees only the work point gets it as his row.
     */
    public List<Figures> byUnit(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return figures("SELECT x.id, x.code, x.name, " + FIGURES + RATED + """
                CROSS JOIN LATERAL (SELECT a.id, a.code, a.name, a.path FROM unit a WHERE u.path LIKE a.path || '%'
                                      AND (a.id = u.id OR (a.kind <> 'WORK_POINT' AND a.path LIKE ANY(CAST(:scope AS text[]))))
                                    ORDER BY a.kind = 'WORK_POINT', a.depth DESC LIMIT 1) x
                """ + IN_SCOPE + "GROUP BY x.id, x.code, x.name, x.path ORDER BY x.path", scopePaths, from, to);
    }

    /**
     * Per officer who owned the rated item (责任人: the answer went out under his name, and the owner stays when an
     * item is answered). Items without a person as owner are counted in their grid and unit only.
     */
    public List<Figures> byOfficer(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return figures("SELECT s.id, s.police_number, s.name, " + FIGURES + RATED + "JOIN staff s ON s.id = i.owner_staff_id "
                + IN_SCOPE + "GROUP BY s.id, s.police_number, s.name ORDER BY s.name, s.id", scopePaths, from, to);
    }

    /**
     * A rating not counted satisfied (1 to {@link #LOW}), with the resident's words and where it sits: the report
     * rated, in the grid and unit and under the officer of the answer rated (the primary's, for a merged report).
     */
    public record LowRating(UUID incidentId, String trackingCode, int score, String comment, OffsetDateTime ratedAt,
            String gridName, String unitName, String officerName) {
    }

    /** The low ratings of the period, newest first, at most {@code limit}. */
    public List<LowRating> low(List<String> scopePaths, OffsetDateTime from, OffsetDateTime to, int limit) {
        return jdbc.sql("SELECT rated.id, rated.tracking_code, r.score, r.comment, r.rated_at, g.name AS grid_name, "
                + "u.name AS unit_name, s.name AS officer_name " + RATED + "LEFT JOIN staff s ON s.id = i.owner_staff_id "
                + IN_SCOPE + "AND r.score <= " + LOW + " ORDER BY r.rated_at DESC, i.id LIMIT :limit")
                .param("scope", Incidents.patterns(scopePaths)).param("from", from).param("to", to).param("limit", limit)
                .query((rs, n) -> new LowRating(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    private List<Figures> figures(String sql, List<String> scopePaths, OffsetDateTime from, OffsetDateTime to) {
        return jdbc.sql(sql)
                .param("scope", Incidents.patterns(scopePaths)).param("from", from).param("to", to)
                .query((rs, n) -> {
                    long count = rs.getLong("n");
                    long satisfied = rs.getLong("satisfied");
                    return new Figures(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), count,
                            Math.round(rs.getDouble("mean") * 100) / 100.0, satisfied,
                            Math.round(satisfied * 1000.0 / count) / 1000.0);
                })
                .list();
    }
}
