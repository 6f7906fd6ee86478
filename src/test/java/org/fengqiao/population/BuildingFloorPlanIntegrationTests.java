package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A building is created with all its rooms, and its floor plan shows floors from the top down, units
 * side by side, each room with its household's head and the marks of its members.
 */
class BuildingFloorPlanIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
    }

    static JsonNode room(JsonNode plan, int floor, int unit, String number) {
        for (JsonNode f : plan.get("floors")) {
            if (f.get("floor").asInt() != floor) {
                continue;
            }
            for (JsonNode u : f.get("units")) {
                if (u.get("unit").asInt() != unit) {
                    continue;
                }
                for (JsonNode r : u.get("rooms")) {
                    if (r.get("number").asText().equals(number)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no room " + number + " of unit " + unit + " on floor " + floor);
    }

    static List<String> marks(JsonNode room) {
        List<String> marks = new ArrayList<>();
        room.get("marks").forEach(m -> marks.add(m.asText()));
        return marks;
    }

    @Test
    void createsABuildingWithEveryRoomNumberedByFloorAndIndex() {
        UUID grid = fx.gridId("FS-1-01");
        String name = HousingFixtures.unique("吴场村3号楼");
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/buildings",
                Map.of("gridId", grid, "name", name, "floors", 6, "units", 2, "roomsPerFloor", 3));
        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.body().get("id").asText());
        assertThat(created.body().get("rooms").asLong()).isEqualTo(36);

        List<String> unitOneFloorThree = jdbc.sql(
                "SELECT number FROM room WHERE building_id = ? AND unit_no = 1 AND floor = 3 ORDER BY number")
                .param(id).query(String.class).list();
        assertThat(unitOneFloorThree).containsExactly("301", "302", "303");

        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + id).body();
        List<Integer> floors = new ArrayList<>();
        plan.get("floors").forEach(f -> floors.add(f.get("floor").asInt()));
        assertThat(floors).containsExactly(6, 5, 4, 3, 2, 1);
        JsonNode top = plan.get("floors").get(0);
        assertThat(top.get("units")).hasSize(2);
        assertThat(top.get("units").get(0).get("rooms")).hasSize(3);
        assertThat(top.get("units").get(1).get("rooms").get(2).get("number").asText()).isEqualTo("603");
        // nobody registered yet: every room is vacant on the plan
        assertThat(marks(room(plan, 1, 2, "101"))).containsExactly("VACANT");

        JsonNode list = fx.get("officer", "/api/v1/buildings?gridId=" + grid).body();
        Map<String, JsonNode> byName = new HashMap<>();
        list.forEach(b -> byName.put(b.get("name").asText(), b));
        assertThat(byName.get(name).get("rooms").asLong()).isEqualTo(36);
        assertThat(byName.get(name).get("gridCode").asText()).isEqualTo("FS-1-01");
    }

    @Test
    void showsTheHeadOfHouseholdAndTheMarksOfEachRoom() {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 3, 2, 2);

        UUID keyRoom = fx.room(building, 2, "302");
        UUID family = fx.household(grid, keyRoom, false, false);
        fx.person(grid, family, "王建", "HEAD", null, null);
        fx.person(grid, family, "王小", "CHILD", "KEY_PERSON", "DRUG");

        UUID careRoom = fx.room(building, 1, "101");
        UUID care = fx.household(grid, careRoom, true, true);
        fx.person(grid, care, "李奶", "HEAD", "ELDERLY_ALONE", null);

        UUID childRoom = fx.room(building, 1, "202");
        UUID children = fx.household(grid, childRoom, false, false);
        fx.person(grid, children, "赵华", "HEAD", null, null);
        fx.person(grid, children, "赵宝", "GRANDCHILD", "LEFT_BEHIND_CHILD", null);
        fx.call("officer", "PUT", "/api/v1/rooms/" + childRoom, Map.of("vacant", false, "rental", true));

        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + building).body();
        JsonNode key = room(plan, 3, 2, "302");
        assertThat(key.get("households").get(0).get("head").asText()).isEqualTo("王建");
        assertThat(key.get("households").get(0).get("id").asText()).isEqualTo(family.toString());
        assertThat(marks(key)).containsExactly("KEY_PERSON");

        assertThat(room(plan, 1, 1, "101").get("households").get(0).get("head").asText()).isEqualTo("李奶");
        assertThat(marks(room(plan, 1, 1, "101"))).containsExactly("ELDERLY_ALONE", "IN_DIFFICULTY", "TRUSTED");
        assertThat(marks(room(plan, 2, 1, "202"))).containsExactly("RENTAL", "LEFT_BEHIND_CHILD");
        assertThat(marks(room(plan, 3, 1, "302"))).containsExactly("VACANT");
        assertThat(plan.get("building").get("households").asLong()).isEqualTo(3);
    }

    @Test
    void aMemberWhoLeftNoLongerMarksTheRoom() {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = fx.room(building, 1, "101");
        UUID household = fx.household(grid, room, false, false);
        fx.person(grid, household, "周一", "HEAD", null, null);
        UUID left = fx.person(grid, household, "周二", "SPOUSE", "KEY_PERSON", "EX_OFFENDER");
        assertThat(marks(room(fx.get("officer", "/api/v1/buildings/" + building).body(), 1, 1, "101")))
                .containsExactly("KEY_PERSON");

        jdbc.sql("UPDATE person SET residence = 'LEFT' WHERE id = ?").param(left).update();
        assertThat(marks(room(fx.get("officer", "/api/v1/buildings/" + building).body(), 1, 1, "101"))).isEmpty();
    }

    @Test
    void marksARoomVacantOnTheSpotAndAudits() {
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        UUID room = fx.room(building, 1, "201");
        fx.household(fx.gridId("FS-1-01"), room, false, false);
        long seq = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();

        HousingFixtures.Answer marked = fx.call("officer", "PUT", "/api/v1/rooms/" + room,
                Map.of("vacant", true, "rental", false));
        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.body().get("vacant").asBoolean()).isTrue();
        assertThat(marks(room(fx.get("officer", "/api/v1/buildings/" + building).body(), 2, 1, "201")))
                .containsExactly("VACANT");
        Map<String, Object> audit = jdbc.sql("""
                SELECT action, actor, before->>'vacant' AS before, after->>'vacant' AS after FROM audit_entry
                WHERE seq > ? AND record_type = 'room' AND record_id = ?""")
                .params(seq, room.toString()).query().singleRow();
        assertThat(audit).containsEntry("action", "UPDATE").containsEntry("actor", "officer")
                .containsEntry("before", "false").containsEntry("after", "true");
    }

    @Test
    void refusesABadBuildingWithAMessagePerFieldAndSavesNothing() {
        UUID grid = fx.gridId("FS-1-01");
        String name = HousingFixtures.unique("坏楼");
        Map<String, Object> bad = Map.of("gridId", grid, "name", name, "floors", 0, "units", 51, "roomsPerFloor", 2);

        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/buildings", bad);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(errors(zh.body())).containsEntry("floors", "须在 1 到 200 之间").containsEntry("units", "须在 1 到 50 之间")
                .doesNotContainKey("roomsPerFloor");

        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/buildings", bad, "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(errors(en.body())).containsEntry("floors", "must be between 1 and 200");

        HousingFixtures.Answer noGrid = fx.call("officer", "POST", "/api/v1/buildings",
                Map.of("gridId", fx.gridId("NS-1-01"), "name", name, "floors", 3, "units", 1, "roomsPerFloor", 2),
                "Accept-Language", "en");
        assertThat(noGrid.status()).isEqualTo(400);
        assertThat(errors(noGrid.body())).containsEntry("gridId", "no such grid in your jurisdiction");

        assertThat(jdbc.sql("SELECT count(*) FROM building WHERE name = ?").param(name).query(Long.class).single())
                .isZero();
    }

    @Test
    void refusesASecondBuildingOfTheSameNameInAGrid() {
        UUID grid = fx.gridId("FS-1-01");
        String name = HousingFixtures.unique("同名楼");
        Map<String, Object> b = Map.of("gridId", grid, "name", name, "floors", 2, "units", 1, "roomsPerFloor", 2);
        assertThat(fx.call("officer", "POST", "/api/v1/buildings", b).status()).isEqualTo(201);
        HousingFixtures.Answer again = fx.call("officer", "POST", "/api/v1/buildings", b);
        assertThat(again.status()).isEqualTo(400);
        assertThat(errors(again.body())).containsKey("name");
        assertThat(jdbc.sql("SELECT count(*) FROM building WHERE name = ?").param(name).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aBuildingOrRoomOutsideTheScopeAnswersLikeOneThatDoesNotExist() {
        UUID urban = fx.building("officer2", "NS-1-01", 2, 1, 1);
        UUID urbanRoom = fx.room(urban, 1, "101");
        assertThat(fx.get("officer2", "/api/v1/buildings/" + urban).status()).isEqualTo(200);

        HousingFixtures.Answer outside = fx.get("officer", "/api/v1/buildings/" + urban);
        HousingFixtures.Answer missing = fx.get("officer", "/api/v1/buildings/" + UUID.randomUUID());
        assertThat(outside.status()).isEqualTo(404);
        assertThat(HousingFixtures.withoutInstance(outside.body())).isEqualTo(HousingFixtures.withoutInstance(missing.body()));

        Map<String, Object> marks = Map.of("vacant", true, "rental", true);
        HousingFixtures.Answer roomOutside = fx.call("officer", "PUT", "/api/v1/rooms/" + urbanRoom, marks);
        HousingFixtures.Answer roomMissing = fx.call("officer", "PUT", "/api/v1/rooms/" + UUID.randomUUID(), marks);
        assertThat(roomOutside.status()).isEqualTo(404);
        assertThat(HousingFixtures.withoutInstance(roomOutside.body())).isEqualTo(HousingFixtures.withoutInstance(roomMissing.body()));
        assertThat(jdbc.sql("SELECT vacant OR rental FROM room WHERE id = ?").param(urbanRoom).query(Boolean.class)
                .single()).isFalse();

        List<String> names = new ArrayList<>();
        fx.get("officer", "/api/v1/buildings").body().forEach(b -> names.add(b.get("gridCode").asText()));
        assertThat(names).doesNotContain("NS-1-01");
        assertThat(fx.get("officer", "/api/v1/buildings?gridId=" + fx.gridId("NS-1-01")).body()).isEmpty();
    }

    @Test
    void volunteersSeeNoBuildingsAndGridMembersChangeNone() {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        assertThat(fx.get("volunteer", "/api/v1/buildings").status()).isEqualTo(403);
        assertThat(fx.get("volunteer", "/api/v1/buildings/" + building).status()).isEqualTo(403);
        assertThat(fx.call("volunteer", "POST", "/api/v1/buildings", Map.of("gridId", fx.gridId("FS-1-01"),
                "name", HousingFixtures.unique("楼"), "floors", 1, "units", 1, "roomsPerFloor", 1)).status())
                .isEqualTo(403);
        assertThat(fx.call("volunteer", "PUT", "/api/v1/rooms/" + fx.room(building, 1, "101"),
                Map.of("vacant", true, "rental", false)).status()).isEqualTo(403);
    }

    static Map<String, String> errors(JsonNode problem) {
        return HousingFixtures.errors(problem);
    }
}
