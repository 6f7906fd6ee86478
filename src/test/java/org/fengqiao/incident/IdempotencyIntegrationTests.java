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

/**
 * An idempotency key names one submission: the same report sent again answers the incident filed the first
 * time (200); a different report under the same key is refused with 422 and a message in the caller's
 * language, and nothing is filed. For staff intake (Idempotency-Key) and the 110 push (its case number).
 */
class IdempotencyIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String officer;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    long count(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class).single();
    }

    Map<String, Object> report(String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", grid("FS-1-05"));
        body.put("description", description);
        body.put("address", "幂等测试地址");
        body.put("reporterPhone", "139 1234 5678");
        body.put("occurredAt", "2026-11-30T10:00:00+08:00");
        return body;
    }

    @Test
    void aKeyAnswersItsOwnReportAndRefusesAnother() {
        String key = "idem-" + UUID.randomUUID();
        String description = "幂等比对-" + UUID.randomUUID();
        HttpResponse<String> first = api.send("POST", "/api/v1/incidents", officer, report(description), "Idempotency-Key", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String id = ApiClient.json(first).get("incident").get("id").asText();

        // the same report, written differently (spaces, +86, the same moment in UTC): the same submission
        Map<String, Object> same = report("  " + description + " ");
        same.put("reporterPhone", "+8613912345678");
        same.put("occurredAt", "2026-11-30T02:00:00Z");
        HttpResponse<String> again = api.send("POST", "/api/v1/incidents", officer, same, "Idempotency-Key", key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(ApiClient.json(again).get("incident").get("id").asText()).isEqualTo(id);

        // another report under the same key: 422, in Chinese by default and in English when asked, nothing filed
        String other = "幂等另一份-" + UUID.randomUUID();
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents", officer, report(other), "Idempotency-Key", key);
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(422);
        JsonNode problem = ApiClient.json(zh);
        assertThat(problem.get("detail").asText()).isEqualTo("此幂等键已用于另一份不同的报告，本次未登记");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("idempotencyKey");
        assertThat(problem.toString()).doesNotContain(id);
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents", officer, report(other), "Idempotency-Key", key,
                "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(422);
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message"))
                .containsExactly("This idempotency key was used for a different report; nothing was filed");
        assertThat(count(other)).isZero();
        assertThat(count(description)).isEqualTo(1);

        // a difference in any one field is another report: here only the category
        Map<String, Object> dispute = report(description);
        dispute.put("category", "DISPUTE");
        assertThat(api.send("POST", "/api/v1/incidents", officer, dispute, "Idempotency-Key", key).statusCode()).isEqualTo(422);
        // the key in the body works as the header does
        Map<String, Object> inBody = report(other);
        inBody.put("idempotencyKey", key);
        assertThat(api.send("POST", "/api/v1/incidents", officer, inBody).statusCode()).isEqualTo(422);
        assertThat(count(description)).isEqualTo(1);
        assertThat(count(other)).isZero();
    }

    @Test
    void keysBelongToTheirSubmitter() {
        String key = "idem-" + UUID.randomUUID();
        String description = "幂等各自-" + UUID.randomUUID();
        Map<String, Object> mine = report(description);
        assertThat(api.send("POST", "/api/v1/incidents", officer, mine, "Idempotency-Key", key).statusCode()).isEqualTo(201);
        String chief = api.token("chief", DEMO_PASSWORD);
        Map<String, Object> theirs = report("幂等他人-" + UUID.randomUUID());
        assertThat(api.send("POST", "/api/v1/incidents", chief, theirs, "Idempotency-Key", key).statusCode())
                .as("another person's key of the same text files his own report").isEqualTo(201);
    }

    @Test
    void aCaseNumberPushedAgainWithAnotherReportIsRefused() {
        UUID grid = grid("NS-2-02");
        double[] point = inside(grid);
        String caseNumber = "110-" + UUID.randomUUID();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", caseNumber);
        push.put("category", "HELP");
        push.put("description", "110幂等测试：老人走失");
        push.put("lon", point[0]);
        push.put("lat", point[1]);
        push.put("callerPhone", "13912345678");
        HttpResponse<String> first = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> same = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(same).get("incident").get("id").asText())
                .isEqualTo(ApiClient.json(first).get("incident").get("id").asText());

        Map<String, Object> changed = new HashMap<>(push);
        changed.put("description", "110幂等测试：另一起");
        HttpResponse<String> refused = api.send("POST", "/api/v1/incidents/110", null, changed, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode problem = ApiClient.json(refused);
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("caseNumber");
        assertThat(problem.get("detail").asText()).isEqualTo("This idempotency key was used for a different report; nothing was filed");
        assertThat(jdbc.sql("SELECT description FROM incident WHERE external_ref = ?").param(caseNumber).query(String.class)
                .list()).containsExactly("110幂等测试：老人走失");
    }

    /** A key of random letters and digits, far longer than any case number: too long to index once compressed. */
    static String hugeKey() {
        java.util.Random random = new java.util.Random();
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder("110-");
        for (int i = 0; i < 6000; i++) {
            b.append(letters.charAt(random.nextInt(letters.length())));
        }
        return b.toString();
    }

    /**
     * A case number or an idempotency key past 200 characters (a system that sends the case's text where its number
     * goes, a client's bug) is refused on its field in the caller's language, nothing filed; it was stored until the
     * database's index refused it, and the 110 centre read a server error (500) that named nothing.
     */
    @Test
    void aCaseNumberOrKeyTooLongIsRefusedOnItsFieldInTheCallersLanguageAndNothingIsFiled() {
        UUID grid = grid("NS-2-02");
        double[] point = inside(grid);
        String description = "110超长单号-" + UUID.randomUUID();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", hugeKey());
        push.put("category", "HELP");
        push.put("description", description);
        push.put("lon", point[0]);
        push.put("lat", point[1]);
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        JsonNode error = ApiClient.json(zh).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("caseNumber");
        assertThat(error.get("message").asText()).isEqualTo("110接警单号（caseNumber）不能超过200个字符");
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(en.statusCode()).as(en.body()).isEqualTo(400);
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText())
                .isEqualTo("The 110 case number (caseNumber) must be at most 200 characters");
        assertThat(count(description)).isZero();
        // 200 characters are kept
        push.put("caseNumber", hugeKey().substring(0, 200));
        HttpResponse<String> kept = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(201);

        // the staff API's Idempotency-Key header likewise
        String staff = "超长幂等键-" + UUID.randomUUID();
        HttpResponse<String> header = api.send("POST", "/api/v1/incidents", officer, report(staff), "Idempotency-Key",
                hugeKey(), "Accept-Language", "en");
        assertThat(header.statusCode()).as(header.body()).isEqualTo(400);
        JsonNode keyError = ApiClient.json(header).get("errors").get(0);
        assertThat(keyError.get("field").asText()).isEqualTo("idempotencyKey");
        assertThat(keyError.get("message").asText()).isEqualTo("The idempotency key must be at most 200 characters");
        assertThat(count(staff)).isZero();
    }

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
}
