package org.fengqiao.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.Roster;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimDesk;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.mediation.DisputeFacts;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who the grid chief (网格长) is on a day, as everyone who decides, is reminded or owns work sees it: a term runs from
 * its first day up to the day it ended, so on the handover day the successor decides and is reminded, not the one he
 * replaced; a chief appointed from a later day owns nothing yet. Work waiting for the chief moves to the new one, and
 * a claim's sent-back entry closes once the claim ends. On a test grid of its own ("IT-N-…") with its own people.
 */
class GridChiefHandoverIntegrationTests extends IntegrationTest {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Board board;
    @Autowired
    ClaimDesk desk;
    @Autowired
    IncidentFacts incidentFacts;
    @Autowired
    DisputeFacts disputeFacts;
    @Autowired
    StaffDirectory staffDirectory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    ClaimsProperties properties;
    @Autowired
    MessageSource messages;
    @Autowired
    Roster roster;

    ApiClient api;
    ClaimsFixtures f;
    String stationChief;
    Grid grid;
    Staff before;
    String beforeToken;
    Staff after;
    String afterToken;
    Staff member;
    String memberToken;

    @BeforeEach
    void testGrid() {
        api = new ApiClient(port);
        f = new ClaimsFixtures(api, jdbc, board, incidentFacts, disputeFacts, staffDirectory, properties, messages);
        stationChief = api.token("chief", DEMO_PASSWORD);
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        NotificationFixtures.TestGrid test = NotificationFixtures.grid(jurisdictions, staffDirectory, office);
        grid = test.grid();
        before = test.chief();
        String n = NotificationFixtures.unique();
        after = staffDirectory.register(office.id(), StaffRole.COMMUNITY_OFFICER, "新网格长" + n, null, null, "社区民警",
                "itaafter" + n, DEMO_PASSWORD);
        member = staffDirectory.register(office.id(), StaffRole.VOLUNTEER, "网格员" + n, null, null, "志愿者",
                "itamember" + n, DEMO_PASSWORD);
        staffDirectory.assignGridRole(grid.id(), member.id(), GridRole.MEMBER, LocalDate.of(2024, 1, 1), null);
        beforeToken = api.token(before.username(), DEMO_PASSWORD);
        afterToken = api.token(after.username(), DEMO_PASSWORD);
        memberToken = api.token(member.username(), DEMO_PASSWORD);
    }

    static LocalDate today() {
        return LocalDate.now(BEIJING);
    }

    /** The station chief appoints a grid chief from a day, through the roster API as the grid's page does. */
    void appoint(Staff chief, LocalDate from) {
        f.send("POST", "/api/v1/grids/" + grid.id().value() + "/roster", stationChief,
                Map.of("staffId", chief.id().value(), "role", "GRID_CHIEF", "from", from.toString()), 201);
    }

    /** A claim of the member's on a new board item of the test grid, reported done; answers the claim's id. */
    UUID reportedClaim(String what) {
        UUID claim = activeClaim(what);
        f.send("POST", "/api/v1/claims/" + claim + "/report", memberToken, Map.of("note", "已办结"), 200);
        return claim;
    }

    UUID activeClaim(String what) {
        UUID item = f.onBoard(beforeToken, grid.id().value(), what + "-" + UUID.randomUUID());
        return UUID.fromString(f.send("POST", "/api/v1/claims/items/" + item + "/claim", memberToken,
                Map.of("due", today().plusDays(3).toString(), "note", "我来"), 201).get("id").asText());
    }

    /** The caller's inbox entries about a record (his whole inbox: a test person's is short). */
    List<JsonNode> entries(String token, UUID record) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : ApiClient.json(api.get("/api/v1/inbox?size=100", token)).get("items")) {
            if (e.path("recordId").asText().equals(record.toString())) {
                found.add(e);
            }
        }
        return found;
    }

    List<String> queue(String token) {
        List<String> ids = new ArrayList<>();
        ApiClient.json(api.get("/api/v1/claims/queue", token)).forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    @Test
    void onTheHandoverDayTheSuccessorDecidesAndFindsTheWaitingWorkAndThePredecessorNoLonger() {
        UUID claim = reportedClaim("交接日");
        UUID award = UUID.fromString(f.send("POST", "/api/v1/points/awards", stationChief, Map.of("holderId",
                member.id().value(), "gridId", grid.id().value(), "rule", "patrol-hour", "note", "交接日奖励"), 201)
                .get("id").asText());
        assertThat(entries(beforeToken, claim)).singleElement().satisfies(e -> assertThat(e.get("unread").asBoolean())
                .isTrue());
        assertThat(entries(beforeToken, award)).singleElement().satisfies(e -> assertThat(e.get("unread").asBoolean())
                .isTrue());

        appoint(after, today());

        assertThat(queue(afterToken)).as("the successor's queue").contains(claim.toString());
        assertThat(queue(beforeToken)).as("the predecessor's queue").doesNotContain(claim.toString());
        assertThat(entries(afterToken, claim)).as("the successor is asked to decide the case").singleElement()
                .satisfies(e -> {
                    assertThat(e.get("kind").asText()).isEqualTo("HARD_CASE_REPORTED");
                    assertThat(e.get("unread").asBoolean()).isTrue();
                    assertThat(e.get("reason").asText()).isEqualTo("已办结");
                });
        assertThat(entries(beforeToken, claim)).as("no longer waits for the predecessor").singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isFalse());
        assertThat(entries(afterToken, award)).as("the successor is asked to approve the award").singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isTrue());
        assertThat(entries(beforeToken, award)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isFalse());

        HttpResponse<String> refused = api.send("POST", "/api/v1/claims/" + claim + "/confirm", beforeToken, null);
        assertThat(refused.statusCode()).as("the replaced chief may not confirm: " + refused.body()).isEqualTo(400);
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", afterToken, null, 200);
        assertThat(entries(afterToken, claim)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("confirmed").isFalse());
    }

    @Test
    void aChiefAppointedFromALaterDayOwnsNothingYetAndTheChiefInOfficeStillDecides() {
        appoint(after, today().plusDays(1));

        UUID incident = f.incident(beforeToken, grid.id().value(), "COMPLAINT", "投诉交接前-" + UUID.randomUUID());
        UUID owner = jdbc.sql("SELECT owner_staff_id FROM incident WHERE id = ?").param(incident).query(UUID.class)
                .single();
        assertThat(owner).as("a complaint goes to the grid chief in office today").isEqualTo(before.id().value());

        UUID claim = reportedClaim("交接前");
        assertThat(queue(beforeToken)).contains(claim.toString());
        assertThat(queue(afterToken)).doesNotContain(claim.toString());
        assertThat(entries(afterToken, claim)).as("not yet his").isEmpty();
        f.send("POST", "/api/v1/claims/" + claim + "/confirm", beforeToken, null, 200);
    }

    /**
     * A chief appointed from a later day: the chief in office, who has read what waits for him, is not asked it again
     * in a second entry (the change is no change yet); on the day the new term begins, the waiting work follows him.
     */
    @Test
    void waitingWorkFollowsAChiefAppointedFromALaterDayOnThatDayAndNotBefore() {
        UUID claim = reportedClaim("次日交接");
        String entry = entries(beforeToken, claim).get(0).get("id").asText();
        f.send("POST", "/api/v1/inbox/" + entry + "/read", beforeToken, null, 200);

        appoint(after, today().plusDays(1));

        assertThat(entries(beforeToken, claim)).as("read, and not asked again yet").singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isFalse());
        assertThat(entries(afterToken, claim)).as("not yet his").isEmpty();

        // the day comes: the terms as they stand that morning, and the roster's start of the day
        jdbc.sql("UPDATE grid_role SET started_on = ? WHERE grid_id = ? AND staff_id = ? AND role = 'GRID_CHIEF'")
                .params(today(), grid.id().value(), after.id().value()).update();
        jdbc.sql("UPDATE grid_role SET ended_on = ? WHERE grid_id = ? AND staff_id = ? AND role = 'GRID_CHIEF'")
                .params(today(), grid.id().value(), before.id().value()).update();
        roster.changesTakingEffect(today());

        assertThat(entries(afterToken, claim)).as("the successor is asked on his first day").singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isTrue());
        assertThat(entries(beforeToken, claim)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isFalse());
    }

    @Test
    void aChiefWhoseTermWasEndedWithNoSuccessorLeavesTheDecisionToTheStationChief() {
        UUID claim = reportedClaim("卸任");
        UUID term = jdbc.sql("SELECT id FROM grid_role WHERE grid_id = ? AND staff_id = ? AND role = 'GRID_CHIEF'")
                .params(grid.id().value(), before.id().value()).query(UUID.class).single();
        f.send("POST", "/api/v1/roster/" + term + "/end", stationChief, Map.of("on", today().toString()), 204);

        assertThat(entries(beforeToken, claim)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("no longer his").isFalse());
        assertThat(entries(stationChief, claim)).as("the station chief above decides it now").singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isTrue());
        HttpResponse<String> refused = api.send("POST", "/api/v1/claims/" + claim + "/confirm", beforeToken, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    }

    List<String> myGridsBoard(String token) {
        List<String> ids = new ArrayList<>();
        ApiClient.json(api.get("/api/v1/claims/board?mine=true&size=100", token)).get("items")
                .forEach(i -> ids.add(i.get("id").asText()));
        return ids;
    }

    /** The board's "my grids" follows the same day as the claim it offers: a term ended today is over. */
    @Test
    void aMemberWhoseTermEndedTodayNoLongerFindsTheGridOnHisOwnBoard() {
        UUID item = f.onBoard(beforeToken, grid.id().value(), "卸任网格员-" + UUID.randomUUID());
        assertThat(myGridsBoard(memberToken)).contains(item.toString());
        UUID term = jdbc.sql("SELECT id FROM grid_role WHERE grid_id = ? AND staff_id = ? AND role = 'MEMBER'")
                .params(grid.id().value(), member.id().value()).query(UUID.class).single();
        f.send("POST", "/api/v1/roster/" + term + "/end", stationChief, Map.of("on", today().toString()), 204);

        assertThat(myGridsBoard(memberToken)).as("no longer his grid").doesNotContain(item.toString());
    }

    @Test
    void aSentBackCaseAsksNothingMoreOfItsClaimerOnceHeGivesItUpOrItsClaimExpires() {
        UUID givenUp = reportedClaim("放弃");
        f.send("POST", "/api/v1/claims/" + givenUp + "/send-back", beforeToken, Map.of("note", "请补充"), 200);
        assertThat(entries(memberToken, givenUp)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).isTrue());
        f.send("POST", "/api/v1/claims/" + givenUp + "/give-up", memberToken, null, 200);
        assertThat(entries(memberToken, givenUp)).singleElement()
                .satisfies(e -> assertThat(e.get("unread").asBoolean()).as("given up").isFalse());

        UUID expiring = reportedClaim("过期");
        f.send("POST", "/api/v1/claims/" + expiring + "/send-back", beforeToken, Map.of("note", "请补充"), 200);
        assertThat(desk.expire(expiring, ClaimsFixtures.daysAhead(10).instant())).isTrue();
        assertThat(entries(memberToken, expiring)).filteredOn(e -> e.get("kind").asText().equals("HARD_CASE_SENT_BACK"))
                .singleElement().satisfies(e -> assertThat(e.get("unread").asBoolean()).as("expired").isFalse());
        // what the expiry tells him instead: the case went back to the board
        assertThat(entries(memberToken, expiring)).filteredOn(e -> e.get("kind").asText().equals("HARD_CASE_EXPIRED"))
                .singleElement().satisfies(e -> assertThat(e.get("unread").asBoolean()).isTrue());
    }
}
