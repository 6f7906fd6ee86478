package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Rental housing through the API: a rental on a room or an address, its landlord and tenants shown
 * masked, the floor plan's rental mark following it, every change and read of the people audited,
 * and each rental seen only inside the caller's jurisdiction.
 */
class RentalApiIntegrationTests extends IntegrationTest {

    static final String MASKED_ID = "320722\\*{8}[0-9]{3}[0-9X]";
    static final String MASKED_PHONE = "1[0-9]{2}\\*{4}[0-9]{4}";

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
    LocalDate today;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
        today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    /** A rented flat: a building of the grid, its room 101 of unit 1, a landlord and a floating tenant. */
    record Flat(UUID building, UUID room, PlacesFixtures.Person landlord, PlacesFixtures.Person tenant,
            LocalDate registered) {
    }

    Flat flat(String user, String gridCode) {
        UUID building = fx.building(user, gridCode, 2, 1, 2);
        UUID room = fx.room(building, 1, "101");
        PlacesFixtures.Person landlord = places.person(user, gridCode, "房东" + tag(), Residence.PERMANENT, null);
        LocalDate registered = today.minusMonths(2);
        PlacesFixtures.Person tenant = places.person(user, gridCode, "租客" + tag(), Residence.FLOATING, registered);
        return new Flat(building, room, landlord, tenant, registered);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 4);
    }

    Map<String, Object> rental(Flat f) {
        Map<String, Object> body = new HashMap<>();
        body.put("roomId", f.room());
        body.put("landlordPersonId", f.landlord().id());
        body.put("purpose", "RESIDENCE");
        body.put("contractFrom", f.registered().toString());
        body.put("contractTo", f.registered().plusYears(1).toString());
        body.put("policeRegisteredOn", f.registered().toString());
        body.put("tenants", List.of(Map.of("personId", f.tenant().id(), "from", f.registered().toString())));
        return body;
    }

    UUID create(String user, Map<String, Object> body) {
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/rentals", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().get("id").asText());
    }

    boolean planShowsRental(Flat f) {
        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + f.building()).body();
        return BuildingFloorPlanIntegrationTests.marks(BuildingFloorPlanIntegrationTests.room(plan, 1, 1, "101"))
                .contains("RENTAL");
    }

    boolean rentalMark(UUID room) {
        return jdbc.sql("SELECT rental FROM room WHERE id = ?").param(room).query(Boolean.class).single();
    }

    @Test
    void aRentalOnARoomShowsLandlordAndTenantMaskedWithThePermitDayAndMarksTheFloorPlan() {
        Flat f = flat("officer", "FS-1-01");
        assertThat(rentalMark(f.room())).isFalse();
        long seq = places.lastAuditSeq();
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/rentals", rental(f));
        assertThat(created.status()).isEqualTo(201);
        JsonNode r = created.body();
        assertThat(r.get("active").asBoolean()).isTrue();
        assertThat(r.get("gridCode").asText()).isEqualTo("FS-1-01");
        assertThat(r.get("landlord").get("name").asText()).isEqualTo(f.landlord().name());
        assertThat(r.get("landlord").get("idNumber").asText()).matches(MASKED_ID)
                .endsWith(f.landlord().idNumber().substring(14));
        assertThat(r.get("landlord").get("phone").asText()).matches(MASKED_PHONE);
        JsonNode tenant = r.get("tenants").get(0);
        assertThat(tenant.get("name").asText()).isEqualTo(f.tenant().name());
        assertThat(tenant.get("idNumber").asText()).matches(MASKED_ID);
        assertThat(tenant.get("phone").asText()).matches(MASKED_PHONE);
        assertThat(tenant.get("residence").asText()).isEqualTo("FLOATING");
        assertThat(tenant.get("residencePermitFrom").asText()).isEqualTo(f.registered().plusMonths(6).toString());
        assertThat(tenant.get("current").asBoolean()).isTrue();
        assertThat(r.toString()).doesNotContain(f.landlord().idNumber(), f.landlord().phone(), f.tenant().idNumber(),
                f.tenant().phone());

        assertThat(rentalMark(f.room())).as("no stored mark: the plan derives 租 from the rental").isFalse();
        JsonNode plan = fx.get("officer", "/api/v1/buildings/" + f.building()).body();
        assertThat(BuildingFloorPlanIntegrationTests.marks(BuildingFloorPlanIntegrationTests.room(plan, 1, 1, "101")))
                .contains("RENTAL");

        List<Map<String, Object>> audit = jdbc.sql("""
                SELECT record_type, action, after::text AS after FROM audit_entry
                WHERE seq > ? AND record_type IN ('rental', 'room') AND actor = 'officer' ORDER BY seq""")
                .param(seq).query().listOfRows();
        assertThat(audit).extracting(m -> m.get("record_type") + ":" + m.get("action"))
                .containsExactly("rental:CREATE");
        assertThat(audit.get(0).get("after").toString()).contains(f.tenant().id().toString())
                .doesNotContain(f.landlord().phone());
    }

    @Test
    void tenantsComeAndGoAndEachReadOfTheRentalAuditsThePeopleShown() {
        Flat f = flat("officer", "FS-1-02");
        UUID id = create("officer", rental(f));
        PlacesFixtures.Person second = places.person("officer", "FS-1-02", "合租" + tag(), Residence.FLOATING,
                today.minusDays(10));

        HousingFixtures.Answer added = fx.call("officer", "POST", "/api/v1/rentals/" + id + "/tenants",
                Map.of("personId", second.id(), "from", today.minusDays(10).toString()));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("tenants")).hasSize(2);
        assertThat(fx.call("officer", "POST", "/api/v1/rentals/" + id + "/tenants",
                Map.of("personId", second.id(), "from", today.toString())).status()).as("already a tenant").isEqualTo(409);

        String tenancy = null;
        for (JsonNode t : added.body().get("tenants")) {
            if (t.get("personId").asText().equals(f.tenant().id().toString())) {
                tenancy = t.get("id").asText();
            }
        }
        HousingFixtures.Answer early = fx.call("officer", "POST", "/api/v1/rentals/" + id + "/tenants/" + tenancy + "/end",
                Map.of("on", f.registered().minusDays(1).toString()));
        assertThat(early.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(early.body())).containsOnlyKeys("on");
        HousingFixtures.Answer ended = fx.call("officer", "POST", "/api/v1/rentals/" + id + "/tenants/" + tenancy + "/end",
                Map.of("on", today.toString()));
        assertThat(ended.status()).isEqualTo(200);
        JsonNode gone = null;
        for (JsonNode t : ended.body().get("tenants")) {
            if (t.get("id").asText().equals(tenancy)) {
                gone = t;
            }
        }
        assertThat(gone.get("to").asText()).isEqualTo(today.toString());
        assertThat(fx.call("officer", "POST", "/api/v1/rentals/" + id + "/tenants/" + tenancy + "/end",
                Map.of("on", today.toString())).status()).isEqualTo(409);

        long seq = places.lastAuditSeq();
        assertThat(fx.get("officer", "/api/v1/rentals/" + id).status()).isEqualTo(200);
        List<String> reads = jdbc.sql("""
                SELECT record_type || ':' || record_id FROM audit_entry WHERE seq > ? AND action = 'READ' AND actor = 'officer'""")
                .param(seq).query(String.class).list();
        assertThat(reads).contains("rental:" + id, "person:" + f.landlord().id(), "person:" + f.tenant().id(),
                "person:" + second.id());
    }

    @Test
    void aContractThatEndedMakesTheRentalInactiveAndClearsTheMarkAndTheRoomMayBeLetAgain() {
        Flat f = flat("officer", "FS-1-03");
        UUID id = create("officer", rental(f));
        assertThat(fx.call("officer", "POST", "/api/v1/rentals", rental(f)).status()).as("let already").isEqualTo(409);

        Map<String, Object> ended = rental(f);
        ended.remove("tenants");
        ended.put("contractFrom", today.minusYears(1).toString());
        ended.put("contractTo", today.minusDays(1).toString());
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/rentals/" + id, ended);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("active").asBoolean()).isFalse();
        assertThat(planShowsRental(f)).isFalse();
        assertThat(jdbc.sql("""
                SELECT after->>'contractTo' FROM audit_entry WHERE action = 'UPDATE' AND record_type = 'rental' AND record_id = ?""")
                .param(id.toString()).query(String.class).list()).containsExactly(today.minusDays(1).toString());

        UUID again = create("officer", rental(f));
        assertThat(again).isNotEqualTo(id);
        assertThat(planShowsRental(f)).isTrue();
        assertThat(ids(fx.get("officer", "/api/v1/rentals?active=false&gridId=" + fx.gridId("FS-1-03")).body()))
                .contains(id.toString()).doesNotContain(again.toString());
        assertThat(ids(fx.get("officer", "/api/v1/rentals?active=true&gridId=" + fx.gridId("FS-1-03")).body()))
                .contains(again.toString()).doesNotContain(id.toString());
    }

    @Test
    void theNextContractMayBeRegisteredBeforeTheCurrentOneEndsButNoneSharingItsDays() {
        Flat f = flat("officer", "FS-1-04");
        UUID current = create("officer", rental(f));
        LocalDate ends = f.registered().plusYears(1);

        Map<String, Object> next = rental(f);
        next.remove("tenants");
        next.remove("policeRegisteredOn");
        next.put("contractFrom", ends.plusDays(1).toString());
        next.put("contractTo", ends.plusYears(1).toString());
        HousingFixtures.Answer ahead = fx.call("officer", "POST", "/api/v1/rentals", next);
        assertThat(ahead.status()).as("a contract from the day after the current one ends: " + ahead.body())
                .isEqualTo(201);
        UUID following = UUID.fromString(ahead.body().get("id").asText());
        assertThat(planShowsRental(f)).as("let now, by the current contract").isTrue();

        long before = jdbc.sql("SELECT count(*) FROM rental WHERE room_id = ?").param(f.room()).query(Long.class).single();
        Map<String, Object> sharing = rental(f);
        sharing.remove("tenants");
        sharing.put("contractFrom", ends.toString());
        sharing.put("contractTo", ends.plusMonths(6).toString());
        assertThat(fx.call("officer", "POST", "/api/v1/rentals", sharing).status()).as("its last day let twice")
                .isEqualTo(409);
        Map<String, Object> openEnded = rental(f);
        openEnded.remove("tenants");
        openEnded.remove("contractFrom");
        openEnded.remove("contractTo");
        assertThat(fx.call("officer", "POST", "/api/v1/rentals", openEnded).status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM rental WHERE room_id = ?").param(f.room()).query(Long.class).single())
                .isEqualTo(before);

        // the following contract moved to start before the current one ends lets the room twice
        Map<String, Object> earlier = new HashMap<>(next);
        earlier.put("contractFrom", ends.minusMonths(1).toString());
        assertThat(fx.call("officer", "PUT", "/api/v1/rentals/" + following, earlier).status()).isEqualTo(409);
        assertThat(fx.get("officer", "/api/v1/rentals/" + following).body().get("contractFrom").asText())
                .isEqualTo(ends.plusDays(1).toString());
        assertThat(current).isNotEqualTo(following);
    }

    @Test
    void tenantsAreCurrentOnlyWhileTheirTenancyAndTheContractCoverToday() {
        Flat f = flat("officer", "FS-1-05");
        UUID id = create("officer", rental(f));
        String landlord = AddressApiIntegrationTests.enc(f.landlord().name());
        assertThat(fx.get("officer", "/api/v1/rentals?landlord=" + landlord).body().get("items").get(0)
                .get("currentTenants").asLong()).isEqualTo(1);

        // the contract ran out yesterday; nobody recorded the tenant moving out
        Map<String, Object> ended = rental(f);
        ended.remove("tenants");
        ended.put("contractTo", today.minusDays(1).toString());
        assertThat(fx.call("officer", "PUT", "/api/v1/rentals/" + id, ended).status()).isEqualTo(200);
        JsonNode item = fx.get("officer", "/api/v1/rentals?landlord=" + landlord).body().get("items").get(0);
        assertThat(item.get("active").asBoolean()).isFalse();
        assertThat(item.get("currentTenants").asLong()).as("nobody rents a room whose contract ended").isZero();
        assertThat(fx.get("officer", "/api/v1/rentals/" + id).body().get("tenants").get(0).get("current").asBoolean())
                .isFalse();

        // the next contract registered ahead, its tenant moving in when it begins: not yet a tenant
        Map<String, Object> next = rental(f);
        next.put("contractFrom", today.plusDays(10).toString());
        next.put("contractTo", today.plusYears(1).toString());
        next.remove("policeRegisteredOn");
        next.put("tenants", List.of(Map.of("personId", f.tenant().id(), "from", today.plusDays(10).toString())));
        UUID ahead = create("officer", next);
        JsonNode aheadView = fx.get("officer", "/api/v1/rentals/" + ahead).body();
        assertThat(aheadView.get("tenants").get(0).get("current").asBoolean()).isFalse();
        assertThat(fx.get("officer", "/api/v1/rentals?state=NOT_BEGUN&landlord=" + landlord).body().get("items").get(0)
                .get("currentTenants").asLong()).isZero();
    }

    @Test
    void aRentalRegisteredAheadIsNotYetBegunUntilItsFirstDayAndLetsNothingBefore() {
        Flat f = flat("officer", "FS-1-06");
        String landlord = AddressApiIntegrationTests.enc(f.landlord().name());
        LocalDate starts = today.plusDays(10);
        Map<String, Object> next = rental(f);
        next.put("contractFrom", starts.toString());
        next.put("contractTo", starts.plusYears(1).toString());
        next.remove("policeRegisteredOn");
        next.put("tenants", List.of(Map.of("personId", f.tenant().id(), "from", starts.toString())));
        UUID ahead = create("officer", next);

        JsonNode view = fx.get("officer", "/api/v1/rentals/" + ahead).body();
        assertThat(view.get("active").asBoolean()).as("it lets nothing before its first day").isFalse();
        assertThat(view.path("state").asText()).isEqualTo("NOT_BEGUN");
        JsonNode item = fx.get("officer", "/api/v1/rentals?landlord=" + landlord).body().get("items").get(0);
        assertThat(item.get("active").asBoolean()).isFalse();
        assertThat(item.path("state").asText()).isEqualTo("NOT_BEGUN");
        assertThat(item.get("contractFrom").asText()).isEqualTo(starts.toString());
        assertThat(ids(fx.get("officer", "/api/v1/rentals?active=true&landlord=" + landlord).body())).isEmpty();
        assertThat(ids(fx.get("officer", "/api/v1/rentals?state=LET&landlord=" + landlord).body())).isEmpty();
        assertThat(ids(fx.get("officer", "/api/v1/rentals?active=false&landlord=" + landlord).body())).isEmpty();
        assertThat(ids(fx.get("officer", "/api/v1/rentals?state=NOT_BEGUN&landlord=" + landlord).body()))
                .containsExactly(ahead.toString());
        HousingFixtures.Answer unknown = fx.call("officer", "GET", "/api/v1/rentals?state=SOON", null,
                "Accept-Language", "en");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(unknown.body())).containsOnlyKeys("state");
        assertThat(planShowsRental(f)).as("the floor plan marks the room let from the first day only").isFalse();

        // the list page says so, with the day it begins, in either language
        org.fengqiao.account.ApiClient browser = new org.fengqiao.account.ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String page = browser.get("/rentals?landlord=" + landlord, null).body();
        assertThat(page).contains("待生效（" + starts + "起）").doesNotContain("state-LET");
        assertThat(browser.get("/rentals?state=LET&landlord=" + landlord, null).body()).doesNotContain(ahead.toString());
        assertThat(browser.get("/rentals/" + ahead, null).body()).contains("待生效（" + starts + "起）");

        // on its first day it lets the room
        jdbc.sql("UPDATE rental SET contract_from = ? WHERE id = ?").params(today, ahead).update();
        jdbc.sql("UPDATE rental_tenant SET from_on = ? WHERE rental_id = ?").params(today, ahead).update();
        JsonNode begun = fx.get("officer", "/api/v1/rentals?active=true&landlord=" + landlord).body();
        assertThat(ids(begun)).containsExactly(ahead.toString());
        assertThat(begun.get("items").get(0).get("state").asText()).isEqualTo("LET");
        assertThat(begun.get("items").get(0).get("currentTenants").asLong()).isEqualTo(1);
        assertThat(planShowsRental(f)).isTrue();
    }

    @Test
    void aLandlordKnownByNameAndPhoneIsShownMaskedAndHisPhoneRevealedOnlyWithTheRightAndAReason() throws Exception {
        UUID address = places.address("officer", "FS-1-04", "出租街" + tag());
        Map<String, Object> body = new HashMap<>();
        body.put("addressId", address);
        body.put("landlordName", "外地房东" + tag());
        body.put("landlordPhone", "13512345678");
        body.put("purpose", "SHOP");
        UUID id = create("officer", body);
        JsonNode r = fx.get("officer", "/api/v1/rentals/" + id).body();
        assertThat(r.get("landlord").get("phone").asText()).isEqualTo("135****5678");
        assertThat(r.get("landlord").has("personId")).isFalse();
        assertThat(r.get("address").asText()).contains("出租街");
        assertThat(jdbc.sql("SELECT encode(landlord_phone_cipher, 'hex') FROM rental WHERE id = ?").param(id)
                .query(String.class).single()).doesNotContain("3133353132333435363738");

        assertThat(fx.call("officer", "POST", "/api/v1/rentals/" + id + "/reveal",
                Map.of("field", "landlordPhone", "reason", "")).status()).isEqualTo(400);
        HousingFixtures.Answer revealed = fx.call("officer", "POST", "/api/v1/rentals/" + id + "/reveal",
                Map.of("field", "landlordPhone", "reason", "联系房东核实租客"));
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body().get("value").asText()).isEqualTo("13512345678");
        assertThat(jdbc.sql("SELECT after->>'reason' FROM audit_entry WHERE action = 'REVEAL' AND record_type = 'rental' AND record_id = ?")
                .param(id.toString()).query(String.class).list()).containsExactly("联系房东核实租客");

        // an auxiliary collects rentals and sees them masked, but reveals nothing
        String aux = TestStaff.uniqueUsername("aux");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        directory.register(office.id(), StaffRole.AUXILIARY_POLICE, "测试辅警", null, null, null, aux, DEMO_PASSWORD);
        JsonNode seen = fx.get(aux, "/api/v1/rentals/" + id).body();
        assertThat(seen.get("landlord").get("phone").asText()).isEqualTo("135****5678");
        assertThat(fx.call(aux, "POST", "/api/v1/rentals/" + id + "/reveal",
                Map.of("field", "landlordPhone", "reason", "联系房东核实租客")).status()).isEqualTo(403);
        // volunteers see no rentals at all
        assertThat(fx.get("volunteer", "/api/v1/rentals").status()).isEqualTo(403);
        assertThat(fx.get("volunteer", "/api/v1/rentals/" + id).status()).isEqualTo(403);
    }

    @Test
    void badInputIsRefusedFieldByFieldAndNothingIsSaved() {
        Flat f = flat("officer", "FS-1-05");
        PlacesFixtures.Person theirs = places.person("officer2", "NS-1-01", "外所" + tag(), Residence.FLOATING,
                today.minusDays(5));
        long before = jdbc.sql("SELECT count(*) FROM rental").query(Long.class).single();

        Map<String, Object> nowhere = rental(f);
        nowhere.remove("roomId");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/rentals", nowhere).body()))
                .containsOnlyKeys("roomId");

        Map<String, Object> both = rental(f);
        both.put("landlordName", "又一个房东");
        both.put("purpose", "CASINO");
        both.put("tenants", List.of(Map.of("personId", theirs.id(), "from", today.toString())));
        both.put("contractTo", f.registered().minusDays(1).toString());
        both.put("policeRegisteredOn", today.plusDays(3).toString());
        HousingFixtures.Answer bad = fx.call("officer", "POST", "/api/v1/rentals", both, "Accept-Language", "en");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(bad.body())).containsOnlyKeys("landlordName", "purpose",
                "tenants[0].personId", "contractTo", "policeRegisteredOn");
        assertThat(HousingFixtures.errors(bad.body()).get("tenants[0].personId"))
                .isEqualTo("No such person in your jurisdiction");

        Map<String, Object> named = rental(f);
        named.remove("landlordPersonId");
        named.put("landlordName", "房东甲");
        named.put("landlordPhone", "12345");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/rentals", named).body()))
                .containsOnlyKeys("landlordPhone");
        Map<String, Object> theirRoom = rental(f);
        theirRoom.put("roomId", fx.room(fx.building("officer2", "NS-1-01", 1, 1, 1), 1, "101"));
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/rentals", theirRoom).body()))
                .containsOnlyKeys("roomId");

        assertThat(jdbc.sql("SELECT count(*) FROM rental").query(Long.class).single()).isEqualTo(before);
        assertThat(rentalMark(f.room())).isFalse();
    }

    @Test
    void anotherStationsRentalIsNotFoundOnEveryEndpointWhileTheBureauSeesBoth() {
        Flat mine = flat("officer", "FS-2-01");
        UUID my = create("officer", rental(mine));
        Flat theirs = flat("officer2", "NS-1-01");
        UUID their = create("officer2", rental(theirs));
        String myTenancy = fx.get("officer", "/api/v1/rentals/" + my).body().get("tenants").get(0).get("id").asText();
        String theirTenancy = fx.get("officer2", "/api/v1/rentals/" + their).body().get("tenants").get(0).get("id").asText();

        check404("officer", their, theirTenancy, rental(mine));
        check404("officer", UUID.randomUUID(), theirTenancy, rental(mine));
        check404("officer2", my, myTenancy, rental(theirs));
        assertThat(fx.get("bureau", "/api/v1/rentals/" + my).status()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/rentals/" + their).status()).isEqualTo(200);
        assertThat(ids(fx.get("officer", "/api/v1/rentals?size=100&landlordId=" + theirs.landlord().id()).body())).isEmpty();
        assertThat(ids(fx.get("officer2", "/api/v1/rentals?size=100&landlordId=" + theirs.landlord().id()).body()))
                .containsExactly(their.toString());
    }

    /**
     * A flat of officer's station let from two months ago by a person of officer2's station, to a tenant of the
     * station and grid given, registered by the bureau.
     */
    Flat letFromAnotherStation(String landlordName, String tenantUser, String tenantGrid, String tenantName) {
        UUID building = fx.building("officer", "FS-2-04", 2, 1, 2);
        UUID room = fx.room(building, 1, "101");
        LocalDate registered = today.minusMonths(2);
        PlacesFixtures.Person landlord = places.person("officer2", "NS-2-01", landlordName + tag(),
                Residence.PERMANENT, null);
        PlacesFixtures.Person tenant = places.person(tenantUser, tenantGrid, tenantName + tag(), Residence.FLOATING,
                registered);
        return new Flat(building, room, landlord, tenant, registered);
    }

    @Test
    void peopleOutsideTheCallersJurisdictionAreNamedWithoutIdOrLinkAndTheLandlordIsKeptByHisChange() {
        Flat f = letFromAnotherStation("外房东", "officer2", "NS-2-01", "外租客");
        PlacesFixtures.Person landlord = f.landlord();
        PlacesFixtures.Person tenant = f.tenant();
        LocalDate registered = f.registered();
        UUID id = create("bureau", rental(f));
        assertThat(fx.get("officer2", "/api/v1/persons/" + landlord.id()).status()).isEqualTo(200);
        assertThat(fx.get("officer", "/api/v1/persons/" + landlord.id()).status()).isEqualTo(404);
        assertThat(fx.get("officer", "/api/v1/persons/" + tenant.id()).status()).isEqualTo(404);

        JsonNode seen = fx.get("officer", "/api/v1/rentals/" + id).body();
        assertThat(seen.get("landlord").get("name").asText()).isEqualTo(landlord.name());
        assertThat(seen.get("landlordPerson").get("visible").asBoolean()).isFalse();
        assertThat(seen.get("tenants").get(0).get("name").asText()).isEqualTo(tenant.name());
        assertThat(seen.get("tenants").get(0).path("visible").asBoolean()).isFalse();
        assertThat(seen.toString()).doesNotContain(landlord.id().toString(), tenant.id().toString());
        JsonNode listed = fx.get("officer", "/api/v1/rentals?landlord="
                + AddressApiIntegrationTests.enc(landlord.name())).body();
        assertThat(ids(listed)).containsExactly(id.toString());
        assertThat(listed.get("items").get(0).get("landlord").get("name").asText()).isEqualTo(landlord.name());
        assertThat(listed.toString()).doesNotContain(landlord.id().toString());
        // the bureau, who may open both, still gets their ids
        JsonNode bureau = fx.get("bureau", "/api/v1/rentals/" + id).body();
        assertThat(bureau.get("landlord").get("personId").asText()).isEqualTo(landlord.id().toString());
        assertThat(bureau.get("tenants").get(0).get("personId").asText()).isEqualTo(tenant.id().toString());
        assertThat(bureau.get("tenants").get(0).get("visible").asBoolean()).isTrue();

        // the page names both without a link to a page that would answer 404
        org.fengqiao.account.ApiClient browser = new org.fengqiao.account.ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String page = browser.get("/rentals/" + id, null).body();
        assertThat(page).contains(landlord.name(), tenant.name())
                .doesNotContain(landlord.id().toString(), tenant.id().toString());

        // his form cannot send back a landlord it was not given: his change keeps him rather than failing
        Map<String, Object> change = new HashMap<>();
        change.put("purpose", "DORMITORY");
        change.put("contractFrom", registered.toString());
        change.put("contractTo", registered.plusYears(2).toString());
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/rentals/" + id, change);
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        assertThat(changed.body().get("purpose").asText()).isEqualTo("DORMITORY");
        assertThat(changed.body().get("landlord").get("name").asText()).isEqualTo(landlord.name());
        assertThat(changed.body().toString()).as("the rental a change answers with names him as a read does")
                .doesNotContain(landlord.id().toString(), tenant.id().toString());
        assertThat(jdbc.sql("SELECT landlord_person_id FROM rental WHERE id = ?").param(id).query(UUID.class)
                .single()).isEqualTo(landlord.id());
        // and naming the landlord he already has is no unknown person
        change.put("landlordPersonId", landlord.id());
        change.put("note", "续租");
        HousingFixtures.Answer again = fx.call("officer", "PUT", "/api/v1/rentals/" + id, change);
        assertThat(again.status()).as(String.valueOf(again.body())).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/rentals/" + id).body().get("note").asText()).isEqualTo("续租");
        // another person of theirs he may not name
        change.put("landlordPersonId", tenant.id());
        assertThat(fx.call("officer", "PUT", "/api/v1/rentals/" + id, change).status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT landlord_person_id FROM rental WHERE id = ?").param(id).query(UUID.class)
                .single()).isEqualTo(landlord.id());
    }

    @Test
    void aLandlordOutsideTheCallersJurisdictionClearedByTheFormIsNotKeptAndAnotherTakesHisPlace() {
        Flat f = letFromAnotherStation("外清房东", "officer", "FS-2-04", "本所租客");
        PlacesFixtures.Person landlord = f.landlord();
        LocalDate registered = f.registered();
        UUID id = create("bureau", rental(f));

        // cleared and none named: refused for want of a landlord, not kept unseen, and nothing changes
        Map<String, Object> change = new HashMap<>();
        change.put("purpose", "RESIDENCE");
        change.put("contractFrom", registered.toString());
        change.put("contractTo", registered.plusYears(1).toString());
        change.put("landlordCleared", true);
        HousingFixtures.Answer refused = fx.call("officer", "PUT", "/api/v1/rentals/" + id, change);
        assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(400);
        assertThat(refused.body().toString()).contains("请选择房东或填写房东姓名");
        assertThat(jdbc.sql("SELECT landlord_person_id FROM rental WHERE id = ?").param(id).query(UUID.class)
                .single()).isEqualTo(landlord.id());

        // cleared and another named by his name and phone: he takes the place, and the trail says who went
        long seq = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        change.put("landlordName", "新房东" + tag());
        change.put("landlordPhone", "13800002222");
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/rentals/" + id, change);
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        assertThat(changed.body().get("landlord").get("name").asText()).isEqualTo(change.get("landlordName"));
        assertThat(jdbc.sql("SELECT landlord_person_id FROM rental WHERE id = ?").param(id).query(UUID.class)
                .optional()).isEmpty();
        Map<String, Object> audit = jdbc.sql("""
                SELECT action, actor, before->>'landlordPersonId' AS before_landlord,
                       after->>'landlordPersonId' AS after_landlord FROM audit_entry
                WHERE seq > ? AND record_type = 'rental' AND record_id = ? AND action = 'UPDATE'""")
                .params(seq, id.toString()).query().singleRow();
        assertThat(audit).containsEntry("action", "UPDATE").containsEntry("actor", "officer")
                .containsEntry("before_landlord", landlord.id().toString()).containsEntry("after_landlord", null);
    }

    void check404(String user, UUID rental, String tenancy, Map<String, Object> body) {
        assertThat(fx.get(user, "/api/v1/rentals/" + rental).status()).isEqualTo(404);
        assertThat(fx.call(user, "PUT", "/api/v1/rentals/" + rental, body).status()).isEqualTo(404);
        assertThat(fx.call(user, "POST", "/api/v1/rentals/" + rental + "/tenants",
                Map.of("personId", UUID.randomUUID(), "from", today.toString())).status()).isEqualTo(404);
        assertThat(fx.call(user, "POST", "/api/v1/rentals/" + rental + "/tenants/" + tenancy + "/end",
                Map.of("on", today.toString())).status()).isEqualTo(404);
        assertThat(fx.call(user, "POST", "/api/v1/rentals/" + rental + "/reveal",
                Map.of("field", "landlordPhone", "reason", "核实房东身份")).status()).isEqualTo(404);
    }

    @Test
    void theListFiltersByGridLandlordAndActivity() {
        Flat f = flat("officer", "FS-3-01");
        UUID id = create("officer", rental(f));
        String surnameAndTag = f.landlord().name().substring(2);
        JsonNode byName = fx.get("officer", "/api/v1/rentals?landlord=" + AddressApiIntegrationTests.enc(surnameAndTag)).body();
        assertThat(ids(byName)).containsExactly(id.toString());
        assertThat(byName.get("items").get(0).get("landlord").get("phone").asText()).matches(MASKED_PHONE);
        assertThat(byName.get("items").get(0).get("currentTenants").asLong()).isEqualTo(1);
        assertThat(ids(fx.get("officer", "/api/v1/rentals?landlordId=" + f.landlord().id()).body()))
                .containsExactly(id.toString());
        assertThat(ids(fx.get("officer", "/api/v1/rentals?size=100&gridId=" + fx.gridId("FS-3-01")).body()))
                .contains(id.toString());
        assertThat(ids(fx.get("officer", "/api/v1/rentals?size=100&gridId=" + fx.gridId("FS-3-02")).body()))
                .doesNotContain(id.toString());
        assertThat(ids(fx.get("officer2", "/api/v1/rentals?landlord=" + AddressApiIntegrationTests.enc(surnameAndTag))
                .body())).isEmpty();
        JsonNode onePage = fx.get("bureau", "/api/v1/rentals?size=1").body();
        assertThat(ids(onePage)).hasSize(1);
        assertThat(onePage.get("total").asLong()).as("the demo's rentals and these, counted beyond the page")
                .isGreaterThan(100);
    }

    static List<String> ids(JsonNode page) {
        return AddressApiIntegrationTests.ids(page);
    }
}
