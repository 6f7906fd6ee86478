package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A persons import whose addresses name a room of a registered building (…7号楼2单元301室) places each new household in
 * that room, so the building's floor plan (居民信息平面图) shows it there; a dry run counts them and writes nothing, a
 * room the building lacks leaves its household at the address alone, and the same file again changes nothing.
 */
class PersonImportRoomsIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    static final String HEADERS = "姓名,身份证号,性别,网格编码,户号,与户主关系,居住类型,地址";

    /** Each room of the plan that has households, as "unit-number: household numbers". */
    static List<String> roomsWithHouseholds(JsonNode plan) {
        List<String> rooms = new ArrayList<>();
        for (JsonNode floor : plan.path("floors")) {
            for (JsonNode unit : floor.path("units")) {
                for (JsonNode room : unit.path("rooms")) {
                    if (!room.path("households").isEmpty()) {
                        rooms.add(unit.path("unit").asInt() + "-" + room.path("number").asText() + ": "
                                + String.join(" ", room.path("households").findValuesAsText("number")));
                    }
                }
            }
        }
        return rooms;
    }

    @Test
    void householdsWhoseAddressNamesARoomOfARegisteredBuildingAreShownInItOnTheFloorPlan() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01' AND network = 'POLICE'").query(UUID.class)
                .single();
        String name = "导入" + tag + "号楼";
        JsonNode building = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", name, "floors", 3, "units", 2, "roomsPerFloor", 2)));
        String id = building.path("id").asText();
        String place = "江苏省连云港市东海县房山镇测试小区" + name;
        String h1 = "IT-ROOM-" + tag + "-1";
        String h2 = "IT-ROOM-" + tag + "-2";
        String h3 = "IT-ROOM-" + tag + "-3";
        byte[] file = PersonImportCategoriesIntegrationTests.csv(HEADERS,
                String.join(",", "入室甲" + tag, TestIdentityNumbers.next(Sex.MALE), "男", "FS-1-01", h1, "户主", "常住",
                        place + "2单元301室"),
                String.join(",", "入室乙" + tag, TestIdentityNumbers.next(Sex.FEMALE), "女", "FS-1-01", h1, "配偶",
                        "常住", place + "2单元301室"),
                String.join(",", "入室丙" + tag, TestIdentityNumbers.next(Sex.MALE), "男", "FS-1-01", h2, "户主", "常住",
                        place + "1单元1层102室"),
                // the building has three floors: no room 901, the household stays at its address alone
                String.join(",", "入室丁" + tag, TestIdentityNumbers.next(Sex.MALE), "男", "FS-1-01", h3, "户主", "常住",
                        place + "2单元901室"));

        JsonNode dry = ImportIntegrationTests.importAndWait(api, port, officer, "rooms.csv", file, true,
                Duration.ofSeconds(30));
        assertThat(dry.path("status").asText()).as(dry.toString()).isEqualTo("DONE");
        assertThat(dry.path("householdsPlaced").asLong()).as(dry.toString()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number LIKE ?").param("IT-ROOM-" + tag + "%")
                .query(Long.class).single()).isZero();
        assertThat(roomsWithHouseholds(ApiClient.json(api.get("/api/v1/buildings/" + id, officer)))).isEmpty();

        JsonNode real = ImportIntegrationTests.importAndWait(api, port, officer, "rooms.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(real.path("createdRows").asLong()).as(real.toString()).isEqualTo(4);
        assertThat(real.path("householdsPlaced").asLong()).isEqualTo(2);
        JsonNode plan = ApiClient.json(api.get("/api/v1/buildings/" + id, officer));
        assertThat(roomsWithHouseholds(plan)).containsExactly("2-301: " + h1, "1-102: " + h2);
        assertThat(plan.path("building").path("households").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT room_id IS NULL AND address_id IS NOT NULL FROM household WHERE number = ?")
                .param(h3).query(Boolean.class).single()).as("no room 901: at its address alone").isTrue();

        JsonNode again = ImportIntegrationTests.importAndWait(api, port, officer, "rooms.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(again.path("unchangedRows").asLong()).as(again.toString()).isEqualTo(4);
        assertThat(again.path("householdsPlaced").asLong()).isZero();
        assertThat(roomsWithHouseholds(ApiClient.json(api.get("/api/v1/buildings/" + id, officer))))
                .containsExactly("2-301: " + h1, "1-102: " + h2);
    }
}
