package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the system wrote on an incident's timeline reads in the reader's language, on the staff's page and in the API;
 * what people typed (the resident's additions and reasons, the staff's answer, a merge's reason) stays as typed. The
 * steps the resident took on the tracking page carry no person's name: they read "群众" in Chinese and "Resident" in
 * English, those written before this was so included.
 */
class TimelineLanguageIntegrationTests extends IntegrationTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(new Random().nextInt(200));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncidentDesk desk;

    ApiClient api;
    String officer;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
    }

    PublicClient resident() {
        return new PublicClient(port, "192.0.2." + (ADDRESSES.incrementAndGet() % 250 + 1), null);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    String file(PublicClient resident, String description) {
        return resident.fileHelp(grid("FS-2-03"), description, "语言村东头");
    }

    UUID idOf(String code) {
        return jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(code).query(UUID.class).single();
    }

    /** The timeline's steps of the given kind as the API answers them in the given language. */
    List<JsonNode> steps(UUID id, String language, String kind) {
        JsonNode detail = ApiClient.json(api.get("/api/v1/incidents/" + id, officer, "Accept-Language", language));
        List<JsonNode> found = new ArrayList<>();
        detail.get("timeline").forEach(s -> {
            if (s.get("kind").asText().equals(kind)) {
                found.add(s);
            }
        });
        assertThat(found).as(kind).isNotEmpty();
        return found;
    }

    static String timelineOf(String page) {
        int from = page.indexOf("id=\"incident-timeline\"");
        assertThat(from).as("the page shows the timeline").isPositive();
        return page.substring(from, page.indexOf("</ol>", from));
    }

    @Test
    void theStepsTheResidentTookReadInTheReadersLanguageAndHisWordsStayAsTyped() {
        PublicClient resident = resident();
        String code = file(resident, "语言测试：老人走失-" + UUID.randomUUID());
        UUID id = idOf(code);
        assertThat(resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", "老人穿蓝色外套"), List.of()).statusCode()).isEqualTo(302);
        Submitter by = Submitter.system("测试");
        desk.acknowledge(id, by);
        desk.resolve(id, "已找到老人", by);
        desk.answer(id, "老人已送回家中", by);
        assertThat(resident.post("/track/" + code, "/track/" + code + "/rate",
                Map.of("score", "2", "comment", "太慢了"), List.of()).statusCode()).isEqualTo(302);
        assertThat(resident.post("/track/" + code, "/track/" + code + "/reopen",
                Map.of("reason", "老人又走丢了"), List.of()).statusCode()).isEqualTo(302);

        for (String kind : List.of("RECEIVED", "INFORMATION_ADDED", "RATED", "REOPENED")) {
            assertThat(steps(id, "en", kind)).extracting(s -> s.get("actor").asText()).as(kind).containsOnly("Resident");
            assertThat(steps(id, "zh-CN", kind)).extracting(s -> s.get("actor").asText()).as(kind).containsOnly("群众");
        }
        assertThat(steps(id, "en", "INFORMATION_ADDED").get(0).get("note").asText()).isEqualTo("老人穿蓝色外套");
        assertThat(steps(id, "en", "REOPENED").get(0).get("note").asText()).isEqualTo("老人又走丢了");
        assertThat(steps(id, "en", "ANSWERED").get(0).get("note").asText()).isEqualTo("老人已送回家中");
        assertThat(steps(id, "en", "ANSWERED").get(0).get("actor").asText()).as("a name stays a name").isEqualTo("测试");

        ApiClient page = new ApiClient(port);
        assertThat(page.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String english = timelineOf(page.get("/incidents/" + id + "?lang=en", null).body());
        assertThat(english).contains("Resident", "老人穿蓝色外套", "老人又走丢了").doesNotContain("群众");
        // the staff answered the reporter: the step does not read as if the reporter had answered
        assertThat(english).contains("Answered the reporter").doesNotContain("Reporter answered");
        String chinese = timelineOf(page.get("/incidents/" + id + "?lang=zh-CN", null).body());
        assertThat(chinese).contains("群众", "老人穿蓝色外套").doesNotContain("Resident");
    }

    @Test
    void aMergeReadsInTheReadersLanguageWithTheReasonAsTyped() {
        String primary = file(resident(), "语言测试：主报告-" + UUID.randomUUID());
        String duplicate = file(resident(), "语言测试：重复报告-" + UUID.randomUUID());
        String chief = api.token("chief", DEMO_PASSWORD);
        HttpResponse<String> merged = api.send("POST", "/api/v1/incidents/" + idOf(duplicate) + "/merge", chief,
                Map.of("primaryId", idOf(primary).toString(), "reason", "同一位老人"));
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);

        JsonNode english = steps(idOf(duplicate), "en", "MERGED_INTO").get(0);
        assertThat(english.get("reason").asText()).doesNotContainPattern("\\p{IsHan}").isNotBlank();
        assertThat(english.get("note").asText()).isEqualTo("同一位老人");
        assertThat(steps(idOf(primary), "en", "MERGED").get(0).get("reason").asText())
                .doesNotContainPattern("\\p{IsHan}");
    }
}
