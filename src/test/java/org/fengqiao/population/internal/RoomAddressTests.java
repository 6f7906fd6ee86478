package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The room an address's text names, read as the standard address writes it and as people type it. */
class RoomAddressTests {

    @Test
    void readsTheUnitAndRoomTheStandardAddressWritesAndTheFloorWhenTyped() {
        assertThat(RoomAddress.of("江苏省连云港市东海县牛山街道阳光社区阳光小区7号楼2单元301室")).contains(
                new RoomAddress.Named("江苏省连云港市东海县牛山街道阳光社区阳光小区7号楼", 2, null, "301"));
        assertThat(RoomAddress.of("阳光小区7号楼 2单元 3层 301室"))
                .contains(new RoomAddress.Named("阳光小区7号楼", 2, 3, "301"));
        assertThat(RoomAddress.of("阳光小区7号楼1201室")).contains(new RoomAddress.Named("阳光小区7号楼", null, null, "1201"));
    }

    @Test
    void aTextWithoutARoomNamesNone() {
        assertThat(RoomAddress.of("江苏省连云港市灌南县新安镇第3村4组12号-40")).isEmpty();
        assertThat(RoomAddress.of("阳光小区7号楼2单元")).isEmpty();
        assertThat(RoomAddress.of(null)).isEmpty();
    }

    @Test
    void theBuildingIsTheLongestNameOfTheGridTheTextEndsWith() {
        RoomAddress.Named named = RoomAddress.of("阳光小区二期7号楼2单元301室").orElseThrow();
        assertThat(RoomAddress.building(named, List.of("7号楼", "二期7号楼", "17号楼"))).contains("二期7号楼");
        assertThat(RoomAddress.building(named, List.of("8号楼"))).isEmpty();
    }

    @Test
    void aBuildingIsNotTakenForAnotherWhoseNumberEndsWithItsOwn() {
        // 17号楼 and 117号楼 end with 7号楼, 十七号楼 with 七号楼, B座 with 座: a grid that has registered only the
        // shorter one must not see its rooms taken by the households of the other building
        List<String> grid = List.of("7号楼", "七号楼", "A座");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区17号楼2单元301室").orElseThrow(), grid)).isEmpty();
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区117号楼2单元301室").orElseThrow(), grid)).isEmpty();
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区十七号楼2单元301室").orElseThrow(), grid)).isEmpty();
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区BA座2单元301室").orElseThrow(), grid)).isEmpty();
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7号楼2单元301室").orElseThrow(), grid)).contains("7号楼");
        assertThat(RoomAddress.building(RoomAddress.of("7号楼2单元301室").orElseThrow(), grid)).contains("7号楼");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区七号楼301室").orElseThrow(), grid)).contains("七号楼");
        assertThat(RoomAddress.building(RoomAddress.of("金色港湾A座1201室").orElseThrow(), grid)).contains("A座");
    }

    @Test
    void readsTheCommonWaysOfWritingTheBuildingUnitAndRoom() {
        assertThat(RoomAddress.of("3号楼2单元501室")).contains(new RoomAddress.Named("3号楼", 2, null, "501"));
        assertThat(RoomAddress.of("3栋2单元501室")).contains(new RoomAddress.Named("3栋", 2, null, "501"));
        // no building: nothing to place by
        assertThat(RoomAddress.of("501室")).isEmpty();
    }

    @Test
    void readsARoomWrittenWithFullWidthDigitsALeadingZeroOrChineseNumerals() {
        assertThat(RoomAddress.of("３号楼２单元５０１室")).contains(new RoomAddress.Named("3号楼", 2, null, "501"));
        assertThat(RoomAddress.of("3号楼2单元0301室")).contains(new RoomAddress.Named("3号楼", 2, null, "301"));
        assertThat(RoomAddress.of("3号楼二单元三层301室")).contains(new RoomAddress.Named("3号楼", 2, 3, "301"));
        assertThat(RoomAddress.of("3号楼十二单元301室")).contains(new RoomAddress.Named("3号楼", 12, null, "301"));
    }

    @Test
    void readsARoomEndingWithHaoFangOrNothingAfterAUnitFloorOrBuildingWord() {
        RoomAddress.Named room = new RoomAddress.Named("3栋", 2, null, "501");
        assertThat(RoomAddress.of("3栋2单元501")).contains(room);
        assertThat(RoomAddress.of("3栋2单元501号")).contains(room);
        assertThat(RoomAddress.of("3栋2单元501房")).contains(room);
        assertThat(RoomAddress.of("3栋2单元501户")).contains(room);
        assertThat(RoomAddress.of("阳光小区7号楼301号")).contains(new RoomAddress.Named("阳光小区7号楼", null, null, "301"));
        assertThat(RoomAddress.of("7号楼2单元3层301室")).contains(new RoomAddress.Named("7号楼", 2, 3, "301"));
        // a house number on a street or in a village group is not a room
        assertThat(RoomAddress.of("东海县牛山街道人民路301号")).isEmpty();
        assertThat(RoomAddress.of("新安镇第3村4组12号")).isEmpty();
        assertThat(RoomAddress.of("东海县牛山街道人民路301")).isEmpty();
    }

    @Test
    void aFloorWrittenWithLouIsReadAlsoAsTheBuildingsName() {
        // 3楼 is floor 3 of the building before it, or a building named 3楼: the caller takes the one room that fits
        assertThat(RoomAddress.readings("阳光小区7号楼3楼301")).containsExactly(
                new RoomAddress.Named("阳光小区7号楼", null, 3, "301"),
                new RoomAddress.Named("阳光小区7号楼3楼", null, null, "301"));
        assertThat(RoomAddress.readings("7号楼2单元3层301室"))
                .containsExactly(new RoomAddress.Named("7号楼", 2, 3, "301"));
    }

    @Test
    void aBuildingWrittenWithAnotherWordOrFullWidthDigitsIsTheGridsOnlySuchBuilding() {
        RoomAddress.Named dong = RoomAddress.of("阳光小区3栋2单元301室").orElseThrow();
        assertThat(RoomAddress.building(dong, List.of("3号楼", "13号楼"))).contains("3号楼");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区三号楼301室").orElseThrow(), List.of("3号楼")))
                .contains("3号楼");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区３号楼301室").orElseThrow(), List.of("3号楼")))
                .contains("3号楼");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区3号楼301室").orElseThrow(), List.of("３号楼")))
                .contains("３号楼");
        // the name as written wins; two other buildings it may be: neither
        assertThat(RoomAddress.building(dong, List.of("3号楼", "3栋"))).contains("3栋");
        assertThat(RoomAddress.building(RoomAddress.of("3幢301室").orElseThrow(), List.of("3号楼", "3栋"))).isEmpty();
        assertThat(RoomAddress.building(RoomAddress.of("13栋301室").orElseThrow(), List.of("3号楼"))).isEmpty();
    }

    @Test
    void aBuildingRegisteredInOneCompoundIsNotItsNamesakeInAnotherNorOfATextWritingNoCompound() {
        RoomAddress.Named ours = RoomAddress.of("房山镇阳光小区3号楼1单元101室").orElseThrow();
        RoomAddress.Named theirs = RoomAddress.of("房山镇幸福小区3号楼1单元101室").orElseThrow();
        RoomAddress.Named none = RoomAddress.of("3号楼1单元101室").orElseThrow();
        assertThat(RoomAddress.inCompound(ours, "阳光小区")).isTrue();
        assertThat(RoomAddress.inCompound(ours, " 阳光小区 ")).isTrue();
        assertThat(RoomAddress.inCompound(theirs, "阳光小区")).isFalse();
        assertThat(RoomAddress.inCompound(none, "阳光小区")).isFalse();
        // a building registered without a compound is whichever the text names, as before
        assertThat(RoomAddress.inCompound(theirs, null)).isTrue();
        assertThat(RoomAddress.inCompound(none, "")).isTrue();
        // full-width letters in the text are read as the register writes them
        assertThat(RoomAddress.inCompound(RoomAddress.of("Ａ区3号楼101室").orElseThrow(), "A区")).isTrue();
    }

    @Test
    void readsBuildingUnitAndRoomWrittenWithDashesAfterACompoundOrABuilding() {
        // 7-2-301: building 7, unit 2, room 301; 7-301: building 7's room 301 (a building of one unit)
        assertThat(RoomAddress.readings("阳光小区7-2-301"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "301"));
        assertThat(RoomAddress.readings("阳光小区7-2-301室"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "301"));
        assertThat(RoomAddress.readings("7-2-301")).containsExactly(new RoomAddress.Named("7号楼", 2, null, "301"));
        assertThat(RoomAddress.readings("阳光花园7-301"))
                .containsExactly(new RoomAddress.Named("阳光花园7号楼", null, null, "301"));
        // after a building's word, the number before the dash is the unit
        assertThat(RoomAddress.readings("阳光小区7栋2-301"))
                .containsExactly(new RoomAddress.Named("阳光小区7栋", 2, null, "301"));
        assertThat(RoomAddress.readings("阳光小区7号楼2-0301室"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "301"));
        // full-width digits and dashes, the dash typed with a Chinese keyboard
        assertThat(RoomAddress.readings("阳光小区７－２－３０１"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "301"));
        assertThat(RoomAddress.readings("阳光小区7—2—301"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "301"));
        assertThat(RoomAddress.readings("阳光小区7栋2－301"))
                .containsExactly(new RoomAddress.Named("阳光小区7栋", 2, null, "301"));
        // the building found as 7号楼 is whichever way the grid writes building 7
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7-2-301").orElseThrow(), List.of("7栋", "17栋")))
                .contains("7栋");
    }

    @Test
    void aDashedNumberThatMayBeAHouseNumberOrRangeNamesNoRoom() {
        // after a street, a house number or a village group: a house number (range), not a room
        assertThat(RoomAddress.readings("东海县牛山街道人民路12号2-301")).isEmpty();
        assertThat(RoomAddress.readings("东海县牛山街道人民路2-301")).isEmpty();
        assertThat(RoomAddress.readings("人民路7-2-301")).isEmpty();
        assertThat(RoomAddress.readings("人民路12-14号")).isEmpty();
        assertThat(RoomAddress.readings("新安镇第3村4组12号-40")).isEmpty();
        // a bare 2-301 with nothing before it: a house number range as well
        assertThat(RoomAddress.readings("2-301")).isEmpty();
        // no room is numbered below 101 (floor × 100 + index): 阳光小区12-14号 is a range of house numbers
        assertThat(RoomAddress.readings("阳光小区12-14号")).isEmpty();
        // four numbers, or a unit already written: no reading is sure
        assertThat(RoomAddress.readings("阳光小区7-2-3-301")).isEmpty();
        assertThat(RoomAddress.readings("阳光小区7号楼2单元3-301")).isEmpty();
        assertThat(RoomAddress.readings("阳光小区7号楼7-2-301")).isEmpty();
        // a dash earlier in the address does not change how its room is read
        assertThat(RoomAddress.readings("人民路12-1号阳光小区7号楼2单元301室"))
                .containsExactly(new RoomAddress.Named("人民路12-1号阳光小区7号楼", 2, null, "301"));
    }

    @Test
    void readsARoomNumberWrittenInChineseNumeralsDigitByDigit() {
        assertThat(RoomAddress.readings("阳光小区7号楼2单元五零一室"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "501"));
        assertThat(RoomAddress.readings("阳光小区7号楼三〇二室"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", null, null, "302"));
        assertThat(RoomAddress.readings("阳光小区7号楼二单元一二零一"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, null, "1201"));
        // 一室, 两室: rooms of a flat (一室一厅), no room number; 二十一号 is a house number
        assertThat(RoomAddress.readings("阳光小区7号楼一室")).isEmpty();
        assertThat(RoomAddress.readings("人民路二十一号")).isEmpty();
        assertThat(RoomAddress.readings("人民路五零一号")).isEmpty();
    }

    @Test
    void readsAFloorWrittenInChineseNumeralsAboveTenWithTheRoomInEither() {
        assertThat(RoomAddress.readings("阳光小区7号楼2单元十二层1201室"))
                .containsExactly(new RoomAddress.Named("阳光小区7号楼", 2, 12, "1201"));
        assertThat(RoomAddress.readings("阳光小区7号楼十二楼一二零一室")).containsExactly(
                new RoomAddress.Named("阳光小区7号楼", null, 12, "1201"),
                new RoomAddress.Named("阳光小区7号楼十二楼", null, null, "1201"));
    }

    @Test
    void aBuildingRegisteredByItsNumberAloneIsTheBuildingOfThatNumberHoweverTheAddressWritesIt() {
        // a compound's buildings registered as 7, 17: 7号楼, 7栋, 七号楼 and 7-2-301 are building 7, never 17
        List<String> grid = List.of("7", "17");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7号楼2单元301室").orElseThrow(), grid)).contains("7");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7栋2单元301室").orElseThrow(), grid)).contains("7");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区七号楼301室").orElseThrow(), grid)).contains("7");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7-2-301").orElseThrow(), grid)).contains("7");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区17号楼2单元301室").orElseThrow(), grid)).contains("17");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区27号楼2单元301室").orElseThrow(), grid)).isEmpty();
        // the name as written wins over the number alone; two buildings numbered 7 written otherwise: neither
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7号楼301室").orElseThrow(), List.of("7", "7号楼")))
                .contains("7号楼");
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区7幢301室").orElseThrow(), List.of("7", "7号楼")))
                .isEmpty();
    }

    @Test
    void aBuildingNumberedInChineseNumeralsAboveTwentyIsTheGridsBuildingOfThatNumber() {
        RoomAddress.Named twentyOne = RoomAddress.of("阳光小区二十一号楼2单元301室").orElseThrow();
        assertThat(RoomAddress.building(twentyOne, List.of("21号楼", "1号楼"))).contains("21号楼");
        assertThat(RoomAddress.building(twentyOne, List.of("1号楼", "一号楼"))).isEmpty();
        assertThat(RoomAddress.building(RoomAddress.of("阳光小区21号楼301室").orElseThrow(), List.of("二十一号楼")))
                .contains("二十一号楼");
    }
}
