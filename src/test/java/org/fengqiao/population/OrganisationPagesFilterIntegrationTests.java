package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
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
 * A filter of the organisations list that names a value the list does not know (a stale bookmark, an address
 * edited by hand) is refused in the user's language, on the error page for a browser and as a problem detail for
 * the API, never answered with the list unfiltered: an officer who asked for the hotels must not take the whole
 * list for them.
 */
class OrganisationPagesFilterIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    PlacesFixtures places;
    String name;
    UUID store;
    UUID eatery;

    @BeforeEach
    void twoSmallPlacesOfTheOfficer() {
        places = new PlacesFixtures(port, jdbc, jurisdictions);
        name = "筛选店" + UUID.randomUUID().toString().substring(0, 6);
        store = organisation("STORE");
        eatery = organisation("EATERY");
    }

    UUID organisation(String smallPlace) {
        UUID address = places.address("officer", "FS-4-02", "筛选街" + UUID.randomUUID().toString().substring(0, 4));
        HousingFixtures.Answer a = places.fx.call("officer", "POST", "/api/v1/organisations",
                Map.of("addressId", address, "name", name + smallPlace, "smallPlace", smallPlace));
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return UUID.fromString(a.body().get("id").asText());
    }

    ApiClient signedIn(String user) {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(user, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return browser;
    }

    HttpResponse<String> list(ApiClient browser, String filter) {
        return browser.get("/organisations?" + filter + "&q=" + AddressApiIntegrationTests.enc(name), null,
                "Accept", BROWSER);
    }

    @Test
    void theKnownFilterValuesStillFilterTheList() {
        ApiClient officer = signedIn("officer");
        HttpResponse<String> stores = list(officer, "smallPlace=STORE");
        assertThat(stores.statusCode()).isEqualTo(200);
        assertThat(stores.body()).contains(store.toString()).doesNotContain(eatery.toString());
        assertThat(list(officer, "smallPlace=ALL").body()).contains(store.toString(), eatery.toString());
        assertThat(list(officer, "smallPlace=&kind=&fireSafety=").body()).contains(store.toString(), eatery.toString());
        assertThat(list(officer, "fireSafety=NOT_INSPECTED").body()).contains(store.toString(), eatery.toString());
        assertThat(list(officer, "fireSafety=COMPLIANT").body()).doesNotContain(store.toString(), eatery.toString());
    }

    @Test
    void aFilterValueTheListDoesNotKnowIsTheInvalidInputPageSayingWhichFilterNotTheWholeList() {
        ApiClient officer = signedIn("officer");
        ApiClient english = signedIn("officer");
        assertThat(english.get("/?lang=en", null, "Accept", BROWSER).statusCode()).as("English chosen").isEqualTo(200);
        Map<String, List<String>> filters = Map.of(
                "smallPlace=BOGUS", List.of("九小场所", "BOGUS", "Nine small places"),
                "kind=CASINO", List.of("类型", "CASINO", "Kind"),
                "fireSafety=BURNING", List.of("消防安全", "BURNING", "Fire safety"));
        filters.forEach((filter, words) -> {
            HttpResponse<String> zh = list(officer, filter);
            assertThat(zh.statusCode()).as(filter).isEqualTo(400);
            assertThat(zh.headers().firstValue("Content-Type").orElseThrow()).as(filter).startsWith("text/html");
            assertThat(zh.body()).as(filter).contains("<h1>输入有误</h1>", words.get(0), words.get(1))
                    .doesNotContain(store.toString(), eatery.toString(), "\"status\":");

            HttpResponse<String> en = list(english, filter);
            assertThat(en.statusCode()).as(filter).isEqualTo(400);
            assertThat(en.body()).as(filter).contains("<h1>Invalid input</h1>", words.get(2), words.get(1))
                    .doesNotContain(store.toString(), eatery.toString());
        });
    }

    @Test
    void theApiRefusesAnUnknownFilterValueNamingTheFieldAndTheValuesItMayTake() {
        HousingFixtures fx = places.fx;
        for (String field : List.of("smallPlace", "kind", "fireSafety")) {
            HousingFixtures.Answer zh = fx.get("officer", "/api/v1/organisations?" + field + "=BOGUS");
            assertThat(zh.status()).as(field).isEqualTo(400);
            assertThat(HousingFixtures.errors(zh.body())).as(field).containsOnlyKeys(field);
            HousingFixtures.Answer en = fx.get("officer", "/api/v1/organisations?" + field + "=BOGUS", "Accept-Language", "en");
            assertThat(HousingFixtures.errors(en.body()).get(field)).as(field).startsWith("Not one of the values allowed");
        }
        JsonNode smallPlace = fx.get("officer", "/api/v1/organisations?smallPlace=BOGUS").body();
        assertThat(HousingFixtures.errors(smallPlace).get("smallPlace")).contains("STORE", "HOTEL");
        assertThat(fx.get("officer", "/api/v1/organisations?smallPlace=STORE&q=" + AddressApiIntegrationTests.enc(name))
                .body().toString()).contains(store.toString()).doesNotContain(eatery.toString());
    }
}
