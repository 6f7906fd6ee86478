package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

class StandardAddressTests {

    static StandardAddress.Parts parts(String county, String township, String community, String group, String street,
            String door, String compound, String building, String unit, String floor, String room) {
        return new StandardAddress.Parts(county, township, null, null, null, null, community, group, street, door,
                compound, building, unit, floor, room);
    }

    static List<String> fields(List<Invalid.Problem> problems) {
        return problems.stream().map(p -> p.field() + ":" + p.key()).toList();
    }

    @Test
    void composesAFlatInACompoundInTheStandardOrderWithTheWordsOfEachLevel() {
        List<Invalid.Problem> problems = new ArrayList<>();
        StandardAddress.Checked a = StandardAddress.check(parts("320722", "320722001000", "和平社区", null, null, null,
                "和平新村", "3", "2", "5", "502"), problems);
        assertThat(problems).isEmpty();
        assertThat(a.fullText()).isEqualTo("江苏省连云港市东海县牛山街道和平社区和平新村3号楼2单元502室");
        assertThat(a.parts().province()).isEqualTo("江苏省");
        assertThat(a.parts().city()).isEqualTo("连云港市");
        assertThat(a.parts().county()).isEqualTo("东海县");
        assertThat(a.parts().township()).isEqualTo("牛山街道");
    }

    @Test
    void writesTheSameTextWhetherTheWordsAreTypedOrNotAndIgnoresSpaces() {
        List<Invalid.Problem> problems = new ArrayList<>();
        String bare = StandardAddress.check(parts("320722", "320722112", "吴场村", "3", null, "12", null, null, null, null,
                null), problems).fullText();
        String worded = StandardAddress.check(parts(" 320722 ", "320722112000", "吴场 村", "3组", null, "12号", null, null,
                null, null, null), problems).fullText();
        assertThat(problems).isEmpty();
        assertThat(bare).isEqualTo(worded).isEqualTo("江苏省连云港市东海县房山镇吴场村3组12号");
    }

    @Test
    void writesTheFloorOnlyWhenThereIsNoRoomAndAStreetDoorBeforeTheCompound() {
        List<Invalid.Problem> problems = new ArrayList<>();
        assertThat(StandardAddress.check(parts("320722", null, null, null, "和平路", "66", null, "1", null, "3", null),
                problems).fullText()).isEqualTo("江苏省连云港市东海县和平路66号1号楼3层");
        assertThat(StandardAddress.check(parts("110101", "110101001", null, null, "东华门大街", "甲1", null, null, null,
                "3", "301"), problems).fullText()).isEqualTo("北京市东城区东华门街道东华门大街甲1号301室");
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownCountyOrTownshipIsAProblemOfItsField() {
        List<Invalid.Problem> problems = new ArrayList<>();
        assertThat(StandardAddress.check(parts("999999", "999999001000", "和平社区", null, null, null, null, null, null,
                null, null), problems)).isNull();
        assertThat(fields(problems)).containsExactly("countyCode:places.address.county.unknown",
                "townshipCode:places.address.township.unknown");
    }

    @Test
    void aTownshipOfAnotherCountyIsAProblem() {
        List<Invalid.Problem> problems = new ArrayList<>();
        StandardAddress.check(parts("320722", "110101001000", "和平社区", null, null, null, null, null, null, null, null),
                problems);
        assertThat(fields(problems)).containsExactly("townshipCode:places.address.township.outsideCounty");
        assertThat(problems.get(0).args()).containsExactly("东华门街道", "东海县");
    }

    @Test
    void namesThatAreNotTheCodesNamesAreProblemsOfTheirFields() {
        List<Invalid.Problem> problems = new ArrayList<>();
        StandardAddress.check(new StandardAddress.Parts("320722", "320722001000", "江苏省", "徐州市", "海州区", "房山镇",
                "和平社区", null, null, null, null, null, null, null, null), problems);
        assertThat(fields(problems)).containsExactly("city:places.address.name.mismatch",
                "county:places.address.name.mismatch", "township:places.address.name.mismatch");
        assertThat(problems.get(1).args()).containsExactly("海州区", "东海县");

        problems.clear();
        StandardAddress.check(new StandardAddress.Parts("320722", "320722001000", "江苏省", "连云港市", "东海县", "牛山街道",
                "和平社区", null, null, null, null, null, null, null, null), problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void needsACountyAndACommunityOrStreet() {
        List<Invalid.Problem> problems = new ArrayList<>();
        StandardAddress.check(parts(null, null, null, null, null, "12", null, null, null, null, null), problems);
        assertThat(fields(problems)).containsExactly("countyCode:error.field.required",
                "community:places.address.place.required");
    }

    @Test
    void composingFromKnownNamesWritesWhatTheCheckedPartsWrite() {
        List<Invalid.Problem> problems = new ArrayList<>();
        StandardAddress.Checked checked = StandardAddress.check(parts("320722", "320722112000", "陆圩村", null, "陆圩街",
                "27", null, null, null, null, null), problems);
        assertThat(StandardAddress.compose(new StandardAddress.Parts("320722", "320722112000", "江苏省", "连云港市", "东海县",
                "房山镇", "陆圩村", null, "陆圩街", "27", null, null, null, null, null))).isEqualTo(checked.fullText())
                .isEqualTo("江苏省连云港市东海县房山镇陆圩村陆圩街27号");
        assertThat(StandardAddress.compose(checked.parts())).isEqualTo(checked.fullText());
    }

    @Test
    void listsTheTownshipsOfACounty() {
        assertThat(StandardAddress.townshipsOf("320722")).extracting(Division::name).contains("牛山街道", "房山镇", "石榴街道")
                .hasSize(21);
        assertThat(StandardAddress.townshipsOf("32072")).isEmpty();
    }
}
