package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.recovery.AssetKind;
import org.fengqiao.recovery.AssetState;
import org.fengqiao.recovery.Department;
import org.fengqiao.recovery.RecoveryLoader;
import org.fengqiao.recovery.RecoveryLoader.Lost;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 001's 追赃挽损 (破案必追、追赃必还): a series of burglaries in 吴场村 and 陆圩村 owned by the community officer
 * (谁主办、谁负责) and verified by the criminal investigation brigade, with three victims (one from the population
 * records) who lost cash, gold jewellery, a watch and a jade bracelet; two suspects caught; cash and jewellery
 * seized, a bank deposit frozen, the getaway motorcycle confiscated, a resold watch still traced; a collective
 * return event (集中返赃) at 房山派出所 that handed back cash and jewellery against signed receipts; and revisits,
 * one victim asking to join the public-security volunteers, one not yet satisfied. A second, smaller file in
 * 牛山派出所 has a return whose receipt is still to be signed. Loads once, after the demo incidents, under its own
 * advisory lock like the other demo loaders.
 */
@Component
class DemoRecovery extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_5245434fL;
    private static final String BY = "demo";

    private final RecoveryLoader loader;
    private final Jurisdictions jurisdictions;

    DemoRecovery(RecoveryLoader loader, Jurisdictions jurisdictions, FengqiaoProperties properties,
            TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.loader = loader;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        Unit station = jurisdictions.unitByCode("320722010000").orElse(null);
        if (station == null || loader.any()) {
            return 0;
        }
        return load(station);
    }

    @Override
    String loaded(int count) {
        return "Demo recovery: " + count + " files";
    }

    /** A resident of a grid from the population records, the same one on every load of the same district. */
    private UUID resident(UUID grid) {
        return jdbc.sql("SELECT id FROM person WHERE grid_id = ? AND residence = 'PERMANENT' ORDER BY name, id LIMIT 1")
                .param(grid).query(UUID.class).optional().orElse(null);
    }

    int load(Unit station) {
        UUID officer = login("officer");
        UUID officer2 = login("officer2");
        UUID fs11 = grid("FS-1-01");
        UUID ns21 = grid("NS-2-01");
        if (officer == null || officer2 == null || fs11 == null || ns21 == null) {
            return 0;
        }
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        LocalDate registered = today.minusDays(60);

        UUID file = loader.open("东公（房）刑立字〔" + registered.getYear() + "〕0317号", "吴场村、陆圩村系列入户盗窃案",
                "白天趁村民下地干活、家中无人，翻墙入院撬锁入室，先后盗窃三户村民的现金、金银首饰、手表和玉镯。",
                fs11, null, registered, officer, BY);
        loader.verify(file, Department.CRIMINAL, "县局刑侦大队 孙立民", today.minusDays(50),
                "逐户核实被盗物品和损失金额属实；扣押的首饰经被害人辨认，来源清楚。", BY);

        UUID resident = resident(fs11);
        UUID wu = resident != null
                ? loader.victim(file, resident, List.of(new Lost("现金", 1, 800_000), new Lost("金项链", 1, 680_000)), BY)
                : loader.victim(file, "吴秀英", "13905180070", List.of(new Lost("现金", 1, 800_000),
                        new Lost("金项链", 1, 680_000)), BY);
        UUID lu = loader.victim(file, "陆德海", "13905180071",
                List.of(new Lost("金手镯", 1, 920_000), new Lost("手表", 1, 260_000)), BY);
        UUID zhang = loader.victim(file, "张玉兰", "13905180072",
                List.of(new Lost("现金", 1, 450_000), new Lost("玉镯", 1, 300_000)), BY);

        UUID ding = loader.suspect(file, "丁某强", "320722199003151237", today.minusDays(45),
                "派出所会同刑侦大队抓获，交代作案三起", BY);
        UUID ma = loader.suspect(file, "马某", "320722199508222010", today.minusDays(40), "负责销赃", BY);

        UUID cash = loader.asset(file, ding, AssetKind.CASH, "现金（丁某强住处查获）", 1_200_000, "房山派出所涉案财物保管室",
                today.minusDays(45), BY);
        loader.move(file, cash, AssetState.SEIZED, today.minusDays(45), "搜查住处时扣押", BY);
        UUID gold = loader.asset(file, ma, AssetKind.JEWELLERY, "金项链1条、金手镯1只（典当行追回）", 1_600_000,
                "房山派出所涉案财物保管室", today.minusDays(42), BY);
        loader.move(file, gold, AssetState.SEIZED, today.minusDays(41), "从县城典当行追回并扣押", BY);
        UUID deposit = loader.asset(file, ma, AssetKind.BANK_DEPOSIT, "马某银行账户内销赃款", 450_000, "农商银行马某个人账户",
                today.minusDays(40), BY);
        loader.move(file, deposit, AssetState.FROZEN, today.minusDays(39), "经侦协助冻结", BY);
        UUID bike = loader.asset(file, ding, AssetKind.VEHICLE, "作案用二轮摩托车", 300_000, "房山派出所院内",
                today.minusDays(45), BY);
        loader.move(file, bike, AssetState.SEIZED, today.minusDays(45), null, BY);
        loader.move(file, bike, AssetState.CONFISCATED, today.minusDays(30), "作案工具，依法没收", BY);
        loader.asset(file, ma, AssetKind.GOODS, "手表（已被转卖，正在追查买家）", 260_000, null, today.minusDays(38), BY);

        // 集中返赃: the criminal investigation brigade comes to the station and hands back money and jewellery
        UUID event = loader.event(station.id().value(), today.minusDays(20), "房山派出所院内", officer,
                "吴秀英（或其家属）、陆德海、张玉兰", "刑侦大队、房山派出所联合组织，村干部到场见证。", BY);
        LocalDate handed = today.minusDays(20);
        loader.returned(file, wu, cash, 800_000, "现金8000元", handed, event, officer, true, BY);
        loader.returned(file, wu, gold, 680_000, "金项链1条", handed, event, officer, true, BY);
        loader.returned(file, lu, gold, 920_000, "金手镯1只", handed, event, officer, true, BY);
        loader.returned(file, zhang, cash, 400_000, "现金4000元", handed, event, officer, true, BY);

        loader.revisit(file, wu, today.minusDays(10), officer,
                "损失已全部挽回，感谢民警；表示愿意加入村里的治安志愿者队伍。", true, BY);
        loader.revisit(file, lu, today.minusDays(9), officer, "手镯已领回，手表还没追回，希望继续追查。", true, BY);
        loader.revisit(file, zhang, today.minusDays(8), officer, "现金还差五百元，想知道冻结的存款什么时候能返还。", false, BY);

        // 牛山派出所: a battery thief caught on video; the battery returned, its receipt still to be signed
        UUID small = loader.open("东公（牛）刑立字〔" + today.minusDays(12).getYear() + "〕0088号", "福海家园电动车电瓶被盗案",
                "夜间在小区车棚剪断线路盗走电动车电瓶，经视频巡查锁定嫌疑人。", ns21, null, today.minusDays(12), officer2, BY);
        UUID owner = loader.victim(small, "赵女士", "13905180081", List.of(new Lost("电动车电瓶", 1, 90_000)), BY);
        loader.suspect(small, "钱某", null, today.minusDays(10), null, BY);
        UUID battery = loader.asset(small, null, AssetKind.GOODS, "电动车电瓶", 90_000, "牛山派出所", today.minusDays(10), BY);
        loader.move(small, battery, AssetState.SEIZED, today.minusDays(10), null, BY);
        loader.returned(small, owner, battery, 90_000, "电动车电瓶1块", today.minusDays(2), null, officer2, false, BY);
        return 2;
    }
}
