package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a typed address is read: numbers the standard way, and the part below the township for the short forms. */
class AddressQueryTests {

    @Test
    void theDivisionsAboveTheVillageAreLeftOutOfTheShorterForm() {
        AddressQuery full = AddressQuery.of("江苏省连云港市东海县房山镇吴场村1组40号");
        assertThat(full.text()).isEqualTo("江苏省连云港市东海县房山镇吴场村1组40号");
        assertThat(full.shorter()).isEqualTo("吴场村1组40号");
        assertThat(AddressQuery.of("东海县吴场村1组40号").shorter()).isEqualTo("吴场村1组40号");
        assertThat(AddressQuery.of("房山镇吴场村1组40号").shorter()).isEqualTo("吴场村1组40号");
        assertThat(AddressQuery.of("牛山街道和平路18号").shorter()).isEqualTo("和平路18号");
        assertThat(AddressQuery.of("吴场村1组40号").shorter()).as("nothing to leave out").isNull();
    }

    @Test
    void aCommunityOrCompoundNamedSomethingAreaStaysInTheShorterForm() {
        assertThat(AddressQuery.of("牛山街道和平社区3号楼").shorter()).isEqualTo("和平社区3号楼");
        assertThat(AddressQuery.of("福海小区3号楼").shorter()).isNull();
        assertThat(AddressQuery.of("海州区福海小区3号楼").shorter()).isEqualTo("福海小区3号楼");
    }

    @Test
    void numbersAreReadAsTheStandardWritesThem() {
        assertThat(AddressQuery.of("吴场村一组四十号").text()).isEqualTo("吴场村1组40号");
        assertThat(AddressQuery.of("吴场村十二组二十三号").text()).isEqualTo("吴场村12组23号");
        assertThat(AddressQuery.of("吴场村1组40").text()).isEqualTo("吴场村1组40号");
        assertThat(AddressQuery.of(" 吴场村　１组 ４０号 ").text()).isEqualTo("吴场村1组40号");
        assertThat(AddressQuery.of("和平社区三栋二单元").text()).isEqualTo("和平社区3号楼2单元");
        assertThat(AddressQuery.of("一百零五号").text()).isEqualTo("105号");
        // as spoken, and as the door order reads them: 一百一 is 110, 三千五 3500, ○ typed for 〇
        assertThat(AddressQuery.of("一百一号").text()).isEqualTo("110号");
        assertThat(AddressQuery.of("三千五号").text()).isEqualTo("3500号");
        assertThat(AddressQuery.of("二○二室").text()).isEqualTo("202室");
        assertThat(AddressQuery.of("   ")).isNull();
        // a text stored with its own numerals is still looked for as typed
        assertThat(AddressQuery.of("人民一号路").forms()).containsExactly("人民1号路", "人民一号路");
    }

    @Test
    void likePatternsEscapeTheWildcards() {
        assertThat(AddressQuery.inside("50%_路")).isEqualTo("%50\\%\\_路%");
        assertThat(AddressQuery.atEnd("1组4号")).isEqualTo("%1组4号");
    }
}
