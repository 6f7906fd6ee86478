package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.PublicClient;
import org.fengqiao.incident.internal.EscalationSweep;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.notification.NotificationFixtures.TestGrid;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reason an officer types is his words wherever it is shown, even when it reads like one of the system's message
 * keys: on the timeline (page and API) and in the inbox (page and API), in either language. The system's own reasons
 * are still shown in the reader's language, and rows written before the two were told apart read as they did.
 */
class TypedReasonIntegrationTests extends IntegrationTest {

    /** What an officer typed: the very key of the sweep's reason. */
    static final String TYPED = "incident.escalation.unanswered";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Incidents incidents;
    @Autowired
    IncidentDesk desk;

    ApiClient api = null;

    List<JsonNode> steps(String token, String id, String language, String kind) {
        JsonNode detail = ApiClient.json(api.get("/api/v1/incidents/" + id, token, "Accept-Language", language));
        List<JsonNode> found = new ArrayList<>();
        detail.get("timeline").forEach(s -> {
            if (s.get("kind").asText().equals(kind)) {
                found.add(s);
            }
        });
        return found;
    }

    List<JsonNode> inbox(String token, String id, String language) {
        JsonNode page = ApiClient.json(api.get("/api/v1/inbox?size=100", token, "Accept-Language", language));
        List<JsonNode> found = new ArrayList<>();
        page.get("items").forEach(e -> {
            if (e.get("recordId").asText().equals(id)) {
                found.add(e);
            }
        });
        return found;
    }

    String page(String path, String token, String language) {
        HttpResponse<String> r = api.get(path, token, "Accept-Language", language);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void aReasonTypedLikeAMessageKeyStaysTheOfficersWordsOnTheTimelineAndInTheInbox() {
        api = new ApiClient(port);
        Unit bureau = jurisdictions.unitByCode("320722000000").orElseThrow();
        String n = NotificationFixtures.unique();
        Unit station = jurisdictions.createUnit(bureau.id(), UnitKind.STATION, "IT-R-ST-" + n, "理由派出所" + n, "320722");
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "IT-R-CO-" + n, "理由警务室" + n,
                "320722");
        String chiefLogin = "rsstation" + n;
        staff.register(station.id(), StaffRole.STATION_CHIEF, "理由所长" + n, null, null, "所长", chiefLogin, DEMO_PASSWORD);
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        String chief = api.token(chiefLogin, DEMO_PASSWORD);
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", g.grid().id().value());
        body.put("description", "理由测试求助-" + UUID.randomUUID());
        body.put("address", "测试地址");
        HttpResponse<String> filed = api.send("POST", "/api/v1/incidents", chief, body);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        String id = ApiClient.json(filed).get("incident").get("id").asText();

        // by hand, from the office to the station: the grid chief's own words, read by the station's chief it now
        // reaches (no one is told of his own act, so the escalating officer is not the one whose inbox is read)
        String gridChief = api.token(g.chiefLogin(), DEMO_PASSWORD);
        HttpResponse<String> up = api.send("POST", "/api/v1/incidents/" + id + "/escalate", gridChief,
                Map.of("reason", TYPED));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        for (String language : List.of("en", "zh-CN")) {
            assertThat(steps(chief, id, language, "ESCALATED")).extracting(s -> s.get("reason").asText()).as(language)
                    .containsExactly(TYPED);
            assertThat(inbox(chief, id, language)).extracting(e -> e.get("reason").asText()).as(language)
                    .containsExactly(TYPED);
        }
        assertThat(page("/incidents/" + id, chief, "en")).contains(TYPED).doesNotContain("Not acknowledged in time");
        assertThat(page("/incidents/" + id, chief, "zh-CN")).contains(TYPED).doesNotContain("超时未受理");
        assertThat(page("/inbox", chief, "en")).contains(TYPED).doesNotContain("Not acknowledged in time");
        assertThat(page("/inbox", chief, "zh-CN")).contains(TYPED).doesNotContain("超时未受理");

        // by the sweep, from the station to the bureau: the system's reason, in the reader's language
        MovableClock later = new MovableClock(Instant.now().plus(Duration.ofDays(30)), ZoneOffset.UTC);
        assertThat(new EscalationSweep(incidents, desk, later).sweep(g.grid().id().value())).isEqualTo(1);
        String bureauToken = api.token("bureau", DEMO_PASSWORD);
        assertThat(steps(chief, id, "en", "ESCALATED")).extracting(s -> s.get("reason").asText())
                .containsExactly(TYPED, "Not acknowledged in time: moved up");
        assertThat(steps(chief, id, "zh-CN", "ESCALATED")).extracting(s -> s.get("reason").asText())
                .containsExactly(TYPED, "超时未受理，自动上报");
        assertThat(inbox(bureauToken, id, "en")).extracting(e -> e.get("reason").asText())
                .containsExactly("Not acknowledged in time: moved up");
        assertThat(page("/incidents/" + id, chief, "en")).contains(TYPED, "Not acknowledged in time: moved up");
    }

    @Test
    void aReasonWrittenBeforeReasonsSaidWhatTheyHoldReadsAsItDid() {
        api = new ApiClient(port);
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-2-03'").query(UUID.class).single();
        String code = new PublicClient(port, "203.0.113." + (1 + new java.util.Random().nextInt(250)), null)
                .fileHelp(grid, "旧理由测试-" + UUID.randomUUID(), "旧理由村");
        UUID id = jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(code).query(UUID.class).single();
        // a step and an inbox entry as they were written before: no word on what the reason holds
        jdbc.sql("""
                INSERT INTO incident_event (incident_id, kind, at, reason, note)
                VALUES (?, 'NOTE', ?, 'incident.escalation.unresolved', 'legacy-reason-test')""")
                .params(id, OffsetDateTime.now()).update();
        String officer = api.token("officer", DEMO_PASSWORD);
        assertThat(steps(officer, id.toString(), "en", "NOTE")).filteredOn(s -> s.get("note").asText().equals("legacy-reason-test"))
                .extracting(s -> s.get("reason").asText()).containsExactly("Not resolved in time: moved up");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE note = 'legacy-reason-test' AND reason_is_key IS NULL")
                .query(Long.class).single()).isPositive();
    }
}
