package org.fengqiao.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.forces.ForcesLoader;
import org.fengqiao.forces.TeamKind;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The community's forces of the demo district (seeds 000–003): in 房山 the five volunteer teams of seed 000,
 * 平安志愿者 at fixed posts, 五老人员 and activists among the informants (handled by the officer), village police
 * and mediators; in 牛山 three security companies (one licence about to run out) with guards in the
 * joint-patrol zone and a compound patrol; in 石榴 its village police. The demo volunteer (陈红梅) is in two teams
 * and has a shift at the 吴场 village gate now, one done yesterday and one tomorrow. Loads only into an empty roster.
 */
@Component
class DemoForces extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d4f464fL;
    private static final ZoneId CHINA = LocalTimes.ZONE;

    private final ForcesLoader forces;
    private final StaffDirectory staff;
    private final Jurisdictions jurisdictions;
    private final DemoPeople people = new DemoPeople(DemoDistrict.SEED + 87);

    DemoForces(ForcesLoader forces, StaffDirectory staff, Jurisdictions jurisdictions, FengqiaoProperties properties,
            TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 3, properties, tx, jdbc);
        this.forces = forces;
        this.staff = staff;
        this.jurisdictions = jurisdictions;
    }

    @Override
    int loadOnce() {
        if (jurisdictions.unitByCode("320722010100").isEmpty() || forces.anyTeams()) {
            return 0;
        }
        return load();
    }

    @Override
    String loaded(int count) {
        return "Demo forces: " + count + " teams with members, security companies, posts and shifts";
    }

    private List<UUID> staffOf(String unitCode, String role, int limit) {
        return jdbc.sql("""
                SELECT s.id FROM staff s JOIN unit u ON u.id = s.unit_id WHERE u.code = ? AND s.role = ?
                ORDER BY s.name, s.id LIMIT ?""").params(unitCode, role, limit).query(UUID.class).list();
    }

    private List<UUID> newPeople(Unit unit, StaffRole role, String title, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Staff s = staff.registerWithHash(unit.id(), unit.path(), role, people.name(null), null, people.phone(), title,
                    null, null);
            ids.add(s.id().value());
        }
        return ids;
    }

    int load() {
        LocalDate today = LocalDate.now(CHINA);
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Unit urban = jurisdictions.unitByCode("320722020000").orElseThrow();
        Unit heping = jurisdictions.unitByCode("320722020100").orElseThrow();
        Unit jingdu = jurisdictions.unitByCode("320722020200").orElseThrow();
        Unit shiliu = jurisdictions.unitByCode("320722030100").orElseThrow();
        UUID officer = login("officer");
        UUID volunteer = login("volunteer");
        LocalDate start = LocalDate.of(2024, 3, 1);
        int teams = 0;

        // 房山: seed 000's five teams of 警民联防 volunteers, drawn from the grid members and the demo volunteer.
        List<UUID> gridMembers = staffOf("320722010100", "GRID_MEMBER", 45);
        Map<TeamKind, String> seed000 = Map.of(TeamKind.MEDIATION, "房山民事纠纷调解队", TeamKind.INFORMATION,
                "房山信息管理工作队", TeamKind.FIRE_PATROL, "房山消防安全巡查队", TeamKind.COMPOUND_PATROL, "吴场村护院巡逻队");
        int g = 0;
        for (TeamKind kind : List.of(TeamKind.MEDIATION, TeamKind.INFORMATION, TeamKind.FIRE_PATROL,
                TeamKind.COMPOUND_PATROL)) {
            UUID team = forces.team(office.id().value(), kind == TeamKind.COMPOUND_PATROL ? grid("FS-1-01") : null, kind,
                    seed000.get(kind), "警民联防志愿者（种子000）");
            teams++;
            for (int i = 0; i < 6; i++) {
                forces.join(team, gridMembers.get(g++ % gridMembers.size()), i == 0, start.plusDays(i * 11L));
            }
            if (kind == TeamKind.FIRE_PATROL) {
                forces.join(team, volunteer, false, LocalDate.of(2024, 9, 1));
            }
        }
        List<UUID> pupils = newPeople(office, StaffRole.VOLUNTEER, "红领巾宣传员（小学生）", 5);
        UUID publicity = forces.team(office.id().value(), null, TeamKind.PUBLICITY, "房山小学红领巾宣传队",
                "宣传交通、禁毒、消防知识");
        teams++;
        for (int i = 0; i < pupils.size(); i++) {
            forces.join(publicity, pupils.get(i), i == 0, LocalDate.of(2025, 9, 10));
        }

        // 平安志愿者 at fixed posts with red armbands (seed 002): the demo volunteer and shop-keepers.
        List<UUID> armbands = newPeople(office, StaffRole.VOLUNTEER, "平安志愿者（红袖标）", 4);
        UUID posts = forces.team(office.id().value(), grid("FS-1-01"), TeamKind.POST_VOLUNTEERS, "吴场村平安志愿者",
                "门卫、商铺、摊点从业人员中的热心群众");
        teams++;
        forces.join(posts, volunteer, true, LocalDate.of(2023, 6, 1));
        for (UUID a : armbands) {
            forces.join(posts, a, false, LocalDate.of(2024, 4, 1));
        }
        forces.profile(volunteer, grid("FS-1-01"), null, "13805180003", List.of("急救", "消防器材使用", "调解"),
                "周一至周五 07:00-09:00、16:00-18:00；周末全天", null, null, null);
        forces.training(volunteer, LocalDate.of(2025, 3, 15), "分清问题性质：治安、纠纷与其他部门事项", new BigDecimal("2.0"));
        forces.training(volunteer, LocalDate.of(2025, 10, 20), "消防器材使用与初起火灾扑救", new BigDecimal("3.5"));
        for (int i = 0; i < armbands.size(); i++) {
            forces.profile(armbands.get(i), grid(i < 2 ? "FS-1-01" : "FS-1-02"), null, people.phone(),
                    List.of(i % 2 == 0 ? "熟悉村情" : "驾驶"), "早市 06:00-09:00", null, null, null);
        }
        UUID gate = forces.post(grid("FS-1-01"), "吴场村村口固定岗", "吴场村村口（省道245路口）", 118.6995, 34.5121);
        UUID school = forces.post(grid("FS-1-02"), "房山小学平安护学岗", "房山小学校门口", 118.7030, 34.5170);
        UUID market = forces.post(grid("FS-4-01"), "兴谷集市固定岗", "兴谷村集市入口", null, null);
        OffsetDateTime now = OffsetDateTime.now(CHINA).withSecond(0).withNano(0);
        forces.shift(gate, volunteer, now.minusDays(1).minusHours(3), now.minusDays(1),
                now.minusDays(1).minusHours(3).minusMinutes(5), now.minusDays(1).plusMinutes(2));
        forces.shift(gate, volunteer, now.minusMinutes(30), now.plusHours(2), null, null);
        forces.shift(school, volunteer, today.plusDays(1).atTime(LocalTime.of(7, 0)).atZone(CHINA).toOffsetDateTime(),
                today.plusDays(1).atTime(LocalTime.of(9, 0)).atZone(CHINA).toOffsetDateTime(), null, null);
        for (int i = 0; i < armbands.size(); i++) {
            OffsetDateTime s = today.plusDays(1 + i).atTime(LocalTime.of(16, 0)).atZone(CHINA).toOffsetDateTime();
            forces.shift(i % 2 == 0 ? school : market, armbands.get(i), s, s.plusHours(2), null, null);
        }

        // 信息员 (seed 002): the office's informants are handled by its officer; 五老人员 and activists get teams of their own.
        UUID informantTeam = forces.team(office.id().value(), null, TeamKind.INFORMANTS, "房山信息员队伍", "身份保密");
        UUID elders = forces.team(office.id().value(), null, TeamKind.FIVE_ELDERS, "房山五老人员", null);
        UUID activists = forces.team(office.id().value(), null, TeamKind.ACTIVISTS, "房山治安积极分子", null);
        teams += 3;
        List<Map<String, Object>> informants = jdbc.sql("""
                SELECT s.id, s.title FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE u.code = '320722010100' AND s.role = 'INFORMANT' ORDER BY s.name, s.id""").query().listOfRows();
        for (Map<String, Object> row : informants) {
            UUID id = (UUID) row.get("id");
            forces.profile(id, null, null, people.phone(), List.of(), null, officer, null, null);
            forces.join(informantTeam, id, false, LocalDate.of(2023, 5, 1));
            forces.join("五老人员".equals(row.get("title")) ? elders : activists, id, false, LocalDate.of(2023, 5, 1));
        }

        // 村警 and mediators (seed 003: 民警+村警, 喻事好商量).
        UUID villagePolice = forces.team(office.id().value(), null, TeamKind.VILLAGE_POLICE, "房山村警队", "每村一名村警");
        teams++;
        for (UUID p : newPeople(office, StaffRole.AUXILIARY_POLICE, "村警", 5)) {
            forces.join(villagePolice, p, false, LocalDate.of(2024, 1, 2));
            forces.profile(p, null, null, people.phone(), List.of("熟悉村情", "调解"), "全天（村内）", null, null, null);
        }
        UUID mediators = forces.team(office.id().value(), null, TeamKind.MEDIATORS, "房山调解员", "民警+调解员+志愿者");
        teams++;
        for (UUID p : newPeople(office, StaffRole.MEDIATOR, "人民调解员", 3)) {
            forces.join(mediators, p, false, LocalDate.of(2024, 6, 1));
            forces.training(p, LocalDate.of(2025, 5, 8), "人民调解法与调解技巧", new BigDecimal("6.0"));
        }
        UUID shiliuPolice = forces.team(shiliu.id().value(), null, TeamKind.VILLAGE_POLICE, "石榴村警队", "平安护学岗");
        teams++;
        for (UUID p : newPeople(shiliu, StaffRole.AUXILIARY_POLICE, "村警", 2)) {
            forces.join(shiliuPolice, p, false, LocalDate.of(2024, 2, 1));
        }

        // 牛山 (seed 001): joint-patrol zones, security companies and their guards.
        // the district's joint-patrol zone (DemoDistrict); a company may serve several zones where there are more
        UUID zone1 = jdbc.sql("SELECT id FROM grouping WHERE code = 'LQ-320722020-01'").query(UUID.class).single();
        UUID ping = forces.company(urban.id().value(), "东海县平安保安服务有限公司", "苏公保服字320722001号",
                today.plusYears(2), people.name(null), people.phone(), "牛山街道和平路18号", List.of(zone1));
        UUID jindun = forces.company(urban.id().value(), "东海县金盾保安服务有限公司", "苏公保服字320722002号",
                today.plusDays(30), people.name(null), people.phone(), "牛山街道晶都大道66号", List.of(zone1));
        UUID hean = forces.company(urban.id().value(), "东海县和安安保科技有限公司", "苏公保服字320722003号",
                today.plusYears(1), people.name(null), people.phone(), "牛山街道福海路9号", List.of(zone1));
        int cert = 1;
        for (Object[] c : new Object[][] {{ping, heping, zone1, 4}, {jindun, jingdu, zone1, 3}, {hean, heping, zone1, 3}}) {
            for (UUID guard : newPeople((Unit) c[1], StaffRole.SECURITY_GUARD, "专职保安员", (Integer) c[3])) {
                forces.profile(guard, null, (UUID) c[2], people.phone(), List.of("巡逻", "消防器材使用"),
                        "轮班", null, (UUID) c[0], String.format("苏保证3207220%05d", cert++));
            }
        }
        UUID compound = forces.team(heping.id().value(), grid("NS-1-01"), TeamKind.COMPOUND_PATROL, "和平新村护院巡逻队",
                "物业保安与楼栋长");
        teams++;
        List<UUID> hepingGuards = staffOf("320722020100", "SECURITY_GUARD", 4);
        for (UUID guard : hepingGuards) {
            forces.join(compound, guard, false, LocalDate.of(2024, 7, 1));
        }
        UUID eastGate = forces.post(grid("NS-1-01"), "和平新村东门岗", "和平新村东门", 118.7750, 34.5500);
        for (int i = 0; i < hepingGuards.size(); i++) {
            OffsetDateTime s = today.atTime(LocalTime.of(8 * (i % 3), 0)).atZone(CHINA).toOffsetDateTime().plusDays(i / 3);
            forces.shift(eastGate, hepingGuards.get(i), s, s.plusHours(8), null, null);
        }
        return teams;
    }
}
