package org.fengqiao.mediation.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Mediation's part of the work figures: the dispute cases opened in the period in the subtree's grids, and those
 * settled by an agreement in it (by the day they ended). A case closed as the duplicate of another report was never
 * mediated and counts in neither. The cases gathered in the caller's transaction are written first
 * ({@link Disputes#writeGathered}): the figures are any module's to ask, in whatever transaction it runs.
 */
@Component
class MediationFigures implements PeriodFigures {

    private final JdbcClient jdbc;
    private final Disputes disputes;

    MediationFigures(JdbcClient jdbc, Disputes disputes) {
        this.jdbc = jdbc;
        this.disputes = disputes;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String heading() {
        return "figures.section.mediation";
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        disputes.writeGathered();
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE c.opened_at >= :start AND c.opened_at < :end AND c.status <> 'DUPLICATE'),
                       count(*) FILTER (WHERE c.status = 'AGREED' AND c.ended_at >= :start AND c.ended_at < :end)
                FROM dispute_case c JOIN grid g ON g.id = c.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[]))
                  AND (c.opened_at >= :start AND c.opened_at < :end OR c.ended_at >= :start AND c.ended_at < :end)
                """)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .query((rs, n) -> List.of(
                        Figure.count("disputesOpened", "figures.disputesOpened", rs.getLong(1)),
                        Figure.count("disputesSettled", "figures.disputesSettled", rs.getLong(2))))
                .single();
    }
}
