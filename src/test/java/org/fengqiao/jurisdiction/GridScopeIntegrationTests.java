package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every read and every change is limited to the caller's subtree: officer (房山中心警务室) sees the
 * five village grids and nothing of officer2's urban station, whose records answer 404 exactly
 * like records that do not exist; bureau sees everything.
 */
class GridScopeIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    JurisdictionApi api;
    UUID urbanGrid;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        urbanGrid = api.gridId("NS-1-01");
    }

    /** The query string of a point inside a stored grid, wherever the demo put it. */
    String pointIn(String gridCode) {
        try {
            org.locationtech.jts.geom.Point p = org.fengqiao.jurisdiction.internal.Boundary.parse(
                    jdbc.sql("SELECT boundary::text FROM grid WHERE code = ?").param(gridCode).query(String.class).single())
                    .geometry().getInteriorPoint();
            return "lat=" + p.getY() + "&lon=" + p.getX();
        } catch (org.locationtech.jts.io.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> codes(JsonNode array, String field) {
        List<String> codes = new ArrayList<>();
        array.forEach(n -> codes.add(n.get(field).asText()));
        return codes;
    }

    @Test
    void officerSeesOnlyTheGridsOfHisCentralOffice() {
        JsonNode grids = api.get("officer", "/api/v1/grids?network=POLICE").body();
        assertThat(codes(grids, "code")).contains("FS-1-01", "FS-5-01").doesNotContain("NS-1-01")
                .allMatch(c -> c.startsWith("FS-") || c.startsWith("IT-"));
        JsonNode export = api.get("officer", "/api/v1/grids/export").body();
        List<String> exported = new ArrayList<>();
        export.get("features").forEach(f -> exported.add(f.get("properties").get("code").asText()));
        assertThat(exported).contains("FS-1-01").doesNotContain("NS-1-01");
        assertThat(codes(api.get("officer", "/api/v1/communities").body(), "code")).doesNotContain("320722001001");
        // his office first (tree order), then only what other tests may have created under it
        assertThat(codes(api.get("officer", "/api/v1/units").body(), "code")).startsWith("320722010100")
                .doesNotContain("320722000000", "320722010000", "320722020000", "320722020100", "320722030000");
    }

    @Test
    void bureauSeesTheGridsOfEveryStation() {
        JsonNode grids = api.get("bureau", "/api/v1/grids").body();
        assertThat(codes(grids, "code")).contains("FS-1-01", "NS-1-01");
        assertThat(codes(api.get("bureau", "/api/v1/units").body(), "code"))
                .contains("320722000000", "320722010000", "320722020000", "320722030000");
        assertThat(api.get("bureau", "/api/v1/grids/" + urbanGrid).status()).isEqualTo(200);
        JsonNode page = api.get("bureau", "/api/v1/grids?page=0&size=2").body();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aPageFarPastTheLastIsEmptyNotAnError() {
        // 50,000,000 pages of 500 grids lie beyond what an int counts: the page is empty, as any page past the last
        var far = api.get("bureau", "/api/v1/grids?page=50000000&size=500");
        assertThat(far.status()).isEqualTo(200);
        assertThat(far.body().get("items")).isEmpty();
        assertThat(far.body().get("total").asLong()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void officerGetsNotFoundForOfficer2sRecordsOnEveryEndpointThatTakesAnId() {
        UUID urbanCommunity = api.communityId("320722001001");
        UUID urbanUnit = api.unitId("320722020100");
        UUID officer2Id = jdbc.sql("SELECT id FROM staff WHERE username = 'officer2'").query(UUID.class).single();
        UUID term = jdbc.sql("SELECT id FROM grid_role WHERE grid_id = ? LIMIT 1").param(api.gridId("FS-1-01"))
                .query(UUID.class).single();
        // a term in officer2's grid, so ending it is a real attempt on a record outside officer's scope
        UUID urbanTerm = UUID.randomUUID();
        jdbc.sql("INSERT INTO grid_role (id, grid_id, staff_id, role, started_on) VALUES (?, ?, ?, 'MEMBER', DATE '2024-01-01')")
                .params(urbanTerm, urbanGrid, officer2Id).update();

        assertThat(api.get("officer", "/api/v1/grids/" + urbanGrid).status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/grids/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/grids/" + urbanGrid + "/roster").status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/grids/" + urbanGrid + "/roster/candidates").status()).isEqualTo(404);
        assertThat(api.call("officer", HttpMethod.POST, "/api/v1/grids/" + urbanGrid + "/roster",
                Map.of("staffId", officer2Id.toString(), "role", "MEMBER", "from", "2025-01-01"), null).status()).isEqualTo(404);
        assertThat(api.call("officer", HttpMethod.POST, "/api/v1/roster/" + urbanTerm + "/end",
                Map.of("on", "2025-01-01"), null).status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/units/" + urbanUnit).status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/communities/" + urbanCommunity).status()).isEqualTo(404);
        assertThat(api.get("officer", "/api/v1/grids/locate?" + pointIn("NS-1-01")).status()).isEqualTo(404);
        // changing links needs JURISDICTION_MANAGE, which officer lacks; the rural station chief has it
        // and still cannot reach the urban grid
        String urbanCodeBefore = jdbc.sql("SELECT urban_code FROM grid WHERE id = ?").param(urbanGrid).query(String.class).single();
        assertThat(api.call("chief", HttpMethod.PUT, "/api/v1/grids/" + urbanGrid + "/links",
                Map.of("urbanCode", "CG-X"), null).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT urban_code FROM grid WHERE id = ?").param(urbanGrid).query(String.class).single())
                .isEqualTo(urbanCodeBefore).isNotEqualTo("CG-X");
        assertThat(jdbc.sql("SELECT ended_on IS NULL FROM grid_role WHERE id = ?").param(urbanTerm).query(Boolean.class).single())
                .isTrue();

        // the same calls within scope succeed, so the 404s above come from the scope and nothing else
        assertThat(api.get("officer2", "/api/v1/grids/" + urbanGrid).status()).isEqualTo(200);
        assertThat(api.get("officer2", "/api/v1/grids/" + urbanGrid + "/roster").status()).isEqualTo(200);
        assertThat(api.get("officer2", "/api/v1/units/" + urbanUnit).status()).isEqualTo(200);
        assertThat(api.get("officer2", "/api/v1/communities/" + urbanCommunity).status()).isEqualTo(200);
        assertThat(api.get("officer2", "/api/v1/grids/locate?" + pointIn("NS-1-01")).body().get("grids").get(0)
                .get("code").asText()).isEqualTo("NS-1-01");
        assertThat(api.call("officer", HttpMethod.POST, "/api/v1/roster/" + term + "/end",
                Map.of("on", "2023-01-01"), null).status()).isEqualTo(400);
    }

    @Test
    void theRosterListsCurrentHoldersTopDownBeforeEndedTerms() {
        JsonNode terms = api.get("officer", "/api/v1/grids/" + api.gridId("FS-2-03") + "/roster").body();
        List<String> current = new ArrayList<>();
        terms.forEach(t -> {
            if (t.get("endedOn") == null || t.get("endedOn").isNull()) {
                current.add(t.get("role").asText());
            }
        });
        assertThat(current).startsWith("GRID_CHIEF", "COORDINATOR", "MANAGER").contains("MEMBER", "INFORMANT");
        assertThat(current.subList(current.indexOf("MEMBER"), current.size())).isSortedAccordingTo(
                java.util.Comparator.comparing(r -> r.equals("INFORMANT")));
    }

    @Test
    void gridDetailCarriesItsBoundaryAreaAndLinkedCodes() throws Exception {
        UUID grid = api.gridId("FS-2-01");
        JurisdictionApi.Answer put = api.call("chief", HttpMethod.PUT, "/api/v1/grids/" + grid + "/links",
                Map.of("comprehensiveCode", "ZZ-0203", "urbanCode", "CG-0203", "civilizationCode", "CC-0203"), null);
        assertThat(put.status()).isEqualTo(200);
        JsonNode detail = api.get("officer", "/api/v1/grids/" + grid).body();
        assertThat(detail.get("boundary").get("type").asText()).isEqualTo("Polygon");
        double expected = org.fengqiao.jurisdiction.internal.Boundary.parse(detail.get("boundary").toString()).areaSquareMetres();
        assertThat(expected).isGreaterThan(10_000);
        assertThat(detail.get("areaSquareMetres").asDouble()).isCloseTo(expected, org.assertj.core.api.Assertions.within(expected * 0.001));
        assertThat(detail.get("comprehensiveCode").asText()).isEqualTo("ZZ-0203");
        assertThat(detail.get("urbanCode").asText()).isEqualTo("CG-0203");
        assertThat(detail.get("civilizationCode").asText()).isEqualTo("CC-0203");
        assertThat(api.call("officer", HttpMethod.PUT, "/api/v1/grids/" + grid + "/links",
                Map.of("urbanCode", "X"), null).status()).isEqualTo(403);
    }

    @Test
    void locateAnswersTheGridHoldingAPointAndRefusesBadCoordinatesFieldByField() {
        JsonNode located = api.get("officer", "/api/v1/grids/locate?" + pointIn("FS-1-01")).body();
        assertThat(located.get("grids").get(0).get("code").asText()).isEqualTo("FS-1-01");
        JurisdictionApi.Answer bad = api.call("officer", HttpMethod.GET, "/api/v1/grids/locate?lat=95&lon=abc", null, "en");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").findValuesAsText("field")).containsExactly("lon");
        JurisdictionApi.Answer range = api.call("officer", HttpMethod.GET, "/api/v1/grids/locate?lat=95&lon=200", null, null);
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.body().get("errors").findValuesAsText("message"))
                .containsExactly("纬度须在 -90 到 90 之间", "经度须在 -180 到 180 之间");
        assertThat(api.get("officer", "/api/v1/grids/locate?lat=30.0&lon=110.0").status()).isEqualTo(404);
    }

    @Test
    void groupingsAndTheirMembersFollowTheScopeToo() {
        UUID grouping = UUID.randomUUID();
        jdbc.sql("INSERT INTO grouping (id, kind, code, name, unit_id) VALUES (?, 'COOPERATION_ZONE', ?, '和平警务合作区', ?)")
                .params(grouping, "IT-COOP-" + grouping, api.unitId("320722020100")).update();
        jdbc.sql("INSERT INTO grouping_community (grouping_id, community_id) VALUES (?, ?)")
                .params(grouping, api.communityId("320722001001")).update();
        try {
            assertThat(api.get("officer", "/api/v1/groupings/" + grouping).status()).isEqualTo(404);
            assertThat(codes(api.get("officer", "/api/v1/groupings").body(), "name")).doesNotContain("和平警务合作区");
            JsonNode seen = api.get("officer2", "/api/v1/groupings/" + grouping).body();
            assertThat(seen.get("kind").asText()).isEqualTo("COOPERATION_ZONE");
            assertThat(codes(seen.get("communities"), "code")).containsExactly("320722001001");
        } finally {
            // the suite shares the demo database; leave its groupings as the demo made them
            jdbc.sql("DELETE FROM grouping WHERE id = ?").param(grouping).update();
        }
    }

    @Test
    void aChiefCreatesUnitsOnlyUnderUnitsHeSees() {
        String code = "IT" + System.nanoTime() % 1_000_000_000L;
        JurisdictionApi.Answer created = api.call("chief", HttpMethod.POST, "/api/v1/units", Map.of(
                "parentId", api.unitId("320722010100").toString(), "kind", "WORKSTATION", "code", code,
                "name", "吴场警务工作站"), null);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("depth").asInt()).isEqualTo(3);
        assertThat(api.get("officer", "/api/v1/units/" + created.body().get("id").asText()).status()).isEqualTo(200);
        JurisdictionApi.Answer foreign = api.call("chief", HttpMethod.POST, "/api/v1/units", Map.of(
                "parentId", api.unitId("320722020100").toString(), "kind", "WORK_POINT", "code", code + "X",
                "name", "越权"), "en");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().get("errors").findValuesAsText("message")).containsExactly("No such parent unit in your jurisdiction");
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/units", Map.of(
                "parentId", api.unitId("320722010100").toString(), "kind", "WORKSTATION", "code", code,
                "name", "重复"), null).status()).isEqualTo(409);
        assertThat(api.call("officer", HttpMethod.POST, "/api/v1/units", Map.of(
                "parentId", api.unitId("320722010100").toString(), "kind", "WORKSTATION", "code", code + "Y",
                "name", "无权"), null).status()).isEqualTo(403);
        // every field checked by name, as the tree page's form is, and nothing made
        JurisdictionApi.Answer blank = api.call("chief", HttpMethod.POST, "/api/v1/units", Map.of(
                "code", " ", "name", "长".repeat(101), "divisionCode", "32072"), null);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("parentId", "kind", "code", "name", "divisionCode");
    }
}
