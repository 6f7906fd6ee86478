package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A retired grid is found again in a list of its own (the tree page's 已撤销网格, the API's /grids/retired), and one
 * retired by mistake is restored with its code: the forms, locate and filings take it again. Not over a grid that
 * took its ground meanwhile; while retired, its unit and linked codes are kept as they were.
 */
class GridRestorationIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    JurisdictionApi api;
    String n;
    Unit office;
    Community village;
    double lon;
    double lat = 34.21;
    Grid grid;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        n = TreeFixtures.unique();
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        office = tree.unit("320722010100");
        village = tree.village(office, "T-RS-", "恢复村");
        // south of the demo district, apart from the other grid tests' spots (lat 34.22–34.29)
        lon = TreeFixtures.lonSouthOfTheDistrict();
        grid = tree.gridAt(village, "IT-RS-" + n, "误撤网格" + n, lon, lat);
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + id() + "/retirement", null, null).status())
                .isEqualTo(200);
    }

    UUID id() {
        return grid.id().value();
    }

    String restoration(UUID grid) {
        return "/api/v1/grids/" + grid + "/restoration";
    }

    String locate() {
        return "/api/v1/grids/locate?lat=" + (lat + 0.002) + "&lon=" + (lon + 0.002);
    }

    String page(String user, String url) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token(user));
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
    }

    @Test
    void aRetiredGridIsListedApartAndRestoredWithItsCodeTakingFilingsAgainAudited() {
        assertThat(api.get("chief", "/api/v1/grids/retired").body().findValuesAsText("code")).contains("IT-RS-" + n);
        assertThat(api.get("chief", "/api/v1/grids").body().findValuesAsText("code")).doesNotContain("IT-RS-" + n);
        assertThat(page("chief", "/units")).contains("id=\"retired-grids\"").contains("IT-RS-" + n);
        assertThat(page("chief", "/grids/" + id())).contains("id=\"restore-form\"").doesNotContain("id=\"unit-form\"")
                .doesNotContain("id=\"links-form\"");
        // the urban station's officer does not see it
        assertThat(api.get("officer2", "/api/v1/grids/retired").body().findValuesAsText("code"))
                .doesNotContain("IT-RS-" + n);

        JurisdictionApi.Answer restored = api.call("chief", HttpMethod.POST, restoration(id()), null, null);

        assertThat(restored.status()).as(String.valueOf(restored.body())).isEqualTo(200);
        assertThat(restored.body().path("retiredAt").isTextual()).as("no longer retired").isFalse();
        assertThat(restored.body().get("code").asText()).isEqualTo("IT-RS-" + n);
        assertThat(api.get("chief", "/api/v1/grids/retired").body().findValuesAsText("code"))
                .doesNotContain("IT-RS-" + n);
        assertThat(api.get("chief", "/api/v1/grids").body().findValuesAsText("code")).contains("IT-RS-" + n);
        assertThat(api.get("chief", locate()).status()).isEqualTo(200);
        // a record filed into it again (a team serving it, which does not keep it from being retired once more below,
        // as a post or a member would: GridHoldingsIntegrationTests)
        Map<String, Object> team = new HashMap<>();
        team.put("unitId", office.id().value().toString());
        team.put("gridId", id().toString());
        team.put("kind", "FIRE_PATROL");
        team.put("name", "复队" + n);
        JurisdictionApi.Answer filed = api.call("chief", HttpMethod.POST, "/api/v1/forces/teams", team, null);
        assertThat(filed.status()).as(String.valueOf(filed.body())).isEqualTo(201);
        List<String> audited = jdbc.sql("""
                SELECT before::text FROM audit_entry WHERE record_type = 'grid' AND record_id = ? AND action = 'UPDATE'
                ORDER BY at DESC""").param(id().toString()).query(String.class).list();
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0)).contains("\"retiredAt\": \"");

        JurisdictionApi.Answer again = api.call("chief", HttpMethod.POST, restoration(id()), null, "en");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).isEqualTo("Grid IT-RS-" + n
                + " is not retired; there is nothing to restore");
        // retired again, it leaves this test's spot free for its next run
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + id() + "/retirement", null, null).status())
                .isEqualTo(200);
    }

    @Test
    void aGridWhoseGroundWasTakenOverIsNotRestoredUntilTheOtherIsRedrawn() {
        JurisdictionApi.Answer merged = api.call("chief", HttpMethod.POST, "/api/v1/grids/import",
                GridImportIntegrationTests.collection(GridImportPolicyTests.feature("IT-RSM-" + n, village.code(),
                        GridImportPolicyTests.square(lon - 0.001, lat - 0.001, 0.006))), null);
        assertThat(merged.status()).as(String.valueOf(merged.body())).isEqualTo(200);
        UUID mergedId = UUID.fromString(merged.body().get("grids").get(0).get("id").asText());

        JurisdictionApi.Answer refused = api.call("chief", HttpMethod.POST, restoration(id()), null, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asText()).isEqualTo("网格 IT-RS-" + n + " 未恢复：其范围与在用网格 IT-RSM-" + n
                + "（网格IT-RSM-" + n + "）重叠，请先修改该网格的边界");
        assertThat(api.get("chief", "/api/v1/grids/retired").body().findValuesAsText("code")).contains("IT-RS-" + n);
        // the other grid retired in turn, the ground is free again: restored (and this test's spot left free)
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + mergedId + "/retirement", null, null)
                .status()).isEqualTo(200);
        assertThat(api.call("chief", HttpMethod.POST, restoration(id()), null, null).status()).isEqualTo(200);
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + id() + "/retirement", null, null).status())
                .isEqualTo(200);
    }

    @Test
    void whileRetiredItsUnitAndLinkedCodesAreKeptAndOnlyAManagerOfItsJurisdictionRestoresIt() {
        String before = api.gridTable();
        JurisdictionApi.Answer placed = api.call("chief", HttpMethod.PUT, "/api/v1/grids/" + id() + "/unit",
                Map.of("unitId", office.id().value().toString()), null);
        assertThat(placed.status()).isEqualTo(409);
        assertThat(placed.body().get("detail").asText())
                .isEqualTo("网格 IT-RS-" + n + " 已撤销：其所属单位和关联编码保持撤销时的样子，须先恢复才能修改");
        assertThat(api.call("chief", HttpMethod.PUT, "/api/v1/grids/" + id() + "/links",
                Map.of("urbanCode", "CG-" + n), "en").status()).isEqualTo(409);
        assertThat(api.call("officer", HttpMethod.POST, restoration(id()), null, null).status()).isEqualTo(403);
        // a grid of the urban station lies outside the rural chief's jurisdiction
        assertThat(api.call("chief", HttpMethod.POST, restoration(api.gridId("NS-1-01")), null, null).status())
                .isEqualTo(404);
        assertThat(api.gridTable()).isEqualTo(before);
    }
}
