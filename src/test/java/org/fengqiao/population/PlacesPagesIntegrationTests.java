package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages of addresses, rentals and organisations as a signed-in officer gets them: lists of his
 * own jurisdiction only, records of another station not found, identity numbers masked.
 */
class PlacesPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    PlacesFixtures places;
    HousingFixtures fx;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
    }

    ApiClient signedIn(String user) {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(user, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return browser;
    }

    record Records(UUID address, UUID rental, UUID organisation, PlacesFixtures.Person landlord) {
    }

    Records records(String user, String gridCode) {
        String street = "页面街" + UUID.randomUUID().toString().substring(0, 4);
        UUID address = places.address(user, gridCode, street);
        PlacesFixtures.Person landlord = places.person(user, gridCode, "页东" + street.substring(3, 5), Residence.PERMANENT,
                null);
        Map<String, Object> rental = new HashMap<>();
        rental.put("addressId", address);
        rental.put("landlordPersonId", landlord.id());
        rental.put("purpose", "RESIDENCE");
        JsonNode r = fx.call(user, "POST", "/api/v1/rentals", rental).body();
        JsonNode o = fx.call(user, "POST", "/api/v1/organisations", Map.of("addressId", address, "name", "页面小店" + street,
                "smallPlace", "STORE", "ownerPersonId", landlord.id())).body();
        return new Records(address, UUID.fromString(r.get("id").asText()), UUID.fromString(o.get("id").asText()), landlord);
    }

    @Test
    void aStaffMemberOutsideTheCallersAreaIsNamedWithoutALinkToAPageHeMayNotOpen() {
        Records mine = records("officer", "FS-4-03");
        PlacesFixtures.Person local = places.person("officer", "FS-4-03", "本地员工" + UUID.randomUUID().toString()
                .substring(0, 3), Residence.PERMANENT, null);
        assertThat(fx.call("officer", "POST", "/api/v1/organisations/" + mine.organisation() + "/staff",
                Map.of("personId", local.id(), "role", "EMPLOYEE")).status()).isEqualTo(201);
        // a member of staff who lives in another station's area (recorded there; taken on before he moved)
        PlacesFixtures.Person outsider = places.person("officer2", "NS-1-03", "外所员工" + UUID.randomUUID().toString()
                .substring(0, 3), Residence.PERMANENT, null);
        jdbc.sql("INSERT INTO organisation_staff (id, organisation_id, person_id, role) VALUES (?, ?, ?, 'MANAGER')")
                .params(UUID.randomUUID(), mine.organisation(), outsider.id()).update();
        ApiClient officer = signedIn("officer");
        assertThat(officer.get("/persons/" + outsider.id(), null).statusCode()).as("not his to open").isEqualTo(404);

        String page = officer.get("/organisations/" + mine.organisation(), null).body();
        assertThat(page).contains(outsider.name()).doesNotContain("/persons/" + outsider.id())
                .doesNotContain(outsider.idNumber(), outsider.phone());
        assertThat(page).contains("href=\"/persons/" + local.id() + "\"");
    }

    @Test
    void theAddressFormOffersTheCountysTownshipsEvenWhenTheOfficersFirstGridHasNoDivisionCode() {
        org.fengqiao.jurisdiction.Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new java.util.Random().nextInt(899999));
        org.fengqiao.jurisdiction.Community village = jurisdictions.createCommunity(office.id(),
                org.fengqiao.jurisdiction.CommunityKind.VILLAGE, "IT-NV-" + n, "未编码村" + n, null, null, null);
        double lon = 110 + new java.util.Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,31],[%s,31],[%s,31.005],[%s,31.005],[%s,31]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        // "FS-0-…" comes before the demo's FS-1-01 in the officer's list of grids
        jurisdictions.createGrid(village.id(), org.fengqiao.jurisdiction.GridNetwork.POLICE, "FS-0-" + n, "未编码网格" + n,
                square, null, null, null);

        HttpResponse<String> addresses = signedIn("officer").get("/addresses", null);
        assertThat(addresses.statusCode()).isEqualTo(200);
        assertThat(addresses.body()).contains("牛山街道", "房山镇");
    }

    @Test
    void anOfficerSeesHisRecordsOnThePagesMaskedAndAnotherStationsNotAtAll() {
        Records mine = records("officer", "FS-4-01");
        Records theirs = records("officer2", "NS-1-03");
        ApiClient officer = signedIn("officer");

        HttpResponse<String> addresses = officer.get("/addresses?q=" + AddressApiIntegrationTests.enc("页面街"), null);
        assertThat(addresses.statusCode()).isEqualTo(200);
        assertThat(addresses.body()).contains("标准地址", mine.address().toString()).doesNotContain(theirs.address().toString());
        assertThat(addresses.body()).contains("牛山街道", "房山镇").as("the township choice of the county");

        HttpResponse<String> rentals = officer.get("/rentals?size=100&landlord=" + AddressApiIntegrationTests.enc("页东"),
                null);
        assertThat(rentals.body()).contains(mine.rental().toString()).doesNotContain(theirs.rental().toString());
        HttpResponse<String> rental = officer.get("/rentals/" + mine.rental(), null);
        assertThat(rental.statusCode()).isEqualTo(200);
        assertThat(rental.body()).contains(mine.landlord().name(), mine.landlord().idNumber().substring(14))
                .doesNotContain(mine.landlord().idNumber(), mine.landlord().phone());

        HttpResponse<String> organisations = officer.get("/organisations?smallPlace=ALL&q="
                + AddressApiIntegrationTests.enc("页面小店"), null);
        assertThat(organisations.body()).contains(mine.organisation().toString(), "小商店", "未检查")
                .doesNotContain(theirs.organisation().toString());
        HttpResponse<String> organisation = officer.get("/organisations/" + mine.organisation(), null);
        assertThat(organisation.statusCode()).isEqualTo(200);
        assertThat(organisation.body()).contains("记录检查", "inspection-form").doesNotContain(mine.landlord().idNumber());

        for (String path : List.of("/addresses/" + theirs.address(), "/rentals/" + theirs.rental(),
                "/organisations/" + theirs.organisation(), "/rentals/" + UUID.randomUUID(),
                "/rentals/new?roomId=" + UUID.randomUUID())) {
            assertThat(officer.get(path, null).statusCode()).as(path).isEqualTo(404);
        }
        ApiClient bureau = signedIn("bureau");
        assertThat(bureau.get("/rentals/" + theirs.rental(), null).statusCode()).isEqualTo(200);
        assertThat(bureau.get("/organisations/" + mine.organisation(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void theAddressPageListsTheBuildingsAtItLinkedToTheirFloorPlansOnlyWithinTheCallersSubtree() {
        UUID address = places.address("officer", "FS-4-01", "楼址街" + UUID.randomUUID().toString().substring(0, 4));
        String name = HousingFixtures.unique("址楼");
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/buildings", Map.of("gridId",
                fx.gridId("FS-4-01"), "name", name, "floors", 3, "units", 1, "roomsPerFloor", 2, "addressId", address));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        UUID building = UUID.fromString(created.body().get("id").asText());

        String zh = signedIn("officer").get("/addresses/" + address, null).body();
        assertThat(zh).contains("该地址的住户、楼栋、出租房屋和单位")
                .containsPattern("<span class=\"badge\">楼栋</span>\\s*<a href=\"/buildings/" + building + "\">"
                        + name + "</a>");
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        assertThat(english.get("/addresses/" + address, null).body())
                .containsPattern("<span class=\"badge\">Building</span>\\s*<a href=\"/buildings/" + building + "\">");

        // the address moved to another station's grid: its officer sees the address, not the building left in ours
        jdbc.sql("UPDATE address SET grid_id = ? WHERE id = ?").params(fx.gridId("NS-1-03"), address).update();
        ApiClient officer2 = signedIn("officer2");
        HttpResponse<String> theirs = officer2.get("/addresses/" + address, null);
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(theirs.body()).doesNotContain(building.toString()).doesNotContain(name);
        assertThat(officer2.get("/buildings/" + building, null).statusCode()).isEqualTo(404);
        assertThat(signedIn("officer").get("/addresses/" + address, null).statusCode()).isEqualTo(404);
    }

    @Test
    void theHouseholdPageLinksItsAddressToTheAddressPage() {
        String street = "户址街" + UUID.randomUUID().toString().substring(0, 4);
        UUID address = places.address("officer", "FS-4-01", street);
        UUID household = fx.household(fx.gridId("FS-4-01"), null, false, false);
        jdbc.sql("UPDATE household SET address_id = ? WHERE id = ?").params(address, household).update();
        ApiClient officer = signedIn("officer");

        String page = officer.get("/households/" + household, null).body();
        assertThat(page).containsPattern("<a id=\"household-address\" href=\"/addresses/" + address + "\">[^<]*"
                + street + "[^<]*</a>");
        assertThat(officer.get("/addresses/" + address, null).body()).contains("/households/" + household);
    }

    @Test
    void theNavigationLeadsToThePagesAndVolunteersAreKeptOut() {
        ApiClient officer = signedIn("officer");
        String home = officer.get("/", null).body();
        assertThat(home).contains("href=\"/addresses\"", "href=\"/rentals\"", "href=\"/organisations\"");
        ApiClient volunteer = signedIn("volunteer");
        assertThat(volunteer.get("/", null).body()).doesNotContain("href=\"/rentals\"");
        for (String path : List.of("/addresses", "/rentals", "/organisations", "/rentals/new", "/organisations/new")) {
            assertThat(volunteer.get(path, null).statusCode()).as(path).isEqualTo(403);
        }
    }
}
