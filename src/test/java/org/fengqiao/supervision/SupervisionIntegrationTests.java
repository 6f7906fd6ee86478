package org.fengqiao.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.supervision.internal.NoticeDesk;
import org.fengqiao.supervision.internal.NoticeOverdueSweep;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

class SupervisionIntegrationTests extends IntegrationTest {

    static final String NOTICES = "/api/v1/supervision/notices";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    NoticeDesk desk;
    @Autowired
    StaffDirectory staff;
    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

    ApiClient api;
    String inspector;
    String chief;
    String officer;
    String officer2;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        inspector = api.token("inspector", DEMO_PASSWORD);
        chief = api.token("chief", DEMO_PASSWORD);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    UUID unit(String code) {
        return jdbc.sql("SELECT id FROM unit WHERE code = ?").param(code).query(UUID.class).single();
    }

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** A notice to 房山中心警务室 naming its station's chief and its officer. */
    Map<String, Object> ruralNotice(String finding, int days) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", unit("320722010100"));
        body.put("leaderId", staffId("chief"));
        body.put("officerId", staffId("officer"));
        body.put("finding", finding);
        body.put("foundOn", today().toString());
        body.put("place", "吴场村警务工作站");
        body.put("severity", "SERIOUS");
        body.put("dueOn", today().plusDays(days).toString());
        return body;
    }

    JsonNode issue(Map<String, Object> body) {
        HttpResponse<String> r = api.send("POST", NOTICES, inspector, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r);
    }

    List<Map<String, Object>> inbox(UUID notice) {
        return jdbc.sql("""
                SELECT s.username, e.kind, e.read_at IS NOT NULL AS closed FROM inbox_entry e
                JOIN staff s ON s.id = e.recipient_id WHERE e.record_id = ? ORDER BY e.created_at, s.username""")
                .param(notice).query().listOfRows();
    }

    @Test
    void aRetiredUnitIsNeitherOfferedNorAcceptedAsTheUnitOfANewNotice() {
        String code = "IT-SV-R-" + UUID.randomUUID().toString().substring(0, 8);
        UUID workstation = jurisdictions.createUnit(new org.fengqiao.jurisdiction.UnitId(unit("320722010100")),
                org.fengqiao.jurisdiction.UnitKind.WORKSTATION, code, "并入撤销工作站", null).id().value();
        assertThat(api.get("/api/v1/supervision/units", inspector).body()).contains(workstation.toString());

        HttpResponse<String> retired = api.send("DELETE", "/api/v1/units/" + workstation,
                api.token("bureau", DEMO_PASSWORD), null);
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(204);
        HttpResponse<String> offered = api.get("/api/v1/supervision/units", inspector);
        assertThat(offered.body()).doesNotContain(workstation.toString()).contains(unit("320722010100").toString());
        assertThat(api.get("/supervision/new", inspector, "Accept", "text/html").body())
                .doesNotContain(workstation.toString());

        Map<String, Object> body = ruralNotice("撤销单位-" + code, 10);
        body.put("unitId", workstation);
        HttpResponse<String> refused = api.send("POST", NOTICES, inspector, body);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_notice WHERE unit_id = ?").param(workstation)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anIssuedNoticeIsNumberedReachesTheUnitAndIsClosedOnceTheInspectorAcceptsItsRectification() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        JsonNode first = issue(ruralNotice("工作日志缺记-" + n, 10));
        JsonNode second = issue(ruralNotice("台账不符-" + n, 10));
        int year = today().getYear();
        assertThat(first.get("number").asText()).startsWith("督通〔" + year + "〕").endsWith("号");
        assertThat(second.get("seq").asInt()).isEqualTo(first.get("seq").asInt() + 1);
        UUID id = UUID.fromString(first.get("id").asText());
        assertThat(first.get("state").asText()).isEqualTo("ISSUED");
        assertThat(inbox(id)).extracting(r -> r.get("username") + ":" + r.get("kind"))
                .contains("chief:SUPERVISION_NOTICE", "officer:SUPERVISION_NOTICE");
        String chiefInbox = api.get("/api/v1/inbox", chief).body();
        assertThat(chiefInbox).contains(first.get("number").asText());

        // the unit's officer sees it among the notices to his unit and answers
        assertThat(api.get("/api/v1/supervision/to-us", officer).body()).contains(id.toString());
        HttpResponse<String> answered = api.send("POST", NOTICES + "/" + id + "/answer", officer,
                Map.of("rectification", "已补记日志并建立每日检查制度", "doneOn", today().toString(),
                        "evidence", "日志本复印件"));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(ApiClient.json(answered).get("state").asText()).isEqualTo("ANSWERED");
        assertThat(inbox(id)).extracting(r -> r.get("username") + ":" + r.get("kind") + ":" + r.get("closed"))
                .contains("chief:SUPERVISION_NOTICE:true", "officer:SUPERVISION_NOTICE:true",
                        "inspector:SUPERVISION_ANSWERED:false");

        // the station chief accepts no rectification, his own unit's or any
        HttpResponse<String> byChief = api.send("POST", NOTICES + "/" + id + "/accept", chief, Map.of());
        assertThat(byChief.statusCode()).isEqualTo(403);

        HttpResponse<String> accepted = api.send("POST", NOTICES + "/" + id + "/accept", inspector,
                Map.of("note", "复查属实"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        JsonNode view = ApiClient.json(api.get(NOTICES + "/" + id, inspector));
        assertThat(view.get("notice").get("state").asText()).isEqualTo("RECTIFIED");
        assertThat(view.get("steps").findValuesAsText("kind")).containsExactly("ISSUED", "ANSWERED", "ACCEPTED");
        assertThat(inbox(id)).extracting(r -> r.get("username") + ":" + r.get("kind") + ":" + r.get("closed"))
                .contains("inspector:SUPERVISION_ANSWERED:true");
        assertThat(jdbc.sql("""
                SELECT action FROM audit_entry WHERE record_type = 'supervision_notice' AND record_id = ?
                ORDER BY seq""")
                .param(id.toString()).query(String.class).list()).containsExactly("CREATE", "UPDATE", "UPDATE");
        assertThat(api.get(NOTICES + "?status=CLOSED&size=100", officer).body()).contains(id.toString());
        HttpResponse<byte[]> pdf = api.download(NOTICES + "/" + id + "/notice.pdf", officer);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void aStationChiefIssuesNoNoticeAndNothingIsSaved() {
        long before = jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single();
        HttpResponse<String> r = api.send("POST", NOTICES, chief, ruralNotice("所长自己下发", 10));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(api.get("/supervision/new", chief).statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedFieldByFieldInBothLanguagesAndNothingIsSaved() {
        long before = jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single();
        Map<String, Object> body = ruralNotice(" ", 10);
        body.remove("leaderId");
        body.put("officerId", staffId("officer2"));
        body.put("dueOn", today().minusDays(1).toString());
        HttpResponse<String> zh = api.send("POST", NOTICES, inspector, body);
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(zh).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("officerId", "finding", "dueOn");
        assertThat(errors.findValuesAsText("message")).contains("必填", "须为被督察单位（或其上级派出所）的民警");
        HttpResponse<String> en = api.send("POST", NOTICES, inspector, body, "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message")).contains("Required",
                "Must be police of the unit inspected (or of its station)",
                "Must be between today and 365 days from now");
        HttpResponse<String> none = api.send("POST", NOTICES, inspector, Map.of(), "Accept-Language", "en");
        assertThat(ApiClient.json(none).get("errors").findValuesAsText("field"))
                .contains("unitId", "leaderId", "finding", "foundOn", "severity", "dueOn");
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single()).isEqualTo(before);

        UUID id = UUID.fromString(issue(ruralNotice("整改说明为空", 10)).get("id").asText());
        HttpResponse<String> empty = api.send("POST", NOTICES + "/" + id + "/answer", officer,
                Map.of("rectification", "", "doneOn", today().plusDays(1).toString()), "Accept-Language", "en");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(empty).get("errors").findValuesAsText("message")).containsExactlyInAnyOrder(
                "Required", "Must be between the day it was found and today");
        assertThat(ApiClient.json(api.get(NOTICES + "/" + id, officer)).get("notice").get("state").asText())
                .isEqualTo("ISSUED");
    }

    /**
     * A year mistyped in the day a finding was found (1026 for 2026) was issued as found a thousand years ago, and
     * the unit's rectification could then be dated any day since: refused in the reader's language, nothing saved.
     */
    @Test
    void aFindingFoundMoreThanAYearAgoIsRefusedAsAMistypedDayAndNothingIsSaved() {
        long before = jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single();
        Map<String, Object> body = ruralNotice("发现日期年份打错", 10);
        body.put("foundOn", today().minusYears(1000).toString());
        HttpResponse<String> zh = api.send("POST", NOTICES, inspector, body);
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        JsonNode errors = ApiClient.json(zh).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("foundOn");
        assertThat(errors.findValuesAsText("message")).containsExactly("不能早于 365 天前（请核对年份）");
        body.put("foundOn", today().minusDays(366).toString());
        HttpResponse<String> en = api.send("POST", NOTICES, inspector, body, "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message"))
                .containsExactly("Cannot be more than 365 days ago (check the year)");
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single()).isEqualTo(before);
        // a finding of the year's inspections is issued as before
        body.put("foundOn", today().minusDays(365).toString());
        assertThat(issue(body).get("foundOn").asText()).isEqualTo(today().minusDays(365).toString());
    }

    @Test
    void onlyPoliceWhoReadTheNoticesUnitMayBeNamedResponsibleInIt() {
        // 李建国 serves 房山中心警务室, under the station: a notice to the station lies outside what he reads, so
        // named in it he would find it neither in his inbox nor on his unit's list, and its link would answer 404
        UUID station = unit("320722010000");
        String candidates = api.get("/api/v1/supervision/units/" + station + "/candidates", inspector).body();
        assertThat(candidates).contains(staffId("chief").toString()).doesNotContain(staffId("officer").toString());
        long before = jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single();
        Map<String, Object> body = ruralNotice("所级通报点名下级民警", 10);
        body.put("unitId", station);
        HttpResponse<String> r = api.send("POST", NOTICES, inspector, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(ApiClient.json(r).get("errors").findValuesAsText("field")).containsExactly("officerId");
        assertThat(jdbc.sql("SELECT count(*) FROM supervision_notice").query(Long.class).single()).isEqualTo(before);
        // the station's chief is his station's leader; named in a notice to the office under it he reads it
        UUID id = UUID.fromString(issue(ruralNotice("下级警务室的问题", 10)).get("id").asText());
        assertThat(api.get(NOTICES + "/" + id, chief).statusCode()).isEqualTo(200);
        assertThat(api.get(NOTICES + "/" + id, officer).statusCode()).isEqualTo(200);
    }

    @Test
    void everyEndpointAnswers404ForANoticeOutsideTheCallersSubtree() {
        UUID id = UUID.fromString(issue(ruralNotice("房山的问题", 10)).get("id").asText());
        // officer2 serves 牛山派出所's workstation: 房山's notice is not his
        assertThat(api.get(NOTICES + "/" + id, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/supervision/" + id, officer2).statusCode()).isEqualTo(404);
        assertThat(api.download(NOTICES + "/" + id + "/notice.pdf", officer2).statusCode()).isEqualTo(404);
        assertThat(api.download("/supervision/" + id + "/notice.pdf", officer2).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", NOTICES + "/" + id + "/answer", officer2,
                Map.of("rectification", "越权", "doneOn", today().toString())).statusCode()).isEqualTo(404);
        assertThat(api.get(NOTICES + "?size=100", officer2).body()).doesNotContain(id.toString());
        assertThat(api.get("/api/v1/supervision/to-us", officer2).body()).doesNotContain(id.toString());

        // an inspector seated at 牛山派出所 oversees its subtree only
        String name = "it-insp-" + UUID.randomUUID().toString().substring(0, 8);
        staff.register(new UnitId(unit("320722020000")), StaffRole.INSPECTOR, "测试督察", null, null, null, name,
                DEMO_PASSWORD);
        String local = api.token(name, DEMO_PASSWORD);
        assertThat(api.get(NOTICES + "/" + id, local).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", NOTICES + "/" + id + "/accept", local, Map.of()).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", NOTICES + "/" + id + "/send-back", local, Map.of("note", "x")).statusCode())
                .isEqualTo(404);
        assertThat(api.send("POST", NOTICES + "/" + id + "/accountability", local, Map.of("targetId",
                staffId("officer"), "measure", "CRITICISM", "reason", "x")).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/supervision/units/" + unit("320722010100") + "/candidates", local).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/supervision/units", local).body()).doesNotContain(unit("320722010100").toString());
        HttpResponse<String> outside = api.send("POST", NOTICES, local, ruralNotice("越界下发", 10));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(outside).get("errors").findValuesAsText("field")).contains("unitId");
        // the published list (通报) is the whole bureau's, without names
        String published = api.get("/api/v1/supervision/published?size=100", officer2).body();
        assertThat(published).contains(id.toString()).doesNotContain("leaderName", "officerName");
    }

    @Test
    void pastItsDeadlineTheDailyJobMarksItOverdueTellsTheUnitAndTheInspectorMayHoldTheOfficerToAccount() {
        UUID id = UUID.fromString(issue(ruralNotice("逾期不改-" + UUID.randomUUID(), 2)).get("id").asText());
        UUID answeredId = UUID.fromString(issue(ruralNotice("按期整改-" + UUID.randomUUID(), 2)).get("id").asText());
        api.send("POST", NOTICES + "/" + answeredId + "/answer", officer,
                Map.of("rectification", "已整改", "doneOn", today().toString()));
        Map<String, Object> accountability = Map.of("targetId", staffId("officer"), "measure", "ADMONITION",
                "reason", "逾期未整改");
        HttpResponse<String> early = api.send("POST", NOTICES + "/" + id + "/accountability", inspector,
                accountability);
        assertThat(early.statusCode()).isEqualTo(409);

        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        assertThat(new NoticeOverdueSweep(desk, clock).sweep()).as("on its last day it is not overdue").isZero();
        clock.advance(Duration.ofDays(1));
        new NoticeOverdueSweep(desk, clock).sweep();
        JsonNode view = ApiClient.json(api.get(NOTICES + "/" + id, inspector));
        assertThat(view.get("notice").get("state").asText()).isEqualTo("OVERDUE");
        assertThat(view.get("allowed").get("holdAccountable").asBoolean()).isTrue();
        assertThat(ApiClient.json(api.get(NOTICES + "/" + answeredId, inspector)).get("notice").get("state").asText())
                .as("answered in time, it waits for acceptance").isEqualTo("ANSWERED");
        assertThat(inbox(id)).extracting(r -> r.get("username") + ":" + r.get("kind"))
                .contains("chief:SUPERVISION_OVERDUE", "officer:SUPERVISION_OVERDUE", "inspector:SUPERVISION_OVERDUE");
        assertThat(api.get(NOTICES + "?status=OVERDUE&size=100", chief).body()).contains(id.toString());

        // the chief holds nobody to account; the inspector does, against those the notice names
        assertThat(api.send("POST", NOTICES + "/" + id + "/accountability", chief, accountability).statusCode())
                .isEqualTo(403);
        HttpResponse<String> stranger = api.send("POST", NOTICES + "/" + id + "/accountability", inspector,
                Map.of("targetId", staffId("officer2"), "measure", "ADMONITION", "reason", "x"), "Accept-Language",
                "en");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(stranger).get("detail").asText())
                .isEqualTo("Only the notice's responsible leader or officer can be held to account");
        HttpResponse<String> held = api.send("POST", NOTICES + "/" + id + "/accountability", inspector,
                accountability);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        assertThat(ApiClient.json(held).get("accountabilities").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT actor FROM audit_entry WHERE record_type = 'supervision_notice' AND record_id = ?
                ORDER BY seq""").param(id.toString()).query(String.class).list())
                .containsExactly("inspector", NoticeDesk.OVERDUE_ACTOR, "inspector");

        // once per person and notice: the same form sent again (or by a second inspector) records no second measure
        HttpResponse<String> again = api.send("POST", NOTICES + "/" + id + "/accountability", inspector,
                Map.of("targetId", staffId("officer"), "measure", "CRITICISM", "reason", "再次追责"),
                "Accept-Language", "en");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(ApiClient.json(again).get("detail").asText())
                .isEqualTo("This person has already been held to account for this notice");
        assertThat(api.send("POST", NOTICES + "/" + id + "/accountability", inspector, accountability).body())
                .contains("此人已因本通报被追究责任");
        JsonNode after = ApiClient.json(api.get(NOTICES + "/" + id, inspector));
        assertThat(after.get("notice").get("accountabilities").asInt()).isEqualTo(1);
        assertThat(after.get("allowed").get("holdAccountable").asBoolean()).as("the leader is still to answer for it")
                .isTrue();
    }
    /** The text of a notice's PDF as the reader downloads it, without its spaces and line breaks. */
    String pdfText(UUID id, String token, String language) throws java.io.IOException {
        HttpResponse<byte[]> pdf = api.download(NOTICES + "/" + id + "/notice.pdf", token, "Accept-Language", language);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
    }

    /**
     * A notice gone overdue asks the unit what its issue asked, now late: the overdue entry takes the issued one's place
     * (closed when it comes), so the chief finds one unread entry for the matter, not two, and his unread count says so.
     */
    @Test
    void theOverdueEntryTakesTheIssuedEntrysPlaceSoTheUnitFindsOneUnreadEntryPerNotice() {
        JsonNode issued = issue(ruralNotice("逾期取代-" + UUID.randomUUID(), 2));
        UUID id = UUID.fromString(issued.get("id").asText());
        String number = issued.get("number").asText();

        MovableClock clock = new MovableClock(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC);
        new NoticeOverdueSweep(desk, clock).sweep();

        assertThat(inbox(id)).extracting(r -> r.get("username") + ":" + r.get("kind") + ":" + r.get("closed"))
                .contains("chief:SUPERVISION_NOTICE:true", "officer:SUPERVISION_NOTICE:true",
                        "chief:SUPERVISION_OVERDUE:false", "officer:SUPERVISION_OVERDUE:false",
                        "inspector:SUPERVISION_OVERDUE:false");
        JsonNode unread = ApiClient.json(api.get("/api/v1/inbox?unread=true&size=100", chief));
        List<JsonNode> forNotice = new java.util.ArrayList<>();
        unread.get("items").forEach(e -> {
            if (e.get("recordId").asText().equals(id.toString())) {
                forNotice.add(e);
            }
        });
        assertThat(forNotice).as("the chief's unread entries for the notice").hasSize(1);
        assertThat(forNotice.get(0).get("kind").asText()).isEqualTo("SUPERVISION_OVERDUE");
        assertThat(forNotice.get(0).get("title").asText()).contains(number);
    }

    @Test
    void theNoticesPdfPrintsTheDeadlineAndTheRectificationsDateAndEvidence() throws java.io.IOException {
        UUID id = UUID.fromString(issue(ruralNotice("打印佐证-" + UUID.randomUUID(), 5)).get("id").asText());
        String evidence = "佐证" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> answered = api.send("POST", NOTICES + "/" + id + "/answer", officer,
                Map.of("rectification", "已补记日志", "doneOn", today().toString(), "evidence", evidence));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);

        assertThat(pdfText(id, officer, "zh-CN")).contains("整改期限" + today().plusDays(5),
                "整改完成日期：" + today(), "佐证材料：" + evidence);
        assertThat(pdfText(id, inspector, "en")).contains("Evidence:" + evidence).contains(today().toString());
    }

    @Test
    void thePersonHeldToAccountFindsItInHisInboxWithTheMeasureAndTheReasonInHisLanguage() {
        UUID id = UUID.fromString(issue(ruralNotice("追责告知-" + UUID.randomUUID(), 0)).get("id").asText());
        new NoticeOverdueSweep(desk, new MovableClock(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).sweep();
        String reason = "逾期未整改，告知本人-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> held = api.send("POST", NOTICES + "/" + id + "/accountability", inspector,
                Map.of("targetId", staffId("officer"), "measure", "ADMONITION", "reason", reason));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        String number = ApiClient.json(held).get("number").asText();

        assertThat(inbox(id)).extracting(r -> r.get("username") + ":" + r.get("kind") + ":" + r.get("closed"))
                .as("the officer held to account is told, and only he").contains("officer:SUPERVISION_ACCOUNTABILITY:false")
                .doesNotContain("chief:SUPERVISION_ACCOUNTABILITY:false", "inspector:SUPERVISION_ACCOUNTABILITY:false");
        JsonNode zh = ApiClient.json(api.get("/api/v1/inbox?size=100", officer));
        JsonNode entry = null;
        for (JsonNode e : zh.get("items")) {
            if (e.get("kind").asText().equals("SUPERVISION_ACCOUNTABILITY") && e.get("recordId").asText()
                    .equals(id.toString())) {
                entry = e;
            }
        }
        assertThat(entry).as("the entry in his inbox").isNotNull();
        assertThat(entry.get("title").asText()).contains(number).contains("诫勉谈话");
        assertThat(entry.get("reason").asText()).isEqualTo(reason);
        assertThat(entry.get("link").asText()).isEqualTo("/supervision/" + id);
        assertThat(api.get("/api/v1/inbox?size=100", officer, "Accept-Language", "en").body())
                .contains("Admonitory talk").doesNotContain("supervision.measure.");
        assertThat(api.get("/api/v1/inbox?size=100", officer2).body()).doesNotContain(reason);
    }

    /** The overdue step of a notice's timeline on its page, as the reader sees it. */
    static String overdueStep(String page) {
        int at = page.indexOf("data-kind=\"OVERDUE\"");
        assertThat(at).as("the timeline shows the overdue step").isPositive();
        return page.substring(at, page.indexOf("</li>", at));
    }

    /**
     * An answer given after the last day of rectification shows as late (逾期) with its days, whether or not the daily
     * job had marked the notice overdue first: on the list, in the reader's language, and in the filed PDF, next to
     * the state and on the answer's line. An answer in time carries no such mark.
     */
    @Test
    void anAnswerGivenAfterItsDeadlineShowsAsLateWithItsDaysOnTheListAndInThePdf() throws java.io.IOException {
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID late = UUID.fromString(issue(ruralNotice("迟复-" + n, 2)).get("id").asText());
        UUID onTime = UUID.fromString(issue(ruralNotice("按时复-" + n, 2)).get("id").asText());
        // found ten days ago, its last day three days behind, not yet swept overdue: the unit answers late all the same
        jdbc.sql("UPDATE supervision_notice SET found_on = ?, due_on = ? WHERE id = ?")
                .params(today().minusDays(10), today().minusDays(3), late).update();
        for (UUID id : List.of(late, onTime)) {
            HttpResponse<String> r = api.send("POST", NOTICES + "/" + id + "/answer", officer,
                    Map.of("rectification", "已整改", "doneOn", today().toString()));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }

        String zh = new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, null)
                .get("/supervision?status=OPEN", null).body();
        assertThat(listRow(zh, late)).contains("逾期 3 天");
        assertThat(listRow(zh, onTime)).doesNotContain("逾期");
        String en = new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, "en")
                .get("/supervision?status=OPEN", null).body();
        assertThat(listRow(en, late)).contains("3 days late");
        assertThat(ApiClient.json(api.get(NOTICES + "/" + late, inspector)).get("notice").get("lateDays").asInt())
                .isEqualTo(3);

        assertThat(pdfText(late, inspector, "zh-CN")).contains("整改待验收（逾期3天答复）", "已整改·逾期3天");
        assertThat(pdfText(late, inspector, "en")).contains("answered3dayslate");
        assertThat(pdfText(onTime, inspector, "zh-CN")).doesNotContain("逾期");
    }

    /**
     * The station's own page of the notices to it (通报到本单位) marks the late ones as the notice list does: one
     * answered after its last day with its days late (逾期 3 天), one that went overdue and was answered since with
     * 逾期; the chief saw them there as any other waiting for acceptance. One answered in time has no mark.
     */
    @Test
    void theNoticesToTheUnitMarkThoseAnsweredLateOrGoneOverdueAsTheListDoes() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID late = UUID.fromString(issue(ruralNotice("本单位迟复-" + n, 2)).get("id").asText());
        UUID overdue = UUID.fromString(issue(ruralNotice("本单位逾期-" + n, 2)).get("id").asText());
        UUID onTime = UUID.fromString(issue(ruralNotice("本单位按时-" + n, 2)).get("id").asText());
        jdbc.sql("UPDATE supervision_notice SET found_on = ?, due_on = ? WHERE id = ?")
                .params(today().minusDays(10), today().minusDays(3), late).update();
        Map<String, Object> answer = Map.of("rectification", "已整改", "doneOn", today().toString());
        for (UUID id : List.of(late, onTime)) {
            assertThat(api.send("POST", NOTICES + "/" + id + "/answer", officer, answer).statusCode()).isEqualTo(200);
        }
        // three days on, the one not answered is marked overdue; then the unit answers it
        new NoticeOverdueSweep(desk, new MovableClock(Instant.now().plus(Duration.ofDays(3)), ZoneOffset.UTC)).sweep();
        assertThat(api.send("POST", NOTICES + "/" + overdue + "/answer", officer, answer).statusCode()).isEqualTo(200);

        String zh = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null).get("/supervision/to-us", null).body();
        assertThat(listRow(zh, late)).contains("整改待验收", "逾期 3 天");
        assertThat(listRow(zh, overdue)).contains("整改待验收", ">逾期<");
        assertThat(listRow(zh, onTime)).contains("整改待验收").doesNotContain("逾期");
        String en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en").get("/supervision/to-us", null).body();
        assertThat(listRow(en, late)).contains("3 days late");
        assertThat(listRow(en, overdue)).contains(">Overdue<");
        assertThat(listRow(en, onTime)).doesNotContain("late").doesNotContain("Overdue");
    }

    static String listRow(String html, UUID id) {
        int at = html.indexOf("data-id=\"" + id + "\"");
        assertThat(at).as("the notice's row").isNotNegative();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    @Test
    void theDailyJobThatMarksANoticeOverdueIsNamedInTheReadersLanguageOnItsPageAndInTheTrail() {
        UUID id = UUID.fromString(issue(ruralNotice("逾期署名-" + UUID.randomUUID(), 0)).get("id").asText());
        new NoticeOverdueSweep(desk, new MovableClock(Instant.now().plus(Duration.ofDays(1)), ZoneOffset.UTC)).sweep();
        assertThat(ApiClient.json(api.get(NOTICES + "/" + id, inspector)).get("notice").get("state").asText())
                .isEqualTo("OVERDUE");

        String zh = overdueStep(new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, null)
                .get("/supervision/" + id, null).body());
        assertThat(zh).contains("督察逾期检查").doesNotContain(NoticeDesk.OVERDUE_ACTOR);
        String en = overdueStep(new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, "en")
                .get("/supervision/" + id, null).body());
        assertThat(en).contains("Supervision overdue check").doesNotContain(NoticeDesk.OVERDUE_ACTOR);

        String auditor = api.token("auditor", DEMO_PASSWORD);
        JsonNode trail = ApiClient.json(api.get("/api/v1/audit?recordId=" + id, auditor, "Accept-Language", "en"));
        assertThat(trail.get("items").findValuesAsText("actorName")).contains("Supervision overdue check")
                .doesNotContain(NoticeDesk.OVERDUE_ACTOR);
    }
}
