package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A room written otherwise than the register writes it (0301室, １０２室, 2楼202, 201号) is still the room; a dry run
 * says how many households it would place and how many addresses name a room that is not there. Households imported
 * before their building was registered are placed from its floor plan (按地址安置住户), never moving one already
 * placed, and only in a building the caller may see.
 */
class PlaceByAddressIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private static String row(String name, String household, String address) {
        return String.join(",", name, TestIdentityNumbers.next(Sex.MALE), "男", "FS-1-01", household, "户主", "常住",
                address);
    }

    private UUID grid() {
        return jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01' AND network = 'POLICE'").query(UUID.class)
                .single();
    }

    private UUID household(String number) {
        return jdbc.sql("SELECT id FROM household WHERE number = ?").param(number).query(UUID.class).single();
    }

    @Test
    void roomsWrittenTheWaysRegistersWriteThemArePlacedAndTheDryRunCountsThoseNotFound() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID grid = grid();
        String name = "写法" + tag + "号楼";
        String id = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", name, "floors", 3, "units", 2, "roomsPerFloor", 2))).path("id").asText();
        String place = "江苏省连云港市东海县房山镇测试小区" + name;
        String h = "IT-WRITE-" + tag + "-";
        byte[] file = PersonImportCategoriesIntegrationTests.csv(PersonImportRoomsIntegrationTests.HEADERS,
                row("写法甲" + tag, h + 1, place + "2单元0301室"),
                row("写法乙" + tag, h + 2, place + "１单元１０２室"),
                row("写法丙" + tag, h + 3, place + "2单元2楼202"),
                row("写法丁" + tag, h + 4, place + "1单元201号"),
                // no room 901: named, not found
                row("写法戊" + tag, h + 5, place + "2单元901室"),
                // a house number on a road is no room
                row("写法己" + tag, h + 6, "江苏省连云港市东海县房山镇人民路12号"));

        JsonNode dry = ImportIntegrationTests.importAndWait(api, port, officer, "written.csv", file, true,
                Duration.ofSeconds(30));
        assertThat(dry.path("householdsPlaced").asLong()).as(dry.toString()).isEqualTo(4);
        assertThat(dry.path("roomsNotFound").asLong()).as(dry.toString()).isEqualTo(1);

        JsonNode real = ImportIntegrationTests.importAndWait(api, port, officer, "written.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(real.path("householdsPlaced").asLong()).as(real.toString()).isEqualTo(4);
        assertThat(PersonImportRoomsIntegrationTests.roomsWithHouseholds(
                ApiClient.json(api.get("/api/v1/buildings/" + id, officer))))
                .containsExactly("2-301: " + h + 1, "1-201: " + h + 4, "2-202: " + h + 3, "1-102: " + h + 2);
    }

    @Test
    void householdsImportedBeforeTheirBuildingWasRegisteredArePlacedFromItsFloorPlan() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID grid = grid();
        String name = "后登" + tag + "号楼";
        String place = "江苏省连云港市东海县房山镇测试小区" + name;
        String h = "IT-LATE-" + tag + "-";
        byte[] file = PersonImportCategoriesIntegrationTests.csv(PersonImportRoomsIntegrationTests.HEADERS,
                row("后登甲" + tag, h + 1, place + "1单元101室"),
                row("后登乙" + tag, h + 2, place + "2单元0202室"),
                row("后登丙" + tag, h + 3, place + "1单元901室"),
                row("后登丁" + tag, h + 4, place + "1单元102室"));
        JsonNode imported = ImportIntegrationTests.importAndWait(api, port, officer, "late.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(imported.path("householdsPlaced").asLong()).as(imported.toString()).isZero();
        assertThat(imported.path("roomsNotFound").asLong()).as(imported.toString()).isEqualTo(4);

        JsonNode registered = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", name, "floors", 2, "units", 2, "roomsPerFloor", 2)));
        String id = registered.path("id").asText();
        assertThat(registered.path("byAddress").path("placed").asLong()).as(registered.toString()).isEqualTo(3);
        // as a building registered before registering placed anyone: its households are still at their address only
        jdbc.sql("UPDATE household SET room_id = NULL WHERE number LIKE ?").param(h + "%").update();
        // h4 was placed by hand in another building's room meanwhile: it stays there
        String other = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", "别处" + tag + "号楼", "floors", 1, "units", 1, "roomsPerFloor", 1))).path("id").asText();
        UUID otherRoom = jdbc.sql("SELECT id FROM room WHERE building_id = ?").param(UUID.fromString(other))
                .query(UUID.class).single();
        jdbc.sql("UPDATE household SET room_id = ? WHERE number = ?").params(otherRoom, h + 4).update();

        String officer2 = api.token("officer2", DEMO_PASSWORD);
        java.net.http.HttpResponse<String> outside = api.send("POST",
                "/api/v1/buildings/" + id + "/households-by-address", officer2, Map.of());
        assertThat(outside.statusCode()).as("a building outside the caller's subtree").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number LIKE ? AND room_id IS NOT NULL")
                .param(h + "%").query(Long.class).single()).isEqualTo(1);

        JsonNode placed = ApiClient.json(api.send("POST", "/api/v1/buildings/" + id + "/households-by-address",
                officer, Map.of()));
        assertThat(placed.path("placed").asLong()).as(placed.toString()).isEqualTo(2);
        assertThat(placed.path("roomsNotFound").asLong()).as(placed.toString()).isEqualTo(1);
        assertThat(PersonImportRoomsIntegrationTests.roomsWithHouseholds(
                ApiClient.json(api.get("/api/v1/buildings/" + id, officer))))
                .containsExactly("2-202: " + h + 2, "1-101: " + h + 1);
        assertThat(jdbc.sql("SELECT room_id FROM household WHERE number = ?").param(h + 4).query(UUID.class).single())
                .as("already placed: not moved").isEqualTo(otherRoom);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'household' AND action = 'UPDATE'
                  AND record_id = ? AND before->>'roomId' IS NULL AND after->>'roomId' IS NOT NULL""")
                .param(household(h + 1).toString()).query(Long.class).single())
                .as("placed on registering the building, and again by the button").isEqualTo(2);

        JsonNode again = ApiClient.json(api.send("POST", "/api/v1/buildings/" + id + "/households-by-address",
                officer, Map.of()));
        assertThat(again.path("placed").asLong()).as(again.toString()).isZero();
    }

    /**
     * The officer registers the building after its households were imported: registering it places those whose
     * address names one of its rooms, written however the register writes it (一零一室, 2-0202 after the building),
     * and so does adding rooms to it later; the floor plan the form leads to says how many. Nobody already in a room is
     * moved, each placement is audited, and a building outside the caller's subtree is not his to change.
     */
    @Test
    void registeringABuildingOrAddingItsRoomsPlacesTheHouseholdsWhoseAddressNamesThem() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID grid = grid();
        String name = "新登" + tag + "号楼";
        String place = "江苏省连云港市东海县房山镇测试小区" + name;
        String h = "IT-REG-" + tag + "-";
        byte[] file = PersonImportCategoriesIntegrationTests.csv(PersonImportRoomsIntegrationTests.HEADERS,
                row("新登甲" + tag, h + 1, place + "1单元一零一室"),
                row("新登乙" + tag, h + 2, place + "2-0202"),
                row("新登丙" + tag, h + 3, place + "1单元901室"),
                row("新登丁" + tag, h + 4, place + "1单元102室"),
                row("新登戊" + tag, h + 5, place + "2单元102室"));
        JsonNode imported = ImportIntegrationTests.importAndWait(api, port, officer, "registered.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(imported.path("householdsPlaced").asLong()).as(imported.toString()).isZero();
        // h4 was placed by hand in another building's room meanwhile: it stays there
        String other = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", "别处" + tag + "号楼", "floors", 1, "units", 1, "roomsPerFloor", 1))).path("id").asText();
        UUID otherRoom = jdbc.sql("SELECT id FROM room WHERE building_id = ?").param(UUID.fromString(other))
                .query(UUID.class).single();
        jdbc.sql("UPDATE household SET room_id = ? WHERE number = ?").params(otherRoom, h + 4).update();

        // registered through the page's form, with one unit: unit 2's households have no room yet
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        String csrf = browser.csrfFrom("/buildings");
        JsonNode created = ApiClient.json(browser.send("POST", "/api/v1/buildings", null, Map.of("gridId", grid,
                "name", name, "floors", 2, "units", 1, "roomsPerFloor", 2), "X-CSRF-TOKEN", csrf));
        String id = created.path("id").asText();
        assertThat(created.path("byAddress").path("placed").asLong()).as(created.toString()).isEqualTo(1);
        assertThat(created.path("byAddress").path("roomsNotFound").asLong()).as(created.toString()).isEqualTo(3);
        assertThat(created.path("households").asLong()).as(created.toString()).isEqualTo(1);
        assertThat(browser.get("/buildings/" + id, null).body()).as("the floor plan the form leads to")
                .contains("已按地址安置 1 户；另有 3 户的地址写明的房间本楼没有或无法确定");
        assertThat(browser.get("/buildings/" + id, null).body()).as("said once").doesNotContain("已按地址安置");
        assertThat(PersonImportRoomsIntegrationTests.roomsWithHouseholds(
                ApiClient.json(api.get("/api/v1/buildings/" + id, officer)))).containsExactly("1-101: " + h + 1);

        // another station's officer may not grow it
        long version = created.path("version").asLong();
        Map<String, Object> grown = Map.of("name", name, "floors", 2, "units", 2, "roomsPerFloor", 2,
                "version", version);
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        assertThat(api.send("PUT", "/api/v1/buildings/" + id, officer2, grown).statusCode())
                .as("a building outside the caller's subtree").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number LIKE ? AND room_id IS NOT NULL")
                .param(h + "%").query(Long.class).single()).isEqualTo(2);

        // a second unit: its rooms take their households
        JsonNode changed = ApiClient.json(api.send("PUT", "/api/v1/buildings/" + id, officer, grown));
        assertThat(changed.path("byAddress").path("placed").asLong()).as(changed.toString()).isEqualTo(2);
        assertThat(changed.path("byAddress").path("roomsNotFound").asLong()).as(changed.toString()).isEqualTo(1);
        assertThat(PersonImportRoomsIntegrationTests.roomsWithHouseholds(
                ApiClient.json(api.get("/api/v1/buildings/" + id, officer))))
                .containsExactlyInAnyOrder("1-101: " + h + 1, "2-202: " + h + 2, "2-102: " + h + 5);
        assertThat(jdbc.sql("SELECT room_id FROM household WHERE number = ?").param(h + 4).query(UUID.class).single())
                .as("already placed: not moved").isEqualTo(otherRoom);
        for (int n : new int[] {1, 2, 5}) {
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM audit_entry WHERE record_type = 'household' AND action = 'UPDATE'
                      AND record_id = ? AND before->>'roomId' IS NULL AND after->>'roomId' IS NOT NULL""")
                    .param(household(h + n).toString()).query(Long.class).single()).as("h" + n).isEqualTo(1);
        }

        // a change adding no room places nobody and says nothing of it
        JsonNode renamed = ApiClient.json(api.send("PUT", "/api/v1/buildings/" + id, officer, Map.of("name", name,
                "floors", 2, "units", 2, "roomsPerFloor", 2, "version", changed.path("version").asLong())));
        assertThat(renamed.path("byAddress").isMissingNode()).as(renamed.toString()).isTrue();
    }

    /**
     * A grid often holds several compounds, each with its 1号楼, 2号楼; the officer registers them one compound at a
     * time. A building registered at its address in one compound is not the building of the same name in another:
     * the households of the other compound stay at their address, neither the import nor the floor plan puts them
     * in its rooms.
     */
    @Test
    void aBuildingAtAnAddressInOneCompoundTakesNoHouseholdOfAnotherCompound() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID grid = grid();
        String name = "同名" + tag + "号楼";
        String ours = "甲" + tag + "小区";
        String theirs = "乙" + tag + "小区";
        UUID address = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, compound, building, full_text) VALUES (?, ?, ?, ?, ?)")
                .params(address, grid, ours, name, "江苏省连云港市东海县房山镇" + ours + name).update();
        String id = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", name, "addressId", address, "floors", 2, "units", 1, "roomsPerFloor", 2))).path("id").asText();
        String h = "IT-COMPOUND-" + tag + "-";
        byte[] file = PersonImportCategoriesIntegrationTests.csv(PersonImportRoomsIntegrationTests.HEADERS,
                row("同名甲" + tag, h + 1, "江苏省连云港市东海县房山镇" + ours + name + "101室"),
                row("同名乙" + tag, h + 2, "江苏省连云港市东海县房山镇" + theirs + name + "102室"));
        JsonNode imported = ImportIntegrationTests.importAndWait(api, port, officer, "compounds.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(imported.path("householdsPlaced").asLong()).as(imported.toString()).isEqualTo(1);
        assertThat(imported.path("roomsNotFound").asLong()).as(imported.toString()).isEqualTo(1);

        JsonNode placed = ApiClient.json(api.send("POST", "/api/v1/buildings/" + id + "/households-by-address",
                officer, Map.of()));
        assertThat(placed.path("placed").asLong()).as(placed.toString()).isZero();
        assertThat(PersonImportRoomsIntegrationTests.roomsWithHouseholds(
                ApiClient.json(api.get("/api/v1/buildings/" + id, officer))))
                .as("only the household of the building's own compound").containsExactly("1-101: " + h + 1);
    }

    /**
     * A compound's buildings registered by their numbers alone (7 of 阳光小区): an address writing 7号楼 is building 7's
     * and places its household; one writing no unit (7-301) in a building of two units, or a room the building does
     * not have, places nobody, and the floor plan tells the officer whom, and why. Not another station's to read.
     */
    @Test
    void aBuildingNamedByItsNumberTakesItsCompoundsHouseholdsAndThePlanListsThoseItCouldNotPlace() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        UUID grid = grid();
        // a number of one or two digits as buildings have (7-301 reads so), no building of the grid has yet
        String number = jdbc.sql("""
                SELECT n::text FROM generate_series(10, 99) n WHERE NOT EXISTS (
                    SELECT 1 FROM building b WHERE b.grid_id = ? AND b.name ~ ('^' || n || '(号楼|号栋|号幢|栋|幢)?$'))
                ORDER BY random() LIMIT 1""").param(grid).query(String.class).single();
        String compound = "阳光" + tag + "小区";
        UUID address = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, compound, building, full_text) VALUES (?, ?, ?, ?, ?)")
                .params(address, grid, compound, number, "江苏省连云港市东海县房山镇" + compound + number).update();
        String id = ApiClient.json(api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid,
                "name", number, "addressId", address, "floors", 3, "units", 2, "roomsPerFloor", 2)))
                .path("id").asText();
        String place = "江苏省连云港市东海县房山镇" + compound + number;
        String h = "IT-NUMBER-" + tag + "-";
        byte[] file = PersonImportCategoriesIntegrationTests.csv(PersonImportRoomsIntegrationTests.HEADERS,
                row("数号甲" + tag, h + 1, place + "号楼2单元301室"),
                row("数号乙" + tag, h + 2, place + "-301"),
                row("数号丙" + tag, h + 3, place + "号楼1单元901室"));
        JsonNode imported = ImportIntegrationTests.importAndWait(api, port, officer, "numbered.csv", file, false,
                Duration.ofSeconds(30));
        assertThat(imported.path("householdsPlaced").asLong()).as(imported.toString()).isEqualTo(1);
        assertThat(PersonImportRoomsIntegrationTests.roomsWithHouseholds(
                ApiClient.json(api.get("/api/v1/buildings/" + id, officer)))).containsExactly("2-301: " + h + 1);

        // the floor plan names the two it could not place, each with why
        String plan = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN").get("/buildings/" + id, null)
                .body();
        String unplaced = plan.substring(plan.indexOf("id=\"unplaced\""), plan.indexOf("</section>",
                plan.indexOf("id=\"unplaced\"")));
        assertThat(unplaced).contains("（2 户）").doesNotContain("数号甲" + tag)
                .contains("data-household=\"" + household(h + 2) + "\" data-reason=\"UNIT_NOT_WRITTEN\"")
                .contains("data-household=\"" + household(h + 3) + "\" data-reason=\"NO_SUCH_ROOM\"")
                .contains("数号乙" + tag, "301室", "地址未写单元，本楼有 2 个单元")
                .contains("数号丙" + tag, "1单元901室", "本楼没有这个房间");
        String english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get("/buildings/" + id, null)
                .body();
        assertThat(english).contains("Not placed by their address, though it names a room of this building: "
                + "2 households", "the address writes no unit, and this building has 2 units", "unit 1, room 901");
        new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        assertThat(new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null).get("/buildings/" + id, null)
                .statusCode()).as("a building outside the caller's subtree").isEqualTo(404);
    }
}
