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
        // no 室, no building: nothing to place by
        assertThat(RoomAddress.of("3栋2单元501")).isEmpty();
        assertThat(RoomAddress.of("501室")).isEmpty();
    }
}
