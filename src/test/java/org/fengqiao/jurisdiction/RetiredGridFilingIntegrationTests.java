package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A grid merged away is retired, but its id lives on in stale forms and API clients: nothing new is filed or moved
 * into it (a person, an address, a roster place, a forces post), each refused with a 400 naming the grid in the
 * caller's language and nothing changed; what was filed there before is still read, and still named by its grid.
 */
class RetiredGridFilingIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    JurisdictionApi api;
    String n;
    Grid inUse;
    Grid retired;
    UUID oldPost;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        n = TreeFixtures.unique();
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Community village = tree.village(tree.unit("320722010100"), "T-RF-", "撤销登记村");
        // south of the demo district, apart from GridRetirementIntegrationTests' spots (lat 34.27–34.29)
        double lon = TreeFixtures.lonSouthOfTheDistrict();
        double lat = 34.25;
        inUse = tree.gridAt(village, "IT-RFU-" + n, "在用网格" + n, lon, lat);
        retired = tree.gridAt(village, "IT-RFR-" + n, "已并网格" + n, lon + 0.005, lat);
        JurisdictionApi.Answer retirement = api.call("chief", HttpMethod.POST,
                "/api/v1/grids/" + retired.id().value() + "/retirement", null, null);
        assertThat(retirement.status()).as(String.valueOf(retirement.body())).isEqualTo(200);
        // a post left in it by a retirement made before posts kept a grid in use: a record that stays in the retired
        // grid, now that a post keeps a grid from being retired (GridHoldingsIntegrationTests)
        oldPost = UUID.randomUUID();
        jdbc.sql("INSERT INTO force_post (id, grid_id, name, place) VALUES (?, ?, ?, '村口')")
                .params(oldPost, retired.id().value(), "旧岗" + n).update();
    }

    static Map<String, Object> post(Grid grid, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid.id().value().toString());
        body.put("name", name);
        body.put("place", "村口");
        return body;
    }

    String zh() {
        return "网格“已并网格" + n + "”（IT-RFR-" + n + "）已撤销，不能再向其中登记或移入记录，请另选网格";
    }

    String en() {
        return "Grid 已并网格" + n + " (IT-RFR-" + n + ") was retired: nothing new can be filed into it or moved into "
                + "it; choose another grid";
    }

    void refused(JurisdictionApi.Answer answer, String message) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("message")).contains(message);
        assertThat(answer.body().get("errors").findValuesAsText("field")).contains("gridId");
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE grid_id = ?").param(retired.id().value())
                .query(Long.class).single();
    }

    @Test
    void aPersonIsNotRegisteredInARetiredGridInChineseOrEnglishAndNothingIsFiled() {
        Map<String, Object> person = new HashMap<>();
        person.put("gridId", retired.id().value().toString());
        person.put("name", "迟登" + n);
        person.put("idNumber", TestIdentityNumbers.next(Sex.MALE));
        person.put("sex", "MALE");
        person.put("residence", "PERMANENT");
        refused(api.call("chief", HttpMethod.POST, "/api/v1/persons", person, null), zh());
        refused(api.call("chief", HttpMethod.POST, "/api/v1/persons", person, "en"), en());
        assertThat(count("person")).isZero();

        person.put("gridId", inUse.id().value().toString());
        JurisdictionApi.Answer filed = api.call("chief", HttpMethod.POST, "/api/v1/persons", person, null);
        assertThat(filed.status()).as(String.valueOf(filed.body())).isEqualTo(201);
    }

    @Test
    void anAddressIsNeitherFiledInNorMovedIntoARetiredGrid() {
        Map<String, Object> address = new HashMap<>();
        address.put("countyCode", "320722");
        address.put("townshipCode", "320722112000");
        address.put("community", "吴场村");
        address.put("street", "迟登路" + n);
        address.put("doorNumber", "1号");
        address.put("gridId", retired.id().value().toString());
        refused(api.call("chief", HttpMethod.POST, "/api/v1/addresses", address, null), zh());
        assertThat(count("address")).isZero();

        address.put("gridId", inUse.id().value().toString());
        JurisdictionApi.Answer filed = api.call("chief", HttpMethod.POST, "/api/v1/addresses", address, null);
        assertThat(filed.status()).as(String.valueOf(filed.body())).isEqualTo(201);
        UUID id = UUID.fromString(filed.body().get("id").asText());
        address.put("gridId", retired.id().value().toString());
        refused(api.call("chief", HttpMethod.PUT, "/api/v1/addresses/" + id, address, "en"), en());
        assertThat(count("address")).isZero();
    }

    @Test
    void nobodyTakesUpARosterPlaceInARetiredGrid() {
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        Map<String, Object> place = Map.of("staffId", officer.toString(), "role", "MEMBER",
                "from", LocalDate.now().toString());
        refused(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + retired.id().value() + "/roster", place, null),
                zh());
        assertThat(count("grid_role")).isZero();
    }

    @Test
    void aForcesPostIsNotSetUpInARetiredGridWhileTheOldOneIsStillReadAndKeptThere() {
        refused(api.call("chief", HttpMethod.POST, "/api/v1/forces/posts", post(retired, "新岗" + n), null), zh());
        assertThat(count("force_post")).isEqualTo(1);

        // the post filed before the grid was retired: read, named by its grid, and changed where it stands
        JurisdictionApi.Answer old = api.get("chief", "/api/v1/forces/posts/" + oldPost);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body().get("post").get("gridName").asText()).isEqualTo("已并网格" + n);
        assertThat(api.get("chief", "/api/v1/forces/posts?gridId=" + retired.id().value()).body()
                .findValuesAsText("name")).contains("旧岗" + n);
        JurisdictionApi.Answer renamed = api.call("chief", HttpMethod.PUT, "/api/v1/forces/posts/" + oldPost,
                post(retired, "旧岗改" + n), null);
        assertThat(renamed.status()).as(String.valueOf(renamed.body())).isEqualTo(200);
        // moved out to a grid in use it may be, but not back in
        assertThat(api.call("chief", HttpMethod.PUT, "/api/v1/forces/posts/" + oldPost, post(inUse, "旧岗改" + n),
                null).status()).isEqualTo(200);
        refused(api.call("chief", HttpMethod.PUT, "/api/v1/forces/posts/" + oldPost, post(retired, "旧岗改" + n),
                null), zh());
        assertThat(count("force_post")).isZero();
    }
}
