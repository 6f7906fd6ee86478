package org.fengqiao.demo;

import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.supervision.SupervisionLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 004's 督导检查机制: the bureau's inspector (督察, sign-in {@code inspector}, given to a demo district that has
 * none, like the grid manager's) and five notices in the states a notice goes through: one rectified and accepted at
 * 房山中心警务室, one of it gone overdue whose officer was held to account (诫勉谈话), one at 和平社区警务工作站 whose
 * rectification waits for acceptance, one of it sent back, and a fresh one to 房山派出所 itself. Loads once, after the
 * district, under its own advisory lock like the other demo loaders.
 */
@Component
class DemoSupervision extends DemoPart {

    static final String USERNAME = "inspector";
    private static final long LOAD_LOCK = 0x46514445_53555056L;

    private final SupervisionLoader loader;
    private final StaffDirectory staff;
    private final Jurisdictions jurisdictions;

    DemoSupervision(SupervisionLoader loader, StaffDirectory staff, Jurisdictions jurisdictions,
            FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 4, properties, tx, jdbc);
        this.loader = loader;
        this.staff = staff;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        Unit bureau = jurisdictions.unitByCode("320722000000").orElse(null);
        if (bureau == null) {
            return 0;
        }
        int loaded = 0;
        UUID inspector = login(USERNAME);
        if (inspector == null) {
            inspector = staff.registerWithHash(bureau.id(), bureau.path(), StaffRole.INSPECTOR, "郑国华", "001002",
                    null, "督察大队督察员", USERNAME, staff.hash(DemoDistrict.PASSWORD)).id().value();
            loaded++;
        }
        if (!loader.any()) {
            loaded += load(inspector);
        }
        return loaded;
    }

    @Override
    String loaded(int count) {
        return "Demo supervision: the inspector's sign-in and notices (" + count + ")";
    }

    private UUID unit(String code) {
        return jurisdictions.unitByCode(code).map(u -> u.id().value()).orElse(null);
    }

    private String name(UUID staffId) {
        return jdbc.sql("SELECT name FROM staff WHERE id = ?").param(staffId).query(String.class).single();
    }

    private UUID chiefOf(UUID station) {
        return jdbc.sql("""
                SELECT id FROM staff WHERE unit_id = ? AND role = 'STATION_CHIEF' AND active ORDER BY id LIMIT 1""")
                .param(station).query(UUID.class).optional().orElse(null);
    }

    private int load(UUID inspector) {
        UUID rural = unit("320722010000");
        UUID office = unit("320722010100");
        UUID heping = unit("320722020100");
        UUID urban = unit("320722020000");
        UUID chief = login("chief");
        UUID officer = login("officer");
        UUID officer2 = login("officer2");
        if (rural == null || office == null || heping == null || chief == null || officer == null
                || officer2 == null) {
            return 0;
        }
        UUID urbanChief = chiefOf(urban);
        String by = name(inspector);

        UUID boards = loader.issue(inspector, by, office, chief, officer,
                "吴场村警务工作站制度牌、包村民警工作标牌未按要求上墙，群众不知道包村民警联系方式。", "吴场村警务工作站",
                "GENERAL", 10);
        loader.setBack(boards, 8);
        loader.answer(boards, officer, name(officer), "已制作并悬挂制度牌2块、工作标牌1块，在村务公开栏张贴民警联系卡。",
                "现场照片3张已存工作站档案");
        loader.accept(boards, inspector, by, "经复查，标牌已上墙，整改到位。");

        UUID visits = loader.issue(inspector, by, office, chief, officer,
                "抽查陆圩村重点人员走访台账，3名重点人员连续两个月无走访记录，工作日志与台账不符。", "房山中心警务室",
                "SERIOUS", 7);
        loader.setBack(visits, 20);
        loader.markOverdue();
        loader.holdAccountable(visits, inspector, by, officer, "ADMONITION", "逾期未整改，对责任民警诫勉谈话。");

        UUID reply = loader.issue(inspector, by, heping, urbanChief, officer2,
                "群众求助“件件有回声”执行不到位：2起求助超过48小时未回复。", "和平社区警务工作站", "SERIOUS", 15);
        loader.setBack(reply, 5);
        loader.answer(reply, officer2, name(officer2), "已逐件回复求助群众并回访，建立每日下班前清查未回复事项制度。", null);

        UUID duty = loader.issue(inspector, by, heping, urbanChief, officer2,
                "警务工作站值班记录缺失，周末无人值守登记。", "和平社区警务工作站", "GENERAL", 20);
        loader.setBack(duty, 6);
        loader.answer(duty, officer2, name(officer2), "已补登值班记录。", null);
        loader.sendBack(duty, inspector, by, "补登记录不能代替整改，请建立周末值班表并报备。");

        loader.issue(inspector, by, rural, chief, null,
                "接处警登记不规范：抽查20份登记表，5份缺处置结果。", "房山派出所值班室", "GENERAL", 10);
        return 5;
    }
}
