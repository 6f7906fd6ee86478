package org.fengqiao.population.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hidden dangers found and removed (隐患排查整改), in the subtree's grids over the period: the organisations' fire-safety
 * inspections made, those that found hazards and the hazards rectified (by the day each was recorded to have
 * happened); the verification tasks the utility readings opened and those resolved.
 */
@Component
class HazardFigures implements PeriodFigures {

    private static final String IN_GRID = PopulationFigures.IN_GRID;

    private final JdbcClient jdbc;

    HazardFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public String heading() {
        return "figures.section.hazards";
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        return jdbc.sql("SELECT "
                        + "(SELECT count(*) FROM fire_inspection f JOIN organisation x ON x.id = f.organisation_id" + IN_GRID
                        + "f.inspected_on >= :first AND f.inspected_on < :after), "
                        + "(SELECT count(*) FROM fire_inspection f JOIN organisation x ON x.id = f.organisation_id" + IN_GRID
                        + "f.hazards IS NOT NULL AND f.inspected_on >= :first AND f.inspected_on < :after), "
                        + "(SELECT count(*) FROM fire_inspection f JOIN organisation x ON x.id = f.organisation_id" + IN_GRID
                        + "f.rectified_on >= :first AND f.rectified_on < :after), "
                        + "(SELECT count(*) FROM verification_task x" + IN_GRID
                        + "x.created_at >= :start AND x.created_at < :end), "
                        + "(SELECT count(*) FROM verification_task x" + IN_GRID
                        + "x.status = 'RESOLVED' AND x.resolved_at >= :start AND x.resolved_at < :end)")
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .param("first", period.first()).param("after", period.after())
                .query((rs, n) -> List.of(
                        Figure.count("fireInspections", "figures.fireInspections", rs.getLong(1)),
                        Figure.count("hazardsFound", "figures.hazardsFound", rs.getLong(2)),
                        Figure.count("hazardsRectified", "figures.hazardsRectified", rs.getLong(3)),
                        Figure.count("verificationsOpened", "figures.verificationsOpened", rs.getLong(4)),
                        Figure.count("verificationsClosed", "figures.verificationsClosed", rs.getLong(5))))
                .single();
    }
}
