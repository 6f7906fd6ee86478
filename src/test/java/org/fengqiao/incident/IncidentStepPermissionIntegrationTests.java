package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A volunteer (and a grid member, an informant, a security guard) reports what he sees and follows what he filed; the
 * item's steps are for the staff who own items (seed 002's classified handling routes none to him). Each step is
 * refused 403 with the reason in his language and changes nothing; his page offers no step; the police still take them.
 */
class IncidentStepPermissionIntegrationTests extends IntegrationTest {

    static final String REFUSED_ZH = "志愿者、网格员、信息员和保安员上报事项并跟踪自己上报的事项";
    static final String REFUSED_EN = "Volunteers, grid members, informants and security guards report incidents";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    /** A request for help in 吴场村's first grid, which the demo volunteer serves. */
    String file(String token, String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("source", "FIELD");
        body.put("category", category);
        body.put("gridId", grid("FS-1-01"));
        body.put("description", "巡逻发现-" + UUID.randomUUID());
        body.put("address", "吴场村一组村道");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident").get("id").asText();
    }

    long steps(String id) {
        return jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = CAST(? AS uuid)").param(id)
                .query(Long.class).single();
    }

    String status(String id) {
        return jdbc.sql("SELECT status FROM incident WHERE id = CAST(? AS uuid)").param(id).query(String.class).single();
    }

    /** Every step of the API with a body that would do it for one who may. */
    static Map<String, Map<String, Object>> stepsOf(String primary) {
        Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
        steps.put("acknowledge", Map.of());
        steps.put("dispatch", Map.of("note", "派辅警前往"));
        steps.put("arrive", Map.of());
        steps.put("resolve", Map.of("note", "已处置"));
        steps.put("answer", Map.of("note", "已回复"));
        steps.put("escalate", Map.of("reason", "需要派出所协调"));
        steps.put("refer", Map.of("department", "城管局", "contact", "王科长 13800000000", "outcome", "已转交"));
        steps.put("offence", Map.of("offence", "BURGLARY"));
        steps.put("merge", Map.of("primaryId", primary));
        return steps;
    }

    @Test
    void theVolunteerTakesNoStepOfAnItemSheSeesNorOfHerOwnReportInHerLanguage() {
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        String officer = api.token("officer", DEMO_PASSWORD);
        String hers = file(volunteer, "HELP");
        String theirs = file(officer, "HELP");
        assertThat(api.get("/api/v1/incidents/" + theirs, volunteer).statusCode()).as("she sees it").isEqualTo(200);

        for (String id : List.of(hers, theirs)) {
            long before = steps(id);
            for (Map.Entry<String, Map<String, Object>> step : stepsOf(id.equals(hers) ? theirs : hers).entrySet()) {
                HttpResponse<String> r = api.send("POST", "/api/v1/incidents/" + id + "/" + step.getKey(), volunteer,
                        step.getValue());
                assertThat(r.statusCode()).as(step.getKey() + ": " + r.body()).isEqualTo(403);
                assertThat(r.body()).as(step.getKey()).contains(REFUSED_ZH);
            }
            assertThat(status(id)).isEqualTo("RECEIVED");
            assertThat(steps(id)).as("nothing written to the timeline").isEqualTo(before);
        }
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents/" + hers + "/escalate", volunteer,
                Map.of("reason", "need the station"), "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(403);
        assertThat(en.body()).contains(REFUSED_EN);

        // the police who own items still take them
        assertThat(api.send("POST", "/api/v1/incidents/" + hers + "/acknowledge", officer, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/incidents/" + hers + "/refer", officer,
                Map.of("department", "城管局", "contact", "王科长 13800000000")).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/incidents/" + hers + "/escalate", officer,
                Map.of("reason", "需要派出所协调")).statusCode()).isEqualTo(200);
    }

    @Test
    void herPageOffersNoStepAndAStepPostedFromItIsRefused() {
        String officer = api.token("officer", DEMO_PASSWORD);
        String id = file(officer, "HELP");
        file(officer, "HELP"); // a second report nearby: offered as a possible duplicate
        String path = "/incidents/" + id;

        ApiClient police = new ApiClient(port);
        police.formLogin("officer", DEMO_PASSWORD);
        assertThat(police.get(path, null).body()).as("the officer's page offers the steps")
                .contains("id=\"action-acknowledge\"", "id=\"action-escalate\"", "id=\"refer-department\"");

        ApiClient page = new ApiClient(port);
        page.formLogin("volunteer", DEMO_PASSWORD);
        HttpResponse<String> seen = page.get(path, null);
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).doesNotContain("id=\"action-acknowledge\"", "id=\"action-escalate\"",
                "id=\"refer-department\"", "id=\"set-offence\"", "/merge\"");

        long before = steps(id);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("reason", "需要派出所协调");
        form.put("_csrf", page.csrfFrom(path));
        HttpResponse<String> posted = page.form(path + "/escalate", form);
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(posted.body()).contains(REFUSED_ZH);
        assertThat(steps(id)).isEqualTo(before);
    }

    @Test
    void gridMembersInformantsAndGuardsAreRefusedAsTheVolunteerIs() {
        String id = file(api.token("officer", DEMO_PASSWORD), "HELP");
        UUID office = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        for (StaffRole role : List.of(StaffRole.GRID_MEMBER, StaffRole.INFORMANT, StaffRole.SECURITY_GUARD)) {
            String name = "steps" + (100000 + new Random().nextInt(899999));
            staff.register(new UnitId(office), role, name, null, null, null, name, DEMO_PASSWORD);
            HttpResponse<String> r = api.send("POST", "/api/v1/incidents/" + id + "/acknowledge",
                    api.token(name, DEMO_PASSWORD), Map.of());
            assertThat(r.statusCode()).as(role.name()).isEqualTo(403);
            assertThat(r.body()).contains(REFUSED_ZH);
        }
        assertThat(status(id)).isEqualTo("RECEIVED");
    }
}
