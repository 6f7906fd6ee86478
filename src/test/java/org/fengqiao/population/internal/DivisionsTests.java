package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivisionsTests {

    @Test
    void findsDonghaiCountyUnderLianyungangInJiangsu() {
        assertThat(Divisions.county("320722")).contains(new Division("320722", "东海县", "320700"));
        assertThat(Divisions.knownCounty("320722")).isTrue();
        assertThat(Divisions.fullName("320722")).isEqualTo("江苏省连云港市东海县");
    }

    @Test
    void findsATownshipOfDonghaiByItsNineOrTwelveDigitCode() {
        Division niushan = new Division("320722001000", "牛山街道", "320722");

        assertThat(Divisions.township("320722001")).contains(niushan);
        assertThat(Divisions.township("320722001000")).contains(niushan);
        assertThat(Divisions.fullName("320722001000")).isEqualTo("江苏省连云港市东海县牛山街道");
    }

    @Test
    void knowsNoMadeUpCode() {
        assertThat(Divisions.knownCounty("999999")).isFalse();
        assertThat(Divisions.county("999999")).isEmpty();
        assertThat(Divisions.township("320722999")).isEmpty();
        assertThat(Divisions.township("320722001001")).isEmpty();
        assertThat(Divisions.fullName("999999")).isEqualTo("999999");
    }

    @Test
    void doesNotTakeAProvinceOrCityForACounty() {
        assertThat(Divisions.knownCounty("320000")).isFalse();
        assertThat(Divisions.knownCounty("320700")).isFalse();
        assertThat(Divisions.fullName("320700")).isEqualTo("江苏省连云港市");
        assertThat(Divisions.fullName("320000")).isEqualTo("江苏省");
    }

    @Test
    void leavesGroupingRowsAndRepeatedNamesOutOfFullNames() {
        assertThat(Divisions.fullName("110105")).isEqualTo("北京市朝阳区");
        assertThat(Divisions.fullName("500229")).isEqualTo("重庆市城口县");
        assertThat(Divisions.fullName("441900")).isEqualTo("广东省东莞市");
        assertThat(Divisions.fullName("429004")).isEqualTo("湖北省仙桃市");
    }
}
