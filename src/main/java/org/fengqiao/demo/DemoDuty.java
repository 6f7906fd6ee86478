package org.fengqiao.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.duty.DutyLoader;
import org.fengqiao.duty.DutyPeriod;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 000's 十五个一 as two officers kept it since the first of the month before last: 李建国 of 房山 (the demo
 * "officer") patrols and enters information most days, holds the weekly screenings, missed his informant visit last
 * week and last month's community council; 张卫东 of 和平社区 (officer2) kept fewer over the last two weeks, so the
 * chief's overview has red in it. Today's patrol is left for the officer to record. The periods those days closed are
 * then kept done or missed as the nightly job keeps them (DutyLoader#closePast), so the work figures' share of due
 * duties done and the results list read the demo's own records from the first day, as a station's with months of
 * history do, not after eight nights of the job. Loads once, after the district, under its own advisory lock.
 */
@Component
class DemoDuty extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_44555459L;

    private final DutyLoader duties;

    DemoDuty(DutyLoader duties, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.duties = duties;
    }

    @Override
    int loadOnce() {
        UUID officer = login("officer");
        UUID officer2 = login("officer2");
        if (officer == null || officer2 == null || duties.any()) {
            return 0;
        }
        List<UUID> rural = grids(officer);
        List<UUID> urban = grids(officer2);
        if (rural.isEmpty() || urban.isEmpty()) {
            return 0;
        }
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        // from the first of the month before last: the last month whose results are all written (the overview's
        // share) is always one of the months kept
        LocalDate first = DutyPeriod.MONTH.previous(DutyPeriod.MONTH.previous(today));
        int n = rural(officer, rural, first, today) + urban(officer2, urban, today);
        duties.closePast(first);
        return n;
    }

    @Override
    String loaded(int count) {
        return "Demo duty checklist: " + count + " records";
    }

    /** The police grids under the officer's unit, by code. */
    private List<UUID> grids(UUID officer) {
        return jdbc.sql("""
                SELECT g.id FROM grid g JOIN unit u ON u.id = g.unit_id
                 WHERE g.network = 'POLICE'
                   AND u.path LIKE (SELECT su.path FROM staff s JOIN unit su ON su.id = s.unit_id WHERE s.id = ?) || '%'
                 ORDER BY g.code LIMIT 6""").param(officer).query(UUID.class).list();
    }

    private int rural(UUID officer, List<UUID> grids, LocalDate first, LocalDate today) {
        int n = 0;
        String[] villages = {"吴场村", "陆圩村", "兴东村", "兴谷村", "房山村"};
        for (int d = (int) (today.toEpochDay() - first.toEpochDay()); d >= 1; d--) {
            LocalDate day = today.minusDays(d);
            UUID grid = grids.get(d % grids.size());
            String village = villages[d % villages.length];
            if (d % 6 != 5) {
                n += one(officer, "patrol", day, "与护村队在" + village + "巡逻，查看重点部位和出租房屋", grid, 4);
            }
            if (d % 4 != 3) {
                n += one(officer, "info-entry", day, "录入" + village + "走访信息、流动人口变动情况", grid, null);
            }
            if (day.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()) {
                n += one(officer, "review-meeting", day, "警务室晨会讲评昨日警情和今日任务", grids.get(0), 5);
            }
        }
        LocalDate lastWeek = DutyPeriod.WEEK.previous(today);
        for (LocalDate week = DutyPeriod.WEEK.start(first); !week.isAfter(today);
                week = week.plusWeeks(1)) {
            n += week(officer, grids, week, today, !week.equals(lastWeek));
        }
        n += one(officer, "safety-inspection", first.plusDays(6), "检查辖区加油站、液化气供应点消防安全", grids.get(1), 4);
        n += one(officer, "key-person-talk", first.plusDays(10), "约谈刑满释放人员一名，帮助联系就业", grids.get(2), 2);
        n += one(officer, "council-meeting", first.plusDays(14), "参加吴场村警民恳谈会，通报近期警情", grids.get(0), 26);
        n += one(officer, "convenience-service", first.plusDays(17), "在兴东村上门为行动不便老人办理身份证", grids.get(0), 5);
        LocalDate lastMonth = DutyPeriod.MONTH.previous(today);
        n += one(officer, "safety-inspection", lastMonth.plusDays(8), "会同安监对辖区烟花爆竹经营点、加油站安全检查", grids.get(1), 6);
        n += one(officer, "key-person-talk", lastMonth.plusDays(12), "约谈社区矫正对象一名，了解近期思想和就业情况", grids.get(2), 2);
        n += one(officer, "convenience-service", lastMonth.plusDays(20), "在吴场村村部集中办理居住证、身份证换领", grids.get(0), 37);
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        n += one(officer, "key-person-talk", firstOfMonth.isBefore(today) ? firstOfMonth : today.minusDays(1),
                "走访吸毒人员家属，了解其戒治情况", grids.get(3 % grids.size()), 2);
        LocalDate lastQuarter = DutyPeriod.QUARTER.previous(today);
        n += one(officer, "deputies-visit", lastQuarter.plusDays(20), "走访县人大代表两名，听取对警务室工作的意见", grids.get(0), 3);
        n += one(officer, "duty-report", lastQuarter.plusMonths(2).plusDays(25), "在所务会上述职，汇报一村一警工作", grids.get(0), 12);
        n += one(officer, "key-person-assessment", lastQuarter.plusMonths(2).plusDays(18),
                "对辖区重点人口逐人鉴定，提出两人撤管建议", grids.get(1), 3);
        return n;
    }

    /** One week's five: the informant visit only when {@code informant}; a day ahead of yesterday is not recorded. */
    private int week(UUID officer, List<UUID> grids, LocalDate week, LocalDate today, boolean informant) {
        int n = 0;
        n += one(officer, "floating-rental-check", week.plusDays(1), "排查出租房屋12户，登记新增流动人口5人", grids.get(1), 3);
        n += one(officer, "dispute-screening", week.plusDays(2), "与村调委会排查矛盾纠纷，化解邻里宅基地纠纷一起", grids.get(2), 4);
        if (informant) {
            n += one(officer, "informant-visit", week.plusDays(3), "走访治安信息员，收集村内可疑情况", grids.get(0), 2);
        }
        n += one(officer, "law-publicity", week.plusDays(3), "在村文化广场开展防电诈宣传，发放彩页200余份", grids.get(0), 60);
        n += one(officer, "work-report", week.plusDays(4), "向所长汇报本周警务室综合工作", grids.get(0), null);
        return n;
    }

    private int urban(UUID officer, List<UUID> grids, LocalDate today) {
        int n = 0;
        for (int d = 13; d >= 1; d -= 2) {
            n += one(officer, "patrol", today.minusDays(d), "和平社区小区夜间巡逻，检查楼道消防通道", grids.get(d % grids.size()), 3);
        }
        LocalDate lastWeek = DutyPeriod.WEEK.previous(today);
        n += one(officer, "dispute-screening", lastWeek.plusDays(1), "排查物业纠纷两起，已移交社区调委会", grids.get(0), 3);
        n += one(officer, "work-report", lastWeek.plusDays(4), "向所领导汇报社区警务工作", grids.get(0), null);
        n += one(officer, "convenience-service", DutyPeriod.MONTH.previous(today).plusDays(5),
                "社区便民服务日，上门为老人办理身份证", grids.get(0), 8);
        return n;
    }

    private int one(UUID officer, String item, LocalDate day, String note, UUID grid, Integer participants) {
        if (!day.isBefore(LocalDate.now(LocalTimes.ZONE))) {
            return 0;
        }
        duties.recorded(officer, item, day, note, grid, participants);
        return 1;
    }
}
