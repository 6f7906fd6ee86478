package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer walks a village group or a compound door by door, and the lists that show addresses list them so:
 * 1组1号, 1组2号, 1组10号, 2组1号 (not 1组10号 before 1组2号, as the text sorts), 3号楼 before 12号楼, 101室 before
 * 1001室: the address list, the households offered to move a person into, the rentals, the verification tasks,
 * the buildings and the rooms of a floor plan, the organisations, and the persons found by address alone (by address,
 * room, then name; on the API, the persons page and its xlsx export). Numbers in Chinese numerals count as numbers too
 * (一组 with 1组, 十组 after 2组). Each list keeps to the caller's jurisdiction. The persons list shows each person's
 * address, so a search by address tells who lives where.
 */
class DoorOrderIntegrationTests extends IntegrationTest {

    static final String TOWNSHIP = "江苏省连云港市东海县房山镇";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    /** A village of this test's own (a 庄), so its addresses are the only ones a search by its name finds. */
    String village;
    /** The village's addresses by the text after the village's name, created out of order. */
    Map<String, UUID> addresses;

    static final List<String> DOOR_ORDER = List.of("1组1号", "1组2号", "1组10号", "2组1号", "幸福小区3号楼101室",
            "幸福小区3号楼1001室", "幸福小区12号楼101室");

    @BeforeEach
    void aVillageWithItsDoorsRegisteredOutOfOrder() {
        fx = new HousingFixtures(port, jdbc);
        Random random = new Random();
        // a 庄 of characters below 村 (U+6751): the demo's checks take any 房山镇 address of a 村 with a 组 and a 号
        // for one of its five villages, and this test's persons are no demo persons
        village = "门" + (char) (0x4e00 + random.nextInt(0x1900)) + (char) (0x4e00 + random.nextInt(0x1900)) + "庄";
        addresses = new LinkedHashMap<>();
        addresses.put("幸福小区12号楼101室", address("officer", "FS-1-01", null, null, "12", "101"));
        addresses.put("1组10号", address("officer", "FS-1-01", "1", "10", null, null));
        addresses.put("2组1号", address("officer", "FS-1-01", "2", "1", null, null));
        addresses.put("幸福小区3号楼1001室", address("officer", "FS-1-01", null, null, "3", "1001"));
        addresses.put("1组2号", address("officer", "FS-1-01", "1", "2", null, null));
        addresses.put("幸福小区3号楼101室", address("officer", "FS-1-01", null, null, "3", "101"));
        addresses.put("1组1号", address("officer", "FS-1-01", "1", "1", null, null));
    }

    UUID address(String user, String gridCode, String group, String door, String building, String room) {
        Map<String, Object> parts = new HashMap<>();
        parts.put("villageGroup", group);
        parts.put("doorNumber", door);
        parts.put("compound", building == null ? null : "幸福小区");
        parts.put("building", building);
        parts.put("room", room);
        return address(user, gridCode, parts);
    }

    /** An address of the village with the given parts below it. */
    UUID address(String user, String gridCode, Map<String, Object> parts) {
        Map<String, Object> body = new HashMap<>(parts);
        boolean urban = gridCode.startsWith("NS-");
        body.put("countyCode", "320722");
        body.put("townshipCode", urban ? "320722001000" : "320722112000");
        body.put("community", village);
        body.put("gridId", fx.gridId(gridCode));
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/addresses", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().get("id").asText());
    }

    static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    static String enc(String s) {
        return AddressApiIntegrationTests.enc(s);
    }

    /** The texts after the village's name, as listed. */
    List<String> doors(List<String> texts) {
        return texts.stream().map(t -> t.substring(t.indexOf(village) + village.length())).toList();
    }

    /** The texts of the village's addresses the address list shows the user, its first pages of the given size. */
    List<String> listed(String user, int size, int pages) {
        List<String> texts = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            items(fx.get(user, "/api/v1/addresses?size=" + size + "&page=" + p + "&q=" + enc(village)).body())
                    .forEach(a -> texts.add(a.get("fullText").asText()));
        }
        return texts;
    }

    @Test
    void theAddressListShowsAVillageGroupAndACompoundDoorByDoor() {
        List<String> texts = listed("officer", 50, 1);
        assertThat(texts).allMatch(t -> t.startsWith(TOWNSHIP + village));
        assertThat(doors(texts)).containsExactlyElementsOf(DOOR_ORDER);

        // paged, the pages follow one another in the same order
        assertThat(doors(listed("officer", 3, 3))).containsExactlyElementsOf(DOOR_ORDER);

        // the same village's name in another station's grid: neither list shows the other's address
        address("officer2", "NS-1-01", "1", "3", null, null);
        assertThat(doors(listed("officer", 50, 1))).containsExactlyElementsOf(DOOR_ORDER);
        assertThat(listed("officer2", 50, 1)).containsExactly("江苏省连云港市东海县牛山街道" + village + "1组3号");
    }

    /**
     * Groups and doors written in Chinese numerals, as rural registers often write them, among the village's doors
     * in digits: 一组 is 1组, 十组 comes after 2组 and before 十一组, 十二号 after 10号, 一百零二号 after 十二号. A name
     * with a numeral in it (一品苑, 十里铺) is a name: it keeps its place among the names, after the numbered groups.
     */
    @Test
    void theAddressListReadsChineseNumeralsAsNumbers() {
        address("officer", "FS-1-01", "1", "一百零二号", null, null);
        address("officer", "FS-1-01", "十一组", "1", null, null);
        address("officer", "FS-1-01", "二十组", "1", null, null);
        address("officer", "FS-1-01", "二组", "2", null, null);
        address("officer", "FS-1-01", "一组", "三号", null, null);
        address("officer", "FS-1-01", "十组", "1", null, null);
        address("officer", "FS-1-01", "1", "十二号", null, null);
        address("officer", "FS-1-01", Map.of("compound", "一品苑", "building", "3"));
        address("officer", "FS-1-01", Map.of("street", "十里铺", "doorNumber", "1"));

        List<String> expected = List.of("1组1号", "1组2号", "一组三号", "1组10号", "1组十二号", "1组一百零二号", "2组1号",
                "二组2号", "十组1号", "十一组1号", "二十组1号", "一品苑3号楼", "十里铺1号", "幸福小区3号楼101室",
                "幸福小区3号楼1001室", "幸福小区12号楼101室");
        assertThat(doors(listed("officer", 50, 1))).containsExactlyElementsOf(expected);
        // paged through the stored key's index, the pages follow one another in the same order
        assertThat(doors(listed("officer", 5, 4))).containsExactlyElementsOf(expected);
    }

    @Test
    void theRoomsOfAFloorAndUnitComeByTheirNumbers() {
        HousingFixtures.Answer b = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId",
                fx.gridId("FS-1-02"), "name", village + "宿舍楼", "floors", 1, "units", 1, "roomsPerFloor", 3));
        assertThat(b.status()).as(String.valueOf(b.body())).isEqualTo(201);
        UUID building = UUID.fromString(b.body().get("id").asText());
        // a dormitory numbers its rooms 1, 2, 10 rather than 101, 102, 103
        List<UUID> rooms = jdbc.sql("SELECT id FROM room WHERE building_id = ? ORDER BY number").param(building)
                .query(UUID.class).list();
        String[] numbers = {"10", "1", "2"};
        for (int i = 0; i < rooms.size(); i++) {
            jdbc.sql("UPDATE room SET number = ? WHERE id = ?").params(numbers[i], rooms.get(i)).update();
        }
        JsonNode unit = fx.get("officer", "/api/v1/buildings/" + building).body().path("floors").get(0)
                .path("units").get(0);
        assertThat(StreamSupport.stream(unit.path("rooms").spliterator(), false).map(r -> r.get("number").asText()))
                .containsExactly("1", "2", "10");
        assertThat(fx.get("officer2", "/api/v1/buildings/" + building).status()).isEqualTo(404);
    }

    @Test
    void theHouseholdsOfferedToMoveAPersonIntoComeDoorByDoor() {
        UUID grid = fx.gridId("FS-1-01");
        for (UUID address : addresses.values()) {
            HousingFixtures.Answer h = fx.call("officer", "POST", "/api/v1/households",
                    Map.of("gridId", grid, "addressId", address));
            assertThat(h.status()).as(String.valueOf(h.body())).isEqualTo(201);
        }
        List<String> places = items(fx.get("officer", "/api/v1/households?size=50&q=" + enc(village)).body()).stream()
                .map(h -> h.get("place").asText()).toList();
        assertThat(doors(places)).containsExactlyElementsOf(DOOR_ORDER);
        assertThat(items(fx.get("officer2", "/api/v1/households?size=50&q=" + enc(village)).body())).isEmpty();
    }

    @Test
    void theRentalsComeDoorByDoor() {
        String landlord = "房东" + village;
        for (UUID address : addresses.values()) {
            HousingFixtures.Answer r = fx.call("officer", "POST", "/api/v1/rentals", Map.of("addressId", address,
                    "landlordName", landlord, "landlordPhone", "13912340000", "purpose", "RESIDENCE",
                    "contractFrom", LocalDate.now().toString()));
            assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        }
        List<String> listed = items(fx.get("officer", "/api/v1/rentals?size=50&landlord=" + enc(landlord)).body())
                .stream().map(r -> r.get("address").asText()).toList();
        assertThat(doors(listed)).containsExactlyElementsOf(DOOR_ORDER);
        assertThat(items(fx.get("officer2", "/api/v1/rentals?size=50&landlord=" + enc(landlord)).body())).isEmpty();
    }

    @Test
    void theVerificationTasksOfAddressesComeDoorByDoor() {
        UUID grid = fx.gridId("FS-1-01");
        for (UUID address : addresses.values()) {
            jdbc.sql("""
                    INSERT INTO verification_task (id, grid_id, address_id, kind, period_from, period_to, reason_key,
                        reason_args, status)
                    VALUES (?, ?, ?, 'UNREGISTERED_USE', DATE '2026-10-01', DATE '2026-10-31',
                            'utilities.reason.noReadings', '{}', 'OPEN')""")
                    .params(UUID.randomUUID(), grid, address).update();
        }
        List<String> listed = new ArrayList<>();
        List<String> seenByOther = new ArrayList<>();
        for (int p = 1; p <= 50; p++) {
            List<JsonNode> tasks = items(fx.get("officer", "/api/v1/verification-tasks?status=OPEN&size=100&page=" + p
                    + "&gridId=" + grid).body());
            tasks.stream().map(t -> t.path("address").asText()).filter(a -> a.contains(village)).forEach(listed::add);
            if (tasks.size() < 100) {
                break;
            }
        }
        items(fx.get("officer2", "/api/v1/verification-tasks?status=OPEN&size=100").body()).stream()
                .map(t -> t.path("address").asText()).filter(a -> a.contains(village)).forEach(seenByOther::add);
        assertThat(doors(listed)).containsExactlyElementsOf(DOOR_ORDER);
        assertThat(seenByOther).isEmpty();
    }

    @Test
    void theBuildingsOfAGridComeByTheirNumbers() {
        String estate = village.substring(0, 3);
        List<String> names = List.of(estate + "12号楼", estate + "3号楼", estate + "1号楼");
        for (String name : names) {
            HousingFixtures.Answer b = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId",
                    fx.gridId("FS-1-02"), "name", name, "floors", 2, "units", 1, "roomsPerFloor", 2));
            assertThat(b.status()).as(String.valueOf(b.body())).isEqualTo(201);
        }
        JsonNode listed = fx.get("officer", "/api/v1/buildings?gridId=" + fx.gridId("FS-1-02")).body();
        assertThat(StreamSupport.stream(listed.spliterator(), false).map(b -> b.get("name").asText())
                .filter(n -> n.startsWith(estate)).toList())
                .containsExactly(estate + "1号楼", estate + "3号楼", estate + "12号楼");
        assertThat(StreamSupport.stream(fx.get("officer2", "/api/v1/buildings").body().spliterator(), false)
                .map(b -> b.get("name").asText()).filter(n -> n.startsWith(estate)).toList()).isEmpty();
    }

    @Test
    void theBuildingsAtAnAddressComeByTheirNumbersOnItsPage() {
        UUID at = addresses.get("1组1号");
        for (String name : List.of("12号楼", "十号楼", "3号楼")) {
            HousingFixtures.Answer b = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId",
                    fx.gridId("FS-1-01"), "name", village + name, "floors", 1, "units", 1, "roomsPerFloor", 1,
                    "addressId", at));
            assertThat(b.status()).as(String.valueOf(b.body())).isEqualTo(201);
        }
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String html = browser.get("/addresses/" + at, null).body();
        int three = html.indexOf(">" + village + "3号楼<");
        int ten = html.indexOf(">" + village + "十号楼<");
        int twelve = html.indexOf(">" + village + "12号楼<");
        assertThat(three).as(html).isPositive();
        assertThat(ten).isGreaterThan(three);
        assertThat(twelve).isGreaterThan(ten);

        ApiClient other = new ApiClient(port);
        assertThat(other.formLogin("officer2", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(other.get("/addresses/" + at, null).statusCode()).isEqualTo(404);
    }

    /**
     * A search by address alone lists who lives there as the officer meets them door by door: by the household's
     * address, then its room (building, unit, floor, room number: 9室 before 10室 before 101室), then by name; on
     * the API page by page, on the persons page and in its xlsx export alike. Names are given against that order, so
     * a list by name reads differently.
     */
    @Test
    void thePersonsFoundByAddressAloneComeDoorByDoorThenRoomByRoom() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        String prefix = village.substring(1, 3);
        // the residents' names in falling code point order along the doors, so that by name they read backwards
        List<String> given = new ArrayList<>(List.of("甲", "乙", "丙", "丁", "戊", "己", "庚"));
        given.sort(java.util.Comparator.reverseOrder());
        Map<String, String> resident = new HashMap<>();
        for (int i = 0; i < DOOR_ORDER.size(); i++) {
            String door = DOOR_ORDER.get(i);
            UUID household = household(grid, null, addresses.get(door));
            resident.put(door, prefix + "住" + given.get(i));
            fx.person(grid, household, resident.get(door), "HEAD", null, null);
        }
        // a dormitory at 1组2号 numbering its rooms 101, 9, 10: one household in each, its room's tenant named against
        // the rooms' order
        HousingFixtures.Answer b = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId", grid, "name",
                village + "宿舍", "floors", 1, "units", 1, "roomsPerFloor", 3, "addressId", addresses.get("1组2号")));
        assertThat(b.status()).as(String.valueOf(b.body())).isEqualTo(201);
        UUID building = UUID.fromString(b.body().get("id").asText());
        List<UUID> rooms = jdbc.sql("SELECT id FROM room WHERE building_id = ? ORDER BY number").param(building)
                .query(UUID.class).list();
        Map<String, String> tenants = Map.of("101", prefix + "房丙", "9", prefix + "房甲", "10", prefix + "房乙");
        String[] numbers = {"101", "9", "10"};
        for (int i = 0; i < rooms.size(); i++) {
            jdbc.sql("UPDATE room SET number = ? WHERE id = ?").params(numbers[i], rooms.get(i)).update();
            fx.person(grid, household(grid, rooms.get(i), addresses.get("1组2号")), tenants.get(numbers[i]), "HEAD",
                    null, null);
        }
        List<String> expected = new ArrayList<>();
        for (String door : DOOR_ORDER) {
            if (door.equals("1组2号")) {
                expected.addAll(List.of(tenants.get("9"), tenants.get("10"), tenants.get("101")));
            }
            expected.add(resident.get(door));
        }

        String search = "address=" + enc(village);
        assertThat(personNames("officer", search, 50, 1)).containsExactlyElementsOf(expected);
        assertThat(personNames("officer", search, 4, 3)).containsExactlyElementsOf(expected);

        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String html = browser.get("/persons?" + search, null).body();
        assertThat(expected.stream().map(n -> html.indexOf(">" + n + "<")).toList()).as(html)
                .allMatch(at -> at > 0).isSorted();

        String token = new ApiClient(port).token("officer", DEMO_PASSWORD);
        byte[] xlsx = new ApiClient(port).download("/api/v1/persons/export.xlsx?" + search, token).body();
        assertThat(ExportIntegrationTests.rows(xlsx).stream().map(r -> r.get("姓名")).toList())
                .containsExactlyElementsOf(expected);

        assertThat(personNames("officer2", search, 50, 1)).isEmpty();
    }

    /** A household at the address (and in the room, when given), as the household form registers one. */
    UUID household(UUID grid, UUID room, UUID address) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid);
        body.put("addressId", address);
        body.put("roomId", room);
        HousingFixtures.Answer h = fx.call("officer", "POST", "/api/v1/households", body);
        assertThat(h.status()).as(String.valueOf(h.body())).isEqualTo(201);
        return UUID.fromString(h.body().get("id").asText());
    }

    /** The names the persons search lists the user, its first pages of the given size. */
    List<String> personNames(String user, String search, int size, int pages) {
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            items(fx.get(user, "/api/v1/persons?" + search + "&size=" + size + "&page=" + p).body())
                    .forEach(n -> names.add(n.get("name").asText()));
        }
        return names;
    }

    /**
     * The organisations (shops, the nine small places) come door by door too, and those at one door by their names
     * with numbers as numbers (2号摊位, 10号摊位, 十二号摊位): on the API page by page and on the organisations page.
     */
    @Test
    void theOrganisationsComeDoorByDoor() {
        // named backwards along the doors (店G at the first door, 店B at the last), so that by name they read backwards
        List<String> expected = new ArrayList<>();
        for (String stall : List.of("2号摊位", "10号摊位", "十二号摊位")) {
            organisation(addresses.get("1组1号"), village + stall);
            expected.add(village + stall);
        }
        for (int i = 1; i < DOOR_ORDER.size(); i++) {
            String name = village + "店" + (char) ('H' - i);
            organisation(addresses.get(DOOR_ORDER.get(i)), name);
            expected.add(name);
        }
        assertThat(organisationNames("officer", 50, 1)).containsExactlyElementsOf(expected);
        assertThat(organisationNames("officer", 4, 3)).containsExactlyElementsOf(expected);

        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String html = browser.get("/organisations?q=" + enc(village), null).body();
        assertThat(expected.stream().map(n -> html.indexOf(">" + n + "<")).toList()).as(html)
                .allMatch(at -> at > 0).isSorted();

        assertThat(organisationNames("officer2", 50, 1)).isEmpty();
    }

    void organisation(UUID address, String name) {
        HousingFixtures.Answer o = fx.call("officer", "POST", "/api/v1/organisations",
                Map.of("addressId", address, "name", name, "kind", "SHOP"));
        assertThat(o.status()).as(String.valueOf(o.body())).isEqualTo(201);
    }

    List<String> organisationNames(String user, int size, int pages) {
        List<String> names = new ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            items(fx.get(user, "/api/v1/organisations?q=" + enc(village) + "&size=" + size + "&page=" + p).body())
                    .forEach(o -> names.add(o.get("name").asText()));
        }
        return names;
    }

    @Test
    void thePersonsFoundByAddressShowWhereEachLives() {
        UUID grid = fx.gridId("FS-1-01");
        Map<String, UUID> households = new HashMap<>();
        for (String door : List.of("1组2号", "1组10号")) {
            HousingFixtures.Answer h = fx.call("officer", "POST", "/api/v1/households",
                    Map.of("gridId", grid, "addressId", addresses.get(door)));
            households.put(door, UUID.fromString(h.body().get("id").asText()));
        }
        String name = village.substring(1, 3);
        fx.person(grid, households.get("1组2号"), name + "甲", "HEAD", null, null);
        fx.person(grid, households.get("1组10号"), name + "乙", "HEAD", null, null);

        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String html = browser.get("/persons?address=" + enc(village + "1组"), null).body();
        assertThat(html).contains("<th>地址</th>")
                .contains(">" + TOWNSHIP + village + "1组2号</td>", ">" + TOWNSHIP + village + "1组10号</td>");
        assertThat(fx.get("officer", "/api/v1/persons?address=" + enc(village + "1组10号")).body().path("items")
                .findValuesAsText("address")).containsExactly(TOWNSHIP + village + "1组10号");

        ApiClient other = new ApiClient(port);
        assertThat(other.formLogin("officer2", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(other.get("/persons?address=" + enc(village + "1组"), null).body()).doesNotContain(village + "1组2号");
    }
}
