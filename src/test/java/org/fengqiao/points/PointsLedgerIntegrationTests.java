package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger's rules over the API: approval by the grid chief, reversals, no negative balance, scope. */
class PointsLedgerIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;
    String chief;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
        chief = api.token("chief", DEMO_PASSWORD);
    }

    JsonNode award(String token, UUID holder, String grid, String rule, UUID clueGiver, int expected) {
        Map<String, Object> body = new HashMap<>();
        body.put("holderId", holder);
        body.put("gridId", PointsFixtures.grid(jdbc, grid));
        body.put("rule", rule);
        body.put("note", "测试奖励 " + UUID.randomUUID());
        if (clueGiver != null) {
            body.put("clueGiverId", clueGiver);
        }
        HttpResponse<String> r = api.send("POST", "/api/v1/points/awards", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return ApiClient.json(r);
    }

    int balance(String token, UUID holder) {
        HttpResponse<String> r = api.get("/api/v1/points/holders/" + holder, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiClient.json(r).get("balance").asInt();
    }

    @Test
    void anAwardCountsOnlyOnceTheGridChiefApprovesIt() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.GRID_MEMBER, "网格员");
        String id = award(officer, member.id().value(), "FS-1-04", "patrol-hour", null, 201).get("id").asText();
        assertThat(balance(officer, member.id().value())).isZero();

        assertThat(api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer2, null).statusCode())
                .as("another station's officer does not see the grid").isEqualTo(404);
        assertThat(api.get("/api/v1/points/awards/" + id, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/points/holders/" + member.id(), officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/points/awards/" + id, bureau).statusCode()).isEqualTo(200);
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/points/awards/" + id + "/approve", volunteer, null).statusCode())
                .as("a volunteer holds no approval permission").isEqualTo(403);

        HttpResponse<String> approved = api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(ApiClient.json(approved).get("status").asText()).isEqualTo("APPROVED");
        assertThat(balance(officer, member.id().value())).isEqualTo(2);
        HttpResponse<String> again = api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer, null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(balance(bureau, member.id().value())).as("approving twice pays once").isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'points_award' AND record_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aRejectedAwardPaysNothingAndNeedsAReason() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "志愿者");
        String id = award(officer, member.id().value(), "FS-1-05", "publicity-session", null, 201).get("id").asText();
        HttpResponse<String> noReason = api.send("POST", "/api/v1/points/awards/" + id + "/reject", officer,
                Map.of("note", " "), "Accept-Language", "en");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Give a reason");
        assertThat(api.send("POST", "/api/v1/points/awards/" + id + "/reject", officer, Map.of("note", "重复申报"))
                .statusCode()).isEqualTo(200);
        assertThat(balance(officer, member.id().value())).isZero();
    }

    @Test
    void aDecisionsNoteWithANumberOrTooLongIsRefusedAndChangesNothing() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "志愿者");
        String id = award(officer, member.id().value(), "FS-1-05", "publicity-session", null, 201).get("id").asText();
        Map<String, String> refusals = Map.of(
                "群众王某反映不实，电话139 1234 5678", "手机号码",
                "经核实王某（320722199001011234）未参加", "身份证号码",
                "重复申报".repeat(51), "审批意见不能超过200字");
        refusals.forEach((note, says) -> {
            HttpResponse<String> refused = api.send("POST", "/api/v1/points/awards/" + id + "/reject", officer,
                    Map.of("note", note));
            assertThat(refused.statusCode()).as(note).isEqualTo(400);
            assertThat(refused.body()).as(note).contains(says);
        });
        HttpResponse<String> approving = api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer,
                Map.of("note", "联系人 13912345678"), "Accept-Language", "en");
        assertThat(approving.statusCode()).isEqualTo(400);
        assertThat(approving.body()).contains("may not contain an identity or mobile number");
        assertThat(jdbc.sql("SELECT status || coalesce(decision_note, '') FROM points_award WHERE id = ?")
                .param(UUID.fromString(id)).query(String.class).single()).as("nothing decided, nothing stored")
                .isEqualTo("PENDING");
        assertThat(balance(officer, member.id().value())).isZero();

        // the award's own note is read as widely: a number in it is refused when it is proposed
        Map<String, Object> body = new HashMap<>();
        body.put("holderId", member.id().value());
        body.put("gridId", PointsFixtures.grid(jdbc, "FS-1-05"));
        body.put("rule", "publicity-session");
        body.put("note", "宣传活动，联系人１３９１２３４５６７８");
        HttpResponse<String> proposed = api.send("POST", "/api/v1/points/awards", officer, body);
        assertThat(proposed.statusCode()).isEqualTo(400);
        assertThat(proposed.body()).contains("手机号码");

        assertThat(api.send("POST", "/api/v1/points/awards/" + id + "/reject", officer, Map.of("note", "重复申报"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aCorrectionIsAReversingEntryNeverAnEdit() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.GRID_MEMBER, "网格员");
        String id = award(officer, member.id().value(), "FS-1-04", "dispute-settled", null, 201).get("id").asText();
        api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer, null);
        long entry = jdbc.sql("SELECT id FROM points_entry WHERE award_id = ?").param(UUID.fromString(id))
                .query(Long.class).single();

        assertThat(api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", officer2, Map.of("reason", "x"))
                .statusCode()).isEqualTo(404);
        HttpResponse<String> reversed = api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", officer,
                Map.of("reason", "核实为重复记录"));
        assertThat(reversed.statusCode()).as(reversed.body()).isEqualTo(201);
        assertThat(ApiClient.json(reversed).get("points").asInt()).isEqualTo(-15);
        assertThat(balance(officer, member.id().value())).isZero();
        HttpResponse<String> twice = api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", officer,
                Map.of("reason", "再次"));
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("该记录已冲正");

        JsonNode history = ApiClient.json(api.get("/api/v1/points/holders/" + member.id(), officer)).get("history");
        assertThat(history.findValuesAsText("kind")).containsExactly("REVERSAL", "AWARD");
        assertThat(history.get(1).get("points").asInt()).as("the award is kept as it was").isEqualTo(15);

        assertThatThrownBy(() -> jdbc.sql("UPDATE points_entry SET points = 99 WHERE id = ?").param(entry).update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM points_entry WHERE id = ?").param(entry).update())
                .rootCause().hasMessageContaining("append-only");
    }

    @Test
    void aCorrectionSentSeveralTimesAtOnceReversesOnceAndTellsTheOthersItIsReversed() throws Exception {
        // a holder whose balance is the entry's points alone, and one who has more: the second reversal is refused
        // as a reversal of a reversed entry either way, not for want of points nor as a clash of records
        for (int awards : new int[] {1, 2}) {
            Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.GRID_MEMBER, "网格员");
            long entry = 0;
            for (int i = 0; i < awards; i++) {
                String id = award(officer, member.id().value(), "FS-1-04", "dispute-settled", null, 201).get("id")
                        .asText();
                api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer, null);
                if (i == 0) {
                    entry = jdbc.sql("SELECT id FROM points_entry WHERE award_id = ?").param(UUID.fromString(id))
                            .query(Long.class).single();
                }
            }
            String path = "/api/v1/points/entries/" + entry + "/reverse";
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return api.send("POST", path, officer, Map.of("reason", "核实为重复记录"));
                }));
            }
            start.countDown();
            int reversed = 0;
            for (var f : sent) {
                HttpResponse<String> r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (r.statusCode() == 201) {
                    reversed++;
                } else {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
                    assertThat(r.body()).contains("该记录已冲正");
                }
            }
            pool.shutdown();
            assertThat(reversed).isEqualTo(1);
            assertThat(balance(officer, member.id().value())).isEqualTo(15 * (awards - 1));
        }
    }

    @Test
    void theLeaderboardCountsTheAwardsThatStandNotThoseReversed() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.GRID_MEMBER, "榜上网格员");
        UUID holder = member.id().value();
        String kept = award(officer, holder, "FS-1-07", "dispute-settled", null, 201).get("id").asText();
        String wrong = award(officer, holder, "FS-1-07", "publicity-session", null, 201).get("id").asText();
        api.send("POST", "/api/v1/points/awards/" + kept + "/approve", officer, null);
        api.send("POST", "/api/v1/points/awards/" + wrong + "/approve", officer, null);
        long entry = jdbc.sql("SELECT id FROM points_entry WHERE award_id = ?").param(UUID.fromString(wrong))
                .query(Long.class).single();
        assertThat(api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", officer,
                Map.of("reason", "宣传未开展，误报")).statusCode()).isEqualTo(201);

        UUID grid = PointsFixtures.grid(jdbc, "FS-1-07");
        UUID office = PointsFixtures.office(jurisdictions).id().value();
        for (String board : java.util.List.of("gridId=" + grid, "unitId=" + office)) {
            JsonNode row = null;
            for (JsonNode r : ApiClient.json(api.get("/api/v1/points/leaderboard?top=1000&" + board, officer))) {
                if (r.path("holderId").asText().equals(holder.toString())) {
                    row = r;
                }
            }
            assertThat(row).as(board).isNotNull();
            assertThat(row.get("points").asInt()).as(board).isEqualTo(15);
            assertThat(row.get("awards").asInt()).as("the reversed award is not one of his on " + board).isEqualTo(1);
        }
    }

    @Test
    void aReversalThatWouldTakeTheBalanceBelowZeroIsRefused() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "志愿者");
        UUID holder = member.id().value();
        String id = award(officer, holder, "FS-1-04", "verified-clue", null, 201).get("id").asText();
        api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer, null);
        // the holder spends 20 of his points in the store
        UUID item = jdbc.sql("""
                INSERT INTO store_item (id, unit_id, name, source, donor, price_points, stock, created_at)
                VALUES (gen_random_uuid(), ?, ?, 'DONATED', '测试企业', 20, 1, now()) RETURNING id""")
                .params(PointsFixtures.office(jurisdictions).id().value(), "测试商品" + UUID.randomUUID())
                .query(UUID.class).single();
        store.redeem(item, PointsFixtures.self(member, PointsFixtures.office(jurisdictions).path()));
        long entry = jdbc.sql("SELECT id FROM points_entry WHERE award_id = ?").param(UUID.fromString(id))
                .query(Long.class).single();
        HttpResponse<String> r = api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", officer,
                Map.of("reason", "线索不实"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("积分不足");
        assertThat(balance(officer, holder)).isZero();
        assertThatThrownBy(() -> jdbc.sql("UPDATE points_balance SET balance = -1 WHERE holder_id = ?").param(holder)
                .update()).as("the database refuses a negative balance too").rootCause().hasMessageContaining("points_balance_balance_check");
    }

    @Autowired
    org.fengqiao.points.internal.Store store;

    @Test
    void theClueGiverEarnsWhatTheInvestigatorEarns() {
        Staff investigator = PointsFixtures.holder(staff, jurisdictions, StaffRole.AUXILIARY_POLICE, "办案辅警");
        Staff informant = PointsFixtures.holder(staff, jurisdictions, StaffRole.INFORMANT, "信息员");
        JsonNode award = award(officer, investigator.id().value(), "FS-2-01", "case-cracked",
                informant.id().value(), 201);
        String id = award.get("id").asText();
        // the station chief, who may know every informant (to the officer, who does not handle him, he is 信息员)
        JsonNode clue = ApiClient.json(api.get("/api/v1/points/awards?status=PENDING&size=100", chief)).get("items");
        JsonNode linked = null;
        for (JsonNode a : clue) {
            if (id.equals(a.path("linkedAwardId").asText())) {
                linked = a;
            }
        }
        assertThat(linked).as("the clue giver's award is linked to the case award").isNotNull();
        assertThat(linked.get("holderId").asText()).isEqualTo(informant.id().toString());
        assertThat(linked.get("points").asInt()).isEqualTo(award.get("points").asInt()).isEqualTo(50);
        assertThat(api.send("POST", "/api/v1/points/awards/" + linked.get("id").asText() + "/approve", chief, null)
                .statusCode()).as("decided only with the case").isEqualTo(400);

        HttpResponse<String> approved = api.send("POST", "/api/v1/points/awards/" + id + "/approve", chief, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(balance(chief, investigator.id().value())).isEqualTo(50);
        assertThat(balance(chief, informant.id().value())).as("同功同奖").isEqualTo(50);
    }

    @Test
    void nobodyApprovesHisOwnAward() {
        UUID self = PointsFixtures.staffId(jdbc, "officer");
        String id = award(chief, self, "FS-1-06", "hard-case-on-time", null, 201).get("id").asText();
        HttpResponse<String> r = api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("不能审批自己的奖励");
    }

    @Test
    void anUnknownRuleOrAHolderOutsideTheScopeIsRefusedInTheCallersLanguage() {
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.GRID_MEMBER, "网格员");
        Map<String, Object> body = new HashMap<>();
        body.put("holderId", member.id().value());
        body.put("gridId", PointsFixtures.grid(jdbc, "FS-1-04"));
        body.put("rule", "free-lunch");
        body.put("note", "x");
        HttpResponse<String> r = api.send("POST", "/api/v1/points/awards", officer, body, "Accept-Language", "en");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Choose a configured rule");
        body.put("rule", "patrol-hour");
        assertThat(api.send("POST", "/api/v1/points/awards", officer2, body).statusCode())
                .as("the grid lies outside officer2's station").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE holder_id = ?").param(member.id().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theGridsChiefApprovesItsAwardsAnotherGridsChiefMayNotAndTheStationChiefMay() {
        Unit office = PointsFixtures.office(jurisdictions);
        NotificationFixtures.TestGrid mine = NotificationFixtures.grid(jurisdictions, staff, office);
        NotificationFixtures.TestGrid other = NotificationFixtures.grid(jurisdictions, staff, office);
        Staff member = PointsFixtures.holder(staff, jurisdictions, StaffRole.GRID_MEMBER, "网格员");
        Map<String, Object> body = new HashMap<>(Map.of("holderId", member.id().value(), "rule", "patrol-hour",
                "gridId", mine.grid().id().value(), "note", "巡逻 " + UUID.randomUUID()));
        HttpResponse<String> proposed = api.send("POST", "/api/v1/points/awards", chief, body);
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        String id = ApiClient.json(proposed).get("id").asText();

        // the page says who approves it: the grid's chief, and the station chief above
        ApiClient otherPage = new ApiClient(port).signedIn(other.chiefLogin(), DEMO_PASSWORD, "zh-CN");
        String approvals = otherPage.get("/points/approvals", null, "Accept", "text/html").body();
        String row = approvals.substring(approvals.indexOf("data-source=\"" + ApiClient.json(proposed)
                .get("sourceId").asText()));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(mine.chief().name()).doesNotContain("class=\"primary approve\"");

        // another grid's chief of the same office sees the award but does not decide it
        String otherChief = api.token(other.chiefLogin(), DEMO_PASSWORD);
        HttpResponse<String> refused = api.send("POST", "/api/v1/points/awards/" + id + "/approve", otherChief, null,
                "Accept-Language", "en");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(ApiClient.json(refused).get("detail").asText()).contains("grid chief");
        assertThat(api.send("POST", "/api/v1/points/awards/" + id + "/reject", otherChief, Map.of("note", "不对"))
                .statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/points/awards/" + id, otherChief).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/points/awards/" + id + "/approve", officer2, null).statusCode())
                .as("another station's officer does not see it").isEqualTo(404);
        assertThat(balance(chief, member.id().value())).isZero();

        String myChief = api.token(mine.chiefLogin(), DEMO_PASSWORD);
        HttpResponse<String> approved = api.send("POST", "/api/v1/points/awards/" + id + "/approve", myChief, null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(balance(chief, member.id().value())).isEqualTo(2);

        // the station chief decides for any grid of his station
        body.put("note", "巡逻 " + UUID.randomUUID());
        body.put("gridId", other.grid().id().value());
        HttpResponse<String> secondSent = api.send("POST", "/api/v1/points/awards", myChief, body);
        assertThat(secondSent.statusCode()).as(secondSent.body()).isEqualTo(201);
        String second = ApiClient.json(secondSent).get("id").asText();
        assertThat(api.send("POST", "/api/v1/points/awards/" + second + "/approve", chief, null).statusCode())
                .isEqualTo(200);
    }
}
