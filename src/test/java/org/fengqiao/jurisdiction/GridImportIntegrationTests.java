package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.internal.Boundary;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A GeoJSON import over HTTP: refused as a whole with every problem named, or saved and located at once. */
class GridImportIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    JurisdictionApi api;

    /**
     * The suite shares the demo database, so these tests import into a village of their own, south
     * of the demo district (lat 34.40–34.49), under the rural central office that chief and officer see,
     * with one stored grid IT-BASE to overlap.
     */
    static final String VILLAGE = "T-IMPORT-VILLAGE";

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        if (jurisdictions.communityByCode(VILLAGE).isEmpty()) {
            Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
            Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, VILLAGE, "导入测试村",
                    null, null, null);
            jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-BASE", "导入测试基准网格",
                    square(118.60, 34.40, 0.02), null, null, null);
        }
        if (jurisdictions.unitByCode(WORK_POINT).isEmpty()) {
            Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
            jurisdictions.createUnit(office.id(), UnitKind.WORK_POINT, WORK_POINT, "导入测试工作点", null);
        }
    }

    /** A work point of the tests' own under the central office that answers for {@link #VILLAGE}. */
    static final String WORK_POINT = "T-IMPORT-WP";

    static String feature(String code, String community, String unitCode, String geometry) {
        return GridImportPolicyTests.feature(code, community, unitCode, geometry);
    }

    UUID unitOf(String gridCode) {
        return jdbc.sql("SELECT unit_id FROM grid WHERE network = 'POLICE' AND code = ?").param(gridCode)
                .query(UUID.class).single();
    }

    static String square(double lon, double lat, double size) {
        return GridImportPolicyTests.square(lon, lat, size);
    }

    static String feature(String code, String community, String geometry) {
        return GridImportPolicyTests.feature(code, community, geometry);
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    /** Three problems in one file: a bow-tie, a point outside China, and a grid over the stored IT-BASE. */
    static final String BAD = collection(
            feature("IT-BOW", VILLAGE,
                    "{\"type\":\"Polygon\",\"coordinates\":[[[118.70,34.43],[118.71,34.44],[118.71,34.43],[118.70,34.44],[118.70,34.43]]]}"),
            feature("IT-FAR", VILLAGE, square(150.0, 34.47, 0.01)),
            feature("IT-OVER", VILLAGE, square(118.61, 34.41, 0.02)));

    static String expectedOverlap() {
        // IT-BASE covers lon 118.60–118.62, lat 34.40–34.42: the overlap is 0.01° × 0.01° centred on 34.415
        return String.format(Locale.ROOT, "%.0f", Boundary.squareMetres(0.01 * 0.01, 34.415));
    }

    @Test
    void refusesABadFileListingEveryProblemInChineseAndSavesNothing() {
        String before = api.gridTable();
        JurisdictionApi.Answer answer = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", BAD, null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("title").asText()).isEqualTo("网格导入被拒绝，未保存任何内容");
        List<String> messages = answer.body().get("errors").findValuesAsText("message");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).startsWith("第 1 个要素（网格 IT-BOW）").contains("边界自相交");
        assertThat(messages.get(1)).startsWith("第 2 个要素（网格 IT-FAR）").contains("不在中国境内").contains("150.000000");
        assertThat(messages.get(2)).isEqualTo("第 3 个要素（网格 IT-OVER）：与已有网格 IT-BASE 重叠 " + expectedOverlap() + " 平方米");
        assertThat(answer.body().get("errors").findValuesAsText("field"))
                .containsExactly("features[0].geometry", "features[1].geometry", "features[2].geometry");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void refusesTheSameFileInEnglishWhenAskedTo() {
        String before = api.gridTable();
        JurisdictionApi.Answer answer = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", BAD, "en");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("title").asText()).isEqualTo("Grid import refused; nothing was saved");
        assertThat(answer.body().get("errors").findValuesAsText("message")).containsExactly(
                "Feature 1 (grid IT-BOW): the boundary intersects itself, at (118.705000, 34.435000)",
                "Feature 2 (grid IT-FAR): the coordinate (150.000000, 34.470000) lies outside China (longitude 73.4–135.1, "
                        + "latitude 3.8–53.6); are longitude and latitude swapped?",
                "Feature 3 (grid IT-OVER): overlaps the stored grid IT-BASE by " + expectedOverlap() + " m²");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void refusesAGridSixHundredKilometresFromItsVillageInChineseAndEnglishAndSavesNothing() {
        // the village's grids (IT-BASE and those other tests import) lie around 34.40–34.50 N; 39.80 N is some 590 km
        // north of the northernmost, still in China
        Community village = jurisdictions.communityByCode(VILLAGE).orElseThrow();
        double north = jdbc.sql("SELECT max(max_lat) FROM grid WHERE community_id = ?").param(village.id().value())
                .query(Double.class).single();
        String km = String.format(Locale.ROOT, "%.0f", (39.80 - north) * 110.574);
        String file = collection(feature("IT-FARAWAY", VILLAGE, square(118.60, 39.80, 0.01)));
        String before = api.gridTable();
        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly(
                "第 1 个要素（网格 IT-FARAWAY）：边界离“导入测试村”已有网格最近处 " + km + " 公里，超过 50 公里，"
                        + "不像是该社区（村）的网格，请检查坐标");
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, "en");
        assertThat(en.body().get("errors").findValuesAsText("message")).containsExactly(
                "Feature 1 (grid IT-FARAWAY): the boundary lies " + km + " km from the nearest stored grid of 导入测试村, "
                        + "more than 50 km: not a grid of that community or village; check its coordinates");
        // drawn on the map, the same grid is refused alike
        JurisdictionApi.Answer drawn = api.call("chief", HttpMethod.POST, "/api/v1/grids",
                "{\"communityId\":\"" + village.id().value() + "\",\"code\":\"IT-FARAWAY\",\"name\":\"远处网格\","
                        + "\"geometry\":" + square(118.60, 39.80, 0.01) + "}", null);
        assertThat(drawn.status()).isEqualTo(400);
        assertThat(drawn.body().get("errors").findValuesAsText("message").get(0)).contains(km + " 公里");
        assertThat(api.gridTable()).isEqualTo(before);
        assertThat(grids("IT-FARAWAY")).isZero();
    }

    @Test
    void aGoodImportIsSavedAndFoundByLocateAtOnceAndAReimportMovesIt() {
        String file = collection(
                feature("IT-NEW-1", VILLAGE, square(118.70, 34.47, 0.01)),
                feature("IT-NEW-2", VILLAGE, square(118.71, 34.47, 0.01)));
        JurisdictionApi.Answer answer = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("created").asInt()).isEqualTo(2);
        JsonNode located = api.get("officer", "/api/v1/grids/locate?lat=34.475&lon=118.715").body();
        assertThat(located.get("grids").get(0).get("code").asText()).isEqualTo("IT-NEW-2");

        // the same code again replaces the boundary: the grid moves south and the old spot is empty
        JurisdictionApi.Answer again = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                collection(feature("IT-NEW-2", VILLAGE, square(118.71, 34.45, 0.01))), null);
        assertThat(again.body().get("updated").asInt()).isEqualTo(1);
        assertThat(api.get("officer", "/api/v1/grids/locate?lat=34.475&lon=118.715").status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/grids/locate?lat=34.455&lon=118.715").body().get("grids").get(0)
                .get("code").asText()).isEqualTo("IT-NEW-2");
        // officer2 cannot see the rural grid, so the point answers 404 for him
        assertThat(api.get("officer2", "/api/v1/grids/locate?lat=34.455&lon=118.715").status()).isEqualTo(404);
    }

    @Test
    void importingTheFileJustExportedChangesNoGridItsVersionOrTheAuditTrail() {
        // a grid with a work point and linked codes, so that every field the import reads goes round the file
        Community village = jurisdictions.communityByCode(VILLAGE).orElseThrow();
        Unit point = workPointOfItsOwn("T-IMPORT-WP-SAME", "导入测试原样网格工作点");
        if (grids("IT-SAME") == 0) {
            jurisdictions.createGrid(village.id(), point.id(), GridNetwork.POLICE, "IT-SAME", "原样网格",
                    square(118.55, 34.43, 0.0123456789), "ZZ-SAME", null, "CC-SAME");
        }
        // the chief's export, kept to the demo district's grids and this test's own: the shared test database also
        // holds grids other tests placed where they liked, some over each other, which no import would take back
        JsonNode exported = api.get("chief", "/api/v1/grids/export").body();
        List<JsonNode> all = new java.util.ArrayList<>();
        exported.get("features").forEach(all::add);
        com.fasterxml.jackson.databind.node.ArrayNode kept = ((com.fasterxml.jackson.databind.node.ObjectNode) exported)
                .putArray("features");
        for (JsonNode f : all) {
            String code = f.get("properties").get("code").asText();
            if (code.equals("IT-SAME") || code.matches("(FS|NS|SL)-\\d+-\\d{2}")) {
                kept.add(f);
            }
        }
        int features = exported.get("features").size();
        assertThat(features).isGreaterThan(1);
        String versions = versions();
        long updates = gridAudits("UPDATE");

        JurisdictionApi.Answer again = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", exported.toString(),
                null);
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().get("created").asInt()).isZero();
        assertThat(again.body().get("updated").asInt()).isZero();
        assertThat(again.body().get("unchanged").asInt()).isEqualTo(features);
        assertThat(versions()).isEqualTo(versions);
        assertThat(gridAudits("UPDATE")).isEqualTo(updates);

        // one grid renamed in the file is the one grid updated; the others stay as they were
        for (JsonNode f : exported.get("features")) {
            if (f.get("properties").get("code").asText().equals("IT-SAME")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) f.get("properties")).put("name", "原样网格改名");
            }
        }
        JurisdictionApi.Answer renamed = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                exported.toString(), null);
        assertThat(renamed.body().get("updated").asInt()).isEqualTo(1);
        assertThat(renamed.body().get("unchanged").asInt()).isEqualTo(features - 1);
        assertThat(gridAudits("UPDATE")).isEqualTo(updates + 1);
    }

    long grids(String code) {
        return jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param(code).query(Long.class).single();
    }

    String versions() {
        return String.join(",", jdbc.sql("SELECT id || ':' || version FROM grid ORDER BY id").query(String.class)
                .list());
    }

    long gridAudits(String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND action = ?").param(action)
                .query(Long.class).single();
    }

    @Test
    void anImportNeedsTheRightToManageTheJurisdiction() {
        String file = collection(feature("IT-OFFICER", VILLAGE, square(118.70, 34.40, 0.01)));
        assertThat(api.call("officer", HttpMethod.POST, "/api/v1/grids/import", file, null).status()).isEqualTo(403);
        // the rural chief does not see the urban community, so its code is unknown to him
        JurisdictionApi.Answer foreign = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                collection(feature("IT-FOREIGN", "320722001001", square(118.70, 34.40, 0.01))), "en");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().get("errors").findValuesAsText("message"))
                .containsExactly("Feature 1 (grid IT-FOREIGN): no community or village 320722001001 in your jurisdiction");
    }

    @Test
    void aUnitCodePlacesANewGridAtThatWorkPoint() {
        JurisdictionApi.Answer answer = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                collection(feature("IT-WP-NEW", VILLAGE, WORK_POINT, square(118.64, 34.44, 0.01)),
                        feature("IT-WP-PLAIN", VILLAGE, square(118.65, 34.44, 0.01))), null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("created").asInt()).isEqualTo(2);
        assertThat(unitOf("IT-WP-NEW")).isEqualTo(api.unitId(WORK_POINT));
        // without a unit code a new grid goes to its community's unit, as before
        assertThat(unitOf("IT-WP-PLAIN")).isEqualTo(api.unitId("320722010100"));
        assertThat(api.get("chief", "/api/v1/grids/" + api.gridId("IT-WP-NEW")).body().get("unit").get("name").asText())
                .isEqualTo("导入测试工作点");
    }

    /**
     * A grid at a work point of its own (网格有点): not {@link #WORK_POINT}, which {@link #aUnitCodePlacesANewGridAtThatWorkPoint}
     * gives its new grid, since a work point stands for one grid.
     */
    Unit workPointOfItsOwn(String code, String name) {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        return jurisdictions.unitByCode(code)
                .orElseGet(() -> jurisdictions.createUnit(office.id(), UnitKind.WORK_POINT, code, name, null));
    }

    @Test
    void aReimportWithoutUnitCodeKeepsTheGridAtItsWorkPoint() {
        Community village = jurisdictions.communityByCode(VILLAGE).orElseThrow();
        Unit point = workPointOfItsOwn("T-IMPORT-WP-KEEP", "导入测试保留网格工作点");
        jurisdictions.createGrid(village.id(), point.id(), GridNetwork.POLICE, "IT-WP-KEEP", "工作点网格",
                square(118.64, 34.46, 0.01), null, null, null);
        JurisdictionApi.Answer again = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                collection(feature("IT-WP-KEEP", VILLAGE, square(118.64, 34.465, 0.01))), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("updated").asInt()).isEqualTo(1);
        assertThat(unitOf("IT-WP-KEEP")).isEqualTo(point.id().value());
    }

    @Test
    void refusesAWorkPointThatAnswersForAnotherGridInChineseAndEnglishAndSavesNothing() {
        Community village = jurisdictions.communityByCode(VILLAGE).orElseThrow();
        Unit taken = workPointOfItsOwn("T-IMPORT-WP-TAKEN", "导入测试占用工作点");
        if (jdbc.sql("SELECT count(*) FROM grid WHERE code = 'IT-WP-HOLDER'").query(Long.class).single() == 0) {
            jurisdictions.createGrid(village.id(), taken.id(), GridNetwork.POLICE, "IT-WP-HOLDER", "占用工作点的网格",
                    square(118.64, 34.48, 0.01), null, null, null);
        }
        String before = api.gridTable();
        String file = collection(feature("IT-WP-FINE", VILLAGE, square(118.66, 34.48, 0.01)),
                feature("IT-WP-TAKER", VILLAGE, taken.code(), square(118.67, 34.48, 0.01)));
        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("title").asText()).isEqualTo("网格导入被拒绝，未保存任何内容");
        assertThat(zh.body().get("errors").findValuesAsText("field")).containsExactly("features[1].unitCode");
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly("第 2 个要素（网格 IT-WP-TAKER）："
                + "单位 T-IMPORT-WP-TAKEN（导入测试占用工作点）已是别的网格的警务工作点或别的社区/村的单位，网格不能设在那里；"
                + "不填单位代码即设在社区/村 " + VILLAGE + " 所属单位，或填写本网格自己的警务工作点");
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body().get("errors").findValuesAsText("message")).containsExactly("Feature 2 (grid IT-WP-TAKER): "
                + "the unit T-IMPORT-WP-TAKEN (导入测试占用工作点) is another grid's work point or another community's unit, "
                + "so the grid cannot be placed there; leave the unit code empty for the unit of the community or village "
                + VILLAGE + ", or name a work point of the grid's own");
        assertThat(api.gridTable()).isEqualTo(before);
        assertThat(unitOf("IT-WP-HOLDER")).isEqualTo(taken.id().value());

        // the grid that holds the work point may name it again, and the refused one goes to a free work point
        Unit free = workPointOfItsOwn("T-IMPORT-WP-FREE", "导入测试空闲工作点");
        JurisdictionApi.Answer fixed = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", collection(
                feature("IT-WP-HOLDER", VILLAGE, taken.code(), square(118.64, 34.48, 0.01)),
                feature("IT-WP-TAKER", VILLAGE, free.code(), square(118.67, 34.48, 0.01))), null);
        assertThat(fixed.status()).isEqualTo(200);
        assertThat(unitOf("IT-WP-HOLDER")).isEqualTo(taken.id().value());
        assertThat(unitOf("IT-WP-TAKER")).isEqualTo(free.id().value());
    }

    @Test
    void refusesALinkedCodeLongerThanTheGridFormTakesInChineseAndEnglishAndSavesNothing() {
        String tooLong = "Z".repeat(GridChanges.LINKED_CODE_MAX + 1);
        String fits = "C".repeat(GridChanges.LINKED_CODE_MAX);
        String linked = "{\"type\":\"Feature\",\"properties\":{\"code\":\"IT-LINKED\",\"name\":\"关联编码网格\","
                + "\"communityCode\":\"" + VILLAGE + "\",\"comprehensiveCode\":\"" + fits + "\",\"urbanCode\":\""
                + tooLong + "\"},\"geometry\":" + square(118.62, 34.46, 0.01) + "}";
        String before = api.gridTable();
        String file = collection(feature("IT-LINKED-FINE", VILLAGE, square(118.63, 34.46, 0.01)), linked);
        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("title").asText()).isEqualTo("网格导入被拒绝，未保存任何内容");
        assertThat(zh.body().get("errors").findValuesAsText("field")).containsExactly("features[1].urbanCode");
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly("第 2 个要素（网格 IT-LINKED）："
                + "城管网格编码超过 64 个字符，与在网格页面上填写时的限制相同");
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body().get("errors").findValuesAsText("message")).containsExactly("Feature 2 (grid IT-LINKED): "
                + "Urban management (城管) grid code: longer than 64 characters, the most the grid page takes when the "
                + "code is typed");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void refusesAWorkPointNamedByTwoNewGridsOfTheFileAndSavesNothing() {
        Unit point = workPointOfItsOwn("T-IMPORT-WP-TWICE", "导入测试重复工作点");
        String before = api.gridTable();
        String file = collection(feature("IT-WP-ONE", VILLAGE, point.code(), square(118.68, 34.48, 0.01)),
                feature("IT-WP-TWO", VILLAGE, point.code(), square(118.69, 34.48, 0.01)));
        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("errors").findValuesAsText("field")).containsExactly("features[1].unitCode");
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly("第 2 个要素（网格 IT-WP-TWO）："
                + "警务工作点 T-IMPORT-WP-TWICE（导入测试重复工作点）已由第 1 个要素（网格 IT-WP-ONE）使用，一个警务工作点只对应一个网格");
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, "en");
        assertThat(en.body().get("errors").findValuesAsText("message")).containsExactly("Feature 2 (grid IT-WP-TWO): "
                + "the work point T-IMPORT-WP-TWICE (导入测试重复工作点) is already named by feature 1 (grid IT-WP-ONE); "
                + "a work point stands for one grid");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void refusesAUnitOutsideTheCommunitysUnitAndSavesNothing() {
        String before = api.gridTable();
        // the rural station is the chief's own unit, above the central office that answers for the village
        String file = collection(feature("IT-WP-OK", VILLAGE, square(118.66, 34.44, 0.01)),
                feature("IT-WP-ABOVE", VILLAGE, "320722010000", square(118.67, 34.44, 0.01)));
        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(zh.status()).isEqualTo(400);
        assertThat(zh.body().get("errors").findValuesAsText("field")).containsExactly("features[1].unitCode");
        String station = jdbc.sql("SELECT name FROM unit WHERE code = '320722010000'").query(String.class).single();
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly("第 2 个要素（网格 IT-WP-ABOVE）：单位 "
                + "320722010000（" + station + "）不在社区/村 " + VILLAGE + " 所属单位之下，网格只能设在其社区/村所属单位或其下级单位");
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, "en");
        assertThat(en.body().get("errors").findValuesAsText("message")).containsExactly("Feature 2 (grid IT-WP-ABOVE): "
                + "the unit 320722010000 (" + station + ") is not under the unit of the community or village " + VILLAGE
                + "; a grid can only be placed at its community's unit or below it");
        assertThat(api.gridTable()).isEqualTo(before);
    }

    @Test
    void refusesAnUnknownUnitCodeAndOneOutsideTheImportersJurisdictionAlike() {
        String before = api.gridTable();
        // 320722020100 is the urban central office, which the rural chief does not see
        String file = collection(feature("IT-WP-NONE", VILLAGE, "T-NO-SUCH-UNIT", square(118.66, 34.46, 0.01)),
                feature("IT-WP-URBAN", VILLAGE, "320722020100", square(118.67, 34.46, 0.01)));
        JurisdictionApi.Answer en = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body().get("errors").findValuesAsText("field"))
                .containsExactly("features[0].unitCode", "features[1].unitCode");
        assertThat(en.body().get("errors").findValuesAsText("message")).containsExactly(
                "Feature 1 (grid IT-WP-NONE): no unit T-NO-SUCH-UNIT in your jurisdiction",
                "Feature 2 (grid IT-WP-URBAN): no unit 320722020100 in your jurisdiction");
        JurisdictionApi.Answer zh = api.call("chief", HttpMethod.POST, "/api/v1/grids/import", file, null);
        assertThat(zh.body().get("errors").findValuesAsText("message")).containsExactly(
                "第 1 个要素（网格 IT-WP-NONE）：单位代码 T-NO-SUCH-UNIT 不存在或不在您的辖区内",
                "第 2 个要素（网格 IT-WP-URBAN）：单位代码 320722020100 不存在或不在您的辖区内");
        assertThat(api.gridTable()).isEqualTo(before);
    }
}
