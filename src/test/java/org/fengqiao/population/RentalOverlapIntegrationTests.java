package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * A person who rents two places on the same days (a flat and a shop, or a contract registered twice) is allowed, but
 * each rental says so for him, naming the other and the days shared, alike on the API and on the page; a rental
 * outside the caller's jurisdiction is not named to him but counted, so that he knows the tenant rents elsewhere, and
 * days that do not meet are not flagged.
 */
class RentalOverlapIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    PlacesFixtures places;
    HousingFixtures fx;
    LocalDate today;

    @BeforeEach
    void setUp() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        fx = places.fx;
        today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
    }

    JsonNode rent(String user, UUID room, UUID tenant, LocalDate contractFrom, LocalDate contractTo, LocalDate from,
            LocalDate to, String purpose) {
        Map<String, Object> body = new HashMap<>();
        body.put("roomId", room);
        body.put("landlordName", "房东" + UUID.randomUUID().toString().substring(0, 4));
        body.put("landlordPhone", "13800001111");
        body.put("purpose", purpose);
        body.put("contractFrom", contractFrom.toString());
        body.put("contractTo", contractTo.toString());
        Map<String, Object> t = new HashMap<>();
        t.put("personId", tenant);
        t.put("from", from.toString());
        t.put("to", to == null ? null : to.toString());
        List<Map<String, Object>> tenants = new ArrayList<>();
        tenants.add(t);
        body.put("tenants", tenants);
        HousingFixtures.Answer a = fx.call(user, "POST", "/api/v1/rentals", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return a.body();
    }

    static List<String> alsoRents(JsonNode rental) {
        List<String> ids = new ArrayList<>();
        rental.get("tenants").get(0).get("alsoRents").forEach(o -> ids.add(o.get("rentalId").asText()));
        return ids;
    }

    @Test
    void aTenantRentingTwoPlacesOnTheSameDaysIsFlaggedOnBothNamingTheOther() {
        UUID building = fx.building("officer", "FS-1-02", 2, 1, 3);
        UUID flat = fx.room(building, 1, "101");
        UUID shop = fx.room(building, 1, "102");
        UUID earlier = fx.room(building, 1, "201");
        PlacesFixtures.Person tenant = places.person("officer", "FS-1-02", "两租" + UUID.randomUUID().toString()
                .substring(0, 2), Residence.FLOATING, today.minusMonths(3));
        LocalDate flatFrom = today.minusMonths(2);
        JsonNode a = rent("officer", flat, tenant.id(), flatFrom, flatFrom.plusYears(1), flatFrom, null, "RESIDENCE");
        assertThat(alsoRents(a)).isEmpty();
        // a place he left before renting the flat shares no day with it: nothing to tell
        JsonNode before = rent("officer", earlier, tenant.id(), today.minusDays(300), today.plusDays(60),
                today.minusDays(300), flatFrom.minusDays(1), "RESIDENCE");
        assertThat(alsoRents(before)).isEmpty();

        // a shop rented from ten days ago: allowed, and told at once, with the days shared
        LocalDate shopFrom = today.minusDays(10);
        JsonNode b = rent("officer", shop, tenant.id(), shopFrom, shopFrom.plusYears(2), shopFrom, null, "SHOP");
        String aId = a.get("id").asText();
        String bId = b.get("id").asText();
        assertThat(alsoRents(b)).containsExactly(aId);
        JsonNode shared = b.get("tenants").get(0).get("alsoRents").get(0);
        assertThat(shared.get("from").asText()).isEqualTo(shopFrom.toString());
        assertThat(shared.get("to").asText()).as("the flat's contract ends first").isEqualTo(flatFrom.plusYears(1)
                .toString());
        assertThat(shared.get("roomNumber").asText()).isEqualTo("101");
        // and on the flat, naming the shop
        assertThat(alsoRents(fx.get("officer", "/api/v1/rentals/" + aId).body())).containsExactly(bId);

        // the page tells the same, with a link to the other rental
        String page = new ApiClient(port).get("/rentals/" + bId, new ApiClient(port).token("officer", DEMO_PASSWORD),
                "Accept", "text/html").body();
        assertThat(page).contains("同期另租（" + shopFrom + " — " + flatFrom.plusYears(1) + "）")
                .contains("href=\"/rentals/" + aId + "\"");
        String flatPage = new ApiClient(port).get("/rentals/" + aId, new ApiClient(port).token("officer",
                DEMO_PASSWORD), "Accept", "text/html").body();
        assertThat(flatPage).contains("href=\"/rentals/" + bId + "\"").doesNotContain("href=\"/rentals/"
                + before.get("id").asText() + "\"");

        // a rental of his at another station (registered by the bureau) is named to the bureau, not to the officer
        UUID elsewhere = fx.room(fx.building("officer2", "NS-1-01", 1, 1, 1), 1, "101");
        JsonNode d = rent("bureau", elsewhere, tenant.id(), today, today.plusYears(1), today, null, "DORMITORY");
        assertThat(alsoRents(fx.get("officer", "/api/v1/rentals/" + aId).body())).containsExactly(bId);
        assertThat(alsoRents(fx.get("bureau", "/api/v1/rentals/" + aId).body()))
                .containsExactlyInAnyOrder(bId, d.get("id").asText());
    }

    @Test
    void aSecondRentalOutsideTheCallersJurisdictionIsCountedWithoutBeingNamed() {
        UUID flat = fx.room(fx.building("officer", "FS-1-03", 1, 1, 2), 1, "101");
        PlacesFixtures.Person tenant = places.person("officer", "FS-1-03", "外租" + UUID.randomUUID().toString()
                .substring(0, 2), Residence.FLOATING, today.minusMonths(3));
        LocalDate from = today.minusMonths(1);
        String flatId = rent("officer", flat, tenant.id(), from, from.plusYears(1), from, null, "RESIDENCE").get("id")
                .asText();
        // the bureau registers a second rental of his at another station, on the same days
        UUID elsewhere = fx.room(fx.building("officer2", "NS-1-02", 1, 1, 1), 1, "101");
        String otherId = rent("bureau", elsewhere, tenant.id(), today, today.plusYears(1), today, null, "DORMITORY")
                .get("id").asText();

        // the officer is not told where (not his to open), but is told that the tenant rents elsewhere too
        JsonNode seen = fx.get("officer", "/api/v1/rentals/" + flatId).body().get("tenants").get(0);
        assertThat(seen.get("alsoRents")).isEmpty();
        assertThat(seen.get("alsoRentsElsewhere").asLong()).as(seen.toString()).isEqualTo(1);
        assertThat(seen.toString()).doesNotContain(otherId);
        ApiClient client = new ApiClient(port);
        String token = client.token("officer", DEMO_PASSWORD);
        String page = client.get("/rentals/" + flatId, token, "Accept", "text/html").body();
        assertThat(page).contains("同期另在辖区外租住 1 处").doesNotContain(otherId);
        String english = client.get("/rentals/" + flatId, token, "Accept", "text/html", "Accept-Language", "en").body();
        assertThat(english).contains("Also rents 1 other place outside your jurisdiction on the same days");

        // the bureau, who may open both, has it named and nothing left to count
        JsonNode bureau = fx.get("bureau", "/api/v1/rentals/" + flatId).body().get("tenants").get(0);
        assertThat(alsoRents(fx.get("bureau", "/api/v1/rentals/" + flatId).body())).containsExactly(otherId);
        assertThat(bureau.get("alsoRentsElsewhere").asLong()).isZero();
        // and the other station's officer, the other way round, is told of the flat without its name
        JsonNode there = fx.get("officer2", "/api/v1/rentals/" + otherId).body().get("tenants").get(0);
        assertThat(there.get("alsoRents")).isEmpty();
        assertThat(there.get("alsoRentsElsewhere").asLong()).as(there.toString()).isEqualTo(1);
        assertThat(there.toString()).doesNotContain(flatId);
    }
}
