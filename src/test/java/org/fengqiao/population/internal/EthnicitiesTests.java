package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EthnicitiesTests {

    @Test
    void listsTheFiftySixGroupsAndTheTwoOtherCodes() {
        assertThat(Ethnicities.all()).hasSize(58);
        assertThat(Ethnicities.all()).extracting(Ethnicity::code).doesNotHaveDuplicates();
        assertThat(Ethnicities.all()).extracting(Ethnicity::name).doesNotHaveDuplicates();
        assertThat(Ethnicities.all().stream().filter(e -> e.name().endsWith("族"))).hasSize(56);
    }

    @Test
    void findsAGroupByItsCode() {
        assertThat(Ethnicities.byCode("01")).contains(new Ethnicity("01", "汉族", "Han"));
        assertThat(Ethnicities.byCode("10")).contains(new Ethnicity("10", "朝鲜族", "Chosen"));
        assertThat(Ethnicities.byCode("56")).contains(new Ethnicity("56", "基诺族", "Jino"));
        assertThat(Ethnicities.byCode("97").map(Ethnicity::name)).contains("其他");
        assertThat(Ethnicities.byCode("98").map(Ethnicity::name)).contains("外国血统中国籍人士");
        assertThat(Ethnicities.byCode("3").map(Ethnicity::name)).contains("回族");
    }

    @Test
    void knowsNoCodeBeyondTheStandard() {
        assertThat(Ethnicities.byCode("57")).isEmpty();
        assertThat(Ethnicities.byCode("99")).isEmpty();
        assertThat(Ethnicities.byCode(null)).isEmpty();
    }

    @Test
    void findsAGroupByNameWithOrWithoutTheWordForGroup() {
        assertThat(Ethnicities.byName("汉").map(Ethnicity::code)).contains("01");
        assertThat(Ethnicities.byName("汉族").map(Ethnicity::code)).contains("01");
        assertThat(Ethnicities.byName(" 维吾尔族 ").map(Ethnicity::code)).contains("05");
        assertThat(Ethnicities.byName("土").map(Ethnicity::code)).contains("30");
        assertThat(Ethnicities.byName("土家").map(Ethnicity::code)).contains("15");
        assertThat(Ethnicities.byName("zhuang").map(Ethnicity::code)).contains("08");
        assertThat(Ethnicities.byName("火星族")).isEmpty();
    }
}
