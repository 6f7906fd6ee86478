package org.fengqiao.supervision.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The supervision's part of the work figures (警务工作, 督导检查), each counted against the units of the subtree the
 * notices were issued to: notices (督察通报) issued in the period; notices whose rectification an inspector accepted
 * in it (整改完成, by the day accepted); notices that went overdue in it (逾期未整改: still without the unit's answer
 * after their last day, by the moment they were found so, the day after that day or, for one sent back after it, the
 * moment it was sent back; a notice rectified since stays counted in the period it went overdue in); and the
 * accountability records made in it (追究责任, one per person held to account on a notice). The first three link to
 * the notices' list over the same days in the same unit; the accountability to the list of those held to account
 * (Notices#heldToAccount), which counts them with the same statement.
 */
@Component
class SupervisionFigures implements PeriodFigures {

    /**
     * The list of the notices by what their days bound (Notices.Dated): those issued, rectified or gone overdue in
     * the period, in the unit, the same the figures count.
     */
    static final String LIST = "/supervision?dated=";
    static final String API_LIST = "/api/v1/supervision/notices?dated=";
    /** The list of the persons held to account (Notices#heldToAccount). */
    static final String HELD = "/supervision/accountability";

    private final JdbcClient jdbc;

    SupervisionFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 53;
    }

    @Override
    public String heading() {
        return POLICE_WORK;
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE n.issued_at >= :start AND n.issued_at < :end),
                       count(*) FILTER (WHERE n.state = 'RECTIFIED' AND n.closed_at >= :start AND n.closed_at < :end),
                       count(*) FILTER (WHERE n.overdue_at >= :start AND n.overdue_at < :end),
                       (SELECT count(*)""" + Notices.HELD_IN + """
                )
                  FROM supervision_notice n
                 WHERE n.unit_path LIKE ANY(CAST(:scope AS text[]))
                """)
                .param("scope", Period.patterns(unitPaths)).param("under", Period.patterns(unitPaths))
                .param("start", period.start())
                .param("end", period.end())
                .query((rs, n) -> List.of(
                        Figure.count("noticesIssued", "figures.noticesIssued", rs.getLong(1))
                                .listedAt(LIST + "ISSUED", API_LIST + "ISSUED"),
                        Figure.count("noticesRectified", "figures.noticesRectified", rs.getLong(2))
                                .listedAt(LIST + "RECTIFIED", API_LIST + "RECTIFIED"),
                        Figure.count("noticesOverdue", "figures.noticesOverdue", rs.getLong(3))
                                .listedAt(LIST + "OVERDUE", API_LIST + "OVERDUE"),
                        Figure.count("accountability", "figures.accountability", rs.getLong(4))
                                .listedAt(HELD, "/api/v1" + HELD)))
                .single();
    }
}
