package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
 * Standard addresses through the API: division codes checked field by field, an address known by
 * its text, its grid from its location, and each one seen only inside the caller's jurisdiction.
 */
class AddressApiIntegrationTests extends IntegrationTest {

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

    static String street() {
        return "测试" + UUID.randomUUID().toString().substring(0, 6) + "路";
    }

    long addressesOn(String street) {
        return jdbc.sql("SELECT count(*) FROM address WHERE street = ?").param(street).query(Long.class).single();
    }

    /**
     * An address with a location that is no number and an unknown county is refused with both at once, in the
     * reader's language: the body stopped at the location and the county was said only once it was mended. A
     * household with a grid that is no id and a number too long likewise. Nothing is saved.
     */
    @Test
    void everyWrongValueOfAnAddressOrHouseholdBodyIsRefusedAtOnceAndNothingIsSaved() {
        String street = street();
        Map<String, Object> body = places.addressBody("FS-1-01", street);
        body.put("countyCode", "999999");
        body.remove("townshipCode");
        body.put("lon", "东经118度");
        body.put("lat", 34.5);
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/addresses", body);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).as(zh.body().toString()).containsOnlyKeys("countyCode", "lon")
                .containsEntry("lon", "格式不正确");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/addresses", body, "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body())).as(en.body().toString())
                .containsEntry("lon", "Wrong format")
                .containsEntry("countyCode", "There is no county 999999 (2023 divisions)");
        assertThat(addressesOn(street)).isZero();

        String number = "HH" + UUID.randomUUID();
        Map<String, Object> household = new java.util.HashMap<>();
        household.put("gridId", "FS-1-01");
        household.put("number", number + "9".repeat(64));
        household.put("trusted", "是");
        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/households", household);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).as(refused.body().toString())
                .containsOnlyKeys("gridId", "number", "trusted").containsEntry("gridId", "格式不正确");
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number LIKE ?").param(number + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownCodeATownshipOfAnotherCountyAndAWrongNameAreEachAProblemOfTheirFieldInTheUsersLanguage() {
        String street = street();
        Map<String, Object> unknown = places.addressBody("FS-1-01", street);
        unknown.put("countyCode", "999999");
        unknown.remove("townshipCode");
        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/addresses", unknown);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).containsOnlyKeys("countyCode");
        assertThat(HousingFixtures.errors(zh.body()).get("countyCode")).contains("999999").contains("不存在");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/addresses", unknown, "Accept-Language", "en");
        assertThat(HousingFixtures.errors(en.body()).get("countyCode")).isEqualTo("There is no county 999999 (2023 divisions)");

        Map<String, Object> elsewhere = places.addressBody("FS-1-01", street);
        elsewhere.put("townshipCode", "110101001000");
        HousingFixtures.Answer outside = fx.call("officer", "POST", "/api/v1/addresses", elsewhere);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(outside.body())).containsEntry("townshipCode", "东华门街道不属于东海县");

        Map<String, Object> unknownTownship = places.addressBody("FS-1-01", street);
        unknownTownship.put("townshipCode", "320722999000");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/addresses", unknownTownship).body()))
                .containsOnlyKeys("townshipCode");

        Map<String, Object> misnamed = places.addressBody("FS-1-01", street);
        misnamed.put("county", "海州区");
        misnamed.put("township", "牛山街道");
        HousingFixtures.Answer names = fx.call("officer", "POST", "/api/v1/addresses", misnamed);
        assertThat(names.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(names.body())).containsOnlyKeys("county", "township");
        assertThat(HousingFixtures.errors(names.body()).get("county")).contains("海州区", "东海县");
        assertThat(HousingFixtures.errors(names.body()).get("township")).contains("牛山街道", "房山镇");

        assertThat(addressesOn(street)).as("nothing saved").isZero();

        Map<String, Object> right = places.addressBody("FS-1-01", street);
        right.put("province", "江苏省");
        right.put("city", "连云港市");
        right.put("county", "东海县");
        right.put("township", "房山镇");
        assertThat(fx.call("officer", "POST", "/api/v1/addresses", right).status()).isEqualTo(201);
    }

    @Test
    void theSameAddressRegisteredAgainIsTheOneAlreadyThereHoweverItIsTyped() {
        String street = street();
        Map<String, Object> body = places.addressBody("FS-1-01", street);
        HousingFixtures.Answer first = fx.call("officer", "POST", "/api/v1/addresses", body);
        assertThat(first.status()).isEqualTo(201);
        String text = first.body().get("fullText").asText();
        assertThat(text).isEqualTo("江苏省连云港市东海县房山镇吴场村" + street + body.get("doorNumber") + "号");

        Map<String, Object> again = new java.util.HashMap<>(body);
        again.put("doorNumber", " " + body.get("doorNumber") + "号");
        again.put("townshipCode", "320722112");
        again.put("gridId", fx.gridId("FS-1-02"));
        HousingFixtures.Answer second = fx.call("officer", "POST", "/api/v1/addresses", again);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(second.body().get("gridCode").asText()).as("the address keeps its grid").isEqualTo("FS-1-01");
        assertThat(jdbc.sql("SELECT count(*) FROM address WHERE full_text = ?").param(text).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theGridIsTheOneHoldingTheLocationWhichMustBeInAGridTheCallerSees() {
        double[] point = places.pointIn("FS-1-03");
        Map<String, Object> located = places.addressBody("FS-1-01", street());
        located.remove("gridId");
        located.put("lon", point[0]);
        located.put("lat", point[1]);
        HousingFixtures.Answer created = fx.call("officer", "POST", "/api/v1/addresses", located);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("gridCode").asText()).isEqualTo("FS-1-03");
        assertThat(created.body().get("lon").asDouble()).isEqualTo(point[0]);

        Map<String, Object> nowhere = places.addressBody("FS-1-01", street());
        nowhere.remove("gridId");
        nowhere.put("lon", 100.0);
        nowhere.put("lat", 30.0);
        HousingFixtures.Answer noGrid = fx.call("officer", "POST", "/api/v1/addresses", nowhere);
        assertThat(noGrid.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(noGrid.body())).containsOnlyKeys("location");
        assertThat(HousingFixtures.errors(noGrid.body()).get("location")).contains("不在任何网格");
        // a grid chosen makes a location outside every grid acceptable
        nowhere.put("gridId", fx.gridId("FS-1-01"));
        assertThat(fx.call("officer", "POST", "/api/v1/addresses", nowhere).status()).isEqualTo(201);

        double[] urban = places.pointIn("NS-1-01");
        Map<String, Object> theirs = places.addressBody("FS-1-01", street());
        theirs.remove("gridId");
        theirs.put("lon", urban[0]);
        theirs.put("lat", urban[1]);
        HousingFixtures.Answer outside = fx.call("officer", "POST", "/api/v1/addresses", theirs);
        assertThat(outside.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(outside.body())).containsOnlyKeys("location");

        Map<String, Object> neither = places.addressBody("FS-1-01", street());
        neither.remove("gridId");
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/addresses", neither).body()))
                .containsOnlyKeys("gridId");
        Map<String, Object> otherStationsGrid = places.addressBody("FS-1-01", street());
        otherStationsGrid.put("gridId", fx.gridId("NS-1-01"));
        assertThat(HousingFixtures.errors(fx.call("officer", "POST", "/api/v1/addresses", otherStationsGrid).body()))
                .containsOnlyKeys("gridId");
    }

    @Test
    void anAddressOfAnotherStationIsNotFoundAndRegisteringItAgainIsAConflictThatShowsNothing() {
        UUID mine = places.address("officer", "FS-2-01", street());
        Map<String, Object> theirBody = places.addressBody("NS-1-01", street());
        HousingFixtures.Answer theirs = fx.call("officer2", "POST", "/api/v1/addresses", theirBody);
        assertThat(theirs.status()).isEqualTo(201);
        UUID their = UUID.fromString(theirs.body().get("id").asText());
        UUID nobody = UUID.randomUUID();

        for (UUID id : List.of(their, nobody)) {
            assertThat(fx.get("officer", "/api/v1/addresses/" + id).status()).isEqualTo(404);
            assertThat(fx.call("officer", "PUT", "/api/v1/addresses/" + id, places.addressBody("FS-1-01", street()))
                    .status()).isEqualTo(404);
        }
        for (UUID id : List.of(mine, nobody)) {
            assertThat(fx.get("officer2", "/api/v1/addresses/" + id).status()).isEqualTo(404);
            assertThat(fx.call("officer2", "PUT", "/api/v1/addresses/" + id, places.addressBody("NS-1-01", street()))
                    .status()).isEqualTo(404);
        }
        assertThat(HousingFixtures.withoutInstance(fx.get("officer", "/api/v1/addresses/" + their).body()))
                .isEqualTo(HousingFixtures.withoutInstance(fx.get("officer", "/api/v1/addresses/" + nobody).body()));
        assertThat(fx.get("bureau", "/api/v1/addresses/" + mine).status()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/addresses/" + their).status()).isEqualTo(200);

        // officer2's address, typed again by officer (into his own grid): taken, and nothing of it shown
        Map<String, Object> again = new java.util.HashMap<>(theirBody);
        again.put("gridId", fx.gridId("FS-1-01"));
        HousingFixtures.Answer conflict = fx.call("officer", "POST", "/api/v1/addresses", again);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().toString()).doesNotContain(their.toString());
    }

    @Test
    void theListFindsAFragmentOfTheTextWithinTheCallersGridsOnly() {
        String street = street();
        UUID one = places.address("officer", "FS-1-01", street);
        UUID two = places.address("officer", "FS-1-02", street);
        places.address("officer2", "NS-1-02", street);

        JsonNode all = fx.get("officer", "/api/v1/addresses?q=" + enc(street.substring(2, 6))).body();
        assertThat(ids(all)).containsExactlyInAnyOrder(one.toString(), two.toString());
        assertThat(all.get("total").asLong()).isEqualTo(2);
        JsonNode first = fx.get("officer", "/api/v1/addresses?size=1&q=" + enc(street)).body();
        JsonNode second = fx.get("officer", "/api/v1/addresses?size=1&page=2&q=" + enc(street)).body();
        assertThat(first.get("total").asLong()).as("counted beyond the page").isEqualTo(2);
        assertThat(ids(first)).hasSize(1);
        assertThat(List.of(ids(first).get(0), ids(second).get(0))).containsExactlyInAnyOrder(one.toString(), two.toString());
        JsonNode inGrid = fx.get("officer", "/api/v1/addresses?q=" + enc(street) + "&gridId=" + fx.gridId("FS-1-02")).body();
        assertThat(ids(inGrid)).containsExactly(two.toString());
        assertThat(ids(fx.get("officer2", "/api/v1/addresses?q=" + enc(street)).body())).hasSize(1)
                .doesNotContain(one.toString(), two.toString());
        assertThat(ids(fx.get("bureau", "/api/v1/addresses?q=" + enc(street)).body())).hasSize(3);
        // LIKE wildcards are plain characters
        assertThat(ids(fx.get("officer", "/api/v1/addresses?q=" + enc("%" + street.substring(3))).body())).isEmpty();
    }

    @Test
    void aChangeComposesTheTextAgainIsAuditedAndMayNotTakeAnotherAddresssText() {
        String street = street();
        Map<String, Object> body = places.addressBody("FS-1-01", street);
        UUID id = UUID.fromString(fx.call("officer", "POST", "/api/v1/addresses", body).body().get("id").asText());
        UUID other = places.address("officer", "FS-1-01", street);
        long seq = places.lastAuditSeq();
        String before = "江苏省连云港市东海县房山镇吴场村" + street + body.get("doorNumber") + "号";

        body.put("doorNumber", "8");
        body.put("compound", "幸福里");
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/addresses/" + id, body);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("fullText").asText()).isEqualTo("江苏省连云港市东海县房山镇吴场村" + street + "8号幸福里");
        Map<String, Object> audit = jdbc.sql("""
                SELECT actor, before->>'fullText' AS before, after->>'fullText' AS after FROM audit_entry
                WHERE seq > ? AND action = 'UPDATE' AND record_type = 'address' AND record_id = ?""")
                .params(seq, id.toString()).query().singleRow();
        assertThat(audit.get("actor")).isEqualTo("officer");
        assertThat(audit.get("before")).isEqualTo(before);
        assertThat(audit.get("after")).isEqualTo(changed.body().get("fullText").asText());

        String otherText = fx.get("officer", "/api/v1/addresses/" + other).body().get("doorNumber").asText();
        body.put("doorNumber", otherText);
        // sent as null the compound is taken away (left out, it would be kept)
        body.put("compound", null);
        assertThat(fx.call("officer", "PUT", "/api/v1/addresses/" + id, body).status()).isEqualTo(409);
        assertThat(fx.get("officer", "/api/v1/addresses/" + id).body().get("fullText").asText()).endsWith("8号幸福里");
    }

    @Test
    void volunteersSeeNoAddressesAndOnlyWritersRegisterThem() {
        UUID id = places.address("officer", "FS-1-01", street());
        assertThat(fx.get("volunteer", "/api/v1/addresses").status()).isEqualTo(403);
        assertThat(fx.get("volunteer", "/api/v1/addresses/" + id).status()).isEqualTo(403);
        assertThat(fx.call("volunteer", "POST", "/api/v1/addresses", places.addressBody("FS-1-01", street())).status())
                .isEqualTo(403);
        assertThat(fx.get("auditor", "/api/v1/addresses/" + id).status()).isEqualTo(403);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    @Test
    void theListFindsADemoAddressByTheShortFormsAPersonTypesBestMatchFirstAndOnlyInTheCallersSubtree() {
        String full = "江苏省连云港市东海县房山镇吴场村1组40号";
        for (String typed : List.of("吴场村1组40号", "东海县吴场村1组40号", "房山镇吴场村一组四十号", "吴场村1组40")) {
            JsonNode found = fx.get("officer", "/api/v1/addresses?q=" + enc(typed)).body();
            assertThat(found.get("items").size()).as(typed).isPositive();
            assertThat(found.get("items").get(0).get("fullText").asText()).as(typed).isEqualTo(full);
            assertThat(ids(fx.get("officer2", "/api/v1/addresses?q=" + enc(typed)).body())).as(typed).isEmpty();
        }
        // 1组4号 is not 1组40号: the address ending so comes first
        JsonNode four = fx.get("officer", "/api/v1/addresses?q=" + enc("吴场村1组4号")).body();
        assertThat(four.get("items").get(0).get("fullText").asText()).isEqualTo("江苏省连云港市东海县房山镇吴场村1组4号");
    }
}
