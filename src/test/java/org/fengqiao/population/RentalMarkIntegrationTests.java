package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.population.internal.Buildings;
import org.fengqiao.population.internal.FloorPlan;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The floor plan's 出租 follows the registered rentals' contract dates by itself: shown while a
 * contract runs, gone after it ended, not yet there before it starts; an officer's hand mark still works.
 */
class RentalMarkIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    Buildings buildings;

    PlacesFixtures places;
    HousingFixtures fx;
    LocalDate today;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    UUID let(UUID room, PlacesFixtures.Person landlord, LocalDate from, LocalDate to) {
        Map<String, Object> body = new HashMap<>();
        body.put("roomId", room);
        body.put("landlordPersonId", landlord.id());
        body.put("purpose", "RESIDENCE");
        body.put("contractFrom", from.toString());
        body.put("contractTo", to.toString());
        HousingFixtures.Answer a = fx.call("officer", "POST", "/api/v1/rentals", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().get("id").asText());
    }

    JsonNode planRoom(UUID building, String number) {
        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + building).body();
        return BuildingFloorPlanIntegrationTests.room(plan, Integer.parseInt(number.substring(0, 1)), 1, number);
    }

    boolean shown(UUID building, String number) {
        JsonNode room = planRoom(building, number);
        boolean marked = BuildingFloorPlanIntegrationTests.marks(room).contains("RENTAL");
        assertThat(room.get("rental").asBoolean()).isEqualTo(marked);
        return marked;
    }

    /** The plan as it will read on a later day, with nothing written in between. */
    boolean shownOn(UUID building, UUID room, LocalDate day) {
        return FloorPlan.of(buildings.plan(building, day)).floors().stream().flatMap(f -> f.units().stream())
                .flatMap(u -> u.rooms().stream()).filter(r -> r.id().equals(room)).findFirst().orElseThrow()
                .marks().contains(FloorPlan.Mark.RENTAL);
    }

    long roomVersion(UUID room) {
        return jdbc.sql("SELECT version FROM room WHERE id = ?").param(room).query(Long.class).single();
    }

    @Test
    void theMarkShowsWhileTheContractRunsAndGoesAndComesWithItsDatesWithoutAnyoneTouchingTheRoom() {
        UUID building = fx.building("officer", "FS-2-01", 3, 1, 3);
        PlacesFixtures.Person landlord = places.person("officer", "FS-2-01", "日期房东" + UUID.randomUUID().toString().substring(0, 4),
                Residence.PERMANENT, null);
        UUID ended = fx.room(building, 1, "101");
        UUID running = fx.room(building, 1, "102");
        UUID later = fx.room(building, 1, "103");
        UUID none = fx.room(building, 1, "201");
        let(ended, landlord, today.minusYears(1), today.minusDays(1));
        let(running, landlord, today.minusMonths(3), today.plusDays(5));
        let(later, landlord, today.plusDays(10), today.plusYears(1));

        assertThat(shown(building, "101")).as("contract ended yesterday").isFalse();
        assertThat(shown(building, "102")).as("contract runs").isTrue();
        assertThat(planRoom(building, "102").get("rentalLet").asBoolean()).isTrue();
        assertThat(planRoom(building, "102").get("rentalMarked").asBoolean()).as("no hand mark").isFalse();
        assertThat(shown(building, "103")).as("contract starts in ten days").isFalse();
        assertThat(shown(building, "201")).isFalse();

        // the days pass and nobody touches the rooms: the running contract ends, the later one starts
        long runningVersion = roomVersion(running);
        long laterVersion = roomVersion(later);
        assertThat(shownOn(building, running, today.plusDays(5))).as("last day of the contract").isTrue();
        assertThat(shownOn(building, running, today.plusDays(6))).as("the day after it ended").isFalse();
        assertThat(shownOn(building, later, today.plusDays(9))).isFalse();
        assertThat(shownOn(building, later, today.plusDays(10))).as("first day of the later contract").isTrue();
        assertThat(shownOn(building, ended, today.minusDays(1))).as("its last day").isTrue();
        assertThat(roomVersion(running)).isEqualTo(runningVersion);
        assertThat(roomVersion(later)).isEqualTo(laterVersion);

        // a room whose contract ended may be let again, and shows 出租 again at once
        let(ended, landlord, today, today.plusYears(1));
        assertThat(shown(building, "101")).isTrue();
    }

    /**
     * A room where people are registered as living, or that is let today, cannot be marked vacant: the plan would show
     * it empty and the utility check would read its use as nobody's. The refusal says why in the reader's language and
     * changes nothing; once they moved out and the rental ended, it may.
     */
    @Test
    void aRoomWithResidentsOrARentalInForceCannotBeMarkedVacant() {
        UUID building = fx.building("officer", "FS-2-03", 2, 1, 2);
        PlacesFixtures.Person landlord = places.person("officer", "FS-2-03", "空置房东" + UUID.randomUUID().toString().substring(0, 4),
                Residence.PERMANENT, null);
        UUID lived = fx.room(building, 1, "101");
        UUID household = fx.household(fx.gridId("FS-2-03"), lived, false, false);
        UUID resident = fx.person(fx.gridId("FS-2-03"), household, "住户", "HEAD", null, null);
        UUID let = fx.room(building, 1, "102");
        let(let, landlord, today.minusDays(10), today.plusMonths(6));
        Map<String, Object> vacant = Map.of("vacant", true, "rental", false);

        HousingFixtures.Answer withResidents = fx.call("officer", "PUT", "/api/v1/rooms/" + lived, vacant);
        assertThat(withResidents.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(withResidents.body())).containsEntry("vacant",
                "房间内有登记在住的人员，不能标记为空置：请先登记其迁出");
        HousingFixtures.Answer whileLet = fx.call("officer", "PUT", "/api/v1/rooms/" + let, vacant, "Accept-Language", "en");
        assertThat(whileLet.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(whileLet.body()).get("vacant")).startsWith("This room is let");
        assertThat(jdbc.sql("SELECT count(*) FROM room WHERE id IN (?, ?) AND vacant").params(lived, let)
                .query(Long.class).single()).isZero();

        jdbc.sql("UPDATE person SET residence = 'LEFT' WHERE id = ?").param(resident).update();
        assertThat(fx.call("officer", "PUT", "/api/v1/rooms/" + lived, vacant).status()).as("everyone moved out").isEqualTo(200);
    }

    @Test
    void anOfficersHandMarkStillShowsAndARegisteredRentalTakesItsPlace() {
        UUID building = fx.building("officer", "FS-2-02", 2, 1, 2);
        PlacesFixtures.Person landlord = places.person("officer", "FS-2-02", "手标房东" + UUID.randomUUID().toString().substring(0, 4),
                Residence.PERMANENT, null);
        UUID room = fx.room(building, 1, "101");
        UUID endedRoom = fx.room(building, 1, "102");
        let(endedRoom, landlord, today.minusYears(1), today.minusDays(30));

        // an officer sees on the spot that the rooms are let, without a registered rental (or after it ended)
        for (UUID r : List.of(room, endedRoom)) {
            HousingFixtures.Answer marked = fx.call("officer", "PUT", "/api/v1/rooms/" + r, Map.of("vacant", false, "rental", true));
            assertThat(marked.status()).isEqualTo(200);
            assertThat(marked.body().get("rental").asBoolean()).isTrue();
        }
        assertThat(shown(building, "101")).isTrue();
        assertThat(planRoom(building, "101").get("rentalMarked").asBoolean()).isTrue();
        assertThat(shown(building, "102")).as("hand mark on a room whose contract ended").isTrue();
        assertThat(fx.call("officer", "PUT", "/api/v1/rooms/" + endedRoom, Map.of("vacant", false, "rental", false)).status())
                .isEqualTo(200);
        assertThat(shown(building, "102")).isFalse();

        // the rental is registered: its dates carry the mark from now on, the hand mark is cleared (audited)
        UUID rental = let(room, landlord, today.minusDays(1), today.plusDays(3));
        assertThat(jdbc.sql("SELECT rental FROM room WHERE id = ?").param(room).query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("""
                SELECT after->>'rentalId' FROM audit_entry WHERE action = 'UPDATE' AND record_type = 'room' AND record_id = ?
                  AND before->>'rental' = 'true' AND after->>'rental' = 'false'""")
                .param(room.toString()).query(String.class).list()).containsExactly(rental.toString());
        assertThat(shown(building, "101")).isTrue();
        assertThat(shownOn(building, room, today.plusDays(4))).as("no stale hand mark outlives the contract").isFalse();
    }
}
