package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo's grid manager (网格管理员, seed 002): an auxiliary police officer of 房山中心警务室 who manages the first
 * grids of 吴场村 under the grid chief "officer". The manager signs in with the published password, the help asked
 * in those grids is routed to the manager and readable there; a record of another station's grid is not found.
 */
class DemoGridManagerIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    JsonNode help(ApiClient api, String token, UUID grid, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", grid);
        body.put("description", description);
        body.put("address", "测试地址");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident");
    }

    @Test
    void theGridManagerSignsInAsAuxiliaryPoliceOfTheRuralCentralOfficeManagingTheOfficersGrids() {
        Map<String, Object> manager = jdbc.sql("""
                SELECT s.id, s.role, s.police_number, u.name AS unit FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE s.username = 'manager'""").query().singleRow();
        assertThat(jdbc.sql("SELECT name FROM staff WHERE username = 'manager'").query(String.class).single())
                .as("the name the README and the start-up log give").isEqualTo("彭学英");
        assertThat(manager.get("role")).isEqualTo("AUXILIARY_POLICE");
        assertThat(manager.get("unit")).isEqualTo("房山中心警务室");
        assertThat(manager.get("police_number")).as("an auxiliary has no police number").isNull();
        // he manages 吴场村's first grids now, each headed by the demo officer
        assertThat(jdbc.sql("""
                SELECT g.code FROM grid_role r JOIN grid g ON g.id = r.grid_id
                WHERE r.staff_id = ? AND r.role = 'MANAGER' AND r.ended_on IS NULL ORDER BY g.code""")
                .param(manager.get("id")).query(String.class).list())
                .hasSize(11).startsWith("FS-1-01").allMatch(code -> code.startsWith("FS-1-"));
        assertThat(jdbc.sql("""
                SELECT DISTINCT s.username FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.role = 'GRID_CHIEF' AND r.ended_on IS NULL AND r.grid_id IN (
                    SELECT grid_id FROM grid_role WHERE staff_id = ? AND role = 'MANAGER' AND ended_on IS NULL)""")
                .param(manager.get("id")).query(String.class).list()).containsExactly("officer");

        ApiClient api = new ApiClient(port);
        JsonNode me = ApiClient.json(api.get("/api/v1/me", api.token("manager", DEMO_PASSWORD)));
        assertThat(me.toString()).contains("AUXILIARY_POLICE");
    }

    @Test
    void theGridManagerReadsTheHelpRoutedToHimInHisGridAndFindsNoRecordOfAnotherStationsGrid() {
        ApiClient api = new ApiClient(port);
        String manager = api.token("manager", DEMO_PASSWORD);
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID own = grid("FS-1-01");
        UUID urban = grid("NS-1-01");

        // help asked in his grid goes to him (求助 → 网格管理员), and he reads it in his own list and on its page
        JsonNode mine = help(api, api.token("officer", DEMO_PASSWORD), own, "网格管理员求助-" + n);
        assertThat(mine.get("ownerStaffId").asText()).isEqualTo(
                jdbc.sql("SELECT id FROM staff WHERE username = 'manager'").query(UUID.class).single().toString());
        String id = mine.get("id").asText();
        assertThat(api.get("/api/v1/incidents/" + id, manager).statusCode()).isEqualTo(200);
        JsonNode listed = ApiClient.json(api.get("/api/v1/incidents?mine=true&size=100", manager));
        assertThat(listed.get("items").findValuesAsText("id")).contains(id);
        assertThat(api.get("/api/v1/grids/" + own, manager).statusCode()).isEqualTo(200);

        ApiClient browser = new ApiClient(port).signedIn("manager", DEMO_PASSWORD, null);
        HttpResponse<String> page = browser.get("/incidents/" + id, null, "Accept", BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("网格管理员求助-" + n);

        // a record of another station's grid (牛山派出所) does not exist for him
        String theirs = help(api, api.token("officer2", DEMO_PASSWORD), urban, "城区求助-" + n).get("id").asText();
        assertThat(api.get("/api/v1/incidents/" + theirs, manager).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/grids/" + urban, manager).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/incidents?size=100&gridId=" + urban, manager).body()).doesNotContain(theirs);
        HttpResponse<String> theirPage = browser.get("/incidents/" + theirs, null, "Accept", BROWSER);
        assertThat(theirPage.statusCode()).isEqualTo(404);
        assertThat(theirPage.body()).doesNotContain("城区求助-" + n);
    }
}
