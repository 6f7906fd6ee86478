package org.fengqiao.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.fengqiao.population.Category;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.Risk;
import org.fengqiao.population.Sex;

/**
 * The households and people of the demo district, made up but plausible and the same on every load
 * (one seeded random source, ages counted from a given day): household sizes 1 to 8 summing to a
 * village's stored population, heads of 25 to 80 with spouses, children, parents or a married son's
 * family; valid identity numbers of 东海县 (320722) agreeing with sex and birth date, never twice;
 * a mobile number for every adult, never twice. Pure: nothing here touches the database.
 */
final class DemoResidents {

    static final String COUNTY = "320722";
    /** The first year of birth whose every month holds days the test numbers take (TestIdentityNumbers.child). */
    static final int CHILDREN_GUARDED_FROM = 2010;
    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭";
    private static final String MALE_GIVEN = "建国军华明伟强平志永海东山林峰涛波洪亮光辉振兴学忠厚良义仁勇俊杰浩宇航鹏飞刚磊超斌龙";
    private static final String FEMALE_GIVEN = "华秀英兰芳玉桂凤云霞梅丽静敏燕红春小佳欣怡雨晨婷娟慧琳颖洁倩雪萍莉娜";
    /** Mobile prefixes of the three carriers; 138 and 139 are left to the staff and the tests. */
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "150", "151",
        "152", "153", "155", "156", "157", "158", "159", "177", "180", "181", "182", "183", "187", "188", "189", "199"};
    private static final String[] MINORITIES = {"03", "08", "11", "02"};
    /** Household sizes 1 to 8 in per mille: rural families run large, with three generations common. */
    private static final int[] RURAL_SIZES = {50, 80, 120, 200, 220, 180, 90, 60};
    private static final int[] URBAN_SIZES = {120, 250, 350, 200, 80};

    /** A person as generated; residence and marks may still change while the district is put together. */
    static final class Member {
        final String name;
        final String idNumber;
        final String phone;
        final Sex sex;
        final LocalDate birth;
        final String ethnicity;
        final Relation relation;
        Residence residence = Residence.PERMANENT;
        LocalDate registeredOn;
        LocalDate leftOn;
        final List<Mark> marks = new ArrayList<>();

        Member(String name, String idNumber, String phone, Sex sex, LocalDate birth, String ethnicity,
                Relation relation) {
            this.name = name;
            this.idNumber = idNumber;
            this.phone = phone;
            this.sex = sex;
            this.birth = birth;
            this.ethnicity = ethnicity;
            this.relation = relation;
        }
    }

    record Mark(Category category, KeyPersonType subtype, Risk risk, LocalDate since) {
    }

    /** A household: its grid (index within its village or compound list) and who lives there. */
    static final class Home {
        final int grid;
        final boolean threeGenerations;
        final List<Member> members = new ArrayList<>();
        boolean trusted;
        boolean inDifficulty;
        boolean rental;

        Home(int grid, boolean threeGenerations) {
            this.grid = grid;
            this.threeGenerations = threeGenerations;
        }

        Member head() {
            return members.get(0);
        }
    }

    private final Random random;
    private final LocalDate asOf;
    /** The numbers drawn, on the dates drawn, and the numbers issued (the same but for children moved off test days). */
    private final Set<String> numbers = new HashSet<>();
    private final Set<String> issued = new HashSet<>();
    private final Set<String> phones = new HashSet<>();

    DemoResidents(long seed, LocalDate asOf) {
        this.random = new Random(seed);
        this.asOf = asOf;
    }

    LocalDate asOf() {
        return asOf;
    }

    /**
     * One village: {@code households} homes holding exactly {@code population} people, spread evenly
     * over its {@code grids} grids in order, about 3 % of them families of tenants (floating).
     */
    List<Home> village(String clanSurname, int households, int population, int grids) {
        int[] sizes = sizes(households, population);
        List<Home> homes = new ArrayList<>(households);
        for (int i = 0; i < households; i++) {
            Home home = household(sizes[i], clanSurname, i * grids / households);
            if (random.nextInt(1000) < 30) {
                LocalDate registered = between(asOf.minusYears(2), asOf.minusDays(1));
                for (Member m : home.members) {
                    m.residence = Residence.FLOATING;
                    m.registeredOn = registered;
                }
            }
            homes.add(home);
        }
        return homes;
    }

    /** A flat's household in an urban compound; tenants of a rental are floating population. */
    Home flat(int grid, boolean rental) {
        Home home = household(1 + pick(URBAN_SIZES), null, grid);
        home.rental = rental;
        if (rental) {
            LocalDate registered = between(asOf.minusYears(2), asOf.minusDays(1));
            for (Member m : home.members) {
                m.residence = Residence.FLOATING;
                m.registeredOn = registered;
            }
        }
        return home;
    }

    /** Sizes of 1 to 8 drawn from the rural distribution, then nudged one at a time to the exact total. */
    private int[] sizes(int households, int population) {
        int[] sizes = new int[households];
        int total = 0;
        for (int i = 0; i < households; i++) {
            sizes[i] = 1 + pick(RURAL_SIZES);
            total += sizes[i];
        }
        while (total != population) {
            int i = random.nextInt(households);
            if (total < population && sizes[i] < 8 && sizes[i] > 1) {
                sizes[i]++;
                total++;
            } else if (total > population && sizes[i] > 2) {
                sizes[i]--;
                total--;
            }
        }
        return sizes;
    }

    private Home household(int size, String clanSurname, int grid) {
        String ethnicity = random.nextInt(1000) < 985 ? "01" : MINORITIES[random.nextInt(MINORITIES.length)];
        String familyName = clanSurname != null && random.nextBoolean() ? clanSurname : surname();
        if (size == 1) {
            Home home = new Home(grid, false);
            boolean elderly = random.nextInt(10) < 7;
            Sex sex = elderly ? (random.nextBoolean() ? Sex.MALE : Sex.FEMALE) : (random.nextInt(10) < 7 ? Sex.MALE : Sex.FEMALE);
            home.members.add(person(familyName, sex, elderly ? age(70, 80) : age(25, 65), ethnicity, Relation.HEAD));
            return home;
        }
        boolean threeGenerations = size >= 4 && random.nextInt(10) < 6;
        Home home = new Home(grid, threeGenerations);
        int headAge = threeGenerations ? age(50, 78) : age(25, 55);
        Sex headSex = random.nextInt(100) < 85 ? Sex.MALE : Sex.FEMALE;
        Member head = person(familyName, headSex, headAge, ethnicity, Relation.HEAD);
        home.members.add(head);
        String childrenSurname = headSex == Sex.MALE ? familyName : surname();
        int spouseAge = Math.max(22, Math.min(85, headAge + (headSex == Sex.MALE ? -age(0, 6) : age(0, 6))));
        home.members.add(person(headSex == Sex.MALE ? surname() : childrenSurname, other(headSex), spouseAge, ethnicity,
                Relation.SPOUSE));
        int youngest = Math.min(headAge, spouseAge);
        if (threeGenerations) {
            // head and spouse, their married son and his wife, grandchildren, then an unmarried child
            int sonAge = age(24, Math.max(24, Math.min(50, youngest - 22)));
            List<Relation> slots = List.of(Relation.CHILD, Relation.CHILD_IN_LAW, Relation.GRANDCHILD,
                    Relation.GRANDCHILD, Relation.GRANDCHILD, Relation.CHILD);
            for (int s = 0; home.members.size() < size; s++) {
                Relation relation = slots.get(s);
                Member m = switch (s) {
                    case 0 -> person(childrenSurname, Sex.MALE, sonAge, ethnicity, relation);
                    case 1 -> person(surname(), Sex.FEMALE, Math.max(22, sonAge - age(0, 4)), ethnicity, relation);
                    case 2, 3, 4 -> person(childrenSurname, randomSex(), age(0, Math.min(16, sonAge - 21)), ethnicity,
                            relation);
                    default -> person(childrenSurname, randomSex(), age(18, Math.max(18, Math.min(sonAge - 2, youngest - 20))),
                            ethnicity, relation);
                };
                home.members.add(m);
            }
        } else {
            // a young family: children, the head's parents, a brother or sister of the head
            List<Relation> slots = List.of(Relation.CHILD, Relation.CHILD, Relation.PARENT, Relation.PARENT,
                    Relation.CHILD, Relation.SIBLING);
            for (int s = 0; home.members.size() < size; s++) {
                Relation relation = slots.get(s);
                Member m = switch (relation) {
                    case CHILD -> person(childrenSurname, randomSex(), age(0, Math.max(0, Math.min(30, youngest - 21))),
                            ethnicity, relation);
                    case PARENT -> s == 2
                            ? person(familyName, Sex.MALE, Math.min(92, headAge + age(22, 32)), ethnicity, relation)
                            : person(surname(), Sex.FEMALE, Math.min(90, headAge + age(20, 30)), ethnicity, relation);
                    default -> person(familyName, randomSex(), Math.max(18, headAge + age(-5, 5)), ethnicity, relation);
                };
                home.members.add(m);
            }
        }
        return home;
    }

    private Member person(String surname, Sex sex, int age, String ethnicity, Relation relation) {
        LocalDate drawn = birthDate(age);
        String given = sex == Sex.MALE ? MALE_GIVEN : FEMALE_GIVEN;
        StringBuilder name = new StringBuilder(surname).append(given.charAt(random.nextInt(given.length())));
        if (random.nextInt(4) > 0) {
            name.append(given.charAt(random.nextInt(given.length())));
        }
        LocalDate birth = besideChildrensTestDays(drawn, age);
        return new Member(name.toString(), identityNumber(drawn, birth, sex), age >= 18 ? mobile() : null, sex, birth,
                ethnicity, relation);
    }

    /**
     * A birth date giving {@code age} completed years on {@link #asOf}, as the demo has always drawn it: the adults'
     * test days skipped (a skipped day gives the day before). The children's test days are left to
     * {@link #besideChildrensTestDays}, after the draw, so that the random draws stay what they were.
     */
    private LocalDate birthDate(int age) {
        LocalDate latest = asOf.minusYears(age);
        LocalDate birth = latest.minusDays(random.nextInt(365));
        while (couldBeATestNumber(birth) && birth.getYear() < CHILDREN_GUARDED_FROM || !birth.isBefore(asOf)) {
            birth = birth.minusDays(1);
        }
        return birth;
    }

    /**
     * A child's birth date moved off the test days of the children's years (TestIdentityNumbers.child), which joined
     * the guard after the demo had long drawn its people: the day before, or for the first day of his year of age the
     * day after, so that his age, and with it every figure and every later draw of the demo, stays the same.
     */
    private LocalDate besideChildrensTestDays(LocalDate drawn, int age) {
        if (drawn.getYear() < CHILDREN_GUARDED_FROM || !couldBeATestNumber(drawn)) {
            return drawn;
        }
        LocalDate first = asOf.minusYears(age + 1L).plusDays(1);
        // test days are four days apart and never on the 29th to 31st: the day on either side is free
        return drawn.equals(first) ? drawn.plusDays(1) : drawn.minusDays(1);
    }

    /**
     * Whether a birth date is one of the test numbers' (TestIdentityNumbers): on days 1–28 where
     * (year − 1950) mod 4 = (day − 1) mod 4, in the month (year − 1950) mod 12 + 1 for the adults born 1950–2009
     * ({@code next}), in every month for the children born from 2010 ({@code child}).
     */
    static boolean couldBeATestNumber(LocalDate birth) {
        int y = birth.getYear() - 1950;
        return y >= 0 && birth.getDayOfMonth() <= 28 && y % 4 == (birth.getDayOfMonth() - 1) % 4
                && (birth.getYear() >= CHILDREN_GUARDED_FROM || y < 60 && y % 12 == birth.getMonthValue() - 1);
    }

    /**
     * A new number for a person born on {@code birth}: its order digits drawn, against the numbers drawn so far, as
     * they always were for the date drawn ({@code drawn}); on a child's date moved off a test day, a number taken
     * already steps its order by two (same sex) without a draw, so the random draws stay what they were.
     */
    private String identityNumber(LocalDate drawn, LocalDate birth, Sex sex) {
        String prefix = COUNTY + drawn.format(DateTimeFormatter.BASIC_ISO_DATE);
        int order;
        while (true) {
            order = random.nextInt(500) * 2 + (sex == Sex.MALE ? 1 : 0);
            String body = prefix + String.format("%03d", order);
            if (numbers.add(body + IdentityNumber.checkCharacter(body))) {
                break;
            }
        }
        while (true) {
            String body = COUNTY + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", order);
            String number = body + IdentityNumber.checkCharacter(body);
            if (issued.add(number)) {
                return number;
            }
            order = (order + 2) % 1000;
        }
    }

    private String mobile() {
        while (true) {
            String phone = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
                    + String.format("%08d", random.nextInt(100_000_000));
            if (phones.add(phone)) {
                return phone;
            }
        }
    }

    /**
     * Seed 002's people to follow, over the villages' homes: 20 drug-involved, 6 mentally ill with
     * incidents, 3 stability-related and 60 other key persons with risk levels; 209 left-behind
     * children of 3 to 15 (16 by the end of the year) whose parents work away (LEFT), living with
     * their grandparents; the elderly living alone; households in difficulty; a few more adults
     * gone away; trusted households (放心户), about 30 %, among those with no key person.
     */
    void follow(List<Home> homes) {
        List<Home> order = new ArrayList<>(homes);
        Collections.shuffle(order, random);
        int children = 0;
        for (Home home : order) {
            if (children == 209) {
                break;
            }
            if (!home.threeGenerations || home.members.size() < 3 || !permanent(home)) {
                continue;
            }
            // 14 at most on the first day of the year the demo is made for (asOf), so none turns 16 before the year
            // ends: a left-behind child is under 16 (LeftBehindChildPolicy), and the daily sweep takes the category
            // from whoever turns 16 (with 15, the demo lost those born after New Year as their birthdays came)
            List<Member> kids = home.members.stream()
                    .filter(m -> m.relation == Relation.GRANDCHILD && ageOf(m) >= 3 && ageOf(m) <= 14).toList();
            if (kids.isEmpty() || children + kids.size() > 209) {
                continue;
            }
            LocalDate left = between(asOf.minusYears(4), asOf.minusMonths(2));
            for (Member m : home.members) {
                if (m.relation == Relation.CHILD && m == home.members.get(2) || m.relation == Relation.CHILD_IN_LAW) {
                    m.residence = Residence.LEFT;
                    m.leftOn = left;
                }
            }
            for (Member kid : kids) {
                kid.marks.add(new Mark(Category.LEFT_BEHIND_CHILD, null, null, left));
            }
            children += kids.size();
        }
        if (children != 209) {
            throw new IllegalStateException("only " + children + " left-behind children found");
        }

        List<Member> adults = new ArrayList<>();
        for (Home home : order) {
            for (Member m : home.members) {
                if (m.residence == Residence.PERMANENT && ageOf(m) >= 18 && ageOf(m) <= 65) {
                    adults.add(m);
                }
            }
        }
        Collections.shuffle(adults, random);
        int next = 0;
        next = keyPersons(adults, next, KeyPersonType.DRUG, risks(20, 3, 7), true);
        next = keyPersons(adults, next, KeyPersonType.MENTAL, risks(6, 2, 3), false);
        next = keyPersons(adults, next, KeyPersonType.STABILITY, risks(3, 1, 2), false);
        next = keyPersons(adults, next, KeyPersonType.EX_OFFENDER, risks(36, 4, 12), true);
        next = keyPersons(adults, next, KeyPersonType.OTHER, risks(24, 1, 8), false);
        // a few more grown children gone to work in the cities, their household still registered here
        for (int gone = 0; gone < 60; next++) {
            Member m = adults.get(next);
            if (m.relation == Relation.CHILD && m.marks.isEmpty() && ageOf(m) <= 45) {
                m.residence = Residence.LEFT;
                m.leftOn = between(asOf.minusYears(3), asOf.minusMonths(1));
                gone++;
            }
        }

        for (Home home : homes) {
            Member head = home.head();
            if (home.members.size() == 1 && ageOf(head) >= 70) {
                head.marks.add(new Mark(Category.ELDERLY_ALONE, null, null, between(asOf.minusYears(6), asOf.minusMonths(1))));
                home.inDifficulty = random.nextInt(10) < 3;
            } else {
                home.inDifficulty = random.nextInt(100) < 4;
            }
            if (home.inDifficulty) {
                head.marks.add(new Mark(Category.IN_DIFFICULTY, null, null, between(asOf.minusYears(5), asOf.minusMonths(1))));
            }
            boolean keyPerson = home.members.stream().anyMatch(m -> m.marks.stream()
                    .anyMatch(k -> k.category() == Category.KEY_PERSON));
            home.trusted = !keyPerson && permanent(home) && random.nextInt(100) < 31;
        }
    }

    /** Elderly living alone and households in difficulty among the urban flats; trusted as in the villages. */
    void followFlats(List<Home> homes) {
        for (Home home : homes) {
            Member head = home.head();
            if (home.members.size() == 1 && ageOf(head) >= 70) {
                head.marks.add(new Mark(Category.ELDERLY_ALONE, null, null, between(asOf.minusYears(6), asOf.minusMonths(1))));
            }
            home.inDifficulty = random.nextInt(100) < 3;
            if (home.inDifficulty) {
                head.marks.add(new Mark(Category.IN_DIFFICULTY, null, null, between(asOf.minusYears(5), asOf.minusMonths(1))));
            }
            home.trusted = permanent(home) && random.nextInt(100) < 30;
        }
    }

    private int keyPersons(List<Member> adults, int next, KeyPersonType type, List<Risk> risks, boolean mostlyMen) {
        for (Risk risk : risks) {
            Member m = adults.get(next++);
            while (mostlyMen && m.sex == Sex.FEMALE && random.nextInt(10) < 8) {
                m = adults.get(next++);
            }
            m.marks.add(new Mark(Category.KEY_PERSON, type, risk, between(LocalDate.of(2016, 1, 1), asOf.minusMonths(1))));
        }
        return next;
    }

    private static List<Risk> risks(int total, int high, int medium) {
        List<Risk> risks = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            risks.add(i < high ? Risk.HIGH : i < high + medium ? Risk.MEDIUM : Risk.LOW);
        }
        return risks;
    }

    private static boolean permanent(Home home) {
        return home.members.stream().allMatch(m -> m.residence == Residence.PERMANENT);
    }

    int ageOf(Member m) {
        return java.time.Period.between(m.birth, asOf).getYears();
    }

    private int pick(int[] perMille) {
        int r = random.nextInt(1000);
        for (int i = 0; i < perMille.length; i++) {
            r -= perMille[i];
            if (r < 0) {
                return i;
            }
        }
        return perMille.length - 1;
    }

    private int age(int from, int to) {
        return from + random.nextInt(Math.max(0, to - from) + 1);
    }

    private String surname() {
        return String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
    }

    private Sex randomSex() {
        return random.nextBoolean() ? Sex.MALE : Sex.FEMALE;
    }

    private static Sex other(Sex sex) {
        return sex == Sex.MALE ? Sex.FEMALE : Sex.MALE;
    }

    LocalDate between(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(random.nextInt((int) days + 1));
    }
}
