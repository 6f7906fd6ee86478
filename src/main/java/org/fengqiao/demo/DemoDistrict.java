package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.demo.DemoGeography.Region;
import org.fengqiao.demo.DemoGeography.Strip;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.GroupingKind;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.BeforeServing;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo district into an empty database (demo mode only) and prints the demo logins.
 *
 * <p>东海县公安局 with three stations. 房山派出所 is seed 002's 房山模式: 房山中心警务室 over five
 * villages (4530 households, 21295 people) cut into 65 grids with the five-level roster of 1 grid
 * chief, 5 coordinators, 6 managers, 45 grid members and 75 informants. 牛山派出所 is urban: two
 * workstations over three communities whose grids are residential compounds. 石榴派出所 runs one
 * workstation over two villages. Each village or community has its officer and two auxiliary
 * members (一警两员); police districts, a cooperation zone and a joint-patrol zone cut across.
 *
 * <p>Everything is loaded in one transaction, so a failure leaves the database empty and the next
 * start tries again; a transaction-scoped advisory lock keeps two instances starting together from
 * both loading.
 */
@Component
class DemoDistrict extends BeforeServing {

    static final String PASSWORD = "Fengqiao-2026";
    /** The seed of every random choice, so each load builds the same district. */
    static final long SEED = 2026;
    private static final long LOAD_LOCK = 0x46514445_4d4f4c4cL;
    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);

    static final String COUNTY = "320722";

    /** Seed 002's villages, each with its clan surname, households and people (summing to 4530 and 21295). */
    static final String[] RURAL_VILLAGES = {"吴场", "陆圩", "兴东", "兴谷", "林疃"};
    static final String[] RURAL_SURNAMES = {"吴", "陆", "张", "王", "林"};
    static final int[] RURAL_HOUSEHOLDS = {1052, 903, 836, 921, 818};
    static final int[] RURAL_POPULATION = {4938, 4247, 3921, 4338, 3851};
    /** Grid members per village: enough that each member serves one or two grids. */
    private static final int[] RURAL_MEMBERS = {10, 9, 9, 9, 8};

    /** Five villages side by side along provincial road 245, each about 2 km by 3 km. */
    static final Strip RURAL = new Strip(
            new double[][] {{118.6905, 34.5068}, {118.7138, 34.5042}, {118.7391, 34.5079}, {118.7627, 34.5031},
                {118.7874, 34.5064}, {118.8102, 34.5047}},
            new double[][] {{118.6931, 34.5352}, {118.7172, 34.5387}, {118.7405, 34.5339}, {118.7660, 34.5371},
                {118.7896, 34.5344}, {118.8089, 34.5362}},
            new double[] {0, 0.26, 0.51, 0.77, 1},
            new int[][] {{4, 4, 4, 3}, {3, 4, 3, 3}, {3, 3, 3, 3}, {4, 3, 3, 3}, {3, 3, 3, 3}});

    /** Three urban communities north-east of the villages, each cut into its residential compounds. */
    static final String[] URBAN_COMMUNITIES = {"和平", "福海", "晶都"};
    static final Strip URBAN = new Strip(
            new double[][] {{118.7702, 34.5451}, {118.7801, 34.5446}, {118.7903, 34.5455}, {118.8001, 34.5449}},
            new double[][] {{118.7698, 34.5602}, {118.7806, 34.5597}, {118.7899, 34.5606}, {118.8004, 34.5598}},
            new double[] {0, 0.48, 1},
            new int[][] {{3, 3}, {2, 3}, {3, 2}});
    static final String[][] COMPOUNDS = {
        {"和平新村", "阳光花园", "水晶小区", "电力小区", "东方明珠", "和平里"},
        {"福海家园", "金色港湾", "翡翠城", "书香苑", "福海公寓"},
        {"晶都花园", "御景湾", "锦绣华庭", "凤凰城", "晶都名邸"}};

    /** Two villages of 石榴派出所, north-west of the others. */
    static final String[] SHILIU_VILLAGES = {"大湾", "柳河"};
    static final Strip SHILIU = new Strip(
            new double[][] {{118.6402, 34.5603}, {118.6605, 34.5588}, {118.6798, 34.5607}},
            new double[][] {{118.6411, 34.5897}, {118.6593, 34.5912}, {118.6803, 34.5889}},
            new double[] {0, 0.5, 1},
            new int[][] {{3, 2}, {2, 2}});

    private static final LocalDate ROSTER_START = LocalDate.of(2023, 3, 1);
    /** The day two grids of 陆圩 changed manager, so their pages show a roster history. */
    static final LocalDate MANAGER_CHANGE = LocalDate.of(2025, 4, 1);

    private final Jurisdictions jurisdictions;
    private final StaffDirectory staff;
    private final FengqiaoProperties properties;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;
    private final DemoPopulation population;
    private final DemoUtilities utilities;
    /** An operator's command runs (README: {@code ./run reset-password}): no one is to sign in with demo logins. */
    private final boolean operatorCommand;

    DemoDistrict(Jurisdictions jurisdictions, StaffDirectory staff, FengqiaoProperties properties,
            TransactionTemplate tx, JdbcClient jdbc, DemoPopulation population, DemoUtilities utilities,
            @Value("${fengqiao.operator.command:}") String operatorCommand) {
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.properties = properties;
        this.tx = tx;
        this.jdbc = jdbc;
        this.population = population;
        this.utilities = utilities;
        this.operatorCommand = !operatorCommand.isBlank();
    }

    /** Loads before the web server listens, so health says UP only once the demo district is there. */
    @Override
    protected void prepare() {
        loadIntoEmptyDatabase();
    }

    void loadIntoEmptyDatabase() {
        if (!properties.demoEnabled()) {
            return;
        }
        long started = System.nanoTime();
        boolean loaded = Boolean.TRUE.equals(tx.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(LOAD_LOCK).query(Integer.class).single();
            if (!jurisdictions.isEmpty()) {
                return false;
            }
            load();
            return true;
        }));
        if (loaded) {
            log.info("Demo district loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        if (!operatorCommand) {
            printLogins();
        }
    }

    private void load() {
        new Loader(staff.hash(PASSWORD)).load();
    }

    /** One load: the password hash computed once, the people generator, and what was built so far. */
    private final class Loader {

        private final String hash;
        private final DemoPeople people = new DemoPeople(SEED);
        private final List<List<Grid>> ruralGrids = new ArrayList<>();
        private final List<List<Grid>> urbanGrids = new ArrayList<>();

        Loader(String hash) {
            this.hash = hash;
        }

        void load() {
            Unit bureau = unit(null, UnitKind.BUREAU, "320722000000", "东海县公安局");
            Unit rural = unit(bureau, UnitKind.STATION, "320722010000", "房山派出所");
            Unit urban = unit(bureau, UnitKind.STATION, "320722020000", "牛山派出所");
            Unit shiliu = unit(bureau, UnitKind.STATION, "320722030000", "石榴派出所");

            login(bureau, StaffRole.SYSTEM_ADMIN, "系统管理员", null, null, null, "admin");
            login(bureau, StaffRole.SECURITY_ADMIN, "安全管理员", null, null, null, "security");
            login(bureau, StaffRole.AUDIT_ADMIN, "安全审计员", null, null, null, "auditor");
            login(bureau, StaffRole.BUREAU_COMMAND, people.named("周振华"), "001001", people.phone("13805180010"), "局长", "bureau");
            login(rural, StaffRole.STATION_CHIEF, people.named("王海涛"), "001101", people.phone("13805180011"), "所长", "chief");

            ruralStation(rural);
            urbanStation(urban);
            shiliuStation(shiliu);

            long started = System.nanoTime();
            DemoPopulation.Loaded loaded = population.load(ruralGrids, urbanGrids);
            log.info("Demo population: {} households, {} persons, {} buildings with {} rooms in {} ms",
                    loaded.households(), loaded.persons(), loaded.buildings(), loaded.rooms(),
                    (System.nanoTime() - started) / 1_000_000);

            started = System.nanoTime();
            DemoUtilities.Loaded readings = utilities.load(urbanGrids);
            log.info("Demo utility readings: {} readings, {} verification tasks in {} ms", readings.readings(),
                    readings.tasks(), (System.nanoTime() - started) / 1_000_000);
        }

        /** Seed 002: 房山中心警务室, five villages, 65 grids and the five-level roster. */
        private void ruralStation(Unit station) {
            Unit office = unit(station, UnitKind.CENTRAL_OFFICE, "320722010100", "房山中心警务室");
            Staff officer = login(office, StaffRole.COMMUNITY_OFFICER, people.named("李建国"), "001102",
                    people.phone("13805180001"), "社区民警（网格长）", "officer");
            Staff volunteer = login(office, StaffRole.VOLUNTEER, people.named("陈红梅"), null,
                    people.phone("13805180003"), "平安志愿者（吴场村网格员）", "volunteer");

            List<Region> regions = DemoGeography.cut(RURAL, SEED);
            List<Community> villages = new ArrayList<>();
            List<List<Grid>> gridsByVillage = new ArrayList<>();
            List<Grid> allGrids = new ArrayList<>();
            for (int v = 0; v < RURAL_VILLAGES.length; v++) {
                String division = "320722103" + (201 + v);
                Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, division,
                        RURAL_VILLAGES[v] + "村", division, RURAL_HOUSEHOLDS[v], RURAL_POPULATION[v]);
                List<Grid> grids = grids(village, "FS-" + (v + 1), RURAL_VILLAGES[v] + "村第%d网格",
                        regions.get(v), allGrids.size(), null);
                villages.add(village);
                gridsByVillage.add(grids);
                ruralGrids.add(grids);
                allGrids.addAll(grids);
            }

            // 网格长: the community officer heads every grid of the five villages.
            for (Grid grid : allGrids) {
                staff.assignGridRole(grid.id(), officer.id(), GridRole.GRID_CHIEF, ROSTER_START, null);
            }
            // 网格协调员: each village's party secretary coordinates that village's grids.
            for (int v = 0; v < villages.size(); v++) {
                Staff secretary = person(office, StaffRole.GRID_COORDINATOR, people.name(RURAL_SURNAMES[v]),
                        RURAL_VILLAGES[v] + "村党支部书记");
                for (Grid grid : gridsByVillage.get(v)) {
                    staff.assignGridRole(grid.id(), secretary.id(), GridRole.COORDINATOR, ROSTER_START, officer.id());
                }
            }
            // 网格管理员: six auxiliary police, each managing a run of neighbouring grids; the last two
            // joined later. On MANAGER_CHANGE the two grids at the end of the second run passed to the
            // third manager, whose grids they border. The first, who manages 吴场村's first eleven grids,
            // signs in as the demo's grid manager ("manager"; DemoManagerLogin gives it to him in a demo
            // loaded before he had it); his name and phone are drawn like the others' so that every person
            // generated after him keeps the same name.
            List<Staff> managers = new ArrayList<>();
            LocalDate[] managerStart = {ROSTER_START, ROSTER_START, ROSTER_START, ROSTER_START,
                LocalDate.of(2023, 9, 1), LocalDate.of(2024, 2, 1)};
            int[] runs = {11, 11, 11, 11, 11, 10};
            List<Staff> managerOfGrid = new ArrayList<>();
            int next = 0;
            for (int m = 0; m < runs.length; m++) {
                Staff manager = m == 0
                        ? login(office, StaffRole.AUXILIARY_POLICE, people.name(null), null, people.phone(),
                                "社区专职辅警（网格管理员）", "manager")
                        : person(office, StaffRole.AUXILIARY_POLICE, people.name(null), "社区专职辅警（网格管理员）");
                managers.add(manager);
                for (int i = 0; i < runs[m]; i++, next++) {
                    staff.assignGridRole(allGrids.get(next).id(), manager.id(), GridRole.MANAGER, managerStart[m], officer.id());
                    managerOfGrid.add(manager);
                }
            }
            for (int g = runs[0] + runs[1] - 2; g < runs[0] + runs[1]; g++) {
                staff.assignGridRole(allGrids.get(g).id(), managers.get(2).id(), GridRole.MANAGER, MANAGER_CHANGE, officer.id());
                managerOfGrid.set(g, managers.get(2));
            }
            // 网格员: village group leaders and volunteers, each serving one or two grids of the village;
            // the volunteer login is the first of 吴场. 一警两员: the village's officer, the auxiliary
            // managing its first grid as patrol member, its first group leader as security member.
            int firstGrid = 0;
            for (int v = 0; v < villages.size(); v++) {
                List<Grid> grids = gridsByVillage.get(v);
                List<Staff> members = new ArrayList<>();
                Staff security = null;
                for (int m = 0; m < RURAL_MEMBERS[v]; m++) {
                    Staff member;
                    if (v == 0 && m == 0) {
                        member = volunteer;
                    } else if (security == null) {
                        member = person(office, StaffRole.GRID_MEMBER, people.name(RURAL_SURNAMES[v]), "村民组长（治保委员）");
                        security = member;
                    } else if (m % 3 == 2) {
                        member = person(office, StaffRole.GRID_MEMBER, people.name(RURAL_SURNAMES[v]), "平安志愿者");
                    } else {
                        member = person(office, StaffRole.GRID_MEMBER, people.name(RURAL_SURNAMES[v]),
                                "第" + (m + 1) + "村民组组长");
                    }
                    members.add(member);
                }
                for (int g = 0; g < grids.size(); g++) {
                    LocalDate from = people.between(LocalDate.of(2023, 4, 1), LocalDate.of(2024, 6, 30));
                    staff.assignGridRole(grids.get(g).id(), members.get(g % members.size()).id(), GridRole.MEMBER, from,
                            officer.id());
                }
                jurisdictions.assignCommunityOfficers(villages.get(v).id(), officer.id().value(),
                        managerOfGrid.get(firstGrid).id().value(), security.id().value());
                firstGrid += grids.size();
            }
            // 信息员: 75 informants, one in every grid and a second in ten of them.
            for (int i = 0; i < 75; i++) {
                Grid grid = allGrids.get(i % allGrids.size());
                int v = villageOf(gridsByVillage, grid);
                Staff informant = person(office, StaffRole.INFORMANT, people.name(RURAL_SURNAMES[v]),
                        i % 2 == 0 ? "五老人员" : "治安积极分子");
                staff.assignGridRole(grid.id(), informant.id(), GridRole.INFORMANT,
                        people.between(LocalDate.of(2023, 5, 1), LocalDate.of(2024, 10, 31)), officer.id());
            }

            jurisdictions.createGrouping(GroupingKind.POLICE_DISTRICT, "JWQ-320722010", "房山警务区", station.id(),
                    villages.stream().map(Community::id).toList(), drawnBy(station));
            jurisdictions.createGrouping(GroupingKind.COOPERATION_ZONE, "HZQ-320722010-01", "陆圩—兴东—兴谷警务合作区",
                    office.id(), List.of(villages.get(1).id(), villages.get(2).id(), villages.get(3).id()),
                    drawnBy(station));
        }

        /**
         * The station's chief as he draws its police districts and zones (seed 003: the station lays out its 警务区):
         * scoped to the station and keeping its tree, so that a grouping is made here by the same rules as on the
         * groupings page.
         */
        private Caller drawnBy(Unit station) {
            return new Caller(null, "demo", "演示数据", "DEMO", List.of(station.path()),
                    Set.of(Permission.JURISDICTION_READ.authority(), Permission.JURISDICTION_MANAGE.authority()));
        }

        /** 牛山派出所: two workstations over three communities of residential compounds. */
        private void urbanStation(Unit station) {
            person(station, StaffRole.STATION_CHIEF, people.name(null), "所长");
            Unit heping = unit(station, UnitKind.WORKSTATION, "320722020100", "和平社区警务工作站");
            Unit jingdu = unit(station, UnitKind.WORKSTATION, "320722020200", "晶都社区警务工作站");
            Staff officer2 = login(heping, StaffRole.COMMUNITY_OFFICER, people.named("张卫东"), "002101",
                    people.phone("13805180002"), "社区民警", "officer2");
            Staff jingduOfficer = staff.registerWithHash(jingdu.id(), jingdu.path(), StaffRole.COMMUNITY_OFFICER,
                    people.name(null), "002102", people.phone(), "社区民警", null, null);

            List<Region> regions = DemoGeography.cut(URBAN, SEED + 1);
            List<Community> communities = new ArrayList<>();
            int townGrids = 0;
            for (int c = 0; c < URBAN_COMMUNITIES.length; c++) {
                boolean inHeping = c < 2;
                Unit unit = inHeping ? heping : jingdu;
                Staff officer = inHeping ? officer2 : jingduOfficer;
                String division = "320722001" + String.format("%03d", c + 1);
                Community community = jurisdictions.createCommunity(unit.id(), CommunityKind.COMMUNITY, division,
                        URBAN_COMMUNITIES[c] + "社区", division, null, null);
                communities.add(community);
                String[] compounds = COMPOUNDS[c];
                List<Grid> grids = grids(community, "NS-" + (c + 1), null, regions.get(c), townGrids, compounds);
                townGrids += grids.size();
                urbanGrids.add(grids);
                rosterOf(unit, community, grids, officer, URBAN_COMMUNITIES[c] + "社区党委书记",
                        "楼栋长", "小区物业保安", LocalDate.of(2023, 6, 1));
            }
            jurisdictions.createGrouping(GroupingKind.POLICE_DISTRICT, "JWQ-320722020", "牛山警务区", station.id(),
                    communities.stream().map(Community::id).toList(), drawnBy(station));
            jurisdictions.createGrouping(GroupingKind.JOINT_PATROL_ZONE, "LQ-320722020-01", "牛山城区第一联勤联防区",
                    station.id(), List.of(communities.get(0).id(), communities.get(1).id()), drawnBy(station));
        }

        /** 石榴派出所: one workstation over two villages, with its own officer. */
        private void shiliuStation(Unit station) {
            person(station, StaffRole.STATION_CHIEF, people.name(null), "所长");
            Unit workstation = unit(station, UnitKind.WORKSTATION, "320722030100", "石榴警务工作站");
            Staff officer = staff.registerWithHash(workstation.id(), workstation.path(), StaffRole.COMMUNITY_OFFICER,
                    people.name(null), "003101", people.phone(), "社区民警", null, null);
            List<Region> regions = DemoGeography.cut(SHILIU, SEED + 2);
            List<Community> villages = new ArrayList<>();
            int townGrids = 0;
            for (int v = 0; v < SHILIU_VILLAGES.length; v++) {
                String division = "320722002" + (201 + v);
                Community village = jurisdictions.createCommunity(workstation.id(), CommunityKind.VILLAGE, division,
                        SHILIU_VILLAGES[v] + "村", division, null, null);
                villages.add(village);
                List<Grid> grids = grids(village, "SL-" + (v + 1), SHILIU_VILLAGES[v] + "村第%d网格", regions.get(v), townGrids, null);
                townGrids += grids.size();
                rosterOf(workstation, village, grids, officer, SHILIU_VILLAGES[v] + "村党支部书记",
                        "村民组组长", "治安积极分子", LocalDate.of(2024, 1, 1));
            }
            jurisdictions.createGrouping(GroupingKind.POLICE_DISTRICT, "JWQ-320722030", "石榴警务区", station.id(),
                    villages.stream().map(Community::id).toList(), drawnBy(station));
        }

        /**
         * The roster of a community outside seed 002's village cluster: the officer heads its grids,
         * its secretary coordinates them, one auxiliary manages them all, one member and one
         * informant per grid; the auxiliary and the first member are the 一警两员.
         */
        private void rosterOf(Unit unit, Community community, List<Grid> grids, Staff officer, String secretaryTitle,
                String memberTitle, String informantTitle, LocalDate from) {
            Staff secretary = person(unit, StaffRole.GRID_COORDINATOR, people.name(null), secretaryTitle);
            Staff auxiliary = person(unit, StaffRole.AUXILIARY_POLICE, people.name(null), "辅警（网格管理员）");
            Staff first = null;
            for (Grid grid : grids) {
                staff.assignGridRole(grid.id(), officer.id(), GridRole.GRID_CHIEF, from, null);
                staff.assignGridRole(grid.id(), secretary.id(), GridRole.COORDINATOR, from, officer.id());
                staff.assignGridRole(grid.id(), auxiliary.id(), GridRole.MANAGER, from, officer.id());
                Staff member = person(unit, StaffRole.GRID_MEMBER, people.name(null), memberTitle);
                staff.assignGridRole(grid.id(), member.id(), GridRole.MEMBER, people.between(from, from.plusMonths(8)),
                        officer.id());
                Staff informant = person(unit, StaffRole.INFORMANT, people.name(null), informantTitle);
                staff.assignGridRole(grid.id(), informant.id(), GridRole.INFORMANT,
                        people.between(from, from.plusMonths(10)), officer.id());
                if (first == null) {
                    first = member;
                }
            }
            jurisdictions.assignCommunityOfficers(community.id(), officer.id().value(), auxiliary.id().value(),
                    first.id().value());
        }

        /**
         * The police grids of one region, with the codes of the matching grids of the other three
         * networks (四网合一): 综治 numbers its grids under the village or community division code,
         * 城管 per town, 创城 per community. Grids are named by number, or by compound.
         */
        private List<Grid> grids(Community community, String codePrefix, String namePattern, Region region,
                int townOffset, String[] compounds) {
            List<Grid> grids = new ArrayList<>();
            Unit owner = jurisdictions.unit(community.unitId()).orElseThrow();
            for (int i = 0; i < region.cells().size(); i++) {
                int n = i + 1;
                String name = compounds != null ? community.name() + compounds[i] + "网格" : namePattern.formatted(n);
                String division = community.divisionCode();
                String code = codePrefix + "-" + String.format("%02d", n);
                // 网格有点 (seed 003): each grid has a work point of its own, so that those who serve it see it alone
                Unit point = unit(owner, UnitKind.WORK_POINT, Jurisdictions.workPointCode(code),
                        Jurisdictions.workPointName(name));
                grids.add(jurisdictions.createGrid(community.id(), point.id(), GridNetwork.POLICE,
                        code, name, DemoGeography.geoJson(region.cells().get(i)),
                        division + String.format("%03d", n),
                        "CG" + division.substring(0, 9) + String.format("%03d", townOffset + n),
                        "CC" + division + String.format("%02d", n)));
            }
            return grids;
        }

        private int villageOf(List<List<Grid>> gridsByVillage, Grid grid) {
            for (int v = 0; v < gridsByVillage.size(); v++) {
                if (gridsByVillage.get(v).contains(grid)) {
                    return v;
                }
            }
            throw new IllegalStateException("grid outside the villages: " + grid.code());
        }

        private Unit unit(Unit parent, UnitKind kind, String code, String name) {
            return jurisdictions.createUnit(parent == null ? null : parent.id(), kind, code, name, COUNTY);
        }

        private Staff login(Unit unit, StaffRole role, String name, String policeNumber, String phone, String title,
                String username) {
            return staff.registerWithHash(unit.id(), unit.path(), role, name, policeNumber, phone, title, username, hash);
        }

        /** Someone without a sign-in: most of the roster works through the officer, not the system. */
        private Staff person(Unit unit, StaffRole role, String name, String title) {
            return staff.registerWithHash(unit.id(), unit.path(), role, name, null, people.phone(), title, null, null);
        }
    }

    private void printLogins() {
        List<String> lines = List.of(
                "Demo logins (password " + PASSWORD + "):",
                "  admin     system administrator 系统管理员",
                "  security  security administrator 安全管理员",
                "  auditor   audit administrator 安全审计员",
                "  bureau    bureau command 东海县公安局 局长 周振华",
                "  inspector inspector (督察) 郑国华 of the bureau: supervision notices, rectification, accountability",
                "  chief     chief of 房山派出所 (rural station) 王海涛",
                "  officer   community officer 李建国, grid chief of the 65 grids of 房山中心警务室",
                "  officer2  community officer 张卫东 of 牛山派出所 (urban station), grid chief in 和平社区 and 福海社区",
                "  manager   auxiliary police 彭学英, grid manager (网格管理员) of 吴场村's first 11 grids under officer",
                "  volunteer 陈红梅, 平安志愿者 and grid member in 吴场村");
        log.info("\n{}", String.join("\n", lines));
    }
}
