package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The map, grid and tree pages render the caller's own data, in Chinese by default and in English on request. */
class GridPagesIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    JurisdictionApi api;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
    }

    ResponseEntity<String> page(String user, String url, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token(user));
        headers.setAccept(java.util.List.of(MediaType.TEXT_HTML));
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void theMapPageCarriesTheExportAndTileSourceForItsScript() {
        ResponseEntity<String> map = page("officer", "/map", null);
        assertThat(map.getStatusCode().value()).isEqualTo(200);
        assertThat(map.getBody()).contains("网格地图").contains("data-export-url=\"/api/v1/grids/export\"")
                .contains("data-tile-url=\"https://webrd0{s}.is.autonavi.com").contains("/webjars/leaflet/1.9.4/dist/leaflet.js")
                .contains("/js/map.js").doesNotContain("<script>");
        assertThat(page("officer", "/map", "en").getBody()).contains("Grid map");
    }

    /**
     * The import page's "export the current grids" link is a page's: with the session, not a token, saved as a GeoJSON
     * file named in the reader's language, holding the grids he sees (the same as the API's export, which re-imports
     * as unchanged) and none of another station's; signed out, to the sign-in page.
     */
    @Test
    void theImportPagesExportLinkSavesTheGridsTheReaderSeesUnderANameInHisLanguage() throws Exception {
        String html = "text/html,application/xhtml+xml";
        org.fengqiao.account.ApiClient chief = new org.fengqiao.account.ApiClient(port).signedIn("chief",
                DEMO_PASSWORD, null);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"grids-export\" href=\"([^\"]*)\"")
                .matcher(chief.get("/grids/import", null, "Accept", html).body());
        assertThat(link.find()).as("the export link").isTrue();
        assertThat(link.group(1)).isEqualTo("/grids/export.geojson");
        java.net.http.HttpResponse<byte[]> file = chief.download(link.group(1), null, "Accept", html);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
                .contains(java.net.URLEncoder.encode("网格", java.nio.charset.StandardCharsets.UTF_8) + ".geojson");
        com.fasterxml.jackson.databind.JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(file.body());
        assertThat(codes(saved)).contains("FS-1-01").isEqualTo(codes(api.get("chief", "/api/v1/grids/export").body()));

        // the session's language, chosen on a page (its cookie), whatever the browser's header
        chief.languageCookie("en");
        assertThat(chief.download("/grids/export.geojson", null, "Accept", html, "Accept-Language", "zh-CN")
                .headers().firstValue("Content-Disposition").orElse("")).contains("grids.geojson");

        java.net.http.HttpResponse<byte[]> theirs = new org.fengqiao.account.ApiClient(port)
                .signedIn("officer2", DEMO_PASSWORD, null).download("/grids/export.geojson", null, "Accept", html);
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(codes(new com.fasterxml.jackson.databind.ObjectMapper().readTree(theirs.body())))
                .isNotEmpty().doesNotContain("FS-1-01");
        java.net.http.HttpResponse<byte[]> signedOut = new org.fengqiao.account.ApiClient(port)
                .download("/grids/export.geojson", null, "Accept", html);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    static List<String> codes(com.fasterxml.jackson.databind.JsonNode collection) {
        List<String> codes = new java.util.ArrayList<>();
        collection.get("features").forEach(f -> codes.add(f.get("properties").get("code").asText()));
        return codes;
    }

    @Test
    void theGridPageShowsTheGridWithItsBoundaryAndRosterSource() {
        UUID grid = api.gridId("FS-1-01");
        String body = page("officer", "/grids/" + grid, null).getBody();
        assertThat(body).contains("吴场村第1网格").contains("FS-1-01").contains("吴场村").contains("警务网格")
                .contains("data-boundary=\"{&quot;type&quot;: &quot;Polygon&quot;")
                .contains("data-roster-url=\"/api/v1/grids/" + grid + "/roster\"").contains("网格长");
        assertThat(page("officer", "/grids/" + api.gridId("NS-1-01"), null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theTreePageNestsTheVisibleUnitsWithTheirCommunitiesAndGrids() {
        String bureau = page("bureau", "/units", null).getBody();
        assertThat(bureau).contains("东海县公安局").contains("房山派出所").contains("牛山派出所").contains("房山中心警务室")
                .contains("吴场村").contains("href=\"/grids/" + api.gridId("FS-1-01") + "\"");
        String officer = page("officer", "/units", "en").getBody();
        assertThat(officer).contains("Jurisdiction tree").contains("房山中心警务室").contains("Central police office")
                .doesNotContain("牛山派出所").doesNotContain("和平社区");
        // the office counts the grids of its villages, though each sits at a work point of its own under it; a grid
        // retired (merged away, as other tests here do) is no longer one of them
        long officeGrids = jdbc.sql("""
                SELECT count(*) FROM grid g JOIN community c ON c.id = g.community_id JOIN unit u ON u.id = c.unit_id
                WHERE u.code = '320722010100' AND g.retired_at IS NULL""").query(Long.class).single();
        assertThat(officeGrids).isGreaterThanOrEqualTo(65);
        assertThat(officer).contains(officeGrids + " grids");
    }

    @Test
    void theVolunteerFindsTheGridsSheServesAtTheirWorkPoints() {
        String volunteer = page("volunteer", "/units", null).getBody();
        List<String> served = jdbc.sql("""
                SELECT g.id::text FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND r.ended_on IS NULL""").query(String.class).list();
        assertThat(served).isNotEmpty();
        for (String id : served) {
            assertThat(volunteer).contains("href=\"/grids/" + id + "\"");
        }
        assertThat(volunteer).contains("吴场村第1网格警务工作点").doesNotContain("房山中心警务室")
                .doesNotContain("href=\"/grids/" + api.gridId("FS-5-01") + "\"");
        // the work points in the order of their codes
        assertThat(volunteer.indexOf("JWD-FS-1-01")).isLessThan(volunteer.indexOf("JWD-FS-1-11"));
    }
}
