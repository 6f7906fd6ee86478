package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A change (PUT) of a household, an address or an organisation that sends only what it changes loses nothing else: a
 * field left out of the body keeps its stored value, where it was cleared (the household's note, the address's room
 * and location, the organisation's licence and note); one sent as null clears that field, or is refused when required.
 */
class PartialChangesIntegrationTests extends IntegrationTest {

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

    static Map<String, Object> only(String field, Object value) {
        Map<String, Object> body = new HashMap<>();
        body.put(field, value);
        return body;
    }

    @Test
    void aHouseholdChangeOfOneMarkKeepsTheOtherAndTheNote() {
        UUID household = fx.household(fx.gridId("FS-1-02"), null, false, true);
        Map<String, Object> all = new HashMap<>(Map.of("trusted", false, "inDifficulty", true, "note", "低保户，老人独居"));
        assertThat(fx.call("officer", "PUT", "/api/v1/households/" + household, all).status()).isEqualTo(200);

        HousingFixtures.Answer trusted = fx.call("officer", "PUT", "/api/v1/households/" + household,
                only("trusted", true));
        assertThat(trusted.status()).as(String.valueOf(trusted.body())).isEqualTo(200);
        assertThat(trusted.body().path("trusted").asBoolean()).isTrue();
        assertThat(trusted.body().path("inDifficulty").asBoolean()).isTrue();
        assertThat(trusted.body().path("note").asText()).isEqualTo("低保户，老人独居");

        HousingFixtures.Answer refused = fx.call("officer", "PUT", "/api/v1/households/" + household,
                only("inDifficulty", null));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsKey("inDifficulty");
        HousingFixtures.Answer cleared = fx.call("officer", "PUT", "/api/v1/households/" + household,
                only("note", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().hasNonNull("note")).isFalse();
        assertThat(cleared.body().path("trusted").asBoolean()).isTrue();
        assertThat(cleared.body().path("inDifficulty").asBoolean()).isTrue();
        assertThat(fx.call("officer2", "PUT", "/api/v1/households/" + household, only("trusted", false)).status())
                .isEqualTo(404);
    }

    @Test
    void anAddressChangeOfOnePartKeepsTheOthersAndItsLocation() {
        double[] point = places.pointIn("FS-1-01");
        Map<String, Object> body = places.addressBody("FS-1-01", "幸福路" + UUID.randomUUID().toString().substring(0, 4));
        body.put("building", "3号楼");
        body.put("room", "201");
        body.put("lon", point[0]);
        body.put("lat", point[1]);
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/addresses", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().path("id").asText();

        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/addresses/" + id, only("room", "202"));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        JsonNode after = changed.body();
        assertThat(after.path("room").asText()).isEqualTo("202");
        for (String kept : new String[] {"countyCode", "townshipCode", "community", "street", "doorNumber", "building",
                "gridId", "lon", "lat"}) {
            assertThat(after.path(kept)).as(kept).isEqualTo(created.body().path(kept));
        }
        assertThat(after.path("fullText").asText()).endsWith("3号楼202室");

        Map<String, Object> noLocation = only("lon", null);
        noLocation.put("lat", null);
        HousingFixtures.Answer unlocated = fx.call("officer", "PUT", "/api/v1/addresses/" + id, noLocation);
        assertThat(unlocated.status()).as(String.valueOf(unlocated.body())).isEqualTo(200);
        assertThat(unlocated.body().hasNonNull("lon")).isFalse();
        assertThat(unlocated.body().path("room").asText()).isEqualTo("202");
        HousingFixtures.Answer noCounty = fx.call("officer", "PUT", "/api/v1/addresses/" + id, only("countyCode", null));
        assertThat(noCounty.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noCounty.body())).containsKey("countyCode");
        assertThat(fx.get("officer", "/api/v1/addresses/" + id).body().path("fullText").asText()).endsWith("3号楼202室");
    }

    @Test
    void anOrganisationChangeOfOneFieldKeepsItsLicenceNoteAndOwner() {
        UUID address = places.address("officer", "FS-1-01", "商业街" + UUID.randomUUID().toString().substring(0, 4));
        PlacesFixtures.Person owner = places.person("officer", "FS-1-01", "店主" + UUID.randomUUID().toString()
                .substring(0, 2), Residence.PERMANENT, null);
        Map<String, Object> body = new HashMap<>();
        body.put("addressId", address);
        body.put("name", "老街面馆" + UUID.randomUUID().toString().substring(0, 4));
        body.put("smallPlace", "EATERY");
        body.put("business", "面食");
        body.put("licenceNo", OrganisationApiIntegrationTests.licence());
        body.put("phone", "0518-87650000");
        body.put("ownerPersonId", owner.id());
        body.put("note", "后厨有液化气");
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/organisations", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().path("id").asText();

        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/organisations/" + id,
                only("business", "面食、小炒"));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        JsonNode after = changed.body();
        assertThat(after.path("business").asText()).isEqualTo("面食、小炒");
        for (String kept : new String[] {"name", "addressId", "kind", "smallPlace", "licenceNo", "phone", "note"}) {
            assertThat(after.path(kept)).as(kept).isEqualTo(created.body().path(kept));
        }
        assertThat(after.path("owner").path("personId").asText()).isEqualTo(owner.id().toString());

        HousingFixtures.Answer cleared = fx.call("officer", "PUT", "/api/v1/organisations/" + id, only("note", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().hasNonNull("note")).isFalse();
        assertThat(cleared.body().path("licenceNo").asText()).isEqualTo(body.get("licenceNo"));
        HousingFixtures.Answer noName = fx.call("officer", "PUT", "/api/v1/organisations/" + id, only("name", null));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noName.body())).containsKey("name");
        assertThat(fx.call("officer2", "PUT", "/api/v1/organisations/" + id, only("note", "外所")).status())
                .isEqualTo(404);
    }
}
