package org.fengqiao.points.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The points' part of the work figures: the cases an informant's clue helped solve, as the ledger records them —
 * the clue giver's award (同功同奖, linked to the investigator's case award) approved in the period in the subtree's
 * grids, unless the ledger has since reversed it (a correction: the award, and so the clue's part in the case, was
 * recorded in error). A case without such an award is not known here to have come of a clue.
 */
@Component
class ClueFigures implements PeriodFigures {

    private final JdbcClient jdbc;

    ClueFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 15;
    }

    @Override
    public String heading() {
        return "figures.section.clues";
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        long solved = jdbc.sql("""
                SELECT count(*) FROM points_award a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND a.source_type = 'clue' AND a.status = 'APPROVED'
                  AND a.decided_at >= :start AND a.decided_at < :end
                  AND NOT EXISTS (SELECT 1 FROM points_entry e JOIN points_entry r ON r.reverses_id = e.id
                                  WHERE e.award_id = a.id AND e.kind = 'AWARD')
                """)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .query(Long.class).single();
        return List.of(Figure.count("casesSolvedByClues", "figures.casesSolvedByClues", solved));
    }
}
