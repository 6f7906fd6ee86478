package org.fengqiao.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.BeforeServing;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.population.OrganisationKind;
import org.fengqiao.population.OrganisationRole;
import org.fengqiao.population.PersonId;
import org.fengqiao.population.PlacesLoader;
import org.fengqiao.population.PlacesLoader.GridRef;
import org.fengqiao.population.PlacesLoader.LetRoom;
import org.fengqiao.population.PlacesLoader.NewInspection;
import org.fengqiao.population.PlacesLoader.NewOrganisation;
import org.fengqiao.population.PlacesLoader.NewRental;
import org.fengqiao.population.PlacesLoader.NewStaff;
import org.fengqiao.population.PlacesLoader.NewTenant;
import org.fengqiao.population.PlacesLoader.Occupant;
import org.fengqiao.population.PlacesLoader.Resident;
import org.fengqiao.population.RentalPurpose;
import org.fengqiao.population.Residence;
import org.fengqiao.population.SmallPlace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo district's rentals and organisations (三实 beyond the population), loaded after the
 * district and its population, in demo mode only. Every flat of 牛山派出所's compounds marked let on
 * its floor plan gets its rental: the landlord a resident of the same community (some let two or
 * three flats) or, for a fifth of them, an owner living elsewhere known by name and phone; the
 * tenants the floating household living there, since the day they registered; the contract around
 * that day and renewed up to now; most registered with the police on that day, some not at all.
 * Forty organisations stand in the villages and compounds, 35 of them nine small places, each with an
 * owner and staff from its grid and fire-safety inspections leaving a mix of states as of the day of
 * the load: compliant, hazard open, overdue, not inspected.
 *
 * <p>It runs at every start in demo mode and loads only while none of the demo's grids has a rental
 * or an organisation, under an advisory lock in one transaction: loading twice changes nothing, and a
 * demo database made before this existed gets them at its next start.
 */
@Component
class DemoPlaces extends BeforeServing {

    private static final long LOAD_LOCK = 0x46514445_4d4f504cL;
    private static final Logger log = LoggerFactory.getLogger(DemoPlaces.class);
    static final List<String> PREFIXES = List.of("FS-", "NS-", "SL-");
    private static final String RURAL_TOWNSHIP_CODE = "320722112000";
    private static final String URBAN_TOWNSHIP_CODE = "320722001000";
    private static final String[] LANDLORD_SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "徐", "孙", "周"};
    private static final String[] LANDLORD_GIVEN = {"建华", "国庆", "秀兰", "海涛", "红梅", "志强", "丽娟", "明亮", "桂英", "学军"};
    private static final String[] FINDINGS = {"消防器材配备齐全，疏散通道畅通", "灭火器在有效期内，安全出口标志完好",
        "电气线路规范，员工会使用灭火器", "消防安全制度上墙，值班记录完整"};
    private static final String[] HAZARDS = {"灭火器过期未更换", "疏散通道堆放杂物", "电线私拉乱接",
        "安全出口指示灯损坏", "燃气管道未安装泄漏报警装置", "住人与经营场所未分隔（三合一）"};

    /** One organisation of the demo: where (village or community index, grid index, door), what, and who runs it. */
    record Place(boolean rural, int place, int grid, int door, String name, OrganisationKind kind, SmallPlace small,
            String business) {
    }

    private static final String[] VILLAGE_STREETS = {"吴场大街", "陆圩街", "兴东路", "兴谷路", "林疃街"};
    private static final String[] COMMUNITY_STREETS = {"和平路", "福海路", "晶都大道"};

    static final List<Place> PLACES = List.of(
            new Place(true, 0, 0, 8, "吴场便民超市", OrganisationKind.SHOP, SmallPlace.STORE, "日用百货、烟酒副食"),
            new Place(true, 0, 3, 15, "吴场村卫生室", OrganisationKind.HOSPITAL, SmallPlace.CLINIC, "常见病诊疗、公共卫生服务"),
            new Place(true, 0, 6, 31, "吴场水晶饰品加工厂", OrganisationKind.FIRM, SmallPlace.WORKSHOP, "水晶饰品加工"),
            new Place(true, 0, 9, 40, "老吴家常菜馆", OrganisationKind.SHOP, SmallPlace.EATERY, "家常菜、农家宴席"),
            new Place(true, 0, 12, 52, "房山镇吴场幼儿园", OrganisationKind.SCHOOL, SmallPlace.SCHOOL_KINDERGARTEN, "学前教育"),
            new Place(true, 1, 0, 6, "陆圩平价超市", OrganisationKind.SHOP, SmallPlace.STORE, "日用百货"),
            new Place(true, 1, 2, 18, "陆圩村卫生室", OrganisationKind.HOSPITAL, SmallPlace.CLINIC, "常见病诊疗"),
            new Place(true, 1, 5, 27, "陆圩农机修理部", OrganisationKind.FIRM, null, "农机具维修"),
            new Place(true, 1, 8, 33, "陆圩小吃部", OrganisationKind.SHOP, SmallPlace.EATERY, "早点、面食"),
            new Place(true, 1, 11, 45, "陆圩客栈", OrganisationKind.SHOP, SmallPlace.HOTEL, "住宿"),
            new Place(true, 2, 0, 9, "兴东百货商店", OrganisationKind.SHOP, SmallPlace.STORE, "百货、农资"),
            new Place(true, 2, 3, 21, "兴东网吧", OrganisationKind.SHOP, SmallPlace.INTERNET_CAFE, "上网服务"),
            new Place(true, 2, 5, 26, "兴东美发店", OrganisationKind.SHOP, SmallPlace.BEAUTY_BATH, "理发、美容"),
            new Place(true, 2, 7, 38, "兴东水晶原石加工厂", OrganisationKind.FIRM, SmallPlace.WORKSHOP, "水晶原石切割打磨"),
            new Place(true, 2, 10, 50, "房山镇兴东小学", OrganisationKind.SCHOOL, null, "小学教育"),
            new Place(true, 3, 0, 12, "兴谷超市", OrganisationKind.SHOP, SmallPlace.STORE, "日用百货、生鲜"),
            new Place(true, 3, 3, 17, "兴谷农家乐", OrganisationKind.SHOP, SmallPlace.EATERY, "农家菜、垂钓"),
            new Place(true, 3, 6, 29, "兴谷诊所", OrganisationKind.HOSPITAL, SmallPlace.CLINIC, "内科诊疗"),
            new Place(true, 3, 8, 36, "兴谷欢唱KTV", OrganisationKind.SHOP, SmallPlace.SINGING_DANCING, "卡拉OK"),
            new Place(true, 3, 11, 47, "兴谷养殖专业合作社", OrganisationKind.FIRM, null, "生猪养殖"),
            new Place(true, 4, 0, 7, "林疃商店", OrganisationKind.SHOP, SmallPlace.STORE, "烟酒副食"),
            new Place(true, 4, 3, 19, "林疃饭店", OrganisationKind.SHOP, SmallPlace.EATERY, "中餐"),
            new Place(true, 4, 5, 24, "林疃村卫生室", OrganisationKind.HOSPITAL, SmallPlace.CLINIC, "常见病诊疗"),
            new Place(true, 4, 8, 35, "林疃木材加工厂", OrganisationKind.FIRM, SmallPlace.WORKSHOP, "木材加工"),
            new Place(true, 4, 10, 42, "林疃浴室", OrganisationKind.SHOP, SmallPlace.BEAUTY_BATH, "洗浴"),
            new Place(false, 0, 0, 12, "和平新村便利店", OrganisationKind.SHOP, SmallPlace.STORE, "便利店"),
            new Place(false, 0, 1, 26, "阳光宾馆", OrganisationKind.SHOP, SmallPlace.HOTEL, "住宿"),
            new Place(false, 0, 2, 38, "水晶网咖", OrganisationKind.SHOP, SmallPlace.INTERNET_CAFE, "上网服务"),
            new Place(false, 0, 3, 51, "电力小区幼儿园", OrganisationKind.SCHOOL, SmallPlace.SCHOOL_KINDERGARTEN, "学前教育"),
            new Place(false, 0, 4, 63, "东方明珠KTV", OrganisationKind.SHOP, SmallPlace.SINGING_DANCING, "卡拉OK、歌舞"),
            new Place(false, 0, 5, 77, "和平里足浴店", OrganisationKind.SHOP, SmallPlace.BEAUTY_BATH, "足浴、按摩"),
            new Place(false, 1, 0, 8, "福海大药房", OrganisationKind.SHOP, SmallPlace.STORE, "药品零售"),
            new Place(false, 1, 1, 19, "金港湾酒家", OrganisationKind.SHOP, SmallPlace.EATERY, "中餐、宴席"),
            new Place(false, 1, 2, 33, "翡翠城口腔诊所", OrganisationKind.HOSPITAL, SmallPlace.CLINIC, "口腔诊疗"),
            new Place(false, 1, 3, 46, "书香苑培训学校", OrganisationKind.SCHOOL, SmallPlace.SCHOOL_KINDERGARTEN, "课外培训"),
            new Place(false, 1, 4, 58, "东海县人民医院牛山分院", OrganisationKind.HOSPITAL, null, "综合医院"),
            new Place(false, 2, 0, 11, "晶都物业服务有限公司", OrganisationKind.FIRM, null, "物业管理"),
            new Place(false, 2, 1, 23, "御景湾美容美发", OrganisationKind.SHOP, SmallPlace.BEAUTY_BATH, "美容、美发"),
            new Place(false, 2, 2, 37, "锦绣华庭超市", OrganisationKind.SHOP, SmallPlace.STORE, "超市"),
            new Place(false, 2, 3, 49, "凤凰城快捷酒店", OrganisationKind.SHOP, SmallPlace.HOTEL, "住宿"));

    private final PlacesLoader loader;
    private final FengqiaoProperties properties;
    private final TransactionTemplate tx;
    private final JdbcClient jdbc;

    DemoPlaces(PlacesLoader loader, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        this.loader = loader;
        this.properties = properties;
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** After the demo district (phase 0), before the web server. */
    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    protected void prepare() {
        if (properties.demoEnabled()) {
            load(LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE));
        }
    }

    /** How much was loaded; nothing when the demo's grids had rentals or organisations already. */
    record Loaded(int rentals, int tenants, int organisations) {
    }

    Loaded load(LocalDate today) {
        long started = System.nanoTime();
        Loaded loaded = tx.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(LOAD_LOCK).query(Integer.class).single();
            if (loader.grids("NS-").isEmpty() || loader.anyIn(PREFIXES)) {
                return new Loaded(0, 0, 0);
            }
            Random random = new Random(DemoDistrict.SEED + 200);
            int[] rentals = rentals(random, today);
            int organisations = organisations(random, today);
            return new Loaded(rentals[0], rentals[1], organisations);
        });
        if (loaded.rentals() + loaded.organisations() > 0) {
            log.info("Demo places: {} rentals with {} tenants, {} organisations in {} ms", loaded.rentals(),
                    loaded.tenants(), loaded.organisations(), (System.nanoTime() - started) / 1_000_000);
        }
        return loaded;
    }

    private int[] rentals(Random random, LocalDate today) {
        List<LetRoom> rooms = loader.letRooms("NS-");
        List<Resident> residents = loader.residents("NS-", null, today.minusYears(75), today.minusYears(30));
        // landlords by community (NS-1, NS-2, NS-3): a few own two or three flats
        Map<String, List<Resident>> byCommunity = new HashMap<>();
        Map<GridId, String> communityOf = new HashMap<>();
        for (GridRef g : loader.grids("NS-")) {
            communityOf.put(g.id(), g.code().substring(0, 4));
        }
        for (Resident r : residents) {
            byCommunity.computeIfAbsent(communityOf.get(r.grid()), c -> new ArrayList<>()).add(r);
        }
        List<NewRental> rentals = new ArrayList<>(rooms.size());
        int tenants = 0;
        for (LetRoom room : rooms) {
            LocalDate registered = room.occupants().stream().map(Occupant::registeredOn)
                    .filter(java.util.Objects::nonNull).min(LocalDate::compareTo).orElse(today.minusMonths(3));
            LocalDate from = registered.minusDays(random.nextInt(8));
            LocalDate to = from.plusYears(1 + random.nextInt(2));
            while (to.isBefore(today.plusMonths(1))) {
                to = to.plusYears(1);
            }
            LocalDate police = random.nextInt(100) < 85 ? registered : null;
            List<NewTenant> lodgers = new ArrayList<>();
            for (Occupant o : room.occupants()) {
                if (o.residence() != Residence.LEFT) {
                    lodgers.add(new NewTenant(o.person(), o.registeredOn() == null ? from : o.registeredOn()));
                }
            }
            tenants += lodgers.size();
            List<Resident> pool = byCommunity.getOrDefault(communityOf.get(room.grid().id()), List.of());
            if (pool.isEmpty() || random.nextInt(100) < 20) {
                String name = LANDLORD_SURNAMES[random.nextInt(LANDLORD_SURNAMES.length)]
                        + LANDLORD_GIVEN[random.nextInt(LANDLORD_GIVEN.length)];
                String phone = "135" + String.format("%08d", random.nextInt(100_000_000));
                rentals.add(new NewRental(room.grid().id(), room.room(), room.address(), null, name, phone,
                        RentalPurpose.RESIDENCE, from, to, police, lodgers));
            } else {
                // a tenth of the pool lets most of the flats: landlords with several flats
                int bound = Math.max(1, random.nextInt(100) < 60 ? pool.size() / 10 : pool.size());
                Resident landlord = pool.get(random.nextInt(bound));
                rentals.add(new NewRental(room.grid().id(), room.room(), room.address(), landlord.person(), null, null,
                        RentalPurpose.RESIDENCE, from, to, police, lodgers));
            }
        }
        loader.rentals(rentals);
        return new int[] {rentals.size(), tenants};
    }

    private int organisations(Random random, LocalDate today) {
        List<List<GridRef>> villages = new ArrayList<>();
        for (int v = 0; v < DemoDistrict.RURAL_VILLAGES.length; v++) {
            villages.add(loader.grids("FS-" + (v + 1) + "-"));
        }
        List<List<GridRef>> communities = new ArrayList<>();
        for (int c = 0; c < DemoDistrict.URBAN_COMMUNITIES.length; c++) {
            communities.add(loader.grids("NS-" + (c + 1) + "-"));
        }
        List<GridRef> gridOfPlace = new ArrayList<>(PLACES.size());
        for (Place p : PLACES) {
            List<GridRef> grids = p.rural() ? villages.get(p.place()) : communities.get(p.place());
            gridOfPlace.add(grids.get(p.grid() % grids.size()));
        }
        Map<GridId, List<Resident>> residentsOf = new HashMap<>();
        for (Resident r : loader.residents("", gridOfPlace.stream().map(GridRef::id).toList(), today.minusYears(65),
                today.minusYears(20))) {
            residentsOf.computeIfAbsent(r.grid(), g -> new ArrayList<>()).add(r);
        }
        List<NewOrganisation> organisations = new ArrayList<>(PLACES.size());
        for (int i = 0; i < PLACES.size(); i++) {
            Place p = PLACES.get(i);
            GridRef grid = gridOfPlace.get(i);
            PlacesLoader.NewAddress address = p.rural()
                    ? new PlacesLoader.NewAddress(DemoDistrict.COUNTY, RURAL_TOWNSHIP_CODE, "江苏省", "连云港市", "东海县",
                            "房山镇", DemoDistrict.RURAL_VILLAGES[p.place()] + "村", null, VILLAGE_STREETS[p.place()],
                            String.valueOf(p.door()), null)
                    : new PlacesLoader.NewAddress(DemoDistrict.COUNTY, URBAN_TOWNSHIP_CODE, "江苏省", "连云港市", "东海县",
                            "牛山街道", DemoDistrict.URBAN_COMMUNITIES[p.place()] + "社区", null,
                            COMMUNITY_STREETS[p.place()], String.valueOf(p.door()), null);
            List<Resident> people = residentsOf.getOrDefault(grid.id(), List.of());
            PersonId owner = null;
            List<NewStaff> staff = new ArrayList<>();
            if (!people.isEmpty()) {
                int at = random.nextInt(people.size());
                owner = people.get(at).person();
                LocalDate since = today.minusDays(200 + random.nextInt(2000));
                staff.add(new NewStaff(owner, OrganisationRole.MANAGER, since));
                int employees = 1 + random.nextInt(3);
                for (int e = 1; e <= employees && e < people.size(); e++) {
                    Resident member = people.get((at + e * 7) % people.size());
                    if (!member.person().equals(owner)) {
                        staff.add(new NewStaff(member.person(), e == 1 ? OrganisationRole.FIRE_SAFETY
                                : OrganisationRole.EMPLOYEE, since.plusDays(random.nextInt(150))));
                    }
                }
            }
            String inspector = p.rural() ? "李建国" : p.place() < 2 ? "张卫东" : "晶都社区消防巡查队";
            organisations.add(new NewOrganisation(grid.id(), address, p.name(), p.kind(), p.small(), p.business(),
                    licence(p, random), "0518-87" + String.format("%06d", 100_000 + i * 7919 % 900_000), owner, staff,
                    inspections(i, inspector, random, today)));
        }
        loader.organisations(organisations);
        return organisations.size();
    }

    /**
     * Inspections leaving a mix of states on the day of the load, by the place's position in eights:
     * four compliant, two with a hazard open within its deadline, one overdue, one never inspected.
     */
    static List<NewInspection> inspections(int index, String inspector, Random random, LocalDate today) {
        List<NewInspection> list = new ArrayList<>();
        String findings = FINDINGS[random.nextInt(FINDINGS.length)];
        String hazard = HAZARDS[random.nextInt(HAZARDS.length)];
        switch (index % 8) {
            case 2, 7 -> {
                LocalDate on = today.minusDays(3 + random.nextInt(8));
                list.add(new NewInspection(on, inspector, "检查发现隐患，已下达整改通知", hazard, on.plusDays(20 + random.nextInt(10)),
                        null));
            }
            case 4 -> {
                LocalDate on = today.minusDays(40 + random.nextInt(20));
                list.add(new NewInspection(on.minusDays(180), inspector, findings, null, null, null));
                list.add(new NewInspection(on, inspector, "检查发现隐患，已下达整改通知，逾期未整改", hazard, on.plusDays(15), null));
            }
            case 5 -> {
                // never inspected yet
            }
            case 1 -> {
                LocalDate on = today.minusDays(60 + random.nextInt(60));
                list.add(new NewInspection(on, inspector, "检查发现隐患，责令限期整改", hazard, on.plusDays(15),
                        on.plusDays(5 + random.nextInt(8))));
            }
            default -> list.add(new NewInspection(today.minusDays(20 + random.nextInt(180)), inspector, findings, null,
                    null, null));
        }
        return list;
    }

    /**
     * A unified social credit code: registered by market regulation (9) as a firm (1) or a sole trader
     * (2), or a public institution (12) for schools and clinics, in 东海县, then nine characters.
     */
    private static String licence(Place p, Random random) {
        String head = switch (p.kind()) {
            case SCHOOL, HOSPITAL -> "12";
            case FIRM -> "91";
            default -> "92";
        };
        StringBuilder code = new StringBuilder(head).append(DemoDistrict.COUNTY).append("MA");
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 7; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return PlacesLoader.creditCode(code.toString());
    }
}
