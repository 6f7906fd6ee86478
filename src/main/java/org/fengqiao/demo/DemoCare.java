package org.fengqiao.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.CareLoader;
import org.fengqiao.population.CareLoader.AgreementHelper;
import org.fengqiao.population.CareLoader.GridRoster;
import org.fengqiao.population.CareLoader.Holder;
import org.fengqiao.population.CareLoader.NewAgreement;
import org.fengqiao.population.CareLoader.NewMember;
import org.fengqiao.population.CareLoader.NewRiskChange;
import org.fengqiao.population.CareLoader.NewVisit;
import org.fengqiao.population.CareLoader.Relative;
import org.fengqiao.population.CareLoader.Subject;
import org.fengqiao.population.Category;
import org.fengqiao.population.HelperRole;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.PersonState;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Risk;
import org.fengqiao.population.Sex;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seed 002's care in the demo villages, added once after the demo district is there (also to a demo
 * database loaded before this existed): every key person gets the helper team the seed names (drug-
 * involved and mentally ill: grid chief, a family member, the village doctor and a volunteer — 四帮一;
 * stability-related: grid chief, grid manager, village cadre and a designated informant — 四帮一; the
 * others: grid manager, grid member and village cadre — 三帮一), a history of visits at their risk
 * level's rhythm with a handful now overdue, and the two mentally ill at high risk an audited raise of
 * their risk level; every one of the 209 left-behind children a signed care agreement with the grid
 * manager, a volunteer and the grandparent who looks after them (三帮一), half of them with a school
 * teacher too (四帮一). Visit days count back from today, so the overdue list always has a few names.
 * Runs after {@link DemoDistrict} (a later lifecycle phase), in one transaction under an advisory lock.
 */
@Component
class DemoCare extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d4f4341L;
    private static final ZoneId LOCAL = LocalTimes.ZONE;
    /** How many key persons are left overdue for a visit, out of the rural villages' 89. */
    static final int OVERDUE = 6;
    private static final String[] CITIES = {"上海", "苏州", "南京", "无锡", "常州", "杭州", "宁波", "深圳", "广州", "连云港市区"};
    private static final String[] FINDINGS = {"本人在家，情绪稳定，近期无异常。", "本人在家务农，家属反映表现正常。",
        "按时参加社区康复，服药规律。", "外出务工返乡，已登记去向。", "与家属交谈，了解近况，无异常情况。"};

    private final CareLoader loader;

    DemoCare(CareLoader loader, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 1, properties, tx, jdbc);
        this.loader = loader;
    }

    @Override
    int loadOnce() {
        // the rural villages of 房山中心警务室 (seed 002), by their police grid codes
        Map<GridId, String> villages = new HashMap<>();
        jdbc.sql("SELECT id, name FROM grid WHERE network = 'POLICE' AND code LIKE 'FS-%'").query(rs -> {
            String name = rs.getString("name");
            villages.put(new GridId(rs.getObject("id", UUID.class)), name.contains("第") ? name.substring(0, name.indexOf('第')) : name);
        });
        if (villages.isEmpty() || loader.anyCare(villages.keySet())) {
            return 0;
        }
        return load(villages, LocalDate.now(LOCAL));
    }

    @Override
    String loaded(int count) {
        return "Demo care: " + count + " helper memberships, visits and agreements";
    }

    int load(Map<GridId, String> villages, LocalDate today) {
        Random random = new Random(DemoDistrict.SEED + 300);
        DemoPeople people = new DemoPeople(DemoDistrict.SEED + 301);
        Map<GridId, GridRoster> rosters = loader.rosters(villages.keySet());

        List<Subject> keyPersons = loader.subjects(villages.keySet(), Category.KEY_PERSON);
        List<NewMember> members = new ArrayList<>();
        List<Integer> teamStart = new ArrayList<>();
        for (Subject s : keyPersons) {
            teamStart.add(members.size());
            GridRoster roster = rosters.get(s.grid());
            LocalDate joined = s.since() == null ? today.minusYears(1) : s.since().plusDays(random.nextInt(20));
            if (joined.isAfter(today)) {
                joined = today;
            }
            String village = villages.get(s.grid());
            switch (s.type()) {
                case DRUG, MENTAL -> {
                    staff(members, s, roster.chief(), HelperRole.GRID_CHIEF, joined);
                    Relative family = family(s);
                    if (family != null) {
                        members.add(new NewMember(s.id(), null, family.id(), family.name(), HelperRole.FAMILY,
                                relationWord(s.relation(), family), joined));
                    }
                    members.add(new NewMember(s.id(), null, null, people.name(null), HelperRole.DOCTOR, village + "卫生室", joined));
                    members.add(new NewMember(s.id(), null, null, people.name(null), HelperRole.VOLUNTEER, "平安志愿者", joined));
                }
                case STABILITY -> {
                    staff(members, s, roster.chief(), HelperRole.GRID_CHIEF, joined);
                    staff(members, s, roster.manager(), HelperRole.GRID_MANAGER, joined);
                    staff(members, s, roster.coordinator(), HelperRole.CADRE, joined);
                    staff(members, s, roster.informant(), HelperRole.INFORMANT, joined);
                }
                default -> {
                    staff(members, s, roster.manager(), HelperRole.GRID_MANAGER, joined);
                    staff(members, s, roster.member(), HelperRole.GRID_MEMBER, joined);
                    staff(members, s, roster.coordinator(), HelperRole.CADRE, joined);
                }
            }
        }
        List<UUID> memberIds = loader.members(members);

        // visits at each person's rhythm (weekly, fortnightly, monthly by risk), the last one within the
        // interval except for OVERDUE persons spread over the list, whose last visit is a few days too old
        List<NewVisit> visits = new ArrayList<>();
        List<NewRiskChange> raises = new ArrayList<>();
        java.util.Set<Integer> overdueAt = overdueChoice(keyPersons, today);
        for (int i = 0; i < keyPersons.size(); i++) {
            Subject s = keyPersons.get(i);
            GridRoster roster = rosters.get(s.grid());
            int interval = days(s.risk());
            boolean overdue = overdueAt.contains(i);
            int lastAgo = overdue ? interval + 4 + random.nextInt(8) : 1 + random.nextInt(Math.max(1, interval - 3));
            int end = i + 1 < teamStart.size() ? teamStart.get(i + 1) : members.size();
            List<UUID> team = memberIds.subList(teamStart.get(i), end);
            UUID visitor = s.type() == KeyPersonType.DRUG || s.type() == KeyPersonType.MENTAL
                    || s.type() == KeyPersonType.STABILITY ? roster.chief().staffId() : roster.manager().staffId();
            for (int k = 0; k < 4; k++) {
                int ago = lastAgo + k * interval + random.nextInt(2);
                OffsetDateTime at = today.minusDays(ago).atTime(9 + random.nextInt(8), random.nextInt(60))
                        .atZone(LOCAL).toOffsetDateTime();
                List<UUID> came = team.isEmpty() ? List.of() : List.of(team.get(0), team.get(random.nextInt(team.size())));
                PersonState state = random.nextInt(20) == 0 ? PersonState.ABSENT : PersonState.STABLE;
                visits.add(new NewVisit(s.id(), s.grid(), s.household(), visitor, at, FINDINGS[random.nextInt(FINDINGS.length)],
                        state, came.stream().distinct().toList()));
            }
            if (s.type() == KeyPersonType.MENTAL && s.risk() == Risk.HIGH) {
                raises.add(new NewRiskChange(s.id(), Risk.MEDIUM, Risk.HIGH, "家属反映近期情绪波动，有肇事肇祸倾向，提高管控等级",
                        roster.chief().staffId(), today.minusDays(40 + random.nextInt(60)).atTime(10, 0).atZone(LOCAL).toOffsetDateTime()));
            }
        }
        loader.visits(visits);
        loader.riskChanges(raises);

        List<Subject> children = loader.subjects(villages.keySet(), Category.LEFT_BEHIND_CHILD);
        List<NewAgreement> agreements = new ArrayList<>();
        for (Subject child : children) {
            GridRoster roster = rosters.get(child.grid());
            String village = villages.get(child.grid());
            Relative guardian = child.relatives().stream().filter(r -> r.residence() != Residence.LEFT
                    && (r.relation() == Relation.HEAD || r.relation() == Relation.SPOUSE)).findFirst().orElse(null);
            Relative father = child.relatives().stream().filter(r -> r.residence() == Residence.LEFT && r.sex() == Sex.MALE
                    && (r.relation() == Relation.CHILD || r.relation() == Relation.CHILD_IN_LAW)).findFirst().orElse(null);
            Relative mother = child.relatives().stream().filter(r -> r.residence() == Residence.LEFT && r.sex() == Sex.FEMALE
                    && (r.relation() == Relation.CHILD || r.relation() == Relation.CHILD_IN_LAW)).findFirst().orElse(null);
            LocalDate signed = today.minusDays(20 + random.nextInt(330));
            // one in twenty is past its yearly review, so the pages show what a due review looks like
            LocalDate review = random.nextInt(20) == 0 ? today.minusDays(1 + random.nextInt(20)) : signed.plusYears(1);
            if (!review.isAfter(signed)) {
                signed = review.minusYears(1);
            }
            List<AgreementHelper> helpers = new ArrayList<>();
            helpers.add(new AgreementHelper(roster.manager().staffId(), null, roster.manager().name(), HelperRole.GRID_MANAGER, null));
            helpers.add(new AgreementHelper(null, null, people.name(null), HelperRole.VOLUNTEER, "平安志愿者"));
            if (random.nextBoolean()) {
                helpers.add(new AgreementHelper(null, null, people.name(null), HelperRole.TEACHER, village + "小学"));
            }
            String guardianName = guardian != null ? guardian.name() : people.name(null);
            String guardianRelation = guardian == null ? "亲属" : guardian.sex() == Sex.FEMALE ? "祖母" : "祖父";
            agreements.add(new NewAgreement(child.id(), signed, review, guardian == null ? null : guardian.id(),
                    guardianName, guardianRelation,
                    father == null ? null : "在" + CITIES[random.nextInt(CITIES.length)] + "务工",
                    mother == null ? null : "在" + CITIES[random.nextInt(CITIES.length)] + "务工",
                    roster.chief().staffId(), helpers));
        }
        loader.agreements(agreements);
        return members.size() + visits.size() + agreements.size();
    }

    private static void staff(List<NewMember> members, Subject s, Holder holder, HelperRole role, LocalDate joined) {
        if (holder != null) {
            members.add(new NewMember(s.id(), holder.staffId(), null, holder.name(), role, null, joined));
        }
    }

    /** The relative who helps: a spouse, else a parent, else a grown child or sibling living at home. */
    private static Relative family(Subject s) {
        for (String wanted : List.of("配偶", "父亲", "母亲", "儿子", "女儿", "兄弟", "姐妹")) {
            for (Relative r : s.relatives()) {
                if (wanted.equals(relationWord(s.relation(), r)) && r.residence() != Residence.LEFT && r.birthDate() != null
                        && Period.between(r.birthDate(), LocalDate.now(LOCAL)).getYears() >= 18) {
                    return r;
                }
            }
        }
        return null;
    }

    /**
     * What a relative is to the key person, from both their relations to the head of household
     * (配偶, 父亲, 母亲, 儿子, 女儿, 兄弟, 姐妹, or 亲属 when the register does not say).
     */
    static String relationWord(Relation subject, Relative r) {
        boolean female = r.sex() == Sex.FEMALE;
        Relation other = r.relation();
        if (subject == null || other == null) {
            return "亲属";
        }
        return switch (subject) {
            case HEAD -> switch (other) {
                case SPOUSE -> "配偶";
                case PARENT -> female ? "母亲" : "父亲";
                case CHILD -> female ? "女儿" : "儿子";
                case SIBLING -> female ? "姐妹" : "兄弟";
                default -> "亲属";
            };
            case SPOUSE -> switch (other) {
                case HEAD -> "配偶";
                case CHILD -> female ? "女儿" : "儿子";
                default -> "亲属";
            };
            case CHILD -> switch (other) {
                case HEAD, SPOUSE -> female ? "母亲" : "父亲";
                case CHILD, SIBLING -> female ? "姐妹" : "兄弟";
                case CHILD_IN_LAW -> "配偶";
                case GRANDCHILD -> female ? "女儿" : "儿子";
                default -> "亲属";
            };
            case CHILD_IN_LAW -> switch (other) {
                case CHILD -> "配偶";
                case GRANDCHILD -> female ? "女儿" : "儿子";
                default -> "亲属";
            };
            case PARENT -> switch (other) {
                case HEAD, SIBLING -> female ? "女儿" : "儿子";
                case PARENT -> "配偶";
                default -> "亲属";
            };
            case SIBLING -> switch (other) {
                case HEAD, SIBLING -> female ? "姐妹" : "兄弟";
                case PARENT -> female ? "母亲" : "父亲";
                default -> "亲属";
            };
            default -> "亲属";
        };
    }

    /** The default rhythm (docs/care.md): the demo does not follow an operator's own setting. */
    /**
     * Which key persons (by their place in the list) the demo leaves overdue: OVERDUE of them spread over
     * the list, chosen among those whose rhythm will count from the demo's own last visit. A household's
     * visit counts for everyone in it, so a key person sharing his household with another one (whose
     * visits are recent) would not be overdue; nor would one designated after his last visit, whose rhythm
     * counts from the designation. The persons' order follows their random ids, so without this choice a
     * demo now and then came out with one overdue person fewer.
     */
    static java.util.Set<Integer> overdueChoice(List<Subject> keyPersons, LocalDate today) {
        Map<Object, Integer> perHousehold = new HashMap<>();
        keyPersons.forEach(s -> perHousehold.merge(s.household() == null ? s.id() : s.household(), 1, Integer::sum));
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < keyPersons.size(); i++) {
            Subject s = keyPersons.get(i);
            // the last visit is at most interval + 12 days ago; a month's interval may be 31 days
            boolean designatedBefore = s.since() == null || s.since().isBefore(today.minusDays(days(s.risk()) + 14));
            if (designatedBefore && perHousehold.get(s.household() == null ? s.id() : s.household()) == 1) {
                eligible.add(i);
            }
        }
        int every = Math.max(1, eligible.size() / OVERDUE);
        java.util.Set<Integer> chosen = new java.util.HashSet<>();
        for (int k = 0; k < OVERDUE && k * every + every / 2 < eligible.size(); k++) {
            chosen.add(eligible.get(k * every + every / 2));
        }
        return chosen;
    }

    private static int days(Risk risk) {
        return switch (risk == null ? Risk.HIGH : risk) {
            case HIGH -> 7;
            case MEDIUM -> 14;
            case LOW -> 30;
        };
    }
}
