package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The residents' report form's map, without an account: the police grids in use with their names and outlines and
 * nothing else of them, and the grid a tapped point lies in (the grid a report with that point goes to).
 */
class PublicGridMapIntegrationTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    JurisdictionApi api;
    TreeFixtures tree;
    String n;
    Community village;
    /** This test's spot, far from the demo district and, with its random place, from other tests' grids. */
    double lon;
    double lat;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        tree = new TreeFixtures(jurisdictions, jdbc);
        n = TreeFixtures.unique();
        village = tree.village(tree.unit("320722010100"), "T-PUB-", "公开地图村");
        java.util.Random random = new java.util.Random();
        lon = 80 + random.nextInt(9000) / 1000.0;
        lat = 46 + random.nextInt(3000) / 1000.0;
    }

    ResponseEntity<String> anonymous(String url, String language) {
        HttpHeaders headers = new HttpHeaders();
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    JsonNode json(ResponseEntity<String> answer) throws Exception {
        return JSON.readTree(answer.getBody());
    }

    @Test
    void everyPoliceGridInUseIsDrawnWithItsNameAndCommunityOnlyAndARetiredOneIsNot() throws Exception {
        Grid kept = tree.gridAt(village, "IT-PUB-" + n, "公开网格" + n, lon, lat);
        Grid retired = tree.gridAt(village, "IT-PUB-R" + n, "撤销的公开网格" + n, lon + 0.01, lat);
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + retired.id().value() + "/retirement", null,
                null).status()).isEqualTo(200);

        ResponseEntity<String> answer = anonymous("/api/public/v1/grids", null);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getContentType().toString()).startsWith("application/geo+json");
        assertThat(answer.getHeaders().getCacheControl()).contains("max-age=300");
        JsonNode features = json(answer).get("features");
        List<String> ids = new ArrayList<>();
        JsonNode mine = null;
        for (JsonNode f : features) {
            ids.add(f.get("properties").get("id").asText());
            // no code, unit, network or area: a name a resident reads on a notice board, and its outline
            List<String> fields = new ArrayList<>();
            f.get("properties").fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("id", "name", "community");
            if (f.get("properties").get("id").asText().equals(kept.id().value().toString())) {
                mine = f;
            }
        }
        assertThat(ids).hasSize(jdbc.sql("SELECT count(*) FROM grid WHERE network = 'POLICE' AND retired_at IS NULL")
                .query(Integer.class).single());
        assertThat(mine).as("the new grid is drawn").isNotNull();
        assertThat(mine.get("properties").get("name").asText()).isEqualTo("公开网格" + n);
        assertThat(mine.get("properties").get("community").asText()).isEqualTo(village.name());
        assertThat(mine.get("geometry").get("type").asText()).isEqualTo("Polygon");
        assertThat(ids).doesNotContain(retired.id().value().toString());

        // the report form's grid choice leaves the retired grid out too, and offers the one in use
        String form = anonymous("/report", null).getBody();
        assertThat(form).contains("公开网格" + n).doesNotContain("撤销的公开网格" + n).contains("id=\"report-map\"");
    }

    @Test
    void aPointIsAnsweredWithTheGridThatHoldsItOrNone() throws Exception {
        Grid grid = tree.gridAt(village, "IT-PUB-A" + n, "点位网格" + n, lon, lat);

        JsonNode inside = json(anonymous("/api/public/v1/grids/at?lat=" + (lat + 0.002) + "&lon=" + (lon + 0.002), null));
        assertThat(inside.get("grid").get("id").asText()).isEqualTo(grid.id().value().toString());
        assertThat(inside.get("grid").get("name").asText()).isEqualTo("点位网格" + n);
        assertThat(inside.get("grid").get("community").asText()).isEqualTo(village.name());

        ResponseEntity<String> outside = anonymous("/api/public/v1/grids/at?lat=" + (lat + 0.002) + "&lon="
                + (lon - 0.5), null);
        assertThat(outside.getStatusCode().value()).isEqualTo(200);
        assertThat(json(outside).get("grid").isNull()).as("no police grid there").isTrue();
    }

    @Test
    void aPointOutOfRangeOrNotANumberIsRefusedInTheResidentsLanguage() {
        ResponseEntity<String> north = anonymous("/api/public/v1/grids/at?lat=91&lon=118", null);
        assertThat(north.getStatusCode().value()).isEqualTo(400);
        assertThat(north.getBody()).contains("纬度须在 -90 到 90 之间");
        ResponseEntity<String> english = anonymous("/api/public/v1/grids/at?lat=34&lon=181", "en");
        assertThat(english.getStatusCode().value()).isEqualTo(400);
        assertThat(english.getBody()).contains("The longitude must be between -180 and 180");
        ResponseEntity<String> missing = anonymous("/api/public/v1/grids/at?lat=34", null);
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).contains("lon");
        ResponseEntity<String> words = anonymous("/api/public/v1/grids/at?lat=abc&lon=118", null);
        assertThat(words.getStatusCode().value()).isEqualTo(400);
        assertThat(words.getBody()).contains("lat");
    }
}
