package org.fengqiao.review.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The public review's part of the work figures (群众评议, seeds 002 and 004): the reviews residents gave of the
 * subtree's officers in the period (by the moment given), and the satisfaction rate as the review results compute it
 * (4 and 5 of all the reviews, {@link ReviewResults}), so that the chief reads beside the year before the rate the
 * seeds report (98.2%) and not only the rating of answered incidents.
 */
@Component
class ReviewFigures implements PeriodFigures {

    private final JdbcClient jdbc;

    ReviewFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Before the police work (50 and the sections that join it), which stays last under its definitions. */
    @Override
    public int order() {
        return 45;
    }

    @Override
    public String heading() {
        return "figures.section.review";
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        return jdbc.sql("""
                SELECT count(*), count(*) FILTER (WHERE r.score >= 4)
                FROM review r JOIN unit u ON u.id = r.unit_id
                WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND r.submitted_at >= :start AND r.submitted_at < :end
                """)
                .param("scope", Period.patterns(unitPaths)).param("start", period.start()).param("end", period.end())
                .query((rs, n) -> List.of(
                        Figure.count("reviews", "figures.reviews", rs.getLong(1)),
                        // said under the figures where it comes from: the incidents' rate above reads alike
                        Figure.rate("reviewSatisfaction", "figures.reviewSatisfaction",
                                rs.getLong(1) == 0 ? null : (double) rs.getLong(2) / rs.getLong(1))
                                .noted("figures.reviewSatisfaction.about")))
                .single();
    }
}
