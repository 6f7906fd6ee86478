package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.claims.internal.ExpirySweep;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Work waiting for someone reaches his inbox (events from claims and points to notification): the grid chief hears of
 * a claimed hard case reported done and awaiting his confirmation, the claimers of one he sent back, and the grid
 * chief of each points award awaiting his approval; each entry in the reader's language, within his scope only, and
 * closed once the decision is made.
 */
class WorkWaitingInboxIntegrationTests extends IntegrationTest {

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
    Jurisdictions jurisdictions;

    ApiClient api;
    ClaimsFixtures f;
    String officer;
    String officer2;
    String volunteer;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        f = new ClaimsFixtures(api, jdbc, board, incidentFacts, disputeFacts, staffDirectory, properties, messages);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        volunteer = api.token("volunteer", DEMO_PASSWORD);
    }

    /**
     * The caller's inbox entries about a record, in a language, from every page of his inbox: in the suite the officer,
     * grid chief of the demo's grids, holds hundreds of entries, some dated ahead by the sweeps' tests' moved clocks.
     */
    List<JsonNode> entries(String token, UUID record, String language) {
        List<JsonNode> found = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode items = ApiClient.json(api.get("/api/v1/inbox?size=100&page=" + page, token,
                    "Accept-Language", language)).get("items");
            if (items.isEmpty()) {
                return found;
            }
            for (JsonNode e : items) {
                if (e.path("recordId").asText().equals(record.toString())) {
                    found.add(e);
                }
            }
        }
    }

    @Test
    void theGridChiefHearsOfAReportedHardCaseAndOfTheAwardsItEarnsAndEachEntryClosesOnceDecided() {
        UUID grid = f.volunteersGrid();
        UUID chief = f.staff("officer");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(staffDirectory.headsGrid(new GridId(grid), new StaffId(chief), today)).isTrue();
        UUID item = f.onBoard(officer, grid, "待确认提醒-" + UUID.randomUUID());
        String code = (String) jdbc.sql("SELECT source_code FROM claim_item WHERE id = ?").param(item).query()
                .singleRow().get("source_code");
        UUID claim = UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString(), "note", "我来"), 201)
                .get("id").asText());
        assertThat(entries(officer, claim, "zh-CN")).as("nothing before the report").isEmpty();

        f.send("POST", "/api/v1/claims/" + claim + "/report", volunteer, Map.of("note", "已上门协调\n双方和好"), 200);
        List<JsonNode> waiting = entries(officer, claim, "zh-CN");
        assertThat(waiting).hasSize(1);
        JsonNode entry = waiting.get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("HARD_CASE_REPORTED");
        assertThat(entry.get("unread").asBoolean()).isTrue();
        assertThat(entry.get("link").asText()).isEqualTo("/claims/items/" + item);
        assertThat(entry.get("title").asText()).isEqualTo("认领的疑难案事件 " + code + "（事项）已报办结，待您确认或退回");
        assertThat(entry.get("reason").asText()).isEqualTo("已上门协调 双方和好");
        assertThat(entries(officer, claim, "en").get(0).get("title").asText())
                .isEqualTo("Claimed hard case " + code + " (Incident) was reported done and awaits your confirmation");
        assertThat(api.get(entry.get("link").asText(), officer).statusCode()).as("the link opens the item")
                .isEqualTo(200);
        assertThat(entries(volunteer, claim, "zh-CN")).as("the claimer is not asked to decide").isEmpty();
        assertThat(entries(officer2, claim, "zh-CN")).as("another station's officer hears nothing").isEmpty();

        // sent back: the chief's entry is closed, the claimer hears of it with the chief's words
        f.send("POST", "/api/v1/claims/" + claim + "/send-back", officer, Map.of("note", "请补充照片"), 200);
        assertThat(entries(officer, claim, "zh-CN")).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("decided").isFalse());
        JsonNode back = entries(volunteer, claim, "zh-CN").get(0);
        assertThat(back.get("kind").asText()).isEqualTo("HARD_CASE_SENT_BACK");
        assertThat(back.get("title").asText()).isEqualTo("您认领的疑难案事件 " + code + "（事项）被退回，请继续办理");
        assertThat(back.get("reason").asText()).isEqualTo("请补充照片");

        // reported again: a new entry waits; confirmed, it is closed
        f.send("POST", "/api/v1/claims/" + claim + "/report", volunteer, Map.of("note", "已补充照片"), 200);
        assertThat(entries(officer, claim, "zh-CN")).filteredOn(e -> e.get("unread").asBoolean()).hasSize(1);
        assertThat(entries(volunteer, claim, "zh-CN")).as("carried on with: nothing more asked of the claimer")
                .singleElement().satisfies(e -> assertThat(e.get("unread").asBoolean()).isFalse());
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", officer, null, 200);
        assertThat(entries(officer, claim, "zh-CN")).hasSize(2).allMatch(e -> !e.get("unread").asBoolean());

        // the completion on time earns the volunteer a pending award: the grid chief is asked to approve it
        UUID award = ClaimsFixtures.await(() -> jdbc.sql("""
                SELECT id FROM points_award WHERE source_type = 'claim' AND source_id = ? AND status = 'PENDING'""")
                .param(claim.toString()).query(UUID.class).optional().orElse(null), "the pending award");
        JsonNode pending = ClaimsFixtures.await(() -> entries(officer, award, "zh-CN").stream().findFirst()
                .orElse(null), "the award's entry");
        String holder = jdbc.sql("SELECT name FROM staff WHERE username = 'volunteer'").query(String.class).single();
        assertThat(pending.get("kind").asText()).isEqualTo("POINTS_AWARD_PENDING");
        assertThat(pending.get("unread").asBoolean()).isTrue();
        assertThat(pending.get("link").asText()).isEqualTo("/points/approvals");
        assertThat(pending.get("title").asText()).isEqualTo(holder + " 的积分奖励（认领疑难案事件按期办结）待您审批");
        assertThat(entries(officer, award, "en").get(0).get("title").asText())
                .startsWith("A points award to " + holder + " (").endsWith(") awaits your approval");
        assertThat(entries(volunteer, award, "zh-CN")).as("not the holder").isEmpty();
        assertThat(entries(officer2, award, "zh-CN")).as("not outside the grid's station").isEmpty();
        f.send("POST", "/api/v1/points/awards/" + award + "/approve", officer, Map.of(), 200);
        assertThat(entries(officer, award, "zh-CN")).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("approved").isFalse());
    }

    /**
     * A hard case's claim and the award it earns lie where their grid lies now: the grid placed under another
     * workstation, the grid chief seated at the one it left, who can no longer open the case nor the award, no longer
     * finds their entries, counts them nor opens them; placed back, they are there again as he left them.
     */
    @Test
    void entriesAboutAClaimAndItsAwardFollowTheirGridToAnotherWorkstation() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        String n = NotificationFixtures.unique();
        Unit left = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-H-WSA-" + n, "认领迁出站" + n, "320722");
        Unit joined = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-H-WSB-" + n, "认领迁入站" + n,
                "320722");
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-H-V-" + n, "认领村" + n,
                null, null, null);
        double lon = 90 + new java.util.Random().nextInt(900) / 100.0;
        double lat = 20 + new java.util.Random().nextInt(900) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.004, lat, lon + 0.004, lat + 0.004, lon, lat + 0.004, lon, lat);
        UUID grid = jurisdictions.createGrid(village.id(), left.id(), GridNetwork.POLICE, "IT-H-G-" + n, "认领网格" + n,
                square, null, null, null).id().value();
        Staff chief = staffDirectory.register(left.id(), StaffRole.COMMUNITY_OFFICER, "认领网格长" + n, null, null,
                "社区民警", "htchief" + n, DEMO_PASSWORD);
        Staff manager = staffDirectory.register(office.id(), StaffRole.AUXILIARY_POLICE, "认领管理员" + n, null, null,
                "辅警", "htmgr" + n, DEMO_PASSWORD);
        staffDirectory.assignGridRole(new GridId(grid), chief.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
        staffDirectory.assignGridRole(new GridId(grid), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        String chiefToken = api.token("htchief" + n, DEMO_PASSWORD);
        String managerToken = api.token("htmgr" + n, DEMO_PASSWORD);

        UUID item = f.onBoard(managerToken, grid, "随网格迁-" + UUID.randomUUID());
        UUID claim = UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", managerToken,
                Map.of("due", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString(), "note", "我来"), 201)
                .get("id").asText());
        f.send("POST", "/api/v1/claims/" + claim + "/report", managerToken, Map.of("note", "已办结"), 200);
        JsonNode reported = entries(chiefToken, claim, "zh-CN").get(0);
        assertThat(reported.get("kind").asText()).isEqualTo("HARD_CASE_REPORTED");
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", chiefToken, null, 200);
        UUID award = ClaimsFixtures.await(() -> jdbc.sql("""
                SELECT id FROM points_award WHERE source_type = 'claim' AND source_id = ? AND status = 'PENDING'""")
                .param(claim.toString()).query(UUID.class).optional().orElse(null), "the pending award");
        JsonNode pending = ClaimsFixtures.await(() -> entries(chiefToken, award, "zh-CN").stream().findFirst()
                .orElse(null), "the award's entry");
        assertThat(pending.get("unread").asBoolean()).isTrue();
        long unread = ApiClient.json(api.get("/api/v1/inbox", chiefToken)).get("unread").asLong();

        jurisdictions.placeGrid(new GridId(grid), joined.id());
        assertThat(api.get("/claims/items/" + item, chiefToken).statusCode()).as("no longer his to open").isEqualTo(404);
        assertThat(api.get("/api/v1/points/awards/" + award, chiefToken).statusCode()).as("no longer his to approve")
                .isEqualTo(404);
        assertThat(entries(chiefToken, claim, "zh-CN")).isEmpty();
        assertThat(entries(chiefToken, award, "zh-CN")).isEmpty();
        // all he was told of lies in the grid (the award, the incident filed in it): nothing is counted for him now
        assertThat(unread).isPositive();
        assertThat(ApiClient.json(api.get("/api/v1/inbox", chiefToken)).get("unread").asLong()).isZero();
        assertThat(api.send("POST", "/api/v1/inbox/" + pending.get("id").asText() + "/read", chiefToken, null)
                .statusCode()).isEqualTo(404);

        jurisdictions.placeGrid(new GridId(grid), left.id());
        assertThat(entries(chiefToken, claim, "zh-CN")).singleElement()
                .satisfies(e -> assertThat(e.get("id").asText()).isEqualTo(reported.get("id").asText()));
        assertThat(entries(chiefToken, award, "zh-CN")).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isTrue());
        assertThat(ApiClient.json(api.get("/api/v1/inbox", chiefToken)).get("unread").asLong()).isEqualTo(unread);
    }

    /**
     * The grid chief claims a hard case of his own grid: he may not confirm it, so the station chief above, who
     * decides it, is asked to; and the award it earns the grid chief waits for the station chief's approval too.
     */
    @Test
    void workTheGridChiefMayNotDecideWaitsForTheStationChiefAbove() {
        UUID grid = f.volunteersGrid();
        String stationChief = api.token("chief", DEMO_PASSWORD);
        UUID item = f.onBoard(officer, grid, "网格长自领-" + UUID.randomUUID());
        UUID claim = UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", officer,
                Map.of("due", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3).toString(), "note", "我来"), 201)
                .get("id").asText());
        f.send("POST", "/api/v1/claims/" + claim + "/report", officer, Map.of("note", "已办结"), 200);
        assertThat(entries(officer, claim, "zh-CN")).as("the claimer decides nothing").isEmpty();
        assertThat(entries(stationChief, claim, "zh-CN")).as("the station chief decides it").singleElement()
                .satisfies(e -> {
                    assertThat(e.get("kind").asText()).isEqualTo("HARD_CASE_REPORTED");
                    assertThat(e.get("unread").asBoolean()).isTrue();
                });
        assertThat(entries(officer2, claim, "zh-CN")).as("another station's officer hears nothing").isEmpty();
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", stationChief, null, 200);
        assertThat(entries(stationChief, claim, "zh-CN")).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("confirmed").isFalse());

        UUID award = ClaimsFixtures.await(() -> jdbc.sql("""
                SELECT id FROM points_award WHERE source_type = 'claim' AND source_id = ? AND status = 'PENDING'""")
                .param(claim.toString()).query(UUID.class).optional().orElse(null), "the pending award");
        JsonNode pending = ClaimsFixtures.await(() -> entries(stationChief, award, "zh-CN").stream().findFirst()
                .orElse(null), "the award's entry for the station chief");
        assertThat(pending.get("kind").asText()).isEqualTo("POINTS_AWARD_PENDING");
        assertThat(entries(officer, award, "zh-CN")).as("not the holder").isEmpty();
        f.send("POST", "/api/v1/points/awards/" + award + "/approve", stationChief, Map.of(), 200);
        assertThat(entries(stationChief, award, "zh-CN").get(0).get("unread").asBoolean()).as("approved").isFalse();
    }

    @Test
    void anAwardProposedByHandWaitsForTheGridChiefNotForItsProposer() {
        UUID grid = f.volunteersGrid();
        String stationChief = api.token("chief", DEMO_PASSWORD);
        UUID award = UUID.fromString(f.send("POST", "/api/v1/points/awards", stationChief, Map.of("holderId",
                f.staff("volunteer"), "gridId", grid, "rule", "patrol-hour", "note", "手工奖励提醒"), 201)
                .get("id").asText());
        JsonNode entry = entries(officer, award, "zh-CN").get(0);
        assertThat(entry.get("kind").asText()).isEqualTo("POINTS_AWARD_PENDING");
        assertThat(entry.get("reason").asText()).isEqualTo("手工奖励提醒");
        assertThat(entries(stationChief, award, "zh-CN")).as("the proposer knows").isEmpty();
        f.send("POST", "/api/v1/points/awards/" + award + "/reject", officer, Map.of("note", "不符合"), 200);
        assertThat(entries(officer, award, "zh-CN").get(0).get("unread").asBoolean()).as("rejected").isFalse();
    }

    /**
     * A co-claimer named on a claim did nothing himself: he hears that he was named, by whom and until when; the lead
     * claimer, who made the claim, is not told of his own action. When the deadline passes and the sweep ends the
     * claim, the case would silently leave both their lists: each hears that it went back to the board, and why.
     */
    @Test
    void theCoClaimerHearsHeWasNamedAndEveryClaimerHearsWhenTheDeadlinePassedAndTheCaseWentBackToTheBoard() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "逾期告知-" + UUID.randomUUID());
        String code = jdbc.sql("SELECT source_code FROM claim_item WHERE id = ?").param(item).query(String.class)
                .single();
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1);
        UUID claim = UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", due.toString(), "coClaimers", List.of(f.staff("officer")), "note", "一起办"), 201)
                .get("id").asText());
        String lead = jdbc.sql("SELECT name FROM staff WHERE username = 'volunteer'").query(String.class).single();

        JsonNode named = entries(officer, claim, "zh-CN").stream().filter(e -> e.get("kind").asText()
                .equals("HARD_CASE_CO_CLAIMED")).findFirst().orElse(null);
        assertThat(named).as("the co-claimer hears he was named").isNotNull();
        assertThat(named.get("unread").asBoolean()).isTrue();
        assertThat(named.get("link").asText()).isEqualTo("/claims/items/" + item);
        assertThat(named.get("title").asText())
                .isEqualTo(lead + " 认领疑难案事件 " + code + "（事项）时将您列为共同认领人，请于 " + due + " 前办结");
        assertThat(entries(officer, claim, "en").get(0).get("title").asText()).isEqualTo(
                lead + " claimed hard case " + code + " (Incident) and named you a co-claimer: finish it by " + due);
        assertThat(entries(volunteer, claim, "zh-CN")).as("the lead claimer made the claim himself").isEmpty();
        assertThat(entries(officer2, claim, "zh-CN")).as("another station's officer hears nothing").isEmpty();

        MovableClock clock = new MovableClock(java.time.Instant.now(), java.time.ZoneOffset.UTC);
        ExpirySweep sweep = new ExpirySweep(board, desk, clock);
        clock.advance(java.time.Duration.ofDays(3));
        assertThat(sweep.sweep(grid)).isGreaterThanOrEqualTo(1);
        assertThat(f.state(item)).isEqualTo("OPEN");
        for (String claimer : List.of(volunteer, officer)) {
            JsonNode expired = entries(claimer, claim, "zh-CN").stream().filter(e -> e.get("kind").asText()
                    .equals("HARD_CASE_EXPIRED")).findFirst().orElse(null);
            assertThat(expired).as("each claimer hears the case went back to the board").isNotNull();
            assertThat(expired.get("unread").asBoolean()).isTrue();
            assertThat(expired.get("link").asText()).isEqualTo("/claims/items/" + item);
            assertThat(expired.get("title").asText())
                    .isEqualTo("您认领的疑难案事件 " + code + "（事项）已过认领期限（" + due + "），已退回认领清单");
            assertThat(entries(claimer, claim, "en").stream().map(e -> e.get("title").asText())).contains(
                    "Your claimed hard case " + code + " (Incident) went back to the board: its deadline (" + due
                            + ") passed");
            assertThat(api.get(expired.get("link").asText(), claimer).statusCode()).as("the link opens the item")
                    .isEqualTo(200);
        }
        assertThat(entries(officer2, claim, "zh-CN")).as("nor of the expiry").isEmpty();
    }

    /**
     * Only the lead claimer may give a claim up; the co-claimer he named did nothing, and the case would leave his list
     * without a word: he hears who gave it up and that it is back on the board, in his language, linked to the item,
     * and the entry that asked him to finish it by its last day no longer waits. The lead claimer, who acted, and
     * anyone outside the grid's station hear nothing.
     */
    @Test
    void theCoClaimerHearsWhenTheLeadClaimerGaveTheCaseUpAndItWentBackToTheBoard() {
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(officer, grid, "放弃告知-" + UUID.randomUUID());
        String code = jdbc.sql("SELECT source_code FROM claim_item WHERE id = ?").param(item).query(String.class)
                .single();
        LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);
        UUID claim = UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", due.toString(), "coClaimers", List.of(f.staff("officer")), "note", "一起办"), 201)
                .get("id").asText());
        String lead = jdbc.sql("SELECT name FROM staff WHERE username = 'volunteer'").query(String.class).single();

        f.send("POST", "/api/v1/claims/" + claim + "/give-up", volunteer, null, 200);
        assertThat(f.state(item)).isEqualTo("OPEN");

        JsonNode givenUp = entries(officer, claim, "zh-CN").stream().filter(e -> e.get("kind").asText()
                .equals("HARD_CASE_GIVEN_UP")).findFirst().orElse(null);
        assertThat(givenUp).as("the co-claimer hears the lead claimer gave the case up").isNotNull();
        assertThat(givenUp.get("unread").asBoolean()).isTrue();
        assertThat(givenUp.get("link").asText()).isEqualTo("/claims/items/" + item);
        assertThat(givenUp.get("title").asText())
                .isEqualTo(lead + " 放弃了与您共同认领的疑难案事件 " + code + "（事项），事项已退回认领清单");
        assertThat(entries(officer, claim, "en").stream().filter(e -> e.get("kind").asText()
                .equals("HARD_CASE_GIVEN_UP")).map(e -> e.get("title").asText())).containsExactly(
                lead + " gave up hard case " + code + " (Incident), which you co-claimed: it is back on the board");
        assertThat(entries(officer, claim, "zh-CN").stream().filter(e -> e.get("kind").asText()
                .equals("HARD_CASE_CO_CLAIMED")).map(e -> e.get("unread").asBoolean()))
                .as("the entry that asked him to finish it by its last day waits no more").containsExactly(false);
        assertThat(api.get(givenUp.get("link").asText(), officer).statusCode()).as("the link opens the item")
                .isEqualTo(200);
        assertThat(entries(volunteer, claim, "zh-CN")).as("the lead claimer gave it up himself").isEmpty();
        assertThat(entries(officer2, claim, "zh-CN")).as("another station's officer hears nothing").isEmpty();
    }

    /**
     * A co-claimer was asked to finish the case by its last day: once the case is confirmed done, that entry no longer
     * waits, as the lead claimer's sent-back entry no longer does; another station's officer hears nothing.
     */
    @Test
    void theCoClaimersEntryToFinishTheCaseClosesOnceTheCaseIsConfirmedDone() {
        UUID grid = f.volunteersGrid();
        String stationChief = api.token("chief", DEMO_PASSWORD);
        UUID item = f.onBoard(officer, grid, "办结告知-" + UUID.randomUUID());
        UUID claim = UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", volunteer,
                Map.of("due", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toString(),
                        "coClaimers", List.of(f.staff("officer")), "note", "一起办"), 201).get("id").asText());
        java.util.function.Supplier<List<Boolean>> asked = () -> entries(officer, claim, "zh-CN").stream()
                .filter(e -> e.get("kind").asText().equals("HARD_CASE_CO_CLAIMED"))
                .map(e -> e.get("unread").asBoolean()).toList();
        assertThat(asked.get()).containsExactly(true);

        f.send("POST", "/api/v1/claims/" + claim + "/report", volunteer, Map.of("note", "已办结"), 200);
        // the grid chief is a claimer himself: the station chief above decides it
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", stationChief, null, 200);
        assertThat(f.state(item)).isEqualTo("DONE");
        assertThat(asked.get()).as("nothing more is asked of the co-claimer").containsExactly(false);
        assertThat(entries(officer2, claim, "zh-CN")).as("another station's officer hears nothing").isEmpty();
    }
}
