package org.fengqiao.duty.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The duty checklist's part of the work figures (警务工作): the duties the officers recorded done in the period, by
 * the day done, where they were done (the unit the record names, inside the subtree), a withdrawn record not counted;
 * and of them the convenience services (便民服务活动, the item {@code convenience-service} of the rhythm). The share of
 * the duties due that were done is not given: which officers owed duties in a past period is not kept (an officer's
 * unit and his being on duty are today's), so the year before could not be reckoned like with like; the overview
 * (/duties/overview) gives it per officer for the current and the last closed period. Both link to the list of
 * those records over the same days in the same unit (/duties/done, DutyRecords#done), the services to the item's.
 */
@Component
class DutyFigures implements PeriodFigures {

    /** The item of seed 000's 每月"四个一": 开展一次便民服务活动. */
    static final String CONVENIENCE_SERVICE = "convenience-service";

    /** The list of the records counted (DutyRecords#done). */
    static final String LIST = "/duties/done";
    static final String API_LIST = "/api/v1/duties/done";

    private final JdbcClient jdbc;

    DutyFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public String heading() {
        return POLICE_WORK;
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        return jdbc.sql("""
                SELECT count(*), count(*) FILTER (WHERE r.item = :convenience)
                  FROM duty_record r JOIN unit u ON u.id = r.unit_id
                 WHERE u.path LIKE ANY(CAST(:scope AS text[])) AND r.withdrawn_at IS NULL
                   AND r.done_on >= :first AND r.done_on < :after
                """)
                .param("scope", Period.patterns(unitPaths)).param("first", period.first())
                .param("after", period.after()).param("convenience", CONVENIENCE_SERVICE)
                .query((rs, n) -> List.of(
                        Figure.count("dutiesDone", "figures.dutiesDone", rs.getLong(1)).listedAt(LIST, API_LIST),
                        Figure.count("convenienceServices", "figures.convenienceServices", rs.getLong(2))
                                .listedAt(LIST + "?item=" + CONVENIENCE_SERVICE,
                                        API_LIST + "?item=" + CONVENIENCE_SERVICE)))
                .single();
    }
}
