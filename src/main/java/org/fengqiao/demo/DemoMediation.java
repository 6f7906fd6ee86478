package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.MediationLoader;
import org.fengqiao.mediation.SettledLevel;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disputes at several stages (seeds 001 and 003): a family quarrel settled in the grid with the officer as witness,
 * a land quarrel between two clans flagged at risk of turning violent, a neighbours' quarrel settled in the
 * community, a labour dispute referred out and a consumer dispute that failed, each with its team and sessions; a
 * drain quarrel between two residents picked from the population records; and this week's screenings of four grids
 * of 吴场村, one of which found a dispute. A community mediator joins
 * 房山中心警务室 for the teams. Loads once, after the demo incidents (whose 110 dispute opened a case already).
 */
@Component
class DemoMediation extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d454449L;
    private static final String BY = "demo";

    private final MediationLoader loader;
    private final StaffDirectory staff;
    private final Jurisdictions jurisdictions;

    DemoMediation(MediationLoader loader, StaffDirectory staff, Jurisdictions jurisdictions,
            FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.loader = loader;
        this.staff = staff;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        Unit office = jurisdictions.unitByCode("320722010100").orElse(null);
        if (office == null || loader.anyBesides110()) {
            return 0;
        }
        return load(office);
    }

    @Override
    String loaded(int count) {
        return "Demo mediation: " + count + " dispute cases and screenings";
    }

    /** The community officer of a unit, or the fallback. */
    private UUID officerOf(String unitCode, UUID fallback) {
        return jdbc.sql("""
                SELECT s.id FROM staff s JOIN unit u ON u.id = s.unit_id WHERE u.code = ? AND s.role = 'COMMUNITY_OFFICER'
                ORDER BY s.name LIMIT 1""").param(unitCode).query(UUID.class).optional().orElse(fallback);
    }

    /** The grid manager (an auxiliary police officer, the village's 村警) of a grid. */
    private UUID manager(UUID grid) {
        return jdbc.sql("SELECT staff_id FROM grid_role WHERE grid_id = ? AND role = 'MANAGER' AND ended_on IS NULL")
                .param(grid).query(UUID.class).optional().orElse(null);
    }

    private static Map<UUID, TeamRole> team(Object... pairs) {
        Map<UUID, TeamRole> team = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i] != null) {
                team.put((UUID) pairs[i], (TeamRole) pairs[i + 1]);
            }
        }
        return team;
    }

    int load(Unit office) {
        UUID officer = login("officer");
        UUID volunteer = login("volunteer");
        UUID officer2 = login("officer2");
        UUID g11 = grid("FS-1-01");
        UUID g22 = grid("FS-2-02");
        UUID ns12 = grid("NS-1-02");
        UUID ns21 = grid("NS-2-01");
        UUID sl11 = grid("SL-1-01");
        if (officer == null || volunteer == null || officer2 == null || g11 == null || g22 == null || ns12 == null
                || ns21 == null || sl11 == null) {
            return 0;
        }
        UUID mediator = staff.registerWithHash(office.id(), office.path(), StaffRole.MEDIATOR, "周玉兰", null, null,
                "社区调解员（吴场村人民调解委员会）", null, null).id().value();
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        int n = 0;

        // seed 001: a wife smashed the window of her husband's training car over his chats with a student
        UUID family = loader.open(DisputeOrigin.WALK_IN, DisputeKind.FAMILY, g11,
                "丈夫与女学员频繁聊微信，妻子怀疑其有外遇，一怒之下砸坏丈夫所开教练车的车窗玻璃，丈夫要求拘留妻子。",
                "吴场村一组", List.of(new String[] {"吴红", "13905180021"}, new String[] {"吴飞", "13905180022"}),
                team(officer, TeamRole.OFFICER, mediator, TeamRole.COMMUNITY_MEDIATOR, volunteer,
                        TeamRole.SOCIAL_WORK_VOLUNTEER), BY);
        loader.session(family, today.minusDays(9), "吴场村警务工作点", "吴红、吴飞、李建国、周玉兰、陈红梅",
                "分别倾听双方诉说；指出妻子因捕风捉影动辄生气不利于沟通，丈夫与异性聊天过于频繁造成误会。", "请双方冷静，次日再谈", BY);
        loader.session(family, today.minusDays(8), "吴飞家中", "吴红、吴飞、双方父母、李建国、周玉兰",
                "强调共同生活二十年不易，育有一子一女，应顾及老人担忧；双方各自反省。", "起草和解协议", BY);
        loader.agree(family, SettledLevel.GRID,
                "一、吴红对砸坏车窗一事向吴飞道歉，车窗维修费用由家庭共同承担；二、吴飞今后与学员仅作教学联系，不再私下频繁聊天；"
                        + "三、双方和好，不再追究，吴飞撤回拘留要求。", true, List.of(today.plusDays(21), today.plusDays(90)), BY);
        n++;

        // seed 003: the sheep of one old man ate the beans of another; the families faced each other at the gate
        UUID manager22 = manager(g22);
        UUID land = loader.open(DisputeOrigin.PATROL, DisputeKind.LAND, g22,
                "陆老汉地里的豆子被刘老汉家的羊吃了，陆老汉叫上儿女在刘家门口辱骂，刘家六口与陆家对峙。", "陆圩村二组",
                List.of(new String[] {"陆德山", "13905180031"}, new String[] {"刘长贵", null}),
                team(officer, TeamRole.OFFICER, manager22, TeamRole.VILLAGE_POLICE), BY);
        loader.session(land, today.minusDays(1), "刘长贵家门口", "陆德山及儿女、刘长贵一家、村警",
                "村警两分钟赶到，先把双方劝开降温；陆家要求按亩赔偿，刘家只认赔偿被吃的豆子。", "次日会同村委会丈量受损面积", BY);
        loader.flagRisk(land, "两家积怨已久，陆家儿子扬言要“讨个说法”，有激化为伤害案件的风险。", BY);
        n++;

        // seed 003: a neighbour kept pulling a corner of the car cover over his e-bike
        UUID cover = loader.open(DisputeOrigin.WALK_IN, DisputeKind.NEIGHBOURS, ns12,
                "林女士停车后盖车衣，邻居杜先生经常扯下车衣一角盖在自己的电动车上，双方多次争吵。", "阳光花园3号楼",
                List.of(new String[] {"林静", "13905180041"}, new String[] {"杜强", "13905180042"}),
                team(officer2, TeamRole.OFFICER), BY);
        loader.session(cover, today.minusDays(4), "和平社区“和为贵”调解室", "林静、杜强、社区网格员、民警",
                "民警与网格员一起调解，杜先生承认做法不妥。", null, BY);
        loader.agree(cover, SettledLevel.VILLAGE, "杜强不再使用林静的车衣，并为电动车自备防雨罩；双方握手言和。", false,
                List.of(today.plusDays(30)), BY);
        n++;

        UUID manager21 = manager(ns21);
        UUID consumer = loader.open(DisputeOrigin.WALK_IN, DisputeKind.CONSUMER, ns21,
                "居民在小区门口超市购买的电饭煲使用一周即损坏，超市拒绝退换。", "福海家园北门超市",
                List.of(new String[] {"张敏", "13905180051"}, new String[] {"福海便民超市", "0518-85123456"}),
                team(officer2, TeamRole.OFFICER, manager21, TeamRole.VILLAGE_POLICE), BY);
        loader.session(consumer, today.minusDays(6), "福海家园北门超市", "张敏、超市店长、民警",
                "超市坚持认为系使用不当所致，双方分歧较大。", "告知可向市场监管部门投诉", BY);
        loader.fail(consumer, "双方各执一词，调解不成，已告知当事人向12315投诉或诉讼。", List.of(), BY);
        n++;

        UUID labour = loader.open(DisputeOrigin.WALK_IN, DisputeKind.LABOUR, sl11,
                "八名村民在镇上建筑工地务工三个月，包工头拖欠工资共计九万六千元。", "大湾村村委会",
                List.of(new String[] {"王大海", "13905180061"}, new String[] {"孙包工", "13905180062"}),
                team(officerOf("320722030100", officer), TeamRole.OFFICER), BY);
        loader.session(labour, today.minusDays(3), "大湾村村委会", "务工村民代表、包工头、村干部、民警",
                "包工头称总包方未结算，无力支付。", "移交劳动监察部门", BY);
        loader.refer(labour, "DEPARTMENT", "县人社局劳动保障监察大队", "已移交并告知村民维权途径。",
                List.of(today.plusDays(14)), BY);
        n++;

        // seed 001: two residents of the population records quarrel over a drain between their houses
        UUID g12 = grid("FS-1-02");
        List<UUID> residents = g12 == null ? List.of() : jdbc.sql("""
                SELECT id FROM person WHERE grid_id = ? AND left_on IS NULL ORDER BY name, id LIMIT 2""")
                .param(g12).query(UUID.class).list();
        if (residents.size() == 2) {
            UUID drain = loader.open(DisputeOrigin.WALK_IN, DisputeKind.NEIGHBOURS, g12,
                    "两户相邻村民因房屋之间排水沟的走向发生争执，一方堵沟致另一方院内积水。", "吴场村二组", List.of(),
                    team(officer, TeamRole.OFFICER, mediator, TeamRole.COMMUNITY_MEDIATOR), BY);
            loader.addPersons(drain, residents, BY);
            loader.session(drain, today.minusDays(2), "吴场村二组现场", "双方当事人、李建国、周玉兰",
                    "现场查看排水沟走向，双方同意等村里测量后再定。", "请村委会测量宅基地边界", BY);
            n++;
        }

        // this week's screenings of 吴场村: four grids screened, the rest still to do
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        for (int i = 1; i <= 4; i++) {
            UUID g = grid("FS-1-0" + i);
            if (g == null) {
                continue;
            }
            Map<DisputeKind, String> found = i == 3
                    ? Map.of(DisputeKind.PROPERTY, "两兄弟因父母老宅拆迁补偿款分配产生矛盾，尚未激化。") : Map.of();
            loader.screening(g, monday, "李建国、网格员", i == 3 ? "走访二十户，发现一起家庭财产纠纷苗头。"
                    : "走访二十户，未发现新的矛盾纠纷。", found, BY);
            n++;
        }
        return n;
    }
}
