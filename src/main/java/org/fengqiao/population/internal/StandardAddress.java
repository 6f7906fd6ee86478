package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fengqiao.platform.Invalid;

/**
 * A standard address after GA/T 2000.32: the division (province, city, county) named by its
 * GB/T 2260 county code, the township or street office by its 12-digit statistical code, then the
 * community or village, village group, street, door number, compound, building, unit, floor and
 * room. {@link #check} validates the codes against {@link Divisions} (a code it does not know, a
 * township of another county, a name that is not the code's name are each a problem of their
 * field), fills the names the codes give, and composes the one-line text in the standard order,
 * which is the address's identity. Pure: nothing here touches the database.
 *
 * <p>A bare number gets the word of its level: door {@code 12} → 12号, building {@code 3} → 3号楼,
 * unit {@code 2} → 2单元, room {@code 301} → 301室, village group {@code 4} → 4组; the floor is
 * written only for an address without a room, whose number already says the floor.
 */
public final class StandardAddress {

    static final int MAX_PART = 64;
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern ENDS_WITH_DIGIT = Pattern.compile(".*[0-9A-Za-z]$");

    private StandardAddress() {
    }

    /** The parts as a user typed them; any of them may be blank. */
    public record Parts(String countyCode, String townshipCode, String province, String city, String county,
            String township, String community, String villageGroup, String street, String doorNumber, String compound,
            String building, String unit, String floor, String room) {
    }

    /** The checked parts: codes in their stored form (6 and 12 digits), names filled from the codes, and the text. */
    public record Checked(Parts parts, String fullText) {
    }

    /** Checks the parts and composes the text; problems go to the list, and then the result is null. */
    public static Checked check(Parts in, List<Invalid.Problem> problems) {
        int before = problems.size();
        Parts p = new Parts(digits(in.countyCode()), digits(in.townshipCode()), clean(in.province()), clean(in.city()),
                clean(in.county()), clean(in.township()), clean(in.community()), clean(in.villageGroup()),
                clean(in.street()), clean(in.doorNumber()), clean(in.compound()), clean(in.building()), clean(in.unit()),
                clean(in.floor()), clean(in.room()));
        String[][] lengths = {{"province", p.province()}, {"city", p.city()}, {"county", p.county()},
            {"township", p.township()}, {"community", p.community()}, {"villageGroup", p.villageGroup()},
            {"street", p.street()}, {"doorNumber", p.doorNumber()}, {"compound", p.compound()},
            {"building", p.building()}, {"unit", p.unit()}, {"floor", p.floor()}, {"room", p.room()}};
        for (String[] field : lengths) {
            if (field[1] != null && field[1].length() > MAX_PART) {
                problems.add(problem(field[0], "places.text.tooLong", MAX_PART));
            }
        }

        Division county = null;
        if (p.countyCode() == null) {
            problems.add(problem("countyCode", "error.field.required"));
        } else {
            county = Divisions.county(p.countyCode()).orElse(null);
            if (county == null) {
                problems.add(problem("countyCode", "places.address.county.unknown", p.countyCode()));
            }
        }
        Division township = null;
        if (p.townshipCode() != null) {
            township = Divisions.township(p.townshipCode()).orElse(null);
            if (township == null) {
                problems.add(problem("townshipCode", "places.address.township.unknown", p.townshipCode()));
            } else if (county != null && !county.code().equals(township.parentCode())) {
                problems.add(problem("townshipCode", "places.address.township.outsideCounty", township.name(),
                        county.name()));
                township = null;
            }
        }
        String province = null;
        String city = null;
        if (county != null) {
            province = Divisions.fullName(county.code().substring(0, 2) + "0000");
            String cityFull = Divisions.fullName(county.code().substring(0, 4) + "00");
            city = cityFull.startsWith(province) && cityFull.length() > province.length()
                    ? cityFull.substring(province.length()) : null;
            matches(problems, "province", p.province(), province);
            matches(problems, "city", p.city(), city);
            matches(problems, "county", p.county(), county.name());
        }
        if (township != null) {
            matches(problems, "township", p.township(), township.name());
        } else if (p.township() != null && p.townshipCode() == null) {
            problems.add(problem("townshipCode", "places.address.township.codeRequired"));
        }
        if (p.community() == null && p.street() == null) {
            problems.add(problem("community", "places.address.place.required"));
        }
        if (p.room() != null && p.building() == null && p.compound() == null && p.doorNumber() == null) {
            problems.add(problem("room", "places.address.room.whereIsIt"));
        }
        if (problems.size() > before) {
            return null;
        }
        Parts stored = new Parts(county.code(), township == null ? null : township.code(), province, city,
                county.name(), township == null ? null : township.name(), p.community(), p.villageGroup(), p.street(),
                p.doorNumber(), p.compound(), p.building(), p.unit(), p.floor(), p.room());
        return new Checked(stored, text(stored, Divisions.fullName(county.code())));
    }

    /**
     * The one-line text of parts whose names are given and known to be right (a bulk load of known
     * places), without looking at the division tables: province, city (if any) and county as given.
     */
    public static String compose(Parts p) {
        String division = nullToEmpty(p.province()) + nullToEmpty(p.city()) + nullToEmpty(p.county());
        return text(p, division);
    }

    /** The one-line text of checked parts; {@code division} is the county's full name from the province down. */
    static String text(Parts p, String division) {
        StringBuilder text = new StringBuilder(division);
        append(text, p.township(), null);
        append(text, p.community(), null);
        append(text, p.villageGroup(), "组");
        append(text, p.street(), null);
        append(text, p.doorNumber(), ENDS_WITH_DIGIT.matcher(nullToEmpty(p.doorNumber())).matches() ? "号" : null);
        append(text, p.compound(), null);
        append(text, p.building(), "号楼");
        append(text, p.unit(), "单元");
        if (p.room() == null) {
            append(text, p.floor(), "层");
        }
        append(text, p.room(), "室");
        return text.toString();
    }

    private static void append(StringBuilder text, String part, String wordForNumber) {
        if (part == null) {
            return;
        }
        text.append(part);
        if (wordForNumber != null && (DIGITS.matcher(part).matches() || "号".equals(wordForNumber))) {
            text.append(wordForNumber);
        }
    }

    private static void matches(List<Invalid.Problem> problems, String field, String given, String expected) {
        if (given != null && !given.equals(expected)) {
            problems.add(problem(field, "places.address.name.mismatch", given,
                    Optional.ofNullable(expected).orElse("—")));
        }
    }

    static Invalid.Problem problem(String field, String key, Object... args) {
        return new Invalid.Problem(field, key, args);
    }

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip().replaceAll("\\s+", "");
        return t.isEmpty() ? null : t;
    }

    private static String digits(String s) {
        return clean(s);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The townships and street offices of a county, by code, for a form's choice. */
    public static List<Division> townshipsOf(String countyCode) {
        List<Division> found = new ArrayList<>();
        if (countyCode == null || !countyCode.matches("[0-9]{6}")) {
            return found;
        }
        for (int i = 1001; i <= 1999; i++) {
            Divisions.township(countyCode + String.valueOf(i).substring(1)).ifPresent(found::add);
        }
        return found;
    }
}
