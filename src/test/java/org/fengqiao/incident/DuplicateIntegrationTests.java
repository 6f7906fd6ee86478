package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.internal.Duplicates;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Duplicates through the API: a report near an open one of its category is offered at filing and on both
 * detail pages (only what the viewer may see), merging closes the duplicate and its reporter is answered with
 * the primary, the rules of merging (itself, closed, categories, chains) answer in the caller's language, and
 * both ids must lie in the caller's subtree. Each test builds its own "IT-" grids: one under the officer's
 * central office and, beside it, one under officer2's workstation.
 */
class DuplicateIntegrationTests extends IntegrationTest {

    static final double M_PER_DEG = Math.PI * 6_371_008.8 / 180;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    TransactionTemplate tx;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;
    Grid mine;
    Grid theirs;
    double lon;
    double lat;

    @BeforeEach
    void twoGridsSideBySide() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        lon = 105 + new Random().nextInt(4000) / 1000.0;
        lat = 25 + new Random().nextInt(4000) / 1000.0;
        mine = grid(jurisdictions.unitByCode("320722010100").orElseThrow(), "IT-D-" + n, lon);
        theirs = grid(jurisdictions.unitByCode("320722020100").orElseThrow(), "IT-D2-" + n, lon + 0.005);
    }

    Grid grid(Unit unit, String code, double west) {
        Community village = jurisdictions.createCommunity(unit.id(), CommunityKind.VILLAGE, code + "-V", "重复测试村" + code,
                null, null, null);
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                west, lat, west + 0.005, lat, west + 0.005, lat + 0.005, west, lat + 0.005, west, lat);
        return jurisdictions.createGrid(village.id(), GridNetwork.POLICE, code, "重复测试网格" + code, square, null, null,
                null);
    }

    /** A point the given metres east and north of the grid's south-west corner. */
    double[] at(double east, double north) {
        return new double[] {lon + east / (M_PER_DEG * Math.cos(Math.toRadians(lat))), lat + north / M_PER_DEG};
    }

    Map<String, Object> report(String category, Grid grid, double[] point, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", category);
        body.put("gridId", grid.id().value());
        body.put("description", description + "-" + UUID.randomUUID().toString().substring(0, 8));
        if (point != null) {
            body.put("lon", point[0]);
            body.put("lat", point[1]);
        }
        return body;
    }

    JsonNode file(String token, Map<String, Object> body) {
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r);
    }

    JsonNode get(String token, String id) {
        HttpResponse<String> r = api.get("/api/v1/incidents/" + id, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    static String id(JsonNode detail) {
        return detail.get("incident").get("id").asText();
    }

    static String code(JsonNode detail) {
        return detail.get("incident").get("trackingCode").asText();
    }

    static List<String> candidates(JsonNode detail) {
        return detail.get("duplicates").get("candidates").findValuesAsText("id");
    }

    HttpResponse<String> merge(String token, String duplicate, Map<String, Object> body, String... headers) {
        return api.send("POST", "/api/v1/incidents/" + duplicate + "/merge", token, body, headers);
    }

    long audits(String id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ?").param(id)
                .query(Long.class).single();
    }

    List<String> kinds(JsonNode detail) {
        return detail.get("timeline").findValuesAsText("kind");
    }

    @Test
    void aReportNearAnOpenOneOfItsCategoryIsOfferedAtFilingAndOnBothPages() {
        JsonNode a = file(officer, report("HELP", mine, at(100, 100), "走失老人"));
        assertThat(candidates(a)).isEmpty();
        assertThat(kinds(a)).doesNotContain("DUPLICATE_OFFERED");

        JsonNode b = file(officer, report("HELP", mine, at(100, 150), "走失老人又报"));
        JsonNode offered = b.get("duplicates").get("candidates");
        assertThat(offered).hasSize(1);
        assertThat(offered.get(0).get("id").asText()).isEqualTo(id(a));
        assertThat(offered.get(0).get("trackingCode").asText()).isEqualTo(code(a));
        assertThat(offered.get(0).get("distanceMetres").asDouble()).isCloseTo(50.0, within(1.0));
        assertThat(offered.get(0).get("minutesApart").asLong()).isZero();
        assertThat(offered.get(0).get("newer").asBoolean()).as("the candidate came first").isFalse();
        assertThat(kinds(b)).containsExactly("RECEIVED", "ROUTED", "DUPLICATE_OFFERED");
        assertThat(b.get("timeline").get(2).get("reason").asText()).contains("可能重复");
        assertThat(b.get("timeline").toString()).as("no other reporter's code on a timeline residents read")
                .doesNotContain(code(a));

        JsonNode aNow = get(officer, id(a));
        assertThat(candidates(aNow)).containsExactly(id(b));
        assertThat(aNow.get("duplicates").get("candidates").get(0).get("newer").asBoolean()).isTrue();

        // another category at the same spot, and the same category 350 m off, are not offered
        assertThat(candidates(file(officer, report("DISPUTE", mine, at(100, 100), "邻里纠纷")))).isEmpty();
        assertThat(candidates(file(officer, report("HELP", mine, at(450, 100), "另一处求助")))).isEmpty();

        // three hours apart is outside the window
        Map<String, Object> early = report("TRAFFIC", mine, at(300, 400), "早先的事故");
        early.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).toString());
        JsonNode before = file(officer, early);
        assertThat(candidates(file(officer, report("TRAFFIC", mine, at(300, 410), "现在的事故")))).isEmpty();
        Map<String, Object> within = report("TRAFFIC", mine, at(300, 420), "一小时后又报");
        within.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).toString());
        assertThat(candidates(file(officer, within))).contains(id(before));
    }

    @Test
    void aCrowdReportingOneEventIsOfferedTheFiveClosestOnly() {
        List<String> earlier = new java.util.ArrayList<>();
        for (int k = 7; k >= 1; k--) {
            earlier.add(0, id(file(officer, report("DISASTER", mine, at(200, 200 + 10 * k), "山体滑坡" + k))));
        }
        // earlier.get(0) is 10 m away, earlier.get(6) 70 m: the five closest are offered, nearest first
        JsonNode last = file(officer, report("DISASTER", mine, at(200, 200), "山体滑坡又报"));
        assertThat(candidates(last)).containsExactlyElementsOf(earlier.subList(0, 5));
        assertThat(jdbc.sql("SELECT count(*) FROM incident_duplicate WHERE incident_id = ?")
                .param(java.util.UUID.fromString(id(last))).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void reportsWithoutALocationAreComparedByGridAndAddress() {
        Map<String, Object> first = report("COMPLAINT", mine, null, "噪音投诉");
        first.put("address", "重复测试村 8号");
        JsonNode a = file(officer, first);
        Map<String, Object> second = report("COMPLAINT", mine, null, "噪音投诉又报");
        second.put("address", "重复测试村８号");
        JsonNode b = file(officer, second);
        assertThat(candidates(b)).containsExactly(id(a));
        assertThat(b.get("duplicates").get("candidates").get(0).hasNonNull("distanceMetres")).isFalse();
        Map<String, Object> elsewhere = report("COMPLAINT", mine, null, "别处噪音");
        elsewhere.put("address", "重复测试村9号");
        assertThat(candidates(file(officer, elsewhere))).isEmpty();
    }

    @Test
    void aViewerSeesOnlyTheCandidatesOfHisSubtree() {
        // 20 m apart across the border of two stations' grids
        double border = 0.005 * M_PER_DEG * Math.cos(Math.toRadians(lat));
        JsonNode theirsFiled = file(officer2, report("HELP", theirs, at(border + 10, 100), "边界求助"));
        JsonNode mineFiled = file(officer, report("HELP", mine, at(border - 10, 100), "边界求助"));
        assertThat(candidates(mineFiled)).as("officer2's report is not the officer's to see").isEmpty();
        assertThat(candidates(get(bureau, id(mineFiled)))).containsExactly(id(theirsFiled));
        assertThat(candidates(get(officer2, id(theirsFiled)))).isEmpty();
        assertThat(candidates(get(bureau, id(theirsFiled)))).containsExactly(id(mineFiled));
    }

    @Test
    void aMergedDuplicateLeavesTheOpenListAndItsReporterGetsThePrimarysAnswer() {
        JsonNode a = file(officer, report("HELP", mine, at(200, 200), "求助原件"));
        JsonNode b = file(officer, report("HELP", mine, at(210, 200), "求助重复"));
        long auditsA = audits(id(a));
        long auditsB = audits(id(b));

        HttpResponse<String> r = merge(officer, id(b), Map.of("primaryId", id(a), "reason", "同一老人走失"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode merged = ApiClient.json(r);
        assertThat(merged.get("incident").get("status").asText()).isEqualTo("MERGED");
        assertThat(merged.get("incident").get("open").asBoolean()).isFalse();
        assertThat(merged.get("incident").hasNonNull("dueAt")).isFalse();
        assertThat(merged.get("duplicates").get("mergedInto").get("trackingCode").asText()).isEqualTo(code(a));
        assertThat(kinds(merged)).last().isEqualTo("MERGED_INTO");
        assertThat(merged.get("timeline").get(merged.get("timeline").size() - 1).get("note").asText()).isEqualTo("同一老人走失");
        JsonNode primary = get(officer, id(a));
        assertThat(kinds(primary)).last().isEqualTo("MERGED");
        assertThat(primary.get("duplicates").get("merged").findValuesAsText("id")).containsExactly(id(b));
        assertThat(audits(id(a))).isEqualTo(auditsA + 1);
        assertThat(audits(id(b))).isEqualTo(auditsB + 1);
        assertThat(jdbc.sql("SELECT next_escalation_at IS NULL FROM incident WHERE id = ?").param(UUID.fromString(id(b)))
                .query(Boolean.class).single()).as("the sweep leaves it alone").isTrue();

        String grid = mine.id().value().toString();
        assertThat(ApiClient.json(api.get("/api/v1/incidents?size=100&open=true&gridId=" + grid, officer))
                .get("items").findValuesAsText("id")).contains(id(a)).doesNotContain(id(b));
        assertThat(ApiClient.json(api.get("/api/v1/incidents?size=100&open=false&gridId=" + grid, officer))
                .get("items").findValuesAsText("id")).contains(id(b)).doesNotContain(id(a));
        assertThat(api.send("POST", "/api/v1/incidents/" + id(b) + "/acknowledge", officer, null).statusCode())
                .as("no steps on a merged duplicate").isEqualTo(409);

        String base = "/api/v1/incidents/" + id(a);
        assertThat(api.send("POST", base + "/acknowledge", officer, null).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/arrive", officer, null).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/resolve", officer, Map.of("note", "老人已找到")).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/answer", officer, Map.of("note", "老人已找到并送回家中，感谢报告")).statusCode())
                .isEqualTo(200);

        JsonNode answered = get(officer, id(b));
        assertThat(answered.get("incident").get("status").asText()).isEqualTo("ANSWERED");
        assertThat(answered.get("incident").get("answeredAt").isNull()).isFalse();
        assertThat(answered.get("incident").get("answeredAt").asText())
                .isEqualTo(get(officer, id(a)).get("incident").get("answeredAt").asText());
        JsonNode last = answered.get("timeline").get(answered.get("timeline").size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("ANSWERED");
        assertThat(last.get("note").asText()).isEqualTo("老人已找到并送回家中，感谢报告");
        assertThat(answered.get("duplicates").get("mergedInto").get("id").asText()).isEqualTo(id(a));
        assertThat(audits(id(b))).isEqualTo(auditsB + 2);
    }

    /**
     * c merged into d, then d into e: c moves on to e with d. Its timeline says so (a step naming e on the staff page,
     * the reason in the reader's language), and its reporter's tracking page says why it is answered with another
     * report than the one it joined; e's answer reaches it.
     */
    @Test
    void aDuplicateCarriedOnWithTheReportItJoinedHasAStepSayingSoOnItsTimelineAndTrackingPage() {
        JsonNode c = file(officer, report("TRAFFIC", mine, at(300, 150), "事故甲"));
        JsonNode d = file(officer, report("TRAFFIC", mine, at(300, 160), "事故乙"));
        JsonNode e = file(officer, report("TRAFFIC", mine, at(300, 170), "事故丙"));
        assertThat(merge(officer, id(c), Map.of("primaryId", id(d))).statusCode()).isEqualTo(200);
        long auditsC = audits(id(c));
        assertThat(merge(officer, id(d), Map.of("primaryId", id(e), "reason", "同一起事故")).statusCode()).isEqualTo(200);

        JsonNode carried = get(officer, id(c));
        assertThat(kinds(carried)).containsSubsequence("MERGED_INTO", "CARRIED_ON");
        JsonNode step = carried.get("timeline").get(carried.get("timeline").size() - 1);
        assertThat(step.get("kind").asText()).isEqualTo("CARRIED_ON");
        assertThat(step.get("label").asText()).isEqualTo("随所并入的报告转并");
        assertThat(step.get("reason").asText()).startsWith("所并入的报告又并入另一件反映同一情况的报告");
        assertThat(step.get("note").asText()).isEqualTo("同一起事故");
        assertThat(step.get("linked").get("id").asText()).as("the report it now goes with").isEqualTo(id(e));
        JsonNode english = ApiClient.json(api.get("/api/v1/incidents/" + id(c), officer, "Accept-Language", "en"));
        assertThat(english.get("timeline").get(english.get("timeline").size() - 1).get("reason").asText())
                .startsWith("The report it was merged into was merged into another report");
        assertThat(audits(id(c))).as("the report it goes with changed: audited").isEqualTo(auditsC + 1);

        String tracking = new ApiClient(port).get("/track/" + code(c), null, "Accept", "text/html").body();
        assertThat(tracking).contains("与反映同一件事的报告合并办理",
                "与您的报告合并办理的报告又与另一件反映同一件事的报告合并，您的报告随之一并办理，答复时一并答复您");

        String base = "/api/v1/incidents/" + id(e);
        for (String s : new String[] {"acknowledge", "arrive"}) {
            assertThat(api.send("POST", base + "/" + s, officer, null).statusCode()).isEqualTo(200);
        }
        assertThat(api.send("POST", base + "/resolve", officer, Map.of("note", "事故已处理")).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", base + "/answer", officer, Map.of("note", "事故已处理完毕，道路已恢复通行"))
                .statusCode()).isEqualTo(200);
        JsonNode answered = get(officer, id(c));
        assertThat(answered.get("incident").get("status").asText()).isEqualTo("ANSWERED");
        assertThat(kinds(answered)).containsSubsequence("MERGED_INTO", "CARRIED_ON", "ANSWERED");
        assertThat(new ApiClient(port).get("/track/" + code(c), null, "Accept", "text/html").body())
                .contains("事故已处理完毕，道路已恢复通行");
    }

    @Test
    void aMergedDuplicateIsListedWithItsPrimaryAndNoLongerOfferedAsAPossibleDuplicate() {
        JsonNode a = file(officer, report("HELP", mine, at(600, 600), "合并后原件"));
        JsonNode b = file(officer, report("HELP", mine, at(610, 600), "合并后重复"));
        assertThat(candidates(b)).containsExactly(id(a));
        assertThat(candidates(get(officer, id(a)))).containsExactly(id(b));

        HttpResponse<String> r = merge(officer, id(b), Map.of("primaryId", id(a), "reason", "同一件事"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

        JsonNode primary = get(officer, id(a));
        assertThat(primary.get("duplicates").get("merged").findValuesAsText("id")).containsExactly(id(b));
        assertThat(candidates(primary)).as("merged, no longer a possible duplicate").isEmpty();
        JsonNode duplicate = get(officer, id(b));
        assertThat(duplicate.get("duplicates").get("mergedInto").get("id").asText()).isEqualTo(id(a));
        assertThat(candidates(duplicate)).as("its primary shows as such, not again as a candidate").isEmpty();

        String page = api.get("/incidents/" + id(a), officer, "Accept", "text/html").body();
        assertThat(page).contains("已并入的重复报告", code(b)).doesNotContain("可能重复的报告")
                .doesNotContain("duplicate-candidates");
    }

    @Test
    void aMergedDuplicateIsListedAfterTheOpenReportsNotBeforeTheOverdueOnes() {
        // a merged duplicate has neither an answer nor a deadline: it must not sort as if it were the most urgent
        JsonNode a = file(officer, report("HELP", mine, at(700, 700), "列表顺序原件"));
        JsonNode b = file(officer, report("HELP", mine, at(710, 700), "列表顺序重复"));
        JsonNode c = file(officer, report("DISPUTE", mine, at(100, 100), "列表顺序另一件"));
        assertThat(merge(officer, id(b), Map.of("primaryId", id(a), "reason", "同一件事")).statusCode()).isEqualTo(200);

        HttpResponse<String> r = api.get("/api/v1/incidents?show=all&gridId=" + mine.id().value(), officer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> listed = ApiClient.json(r).get("items").findValuesAsText("trackingCode");
        assertThat(listed).containsExactlyInAnyOrder(code(a), code(b), code(c));
        assertThat(listed.get(2)).as("the merged duplicate comes after the open reports").isEqualTo(code(b));
    }

    @Test
    void theRulesOfMergingAnswerInTheCallersLanguage() {
        JsonNode a = file(officer, report("DISPUTE", mine, at(50, 400), "纠纷甲"));
        JsonNode b = file(officer, report("DISPUTE", mine, at(60, 400), "纠纷乙"));
        JsonNode help = file(officer, report("HELP", mine, at(60, 410), "求助丙"));

        HttpResponse<String> self = merge(officer, id(a), Map.of("primaryId", id(a)));
        assertThat(self.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(self).get("errors").findValuesAsText("field")).containsExactly("primaryId");
        assertThat(ApiClient.json(self).get("errors").findValuesAsText("message")).containsExactly("不能合并到自身");
        assertThat(ApiClient.json(merge(officer, id(a), Map.of("primaryId", id(a)), "Accept-Language", "en"))
                .get("errors").findValuesAsText("message")).containsExactly("A report cannot be merged into itself");
        assertThat(merge(officer, id(a), Map.of()).statusCode()).isEqualTo(400);

        HttpResponse<String> across = merge(officer, id(help), Map.of("primaryId", id(a)));
        assertThat(across.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(across).get("errors").findValuesAsText("field")).containsExactly("acrossCategories");
        assertThat(ApiClient.json(across).get("errors").findValuesAsText("message"))
                .containsExactly("两件事项类别不同，须确认跨类别合并");
        assertThat(ApiClient.json(merge(officer, id(help), Map.of("primaryId", id(a)), "Accept-Language", "en"))
                .get("errors").findValuesAsText("message"))
                .containsExactly("The two reports differ in category; confirm the merge across categories");
        assertThat(get(officer, id(help)).get("incident").get("status").asText()).as("nothing half-applied")
                .isEqualTo("RECEIVED");

        // b into a; then help into b (said across categories) lands on a, not on the merged b
        assertThat(merge(officer, id(b), Map.of("primaryId", id(a))).statusCode()).isEqualTo(200);
        HttpResponse<String> chained = merge(officer, id(help), Map.of("primaryId", id(b), "acrossCategories", true));
        assertThat(chained.statusCode()).as(chained.body()).isEqualTo(200);
        assertThat(ApiClient.json(chained).get("duplicates").get("mergedInto").get("id").asText()).isEqualTo(id(a));
        assertThat(get(officer, id(a)).get("duplicates").get("merged").findValuesAsText("id"))
                .containsExactlyInAnyOrder(id(b), id(help));

        HttpResponse<String> again = merge(officer, id(b), Map.of("primaryId", id(a)));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(again).get("detail").asText()).isEqualTo("该事项已办结或已合并，不能再合并");

        // a merged one's own duplicates move with it: c into d, then d into e → c waits for e's answer
        JsonNode c = file(officer, report("TRAFFIC", mine, at(400, 50), "事故甲"));
        JsonNode d = file(officer, report("TRAFFIC", mine, at(400, 60), "事故乙"));
        JsonNode e = file(officer, report("TRAFFIC", mine, at(400, 70), "事故丙"));
        assertThat(merge(officer, id(c), Map.of("trackingCode", code(d).toLowerCase())).statusCode()).isEqualTo(200);
        assertThat(merge(officer, id(d), Map.of("primaryId", id(e))).statusCode()).isEqualTo(200);
        assertThat(get(officer, id(c)).get("duplicates").get("mergedInto").get("id").asText()).isEqualTo(id(e));
        HttpResponse<String> unknown = merge(officer, id(e), Map.of("trackingCode", "FQNOSUCHCODE"), "Accept-Language", "en");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(unknown).get("errors").findValuesAsText("message"))
                .containsExactly("No report with that tracking code in your jurisdiction");

        // nothing merges into a closed item
        String closed = id(file(officer, report("DISASTER", mine, at(10, 10), "已办结的灾害")));
        String late = id(file(officer, report("DISASTER", mine, at(10, 20), "迟到的灾害报告")));
        for (String step : new String[] {"acknowledge", "arrive"}) {
            api.send("POST", "/api/v1/incidents/" + closed + "/" + step, officer, null);
        }
        api.send("POST", "/api/v1/incidents/" + closed + "/resolve", officer, Map.of("note", "已处置"));
        assertThat(api.send("POST", "/api/v1/incidents/" + closed + "/answer", officer, Map.of("note", "已回复"))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> intoClosed = merge(officer, late, Map.of("primaryId", closed), "Accept-Language", "en");
        assertThat(intoClosed.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(intoClosed).get("detail").asText())
                .isEqualTo("The primary is closed; nothing can be merged into it");
    }

    @Test
    void bothReportsMustLieInTheCallersSubtree() {
        String m1 = id(file(officer, report("HELP", mine, at(250, 250), "范围甲")));
        String m2 = id(file(officer, report("HELP", mine, at(250, 260), "范围乙")));
        JsonNode n1 = file(officer2, report("HELP", theirs, at(520, 250), "范围丙"));

        assertThat(merge(officer2, m1, Map.of("primaryId", m2)).statusCode()).isEqualTo(404);
        assertThat(merge(officer, m1, Map.of("primaryId", id(n1))).statusCode()).isEqualTo(404);
        assertThat(merge(officer2, id(n1), Map.of("primaryId", m1)).statusCode()).isEqualTo(404);
        assertThat(merge(officer, m1, Map.of("trackingCode", code(n1))).statusCode()).isEqualTo(400);
        assertThat(merge(officer, UUID.randomUUID().toString(), Map.of("primaryId", m1)).statusCode()).isEqualTo(404);
        assertThat(merge(api.token("auditor", DEMO_PASSWORD), m1, Map.of("primaryId", m2)).statusCode()).isEqualTo(403);
        assertThat(get(officer, m1).get("incident").get("status").asText()).isEqualTo("RECEIVED");

        HttpResponse<String> byBureau = merge(bureau, id(n1), Map.of("primaryId", m1));
        assertThat(byBureau.statusCode()).as(byBureau.body()).isEqualTo(200);
        assertThat(get(officer, m1).get("duplicates").get("merged").findValuesAsText("id"))
                .as("the officer does not see officer2's report").isEmpty();
        assertThat(get(bureau, m1).get("duplicates").get("merged").findValuesAsText("id")).containsExactly(id(n1));
        assertThat(get(officer2, id(n1)).get("duplicates").hasNonNull("mergedInto")).isFalse();
        assertThat(get(officer2, id(n1)).get("incident").get("status").asText()).isEqualTo("MERGED");
    }

    /**
     * The plan (JSON, with the given EXPLAIN options) of the statement filings use, for one located report of category
     * HELP in grid {@code mine} at point {@code p} occurring {@code now}, with a box of 200 m and a window of 2 hours.
     */
    String explainCandidates(String options, double[] p, OffsetDateTime now, boolean sameGrid) {
        double dLat = 200 / M_PER_DEG;
        double dLon = 200 / (M_PER_DEG * Math.cos(Math.toRadians(p[1])));
        return String.join("", jdbc.sql("EXPLAIN (" + options + ", FORMAT JSON) " + Duplicates.CANDIDATES)
                .param("ids", new UUID[] {UUID.randomUUID()}).param("categories", new String[] {"HELP"})
                .param("grids", new UUID[] {mine.id().value()})
                .param("froms", new String[] {now.minusHours(2).toString()})
                .param("tos", new String[] {now.plusHours(2).toString()})
                .param("minLats", new Double[] {p[1] - dLat}).param("maxLats", new Double[] {p[1] + dLat})
                .param("minLons", new Double[] {p[0] - dLon}).param("maxLons", new Double[] {p[0] + dLon})
                .param("near", new Boolean[] {true}).param("sameGrid", new Boolean[] {sameGrid})
                .param("lons", new Double[] {p[0]}).param("lats", new Double[] {p[1]})
                .param("occurred", new String[] {now.toString()})
                .query(String.class).list());
    }

    /**
     * Beside 3 open reports near the new one, 10,000 of the category spread over a degree in the time window, and
     * 10,000 older ones on the new one's parallel, spread over a degree of longitude: the candidate query hands back
     * the 3 and touches a few pages, not the table, nor the parallel's band. Rolled back at the end.
     */
    @Test
    void theCandidateQueryReadsABoxAndTheGridsUnlocatedReportsThroughTheirIndexesNotEveryOpenItem() throws Exception {
        UUID unit = jurisdictions.unitByCode("320722010100").orElseThrow().id().value();
        UUID staff = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        double[] p = at(250, 250);
        String[] out = tx.execute(status -> {
            status.setRollbackOnly();
            String insert = """
                    INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, lon, lat, grid_id,
                        status, owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at,
                        submitter)
                    SELECT gen_random_uuid(), 'LOAD' || md5(random()::text), 'FIELD', 'HELP', 'x',
                        :occurred - make_interval(mins => (g % 100)), :lon + CAST(:lonSpread AS double precision) * random(),
                        :lat + CAST(:latSpread AS double precision) * random(), :grid, 'RECEIVED', :unit, :staff, :now,
                        'HELP_OR_DISPUTE', 'r', :now, 'load'
                    FROM generate_series(1, :n) g""";
            // in the window, over a degree: a located report's grid branch must not read them
            jdbc.sql(insert).param("now", now).param("occurred", now).param("lon", lon - 0.5).param("lat", lat - 0.5)
                    .param("lonSpread", 1.0).param("latSpread", 1.0).param("grid", mine.id().value()).param("unit", unit)
                    .param("staff", staff).param("n", 10000).update();
            // older than the window, on the parallel through the box (within about 20 m of it): the box's band of latitude
            jdbc.sql(insert).param("now", now).param("occurred", now.minusHours(10)).param("lon", lon - 0.5)
                    .param("lat", p[1] - 0.0002).param("lonSpread", 1.0).param("latSpread", 0.0004)
                    .param("grid", mine.id().value()).param("unit", unit).param("staff", staff).param("n", 10000).update();
            jdbc.sql(insert).param("now", now).param("occurred", now).param("lon", p[0]).param("lat", p[1])
                    .param("lonSpread", 0.0005).param("latSpread", 0.0005).param("grid", mine.id().value())
                    .param("unit", unit).param("staff", staff).param("n", 3).update();
            jdbc.sql("ANALYZE incident").update();
            double dLat = 200 / M_PER_DEG;
            double dLon = 200 / (M_PER_DEG * Math.cos(Math.toRadians(p[1])));
            // the statement that files use, for one located report with an address: it meets the reports in its box
            // and those of its grid without a location, never reading the grid's 20,000 located ones nor the band
            String plan = explainCandidates("ANALYZE, BUFFERS", p, now, true);
            long pages = jdbc.sql("SELECT pg_relation_size('incident') / current_setting('block_size')::int")
                    .query(Long.class).single();
            long inBox = jdbc.sql("""
                    SELECT count(*) FROM incident WHERE category = 'HELP' AND answered_at IS NULL AND status <> 'MERGED'
                      AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND occurred_at BETWEEN ? AND ?""")
                    .params(p[1] - dLat, p[1] + dLat, p[0] - dLon, p[0] + dLon, now.minusHours(2), now.plusHours(2))
                    .query(Long.class).single();
            return new String[] {plan, String.valueOf(pages), String.valueOf(inBox)};
        });
        JsonNode root = new ObjectMapper().readTree(out[0]).get(0).get("Plan");
        JsonNode scan = root.findParents("Index Name").stream()
                .filter(n -> n.get("Index Name").asText().equals("incident_open_cell")).findFirst().orElseThrow();
        assertThat(Long.parseLong(out[2])).as("the 3 near ones, maybe a random one besides").isGreaterThanOrEqualTo(3);
        assertThat(scan.get("Actual Rows").asLong()).isEqualTo(Long.parseLong(out[2]));
        long touched = scan.get("Shared Hit Blocks").asLong() + scan.get("Shared Read Blocks").asLong();
        long pages = Long.parseLong(out[1]);
        System.out.printf("duplicate candidates: index scan touched %d of the table's %d pages, %d rows%n", touched, pages,
                scan.get("Actual Rows").asLong());
        assertThat(pages).as("the table is large").isGreaterThan(300);
        assertThat(touched).as("pages touched by the scan of %s", pages).isLessThan(pages / 20);
        long all = root.get("Shared Hit Blocks").asLong() + root.get("Shared Read Blocks").asLong();
        assertThat(all).as("pages touched by the whole statement, of %s", pages).isLessThan(pages / 20);
    }

    /**
     * Once a vacuum has marked the table's pages all-visible, the box is answered from its index alone: the reports in
     * it come back without a visit to the table (V112). Four reports are filed at one spot, the table vacuumed (again,
     * should an older transaction elsewhere have kept the pages from being marked), and the statement explained for a
     * fifth at the spot.
     */
    @Test
    void onceVacuumedTheBoxIsReadFromItsIndexAloneWithoutVisitingTheTable() throws Exception {
        double[] p = at(250, 250);
        for (int i = 0; i < 4; i++) {
            file(officer, report("HELP", mine, p, "索引扫描"));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonNode scan = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            jdbc.sql("VACUUM ANALYZE incident").update();
            // the suite's table is small enough to be read whole: the plan with the table as large as in service
            String plan = tx.execute(status -> {
                jdbc.sql("SET LOCAL enable_seqscan = off").update();
                jdbc.sql("SET LOCAL enable_bitmapscan = off").update();
                return explainCandidates("ANALYZE", p, now, false);
            });
            scan = new ObjectMapper().readTree(plan).get(0).get("Plan").findParents("Index Name").stream()
                    .filter(n -> n.get("Index Name").asText().equals("incident_open_cell")).findFirst().orElseThrow();
            if (scan.path("Heap Fetches").asLong(-1) == 0) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(scan.get("Node Type").asText()).isEqualTo("Index Only Scan");
        assertThat(scan.get("Actual Rows").asLong()).as("the four reports at the spot").isEqualTo(4);
        assertThat(scan.get("Heap Fetches").asLong()).as("visits to the table").isZero();
    }
}
