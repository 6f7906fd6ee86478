package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.PublicClient;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.notification.NotificationFixtures.TestGrid;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a resident does on the tracking page reaches the inbox: information he adds reaches the report's owner, a
 * report he reopens reaches its owner and the grid chief, each with a title in the reader's language that says what
 * the resident did, and his own words: his reason for a reopening, what he added (shortened to a line when long).
 */
class ResidentStepsInboxIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    String token(String username) {
        return api.token(username, DEMO_PASSWORD);
    }

    /** A resident's browser from an address of its own, so the per-address filing limit is his alone. */
    PublicClient resident() {
        return new PublicClient(port, "203.0.113." + (new Random().nextInt(250) + 1), null);
    }

    String file(PublicClient resident, TestGrid g) {
        return resident.fileHelp(g.grid().id().value(), "居民补充通知测试-" + UUID.randomUUID(), "通知村东头");
    }

    UUID idOf(String code) {
        return jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(code).query(UUID.class).single();
    }

    List<JsonNode> entriesAbout(String token, UUID recordId, String... headers) {
        JsonNode page = ApiClient.json(api.get("/api/v1/inbox?size=100", token, headers));
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(e -> {
            if (e.get("recordId").asText().equals(recordId.toString())) {
                found.add(e);
            }
        });
        return found;
    }

    List<String> kinds(List<JsonNode> entries) {
        return entries.stream().map(e -> e.get("kind").asText()).toList();
    }

    @Test
    void informationTheResidentAddsReachesTheOwnersInbox() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        PublicClient resident = resident();
        String code = file(resident, g);
        UUID id = idOf(code);
        String manager = token(g.managerLogin());
        String chief = token(g.chiefLogin());
        assertThat(kinds(entriesAbout(manager, id))).containsExactly("INCIDENT_ASSIGNED");

        HttpResponse<String> added = resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", "老人穿蓝色外套，往河边方向走了"), List.of());
        assertThat(resident.follow(added).body()).contains("已收到您补充的情况");

        List<JsonNode> mine = entriesAbout(manager, id);
        assertThat(kinds(mine)).containsExactlyInAnyOrder("INCIDENT_ASSIGNED", "INCIDENT_INFORMATION_ADDED");
        JsonNode entry = mine.stream().filter(e -> e.get("kind").asText().equals("INCIDENT_INFORMATION_ADDED"))
                .findFirst().orElseThrow();
        assertThat(entry.get("title").asText()).isEqualTo("群众为事项 " + code + "（求助）补充了情况，请查看");
        assertThat(entry.get("reason").asText()).as("what he wrote, without opening the report")
                .isEqualTo("老人穿蓝色外套，往河边方向走了");
        assertThat(entry.get("link").asText()).isEqualTo("/incidents/" + id);
        assertThat(entry.get("unread").asBoolean()).isTrue();
        assertThat(entriesAbout(manager, id, "Accept-Language", "en")).extracting(e -> e.get("title").asText())
                .contains("The resident added information to item " + code + " (Help)");
        assertThat(kinds(entriesAbout(chief, id))).as("the chief was informed of the routing, not of every addition")
                .containsExactly("INCIDENT_INFORMED");
    }

    @Test
    void aLongAdditionReachesTheInboxShortenedOnOneLineAndInFullOnTheReport() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        PublicClient resident = resident();
        String code = file(resident, g);
        UUID id = idOf(code);
        String words = "老人身高一米六左右，\n\n  穿蓝色外套、黑裤子，" + "拄着拐杖慢慢往河边方向走".repeat(30) + "，最后在桥头看到。";
        resident.post("/track/" + code, "/track/" + code + "/information", Map.of("information", words), List.of());
        // a resident's words that happen to read like a message key stay his words
        resident.post("/track/" + code, "/track/" + code + "/information",
                Map.of("information", "incident.escalation.unanswered"), List.of());

        String manager = token(g.managerLogin());
        List<String> reasons = entriesAbout(manager, id, "Accept-Language", "en").stream()
                .filter(e -> e.get("kind").asText().equals("INCIDENT_INFORMATION_ADDED"))
                .map(e -> e.get("reason").asText()).toList();
        assertThat(reasons).hasSize(2).contains("incident.escalation.unanswered");
        String shortened = reasons.stream().filter(r -> r.startsWith("老人")).findFirst().orElseThrow();
        assertThat(shortened).startsWith("老人身高一米六左右， 穿蓝色外套、黑裤子，拄着拐杖").endsWith("…")
                .doesNotContain("\n", "桥头");
        assertThat(shortened.codePointCount(0, shortened.length())).isLessThanOrEqualTo(120);

        ApiClient page = new ApiClient(port);
        assertThat(page.formLogin(g.managerLogin(), DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(page.get("/inbox", null).body()).contains(shortened);
        JsonNode timeline = ApiClient.json(api.get("/api/v1/incidents/" + id, manager)).get("timeline");
        assertThat(timeline.findValuesAsText("note")).as("the report keeps every word").contains(words);
    }

    @Test
    void aReportTheResidentReopensReachesItsOwnerAndTheGridChiefWithHisReason() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        PublicClient resident = resident();
        String code = file(resident, g);
        UUID id = idOf(code);
        Submitter by = Submitter.system("test");
        desk.acknowledge(id, by);
        desk.resolve(id, "已找到并送回家", by);
        desk.answer(id, "已找到老人并送回家中", by);

        HttpResponse<String> reopened = resident.post("/track/" + code, "/track/" + code + "/reopen",
                Map.of("reason", "老人又走丢了，问题没有解决"), List.of());
        assertThat(reopened.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("ACKNOWLEDGED");

        for (String login : List.of(g.managerLogin(), g.chiefLogin())) {
            List<JsonNode> entries = entriesAbout(token(login), id).stream()
                    .filter(e -> e.get("kind").asText().equals("INCIDENT_REOPENED")).toList();
            assertThat(entries).as(login).hasSize(1);
            JsonNode entry = entries.get(0);
            assertThat(entry.get("title").asText()).isEqualTo("群众已重新打开事项 " + code + "（求助），请重新处置");
            assertThat(entry.get("reason").asText()).isEqualTo("老人又走丢了，问题没有解决");
            assertThat(entry.get("link").asText()).isEqualTo("/incidents/" + id);
        }
        assertThat(entriesAbout(token(g.chiefLogin()), id, "Accept-Language", "en")).extracting(e -> e.get("title").asText())
                .contains("The resident reopened item " + code + " (Help): handle it again");
        assertThat(entriesAbout(token("officer"), id)).as("nobody else hears of it").isEmpty();
    }
}
