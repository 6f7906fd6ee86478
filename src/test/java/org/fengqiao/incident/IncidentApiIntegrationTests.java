package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

class IncidentApiIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    String holder(UUID grid, String role) {
        return jdbc.sql("""
                SELECT s.name FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND r.role = ? AND r.ended_on IS NULL""").params(grid, role).query(String.class).single();
    }

    Map<String, Object> report(String category, UUID grid, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", category);
        body.put("gridId", grid);
        body.put("description", description);
        body.put("address", "测试地址");
        return body;
    }

    JsonNode file(String token, Map<String, Object> body, int expected) {
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return ApiClient.json(r);
    }

    long countByDescription(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class).single();
    }

    @Test
    void anInformantIsKnownOnlyToHisHandlerAndTheStationChief() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> clue = report("CASE", grid("FS-1-03"), "线索-" + n);
        clue.put("subtype", "CRIMINAL");
        clue.put("source", "INFORMANT");
        clue.put("reporterName", "信息员" + n);
        clue.put("reporterPhone", "13912345678");
        JsonNode filed = file(officer, clue, 201).get("incident");
        assertThat(filed.get("reporterName").asText()).as("the handler who filed it").isEqualTo("信息员" + n);
        String id = filed.get("id").asText();

        JsonNode byChief = ApiClient.json(api.get("/api/v1/incidents/" + id, api.token("chief", DEMO_PASSWORD)))
                .get("incident");
        assertThat(byChief.get("reporterName").asText()).isEqualTo("信息员" + n);
        assertThat(byChief.get("reporterPhone").asText()).isEqualTo("139****5678");

        JsonNode byBureau = ApiClient.json(api.get("/api/v1/incidents/" + id, bureau)).get("incident");
        assertThat(byBureau.get("reporterName").asText()).isEqualTo("信息员（身份保密）");
        assertThat(byBureau.hasNonNull("reporterPhone")).isFalse();
        JsonNode listed = ApiClient.json(api.get("/api/v1/incidents?size=100&category=CASE", bureau));
        assertThat(listed.toString()).doesNotContain("信息员" + n);
        assertThat(api.get("/api/v1/incidents/" + id, officer2).statusCode()).isEqualTo(404);
    }

    @Test
    void helpFromTheFieldGoesToTheGridManagerWithItsReason() {
        UUID grid = grid("FS-1-02");
        JsonNode filed = file(officer, report("HELP", grid, "测试求助-" + UUID.randomUUID()), 201);
        JsonNode i = filed.get("incident");
        assertThat(i.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(i.get("ownerStaffName").asText()).isEqualTo(holder(grid, "MANAGER"));
        // the grid's own work point (网格有点) is the first of the four levels
        assertThat(i.get("ownerUnitName").asText()).isEqualTo("吴场村第2网格警务工作点");
        assertThat(i.get("routingRule").asText()).isEqualTo("HELP_OR_DISPUTE");
        assertThat(i.get("routingReason").asText()).contains("网格管理员");
        assertThat(i.get("trackingCode").asText()).startsWith("FQ").hasSize(12);
        assertThat(i.get("dueAt").isNull()).isFalse();
        assertThat(filed.get("timeline").findValuesAsText("kind")).containsExactly("RECEIVED", "ROUTED");
        assertThat(filed.get("timeline").get(1).get("note").asText()).contains(holder(grid, "GRID_CHIEF"));
        UUID id = UUID.fromString(i.get("id").asText());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCaseLetsBothTheManagerAndTheChiefArrive() {
        Map<String, Object> body = report("CASE", grid("FS-1-03"), "测试案件-" + UUID.randomUUID());
        body.put("subtype", "CRIMINAL");
        String id = file(officer, body, 201).get("incident").get("id").asText();
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/arrive", officer, Map.of("role", "MANAGER")).statusCode())
                .isEqualTo(200);
        HttpResponse<String> chief = api.send("POST", "/api/v1/incidents/" + id + "/arrive", officer,
                Map.of("role", "GRID_CHIEF"));
        assertThat(chief.statusCode()).isEqualTo(200);
        JsonNode detail = ApiClient.json(chief);
        assertThat(detail.get("incident").get("arrivedAt").isNull()).isFalse();
        assertThat(detail.get("incident").get("chiefArrivedAt").isNull()).isFalse();
        assertThat(detail.get("timeline").findValuesAsText("kind")).contains("ARRIVED", "CHIEF_ARRIVED");
    }

    @Test
    void aRecordOutsideTheSubtreeIsNotFoundAndTheBureauSeesBoth() {
        String mine = file(officer, report("HELP", grid("FS-1-04"), "范围测试甲-" + UUID.randomUUID()), 201)
                .get("incident").get("id").asText();
        String theirs = file(officer2, report("DISPUTE", grid("NS-1-01"), "范围测试乙-" + UUID.randomUUID()), 201)
                .get("incident").get("id").asText();

        assertThat(api.get("/api/v1/incidents/" + mine, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/incidents/" + theirs, officer).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/incidents/" + mine + "/acknowledge", officer2, null).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/incidents/" + theirs + "/escalate", officer, Map.of("reason", "x")).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/incidents/" + mine, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/incidents/" + theirs, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/incidents/" + UUID.randomUUID(), bureau).statusCode()).isEqualTo(404);

        JsonNode list = ApiClient.json(api.get("/api/v1/incidents?size=100&gridId=" + grid("NS-1-01"), officer));
        assertThat(list.get("total").asLong()).isZero();
    }

    @Test
    void officerCannotFileIntoAGridOutsideHisScope() {
        String description = "越界测试-" + UUID.randomUUID();
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, report("HELP", grid("NS-1-01"), description));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(r).get("errors").findValuesAsText("field")).containsExactly("gridId");
        assertThat(countByDescription(description)).isZero();
    }

    @Test
    void theSameSubmissionWithTheSameKeyFilesOneIncident() {
        String description = "幂等测试-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = report("HELP", grid("FS-1-05"), description);
        HttpResponse<String> first = api.send("POST", "/api/v1/incidents", officer, body, "Idempotency-Key", key);
        HttpResponse<String> second = api.send("POST", "/api/v1/incidents", officer, body, "Idempotency-Key", key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(second).get("incident").get("id").asText())
                .isEqualTo(ApiClient.json(first).get("incident").get("id").asText());
        assertThat(countByDescription(description)).isEqualTo(1);
        // without a key, two submissions are two reports
        file(officer, body, 201);
        assertThat(countByDescription(description)).isEqualTo(2);
    }

    @Test
    void badInputNamesEachFieldInTheCallersLanguageAndSavesNothing() {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "CASE");
        body.put("lon", 118.7);
        body.put("reporterPhone", "12345");
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents", officer, body);
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(zh).get("errors");
        assertThat(errors.findValuesAsText("field")).contains("subtype", "description", "location");
        assertThat(errors.findValuesAsText("message")).contains("案事件须注明刑事或治安", "经度和纬度须同时填写");
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents", officer, body, "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message"))
                .contains("A case must be criminal or public order", "Give both longitude and latitude");
        long before = jdbc.sql("SELECT count(*) FROM incident WHERE created_by = (SELECT id FROM staff WHERE username = 'officer')")
                .query(Long.class).single();
        body.put("description", "x");
        body.put("subtype", "CRIMINAL");
        body.put("lat", 34.5);
        assertThat(api.send("POST", "/api/v1/incidents", officer, body).statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE created_by = (SELECT id FROM staff WHERE username = 'officer')")
                .query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theLocationFindsTheGrid() {
        UUID grid = grid("FS-2-02");
        double[] point = inside(grid);
        Map<String, Object> body = report("HELP", null, "定位测试-" + UUID.randomUUID());
        body.remove("gridId");
        body.put("lon", point[0]);
        body.put("lat", point[1]);
        assertThat(file(officer, body, 201).get("incident").get("gridId").asText()).isEqualTo(grid.toString());
    }

    /** A point of a grid found by asking the locator for points of its bounding box. */
    double[] inside(UUID grid) {
        double[] box = jdbc.sql("SELECT min_lon, min_lat, max_lon, max_lat FROM grid WHERE id = ?").param(grid)
                .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}).single();
        for (int i = 1; i < 10; i++) {
            for (int j = 1; j < 10; j++) {
                double lon = box[0] + (box[2] - box[0]) * i / 10;
                double lat = box[1] + (box[3] - box[1]) * j / 10;
                var found = jurisdictions.locate(lat, lon, GridNetwork.POLICE);
                if (found.isPresent() && found.get().id().value().equals(grid)) {
                    return new double[] {lon, lat};
                }
            }
        }
        throw new IllegalStateException("no point found in grid " + grid);
    }

    @Test
    void aWholeHandlingThroughTheApiWithEveryStepTimedAndAudited() {
        String id = file(officer, report("HELP", grid("FS-1-06"), "全程测试-" + UUID.randomUUID()), 201)
                .get("incident").get("id").asText();
        String base = "/api/v1/incidents/" + id;
        assertThat(api.send("POST", base + "/answer", officer, Map.of("note", "早了")).statusCode()).isEqualTo(409);
        assertThat(api.send("POST", base + "/acknowledge", officer, null).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/acknowledge", officer, null).statusCode()).isEqualTo(409);
        assertThat(api.send("POST", base + "/dispatch", officer, Map.of("note", "网格管理员前往")).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/arrive", officer, null).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/refer", officer, Map.of("department", "供电所")).statusCode()).isEqualTo(400);
        assertThat(api.send("POST", base + "/refer", officer,
                Map.of("department", "供电所", "contact", "王电工 13800000000", "outcome", "已派人维修")).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/resolve", officer, Map.of()).statusCode()).isEqualTo(400);
        assertThat(api.send("POST", base + "/resolve", officer, Map.of("note", "已恢复供电")).statusCode()).isEqualTo(200);
        HttpResponse<String> answered = api.send("POST", base + "/answer", officer, Map.of("note", "已电话告知报告人"));
        assertThat(answered.statusCode()).isEqualTo(200);
        JsonNode d = ApiClient.json(answered);
        assertThat(d.get("incident").get("status").asText()).isEqualTo("ANSWERED");
        assertThat(d.get("incident").get("open").asBoolean()).isFalse();
        for (String step : new String[] {"receivedAt", "acknowledgedAt", "dispatchedAt", "arrivedAt", "resolvedAt", "answeredAt"}) {
            assertThat(d.get("incident").get(step).isNull()).as(step).isFalse();
        }
        assertThat(d.get("timeline").findValuesAsText("kind")).containsExactly("RECEIVED", "ROUTED", "ACKNOWLEDGED",
                "DISPATCHED", "ARRIVED", "REFERRED", "RESOLVED", "ANSWERED");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(7);
        assertThat(api.send("POST", base + "/escalate", officer, Map.of("reason", "x")).statusCode()).isEqualTo(409);
    }

    @Test
    void aMatterReferredToAnotherDepartmentShowsThatDepartmentAndTheAuditTrailSaysSo() {
        Map<String, Object> body = report("DEPARTMENT", grid("FS-1-06"), "移交测试-" + UUID.randomUUID());
        body.put("department", "城管");
        String id = file(officer, body, 201).get("incident").get("id").asText();
        String base = "/api/v1/incidents/" + id;

        HttpResponse<String> referred = api.send("POST", base + "/refer", officer,
                Map.of("department", "市场监管局", "contact", "李科长 0518-12345678", "outcome", "占道经营由市场监管办理"));
        assertThat(referred.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(referred).get("incident").get("department").asText())
                .as("the department it now stands referred to, not the one first named").isEqualTo("市场监管局");
        assertThat(jdbc.sql("""
                SELECT before ->> 'department' || ' -> ' || (after ->> 'department') FROM audit_entry
                WHERE record_type = 'incident' AND record_id = ? ORDER BY seq DESC LIMIT 1""")
                .param(id).query(String.class).single()).isEqualTo("城管 -> 市场监管局");

        // referred once more to the same department (another contact): the audit entry still names the referral
        assertThat(api.send("POST", base + "/refer", officer,
                Map.of("department", "市场监管局", "contact", "王科员 0518-87654321")).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("""
                SELECT after ->> 'referredTo' FROM audit_entry
                WHERE record_type = 'incident' AND record_id = ? ORDER BY seq DESC LIMIT 1""")
                .param(id).query(String.class).single()).isEqualTo("市场监管局");
    }

    @Test
    void anyoneMayMoveAnItemUpWithAReason() {
        String id = file(officer, report("HELP", grid("FS-1-07"), "上报测试-" + UUID.randomUUID()), 201)
                .get("incident").get("id").asText();
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/escalate", officer, Map.of()).statusCode()).isEqualTo(400);
        HttpResponse<String> up = api.send("POST", "/api/v1/incidents/" + id + "/escalate", officer,
                Map.of("reason", "群众情绪激动，需民警出面"));
        assertThat(up.statusCode()).isEqualTo(200);
        JsonNode i = ApiClient.json(up).get("incident");
        // from the grid's work point to the central office above it, whose officer stands duty
        assertThat(i.get("ownerUnitName").asText()).isEqualTo("房山中心警务室");
        assertThat(i.get("ownerStaffName").asText()).isEqualTo("李建国");
        assertThat(i.get("escalations").asInt()).isEqualTo(1);
        JsonNode last = ApiClient.json(up).get("timeline").get(2);
        assertThat(last.get("kind").asText()).isEqualTo("ESCALATED");
        assertThat(last.get("reason").asText()).isEqualTo("群众情绪激动，需民警出面");
    }

    /**
     * A point outside the county (Beijing here, or latitude and longitude swapped into another place) is refused on the
     * location in the integrator's language, in the push's own terms: check lon and lat, or send gridId or address,
     * not the page's "choose the community or grid"; nothing is filed.
     */
    @Test
    void the110PushOfAPointOutsideTheCountyIsRefusedInItsOwnTerms() {
        String description = "县外位置-" + UUID.randomUUID();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-" + UUID.randomUUID());
        push.put("category", "HELP");
        push.put("description", description);
        push.put("lon", 116.40);
        push.put("lat", 39.90);
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        JsonNode error = ApiClient.json(zh).get("errors").get(0);
        // the push's own keys, not the "location" its body has no key of
        assertThat(ApiClient.json(zh).get("errors").findValuesAsText("field")).containsExactly("lon", "lat");
        assertThat(error.get("message").asText())
                .isEqualTo("该位置不在本辖区任何警务网格内：请核对经度（lon）和纬度（lat）是否在本县境内，或改报网格（gridId）或地址（address）");
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText()).isEqualTo("The point lies in no "
                + "police grid of this jurisdiction: check that lon and lat lie in the county, or send gridId or address");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class)
                .single()).isZero();
    }

    /**
     * The push's body has lon and lat, no "location": its errors about the position name those keys, the one missing,
     * the one out of range, or both when no place is given, and say so in the push's terms; nothing is filed.
     */
    @Test
    void the110PushsErrorsAboutThePositionNameTheBodysKeys() {
        String description = "位置键名-" + UUID.randomUUID();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-" + UUID.randomUUID());
        push.put("category", "HELP");
        push.put("description", description);
        push.put("lat", 39.70);
        HttpResponse<String> noLon = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(noLon.statusCode()).as(noLon.body()).isEqualTo(400);
        JsonNode noLonErrors = ApiClient.json(noLon).get("errors");
        assertThat(noLonErrors.findValuesAsText("field")).containsOnly("lon", "lat");
        // the pair's missing half is named alone
        JsonNode incomplete = null;
        for (JsonNode e : noLonErrors) {
            if (e.get("message").asText().equals("经度和纬度须同时填写")) {
                incomplete = e;
            }
        }
        assertThat(incomplete).as(noLon.body()).isNotNull();
        assertThat(incomplete.get("field").asText()).isEqualTo("lon");

        push.put("lon", 200.0);
        HttpResponse<String> range = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(range.statusCode()).as(range.body()).isEqualTo(400);
        assertThat(ApiClient.json(range).get("errors").findValuesAsText("field")).as(range.body()).containsExactly("lon");

        push.remove("lon");
        push.remove("lat");
        HttpResponse<String> nowhere = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(nowhere.statusCode()).as(nowhere.body()).isEqualTo(400);
        assertThat(ApiClient.json(nowhere).get("errors").findValuesAsText("field")).containsExactly("lon", "lat");
        assertThat(ApiClient.json(nowhere).get("errors").findValuesAsText("message"))
                .containsOnly("Send lon and lat, or gridId or address");
        assertThat(ApiClient.json(nowhere).toString()).doesNotContain("\"location\"");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class)
                .single()).isZero();
    }

    /**
     * The 110 system's time of the call without its zone (China's wall clock, as the centre's systems keep it) is read
     * as China time; a time in another form is refused saying which form is meant, not a bare "wrong format".
     */
    @Test
    void the110PushReadsATimeWithoutZoneAsChinaTimeAndNamesTheFormOfOneItCannotRead() {
        double[] point = inside(grid("NS-2-01"));
        java.time.LocalDateTime wall = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).minusHours(1)
                .withNano(0);
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-" + UUID.randomUUID());
        push.put("category", "HELP");
        push.put("description", "无时区-" + UUID.randomUUID());
        push.put("lon", point[0]);
        push.put("lat", point[1]);
        push.put("occurredAt", wall.toString());
        HttpResponse<String> taken = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT occurred_at FROM incident WHERE external_ref = ?").param(push.get("caseNumber"))
                .query(java.time.OffsetDateTime.class).single().toInstant())
                .isEqualTo(wall.atZone(java.time.ZoneId.of("Asia/Shanghai")).toInstant());

        push.put("caseNumber", "110-" + UUID.randomUUID());
        push.put("occurredAt", "06/12/2026 10:00");
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode error = ApiClient.json(zh).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("occurredAt");
        assertThat(error.get("message").asText())
                .isEqualTo("发生时间须为 ISO 8601 时间，如 2026-12-06T10:00:00+08:00（不带时区的按北京时间）");
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText())
                .isEqualTo("The time must be ISO 8601, such as 2026-12-06T10:00:00+08:00 (without a zone it is China time)");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE external_ref = ?").param(push.get("caseNumber"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void the110CentrePushesWithItsKeyAndDisputesGoToMediation() {
        UUID grid = grid("NS-2-01");
        double[] point = inside(grid);
        String caseNumber = "110-" + UUID.randomUUID();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", caseNumber);
        push.put("category", "DISPUTE");
        push.put("description", "110推送测试：邻里纠纷");
        push.put("lon", point[0]);
        push.put("lat", point[1]);
        push.put("callerPhone", "13912345678");
        assertThat(api.send("POST", "/api/v1/incidents/110", null, push).statusCode()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "wrong").statusCode()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/incidents/110", officer, push).statusCode()).as("a person's token is no key")
                .isEqualTo(403);
        String auditor = api.token("auditor", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/incidents/110", auditor, push).statusCode()).isEqualTo(403);

        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode d = ApiClient.json(r);
        assertThat(d.get("incident").get("source").asText()).isEqualTo("CALL_110");
        assertThat(d.get("incident").get("gridId").asText()).isEqualTo(grid.toString());
        assertThat(d.get("incident").get("routingRule").asText()).isEqualTo("DISPUTE_FROM_110");
        assertThat(d.get("incident").get("reporterPhone").asText()).isEqualTo("139****5678");
        assertThat(d.get("timeline").findValuesAsText("kind")).containsExactly("RECEIVED", "ROUTED", "MEDIATION");
        // The mediation case opens in the incident's own transaction (IncidentDisputes, before the commit): opened
        // after it, on the same thread, the case asked the pool for a second connection while the first was still
        // held, and with a small pool 110 disputes waited on each other for 30 s and failed.
        assertThat(jdbc.sql("""
                SELECT c.xmin::text = e.xmin::text FROM dispute_case c JOIN incident i ON i.id = c.incident_id
                JOIN incident_event e ON e.incident_id = i.id AND e.kind = 'RECEIVED' WHERE i.external_ref = ?""")
                .param(caseNumber).query(Boolean.class).single()).as("case and report in one transaction").isTrue();
        byte[] stored = jdbc.sql("SELECT reporter_phone FROM incident WHERE external_ref = ?").param(caseNumber)
                .query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");

        HttpResponse<String> again = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE external_ref = ?").param(caseNumber).query(Long.class)
                .single()).isEqualTo(1);

        Map<String, Object> bad = new HashMap<>(push);
        bad.put("caseNumber", "110-" + UUID.randomUUID());
        bad.remove("description");
        HttpResponse<String> invalid = api.send("POST", "/api/v1/incidents/110", null, bad, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(invalid).get("errors").findValuesAsText("field")).containsExactly("description");

        // without its case number a retried push could not be told from a new one: refused, nothing filed
        Map<String, Object> unnumbered = new HashMap<>(push);
        unnumbered.remove("caseNumber");
        unnumbered.put("description", "无案件编号-" + UUID.randomUUID());
        HttpResponse<String> noNumber = api.send("POST", "/api/v1/incidents/110", null, unnumbered, "X-Api-Key", "demo-110-key");
        assertThat(noNumber.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(noNumber).get("errors").get(0).get("field").asText()).isEqualTo("caseNumber");
        assertThat(ApiClient.json(noNumber).get("errors").get(0).get("message").asText()).contains("接警单号");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(unnumbered.get("description"))
                .query(Long.class).single()).isZero();
        // each error names the field as this API names it, also for a value of the wrong kind
        Map<String, Object> badPhone = new HashMap<>(push);
        badPhone.put("caseNumber", "110-" + UUID.randomUUID());
        badPhone.put("callerPhone", "12345");
        assertThat(ApiClient.json(api.send("POST", "/api/v1/incidents/110", null, badPhone, "X-Api-Key", "demo-110-key"))
                .get("errors").findValuesAsText("field")).containsExactly("callerPhone");
        Map<String, Object> badCategory = new HashMap<>(badPhone);
        badCategory.put("callerPhone", "13912345678");
        badCategory.put("category", "FOO");
        HttpResponse<String> foo = api.send("POST", "/api/v1/incidents/110", null, badCategory, "X-Api-Key", "demo-110-key");
        assertThat(foo.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(foo).get("errors").get(0).get("field").asText()).isEqualTo("category");
        assertThat(ApiClient.json(foo).get("errors").get(0).get("message").asText()).contains("HELP", "DISPUTE");
        Map<String, Object> badLon = new HashMap<>(badCategory);
        badLon.put("category", "HELP");
        badLon.put("lon", "abc");
        HttpResponse<String> abc = api.send("POST", "/api/v1/incidents/110", null, badLon, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(ApiClient.json(abc).get("errors").get(0).get("field").asText()).isEqualTo("lon");
        assertThat(ApiClient.json(abc).get("errors").get(0).get("message").asText()).isEqualTo("Wrong format");
    }

    @Test
    void permissionsNotRolesGuardTheApi() {
        String auditor = api.token("auditor", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/incidents", auditor).statusCode()).isEqualTo(403);
        String admin = api.token("admin", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/incidents", admin, report("HELP", grid("FS-1-01"), "管理员")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void responseTimesPerGridAndPersonAgainstTheTargets() {
        UUID grid = grid("FS-1-08");
        String id = file(officer, report("HELP", grid, "时效测试-" + UUID.randomUUID()), 201).get("incident").get("id").asText();
        api.send("POST", "/api/v1/incidents/" + id + "/acknowledge", officer, null);
        JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times", officer));
        assertThat(figures.get("targets").get("acknowledge").asText()).isEqualTo("PT1M");
        JsonNode row = null;
        for (JsonNode g : figures.get("grids")) {
            if (g.get("id").asText().equals(grid.toString())) {
                row = g;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("acknowledge").get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(row.get("acknowledge").get("withinTarget").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(figures.get("people").findValuesAsText("name")).contains("李建国");
        JsonNode theirs = ApiClient.json(api.get("/api/v1/incidents/response-times", officer2));
        assertThat(theirs.get("grids").findValuesAsText("id")).doesNotContain(grid.toString());
    }

    @Test
    void theListPutsOverdueItemsFirstAndFiltersThem() {
        UUID grid = grid("FS-1-09");
        String late = file(officer, report("HELP", grid, "超时测试-" + UUID.randomUUID()), 201).get("incident").get("id").asText();
        String fresh = file(officer, report("DISPUTE", grid, "未超时测试-" + UUID.randomUUID()), 201).get("incident").get("id")
                .asText();
        jdbc.sql("UPDATE incident SET due_at = now() - interval '1 minute' WHERE id = ?").param(UUID.fromString(late)).update();

        JsonNode all = ApiClient.json(api.get("/api/v1/incidents?size=100&open=true&gridId=" + grid, officer));
        assertThat(all.get("items").findValuesAsText("id")).contains(late, fresh);
        assertThat(all.get("items").get(0).get("id").asText()).isEqualTo(late);
        assertThat(all.get("items").get(0).get("overdue").asBoolean()).isTrue();

        JsonNode overdue = ApiClient.json(api.get("/api/v1/incidents?size=100&overdue=true&gridId=" + grid, officer));
        assertThat(overdue.get("items").findValuesAsText("id")).contains(late).doesNotContain(fresh);
        JsonNode disputes = ApiClient.json(api.get("/api/v1/incidents?size=100&category=DISPUTE&gridId=" + grid, officer));
        assertThat(disputes.get("items").findValuesAsText("id")).contains(fresh).doesNotContain(late);
        JsonNode received = ApiClient.json(api.get("/api/v1/incidents?size=100&status=RECEIVED&gridId=" + grid, officer));
        assertThat(received.get("items").findValuesAsText("id")).contains(late, fresh);
        assertThat(ApiClient.json(api.get("/api/v1/incidents?size=100&status=RESOLVED&gridId=" + grid, officer))
                .get("items").findValuesAsText("id")).doesNotContain(late, fresh);
    }
}
