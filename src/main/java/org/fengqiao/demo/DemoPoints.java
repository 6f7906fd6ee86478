package org.fengqiao.demo;

import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.points.PointsLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 002's points store (积分超市) at 房山中心警务室: the government's volunteer fund and the 见义勇为 fund with
 * their grants, goods donated by named local firms, supermarket cards, and items bought with each fund; and a
 * season of approved awards (patrols, publicity, hazards, clues, a cracked case with its informant's equal
 * reward) so the leaderboard and the demo volunteer's balance are not empty. Loads only into an empty store,
 * after the district, its care and its incidents.
 */
@Component
class DemoPoints extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d4f5054L;

    private final PointsLoader points;
    private final Jurisdictions jurisdictions;

    DemoPoints(PointsLoader points, Jurisdictions jurisdictions, FengqiaoProperties properties, TransactionTemplate tx,
            JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.points = points;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        Unit office = jurisdictions.unitByCode("320722010100").orElse(null);
        if (office == null || points.anyStore()) {
            return 0;
        }
        return load(office.id().value());
    }

    @Override
    String loaded(int count) {
        return "Demo points: a stocked store at 房山中心警务室 and " + count + " approved awards";
    }

    private UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    int load(UUID office) {
        UUID chief = staff("chief");
        UUID officer = staff("officer");
        points.openFund(office, "VOLUNTEER_FUND", "房山镇平安志愿者基金", 2_000_000, "县综治办2026年度平安志愿者基金拨款", chief);
        points.openFund(office, "BRAVERY_FUND", "东海县见义勇为基金（房山专户）", 1_000_000, "县见义勇为基金会专项拨付", chief);

        points.stock(office, "金龙鱼大米 5kg", "DONATED", "东海县房山镇兴谷粮油店", 60, 20, 0, chief);
        points.stock(office, "立白洗衣液 2kg", "DONATED", "房山镇吴场日用百货商店", 30, 30, 0, chief);
        points.stock(office, "晶都水晶纪念摆件", "DONATED", "东海县晶都水晶工艺品有限公司", 120, 8, 0, chief);
        points.stock(office, "苏果超市购物卡 50元", "SUPERMARKET_CARD", null, 100, 15, 0, chief);
        points.stock(office, "平安志愿者反光马甲", "VOLUNTEER_FUND", null, 20, 40, 120_000, chief);
        points.stock(office, "强光应急手电筒", "BRAVERY_FUND", null, 40, 25, 112_500, chief);

        UUID volunteer = staff("volunteer");
        int n = 0;
        String[][] volunteerAwards = {
            {"FS-1-01", "patrol-hour", "春节期间吴场村集市义务巡逻"},
            {"FS-1-01", "patrol-hour", "农忙时节夜间巡逻"},
            {"FS-1-01", "publicity-session", "村部广播防诈骗宣传"},
            {"FS-1-01", "verified-clue", "报告外来车辆夜间收购废旧电缆，线索属实"},
        };
        for (String[] a : volunteerAwards) {
            points.awardApproved(volunteer, grid(a[0]), a[1], a[2], null, officer, officer);
            n++;
        }
        // grid members of the five villages: patrols, settled disputes and hazards, so every village shows up
        List<UUID> members = jdbc.sql("""
                SELECT DISTINCT ON (g.code) r.staff_id FROM grid_role r JOIN grid g ON g.id = r.grid_id
                JOIN staff s ON s.id = r.staff_id
                WHERE r.role = 'MEMBER' AND r.ended_on IS NULL AND g.code LIKE 'FS-_-01' AND s.username IS NULL
                ORDER BY g.code, r.started_on""").query(UUID.class).list();
        String[] rules = {"dispute-settled", "hazard-reported", "patrol-hour", "publicity-session", "hard-case-on-time"};
        for (int i = 0; i < members.size(); i++) {
            String gridCode = "FS-" + (i + 1) + "-01";
            for (int k = 0; k <= i % 3; k++) {
                points.awardApproved(members.get(i), grid(gridCode), rules[(i + k) % rules.length],
                        "网格内工作记录（演示）第" + (k + 1) + "项", null, officer, officer);
                n++;
            }
        }
        // seed 004 同功同奖: a theft cracked by an auxiliary on an informant's clue, both rewarded alike
        UUID auxiliary = jdbc.sql("""
                SELECT r.staff_id FROM grid_role r JOIN grid g ON g.id = r.grid_id
                WHERE r.role = 'MANAGER' AND r.ended_on IS NULL AND g.code = 'FS-2-01'""").query(UUID.class).single();
        UUID informant = jdbc.sql("""
                SELECT r.staff_id FROM grid_role r JOIN grid g ON g.id = r.grid_id
                WHERE r.role = 'INFORMANT' AND r.ended_on IS NULL AND g.code = 'FS-2-01' ORDER BY r.started_on LIMIT 1""")
                .query(UUID.class).single();
        points.awardApproved(auxiliary, grid("FS-2-01"), "case-cracked", "陆圩村盗窃电动车案告破（信息员线索）", informant,
                officer, chief);
        return n + 2;
    }
}
