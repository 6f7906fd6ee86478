package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The door-order key (natural_sort_key, V143 and V147) in the database, as every list in door order compares it:
 * numbers in digits or in Chinese numerals compare as the numbers they are, a numeral inside a name stays text.
 */
class DoorOrderKeyIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    String key(String text) {
        return jdbc.sql("SELECT natural_sort_key(?)").param(text).query(String.class).single();
    }

    boolean before(String first, String second) {
        return jdbc.sql("SELECT natural_sort_key(?) COLLATE \"C\" < natural_sort_key(?) COLLATE \"C\"")
                .params(first, second).query(Boolean.class).single();
    }

    @ParameterizedTest(name = "{0} before {1}")
    @CsvSource({
        "一组, 二组", "二组, 十组", "十组, 十一组", "十一组, 二十组", "二十组, 二十三组", "二十三组, 30组",
        "2组, 十组", "二组, 10组", "10组, 十一组", "1组9号, 1组十号",
        "3号, 十二号", "十二号, 一百零二号", "九十九号, 一百号", "一百零二号, 一百一十号", "一百零二号, 一百一号",
        "一千零一号, 1002号", "二〇二室, 301室", "1组1号, 一组2号", "第二村民小组, 第十村民小组",
        "三单元, 十单元", "二期, 十期", "中山二路, 中山十路",
        // a numbered group before a name, as 1组 comes before 一品苑
        "十组1号, 一品苑1号", "二十组1号, 一品苑1号", "十一组1号, 十里铺1号",
        // digits still compare as before (V143)
        "1组2号, 1组10号", "3号楼, 12号楼", "101室, 1001室", "１组３号, 1组10号"})
    void numbersInDigitsOrChineseNumeralsCompareAsNumbers(String first, String second) {
        assertThat(before(first, second)).as(key(first) + " < " + key(second)).isTrue();
        assertThat(before(second, first)).isFalse();
    }

    @ParameterizedTest(name = "{0} is keyed as {1}")
    @CsvSource({
        "一组, 1组", "一组三号, 1组3号", "十五号, 15号", "二十三组, 23组", "一百零二号, 102号", "一百一号, 110号",
        "三千五号, 3500号", "两号, 2号", "二〇二室, 202室", "二○二室, 202室", "〇三号, 3号", "零号, 0号",
        "第一村民小组, 第1村民小组", "一小组, 1小组", "三大队, 3大队", "三单元, 3单元", "十号楼, 10号楼", "五层, 5层",
        "东区三栋, 东区3栋", "九幢, 9幢", "一期, 1期", "二排, 2排", "三巷, 3巷", "四弄, 4弄", "一队, 1队", "十一座, 11座"})
    void aNumberInChineseNumeralsIsKeyedAsInDigits(String chinese, String digits) {
        assertThat(key(chinese)).isEqualTo(key(digits));
    }

    /** A numeral not followed by a word that numbers a place is part of a name, and the name is its own key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"一品苑", "十里铺", "三口镇", "百禄镇", "七星村", "万达广场", "千佛寺", "第一中学", "三十里铺", "一", "二十"})
    void aNumeralInsideANameStaysText(String name) {
        assertThat(key(name)).isEqualTo(name);
        assertThat(key(name + "3号")).isEqualTo(name + "13号");
    }
}
