package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.population.internal.RentalRegister;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two officers change the same records at the same moment: the one whose change loses the race is told so in his
 * language (409) and nothing of his change is saved, never a failure of the system; the winner's change stands.
 * Each race is driven step by step: the winner's transaction is held open by the test until the loser's request is
 * seen waiting for it in the database, then committed.
 */
class ConcurrentChangeIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    Housing housing;
    @Autowired
    RentalRegister rentals;
    @Autowired
    PlatformTransactionManager transactions;

    HousingFixtures fx;
    Race race;

    @BeforeEach
    void setUp() {
        fx = new PlacesFixtures(port, jdbc, jurisdictions).fx;
        race = new Race(jdbc, transactions);
    }

    @Test
    void aHouseholdRegisteredIntoARoomABuildingEditRemovesMeanwhileIsRefusedAndTheEditStands() {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 3, 1, 1);
        String name = jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
        Caller manager = new Caller(null, "manager", "所长", "STATION_CHIEF", List.of("/"), Set.of());
        Map<String, String> expected = Map.of(
                "zh-CN", "这间房屋刚被他人修改楼栋时删除，本次未保存。",
                "en", "Someone else removed this room meanwhile by changing its building, so nothing was saved.");
        int floors = 3;
        for (String language : List.of("zh-CN", "en")) {
            UUID topRoom = fx.room(building, 1, floors + "01");
            String number = HousingFixtures.unique("争");
            int lower = floors - 1;
            long version = 3 - floors;
            // another officer's edit lowers the building by a floor, removing the top room the household is
            // registered into: it has removed it, not yet committed, when the registration arrives
            HousingFixtures.Answer answer = race.run(
                    () -> housing.changeBuilding(building,
                            new Housing.BuildingChange(name, null, lower, 1, 1, version), manager),
                    () -> fx.call("officer", "POST", "/api/v1/households", household(grid, topRoom, number),
                            "Accept-Language", language));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("detail").asText()).startsWith(expected.get(language));
            assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number = ?").param(number)
                    .query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT floors FROM building WHERE id = ?").param(building).query(Integer.class)
                    .single()).isEqualTo(lower);
            floors = lower;
        }
        assertThat(jdbc.sql("SELECT number FROM room WHERE building_id = ?").param(building).query(String.class)
                .list()).containsExactly("101");

        // the race lost, the officer registers the household into a room that is there, and the building's edit
        // keeps that room from then on
        UUID room101 = fx.room(building, 1, "101");
        HousingFixtures.Answer registered = fx.call("officer", "POST", "/api/v1/households",
                household(grid, room101, HousingFixtures.unique("后")));
        assertThat(registered.status()).isEqualTo(201);
    }

    @Test
    void twoOfficersSavingTheSameHouseholdNumberAtOnceTheSecondIsToldTheNumberExistsAsWithoutARace() {
        UUID grid = fx.gridId("FS-1-01");
        Map<String, String> expected = Map.of("zh-CN", "户号“%s”已存在", "en", "household number \"%s\" already exists");
        for (String language : List.of("zh-CN", "en")) {
            String number = HousingFixtures.unique("同号");
            UUID first = UUID.randomUUID();
            // the first officer's household is written, not yet committed, when the second checks the number (free)
            HousingFixtures.Answer answer = race.run(
                    () -> jdbc.sql("INSERT INTO household (id, grid_id, number) VALUES (?, ?, ?)")
                            .params(first, grid, number).update(),
                    () -> fx.call("officer", "POST", "/api/v1/households", household(grid, null, " " + number + " "),
                            "Accept-Language", language));

            // the number's own line on its field, the same answer as the check gives once the first is committed
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("number");
            assertThat(answer.body().get("errors").get(0).get("message").asText())
                    .isEqualTo(expected.get(language).formatted(number));
            HousingFixtures.Answer again = fx.call("officer", "POST", "/api/v1/households",
                    household(grid, null, number), "Accept-Language", language);
            assertThat(again.status()).isEqualTo(400);
            assertThat(answer.body().get("errors")).isEqualTo(again.body().get("errors"));
            assertThat(answer.body().get("title")).isEqualTo(again.body().get("title"));
            assertThat(jdbc.sql("SELECT id FROM household WHERE number = ?").param(number).query(UUID.class).list())
                    .containsExactly(first);
        }
    }

    @Test
    void twoOfficersNamingABuildingAlikeAtOnceTheSecondIsToldTheGridHasItAsWithoutARace() {
        UUID grid = fx.gridId("FS-1-01");
        Map<String, String> expected = Map.of("zh-CN", "本网格已有名为“%s”的楼栋",
                "en", "this grid already has a building named \"%s\"");
        for (String language : List.of("zh-CN", "en")) {
            // a comma in the name, as the database lists a key's columns with one between them
            String name = HousingFixtures.unique("同名, 楼");
            HousingFixtures.Answer answer = race.run(
                    () -> jdbc.sql("INSERT INTO building (id, grid_id, name, floors, units, rooms_per_floor) "
                            + "VALUES (?, ?, ?, 1, 1, 1)").params(UUID.randomUUID(), grid, name).update(),
                    () -> fx.call("officer", "POST", "/api/v1/buildings", building(grid, name),
                            "Accept-Language", language));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("errors").get(0).get("field").asText()).isEqualTo("name");
            assertThat(answer.body().get("errors").get(0).get("message").asText())
                    .isEqualTo(expected.get(language).formatted(name));
            assertThat(jdbc.sql("SELECT count(*) FROM building WHERE grid_id = ? AND name = ?").params(grid, name)
                    .query(Long.class).single()).isOne();
        }
    }

    @Test
    void twoOfficersLettingTheSameRoomAtOnceTheSecondIsToldItIsLetAndOnlyTheFirstRentalIsSaved() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        PlacesFixtures.Person landlord = places.person("officer", "FS-1-01", "房东" + HousingFixtures.unique(""),
                Residence.PERMANENT, null);
        Caller manager = new Caller(null, "manager", "所长", "STATION_CHIEF", List.of("/"), Set.of());
        LocalDate from = LocalDate.now().minusMonths(1);
        Map<String, String> expected = Map.of("zh-CN", "该房屋已有在租的出租登记", "en", "This room has an active rental already");
        for (String language : List.of("zh-CN", "en")) {
            UUID room = fx.room(building, 1, language.equals("en") ? "102" : "101");
            // the first officer's rental is written, not yet committed, when the second's is checked
            HousingFixtures.Answer answer = race.run(
                    () -> rentals.create(new RentalRegister.Input(room, null, landlord.id(), null, null, "RESIDENCE",
                            from, from.plusYears(1), from, null, List.of()), manager),
                    () -> fx.call("officer", "POST", "/api/v1/rentals", rental(room, landlord.id(), from),
                            "Accept-Language", language));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("detail").asText()).isEqualTo(expected.get(language));
            assertThat(jdbc.sql("SELECT count(*) FROM rental WHERE room_id = ?").param(room).query(Long.class)
                    .single()).isOne();
        }
    }

    @Test
    void twoOfficersLettingTheSameAddressWithoutARoomAtOnceTheSecondIsToldItIsLetAndOnlyTheFirstRentalIsSaved() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        PlacesFixtures.Person landlord = places.person("officer", "FS-1-01", "房东" + HousingFixtures.unique(""),
                Residence.PERMANENT, null);
        Caller manager = new Caller(null, "manager", "所长", "STATION_CHIEF", List.of("/"), Set.of());
        LocalDate from = LocalDate.now().minusMonths(1);
        Map<String, String> expected = Map.of("zh-CN", "该房屋已有在租的出租登记", "en", "This room has an active rental already");
        for (String language : List.of("zh-CN", "en")) {
            // a shop let as a whole: the rental names its address and no room
            UUID address = places.address("officer", "FS-1-01", "整租街" + HousingFixtures.unique(""));
            HousingFixtures.Answer answer = race.run(
                    () -> rentals.create(new RentalRegister.Input(null, address, landlord.id(), null, null, "SHOP",
                            from, from.plusYears(1), from, null, List.of()), manager),
                    () -> fx.call("officer", "POST", "/api/v1/rentals", rentalAt(address, landlord.id(), from, 1),
                            "Accept-Language", language));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("detail").asText()).isEqualTo(expected.get(language));
            assertThat(jdbc.sql("SELECT count(*) FROM rental WHERE address_id = ?").param(address).query(Long.class)
                    .single()).isOne();
        }
    }

    @Test
    void twoOfficersRenewingEndedRentalsOfTheSameAddressAtOnceTheSecondIsToldItIsLetAndOnlyOneIsActive() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        PlacesFixtures.Person landlord = places.person("officer", "FS-1-01", "房东" + HousingFixtures.unique(""),
                Residence.PERMANENT, null);
        Caller manager = new Caller(null, "manager", "所长", "STATION_CHIEF", List.of("/"), Set.of());
        LocalDate from = LocalDate.now().minusYears(2);
        Map<String, String> expected = Map.of("zh-CN", "该房屋已有在租的出租登记", "en", "This room has an active rental already");
        for (String language : List.of("zh-CN", "en")) {
            UUID address = places.address("officer", "FS-1-01", "续租街" + HousingFixtures.unique(""));
            // two contracts of the whole house that ended last year, each renewed by another officer at once
            UUID first = created(
                    fx.call("officer", "POST", "/api/v1/rentals", rentalAt(address, landlord.id(), from, 1)));
            UUID second = created(
                    fx.call("officer", "POST", "/api/v1/rentals", rentalAt(address, landlord.id(), from, 1)));
            HousingFixtures.Answer answer = race.run(
                    () -> rentals.change(first, new RentalRegister.Input(null, null, landlord.id(), null, null,
                            "RESIDENCE", from, from.plusYears(3), from, null, null), manager),
                    () -> fx.call("officer", "PUT", "/api/v1/rentals/" + second,
                            rentalAt(address, landlord.id(), from, 3), "Accept-Language", language));

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.body().get("detail").asText()).isEqualTo(expected.get(language));
            assertThat(jdbc.sql("SELECT id FROM rental WHERE address_id = ? AND contract_to >= current_date")
                    .param(address).query(UUID.class).list()).containsExactly(first);
        }
    }

    private static UUID created(HousingFixtures.Answer answer) {
        assertThat(answer.status()).as("rental registered: %s", answer.body()).isEqualTo(201);
        return UUID.fromString(answer.body().get("id").asText());
    }

    static Map<String, Object> rentalAt(UUID address, UUID landlord, LocalDate from, int years) {
        return Map.of("addressId", address, "landlordPersonId", landlord, "purpose", "RESIDENCE",
                "contractFrom", from.toString(), "contractTo", from.plusYears(years).toString(),
                "policeRegisteredOn", from.toString());
    }

    static Map<String, Object> rental(UUID room, UUID landlord, LocalDate from) {
        return Map.of("roomId", room, "landlordPersonId", landlord, "purpose", "RESIDENCE",
                "contractFrom", from.toString(), "contractTo", from.plusYears(1).toString(),
                "policeRegisteredOn", from.toString());
    }

    static Map<String, Object> building(UUID grid, String name) {
        return Map.of("gridId", grid, "name", name, "floors", 2, "units", 1, "roomsPerFloor", 2);
    }

    static Map<String, Object> household(UUID grid, UUID room, String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid);
        body.put("roomId", room);
        body.put("number", number);
        body.put("trusted", false);
        body.put("inDifficulty", false);
        return body;
    }
}
