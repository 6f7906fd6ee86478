package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * What a name is searched by: its pinyin initials ({@code zs} finds 张三), its full pinyin, and its
 * two-character fragments. A dictionary gives a polyphonic character's common reading, which for
 * many surnames is the wrong one (单 is "dan" in 单位 but "shan" as a surname), so the surname —
 * the first character, or the first two for a compound surname — is read from a table of surname
 * readings first.
 */
public final class ChineseNames {

    /** Compound surnames and their readings, one syllable per character. */
    private static final Map<String, List<String>> COMPOUND_SURNAMES = Map.ofEntries(
            Map.entry("欧阳", List.of("ou", "yang")),
            Map.entry("司马", List.of("si", "ma")),
            Map.entry("上官", List.of("shang", "guan")),
            Map.entry("诸葛", List.of("zhu", "ge")),
            Map.entry("尉迟", List.of("yu", "chi")),
            Map.entry("万俟", List.of("mo", "qi")),
            Map.entry("长孙", List.of("zhang", "sun")),
            Map.entry("慕容", List.of("mu", "rong")),
            Map.entry("令狐", List.of("ling", "hu")),
            Map.entry("皇甫", List.of("huang", "fu")),
            Map.entry("东方", List.of("dong", "fang")),
            Map.entry("夏侯", List.of("xia", "hou")),
            Map.entry("公孙", List.of("gong", "sun")),
            Map.entry("宇文", List.of("yu", "wen")),
            Map.entry("澹台", List.of("tan", "tai")),
            Map.entry("端木", List.of("duan", "mu")));

    /** Single-character surnames whose surname reading is not the dictionary's first reading. */
    private static final Map<Character, String> SURNAMES = Map.ofEntries(
            Map.entry('单', "shan"), Map.entry('曾', "zeng"), Map.entry('解', "xie"),
            Map.entry('仇', "qiu"), Map.entry('区', "ou"), Map.entry('朴', "piao"),
            Map.entry('查', "zha"), Map.entry('盖', "ge"), Map.entry('秘', "bi"),
            Map.entry('繁', "po"), Map.entry('召', "shao"), Map.entry('乐', "yue"),
            Map.entry('员', "yun"), Map.entry('翟', "zhai"), Map.entry('缪', "miao"),
            Map.entry('覃', "qin"), Map.entry('蕃', "pi"), Map.entry('句', "gou"),
            Map.entry('乜', "nie"), Map.entry('瞿', "qu"), Map.entry('阚', "kan"),
            Map.entry('褚', "chu"), Map.entry('沈', "shen"), Map.entry('重', "chong"),
            Map.entry('种', "chong"), Map.entry('尉', "wei"), Map.entry('宿', "su"),
            Map.entry('厍', "she"), Map.entry('眭', "sui"), Map.entry('冼', "xian"),
            Map.entry('柏', "bai"), Map.entry('那', "na"), Map.entry('都', "du"));

    /**
     * Characters common in given names whose dictionary first reading is not the one names use
     * (长 is "zhang" first, but 长江 in a name is "chang").
     */
    private static final Map<Character, String> GIVEN_NAME_READINGS = Map.of(
            '长', "chang",
            '朴', "pu",
            '重', "chong",
            '那', "na");

    private static final HanyuPinyinOutputFormat FORMAT = format();

    private ChineseNames() {
    }

    /** Initials and full pinyin of a name from one reading of it, for writers that store both. */
    public record Pinyin(String initials, String full) {
    }

    public static Pinyin pinyin(String name) {
        List<String> syllables = syllables(name);
        StringBuilder initials = new StringBuilder(syllables.size());
        StringBuilder full = new StringBuilder(syllables.size() * 5);
        for (String s : syllables) {
            initials.append(initial(s));
            full.append(s);
        }
        return new Pinyin(initials.toString(), full.toString());
    }

    /**
     * Lower-case initials of each syllable and of each word in Latin letters: 张三 → zs, 欧阳娜娜 → oynn,
     * John Smith → js, Anna 李 → al.
     */
    public static String initials(String name) {
        return syllables(name).stream().map(ChineseNames::initial).collect(Collectors.joining());
    }

    /**
     * A syllable's first letter; a Latin word's folded as a search's text is (José → j, Émile → e, Øster → o), so
     * the initials an officer types on a plain keyboard find it. A letter with no such folding stays as it is.
     */
    private static String initial(String syllable) {
        String first = syllable.substring(0, 1);
        if (first.charAt(0) >= 'a' && first.charAt(0) <= 'z') {
            return first;
        }
        List<String> folded = PersonQuery.latinWords(first);
        return folded == null || folded.isEmpty() ? first : folded.get(0).substring(0, 1);
    }

    /** The whole name in toneless pinyin, ü written v: 单田芳 → shantianfang, 吕布 → lvbu. */
    public static String fullPinyin(String name) {
        return String.join("", syllables(name));
    }

    /**
     * One entry per Han character or word in Latin letters: a Han character gives its syllable, a word
     * its letters lower-cased (so its initial is its first letter: an officer types js for John Smith as
     * zs for 张三), anything else (spaces, hyphens, the middle dot of transliterated names, digits) gives
     * nothing. Accents written as combining marks and apostrophes keep a word whole (O'Brien is one word).
     */
    private static List<String> syllables(String name) {
        if (name == null) {
            return List.of();
        }
        String text = name.strip();
        List<String> result = new ArrayList<>();
        int start = 0;
        if (text.length() >= 2 && COMPOUND_SURNAMES.containsKey(text.substring(0, 2))) {
            result.addAll(COMPOUND_SURNAMES.get(text.substring(0, 2)));
            start = 2;
        } else if (!text.isEmpty() && SURNAMES.containsKey(text.charAt(0))) {
            result.add(SURNAMES.get(text.charAt(0)));
            start = 1;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                String reading = GIVEN_NAME_READINGS.getOrDefault(c, firstReading(c));
                if (reading != null) {
                    result.add(reading);
                }
            } else if (isLatinLetter(c)) {
                StringBuilder word = new StringBuilder();
                for (; i < text.length() && (isLatinLetter(text.charAt(i)) || continuesWord(text.charAt(i))); i++) {
                    if (isLatinLetter(text.charAt(i))) {
                        word.append(Character.toLowerCase(text.charAt(i)));
                    }
                }
                i--;
                result.add(word.toString());
            }
        }
        return result;
    }

    private static boolean isLatinLetter(char c) {
        return Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }

    /** A combining mark (an accent typed after its letter) or an apostrophe inside a word. */
    private static boolean continuesWord(char c) {
        return Character.getType(c) == Character.NON_SPACING_MARK || "'`\u2018\u2019\u02bc".indexOf(c) >= 0;
    }

    /** Readings by character, filled as met: the dictionary parses its text entry on every call. */
    private static final String[] READINGS = new String[Character.MAX_VALUE + 1];
    private static final String NO_READING = new String("");

    private static String firstReading(char c) {
        String cached = READINGS[c];
        if (cached == null) {
            String reading = dictionaryReading(c);
            // Strings are immutable, so another thread seeing the entry sees it whole; a race computes it twice
            cached = reading == null ? NO_READING : reading;
            READINGS[c] = cached;
        }
        return cached == NO_READING ? null : cached;
    }

    private static String dictionaryReading(char c) {
        try {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            return readings == null || readings.length == 0 ? null : readings[0];
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin format refused", e);
        }
    }

    private static HanyuPinyinOutputFormat format() {
        HanyuPinyinOutputFormat format = new HanyuPinyinOutputFormat();
        format.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        format.setVCharType(HanyuPinyinVCharType.WITH_V);
        format.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        return format;
    }
}
