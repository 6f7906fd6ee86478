package org.fengqiao.platform;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address as a person types it to find a standard address (一标): the report page, the staff intake, the address
 * list. The standard text is written in full from the province down (江苏省连云港市东海县房山镇吴场村1组40号); people
 * leave out what they take for granted (吴场村1组40号, 房山镇吴场村1组40号, 东海县吴场村1组40号) and write numbers their way
 * (吴场村一组40号, 吴场村1组40, full-width digits). {@link #of} gives the text written the standard way and the part
 * of it below the township, so a query can look for either inside the standard texts; a text stored with its own
 * way of writing numbers (人民一号路) is still found by what was typed as typed.
 */
public record AddressQuery(String text, List<String> forms) {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u3000]+");
    /** A number in Chinese numerals before the word that counts it: 一组, 十二组, 二十三号, 三栋, 二单元. */
    private static final Pattern CHINESE_NUMBER = Pattern.compile("([零〇○一二两三四五六七八九十百千]+)(组|号|栋|幢|单元|层|室)");
    /** 3栋, 3幢 as the standard writes them: 3号楼. */
    private static final Pattern BUILDING = Pattern.compile("(\\d+)(栋|幢)");
    /** A door number after the group with its 号 left out: 1组40. */
    private static final Pattern BARE_DOOR = Pattern.compile("(组\\d+)$");
    /**
     * One division name at the start, from the province down to the township: 江苏省, 连云港市, 东海县, 房山镇, 牛山街道. A
     * 区 counts only as a whole county-level name of two to four characters that is no 社区 or 小区 (和平社区 is a
     * community, left in).
     */
    private static final Pattern DIVISION = Pattern.compile(
            "^(?:[^省市县区镇乡]{2,7}(?:省|自治区)|[^省市县区镇乡]{2,9}市|[^省市县区镇乡]{1,9}(?:县|旗)"
                    + "|(?![^区]*(?:社区|小区|园区|校区|景区))[^省市县区镇乡]{1,3}区|[^省市县区镇乡]{1,9}(?:镇|乡|街道))");
    /** The shortest text worth looking for alone: three characters make a trigram the index can use. */
    private static final int SHORTEST = 3;

    /** The query for what was typed; null when nothing was. */
    public static AddressQuery of(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String raw = SPACES.matcher(Normalizer.normalize(typed, Normalizer.Form.NFKC)).replaceAll("");
        String text = replaceChineseNumbers(raw);
        text = BUILDING.matcher(text).replaceAll("$1号楼");
        text = BARE_DOOR.matcher(text).replaceAll("$1号");
        Set<String> forms = new LinkedHashSet<>();
        forms.add(text);
        forms.add(raw);
        for (String s : List.of(local(text), local(raw))) {
            if (s.length() >= SHORTEST) {
                forms.add(s);
            }
        }
        return new AddressQuery(text, List.copyOf(forms));
    }

    private static String local(String s) {
        String local = s;
        Matcher m = DIVISION.matcher(local);
        while (m.find() && local.length() - m.end() >= SHORTEST) {
            local = local.substring(m.end());
            m = DIVISION.matcher(local);
        }
        return local;
    }

    /** The part below the township when the divisions above it were written; else null. */
    public String shorter() {
        String local = local(text);
        return local.equals(text) || local.length() < SHORTEST ? null : local;
    }

    /** An SQL condition: the column holds one of the forms. Its parameters are {@link #params()}. */
    public String anyInside(String column) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < forms.size(); i++) {
            b.append(i == 0 ? "" : " OR ").append(column).append(" LIKE :addressInside").append(i);
        }
        return b.append(')').toString();
    }

    /**
     * SQL ORDER BY terms, best first: the column is the text typed, then ends with a form (what was typed, then the
     * shorter forms), then holds one.
     */
    public String bestFirst(String column) {
        return String.join(", ", terms(column).stream().map(t -> t + " DESC").toList());
    }

    /**
     * The conditions of {@link #bestFirst} as a list of SQL booleans, for an {@code ARRAY[…]} that ranks a match (arrays
     * of booleans compare in the same order) and tells which matches are as good as another.
     */
    public String rankTerms(String column) {
        return String.join(", ", terms(column));
    }

    private List<String> terms(String column) {
        List<String> terms = new ArrayList<>();
        terms.add(column + " = :addressText");
        for (int i = 0; i < forms.size(); i++) {
            terms.add(column + " LIKE :addressAtEnd" + i);
        }
        for (int i = 0; i < forms.size(); i++) {
            terms.add(column + " LIKE :addressInside" + i);
        }
        return terms;
    }

    /** The parameters of {@link #anyInside} and {@link #bestFirst}. */
    public Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("addressText", text);
        for (int i = 0; i < forms.size(); i++) {
            params.put("addressInside" + i, inside(forms.get(i)));
            params.put("addressAtEnd" + i, atEnd(forms.get(i)));
        }
        return params;
    }

    /** A LIKE pattern finding the text anywhere, its wildcards escaped (with '\\'). */
    public static String inside(String s) {
        return s == null ? null : "%" + escaped(s) + "%";
    }

    /** A LIKE pattern finding the text at the end. */
    public static String atEnd(String s) {
        return s == null ? null : "%" + escaped(s);
    }

    private static String escaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String replaceChineseNumbers(String text) {
        Matcher m = CHINESE_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Integer n = chineseNumber(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement((n == null ? m.group(1) : n.toString()) + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * 一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105, 四〇 → 40, and as spoken 一百一 → 110, 三千五 → 3500: the same
     * reading as the door order's key (V147), so a typed address finds what the lists sort there; null for what is no
     * number.
     */
    static Integer chineseNumber(String s) {
        boolean positional = s.indexOf('十') < 0 && s.indexOf('百') < 0 && s.indexOf('千') < 0;
        if (positional) {
            int n = 0;
            for (char c : s.toCharArray()) {
                int d = digit(c);
                if (d < 0) {
                    return null;
                }
                n = n * 10 + d;
            }
            return n;
        }
        int total = 0;
        int current = -1; // the digit waiting for its 十, 百 or 千 (none: 十 alone is 10)
        int unit = 0; // the last of those seen
        boolean zero = false; // a 零 since it: 一百零二 is 102, 一百二 is 120
        for (char c : s.toCharArray()) {
            int u = c == '十' ? 10 : c == '百' ? 100 : c == '千' ? 1000 : 0;
            if (u > 0) {
                total += (current < 0 ? 1 : current) * u;
                unit = u;
                current = -1;
                zero = false;
            } else {
                current = digit(c);
                if (current < 0) {
                    return null;
                }
                zero |= current == 0;
            }
        }
        if (current > 0) {
            total += zero || unit < 100 ? current : current * unit / 10;
        }
        return total;
    }

    private static int digit(char c) {
        return c == '〇' || c == '○' ? 0 : c == '两' ? 2 : "零一二三四五六七八九".indexOf(c);
    }
}
