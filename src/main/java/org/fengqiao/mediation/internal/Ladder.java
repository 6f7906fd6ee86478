package org.fengqiao.mediation.internal;

import java.time.OffsetDateTime;
import java.util.List;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.GridReach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ladder 小事不出村、大事不出镇、矛盾不上交: the cases that ended in a period, counted per unit of a level (the
 * stations, say) by where each was settled, with those that failed or were referred out. Scoped in the SQL, to the
 * cases the reader reads (platform.GridReach: for one who serves grids, those of his grids and those that are his), so
 * that its counts add up to what his case list holds. A case ended as a duplicate of another report (DUPLICATE) was
 * never mediated to an end and is not counted.
 * <p>
 * The cases gathered in a filing transaction ({@link Disputes#gather}) need not be written first: it counts ended
 * cases only, and a gathered case is open until written (whatever ends it changes it through {@link Disputes}, which
 * writes the gathered ones before its statement).
 */
@Repository
public class Ladder {

    public record Row(String unitCode, String unitName, long grid, long village, long station, long county,
            long failed, long referred) {

        public long settled() {
            return grid + village + station + county;
        }

        public long ended() {
            return settled() + failed + referred;
        }

        /** Share of the ended cases settled without leaving the village (小事不出村), in percent; null with none ended. */
        public Integer inVillagePercent() {
            return ended() == 0 ? null : (int) Math.round(100.0 * (grid + village) / ended());
        }

        /** Share settled without leaving the town (大事不出镇): grid, village or station. */
        public Integer inTownPercent() {
            return ended() == 0 ? null : (int) Math.round(100.0 * (grid + village + station) / ended());
        }
    }

    private final JdbcClient jdbc;

    Ladder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One row per unit of {@code by} (each case counted under its grid's ancestor of that kind, or its grid's own
     * unit when it has none of that kind) for the cases ended from {@code from} (inclusive) to {@code to}
     * (exclusive), within the caller's scope and the cases he reaches. (No brackets here: Spring Modulith's docs parse
     * this comment as JSON.)
     */
    public List<Row> count(UnitKind by, OffsetDateTime from, OffsetDateTime to, List<String> scopePaths,
            GridReach reach) {
        return jdbc.sql("""
                WITH ended AS (
                    SELECT c.status, c.settled_level,
                           coalesce((SELECT a.id FROM unit a WHERE a.kind = :kind AND u.path LIKE a.path || '%'
                                     ORDER BY a.depth DESC LIMIT 1), u.id) AS unit_id
                    FROM dispute_case c JOIN grid g ON g.id = c.grid_id JOIN unit u ON u.id = g.unit_id
                    WHERE c.ended_at >= :from AND c.ended_at < :to AND u.path LIKE ANY(CAST(:scope AS text[]))
                      AND c.status <> 'DUPLICATE'""" + reach.condition("c.grid_id", Disputes.HIS) + """
                    )
                SELECT x.code, x.name,
                       count(*) FILTER (WHERE e.settled_level = 'GRID'),
                       count(*) FILTER (WHERE e.settled_level = 'VILLAGE'),
                       count(*) FILTER (WHERE e.settled_level = 'STATION'),
                       count(*) FILTER (WHERE e.settled_level = 'COUNTY'),
                       count(*) FILTER (WHERE e.status = 'FAILED'),
                       count(*) FILTER (WHERE e.status = 'REFERRED')
                FROM ended e JOIN unit x ON x.id = e.unit_id
                GROUP BY x.code, x.name, x.path ORDER BY x.path""")
                .param("kind", by.name()).param("from", from).param("to", to)
                .param("scope", Disputes.patterns(scopePaths)).params(reach.params())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8))).list();
    }
}
