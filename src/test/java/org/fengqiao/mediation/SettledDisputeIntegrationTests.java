package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A dispute pushed from 110 and mediated to the end, as the station's people meet it through the API: the 110 caller
 * is the case's first party (his phone masked), and the agreement resolves the incident it came from, its timeline
 * saying why, so the 110 item does not stay open with nothing left to do on it; a failed mediation leaves it open.
 */
class SettledDisputeIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String chief;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        chief = api.token("chief", DEMO_PASSWORD);
    }

    /** A grid of its own under 房山派出所 (the chief's station), so nothing else of the suite touches its items. */
    Grid grid() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.CENTRAL_OFFICE, "IT-SD-CO-" + n, "调结警务室" + n,
                "320722");
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-SD-V-" + n, "调结村" + n,
                null, null, null);
        double lon = 100 + new Random().nextInt(800) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,31],[%s,31],[%s,31.004],[%s,31.004],[%s,31]]]}"
                .formatted(lon, lon + 0.004, lon + 0.004, lon, lon);
        return jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-SD-G-" + n, "调结网格" + n, square, null,
                null, null);
    }

    /** A dispute pushed by 110, with its caller when named; answers the incident as filed. */
    JsonNode push(Grid grid, String description, String callerName, String callerPhone) {
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-SETTLE-" + UUID.randomUUID());
        push.put("category", "DISPUTE");
        push.put("description", description);
        push.put("gridId", grid.id().value());
        push.put("address", "调结村二组");
        push.put("callerName", callerName);
        push.put("callerPhone", callerPhone);
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident");
    }

    JsonNode send(String method, String path, Object body, int expected) {
        HttpResponse<String> r = api.send(method, path, chief, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return ApiClient.json(r);
    }

    String caseOf(String incidentId) {
        return jdbc.sql("SELECT id FROM dispute_case WHERE incident_id = ?").param(UUID.fromString(incidentId))
                .query(UUID.class).single().toString();
    }

    JsonNode incident(String id) {
        return send("GET", "/api/v1/incidents/" + id, null, 200);
    }

    /** The case heard with two more parties and one session, as an agreement follows one. */
    String heard(String incidentId) {
        String caseId = caseOf(incidentId);
        send("POST", "/api/v1/mediation/cases/" + caseId + "/parties", Map.of("parties", List.of(Map.of("name", "邻居赵"),
                Map.of("name", "邻居李"))),
                200);
        send("POST", "/api/v1/mediation/cases/" + caseId + "/sessions", Map.of("heldOn", LocalDate.now().toString(),
                "place", "村委会", "attendees", "双方", "said", "各自陈述"), 200);
        return caseId;
    }

    @Test
    void anAgreementResolvesThe110IncidentItCameFromInTheMediatorsNameWithTheAgreementAsTheStep() {
        Grid grid = grid();
        JsonNode pushed = push(grid, "110推送：两户为院墙争吵", "钱报警", "13812345678");
        String incidentId = pushed.get("id").asText();
        assertThat(incident(incidentId).get("incident").get("status").asText()).isEqualTo("RECEIVED");
        String caseId = heard(incidentId);

        Map<String, Object> end = new HashMap<>();
        end.put("outcome", "AGREEMENT");
        end.put("level", "GRID");
        end.put("agreementText", "院墙由两户共同出资修缮，互不追究");
        end.put("partiesConsent", true);
        send("POST", "/api/v1/mediation/cases/" + caseId + "/end", end, 200);

        JsonNode after = incident(incidentId);
        assertThat(after.get("incident").get("status").asText()).as("the 110 item is resolved").isEqualTo("RESOLVED");
        JsonNode last = after.get("timeline").get(after.get("timeline").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("RESOLVED");
        assertThat(last.get("note").asText()).isEqualTo("院墙由两户共同出资修缮，互不追究");
        assertThat(last.get("reason").asText()).isEqualTo("纠纷经调解达成协议");
        assertThat(last.get("actor").asText()).isEqualTo(
                jdbc.sql("SELECT name FROM staff WHERE username = 'chief'").query(String.class).single());
        // the item is closed from the incident pages as any resolved one: its reporter is answered
        assertThat(send("POST", "/api/v1/incidents/" + incidentId + "/answer", Map.of("note", "已告知报警人调解结果"), 200)
                .get("incident").get("status").asText()).isEqualTo("ANSWERED");
    }

    @Test
    void aFailedMediationLeavesThe110IncidentOpenAsItWas() {
        JsonNode pushed = push(grid(), "110推送：两户为水渠争吵", null, null);
        String incidentId = pushed.get("id").asText();
        String caseId = heard(incidentId);
        send("POST", "/api/v1/mediation/cases/" + caseId + "/end", Map.of("outcome", "FAILURE", "note", "双方不让步"),
                200);
        JsonNode after = incident(incidentId);
        assertThat(after.get("incident").get("status").asText()).isEqualTo("RECEIVED");
        assertThat(after.get("timeline").findValuesAsText("kind")).doesNotContain("RESOLVED");
    }

    @Test
    void the110CallerIsTheCasesFirstPartyWithHisPhoneMasked() {
        JsonNode pushed = push(grid(), "110推送：邻里因噪音争吵", "孙报警", "13812345678");
        JsonNode dispute = send("GET", "/api/v1/mediation/cases/" + caseOf(pushed.get("id").asText()), null, 200);
        JsonNode parties = dispute.get("parties");
        assertThat(parties).hasSize(1);
        assertThat(parties.get(0).get("position").asInt()).isEqualTo(1);
        assertThat(parties.get(0).get("name").asText()).isEqualTo("孙报警");
        assertThat(parties.get(0).get("phoneMasked").asText()).isEqualTo("138****5678");
        assertThat(dispute.toString()).as("the full phone is not shown").doesNotContain("13812345678");

        JsonNode unnamed = push(grid(), "110推送：匿名报警的纠纷", null, null);
        assertThat(send("GET", "/api/v1/mediation/cases/" + caseOf(unnamed.get("id").asText()), null, 200)
                .get("parties")).as("no caller named, no party").isEmpty();
    }
}
