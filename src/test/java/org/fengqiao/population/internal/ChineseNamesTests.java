package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseNamesTests {

    @Test
    void givesTheInitialOfEachCharacter() {
        assertThat(ChineseNames.initials("张三")).isEqualTo("zs");
        assertThat(ChineseNames.initials("欧阳娜娜")).isEqualTo("oynn");
    }

    @Test
    void readsSurnamesByTheirSurnameReading() {
        assertThat(ChineseNames.initials("单田芳")).isEqualTo("stf");
        assertThat(ChineseNames.fullPinyin("单田芳")).isEqualTo("shantianfang");
        assertThat(ChineseNames.initials("曾国藩")).isEqualTo("zgf");
        assertThat(ChineseNames.initials("解缙")).isEqualTo("xj");
        assertThat(ChineseNames.initials("仇英")).isEqualTo("qy");
        assertThat(ChineseNames.initials("区志强")).isEqualTo("ozq");
        assertThat(ChineseNames.initials("朴正熙")).isEqualTo("pzx");
        assertThat(ChineseNames.initials("查良镛")).isEqualTo("zly");
        assertThat(ChineseNames.initials("盖聂")).isEqualTo("gn");
        assertThat(ChineseNames.fullPinyin("翟天临")).isEqualTo("zhaitianlin");
        assertThat(ChineseNames.fullPinyin("乐嘉")).isEqualTo("yuejia");
    }

    @Test
    void readsCompoundSurnamesAsTwoSyllables() {
        assertThat(ChineseNames.initials("欧阳修")).isEqualTo("oyx");
        assertThat(ChineseNames.initials("尉迟恭")).isEqualTo("ycg");
        assertThat(ChineseNames.fullPinyin("尉迟恭")).isEqualTo("yuchigong");
        assertThat(ChineseNames.initials("万俟卨")).isEqualTo("mqx");
        assertThat(ChineseNames.fullPinyin("万俟卨")).isEqualTo("moqixie");
        assertThat(ChineseNames.fullPinyin("长孙无忌")).isEqualTo("zhangsunwuji");
    }

    @Test
    void readsASurnameCharacterInTheGivenNameByItsOrdinaryReading() {
        assertThat(ChineseNames.initials("王单")).isEqualTo("wd");
        assertThat(ChineseNames.fullPinyin("王单")).isEqualTo("wangdan");
        assertThat(ChineseNames.fullPinyin("李长江")).isEqualTo("lichangjiang");
    }

    @Test
    void keepsLatinLettersLowerCaseAndDropsEverythingElse() {
        assertThat(ChineseNames.initials("买买提·艾力")).isEqualTo("mmtal");
        assertThat(ChineseNames.fullPinyin("Anna 李")).isEqualTo("annali");
        assertThat(ChineseNames.fullPinyin("吕布")).isEqualTo("lvbu");
        assertThat(ChineseNames.initials("张三2")).isEqualTo("zs");
        assertThat(ChineseNames.initials(null)).isEmpty();
    }

    @Test
    void givesTheFirstLetterOfEachWordOfANameInLatinLetters() {
        assertThat(ChineseNames.initials("John Smith")).isEqualTo("js");
        assertThat(ChineseNames.pinyin("John Smith")).isEqualTo(new ChineseNames.Pinyin("js", "johnsmith"));
        assertThat(ChineseNames.initials("Maria Garcia-Lopez")).isEqualTo("mgl");
        assertThat(ChineseNames.initials("Sean O'Brien")).as("the apostrophe keeps the word whole").isEqualTo("so");
        // folded as a search's text is, so a plain keyboard types them
        assertThat(ChineseNames.initials("Émile Zola")).isEqualTo("ez");
        assertThat(ChineseNames.initials("E\u0301mile Zola")).as("the accent as a combining mark").isEqualTo("ez");
        assertThat(ChineseNames.initials("Đặng Văn Đức")).isEqualTo("dvd");
        assertThat(ChineseNames.initials("Øster Ærø")).isEqualTo("oa");
        assertThat(ChineseNames.initials("ＪＯＨＮ ＳＭＩＴＨ")).as("fullwidth").isEqualTo("js");
    }

    @Test
    void readsAMixedNameAsItsChineseSyllablesAndLatinWordsInOrder() {
        assertThat(ChineseNames.initials("Anna 李")).isEqualTo("al");
        assertThat(ChineseNames.initials("李Anna")).isEqualTo("la");
        assertThat(ChineseNames.initials("张三Tom")).isEqualTo("zst");
        assertThat(ChineseNames.initials("欧阳John")).isEqualTo("oyj");
    }
}
