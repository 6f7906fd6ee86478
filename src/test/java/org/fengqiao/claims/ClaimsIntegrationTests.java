package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.claims.internal.ExpirySweep;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.incident.IncidentLoader;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class ClaimsIntegrationTests extends IntegrationTest {

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
    ClaimDesk desk;
    @Autowired
    IncidentLoader incidentLoader;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    javax.sql.DataSource dataSource;

    ApiClient api;
    ClaimsFixtures f;
    String officer;
    String officer2;
    String bureau;
    String chief;
    String volunteer;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        f = new ClaimsFixtures(api, jdbc, board, incidentFacts, disputeFacts, staffDirectory, properties, messages);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
        chief = api.token("chief", DEMO_PASSWORD);
        volunteer = api.token("volunteer", DEMO_PASSWORD);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static Map<String, Object> claimBody(LocalDate due, List<UUID> co) {
        return Map.of("due", due.toString(), "coClaimers", co, "note", "我来跟进");
    }

    @Test
    void incidentsHazardsAndDisputesGoUpOnlyOnceOlderThanTheAgeAndLeaveWhenClosedAtTheirSource() {
        UUID grid = f.volunteersGrid();
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID call = f.incident(officer, grid, "COMPLAINT", "久拖未决的投诉-" + n);
        UUID hazard = f.incident(volunteer, grid, "DISASTER", "志愿者发现的隐患-" + n);
        UUID dispute = f.dispute(officer, grid, "久调未决" + n, "officer");
        // neither an incident nor a dispute costs its intake anything: the sweep finds it once it is old enough
        f.upkeep(ClaimsFixtures.daysAhead(6)).sweep(grid);
        assertThat(f.item(call)).as("six days old is not old enough").isNull();
        assertThat(f.item(hazard)).isNull();
        assertThat(f.item(dispute)).isNull();
        String boardJson = api.get("/api/v1/claims/board?size=100&gridId=" + grid, officer).body();
        assertThat(boardJson).doesNotContain(call.toString(), dispute.toString(), n);

        assertThat(f.upkeep(ClaimsFixtures.daysAhead(8)).sweep(grid)).isGreaterThanOrEqualTo(3);
        Map<String, Object> callItem = f.item(call);
        Map<String, Object> hazardItem = f.item(hazard);
        Map<String, Object> disputeItem = f.item(dispute);
        assertThat(disputeItem.get("source_kind")).isEqualTo("DISPUTE");
        assertThat((String) disputeItem.get("title")).startsWith("纠纷·").doesNotContain(n);
        assertThat(callItem.get("source_kind")).isEqualTo("INCIDENT");
        assertThat(hazardItem.get("source_kind")).as("filed from the field by a grid member").isEqualTo("HAZARD");
        assertThat((String) hazardItem.get("title")).startsWith("隐患·").doesNotContain(n);
        UUID callId = (UUID) callItem.get("id");
        for (Map<String, Object> item : List.of(callItem, hazardItem, disputeItem)) {
            assertThat(f.state((UUID) item.get("id"))).isEqualTo("OPEN");
        }
        // the dispute heard and classified: its item on the board follows
        f.send("PUT", "/api/v1/mediation/cases/" + dispute + "/kind", officer, Map.of("kind", "LAND"), 200);
        UUID disputeItemId = (UUID) disputeItem.get("id");
        ClaimsFixtures.await(() -> "LAND".equals(jdbc.sql("SELECT category FROM claim_item WHERE id = ?")
                .param(disputeItemId).query(String.class).single()) ? Boolean.TRUE : null, "the item recategorised");
        assertThat(jdbc.sql("SELECT title FROM claim_item WHERE id = ?").param(disputeItemId).query(String.class)
                .single()).startsWith("纠纷·土地").doesNotContain("邻里");
        JsonNode hazards = f.send("GET", "/api/v1/claims/board?size=100&kind=HAZARD&gridId=" + grid, volunteer, null, 200);
        assertThat(hazards.get("items").findValuesAsText("id")).contains(hazardItem.get("id").toString())
                .doesNotContain(callId.toString());
        assertThat(hazards.toString()).doesNotContain(n);

        incidentLoader.handle(call, "RESOLVED", "已处理", "test");
        f.awaitState(callId, "CLOSED");
        f.send("POST", "/api/v1/mediation/cases/" + dispute + "/end", officer,
                Map.of("outcome", "FAILURE", "note", "双方拒绝调解"), 200);
        f.awaitState((UUID) disputeItem.get("id"), "CLOSED");
        assertThat(api.get("/api/v1/claims/board?size=100&gridId=" + grid, officer).body())
                .doesNotContain(callId.toString(), disputeItem.get("id").toString())
                .contains(hazardItem.get("id").toString());
        HttpResponse<String> r = api.send("POST", "/api/v1/claims/items/" + callId + "/claim", officer,
                claimBody(today().plusDays(3), List.of()));
        assertThat(r.statusCode()).as("an item closed at its source is not claimed").isEqualTo(409);
    }

    @Test
    void sixteenClaimsAtOnceMakeOneWinnerAndFifteenConflictsWithOneActiveClaim() throws Exception {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "并发认领-" + UUID.randomUUID());
        String[] tokens = {officer, chief, volunteer};
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String token = tokens[i % tokens.length];
            results.add(pool.submit(() -> {
                go.await();
                return api.send("POST", "/api/v1/claims/items/" + item + "/claim", token,
                        claimBody(today().plusDays(5), List.of()), "Accept-Language", "en");
            }));
        }
        go.countDown();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<String> conflicts = new ArrayList<>();
        for (Future<HttpResponse<String>> r : results) {
            HttpResponse<String> response = r.get(60, TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() == 409) {
                conflicts.add(ApiClient.json(response).get("detail").asText());
            }
        }
        pool.shutdown();
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        assertThat(conflicts).allMatch(d -> d.equals("Someone else has claimed this item"));
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE item_id = ?").param(item).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE item_id = ? AND state = 'ACTIVE'").param(item)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(f.state(item)).isEqualTo("CLAIMED");
        // in Chinese by default
        HttpResponse<String> zh = api.send("POST", "/api/v1/claims/items/" + item + "/claim", officer,
                claimBody(today().plusDays(5), List.of()));
        assertThat(zh.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(zh).get("detail").asText()).isEqualTo("该事项已被他人认领");
    }

    @Test
    void anExpiredClaimReturnsTheItemToTheBoardAndTheHistoryOfClaimsIsKept() throws Exception {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "逾期认领-" + UUID.randomUUID());
        String first = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                claimBody(today().plusDays(1), List.of()), 201).get("id").asText();
        assertThat(f.state(item)).isEqualTo("CLAIMED");

        MovableClock clock = new MovableClock(java.time.Instant.now(), java.time.ZoneOffset.UTC);
        ExpirySweep sweep = new ExpirySweep(board, desk, clock);
        assertThat(sweep.sweep(grid)).as("not yet due").isZero();
        clock.advance(Duration.ofDays(3));
        assertThat(sweep.sweep(grid)).isGreaterThanOrEqualTo(1);
        assertThat(f.state(item)).isEqualTo("OPEN");
        assertThat(f.send("GET", "/api/v1/claims/" + first, volunteer, null, 200).get("state").asText())
                .isEqualTo("EXPIRED");
        HttpResponse<String> late = api.send("POST", "/api/v1/claims/" + first + "/report", volunteer,
                Map.of("note", "晚了"));
        assertThat(late.statusCode()).isEqualTo(409);

        String second = f.send("POST", "/api/v1/claims/items/" + item + "/claim", officer,
                claimBody(today().plusDays(10), List.of()), 201).get("id").asText();
        assertThat(api.send("POST", "/api/v1/claims/" + second + "/give-up", volunteer, null).statusCode())
                .as("only the claimer gives up").isEqualTo(400);
        f.send("POST", "/api/v1/claims/" + second + "/give-up", officer, null, 200);
        assertThat(f.state(item)).isEqualTo("OPEN");

        JsonNode view = f.send("GET", "/api/v1/claims/items/" + item, officer, null, 200);
        assertThat(view.get("claims").findValuesAsText("state")).containsExactly("GAVE_UP", "EXPIRED");
        assertThat(view.get("item").get("state").asText()).isEqualTo("OPEN");
        assertThat(view.get("mayClaim").asBoolean()).isTrue();
        HttpResponse<String> page = api.get("/claims/items/" + item, officer, "Accept-Language", "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Incident · Help", "Given up", "Expired", "Claim");
        assertThat(api.get("/claims/items/" + item, officer).body()).contains("事项·求助", "已逾期", "已放弃");
        // the API titles its items and claims in the reader's language too (the stored title is Chinese)
        JsonNode english = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                api.get("/api/v1/claims/items/" + item, officer, "Accept-Language", "en").body());
        assertThat(english.get("item").get("title").asText()).startsWith("Incident · Help ");
        assertThat(english.get("claims").findValuesAsText("itemTitle")).hasSize(2)
                .allSatisfy(title -> assertThat(title).startsWith("Incident · Help "));
        assertThat(view.get("item").get("title").asText()).startsWith("事项·求助 ");
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE record_type = 'claim' AND record_id = ? ORDER BY seq")
                .param(first).query(String.class).list()).containsExactly("CREATE", "UPDATE");
    }

    long awards(String claimId) {
        return jdbc.sql("SELECT count(*) FROM points_award WHERE rule = 'hard-case-on-time' AND source_type = 'claim' "
                + "AND source_id = ? AND status = 'PENDING'").param(claimId).query(Long.class).single();
    }

    @Test
    void aTeamFinishingOnTimeGetsAPendingAwardEachEvenWhenTheGridChiefConfirmsAfterTheDeadline() {
        UUID grid = f.volunteersGrid();
        UUID fellow = f.fellowMember(grid);
        UUID item = f.onBoard(officer, grid, "按期办结-" + UUID.randomUUID());
        JsonNode claim = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                claimBody(today().plusDays(4), List.of(fellow)), 201);
        String id = claim.get("id").asText();
        assertThat(claim.get("members").findValuesAsText("staffId"))
                .containsExactlyInAnyOrder(f.staff("volunteer").toString(), fellow.toString());
        // the board names the claimers as a list, the lead first, for each reader to join in his language
        JsonNode onBoard = null;
        for (JsonNode i : f.send("GET", "/api/v1/claims/board?size=100&gridId=" + grid, officer, null, 200).get("items")) {
            if (i.get("id").asText().equals(item.toString())) {
                onBoard = i;
            }
        }
        assertThat(onBoard).isNotNull();
        assertThat(onBoard.get("claimers").isArray()).as(onBoard.toString()).isTrue();
        assertThat(onBoard.get("claimers")).hasSize(2);
        assertThat(onBoard.get("claimers").get(0).asText()).isEqualTo(claim.get("members").get(0).get("name").asText());
        assertThat(api.send("POST", "/api/v1/claims/" + id + "/confirm", officer, null).statusCode())
                .as("nothing reported yet").isEqualTo(409);
        assertThat(api.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", " ")).statusCode())
                .isEqualTo(400);
        f.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", "已协调解决"), 200);
        assertThat(api.send("POST", "/api/v1/claims/" + id + "/confirm", volunteer, null).statusCode())
                .as("a claimer does not confirm his own work").isEqualTo(400);
        f.send("POST", "/api/v1/claims/" + id + "/send-back", officer, Map.of("note", "请补充照片"), 200);
        f.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", "已补充照片"), 200);
        assertThat(f.send("GET", "/api/v1/claims/queue", officer, null, 200).findValuesAsText("id")).contains(id);
        JsonNode confirmed = f.send("POST", "/api/v1/claims/" + id + "/confirm", officer, null, 200);
        assertThat(confirmed.get("state").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("onTime").asBoolean()).isTrue();
        assertThat(f.state(item)).isEqualTo("DONE");
        ClaimsFixtures.await(() -> awards(id) == 2 ? Boolean.TRUE : null, "two pending awards");
        assertThat(jdbc.sql("SELECT sum(points) FROM points_award WHERE source_type = 'claim' AND source_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(60);

        // reported on its last day, confirmed two days later: finished in time all the same, and its points come
        UUID lateItem = f.onBoard(officer, grid, "逾期确认-" + UUID.randomUUID());
        String late = f.send("POST", "/api/v1/claims/items/" + lateItem + "/claim", volunteer,
                claimBody(today(), List.of(fellow)), 201).get("id").asText();
        f.send("POST", "/api/v1/claims/" + late + "/report", volunteer, Map.of("note", "做完了"), 200);
        ClaimDesk lateDesk = new ClaimDesk(board, staffDirectory, properties, events, ClaimsFixtures.daysAhead(2));
        org.fengqiao.platform.Caller officerCaller = new org.fengqiao.platform.Caller(f.staff("officer"), "officer",
                "李建国", "COMMUNITY_OFFICER", List.of(jdbc.sql("""
                        SELECT u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer'""")
                        .query(String.class).single()), java.util.Set.of("CLAIMS_READ", "CLAIMS_STATION"));
        Board.Claim lateConfirmed = tx.execute(s -> lateDesk.confirm(UUID.fromString(late), officerCaller));
        assertThat(lateConfirmed.onTime()).isTrue();
        assertThat(f.state(lateItem)).isEqualTo("DONE");
        ClaimsFixtures.await(() -> awards(late) == 2 ? Boolean.TRUE : null, "two awards of the late confirmation");
    }

    @Test
    void aReportSentBackAfterTheDeadlineGivesTheClaimersBackTheDaysItWaitedInsteadOfExpiringUnderThem() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "退回延期-" + UUID.randomUUID());
        String id = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                claimBody(today().plusDays(1), List.of()), 201).get("id").asText();
        f.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", "做完了"), 200);
        java.time.Instant due = jdbc.sql("SELECT deadline FROM claim WHERE id = ?").param(UUID.fromString(id))
                .query(java.time.OffsetDateTime.class).single().toInstant();

        // the chief decides three days after the report, when the deadline has passed
        MovableClock later = ClaimsFixtures.daysAhead(3);
        ClaimDesk laterDesk = new ClaimDesk(board, staffDirectory, properties, events, later);
        org.fengqiao.platform.Caller officerCaller = new org.fengqiao.platform.Caller(f.staff("officer"), "officer",
                "李建国", "COMMUNITY_OFFICER", List.of(jdbc.sql("""
                        SELECT u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer'""")
                        .query(String.class).single()), java.util.Set.of("CLAIMS_READ", "CLAIMS_STATION"));
        Board.Claim sentBack = tx.execute(s -> laterDesk.sendBack(UUID.fromString(id), "请补充照片", officerCaller));
        assertThat(sentBack.state()).isEqualTo(Board.ClaimState.ACTIVE);
        assertThat(sentBack.deadline().toInstant()).as("the three days the report waited, given back")
                .isEqualTo(due.plus(Duration.ofDays(3)));

        ExpirySweep sweep = new ExpirySweep(board, laterDesk, later);
        sweep.sweep(grid);
        assertThat(f.send("GET", "/api/v1/claims/" + id, volunteer, null, 200).get("state").asText())
                .as("still the claimers' to finish").isEqualTo("ACTIVE");
        assertThat(f.state(item)).isEqualTo("CLAIMED");

        // past the deadline given back, the claim expires as any other
        later.advance(Duration.ofDays(4));
        assertThat(sweep.sweep(grid)).isGreaterThanOrEqualTo(1);
        assertThat(f.send("GET", "/api/v1/claims/" + id, volunteer, null, 200).get("state").asText())
                .isEqualTo("EXPIRED");
    }

    @Test
    void theBoardItsItemPageAndTheLedgerNameAnIncidentByItsReferenceNeverByTheResidentsTrackingCode() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "追踪码不外泄-" + UUID.randomUUID());
        UUID incident = jdbc.sql("SELECT source_id FROM claim_item WHERE id = ?").param(item).query(UUID.class).single();
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = ?").param(incident).query(String.class)
                .single();
        String reference = jdbc.sql("""
                SELECT 'SJ-' || lpad(number::text, 8, '0') FROM incident_reference WHERE incident_id = ?""")
                .param(incident).query(String.class).single();
        assertThat(reference).matches("SJ-\\d{8}");

        String boardApi = f.send("GET", "/api/v1/claims/board?size=100&gridId=" + grid, volunteer, null, 200).toString();
        String itemApi = f.send("GET", "/api/v1/claims/items/" + item, volunteer, null, 200).toString();
        String boardPage = api.get("/claims?gridId=" + grid, volunteer).body();
        String itemPage = api.get("/claims/items/" + item, volunteer).body();
        for (String read : List.of(boardApi, itemApi, boardPage, itemPage)) {
            assertThat(read).contains(reference).doesNotContain(code);
        }
        // staff who handle incidents still reach the incident (and its code there) from the item
        assertThat(api.get("/claims/items/" + item, officer).body()).contains("/incidents/" + incident, reference)
                .doesNotContain(code);

        String id = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                claimBody(today().plusDays(3), List.of()), 201).get("id").asText();
        assertThat(f.send("GET", "/api/v1/claims/mine", volunteer, null, 200).toString()).contains(reference)
                .doesNotContain(code);
        f.send("POST", "/api/v1/claims/" + id + "/report", volunteer, Map.of("note", "已办结"), 200);
        f.send("POST", "/api/v1/claims/" + id + "/confirm", officer, null, 200);
        ClaimsFixtures.await(() -> awards(id) == 1 ? Boolean.TRUE : null, "the volunteer's pending award");
        String award = jdbc.sql("SELECT id::text FROM points_award WHERE source_type = 'claim' AND source_id = ?")
                .param(id).query(String.class).single();
        f.send("POST", "/api/v1/points/awards/" + award + "/approve", officer, null, 200);
        String ledger = f.send("GET", "/api/v1/points/me", volunteer, null, 200).toString();
        assertThat(ledger).contains(reference).doesNotContain(code);
        assertThat(api.get("/points", volunteer).body()).contains(reference).doesNotContain(code);

        // rows written before held the code: V158 rewrites them to the reference then derived from the id (the MD5's
        // digits, which V166 keeps as the incident's number unless an earlier report holds them), keeping the rest
        String derived = jdbc.sql("""
                SELECT 'SJ-' || lpad(((('x' || substr(md5(CAST(? AS text)), 1, 12))::bit(48)::bigint)
                                      % 100000000)::text, 8, '0')""")
                .param(incident.toString()).query(String.class).single();
        String title = jdbc.sql("SELECT title FROM claim_item WHERE id = ?").param(item).query(String.class).single();
        jdbc.sql("UPDATE claim_item SET source_code = ?, title = ? WHERE id = ?")
                .params(code, title.replace(reference, code), item).update();
        jdbc.sql("UPDATE points_award SET note = ? WHERE id = ?::uuid").params("见 " + code + " 照片", award).update();
        jdbc.sql("ALTER TABLE points_entry DISABLE TRIGGER points_entry_append_only").update();
        jdbc.sql("UPDATE points_entry SET note = ? WHERE award_id = ?::uuid").params("见 " + code + " 照片", award).update();
        jdbc.sql("ALTER TABLE points_entry ENABLE TRIGGER points_entry_append_only").update();
        try (java.sql.Connection c = dataSource.getConnection()) {
            org.springframework.jdbc.datasource.init.ScriptUtils.executeSqlScript(c, new ClassPathResource(
                    "db/migration/V158__incident_references_and_points_form_keys.sql"));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(jdbc.sql("SELECT source_code || '|' || title FROM claim_item WHERE id = ?").param(item)
                .query(String.class).single()).isEqualTo(derived + "|" + title.replace(reference, derived));
        assertThat(jdbc.sql("SELECT note FROM points_award WHERE id = ?::uuid").param(award).query(String.class)
                .single()).isEqualTo("见 " + derived + " 照片");
        assertThat(jdbc.sql("SELECT note FROM points_entry WHERE award_id = ?::uuid").param(award).query(String.class)
                .single()).isEqualTo("见 " + derived + " 照片");
        // put back as the board names it now, for the tests that read the board after this one
        jdbc.sql("UPDATE claim_item SET source_code = ?, title = ? WHERE id = ?").params(reference, title, item)
                .update();
    }

    @Test
    void anItemOrClaimOutsideTheSubtreeIsNotFoundOnEveryEndpointAndTheBureauSeesBoth() {
        UUID mine = f.onBoard(officer, f.grid("FS-1-04"), "范围甲-" + UUID.randomUUID());
        UUID theirs = f.onBoard(officer2, f.grid("NS-1-01"), "范围乙-" + UUID.randomUUID());
        String myClaim = f.send("POST", "/api/v1/claims/items/" + mine + "/claim", officer,
                claimBody(today().plusDays(3), List.of()), 201).get("id").asText();
        String theirClaim = f.send("POST", "/api/v1/claims/items/" + theirs + "/claim", officer2,
                claimBody(today().plusDays(3), List.of()), 201).get("id").asText();
        for (String[] c : new String[][] {{mine.toString(), myClaim, officer2}, {theirs.toString(), theirClaim, officer}}) {
            assertThat(api.get("/api/v1/claims/items/" + c[0], c[2]).statusCode()).isEqualTo(404);
            assertThat(api.send("POST", "/api/v1/claims/items/" + c[0] + "/claim", c[2],
                    claimBody(today().plusDays(3), List.of())).statusCode()).isEqualTo(404);
            assertThat(api.get("/api/v1/claims/" + c[1], c[2]).statusCode()).isEqualTo(404);
            for (String action : List.of("give-up", "report", "confirm", "send-back")) {
                assertThat(api.send("POST", "/api/v1/claims/" + c[1] + "/" + action, c[2], Map.of("note", "越权"))
                        .statusCode()).as(action).isEqualTo(404);
            }
            assertThat(api.get("/claims/items/" + c[0], c[2]).statusCode()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/claims/items/" + UUID.randomUUID(), bureau).statusCode()).isEqualTo(404);
        assertThat(f.send("GET", "/api/v1/claims/items/" + mine, bureau, null, 200).get("item").get("id").asText())
                .isEqualTo(mine.toString());
        assertThat(f.send("GET", "/api/v1/claims/" + theirClaim, bureau, null, 200).get("state").asText())
                .isEqualTo("ACTIVE");
        assertThat(api.get("/api/v1/claims/board?size=100&state=CLAIMED", officer).body()).contains(mine.toString())
                .doesNotContain(theirs.toString());
        assertThat(jdbc.sql("SELECT state FROM claim WHERE id IN (?, ?)").params(UUID.fromString(myClaim),
                UUID.fromString(theirClaim)).query(String.class).list()).containsOnly("ACTIVE");
    }

    @Test
    void badInputIsRefusedInTheCallersLanguageAndNothingIsClaimed() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "坏输入-" + UUID.randomUUID());
        HttpResponse<String> en = api.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", today().plusDays(31).toString(), "coClaimers", List.of(f.staff("officer2"))),
                "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(en).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("due", "coClaimers[0]");
        assertThat(errors.toString()).contains("between today and 30 days ahead", "people of this grid");
        HttpResponse<String> zh = api.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer, Map.of());
        assertThat(ApiClient.json(zh).get("errors").findValuesAsText("field")).containsExactly("due");
        // officer2 sees nothing of the rural grid: 404; a grid member of another grid may not claim
        UUID otherGrid = jdbc.sql("""
                SELECT g.id FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.network = 'POLICE' AND g.code LIKE 'FS-%'
                  AND NOT EXISTS (SELECT 1 FROM grid_role r JOIN staff s ON s.id = r.staff_id
                                  WHERE r.grid_id = g.id AND s.username = 'volunteer') ORDER BY g.code LIMIT 1""")
                .query(UUID.class).single();
        UUID elsewhere = f.onBoard(officer, otherGrid, "别格-" + UUID.randomUUID());
        // the volunteer sees only the grids she serves (each under its own work point): another grid's item is 404
        HttpResponse<String> notHis = api.send("POST", "/api/v1/claims/items/" + elsewhere + "/claim", volunteer,
                claimBody(today().plusDays(2), List.of()), "Accept-Language", "en");
        assertThat(notHis.statusCode()).isEqualTo(404);
        // a grid member who serves no grid yet sees his whole office, and may not claim where he is not on the roster
        String username = "claims-nogrid-" + UUID.randomUUID().toString().substring(0, 8);
        staffDirectory.register(jdbc.sql("SELECT unit_id FROM staff WHERE username = 'volunteer'")
                .query((rs, n) -> new org.fengqiao.jurisdiction.UnitId(rs.getObject(1, UUID.class))).single(),
                org.fengqiao.account.StaffRole.GRID_MEMBER, "未分网格员", null, null, "村民组长", username, "Qiao-Test-2026");
        String unplaced = api.token(username, "Qiao-Test-2026");
        HttpResponse<String> notOnRoster = api.send("POST", "/api/v1/claims/items/" + elsewhere + "/claim", unplaced,
                claimBody(today().plusDays(2), List.of()), "Accept-Language", "en");
        assertThat(notOnRoster.statusCode()).isEqualTo(400);
        assertThat(notOnRoster.body()).contains("not on this grid's roster");
        // his own grids only, or all he may see
        assertThat(api.get("/api/v1/claims/board?size=100&mine=true&kind=INCIDENT&state=OPEN", volunteer).body())
                .contains(item.toString()).doesNotContain(elsewhere.toString());
        assertThat(api.get("/api/v1/claims/board?size=100&mine=false&gridId=" + otherGrid, volunteer).body())
                .doesNotContain(elsewhere.toString());
        assertThat(api.get("/api/v1/claims/board?size=100&mine=false&gridId=" + otherGrid, unplaced).body())
                .contains(elsewhere.toString());
        assertThat(api.get("/claims", volunteer).body()).contains(item.toString()).doesNotContain(elsewhere.toString());
        assertThat(jdbc.sql("SELECT count(*) FROM claim WHERE item_id IN (?, ?)").params(item, elsewhere)
                .query(Long.class).single()).isZero();
        assertThat(f.state(item)).isEqualTo("OPEN");
    }

    @Test
    void aDisputePushedBy110StandsOnTheBoardOnceAsItsMediationCase() {
        UUID grid = f.volunteersGrid();
        Map<String, Object> push = new java.util.HashMap<>();
        push.put("caseNumber", "110-CLAIM-" + UUID.randomUUID());
        push.put("category", "DISPUTE");
        push.put("description", "110推送：邻里争吵" + UUID.randomUUID());
        push.put("gridId", grid);
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID incident = UUID.fromString(ApiClient.json(r).get("incident").get("id").asText());
        UUID dispute = ClaimsFixtures.await(() -> jdbc.sql("SELECT id FROM dispute_case WHERE incident_id = ?")
                .param(incident).query(UUID.class).optional().orElse(null), "the mediation case");
        ClaimsFixtures.await(() -> jdbc.sql("""
                SELECT NOT EXISTS (SELECT 1 FROM event_publication WHERE completion_date IS NULL
                  AND serialized_event LIKE ?)""").param("%" + incident + "%").query(Boolean.class).single()
                ? Boolean.TRUE : null, "the incident's events handled");
        f.upkeep(ClaimsFixtures.daysAhead(8)).sweep(grid);
        assertThat(f.item(dispute).get("source_kind")).isEqualTo("DISPUTE");
        assertThat(jdbc.sql("SELECT count(*) FROM claim_item WHERE source_id = ?").param(incident).query(Long.class)
                .single()).as("not also as the incident, once it is old enough").isZero();
    }

    @Test
    void theDemoDistrictHasOldItemsOnTheBoardOneClaimedAndOneCompletedOnTimeWithItsPendingAwards() {
        List<Map<String, Object>> demo = jdbc.sql("""
                SELECT i.source_kind, i.state, c.state AS claim_state, c.on_time, c.id AS claim_id
                FROM claim_item i JOIN incident inc ON inc.id = i.source_id
                LEFT JOIN claim c ON c.item_id = i.id
                WHERE inc.description LIKE '吴场村三组废弃机井%' OR inc.description LIKE '吴场村二组村道旁电线杆%'
                ORDER BY inc.description""").query().listOfRows();
        assertThat(demo).hasSize(2);
        assertThat(demo).extracting(m -> m.get("source_kind")).containsOnly("HAZARD");
        Map<String, Object> done = demo.stream().filter(m -> "DONE".equals(m.get("state"))).findFirst().orElseThrow();
        assertThat(done.get("claim_state")).isEqualTo("CONFIRMED");
        assertThat(done.get("on_time")).isEqualTo(true);
        assertThat(demo).anyMatch(m -> "CLAIMED".equals(m.get("state")) && "ACTIVE".equals(m.get("claim_state")));
        // the well's claim was completed and confirmed: its incident is resolved with the claimers' report, not left
        // open and escalated to the bureau
        assertThat(jdbc.sql("SELECT status FROM incident WHERE description LIKE '吴场村三组废弃机井%'")
                .query(String.class).single()).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("""
                SELECT e.reason FROM incident_event e JOIN incident inc ON inc.id = e.incident_id
                WHERE inc.description LIKE '吴场村三组废弃机井%' AND e.kind = 'RESOLVED'""").query(String.class).list())
                .containsExactly("incident.resolve.completedByClaim");
        ClaimsFixtures.await(() -> awards(done.get("claim_id").toString()) >= 2 ? Boolean.TRUE : null,
                "the demo's pending awards");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM claim_item i JOIN dispute_case d ON d.id = i.source_id
                WHERE i.state = 'OPEN' AND d.summary LIKE '两户因宅基地滴水檐%'""").query(Long.class).single())
                .as("an old dispute waits on the board").isEqualTo(1);
    }

    /** The notice a page shows after a form, as the reader sees it. */
    static String notice(HttpResponse<String> page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<p class=\"notice\"[^>]*>(.*?)</p>")
                .matcher(page.body());
        return m.find() ? org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)) : null;
    }

    /** Posts an action's form from the item page and answers the notice of the page it leads back to. */
    String act(ApiClient session, UUID item, String action, Map<String, String> fields) {
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("_csrf", session.csrfFrom("/claims/items/" + item));
        HttpResponse<String> posted = session.form(action, form);
        assertThat(posted.statusCode()).as(action + ": " + posted.body()).isEqualTo(302);
        java.net.URI to = java.net.URI.create(posted.headers().firstValue("Location").orElseThrow());
        return notice(session.get(to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery()), null));
    }

    UUID liveClaim(UUID item) {
        return jdbc.sql("SELECT id FROM claim WHERE item_id = ? AND state IN ('ACTIVE', 'REPORTED')").param(item)
                .query(UUID.class).single();
    }

    /**
     * After each action on the item page its notice says what was done, never the button's words read back as if still
     * asking ("Report done", "Confirm completion"): each action has its own message, in the reader's language.
     */
    @Test
    void eachActionOnTheItemPageSaysWhatWasDoneNotWhatTheButtonAsked() {
        UUID grid = f.volunteersGrid();
        Map<String, List<String>> expected = Map.of(
                "zh-CN", List.of("认领成功", "已报告完成，等待网格长确认", "已退回认领人继续办理",
                        "已确认完成，事项已办结", "已放弃认领，事项回到清单"),
                "en", List.of("Claimed",
                        "Reported done; waiting for the grid chief's confirmation",
                        "Sent back to the claimers to carry on", "Completion confirmed: the case is closed",
                        "Given up: the item is back on the board"));
        for (String language : List.of("zh-CN", "en")) {
            List<String> said = expected.get(language);
            ApiClient member = new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, language);
            ApiClient gridChief = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, language);
            UUID item = f.onBoard(officer, grid, "操作提示-" + UUID.randomUUID());
            Map<String, String> claim = Map.of("due", today().plusDays(3).toString(), "note", "我来");
            assertThat(act(member, item, "/claims/items/" + item + "/claim", claim)).isEqualTo(said.get(0));
            UUID id = liveClaim(item);
            assertThat(act(member, item, "/claims/" + id + "/report", Map.of("note", "已办完"))).isEqualTo(said.get(1));
            assertThat(act(gridChief, item, "/claims/" + id + "/send-back", Map.of("note", "请补充照片")))
                    .isEqualTo(said.get(2));
            act(member, item, "/claims/" + id + "/report", Map.of("note", "已补充"));
            assertThat(act(gridChief, item, "/claims/" + id + "/confirm", Map.of())).isEqualTo(said.get(3));
            assertThat(f.state(item)).isEqualTo("DONE");

            UUID other = f.onBoard(officer, grid, "放弃提示-" + UUID.randomUUID());
            act(member, other, "/claims/items/" + other + "/claim", claim);
            assertThat(act(member, other, "/claims/" + liveClaim(other) + "/give-up", Map.of()))
                    .isEqualTo(said.get(4));
        }
    }

    /**
     * The board tells how far behind a grid is: each row shows how many days its item has stood on the board, and
     * above the list how many items stand open, claimed, done and closed under the same filters (each a link to that
     * state's list), in the reader's language; the counts are of the caller's scope only.
     */
    @Test
    void theBoardShowsEachItemsDaysOnTheBoardAndHowManyItemsStandInEachState() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "清单天数-" + UUID.randomUUID());
        // at noon in Beijing five days back: the page counts Beijing's days, so an hour off now would count six
        // between midnight and 01:00 there
        jdbc.sql("""
                UPDATE claim_item SET on_board_at = ((now() AT TIME ZONE 'Asia/Shanghai')::date - 5 + time '12:00')
                    AT TIME ZONE 'Asia/Shanghai' WHERE id = ?""")
                .param(item).update();
        assertThat(boardRow(officer, grid, item, "zh-CN")).contains("<td class=\"days-on-board\"", ">5天</td>");
        assertThat(boardRow(officer, grid, item, "en")).contains(">5 days</td>");

        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        for (String state : List.of("OPEN", "CLAIMED", "DONE", "CLOSED")) {
            expected.put(state, jdbc.sql("SELECT count(*) FROM claim_item WHERE grid_id = ? AND state = ?")
                    .params(grid, state).query(Long.class).single());
        }
        assertThat(expected.get("OPEN")).isPositive();
        String page = api.get("/claims?mine=false&gridId=" + grid, officer).body();
        assertThat(page).contains("data-state=\"OPEN\"", "待认领 " + expected.get("OPEN") + "</a>",
                "认领中 " + expected.get("CLAIMED") + "</a>", "已办结 " + expected.get("DONE") + "</a>",
                "来源已办结 " + expected.get("CLOSED") + "</a>");
        assertThat(api.get("/claims?mine=false&gridId=" + grid, officer, "Accept-Language", "en").body())
                .contains("Unclaimed: " + expected.get("OPEN") + "</a>");
        JsonNode counts = f.send("GET", "/api/v1/claims/board?gridId=" + grid, officer, null, 200).get("counts");
        for (var e : expected.entrySet()) {
            assertThat(counts.get(e.getKey()).asLong()).as(e.getKey()).isEqualTo(e.getValue());
        }

        // claimed, the item counts as claimed and no longer as open
        f.send("POST", "/api/v1/claims/items/" + item + "/claim", officer, claimBody(today().plusDays(3), List.of()),
                201);
        JsonNode after = f.send("GET", "/api/v1/claims/board?gridId=" + grid, officer, null, 200).get("counts");
        assertThat(after.get("OPEN").asLong()).isEqualTo(expected.get("OPEN") - 1);
        assertThat(after.get("CLAIMED").asLong()).isEqualTo(expected.get("CLAIMED") + 1);

        // another station's officer counts nothing of a grid outside his scope
        JsonNode theirs = f.send("GET", "/api/v1/claims/board?gridId=" + grid, officer2, null, 200).get("counts");
        for (String state : List.of("OPEN", "CLAIMED", "DONE", "CLOSED")) {
            assertThat(theirs.get(state).asLong()).as(state).isZero();
        }
        assertThat(api.get("/claims?mine=false&gridId=" + grid, officer2).body()).contains("待认领 0</a>");
    }

    /**
     * An item stands on the board from the day it came of age (its opening plus the board's age), whenever the sweep
     * first saw it: on a new instance, or the demo district loaded today, the first sweep finds items weeks past their
     * age, and the board listed an item opened two weeks ago as "0天" on it.
     */
    @Test
    void anItemFirstSweptLongAfterItCameOfAgeCountsItsDaysFromThen() {
        UUID grid = f.volunteersGrid();
        UUID source = f.incident(officer, grid, "HELP", "晚扫-" + UUID.randomUUID());
        long age = properties.ageOf(Board.Kind.INCIDENT).toDays();
        // received at noon in Beijing, the age and four days back: four whole days past its age today
        jdbc.sql("""
                UPDATE incident SET received_at = ((now() AT TIME ZONE 'Asia/Shanghai')::date - ? + time '12:00')
                    AT TIME ZONE 'Asia/Shanghai' WHERE id = ?""")
                .params((int) age + 4, source).update();
        f.upkeep(java.time.Clock.systemUTC()).sweep(grid);
        UUID item = (UUID) f.item(source).get("id");
        assertThat(f.state(item)).isEqualTo("OPEN");

        assertThat(boardRow(officer, grid, item, "zh-CN")).contains("<td class=\"days-on-board\"", ">4天</td>");
        assertThat(boardRow(officer, grid, item, "en")).contains(">4 days</td>");
    }

    /**
     * A case done no longer waits: its days on the board stop the day its completion was confirmed, on the board's
     * list of done cases as on its page, instead of counting on for ever after.
     */
    @Test
    void aDoneItemStopsCountingItsDaysOnTheBoardTheDayItsCompletionWasConfirmed() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "办结天数-" + UUID.randomUUID());
        jdbc.sql("""
                UPDATE claim_item SET on_board_at = ((now() AT TIME ZONE 'Asia/Shanghai')::date - 5 + time '12:00')
                    AT TIME ZONE 'Asia/Shanghai' WHERE id = ?""")
                .param(item).update();
        String claim = f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                claimBody(today().plusDays(3), List.of()), 201).get("id").asText();
        f.send("POST", "/api/v1/claims/" + claim + "/report", volunteer, Map.of("note", "已办结"), 200);
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", officer, null, 200);
        // confirmed three days back: two days after it went up
        jdbc.sql("""
                UPDATE claim SET decided_at = ((now() AT TIME ZONE 'Asia/Shanghai')::date - 3 + time '12:00')
                    AT TIME ZONE 'Asia/Shanghai' WHERE id = ?::uuid""")
                .param(claim).update();

        assertThat(boardRow(officer, grid, item, "zh-CN", "DONE")).contains(">2天</td>");
        assertThat(boardRow(officer, grid, item, "en", "DONE")).contains(">2 days</td>");
    }

    String boardRow(String token, UUID grid, UUID item, String language) {
        return boardRow(token, grid, item, language, "OPEN");
    }

    /** The row of an item on the board page of its grid (items of a state, oldest first), from whichever page holds it. */
    String boardRow(String token, UUID grid, UUID item, String language, String state) {
        for (int p = 1; p < 100; p++) {
            HttpResponse<String> r = api.get("/claims?mine=false&state=" + state + "&gridId=" + grid + "&page=" + p, token,
                    "Accept-Language", language);
            assertThat(r.statusCode()).isEqualTo(200);
            int at = r.body().indexOf("<tr data-id=\"" + item + "\"");
            if (at >= 0) {
                return r.body().substring(at, r.body().indexOf("</tr>", at));
            }
        }
        throw new AssertionError("item " + item + " not on the board");
    }
}
