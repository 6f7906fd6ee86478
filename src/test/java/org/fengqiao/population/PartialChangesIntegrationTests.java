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
 * A change (PUT) of a household, an address, an organisation, a rental, a building or a room that sends only what it
 * changes loses nothing else: a field left out of the body keeps its stored value, where it was cleared (the
 * household's note, the address's room and location, the organisation's licence and note, the building's address) or
 * refused as missing; one sent as null clears that field, or is refused when required.
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

    /** An eatery registered through the API with every field, its owner a person of the records; answers its body. */
    private Map<String, Object> eatery() {
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
        return body;
    }

    private HousingFixtures.Answer created(Map<String, Object> body) {
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/organisations", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return created;
    }

    @Test
    void anOrganisationChangeOfOneFieldKeepsItsLicenceNoteAndOwner() {
        Map<String, Object> body = eatery();
        HousingFixtures.Answer created = created(body);
        String id = created.body().path("id").asText();

        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/organisations/" + id,
                only("business", "面食、小炒"));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        JsonNode after = changed.body();
        assertThat(after.path("business").asText()).isEqualTo("面食、小炒");
        for (String kept : new String[] {"name", "addressId", "kind", "smallPlace", "licenceNo", "phone", "note"}) {
            assertThat(after.path(kept)).as(kept).isEqualTo(created.body().path(kept));
        }
        assertThat(after.path("owner").path("personId").asText()).isEqualTo(body.get("ownerPersonId").toString());

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

    /**
     * The phone, encrypted and read back only masked, follows the same rule: left out, or sent back masked as a read
     * shows it, it is kept; sent as null it is taken away (it was kept, so an organisation's phone could never be
     * cleared through the API); a masked number that is not its own is refused.
     */
    @Test
    void anOrganisationsPhoneLeftOutOrSentBackMaskedIsKeptAndSentAsNullIsTakenAway() {
        HousingFixtures.Answer created = created(eatery());
        String id = created.body().path("id").asText();
        String masked = created.body().path("phone").asText();
        assertThat(masked).contains("*");
        String stored = storedPhone(id);
        assertThat(stored).isNotNull();

        HousingFixtures.Answer same = fx.call("officer", "PUT", "/api/v1/organisations/" + id, Map.of(
                "business", "面食、小炒", "phone", masked));
        assertThat(same.status()).as(String.valueOf(same.body())).isEqualTo(200);
        assertThat(same.body().path("phone").asText()).isEqualTo(masked);
        assertThat(storedPhone(id)).as("the stored number itself").isEqualTo(stored);

        HousingFixtures.Answer other = fx.call("officer", "PUT", "/api/v1/organisations/" + id,
                only("phone", "139****0000"), "Accept-Language", "en");
        assertThat(other.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(other.body()).get("phone"))
                .isEqualTo("The masked number 139****0000 is not the phone registered for this organisation: give the"
                        + " full number, or leave its masked one as it was");
        assertThat(storedPhone(id)).as("a refused change changes nothing").isEqualTo(stored);

        HousingFixtures.Answer cleared = fx.call("officer", "PUT", "/api/v1/organisations/" + id, only("phone", null));
        assertThat(cleared.status()).as(String.valueOf(cleared.body())).isEqualTo(200);
        assertThat(cleared.body().hasNonNull("phone")).isFalse();
        assertThat(cleared.body().path("business").asText()).isEqualTo("面食、小炒");
        assertThat(storedPhone(id)).isNull();
        assertThat(fx.call("officer2", "PUT", "/api/v1/organisations/" + id, only("phone", null)).status())
                .isEqualTo(404);
    }

    /** The organisation's phone as stored (decrypted by the reveal the caller may make), or null for none. */
    private String storedPhone(String organisation) {
        if (jdbc.sql("SELECT phone_cipher IS NULL FROM organisation WHERE id = CAST(? AS uuid)").param(organisation)
                .query(Boolean.class).single()) {
            return null;
        }
        HousingFixtures.Answer revealed = fx.call("chief", "POST", "/api/v1/organisations/" + organisation + "/reveal",
                Map.of("field", "phone", "reason", "核对电话"));
        assertThat(revealed.status()).as(String.valueOf(revealed.body())).isEqualTo(200);
        return revealed.body().path("value").asText();
    }

    /**
     * A rental's change that sends only what it changes keeps the rest (its purpose was refused as missing, its note,
     * dates and landlord cleared or refused); null clears what may be empty and is refused where required.
     */
    @Test
    void aRentalChangeOfOneFieldKeepsItsLandlordPurposeDatesAndNote() {
        UUID address = places.address("officer", "FS-1-03", "租房街" + UUID.randomUUID().toString().substring(0, 4));
        java.time.LocalDate from = java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE).minusMonths(1);
        Map<String, Object> body = new HashMap<>();
        body.put("addressId", address);
        body.put("landlordName", "房东" + UUID.randomUUID().toString().substring(0, 2));
        body.put("landlordPhone", "13912340000");
        body.put("purpose", "SHOP");
        body.put("contractFrom", from.toString());
        body.put("contractTo", from.plusYears(1).toString());
        body.put("policeRegisteredOn", from.toString());
        body.put("note", "门面房");
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/rentals", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        String id = created.body().path("id").asText();

        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/rentals/" + id,
                only("contractTo", from.plusYears(2).toString()));
        assertThat(changed.status()).as(String.valueOf(changed.body())).isEqualTo(200);
        JsonNode after = changed.body();
        assertThat(after.path("contractTo").asText()).isEqualTo(from.plusYears(2).toString());
        for (String kept : new String[] {"purpose", "contractFrom", "policeRegisteredOn", "note", "landlord"}) {
            assertThat(after.path(kept)).as(kept).isEqualTo(created.body().path(kept));
        }
        HousingFixtures.Answer masked = fx.call("officer", "PUT", "/api/v1/rentals/" + id, Map.of(
                "landlordName", "新房东", "landlordPhone", created.body().path("landlord").path("phone").asText()));
        assertThat(masked.status()).as(String.valueOf(masked.body())).isEqualTo(200);
        assertThat(masked.body().path("landlord").path("name").asText()).isEqualTo("新房东");
        assertThat(masked.body().path("landlord").path("phone")).as("the phone sent back masked is kept")
                .isEqualTo(created.body().path("landlord").path("phone"));

        HousingFixtures.Answer cleared = fx.call("officer", "PUT", "/api/v1/rentals/" + id, only("note", null));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().hasNonNull("note")).isFalse();
        assertThat(cleared.body().path("purpose").asText()).isEqualTo("SHOP");
        HousingFixtures.Answer noPurpose = fx.call("officer", "PUT", "/api/v1/rentals/" + id, only("purpose", null));
        assertThat(noPurpose.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noPurpose.body())).containsOnlyKeys("purpose");
        HousingFixtures.Answer noPhone = fx.call("officer", "PUT", "/api/v1/rentals/" + id,
                only("landlordPhone", null));
        assertThat(noPhone.status()).as("a named landlord needs his phone").isEqualTo(400);
        assertThat(HousingFixtures.errors(noPhone.body())).containsOnlyKeys("landlordPhone");
        assertThat(fx.call("officer2", "PUT", "/api/v1/rentals/" + id, only("note", "外所")).status())
                .isEqualTo(404);
    }

    /**
     * A building renamed keeps its address and dimensions, a room marked vacant keeps its rental mark: left-out fields
     * keep their values; the building's address sent as null is taken away, its name refused.
     */
    @Test
    void aBuildingOrRoomChangeOfOneFieldKeepsTheOthers() {
        UUID building = fx.building("officer", "FS-1-02", 3, 1, 2);
        UUID address = places.address("officer", "FS-1-02", "楼栋路" + UUID.randomUUID().toString().substring(0, 4));
        long version = fx.get("officer", "/api/v1/buildings/" + building).body().path("building").path("version")
                .asLong();
        HousingFixtures.Answer addressed = fx.call("officer", "PUT", "/api/v1/buildings/" + building, Map.of(
                "addressId", address, "version", version));
        assertThat(addressed.status()).as(String.valueOf(addressed.body())).isEqualTo(200);
        assertThat(addressed.body().path("addressId").asText()).isEqualTo(address.toString());
        assertThat(addressed.body().path("floors").asInt()).isEqualTo(3);
        assertThat(addressed.body().path("roomsPerFloor").asInt()).isEqualTo(2);

        String name = HousingFixtures.unique("新楼名");
        HousingFixtures.Answer renamed = fx.call("officer", "PUT", "/api/v1/buildings/" + building, Map.of(
                "name", name, "version", addressed.body().path("version").asLong()));
        assertThat(renamed.status()).as(String.valueOf(renamed.body())).isEqualTo(200);
        assertThat(renamed.body().path("name").asText()).isEqualTo(name);
        assertThat(renamed.body().path("addressId").asText()).as("the address kept").isEqualTo(address.toString());
        assertThat(renamed.body().path("rooms").asLong()).isEqualTo(6);

        Map<String, Object> noName = new HashMap<>(only("name", null));
        noName.put("version", renamed.body().path("version").asLong());
        HousingFixtures.Answer refused = fx.call("officer", "PUT", "/api/v1/buildings/" + building, noName);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsOnlyKeys("name");
        Map<String, Object> noAddress = new HashMap<>(only("addressId", null));
        noAddress.put("version", renamed.body().path("version").asLong());
        HousingFixtures.Answer unaddressed = fx.call("officer", "PUT", "/api/v1/buildings/" + building, noAddress);
        assertThat(unaddressed.status()).as(String.valueOf(unaddressed.body())).isEqualTo(200);
        assertThat(unaddressed.body().hasNonNull("addressId")).isFalse();
        assertThat(unaddressed.body().path("name").asText()).isEqualTo(name);

        UUID room = fx.room(building, 1, "101");
        assertThat(fx.call("officer", "PUT", "/api/v1/rooms/" + room, only("rental", true)).status()).isEqualTo(200);
        HousingFixtures.Answer vacant = fx.call("officer", "PUT", "/api/v1/rooms/" + room, only("vacant", true));
        assertThat(vacant.status()).as(String.valueOf(vacant.body())).isEqualTo(200);
        assertThat(jdbc.sql("SELECT vacant AND rental FROM room WHERE id = ?").param(room).query(Boolean.class)
                .single()).as("the rental mark kept").isTrue();
        HousingFixtures.Answer nullMark = fx.call("officer", "PUT", "/api/v1/rooms/" + room, only("rental", null));
        assertThat(nullMark.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(nullMark.body())).containsOnlyKeys("rental");
        assertThat(fx.call("officer2", "PUT", "/api/v1/rooms/" + room, only("vacant", false)).status())
                .isEqualTo(404);
    }
}
