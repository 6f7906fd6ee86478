package org.fengqiao.duty.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The duty checklist's part of the work figures (警务工作): the duties the officers recorded done in the period, by
 * the day done, where they were done (the unit the record names, inside the subtree), a withdrawn record not counted;
 * and of them the convenience services (便民服务活动, the item {@code convenience-service} of the rhythm). Both link to
 * the list of those records over the same days in the same unit (/duties/done, DutyRecords#done), the services to
 * the item's. Beside them the share of due duties done (职责完成率): of the results written when a duty's period closed
 * (DutyResults, DutyResultSweep) whose period ended in the days counted, where the officer was then, those DONE; it
 * links to the list of those results (/duties/results). No rate for days whose results are not all kept (before the
 * results were first written, or a day the job never wrote), and then a line saying from when they are kept; nor for
 * days whose last ones are not settled yet (this month, or last month in the first days of this one), and then a line
 * saying when they will be: a share of the days settled so far read as the month's, though it left out its last days
 * and its monthly duties (the duty overview waits for the whole month too). That line rates beside the last month
 * whose results are all written, as the overview does: this month, which the page opens on, is never settled.
 */
@Component
class DutyFigures implements PeriodFigures {

    /** The item of seed 000's 每月"四个一": 开展一次便民服务活动. */
    static final String CONVENIENCE_SERVICE = "convenience-service";

    /** The list of the records counted (DutyRecords#done). */
    static final String LIST = "/duties/done";
    static final String API_LIST = "/api/v1/duties/done";

    /** The list of the results rated (DutyResults#list). */
    static final String RESULTS = "/duties/results";

    private final JdbcClient jdbc;
    private final DutyResults results;
    private final DutyProperties rhythm;
    private final Clock clock;

    DutyFigures(JdbcClient jdbc, DutyResults results, DutyProperties rhythm, Clock clock) {
        this.jdbc = jdbc;
        this.results = results;
        this.rhythm = rhythm;
        this.clock = clock;
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
                                        API_LIST + "?item=" + CONVENIENCE_SERVICE),
                        completion(unitPaths, period)))
                .single();
    }

    /** 职责完成率: done / due of the results kept for the days; none when a day of them is not kept (yet). */
    private Figure completion(List<String> unitPaths, Period period) {
        Double rate = null;
        if (results.kept(period.first(), period.last())) {
            DutyResults.Tally t = results.tally(Period.patterns(unitPaths), period.first(), period.last());
            rate = t.due() == 0 ? null : (double) t.done() / t.due();
            return Figure.rate("dutyCompletion", "figures.dutyCompletion", rate).listedAt(RESULTS, "/api/v1" + RESULTS)
                    .noted("figures.dutyCompletion.keptFrom", results.keptFrom().orElseThrow().toString());
        }
        Figure f = Figure.rate("dutyCompletion", "figures.dutyCompletion", null).listedAt(RESULTS, "/api/v1" + RESULTS);
        LocalDate keptFrom = results.keptFrom().orElse(null);
        LocalDate latest = results.lastDay().orElse(null);
        if (keptFrom == null) {
            return f.noted("figures.dutyCompletion.notYet");
        }
        boolean onlyTheLastDaysPending = !keptFrom.isAfter(period.first()) && period.last().isAfter(latest)
                && (latest.isBefore(period.first()) || results.kept(period.first(), latest));
        if (onlyTheLastDaysPending) {
            // the periods closing on the last day are written once a record can no longer be made into them
            String writtenOn = period.last().plusDays(rhythm.backdateDays() + 1L).toString();
            // this month, the page's first view, is always pending: a chief opening it read only "—"; for months
            // (to date) the last month whose results are all written (the overview's) is rated beside, so that he
            // has a share to go by
            YearMonth month = YearMonth.from(latest.plusDays(1)).minusMonths(1);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZONE);
            boolean months = period.first().getDayOfMonth() == 1
                    && (period.last().equals(YearMonth.from(period.last()).atEndOfMonth())
                            || !period.last().isBefore(today));
            if (months && month.atEndOfMonth().isBefore(period.first()) && !keptFrom.isAfter(month.atDay(1))
                    && results.kept(month.atDay(1), month.atEndOfMonth())) {
                DutyResults.Tally t = results.tally(Period.patterns(unitPaths), month.atDay(1), month.atEndOfMonth());
                if (t.due() > 0) {
                    return f.noted("figures.dutyCompletion.pendingLastMonth", latest.toString(),
                            period.last().toString(), writtenOn, month.toString(),
                            String.format(Locale.ROOT, "%.1f%%", 100.0 * t.done() / t.due()));
                }
            }
            return f.noted("figures.dutyCompletion.pending", latest.toString(), period.last().toString(), writtenOn);
        }
        return f.noted("figures.dutyCompletion.keptFrom", keptFrom.toString());
    }
}
