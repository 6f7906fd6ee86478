package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A claim on an incident's board item moves the incident on: confirmed, it resolves it with the claimers' report;
 * taken up, sent back or given up, it says so on the incident's timeline, which stays open.
 */
class ClaimsCloseTheirIncidentIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Board board;
    @Autowired
    IncidentFacts incidentFacts;
    @Autowired
    DisputeFacts disputeFacts;
    @Autowired
    StaffDirectory staffDirectory;
    @Autowired
    ClaimsProperties properties;
    @Autowired
    MessageSource messages;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    ApiClient api;
    ClaimsFixtures f;
    String officer;
    String volunteer;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        f = new ClaimsFixtures(api, jdbc, board, incidentFacts, disputeFacts, staffDirectory, properties, messages);
        officer = api.token("officer", DEMO_PASSWORD);
        volunteer = api.token("volunteer", DEMO_PASSWORD);
    }

    static LocalDate today() {
        return LocalDate.now(LocalTimes.ZONE);
    }

    String status(UUID incident) {
        return jdbc.sql("SELECT status FROM incident WHERE id = ?").param(incident).query(String.class).single();
    }

    /** The incident's steps as kind|reason|note|actor, in order. */
    List<String> steps(UUID incident) {
        return jdbc.sql("""
                SELECT kind || '|' || coalesce(reason, '') || '|' || coalesce(note, '') || '|' || coalesce(actor_name, '')
                FROM incident_event WHERE incident_id = ? ORDER BY id""").param(incident).query(String.class).list();
    }

    String volunteerName() {
        return jdbc.sql("SELECT name FROM staff WHERE username = 'volunteer'").query(String.class).single();
    }

    @Test
    void aConfirmedClaimResolvesItsIncidentWithTheClaimersReportOnceWhileASentBackReportLeavesItOpen() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "认领办结事项-" + UUID.randomUUID());
        UUID incident = board.item(item).orElseThrow().sourceId();
        String id = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", today().plusDays(3).toString(), "coClaimers", List.of(), "note", "我来跟进"), 201)
                .get("id").asText();
        assertThat(steps(incident)).anyMatch(s -> s.startsWith("NOTE|incident.claim.CLAIMED|")
                && s.contains("我来跟进") && s.endsWith("|" + volunteerName()));

        f.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", "做完了"), 200);
        f.send("POST", "/api/v1/claims/" + id + "/send-back", officer, Map.of("note", "请补充现场照片"), 200);
        assertThat(status(incident)).as("sent back, the work is not done").isNotIn("RESOLVED", "ANSWERED");
        assertThat(steps(incident)).anyMatch(s -> s.startsWith("NOTE|incident.claim.SENT_BACK|请补充现场照片|"));
        assertThat(steps(incident)).noneMatch(s -> s.startsWith("RESOLVED|"));

        f.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", "已加装护栏并补充照片"), 200);
        f.send("POST", "/api/v1/claims/" + id + "/confirm", officer, null, 200);
        assertThat(status(incident)).isEqualTo("RESOLVED");
        assertThat(steps(incident)).filteredOn(s -> s.startsWith("RESOLVED|")).containsExactly(
                "RESOLVED|incident.resolve.completedByClaim|已加装护栏并补充照片|" + volunteerName());
        assertThat(jdbc.sql("SELECT due_at IS NOT NULL FROM incident WHERE id = ?").param(incident)
                .query(Boolean.class).single()).as("its owner is still to answer it, as any resolved item").isTrue();
        // the owner answers it as any other resolved item, and it is closed
        f.send("POST", "/api/v1/incidents/" + incident + "/answer", officer, Map.of("note", "隐患已消除"), 200);
        assertThat(status(incident)).isEqualTo("ANSWERED");
        ClaimsFixtures.await(() -> jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ?
                  AND after::text LIKE '%RESOLVED%'""").param(incident.toString()).query(Long.class).single() > 0
                ? Boolean.TRUE : null, "the resolution audited");

        // told again (an event delivered twice), nothing moves and no step is written twice
        Board.Claim c = board.claim(UUID.fromString(id)).orElseThrow();
        Board.Item i = board.item(item).orElseThrow();
        int before = steps(incident).size();
        tx.executeWithoutResult(s -> events.publishEvent(new HardCaseCompleted(c.id(), c.unitPath(), c.gridId(),
                List.of(c.claimedBy()), true, i.id(), i.kind().name(), i.sourceCode(), c.deadline().toInstant(),
                Instant.now())));
        assertThat(status(incident)).isEqualTo("ANSWERED");
        assertThat(steps(incident)).hasSize(before);
    }

    @Test
    void aClaimGivenUpSaysSoOnTheIncidentsTimelineOnceAndLeavesItOpen() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "认领放弃事项-" + UUID.randomUUID());
        UUID incident = board.item(item).orElseThrow().sourceId();
        String id = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", today().plusDays(3).toString(), "coClaimers", List.of(), "note", "试试看"), 201)
                .get("id").asText();
        f.send("POST", "/api/v1/claims/" + id + "/give-up", volunteer, null, 200);
        assertThat(f.state(item)).isEqualTo("OPEN");
        assertThat(status(incident)).isNotIn("RESOLVED", "ANSWERED");
        assertThat(steps(incident)).filteredOn(s -> s.startsWith("NOTE|incident.claim.GIVEN_UP|")).hasSize(1);

        Board.Claim c = board.claim(UUID.fromString(id)).orElseThrow();
        Instant at = jdbc.sql("SELECT at FROM incident_event WHERE incident_id = ? AND reason = 'incident.claim.GIVEN_UP'")
                .param(incident).query(java.time.OffsetDateTime.class).single().toInstant();
        tx.executeWithoutResult(s -> events.publishEvent(new HardCaseClaimEnded(c.id(), item, c.unitPath(),
                c.kind().name(), c.itemCode(), List.of(c.claimedBy()), false, today().plusDays(3), c.claimedBy(),
                c.claimedByName(), at)));
        assertThat(steps(incident)).as("the same step told twice is one")
                .filteredOn(s -> s.startsWith("NOTE|incident.claim.GIVEN_UP|")).hasSize(1);
    }
}
