package org.fengqiao.population.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The room an address's one-line text names, as {@link StandardAddress} writes it and as people type it: the text
 * ends with the room (301室), after the unit (2单元) and, when typed, the floor (3层, 3楼); what comes before ends with
 * the building's name (…阳光小区7号楼). Pure: which building of the grid, and which of its rooms, is for the caller to
 * find ({@link #building}). A text without a room names none, and is not read any further.
 *
 * <p>The ways of writing met in registers (GA/T 2000.32 addresses: 幢/栋/号楼, 单元, 室/号/房) are read alike:
 * full-width digits (５０１室), a leading zero (0301室), a unit or floor in Chinese numerals (二单元, 三层), the room
 * ending with 室, 房 or 户, or with 号 or nothing when a unit, floor or building word comes before it (7号楼2单元301,
 * 3栋301号; 人民路301号 is a house number, not a room). A floor written 3楼 may also be a building's name, so such
 * a text has two readings ({@link #readings}); the caller places a household only when exactly one room fits.
 *
 * <p>Numerals: a unit, floor or numbered building in Chinese numerals up to 九十九 (十二单元, 十二层, 十二楼,
 * 二十一号楼 as 21号楼); a room number in Chinese numerals only as it is said, digit by digit, and of at least three
 * digits as every room is (floor × 100 + index): 五零一室 and 三〇二室 are rooms 501 and 302, while 一室 and 两室 are the
 * rooms of a flat (一室一厅) and 二十一号 a house number, none a room.
 *
 * <p>Dashes (any of - － — – ‒ ―, as typed on a Chinese keyboard) name a room only where nothing else can be meant:
 * as everywhere here, an address that could be two rooms, or a house number, places nobody.
 * <ul>
 * <li>building-unit-room directly after a compound's name (…小区, 花园, 家园, 新村, 新城, 公寓, 苑, 园, 府, 庭, 湾, 居,
 * 邸, 二期) or alone: 阳光小区7-2-301 and 7-2-301 are building 7 (7号楼, 7栋, 七号楼 as the grid writes it), unit 2,
 * room 301;</li>
 * <li>building-room directly after a compound's name: 阳光花园7-301 is building 7's room 301 (a building of one
 * unit);</li>
 * <li>unit-room after a building's word: 7栋2-301, 7号楼2－301室 are unit 2, room 301 of 7栋 and 7号楼;</li>
 * <li>nothing else: after a street, a road, a village group or a house number (人民路12号2-301, 人民路2-301,
 * 人民路7-2-301, 人民路12-14号, 第3村4组12号-40) the numbers are house numbers or their range; a bare 2-301 is a range
 * as well; a room below 101 (阳光小区12-14号) is no room; four numbers (7-2-3-301) or a dash after a written unit
 * (2单元3-301) or after a building's word with the building again (7号楼7-2-301) have more than one reading.</li>
 * </ul>
 */
final class RoomAddress {

    private static final String NUMERALS = "[0-9]{1,3}|[一二三四五六七八九十]{1,3}";
    /** The room number is all the digits at the end: 1501室 is room 1501, never building 1's room 501. */
    private static final Pattern ROOM = Pattern.compile("^(.+?)(?:(" + NUMERALS + ")单元)?(?:(" + NUMERALS
            + ")(层|楼))?(?<![0-9])0*([1-9][0-9]{0,5})(室|房|户|号)?$");
    /** A room's number and ending in digits after dashes: the numbers are read by what comes before them. */
    private static final Pattern DASHED = Pattern.compile(
            "^(.*?)(?<![0-9-])(?:([0-9]{1,4})-)?([0-9]{1,2})-0*([1-9][0-9]{2,5})(?:室|房|户|号)?$");
    /** What a compound's name ends with, after which 7-2-301 is building 7, unit 2, room 301. */
    private static final Pattern COMPOUND_WORD = Pattern.compile(
            ".*(小区|花园|家园|新村|新城|公寓|苑|园|府|庭|湾|居|邸|[0-9一二三四五六七八九十]期)$");
    /** The dashes people type between the numbers: ASCII, full-width, and the dashes of a Chinese keyboard. */
    private static final Pattern DASHES = Pattern.compile("[\\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+");
    /** A room number said digit by digit in Chinese numerals (五零一室), at least three digits as every room. */
    private static final Pattern SAID_ROOM = Pattern.compile("(?<![〇零一二三四五六七八九十百])([〇零一二三四五六七八九]{3,6})"
            + "(室|房|户|号)?$");
    /** What ends the text before a room written with 号 or nothing: a building's word (楼, 栋, 幢, 座). */
    private static final Pattern BUILDING_WORD = Pattern.compile(".*[楼栋幢座]$");
    /** What a building's number is written with: 17号楼 is not 7号楼, 十七号楼 not 七号楼, BA座 not A座. */
    private static final Pattern NUMBERING = Pattern.compile("[0-9A-Za-z〇零一二三四五六七八九十百千两]");
    /** A building named by a number and the word for a building: 3号楼, 3栋 and 3幢 are one building. */
    private static final Pattern NUMBERED = Pattern.compile(
            "^(.*?)([0-9]{1,6}|[一二三四五六七八九十]{1,3})(号楼|号栋|号幢|栋|幢)$");

    /** A building's name that is its number alone: 7, 07, 七. */
    private static final Pattern BARE_NUMBER = Pattern.compile("[0-9]{1,6}|[一二三四五六七八九十]{1,3}");

    /** A room named by a text: the text before the unit (ending with the building), the unit and floor when given. */
    record Named(String before, Integer unit, Integer floor, String number) {
    }

    private RoomAddress() {
    }

    /** The room the text names, if it names one, read the first way ({@link #readings}). */
    static Optional<Named> of(String text) {
        return readings(text).stream().findFirst();
    }

    /**
     * Every way the text may name a room: none when it names no room; one mostly; two when it writes a floor with 楼
     * (阳光小区3楼301室: floor 3 of building 阳光小区, or a building named 3楼).
     */
    static List<Named> readings(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || !mayEndARoom(stripped.charAt(stripped.length() - 1))) {
            return List.of();
        }
        String plain = digitsOfSaidRoom(plain(text));
        if (plain.indexOf('-') >= 0) {
            Matcher d = DASHED.matcher(plain);
            if (d.matches()) {
                return dashed(d);
            }
        }
        Matcher m = ROOM.matcher(plain);
        // a dash right before the room (2单元3-301, 7-2-3-301) leaves more than one reading
        if (!m.matches() || m.group(1).endsWith("-")) {
            return List.of();
        }
        String before = m.group(1);
        Integer unit = number(m.group(2));
        Integer floor = number(m.group(3));
        String end = m.group(6);
        if ((end == null || end.equals("号")) && unit == null && floor == null
                && !BUILDING_WORD.matcher(before).matches()) {
            return List.of();
        }
        List<Named> readings = new ArrayList<>();
        readings.add(new Named(before, unit, floor, m.group(5)));
        if ("楼".equals(m.group(4)) && unit == null) {
            readings.add(new Named(before + m.group(3) + "楼", null, null, m.group(5)));
        }
        return readings;
    }

    /**
     * The room a text with dashes names (its dashes written as ASCII ones): building-unit-room after a compound's
     * name or alone, building-room after a compound's name, unit-room after a building's word; none otherwise.
     */
    private static List<Named> dashed(Matcher m) {
        String before = m.group(1);
        String room = m.group(4);
        if (m.group(2) != null) {
            boolean compound = before.isEmpty() || COMPOUND_WORD.matcher(before).matches();
            return compound ? List.of(new Named(before + Integer.valueOf(m.group(2)) + "号楼",
                    Integer.valueOf(m.group(3)), null, room)) : List.of();
        }
        if (BUILDING_WORD.matcher(before).matches()) {
            return List.of(new Named(before, Integer.valueOf(m.group(3)), null, room));
        }
        if (!before.isEmpty() && COMPOUND_WORD.matcher(before).matches()) {
            return List.of(new Named(before + Integer.valueOf(m.group(3)) + "号楼", null, null, room));
        }
        return List.of();
    }

    /** The text with a room number said digit by digit in Chinese numerals (五零一室) written in digits (501室). */
    private static String digitsOfSaidRoom(String text) {
        Matcher m = SAID_ROOM.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder digits = new StringBuilder();
        for (char c : m.group(1).toCharArray()) {
            digits.append(c == '〇' || c == '零' ? 0 : digit(c));
        }
        return text.substring(0, m.start(1)) + digits + text.substring(m.end(1));
    }

    /** A unit's or floor's number, in digits or in Chinese numerals up to 九十九; null for none. */
    private static Integer number(String written) {
        if (written == null) {
            return null;
        }
        if (Character.isDigit(written.charAt(0))) {
            return Integer.valueOf(written);
        }
        int ten = written.indexOf('十');
        if (ten < 0) {
            return written.length() == 1 ? digit(written.charAt(0)) : null;
        }
        if (written.length() > 3 || written.indexOf('十', ten + 1) >= 0) {
            return null;
        }
        int tens = ten == 0 ? 1 : digit(written.charAt(0));
        int ones = ten == written.length() - 1 ? 0 : digit(written.charAt(ten + 1));
        return tens * 10 + ones;
    }

    private static int digit(char c) {
        return "一二三四五六七八九".indexOf(c) + 1;
    }

    /**
     * The name of the building the text before the unit ends with, of the given names (a grid's buildings, whose
     * names are unique in it): the longest, so 二期7号楼 is not taken for 7号楼 when the grid has both; and a whole
     * name, so 17号楼 is not taken for 7号楼 when the grid has only that one. Full-width digits are read as digits.
     * When no name is written as the text writes it, a numbered building written with another word (3栋 for 3号楼,
     * 三号楼 for 3号楼) or registered by its number alone (3 for 3号楼) is the one, if the grid has only one such.
     */
    static Optional<String> building(Named named, Collection<String> names) {
        Optional<String> exact = longest(named.before(), names, RoomAddress::plain);
        return exact.isPresent() ? exact : longest(numbered(named.before()), names, n -> numberedName(plain(n)));
    }

    /**
     * Whether the text may be of a building in {@code compound} (its registered address's 小区, null or blank when
     * it has none): the text before the room writes that compound. A grid holds several compounds, each with its
     * 3号楼: the 3号楼 registered at 阳光小区 is not the one of 幸福小区, nor of a text that names no compound.
     */
    static boolean inCompound(Named named, String compound) {
        return compound == null || compound.isBlank() || named.before().contains(plain(compound.strip()));
    }

    /** The longest of the names that, written as {@code form} writes it, ends {@code before} whole; none if tied. */
    private static Optional<String> longest(String before, Collection<String> names,
            java.util.function.UnaryOperator<String> form) {
        String found = null;
        int length = 0;
        boolean tied = false;
        for (String name : names) {
            String written = form.apply(name);
            if (written.isEmpty() || !before.endsWith(written)
                    || !whole(before, before.length() - written.length(), written)) {
                continue;
            }
            if (written.length() > length) {
                found = name;
                length = written.length();
                tied = false;
            } else if (written.length() == length) {
                tied = true;
            }
        }
        return tied ? Optional.empty() : Optional.ofNullable(found);
    }

    /**
     * Whether a text ending with {@code c} may name a room: it ends with a digit (a Chinese one too), 室, 房, 户 or 号
     * (a fast refusal).
     */
    private static boolean mayEndARoom(char c) {
        return Character.isDigit(c) || c == '室' || c == '房' || c == '户' || c == '号' || c == '〇' || c == '零'
                || digit(c) > 0;
    }

    /**
     * The text without blanks, full-width digits and letters read as such (NFKC), every dash or run of dashes written
     * as one ASCII dash; each only when the text has any: an import reads a million addresses.
     */
    private static String plain(String text) {
        boolean wide = false;
        boolean dash = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            wide |= c >= '\uFF00' && c <= '\uFFEF' || c == '\u3000';
            dash |= c == '-' || c >= '\u2010' && c <= '\u2015' || c == '\u2212' || c == '\uFE58' || c == '\uFE63'
                    || c == '\uFF0D';
        }
        String read = (wide ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text).replaceAll("\\s+", "");
        return dash ? DASHES.matcher(read).replaceAll("-") : read;
    }

    /**
     * A building's name written as {@link #numbered} writes it; a name that is a number alone (7, 七: a compound's
     * buildings registered by their numbers) is the building of that number too, as 7号楼 and 7栋 are.
     */
    private static String numberedName(String name) {
        Matcher m = BARE_NUMBER.matcher(name);
        if (!m.matches()) {
            return numbered(name);
        }
        Integer n = Character.isDigit(name.charAt(0)) ? Integer.valueOf(name) : number(name);
        return n == null ? name : n + "#";
    }

    /** The text with the numbered building it ends with written one way: 3号楼, 3栋, 三幢 all as 3#. */
    private static String numbered(String text) {
        Matcher m = NUMBERED.matcher(text);
        if (!m.matches()) {
            return text;
        }
        Integer n = Character.isDigit(m.group(2).charAt(0)) ? Integer.valueOf(m.group(2)) : number(m.group(2));
        return n == null ? text : m.group(1) + n + "#";
    }

    /** Whether {@code name}, found at {@code at} in {@code text}, does not continue a number or letters before it. */
    private static boolean whole(String text, int at, String name) {
        return at == 0 || !NUMBERING.matcher(name.substring(0, 1)).matches()
                || !NUMBERING.matcher(text.substring(at - 1, at)).matches();
    }
}
