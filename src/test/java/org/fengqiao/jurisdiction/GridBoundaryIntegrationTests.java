package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A boundary drawn on the map over the API: decided as an import of that one grid, audited, stale drawings refused,
 * and records filed in the grid left in it as after an import.
 */
class GridBoundaryIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger RUN = new AtomicInteger();

    /** A village of the tests' own, east of the import tests' one, under the rural central office chief sees. */
    static final String VILLAGE = "T-DRAW-VILLAGE";

    JurisdictionApi api;
    String a;
    String b;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        int n = RUN.incrementAndGet();
        if (jurisdictions.communityByCode(VILLAGE).isEmpty()) {
            Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
            jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, VILLAGE, "画界测试村", null, null, null);
        }
        // two touching squares of a fresh row per test, so that no test sees another's drawing
        double lat = 34.40 + 0.01 * n;
        a = "IT-DR-A-" + n;
        b = "IT-DR-B-" + n;
        Community village = jurisdictions.communityByCode(VILLAGE).orElseThrow();
        jurisdictions.createGrid(village.id(), GridNetwork.POLICE, a, "画界网格A" + n, square(118.80, lat, 0.01), null,
                null, null);
        jurisdictions.createGrid(village.id(), GridNetwork.POLICE, b, "画界网格B" + n, square(118.81, lat, 0.01), null,
                null, null);
    }

    static String square(double lon, double lat, double size) {
        return GridImportPolicyTests.square(lon, lat, size);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double firstLongitude(String geometry) {
        return json(geometry).get("coordinates").get(0).get(0).get(0).asDouble();
    }

    double lat(String code) {
        return jdbc.sql("SELECT min_lat FROM grid WHERE network = 'POLICE' AND code = ?").param(code)
                .query(Double.class).single();
    }

    long version(String code) {
        return jdbc.sql("SELECT version FROM grid WHERE network = 'POLICE' AND code = ?").param(code)
                .query(Long.class).single();
    }

    Map<String, Object> change(String geometry, long version) {
        Map<String, Object> body = new HashMap<>();
        body.put("geometry", json(geometry));
        body.put("version", version);
        return body;
    }

    JurisdictionApi.Answer put(String user, String code, String geometry, long version, String language) {
        return api.call(user, HttpMethod.PUT, "/api/v1/grids/" + api.gridId(code) + "/boundary",
                change(geometry, version), language);
    }

    @Test
    void theChiefRedrawsAGridAuditedWithBeforeAndAfterAndItIsLocatedByTheNewBoundary() {
        double lat = lat(a);
        String smaller = square(118.802, lat + 0.002, 0.005);
        JurisdictionApi.Answer check = api.call("chief", HttpMethod.POST,
                "/api/v1/grids/" + api.gridId(a) + "/boundary/check", Map.of("geometry", json(smaller)), null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body().get("code").asText()).isEqualTo(a);
        assertThat(check.body().get("newAreaSquareMetres").asDouble())
                .isLessThan(check.body().get("areaSquareMetres").asDouble() / 3);
        assertThat(check.body().get("recordsMoved").asInt()).isZero();
        assertThat(version(a)).as("a check saves nothing").isEqualTo(0);

        JurisdictionApi.Answer saved = put("chief", a, smaller, 0, null);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().get("version").asLong()).isEqualTo(1);
        assertThat(saved.body().get("boundary").get("coordinates").get(0).get(0).get(0).asDouble()).isEqualTo(118.802);
        Map<String, Object> audit = jdbc.sql("""
                SELECT before->>'boundary' AS before, after->>'boundary' AS after, actor FROM audit_entry
                WHERE record_type = 'grid' AND record_id = ? AND action = 'UPDATE'""")
                .param(api.gridId(a).toString()).query().singleRow();
        assertThat(audit.get("actor")).isEqualTo("chief");
        assertThat(firstLongitude((String) audit.get("before"))).isEqualTo(118.80);
        assertThat(firstLongitude((String) audit.get("after"))).isEqualTo(118.802);
        // a point of the old square outside the new one lies in no grid any more
        assertThat(api.get("officer", "/api/v1/grids/locate?lat=" + (lat + 0.0005) + "&lon=118.8005").status())
                .isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/grids/locate?lat=" + (lat + 0.004) + "&lon=118.804").body()
                .get("grids").get(0).get("code").asText()).isEqualTo(a);
    }

    @Test
    void aDrawingMadeOnAnOlderVersionIsRefusedAsStaleAndChangesNothing() {
        double lat = lat(a);
        assertThat(put("chief", a, square(118.801, lat + 0.001, 0.008), 0, null).status()).isEqualTo(200);
        String before = api.gridTable();
        JurisdictionApi.Answer stale = put("chief", a, square(118.802, lat + 0.002, 0.005), 0, "en");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("detail").asText()).contains("version 1");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void badDrawingsAreRefusedWithTheImportsMessagesInChineseAndEnglishAndChangeNothing() {
        double lat = lat(a);
        String before = api.gridTable();
        long v = version(a);
        String bowTie = String.format(java.util.Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[118.80,%1$s],[118.81,%2$s],[118.81,%1$s],"
                        + "[118.80,%2$s],[118.80,%1$s]]]}",
                lat, lat + 0.01);
        JurisdictionApi.Answer zh = put("chief", a, bowTie, v, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("title").asText()).isEqualTo("网格边界被拒绝，未作任何更改");
        assertThat(zh.body().get("errors").findValuesAsText("message")).singleElement().asString()
                .startsWith("第 1 个要素（网格 " + a + "）").contains("边界自相交");
        assertThat(zh.body().get("errors").findValuesAsText("field")).containsExactly("geometry");
        JurisdictionApi.Answer en = put("chief", a, bowTie, v, "en");
        assertThat(en.body().get("title").asText()).isEqualTo("Grid boundary refused; nothing was changed");
        assertThat(en.body().get("errors").findValuesAsText("message")).singleElement().asString()
                .contains("the boundary intersects itself");

        String twoPoints = "{\"type\":\"Polygon\",\"coordinates\":[[[118.80," + lat + "],[118.805," + lat + "]]]}";
        assertThat(put("chief", a, twoPoints, v, "en").body().get("errors").findValuesAsText("message"))
                .singleElement().asString().contains("too few points");
        // over the neighbour B by half of it: beyond the import's 1 m² tolerance
        JurisdictionApi.Answer over = put("chief", a, square(118.80, lat, 0.015), v, "en");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().get("errors").findValuesAsText("message")).singleElement().asString()
                .contains("overlaps the stored grid " + b);
        JurisdictionApi.Answer abroad = put("chief", a, square(150.0, lat, 0.01), v, null);
        assertThat(abroad.body().get("errors").findValuesAsText("message")).singleElement().asString()
                .contains("不在中国境内");
        JurisdictionApi.Answer point = put("chief", a, "{\"type\":\"Point\",\"coordinates\":[118.8," + lat + "]}", v,
                "en");
        assertThat(point.status()).isEqualTo(400);
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void aGridOutsideTheCallersJurisdictionIsNotFoundAndWithoutTheRightToManageItIsForbidden() {
        double lat = lat(a);
        String before = api.gridTable();
        String smaller = square(118.802, lat + 0.002, 0.005);
        // the rural chief manages his station's jurisdiction; the urban station's grid and community lie outside it
        UUID urbanGrid = api.gridId("NS-1-01");
        long urbanVersion = jdbc.sql("SELECT version FROM grid WHERE id = ?").param(urbanGrid).query(Long.class)
                .single();
        assertThat(api.call("chief", HttpMethod.PUT, "/api/v1/grids/" + urbanGrid + "/boundary",
                change(smaller, urbanVersion), null).status()).isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + urbanGrid + "/boundary/check",
                Map.of("geometry", json(smaller)), null).status()).isEqualTo(404);
        Map<String, Object> foreign = newGrid("IT-DR-FOREIGN-" + a, square(118.83, lat, 0.005));
        foreign.put("communityId", api.communityId("320722001001"));
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids", foreign, null).status()).isEqualTo(404);
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/check", foreign, null).status()).isEqualTo(404);
        Map<String, Object> drawn = newGrid("IT-DR-OFFICER-" + a, square(118.83, lat, 0.005));
        // officer sees the grid but may not manage the jurisdiction
        assertThat(put("officer", a, smaller, 0, null).status()).isEqualTo(403);
        assertThat(api.call("officer", HttpMethod.POST, "/api/v1/grids", drawn, null).status()).isEqualTo(403);
        assertThat(api.gridTable()).isEqualTo(before);
    }

    Map<String, Object> newGrid(String code, String geometry) {
        Map<String, Object> body = new HashMap<>();
        body.put("communityId", api.communityId(VILLAGE));
        body.put("code", code);
        body.put("name", "画界新网格" + code);
        body.put("geometry", json(geometry));
        return body;
    }

    @Test
    void theChiefDrawsANewGridInTheVillageAuditedAndAnUsedCodeOrAnOverlapIsRefused() {
        double lat = lat(a);
        String code = "IT-DR-NEW-" + a;
        Map<String, Object> drawn = newGrid(code, square(118.82, lat, 0.01));
        JurisdictionApi.Answer check = api.call("chief", HttpMethod.POST, "/api/v1/grids/check", drawn, null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body().get("code").asText()).isEqualTo(code);
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param(code).query(Long.class).single())
                .isZero();

        JurisdictionApi.Answer created = api.call("chief", HttpMethod.POST, "/api/v1/grids", drawn, null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("community").get("code").asText()).isEqualTo(VILLAGE);
        assertThat(created.body().get("unit").get("code").asText()).isEqualTo("320722010100");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND record_id = ? AND action = 'CREATE'
                AND actor = 'chief' AND after->>'code' = ?""").params(created.body().get("id").asText(), code)
                .query(Long.class).single()).isEqualTo(1);

        String before = api.gridTable();
        JurisdictionApi.Answer again = api.call("chief", HttpMethod.POST, "/api/v1/grids",
                newGrid(code, square(118.84, lat, 0.005)), "en");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("errors").findValuesAsText("message"))
                .containsExactly("The grid code " + code + " is already in use");
        JurisdictionApi.Answer over = api.call("chief", HttpMethod.POST, "/api/v1/grids",
                newGrid(code + "-X", square(118.805, lat, 0.01)), null);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().get("errors").findValuesAsText("message")).hasSize(2)
                .allSatisfy(m -> assertThat(m).contains("重叠"));
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void anAddressFiledInTheGridStaysInItWhenTheBoundaryNoLongerHoldsItAsAfterAnImport() {
        double lat = lat(a);
        Map<String, Object> address = new HashMap<>();
        address.put("countyCode", "320722");
        address.put("townshipCode", "320722112000");
        address.put("community", "吴场村");
        address.put("street", "画界路" + a);
        address.put("doorNumber", "1号");
        address.put("lon", 118.8005);
        address.put("lat", lat + 0.0005);
        JurisdictionApi.Answer filed = api.call("chief", HttpMethod.POST, "/api/v1/addresses", address, null);
        assertThat(filed.status()).as(String.valueOf(filed.body())).isEqualTo(201);
        assertThat(filed.body().get("gridCode").asText()).isEqualTo(a);

        // drawn: the address's point now lies outside the grid, and the address keeps its grid
        assertThat(put("chief", a, square(118.802, lat + 0.002, 0.005), 0, null).status()).isEqualTo(200);
        assertThat(addressesOf(a)).containsExactly("画界路" + a);
        // an import of that one grid, moved elsewhere, does the same
        String file = "{\"type\":\"FeatureCollection\",\"features\":["
                + GridImportPolicyTests.feature(a, VILLAGE, square(118.803, lat + 0.003, 0.004)) + "]}";
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/import", json(file), null).status())
                .isEqualTo(200);
        assertThat(addressesOf(a)).containsExactly("画界路" + a);
    }

    List<String> addressesOf(String code) {
        return api.get("chief", "/api/v1/addresses?gridId=" + api.gridId(code)).body().get("items")
                .findValuesAsText("street");
    }
}
