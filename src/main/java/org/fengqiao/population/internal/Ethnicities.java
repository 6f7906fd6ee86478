package org.fengqiao.population.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ethnic groups of GB/T 3304-1991 (中国各民族名称的罗马字母拼写法和代码): the 56 groups,
 * 97 其他 for a group not yet identified, and 98 for Chinese citizens of foreign origin.
 */
public final class Ethnicities {

    private static final List<Ethnicity> ALL = List.of(
            new Ethnicity("01", "汉族", "Han"),
            new Ethnicity("02", "蒙古族", "Mongol"),
            new Ethnicity("03", "回族", "Hui"),
            new Ethnicity("04", "藏族", "Zang"),
            new Ethnicity("05", "维吾尔族", "Uygur"),
            new Ethnicity("06", "苗族", "Miao"),
            new Ethnicity("07", "彝族", "Yi"),
            new Ethnicity("08", "壮族", "Zhuang"),
            new Ethnicity("09", "布依族", "Buyei"),
            new Ethnicity("10", "朝鲜族", "Chosen"),
            new Ethnicity("11", "满族", "Man"),
            new Ethnicity("12", "侗族", "Dong"),
            new Ethnicity("13", "瑶族", "Yao"),
            new Ethnicity("14", "白族", "Bai"),
            new Ethnicity("15", "土家族", "Tujia"),
            new Ethnicity("16", "哈尼族", "Hani"),
            new Ethnicity("17", "哈萨克族", "Kazak"),
            new Ethnicity("18", "傣族", "Dai"),
            new Ethnicity("19", "黎族", "Li"),
            new Ethnicity("20", "傈僳族", "Lisu"),
            new Ethnicity("21", "佤族", "Va"),
            new Ethnicity("22", "畲族", "She"),
            new Ethnicity("23", "高山族", "Gaoshan"),
            new Ethnicity("24", "拉祜族", "Lahu"),
            new Ethnicity("25", "水族", "Sui"),
            new Ethnicity("26", "东乡族", "Dongxiang"),
            new Ethnicity("27", "纳西族", "Naxi"),
            new Ethnicity("28", "景颇族", "Jingpo"),
            new Ethnicity("29", "柯尔克孜族", "Kirgiz"),
            new Ethnicity("30", "土族", "Tu"),
            new Ethnicity("31", "达斡尔族", "Daur"),
            new Ethnicity("32", "仫佬族", "Mulao"),
            new Ethnicity("33", "羌族", "Qiang"),
            new Ethnicity("34", "布朗族", "Blang"),
            new Ethnicity("35", "撒拉族", "Salar"),
            new Ethnicity("36", "毛南族", "Maonan"),
            new Ethnicity("37", "仡佬族", "Gelao"),
            new Ethnicity("38", "锡伯族", "Xibe"),
            new Ethnicity("39", "阿昌族", "Achang"),
            new Ethnicity("40", "普米族", "Pumi"),
            new Ethnicity("41", "塔吉克族", "Tajik"),
            new Ethnicity("42", "怒族", "Nu"),
            new Ethnicity("43", "乌孜别克族", "Uzbek"),
            new Ethnicity("44", "俄罗斯族", "Russ"),
            new Ethnicity("45", "鄂温克族", "Ewenki"),
            new Ethnicity("46", "德昂族", "Deang"),
            new Ethnicity("47", "保安族", "Bonan"),
            new Ethnicity("48", "裕固族", "Yugur"),
            new Ethnicity("49", "京族", "Gin"),
            new Ethnicity("50", "塔塔尔族", "Tatar"),
            new Ethnicity("51", "独龙族", "Derung"),
            new Ethnicity("52", "鄂伦春族", "Oroqen"),
            new Ethnicity("53", "赫哲族", "Hezhen"),
            new Ethnicity("54", "门巴族", "Monba"),
            new Ethnicity("55", "珞巴族", "Lhoba"),
            new Ethnicity("56", "基诺族", "Jino"),
            new Ethnicity("97", "其他", "Others"),
            new Ethnicity("98", "外国血统中国籍人士", "Chinese citizens of foreign origin"));

    private static final Map<String, Ethnicity> BY_CODE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Ethnicity::code, Function.identity()));

    private Ethnicities() {
    }

    /** All of them in code order. */
    public static List<Ethnicity> all() {
        return ALL;
    }

    /** By two-digit code; a single digit is read with its leading zero ("1" is 汉族). */
    public static Optional<Ethnicity> byCode(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String text = code.strip();
        return Optional.ofNullable(BY_CODE.get(text.length() == 1 ? "0" + text : text));
    }

    /**
     * A stored code as a reader of {@code locale} reads it: 回族, or Hui in English; a code the standard does not
     * have as it is, and none as null.
     */
    public static String shown(String code, java.util.Locale locale) {
        if (code == null || code.isBlank()) {
            return null;
        }
        return byCode(code).map(e -> "en".equals(locale.getLanguage()) ? e.englishName() : e.name()).orElse(code);
    }

    /**
     * By name as people write it: the full name (汉族), without its 族 (汉), or the romanised name
     * in any case (Han).
     */
    public static Optional<Ethnicity> byName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String text = name.strip();
        return ALL.stream()
                .filter(e -> e.name().equals(text) || e.name().equals(text + "族")
                        || e.englishName().equalsIgnoreCase(text))
                .findFirst();
    }
}
