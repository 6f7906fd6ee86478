package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer corrects a building after creating it: its name, its standard address, and its dimensions when it gained
 * (or was typed with too many) floors, units or rooms; rooms somebody lives in or anything refers to are never removed,
 * a form overtaken by another change is refused, and a building of another station is not found.
 */
class BuildingEditIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    PlacesFixtures places;
    HousingFixtures fx;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
    }

    static Map<String, Object> change(String name, UUID addressId, int floors, int units, int roomsPerFloor,
            long version) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("addressId", addressId);
        body.put("floors", floors);
        body.put("units", units);
        body.put("roomsPerFloor", roomsPerFloor);
        body.put("version", version);
        return body;
    }

    /** The building as stored: name, address, dimensions, version and its rooms as "unit-number", in door order. */
    Map<String, Object> stored(UUID building) {
        Map<String, Object> row = new HashMap<>(jdbc.sql("""
                SELECT name, address_id, floors, units, rooms_per_floor, version FROM building WHERE id = ?""")
                .param(building).query().singleRow());
        row.put("rooms", rooms(building));
        return row;
    }

    List<String> rooms(UUID building) {
        return jdbc.sql("""
                SELECT unit_no || '-' || number FROM room WHERE building_id = ? ORDER BY unit_no, floor, number""")
                .param(building).query(String.class).list();
    }

    String name(UUID building) {
        return jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
    }

    @Test
    void everyMistypedValueOfABuildingOrRoomBodyIsReportedAtOnceAndNothingIsSaved() {
        long buildingsBefore = jdbc.sql("SELECT count(*) FROM building").query(Long.class).single();
        Map<String, Object> created = new HashMap<>();
        created.put("gridId", "FS-1-01");
        created.put("name", "错填楼" + UUID.randomUUID().toString().substring(0, 4));
        created.put("floors", "six");
        created.put("units", 1);
        created.put("roomsPerFloor", List.of(2));
        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/buildings", created);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsOnlyKeys("gridId", "floors", "roomsPerFloor");
        assertThat(jdbc.sql("SELECT count(*) FROM building").query(Long.class).single()).isEqualTo(buildingsBefore);

        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        Map<String, Object> before = stored(building);
        Map<String, Object> changed = change("改名楼", null, 3, 1, 2, ((Number) before.get("version")).longValue());
        changed.put("floors", "three");
        changed.put("units", "one");
        changed.put("addressId", "no-such-id");
        HousingFixtures.Answer notChanged = fx.call("officer", "PUT", "/api/v1/buildings/" + building, changed);
        assertThat(notChanged.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(notChanged.body())).containsOnlyKeys("floors", "units", "addressId");
        assertThat(stored(building)).isEqualTo(before);

        UUID room = fx.room(building, 1, "101");
        HousingFixtures.Answer unmarked = fx.call("officer", "PUT", "/api/v1/rooms/" + room,
                Map.of("vacant", "yes", "rental", false, "visitId", "visit-1"));
        assertThat(unmarked.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(unmarked.body())).containsOnlyKeys("vacant", "visitId");
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(room).query(Boolean.class).single()).isFalse();
    }

    @Test
    void anOfficerRenamesABuildingAndMovesItToAnotherAddressOfItsGridAudited() {
        UUID first = places.address("officer", "FS-1-01", "改名街" + UUID.randomUUID().toString().substring(0, 4));
        UUID second = places.address("officer", "FS-1-01", "新址街" + UUID.randomUUID().toString().substring(0, 4));
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId",
                fx.gridId("FS-1-01"), "name", HousingFixtures.unique("错名楼"), "floors", 2, "units", 1,
                "roomsPerFloor", 2, "addressId", first));
        UUID building = UUID.fromString(created.body().get("id").asText());
        assertThat(created.body().get("version").asLong()).isZero();
        List<String> roomsBefore = rooms(building);
        long seq = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();

        String name = HousingFixtures.unique("吴场村5号楼");
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change("  " + name + " ", second, 2, 1, 2, 0));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("name").asText()).isEqualTo(name);
        assertThat(changed.body().get("addressId").asText()).isEqualTo(second.toString());
        assertThat(changed.body().get("version").asLong()).isEqualTo(1);
        assertThat(rooms(building)).isEqualTo(roomsBefore);

        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + building).body();
        assertThat(plan.get("building").get("name").asText()).isEqualTo(name);
        assertThat(plan.get("building").get("addressId").asText()).isEqualTo(second.toString());
        Map<String, Object> audit = jdbc.sql("""
                SELECT action, actor, before->>'name' AS before_name, after->>'name' AS after_name,
                       after->>'addressId' AS address FROM audit_entry
                WHERE seq > ? AND record_type = 'building' AND record_id = ?""")
                .params(seq, building.toString()).query().singleRow();
        assertThat(audit).containsEntry("action", "UPDATE").containsEntry("actor", "officer")
                .containsEntry("after_name", name).containsEntry("address", second.toString());
        assertThat((String) audit.get("before_name")).startsWith("错名楼");

        // an address of another grid, or one of another station the officer cannot see, is refused as on creation
        UUID otherGrid = places.address("officer", "FS-1-02", "邻格街" + UUID.randomUUID().toString().substring(0, 4));
        UUID otherStation = places.address("officer2", "NS-1-01", "牛山街" + UUID.randomUUID().toString().substring(0, 4));
        for (UUID address : List.of(otherGrid, otherStation)) {
            HousingFixtures.Answer refused = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                    change(name, address, 2, 1, 2, 1), "Accept-Language", "en");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(HousingFixtures.errors(refused.body()))
                    .containsEntry("addressId", "the address is not in this grid");
        }
        // the name of another building of the grid is taken, its own is not
        UUID neighbour = fx.building("officer", "FS-1-01", 1, 1, 1);
        HousingFixtures.Answer taken = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change(name(neighbour), second, 2, 1, 2, 1));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(taken.body())).containsEntry("name",
                "本网格已有名为“" + name(neighbour) + "”的楼栋");
        assertThat(stored(building)).containsEntry("name", name).containsEntry("address_id", second)
                .containsEntry("version", 1L);
    }

    @Test
    void growingABuildingAddsTheMissingRoomsNumberedAsCreationNumbersThemAndKeepsItsHouseholds() {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        UUID room101 = fx.room(building, 1, "101");
        UUID household = fx.household(grid, room101, false, false);
        fx.person(grid, household, "钱进", "HEAD", null, null);
        String name = name(building);

        HousingFixtures.Answer grown = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change(name, null, 3, 2, 3, 0));
        assertThat(grown.status()).isEqualTo(200);
        assertThat(grown.body().get("rooms").asLong()).isEqualTo(18);

        // exactly the rooms a building created with these dimensions has
        UUID fresh = fx.building("officer", "FS-1-01", 3, 2, 3);
        assertThat(rooms(building)).isEqualTo(rooms(fresh)).contains("1-303", "2-101", "2-303");
        assertThat(fx.room(building, 1, "101")).isEqualTo(room101);

        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + building).body();
        List<Integer> floors = new ArrayList<>();
        plan.get("floors").forEach(f -> floors.add(f.get("floor").asInt()));
        assertThat(floors).containsExactly(3, 2, 1);
        assertThat(BuildingFloorPlanIntegrationTests.room(plan, 3, 2, "303").get("id").asText())
                .isEqualTo(fx.room(building, 2, "303").toString());
        assertThat(BuildingFloorPlanIntegrationTests.room(plan, 1, 1, "101").get("households").get(0).get("head")
                .asText()).isEqualTo("钱进");

        ApiClient officer = signedIn("officer", DEMO_PASSWORD);
        String page = officer.get("/buildings/" + building, null).body();
        assertThat(page).contains("id=\"room-2-303\"").contains("id=\"room-1-203\"");
    }

    @Test
    void shrinkingOverRoomsInUseIsRefusedNamingThemAndChangesNothingWhileEmptyRoomsAreRemoved() {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 3, 2, 2);
        String name = name(building);
        UUID lived = fx.household(grid, fx.room(building, 1, "301"), false, false);
        fx.person(grid, lived, "孙住", "HEAD", null, null);
        // a room marked by hand on the plan, and one the water company reported use of, are in use as well
        assertThat(fx.call("officer", "PUT", "/api/v1/rooms/" + fx.room(building, 2, "302"),
                Map.of("vacant", true, "rental", false)).status()).isEqualTo(200);
        jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, utility, month, consumption)
                VALUES (gen_random_uuid(), ?, ?, 'WATER', DATE '2026-01-01', 3)""")
                .params(grid, fx.room(building, 2, "202")).update();
        Map<String, Object> before = stored(building);

        HousingFixtures.Answer zh = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change(name, null, 2, 1, 2, 0));
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body()).get("floors")).isEqualTo("要删除的房屋中有 3 间登记了住户、出租、"
                + "水电气读数、核查任务、走访记录或空置/出租标注，不能这样缩小楼栋，未作任何修改：1单元 301室、2单元 202室、2单元 302室");
        HousingFixtures.Answer en = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change(name, null, 2, 1, 2, 0), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body()).get("floors")).startsWith("3 rooms to be removed have a household")
                .endsWith("nothing was changed: Unit 1, room 301; Unit 2, room 202; Unit 2, room 302");
        assertThat(stored(building)).isEqualTo(before);

        // one room per floor removes 102, 202, 302 of each unit: 202 and 302 of unit 2 are in use
        HousingFixtures.Answer fewerPerFloor = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change(name, null, 3, 2, 1, 0));
        assertThat(fewerPerFloor.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(fewerPerFloor.body()).get("roomsPerFloor")).contains("有 2 间")
                .endsWith("2单元 202室、2单元 302室");
        assertThat(stored(building)).isEqualTo(before);

        // one unit removes only unit 2's rooms: once nothing refers to them, they go
        jdbc.sql("DELETE FROM utility_reading WHERE room_id = ?").param(fx.room(building, 2, "202")).update();
        jdbc.sql("UPDATE room SET vacant = false WHERE id = ?").param(fx.room(building, 2, "302")).update();
        UUID room301 = fx.room(building, 1, "301");
        HousingFixtures.Answer shrunk = fx.call("officer", "PUT", "/api/v1/buildings/" + building,
                change(name, null, 3, 1, 2, 0));
        assertThat(shrunk.status()).isEqualTo(200);
        assertThat(shrunk.body().get("units").asInt()).isEqualTo(1);
        assertThat(rooms(building)).containsExactly("1-101", "1-102", "1-201", "1-202", "1-301", "1-302");
        assertThat(fx.room(building, 1, "301")).isEqualTo(room301);
        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + building).body();
        plan.get("floors").forEach(f -> assertThat(f.get("units")).hasSize(1));
        Map<String, Object> audit = jdbc.sql("""
                SELECT after->>'roomsRemoved' AS removed, after->>'units' AS units FROM audit_entry
                WHERE record_type = 'building' AND record_id = ? AND action = 'UPDATE'""")
                .param(building.toString()).query().singleRow();
        assertThat(audit).containsEntry("removed", "6").containsEntry("units", "1");
    }

    @Test
    void aFormMadeBeforeAnotherChangeIsRefusedAsStaleAndChangesNothing() {
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 1);
        String first = HousingFixtures.unique("先改");
        assertThat(fx.call("officer", "PUT", "/api/v1/buildings/" + building, change(first, null, 2, 1, 1, 0))
                .status()).isEqualTo(200);
        Map<String, Object> before = stored(building);

        HousingFixtures.Answer zh = fx.call("manager", "PUT", "/api/v1/buildings/" + building,
                change(HousingFixtures.unique("后改"), null, 4, 1, 1, 0));
        assertThat(zh.status()).isEqualTo(409);
        assertThat(zh.body().get("detail").asText()).startsWith("该楼栋在您编辑期间已被他人修改，本次未保存。");
        HousingFixtures.Answer en = fx.call("manager", "PUT", "/api/v1/buildings/" + building,
                change(HousingFixtures.unique("后改"), null, 4, 1, 1, 0), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(409);
        assertThat(en.body().get("detail").asText())
                .startsWith("Someone else changed this building while you were editing, so nothing was saved.");
        assertThat(stored(building)).isEqualTo(before).containsEntry("floors", 2);

        Map<String, Object> unversioned = change(first, null, 4, 1, 1, 0);
        unversioned.remove("version");
        HousingFixtures.Answer missing = fx.call("manager", "PUT", "/api/v1/buildings/" + building, unversioned);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(missing.body())).containsKey("version");
        assertThat(stored(building)).isEqualTo(before);
    }

    @Test
    void aBuildingOfAnotherStationIsNotFoundAndStaysAsItWas() {
        UUID urban = fx.building("officer2", "NS-1-01", 2, 1, 1);
        Map<String, Object> before = stored(urban);
        Map<String, Object> body = change(HousingFixtures.unique("越权"), null, 5, 2, 2, 0);

        HousingFixtures.Answer outside = fx.call("officer", "PUT", "/api/v1/buildings/" + urban, body);
        HousingFixtures.Answer missing = fx.call("officer", "PUT", "/api/v1/buildings/" + UUID.randomUUID(), body);
        assertThat(outside.status()).isEqualTo(404);
        assertThat(HousingFixtures.withoutInstance(outside.body()))
                .isEqualTo(HousingFixtures.withoutInstance(missing.body()));
        assertThat(signedIn("officer", DEMO_PASSWORD).get("/buildings/" + urban + "/edit", null).statusCode())
                .isEqualTo(404);
        assertThat(stored(urban)).isEqualTo(before);
    }

    @Test
    void onlyRolesThatWritePopulationRecordsSeeTheEditLinkAndMayChangeABuilding() {
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 1);
        Map<String, Object> before = stored(building);
        Map<String, Object> body = change(HousingFixtures.unique("无权"), null, 3, 1, 1, 0);

        ApiClient officer = signedIn("officer", DEMO_PASSWORD);
        assertThat(officer.get("/buildings/" + building, null).body()).contains("id=\"edit-building\"")
                .contains("/buildings/" + building + "/edit");
        HttpResponse<String> form = officer.get("/buildings/" + building + "/edit", null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("修改楼栋：" + name(building)).contains("name=\"version\" value=\"0\"")
                .contains("data-api=\"/api/v1/buildings/" + building + "\"");

        assertThat(fx.call("volunteer", "PUT", "/api/v1/buildings/" + building, body).status()).isEqualTo(403);
        assertThat(signedIn("volunteer", DEMO_PASSWORD).get("/buildings/" + building + "/edit", null).statusCode())
                .isEqualTo(403);

        String reader = TestStaff.uniqueUsername("gm");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        directory.register(office.id(), StaffRole.GRID_MEMBER, "测试网格员", null, null, null, reader, TestStaff.PASSWORD);
        ApiClient gridMember = signedIn(reader, TestStaff.PASSWORD);
        HttpResponse<String> plan = gridMember.get("/buildings/" + building, null);
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(plan.body()).contains(name(building)).doesNotContain("edit-building")
                .doesNotContain("/buildings/" + building + "/edit");
        assertThat(gridMember.get("/buildings/" + building + "/edit", null).statusCode()).isEqualTo(403);
        ApiClient api = new ApiClient(port);
        assertThat(api.send("PUT", "/api/v1/buildings/" + building, api.token(reader, TestStaff.PASSWORD), body)
                .statusCode()).isEqualTo(403);
        assertThat(stored(building)).isEqualTo(before);
    }

    ApiClient signedIn(String user, String password) {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(user, password).statusCode()).isEqualTo(302);
        return browser;
    }
}
