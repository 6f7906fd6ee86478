package org.fengqiao.worklog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.worklog.internal.WorklogDesk;
import org.fengqiao.worklog.internal.Worklogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The work log (四有) through its API: an officer's entries are his own (another officer finds nothing, or may read a
 * shared one but not change it), each edit keeps the version it replaced and only goes through from the version read;
 * the station chief reviews his station's entries (the bureau all) and his remark reaches the author's inbox; the
 * column is the bureau's and the police's, and refuses identity and mobile numbers.
 */
class WorklogIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WorklogDesk desk;
    @Autowired
    Worklogs worklogs;
    @Autowired
    StaffDirectory directory;

    ApiClient api;
    String officer;
    String officer2;
    String chief;
    String bureau;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        chief = api.token("chief", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
    }

    UUID unitOf(String username) {
        return jdbc.sql("SELECT unit_id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    static LocalDate today() {
        return LocalDate.now(LocalTimes.ZONE);
    }

    Map<String, Object> entry(String kind, LocalDate day, UUID unit, String title, String body) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", kind);
        m.put("day", day == null ? null : day.toString());
        m.put("unitId", unit);
        m.put("title", title);
        m.put("body", body);
        return m;
    }

    /**
     * A title no other test writes, in letters only: the hex digits of a whole UUID, hyphens and all, can read as a
     * mobile number (…c139-1234-5678…), which a work log entry refuses.
     */
    static String unique(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        UUID.randomUUID().toString().replace("-", "").chars()
                .forEach(c -> b.append((char) (c <= '9' ? 'g' + c - '0' : c)));
        return b.toString();
    }

    JsonNode write(String token, String username, String title, String body) {
        HttpResponse<String> r = api.send("POST", "/api/v1/worklog/entries", token,
                entry("DAILY", today(), unitOf(username), title, body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r);
    }

    String id(JsonNode entry) {
        return entry.get("id").asText();
    }

    Map<String, Object> edit(JsonNode e, String body, long version) {
        Map<String, Object> m = entry(null, LocalDate.parse(e.get("periodStart").asText()),
                UUID.fromString(e.get("unitId").asText()), e.get("title").asText(), body);
        m.put("version", version);
        return m;
    }

    @Test
    void eachEditKeepsTheVersionItReplacedAndAStaleEditIsAConflict() {
        JsonNode e = write(officer, "officer", unique("巡逻日志-"), "上午巡逻吴场村");
        HttpResponse<String> first = api.send("PUT", "/api/v1/worklog/entries/" + id(e), officer,
                edit(e, "上午巡逻吴场村，下午走访陆圩村", 0));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(ApiClient.json(first).get("version").asLong()).isEqualTo(1);

        // a second tab still holding version 0: refused, nothing saved over the first edit
        HttpResponse<String> stale = api.send("PUT", "/api/v1/worklog/entries/" + id(e), officer,
                edit(e, "另一个窗口里的内容", 0), "Accept-Language", "en");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(stale).get("detail").asText()).contains("changed meanwhile");

        JsonNode view = ApiClient.json(api.get("/api/v1/worklog/entries/" + id(e), officer));
        assertThat(view.get("entry").get("body").asText()).isEqualTo("上午巡逻吴场村，下午走访陆圩村");
        assertThat(view.get("history").findValuesAsText("body")).containsExactly("上午巡逻吴场村");
        assertThat(view.get("history").get(0).get("version").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'worklog_entry' AND record_id = ?")
                .param(id(e)).query(Long.class).single()).as("created and updated, audited").isEqualTo(2);
    }

    @Test
    void anotherOfficerFindsNothingOfAnEntryAndMayReadButNotChangeAShared() {
        JsonNode e = write(officer, "officer", unique("吴场村走访-"), "走访了五户");
        // officer2 serves another station: the entry is not there for him
        assertThat(api.get("/api/v1/worklog/entries/" + id(e), officer2).statusCode()).isEqualTo(404);
        assertThat(api.send("PUT", "/api/v1/worklog/entries/" + id(e), officer2, edit(e, "改掉", 0)).statusCode())
                .isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer2, null).statusCode())
                .isEqualTo(404);

        assertThat(api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer, null).statusCode())
                .isEqualTo(200);
        // shared: the colleague of the bureau reads it in the column, and still may not change it
        assertThat(api.get("/api/v1/worklog/entries/" + id(e), officer2).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = api.send("PUT", "/api/v1/worklog/entries/" + id(e), officer2,
                edit(e, "改掉", 0));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.send("DELETE", "/api/v1/worklog/entries/" + id(e) + "/share", officer2, null).statusCode())
                .isEqualTo(403);
        assertThat(ApiClient.json(api.get("/api/v1/worklog/entries/" + id(e), officer)).get("entry").get("body")
                .asText()).isEqualTo("走访了五户");
    }

    @Test
    void theChiefReviewsHisStationsEntriesAndTheBureauAll() {
        JsonNode rural = write(officer, "officer", unique("房山日志-"), "房山");
        JsonNode urban = write(officer2, "officer2", unique("牛山日志-"), "牛山");
        assertThat(api.get("/api/v1/worklog/entries/" + id(rural), chief).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/worklog/entries/" + id(urban), chief).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/worklog/entries/" + id(urban) + "/remarks", chief,
                Map.of("text", "好")).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/worklog/entries/" + id(urban), bureau).statusCode()).isEqualTo(200);
        JsonNode review = ApiClient.json(api.get("/api/v1/worklog/review?kind=DAILY&size=100", chief));
        assertThat(review.get("items").findValuesAsText("id")).contains(id(rural)).doesNotContain(id(urban));
        // a volunteer keeps no work log and supervises none
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/worklog/entries/" + id(rural), volunteer).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/worklog/review", volunteer).statusCode()).isEqualTo(403);
    }

    @Test
    void onlyPeriodsWhoseLastDayHasPassedAreListedAsMissing() {
        // a month's summary (a week's analysis) is due by the period's last day: before that nobody has missed it
        LocalDate today = today();
        for (String kind : List.of("MONTHLY_SUMMARY", "WEEKLY_ANALYSIS")) {
            for (String query : List.of("", "&day=" + today)) {
                JsonNode missing = ApiClient.json(api.get("/api/v1/worklog/missing?kind=" + kind + query, chief));
                assertThat(LocalDate.parse(missing.get("last").asText())).as(kind + query + ": the period listed")
                        .isBefore(today);
                LocalDate first = LocalDate.parse(missing.get("first").asText());
                assertThat(kind.equals("MONTHLY_SUMMARY") ? today.minusMonths(1).withDayOfMonth(1)
                        : today.minusDays(7).with(java.time.DayOfWeek.MONDAY)).as(kind + query + ": the last one due")
                        .isEqualTo(first);
            }
        }
        String page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null).get("/worklog/review", null).body();
        int at = page.indexOf("id=\"missing-MONTHLY_SUMMARY\"");
        assertThat(at).as("the page shows who has not submitted the month's summary").isPositive();
        assertThat(page.substring(at, page.indexOf("</h2>", at))).as("the month the page lists")
                .contains(today.minusMonths(1).withDayOfMonth(1).toString())
                .doesNotContain(today.withDayOfMonth(1).toString());
    }

    @Test
    void theReviewPageListsWhoHasNotSubmittedTheLastQuartersSummaryAsWellAsTheWeeksAndTheMonths() {
        // 四有's summary is monthly and quarterly: the chief is shown who owes the last closed quarter's too
        LocalDate today = today();
        LocalDate quarter = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).minusMonths(3);
        String page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en").get("/worklog/review", null).body()
                .replace("&#39;", "'");
        int at = page.indexOf("id=\"missing-QUARTERLY_SUMMARY\"");
        assertThat(at).as("the page shows who has not submitted the quarter's summary").isPositive();
        assertThat(page.substring(at, page.indexOf("</h2>", at))).as("the last closed quarter")
                .contains("Quarterly summary", quarter.toString(), quarter.plusMonths(3).minusDays(1).toString());
        // the page says what it lists: the last closed periods, above the entries
        assertThat(page).doesNotContain("this week's analysis or this month's summary")
                .contains("last week's analysis, last month's summary or last quarter's summary");
    }

    @Test
    void anOfficerWhoCameAfterAPeriodEndedIsNotListedAsMissingItsAnalysisOrSummary() {
        // two community officers of the chief's station: one on duty from today, one for half a year
        UUID newcomer = UUID.randomUUID();
        UUID veteran = UUID.randomUUID();
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name, created_at) VALUES (?, ?, 'COMMUNITY_OFFICER', ?, now())")
                .params(newcomer, unitOf("officer"), unique("新到民警")).update();
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name, created_at)"
                        + " VALUES (?, ?, 'COMMUNITY_OFFICER', ?, now() - interval '200 days')")
                .params(veteran, unitOf("officer"), unique("老民警")).update();
        try {
            for (String kind : List.of("WEEKLY_ANALYSIS", "MONTHLY_SUMMARY", "QUARTERLY_SUMMARY")) {
                JsonNode missing = ApiClient.json(api.get("/api/v1/worklog/missing?kind=" + kind, chief));
                // his duty checklist missed nothing of a period that ended before he came; nor did his work log
                assertThat(missing.get("staff").findValuesAsText("staffId")).as(kind)
                        .contains(veteran.toString()).doesNotContain(newcomer.toString());
            }
            String page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null).get("/worklog/review", null)
                    .body();
            int at = page.indexOf("id=\"missing-WEEKLY_ANALYSIS\"");
            assertThat(page.substring(at, page.indexOf("</section>", at))).contains(veteran.toString())
                    .doesNotContain(newcomer.toString());
        } finally {
            jdbc.sql("UPDATE staff SET active = false WHERE id IN (?, ?)").params(newcomer, veteran).update();
        }
    }

    @Test
    void aReviewRemarkReachesTheAuthorsInboxInHisLanguage() {
        LocalDate week = LocalDate.of(2021, 4, 7);
        HttpResponse<String> created = api.send("POST", "/api/v1/worklog/entries", officer,
                entry("WEEKLY_ANALYSIS", week, unitOf("officer"), unique("周分析-"), "本周纠纷以邻里为主"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode e = ApiClient.json(created);
        assertThat(e.get("periodStart").asText()).isEqualTo("2021-04-05");
        // his log of a day of the week before shows him on duty then (carried over from paper): he owed its analysis
        assertThat(api.send("POST", "/api/v1/worklog/entries", officer, entry("DAILY", LocalDate.of(2021, 3, 29),
                unitOf("officer"), unique("巡逻日志-"), "上午巡逻吴场村")).statusCode()).isEqualTo(201);
        // the officer submitted his analysis for that week: the chief sees him missing the week before only
        assertThat(ApiClient.json(api.get("/api/v1/worklog/missing?kind=WEEKLY_ANALYSIS&day=2021-04-07", chief))
                .get("staff").findValuesAsText("staffId")).doesNotContain(staffId("officer").toString());
        assertThat(ApiClient.json(api.get("/api/v1/worklog/missing?kind=WEEKLY_ANALYSIS&day=2021-03-31", chief))
                .get("staff").findValuesAsText("staffId")).contains(staffId("officer").toString())
                .doesNotContain(staffId("officer2").toString());

        HttpResponse<String> remark = api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/remarks", chief,
                Map.of("text", "出租房屋排查要分片包干"));
        assertThat(remark.statusCode()).as(remark.body()).isEqualTo(201);
        // his own entry the author does not review
        assertThat(api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/remarks", officer,
                Map.of("text", "自评")).statusCode()).isEqualTo(403);

        JsonNode zh = inboxEntry(officer, id(e), "zh-CN");
        assertThat(zh.get("kind").asText()).isEqualTo("WORKLOG_REVIEWED");
        assertThat(zh.get("title").asText()).contains("周分析", e.get("title").asText(), "督导意见");
        assertThat(zh.get("reason").asText()).isEqualTo("出租房屋排查要分片包干");
        assertThat(zh.get("link").asText()).isEqualTo("/worklog/" + id(e));
        assertThat(inboxEntry(officer, id(e), "en").get("title").asText()).contains("review remark",
                "Weekly analysis");
        assertThat(ApiClient.json(api.get("/api/v1/worklog/entries/" + id(e), officer)).get("remarks")
                .findValuesAsText("text")).containsExactly("出租房屋排查要分片包干");
    }

    @Test
    void aRemarkKeepsTheVersionItAnswersAndTheReviewerSeesAnEntryChangedAfterIt() {
        JsonNode e = write(officer, "officer", unique("走访日志-"), "走访吴场村三户");
        String entry = "/api/v1/worklog/entries/" + id(e);
        HttpResponse<String> first = api.send("POST", entry + "/remarks", chief,
                Map.of("text", "走访要写明发现的问题", "version", 0));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(ApiClient.json(first).path("entryVersion").isNumber()).as(first.body()).isTrue();
        assertThat(ApiClient.json(first).get("entryVersion").asLong()).isZero();

        // the author rewrites the entry after the review: the remark answers the text before
        assertThat(api.send("PUT", entry, officer, edit(e, "走访吴场村三户，发现一处群租房", 0)).statusCode())
                .isEqualTo(200);
        JsonNode view = ApiClient.json(api.get(entry, chief));
        assertThat(view.get("entry").get("version").asLong()).isEqualTo(1);
        assertThat(view.get("entry").get("reviewedVersion").asLong()).isZero();
        assertThat(view.get("remarks").get(0).get("entryVersion").asLong()).isZero();

        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        String shown = page.get("/worklog/" + id(e), null).body();
        assertThat(shown).as("the remark is marked as written before the change")
                .contains("remark-outdated", "Written before the entry was changed")
                .contains("name=\"version\" value=\"1\"");
        String review = page.get("/worklog/review?kind=DAILY", null).body();
        int row = review.indexOf("data-id=\"" + id(e) + "\"");
        assertThat(row).as("the entry is on the review list").isPositive();
        assertThat(review.substring(row, review.indexOf("</tr>", row))).as("flagged as changed since reviewed")
                .contains("Changed since reviewed");

        // a remark on the version read before the change is refused and nothing is saved
        HttpResponse<String> stale = api.send("POST", entry + "/remarks", chief,
                Map.of("text", "写明地址", "version", 0), "Accept-Language", "en");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
        assertThat(ApiClient.json(stale).get("detail").asText()).contains("changed this entry after you read it");
        assertThat(ApiClient.json(api.get(entry, officer)).get("remarks")).hasSize(1);

        // reviewed again on the current text: no longer flagged
        assertThat(api.send("POST", entry + "/remarks", chief, Map.of("text", "好", "version", 1)).statusCode())
                .isEqualTo(201);
        review = page.get("/worklog/review?kind=DAILY", null).body();
        row = review.indexOf("data-id=\"" + id(e) + "\"");
        assertThat(review.substring(row, review.indexOf("</tr>", row))).doesNotContain("Changed since reviewed");
    }

    /** The chief and then the bureau remark on the first version of an entry (its API path). */
    void remarkedByChiefAndBureau(String entry) {
        assertThat(api.send("POST", entry + "/remarks", chief, Map.of("text", "写明走访发现", "version", 0))
                .statusCode()).isEqualTo(201);
        assertThat(api.send("POST", entry + "/remarks", bureau, Map.of("text", "同意所长意见", "version", 0))
                .statusCode()).isEqualTo(201);
    }

    /**
     * The chief (and the bureau) remarked on an entry; the author then rewrites it twice: each reviewer finds each edit
     * in his inbox, in his language, linked to the entry. An edit of an entry nobody remarked on tells nobody, and the
     * author is not told of his own edits.
     */
    @Test
    void anEditAfterAReviewRemarkReachesEachReviewersInboxOncePerEdit() {
        JsonNode e = write(officer, "officer", unique("改后日志-"), "走访吴场村两户");
        String entry = "/api/v1/worklog/entries/" + id(e);
        remarkedByChiefAndBureau(entry);
        assertThat(inboxEntries(chief, id(e), "zh-CN")).as("nothing before an edit").isEmpty();

        assertThat(api.send("PUT", entry, officer, edit(e, "走访吴场村两户，发现一处隐患", 0)).statusCode())
                .isEqualTo(200);
        List<JsonNode> zh = inboxEntries(chief, id(e), "zh-CN");
        assertThat(zh).hasSize(1);
        assertThat(zh.get(0).get("title").asText()).contains("日志", e.get("title").asText(), "督导意见之后有修改");
        assertThat(zh.get(0).get("link").asText()).isEqualTo("/worklog/" + id(e));
        assertThat(inboxEntries(chief, id(e), "en").get(0).get("title").asText())
                .contains("Daily log", "edited after your remark");
        assertThat(inboxEntries(bureau, id(e), "zh-CN")).as("every reviewer who remarked").hasSize(1);

        assertThat(api.send("PUT", entry, officer, edit(e, "走访吴场村两户，发现一处隐患，已整改", 1)).statusCode())
                .isEqualTo(200);
        assertThat(inboxEntries(chief, id(e), "zh-CN")).as("once per edit").hasSize(2);
        assertThat(inboxEntries(officer, id(e), "zh-CN")).as("the author hears of the remarks only")
                .extracting(i -> i.get("kind").asText()).containsOnly("WORKLOG_REVIEWED");

        JsonNode quiet = write(officer, "officer", unique("无意见日志-"), "巡逻");
        assertThat(api.send("PUT", "/api/v1/worklog/entries/" + id(quiet), officer, edit(quiet, "巡逻两小时", 0))
                .statusCode()).isEqualTo(200);
        assertThat(inboxEntries(chief, id(quiet), "zh-CN")).as("no remark: nobody to tell").isEmpty();
    }

    @Test
    void anEditIsToldOnlyToReviewersWhoMayStillOpenTheEntry() {
        JsonNode e = write(officer, "officer", unique("调离后日志-"), "走访吴场村");
        String entry = "/api/v1/worklog/entries/" + id(e);
        // two more supervisors of the station remark on it; then one moves to another station, the other to a role
        // that reviews nothing, while the station chief and the bureau stay
        String moved = "wlmv" + UUID.randomUUID().toString().substring(0, 6);
        String demoted = "wldm" + UUID.randomUUID().toString().substring(0, 6);
        try {
            for (String user : List.of(moved, demoted)) {
                directory.register(new UnitId(unitOf("chief")), StaffRole.STATION_CHIEF, "督导" + user, null, null, null,
                        user, DEMO_PASSWORD);
                assertThat(api.send("POST", entry + "/remarks", api.token(user, DEMO_PASSWORD),
                        Map.of("text", "请补充走访情况", "version", 0)).statusCode()).isEqualTo(201);
            }
            assertThat(api.send("POST", entry + "/remarks", chief, Map.of("text", "写明走访发现", "version", 0))
                    .statusCode()).isEqualTo(201);
            assertThat(api.send("POST", entry + "/remarks", bureau, Map.of("text", "同意所长意见", "version", 0))
                    .statusCode()).isEqualTo(201);
            jdbc.sql("UPDATE staff SET unit_id = ? WHERE username = ?").params(unitOf("officer2"), moved).update();
            jdbc.sql("UPDATE staff SET role = 'AUXILIARY_POLICE' WHERE username = ?").param(demoted).update();
            String movedToken = api.token(moved, DEMO_PASSWORD);
            String demotedToken = api.token(demoted, DEMO_PASSWORD);
            assertThat(api.get(entry, movedToken).statusCode()).as("moved away: the entry is not his").isEqualTo(404);
            assertThat(api.get(entry, demotedToken).statusCode()).as("no longer reviewing").isEqualTo(404);

            assertThat(api.send("PUT", entry, officer, edit(e, "走访吴场村两户，发现一处隐患", 0)).statusCode())
                    .isEqualTo(200);
            assertThat(inboxEntries(chief, id(e), "zh-CN")).hasSize(1);
            assertThat(inboxEntries(bureau, id(e), "zh-CN")).hasSize(1);
            assertThat(inboxEntries(demotedToken, id(e), "zh-CN")).as("told of an entry he cannot open").isEmpty();
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM inbox_entry i JOIN staff s ON s.id = i.recipient_id
                    WHERE s.username IN (?, ?) AND i.record_id = ?::uuid""").params(moved, demoted, id(e))
                    .query(Long.class).single()).as("nothing written for those who may no longer open it").isZero();
        } finally {
            // no second station chief left behind for the other tests
            jdbc.sql("UPDATE staff SET active = false WHERE username IN (?, ?)").params(moved, demoted).update();
        }
    }

    @Test
    void aReviewerWhoRemarksOnTheEditedTextHasHisNoticeOfTheEditClosedAndOnlyHis() {
        JsonNode e = write(officer, "officer", unique("再督导日志-"), "走访吴场村");
        String entry = "/api/v1/worklog/entries/" + id(e);
        remarkedByChiefAndBureau(entry);
        assertThat(api.send("PUT", entry, officer, edit(e, "走访吴场村两户，发现一处隐患", 0)).statusCode())
                .isEqualTo(200);
        assertThat(inboxEntries(chief, id(e), "zh-CN")).extracting(i -> i.get("unread").asBoolean())
                .containsExactly(true);

        // the chief remarks on the edited text: what the notice asked of him is done, while the bureau's still waits
        assertThat(api.send("POST", entry + "/remarks", chief, Map.of("text", "隐患已知悉", "version", 1))
                .statusCode()).isEqualTo(201);
        assertThat(inboxEntries(chief, id(e), "zh-CN")).extracting(i -> i.get("unread").asBoolean())
                .containsExactly(false);
        assertThat(inboxEntries(bureau, id(e), "zh-CN")).extracting(i -> i.get("unread").asBoolean())
                .containsExactly(true);
        // the author still hears of the new remark
        assertThat(inboxEntries(officer, id(e), "zh-CN")).extracting(i -> i.get("kind").asText())
                .containsExactly("WORKLOG_REVIEWED", "WORKLOG_REVIEWED", "WORKLOG_REVIEWED");
    }

    /**
     * A log entry lies where its author files it now: filed under another station after the chief there remarked on it,
     * the chief, who can no longer open it, no longer finds the entry that told him of its earlier edit, nor counts it.
     */
    @Test
    void anEntryFiledUnderAnotherStationTakesItsEditNoticesOutOfTheChiefsInbox() {
        HttpResponse<String> r = api.send("POST", "/api/v1/worklog/entries", bureau,
                entry("DAILY", today(), unitOf("chief"), unique("改挂日志-"), "检查房山派出所值班"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode e = ApiClient.json(r);
        String entry = "/api/v1/worklog/entries/" + id(e);
        assertThat(api.send("POST", entry + "/remarks", chief, Map.of("text", "已知悉", "version", 0)).statusCode())
                .isEqualTo(201);
        assertThat(api.send("PUT", entry, bureau, edit(e, "检查房山派出所值班，登记不全", 0)).statusCode()).isEqualTo(200);
        assertThat(inboxEntries(chief, id(e), "zh-CN")).hasSize(1);
        long unread = ApiClient.json(api.get("/api/v1/inbox", chief)).get("unread").asLong();

        Map<String, Object> moved = edit(e, "检查房山派出所值班，登记不全", 1);
        moved.put("unitId", unitOf("officer2"));
        HttpResponse<String> filed = api.send("PUT", entry, bureau, moved);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
        assertThat(api.get(entry, chief).statusCode()).as("no longer his to open").isEqualTo(404);
        assertThat(inboxEntries(chief, id(e), "zh-CN")).isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/inbox", chief)).get("unread").asLong()).isEqualTo(unread - 1);
    }

    /** The caller's inbox entries about the record that say it was edited after a remark. */
    List<JsonNode> inboxEntries(String token, String record, String language) {
        List<JsonNode> found = new ArrayList<>();
        for (int page = 1; page < 50; page++) {
            JsonNode items = ApiClient.json(api.get("/api/v1/inbox?size=100&page=" + page, token,
                    "Accept-Language", language)).get("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode i : items) {
                if (record.equals(i.path("recordId").asText()) && (token.equals(officer)
                        || "WORKLOG_EDITED".equals(i.path("kind").asText()))) {
                    found.add(i);
                }
            }
        }
        return found;
    }

    JsonNode inboxEntry(String token, String record, String language) {
        for (int page = 1; page < 50; page++) {
            JsonNode items = ApiClient.json(api.get("/api/v1/inbox?size=100&page=" + page, token,
                    "Accept-Language", language)).get("items");
            if (items.isEmpty()) {
                break;
            }
            for (JsonNode i : items) {
                if (record.equals(i.path("recordId").asText())) {
                    return i;
                }
            }
        }
        throw new AssertionError("no inbox entry about " + record);
    }

    @Test
    void theColumnIsTheBureausReadByItsPoliceWithCommentsAndOneLikeEach() {
        String word = "柱" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode e = write(officer, "officer", "调解心得" + word, "请老人到场，情绪降下来再谈事");
        api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer, null);

        JsonNode column = ApiClient.json(api.get("/api/v1/worklog/column?q=" + word, officer2));
        assertThat(column.get("items").findValuesAsText("id")).containsExactly(id(e));
        assertThat(ApiClient.json(api.get("/api/v1/worklog/column?q=" + word + "&unitId=" + unitOf("officer2"),
                officer2)).get("items")).isEmpty();
        assertThat(api.get("/api/v1/worklog/column?unitId=" + UUID.randomUUID(), officer2).statusCode())
                .isEqualTo(404);

        assertThat(api.send("POST", "/api/v1/worklog/column/" + id(e) + "/comments", officer2,
                Map.of("text", "这个办法好，我们社区试试")).statusCode()).isEqualTo(201);
        api.send("POST", "/api/v1/worklog/column/" + id(e) + "/like", officer2, null);
        JsonNode liked = ApiClient.json(api.send("POST", "/api/v1/worklog/column/" + id(e) + "/like", officer2, null));
        assertThat(liked.get("likes").asLong()).as("once per person").isEqualTo(1);
        JsonNode read = ApiClient.json(api.get("/api/v1/worklog/entries/" + id(e), officer2));
        assertThat(read.get("comments").findValuesAsText("text")).containsExactly("这个办法好，我们社区试试");
        assertThat(read.get("liked").asBoolean()).isTrue();
        assertThat(read.get("history")).as("the versions are the author's and his supervisors'").isEmpty();

        // volunteers and other non-police roles see no column
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/worklog/column", volunteer).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/worklog/column/" + id(e) + "/comments", volunteer,
                Map.of("text", "看看")).statusCode()).isEqualTo(403);

        // withdrawn: gone from the column, and the colleague finds nothing
        assertThat(api.send("DELETE", "/api/v1/worklog/entries/" + id(e) + "/share", officer, null).statusCode())
                .isEqualTo(200);
        assertThat(ApiClient.json(api.get("/api/v1/worklog/column?q=" + word, officer2)).get("items")).isEmpty();
        assertThat(api.get("/api/v1/worklog/entries/" + id(e), officer2).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/worklog/column/" + id(e) + "/comments", officer2,
                Map.of("text", "再评")).statusCode()).isEqualTo(404);
    }

    @Test
    void anAuthorCannotLikeHisOwnEntryAndIsNotOfferedTo() {
        String word = "自赞" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode e = write(officer, "officer", "分享" + word, "夜间巡逻吴场村");
        api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer, null);

        HttpResponse<String> own = api.send("POST", "/api/v1/worklog/column/" + id(e) + "/like", officer, null);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(403);
        assertThat(ApiClient.json(own).get("detail").asText()).isEqualTo("不能给自己的日志点赞");
        HttpResponse<String> en = api.send("POST", "/api/v1/worklog/column/" + id(e) + "/like", officer, null,
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("detail").asText()).isEqualTo("You cannot like your own entry");
        assertThat(jdbc.sql("SELECT count(*) FROM worklog_like WHERE entry_id = ?").param(UUID.fromString(id(e)))
                .query(Long.class).single()).as("nothing liked").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'worklog_like' AND record_id = ?")
                .param(id(e)).query(Long.class).single()).as("nothing audited").isZero();

        // the page offers the like to a colleague, not to the author
        String html = "text/html";
        String mine = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null)
                .get("/worklog/" + id(e), null, "Accept", html).body();
        assertThat(mine).contains("id=\"column\"").doesNotContain("id=\"action-like\"");
        String theirs = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null)
                .get("/worklog/" + id(e), null, "Accept", html).body();
        assertThat(theirs).contains("id=\"action-like\"");
    }

    @Test
    void anotherBureausPoliceFindNothingOfTheColumn() {
        String word = "局" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode e = write(officer, "officer", "分享" + word, "夜间巡逻");
        api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer, null);
        // a community officer of another bureau, with every right of the column there
        String otherBureau = "/" + UUID.randomUUID() + "/";
        Caller other = new Caller(UUID.randomUUID(), "other", "外局民警", "COMMUNITY_OFFICER",
                List.of(otherBureau + UUID.randomUUID() + "/"), Set.of("WORKLOG_WRITE", "WORKLOG_COLUMN"));
        UUID entry = UUID.fromString(id(e));
        assertThatThrownBy(() -> desk.entry(entry, other)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> desk.comment(entry, "看看", other)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> desk.like(entry, true, other)).isInstanceOf(NotFound.class);
        assertThat(worklogs.column(desk.bureau(other), null, word, 20, 0).items()).isEmpty();
        // the same caller in this bureau reads it
        String here = jdbc.sql("SELECT path FROM unit WHERE code = '320722020100'").query(String.class).single();
        Caller colleague = new Caller(other.staffId(), "other", "本局民警", "COMMUNITY_OFFICER", List.of(here),
                other.permissions());
        assertThat(desk.entry(entry, colleague).id()).isEqualTo(entry);
        assertThat(worklogs.column(desk.bureau(colleague), null, word, 20, 0).items()).hasSize(1);
    }

    @Test
    void badInputIsRefusedInTheCallersLanguageAndNothingIsSaved() {
        long before = jdbc.sql("SELECT count(*) FROM worklog_entry").query(Long.class).single();
        Map<String, Object> bad = entry("DAILY", today().plusDays(1), unitOf("officer2"), " ", "长".repeat(5001));
        HttpResponse<String> en = api.send("POST", "/api/v1/worklog/entries", officer, bad, "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(en).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("day", "unitId", "title", "body");
        assertThat(errors.toString()).contains("cannot be after today", "a unit of your jurisdiction",
                "At most 5000 characters");
        HttpResponse<String> zh = api.send("POST", "/api/v1/worklog/entries", officer, Map.of());
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(zh).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("kind", "day", "unitId", "title", "body");
        assertThat(ApiClient.json(zh).get("errors").toString()).contains("必填");

        // a number that identifies a resident is not shared with the bureau, nor commented there: an entry saved
        // before numbers were refused in private entries too stays unshared
        JsonNode e = write(officer, "officer", unique("走访-"), "回访了张某");
        jdbc.sql("UPDATE worklog_entry SET body = '回访了张某，电话13912345678' WHERE id = ?")
                .param(UUID.fromString(id(e))).update();
        HttpResponse<String> share = api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer, null,
                "Accept-Language", "en");
        assertThat(share.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(share).get("errors").toString()).contains("Must not contain a mobile number");
        HttpResponse<String> shareZh = api.send("POST", "/api/v1/worklog/entries/" + id(e) + "/share", officer,
                null);
        assertThat(ApiClient.json(shareZh).get("errors").toString()).contains("不能包含手机号码");
        assertThat(ApiClient.json(api.get("/api/v1/worklog/entries/" + id(e), officer)).get("entry")
                .hasNonNull("sharedAt")).as("not shared").isFalse();

        JsonNode ok = write(officer, "officer", unique("走访-"), "回访了张某");
        api.send("POST", "/api/v1/worklog/entries/" + id(ok) + "/share", officer, null);
        HttpResponse<String> comment = api.send("POST", "/api/v1/worklog/column/" + id(ok) + "/comments", officer2,
                Map.of("text", "他身份证是320722198001011234"));
        assertThat(comment.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(comment).get("errors").toString()).contains("不能包含身份证号码");
        // a shared entry keeps none either: an edit that adds one is refused
        HttpResponse<String> edit = api.send("PUT", "/api/v1/worklog/entries/" + id(ok), officer,
                edit(ok, "回访了张某，电话13912345678", 0));
        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM worklog_entry").query(Long.class).single()).isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT count(*) FROM worklog_comment WHERE entry_id = ?").param(UUID.fromString(id(ok)))
                .query(Long.class).single()).isZero();
    }

    @Test
    void aPrivateEntryHoldingAnIdentityOrMobileNumberIsNotSavedAndTheFormKeepsWhatWasTyped() {
        long before = jdbc.sql("SELECT count(*) FROM worklog_entry").query(Long.class).single();
        // the supervisors read every entry of their scope: a resident's number is not written even in a private one
        HttpResponse<String> id = api.send("POST", "/api/v1/worklog/entries", officer,
                entry("DAILY", today(), unitOf("officer"), unique("走访-"), "张某身份证320722198001011234"),
                "Accept-Language", "en");
        assertThat(id.statusCode()).as(id.body()).isEqualTo(400);
        assertThat(ApiClient.json(id).get("errors").findValuesAsText("field")).containsExactly("body");
        assertThat(ApiClient.json(id).get("errors").toString()).contains("Must not contain an identity number");
        HttpResponse<String> mobile = api.send("POST", "/api/v1/worklog/entries", officer,
                entry("DAILY", today(), unitOf("officer"), "回访139 1234 5678", "回访了张某"));
        assertThat(mobile.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(mobile).get("errors").findValuesAsText("field")).containsExactly("title");
        assertThat(ApiClient.json(mobile).get("errors").toString()).contains("不能包含手机号码");
        // nor added by an edit of an entry kept private
        JsonNode e = write(officer, "officer", unique("走访-"), "回访了张某");
        HttpResponse<String> edit = api.send("PUT", "/api/v1/worklog/entries/" + id(e), officer,
                edit(e, "回访了张某，电话13912345678", 0));
        assertThat(edit.statusCode()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM worklog_entry").query(Long.class).single()).isEqualTo(before + 1);

        // the page says which field holds what, and gives back the text as typed for him to mend
        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        String typed = "上午回访张某，电话13912345678，情绪稳定";
        HttpResponse<String> posted = page.form("/worklog", Map.of("_csrf", page.csrfFrom("/worklog"),
                "kind", "DAILY", "day", today().toString(), "unitId", unitOf("officer").toString(),
                "title", "回访", "body", typed));
        assertThat(posted.statusCode()).isEqualTo(302);
        String to = posted.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertThat(to).isEqualTo("/worklog");
        String shown = page.get(to, null, "Accept", "text/html").body();
        assertThat(shown).contains("不能包含手机号码", typed);
        assertThat(jdbc.sql("SELECT count(*) FROM worklog_entry").query(Long.class).single()).isEqualTo(before + 1);
    }

    @Test
    void theAuthorIsToldOnHisEntryAndInHisListThatAnEntryHoldingANumberCannotBeSharedUntilHeEditsItOut() {
        // saved before numbers were refused in private entries
        JsonNode held = write(officer, "officer", unique("走访-"), "回访了张某");
        String text = "回访了张某，电话13912345678";
        jdbc.sql("UPDATE worklog_entry SET body = ? WHERE id = ?").params(text, UUID.fromString(id(held))).update();
        JsonNode clean = write(officer, "officer", unique("走访-"), "回访了李某");

        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        String heldPage = page.get("/worklog/" + id(held), null, "Accept", "text/html").body();
        assertThat(heldPage).contains("这篇日志含有群众的身份证号码或手机号码").doesNotContain("id=\"action-share\"");
        assertThat(page.get("/worklog/" + id(clean), null, "Accept", "text/html").body())
                .doesNotContain("这篇日志含有群众的身份证号码或手机号码").contains("id=\"action-share\"");
        String list = page.get("/worklog?kind=DAILY", null, "Accept", "text/html").body();
        assertThat(row(list, id(held))).contains("含号码，不能分享");
        assertThat(row(list, id(clean))).doesNotContain("含号码，不能分享");
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        assertThat(english.get("/worklog/" + id(held), null, "Accept", "text/html").body())
                .contains("so it cannot be shared to the column: edit the entry and take the number out first");
        assertThat(row(english.get("/worklog?kind=DAILY", null, "Accept", "text/html").body(), id(held)))
                .contains("Holds a number: cannot be shared");
        // nothing changed in what he wrote
        assertThat(jdbc.sql("SELECT body FROM worklog_entry WHERE id = ?").param(UUID.fromString(id(held)))
                .query(String.class).single()).isEqualTo(text);
    }

    /** The row of an entry in a list page. */
    static String row(String html, String id) {
        int at = html.indexOf("data-id=\"" + id + "\"");
        assertThat(at).as("entry " + id + " listed").isNotNegative();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    @Test
    void aSecondEntryForATakenPeriodIsRefusedWithALinkToTheOneWritten() {
        // a past quarter nobody else's test writes to: the officer's one summary of it
        LocalDate day = today().minusYears(3).withMonth(2).withDayOfMonth(10);
        jdbc.sql("DELETE FROM worklog_entry WHERE author_id = ? AND kind = 'QUARTERLY_SUMMARY' AND period_start = ?")
                .params(staffId("officer"), day.withMonth(1).withDayOfMonth(1)).update();
        HttpResponse<String> first = api.send("POST", "/api/v1/worklog/entries", officer,
                entry("QUARTERLY_SUMMARY", day, unitOf("officer"), "一季度总结", "走访与调解"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String written = id(ApiClient.json(first));

        HttpResponse<String> second = api.send("POST", "/api/v1/worklog/entries", officer,
                entry("QUARTERLY_SUMMARY", day.plusDays(20), unitOf("officer"), "再写一篇", "内容"),
                "Accept-Language", "en");
        assertThat(second.statusCode()).isEqualTo(409);
        JsonNode problem = ApiClient.json(second);
        assertThat(problem.get("detail").asText()).contains("edit that one");
        assertThat(problem.get("entryId").asText()).isEqualTo(written);
        assertThat(problem.get("entry").asText()).isEqualTo("/api/v1/worklog/entries/" + written);

        // the page names the entry already written, with a link to open it, and keeps what he typed
        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        HttpResponse<String> posted = page.form("/worklog", Map.of("_csrf", page.csrfFrom("/worklog"),
                "kind", "QUARTERLY_SUMMARY", "day", day.toString(), "unitId", unitOf("officer").toString(),
                "title", "再写一篇", "body", "第二篇的内容"));
        assertThat(posted.statusCode()).isEqualTo(302);
        String shown = page.get("/worklog", null, "Accept", "text/html").body();
        assertThat(shown).contains("该期间已写过这一类日志", "第二篇的内容")
                .contains("id=\"period-taken\" href=\"/worklog/" + written + "\"");
    }

    @Test
    void anAnalysisIsOfferedPrefilledWithThePeriodsFiguresOfAUnitOfHisJurisdiction() {
        HttpResponse<String> draft = api.get("/api/v1/worklog/draft?kind=MONTHLY_SUMMARY&unitId=" + unitOf("officer"),
                officer);
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        JsonNode d = ApiClient.json(draft);
        assertThat(d.get("first").asText()).isEqualTo(today().withDayOfMonth(1).toString());
        assertThat(d.get("title").asText()).contains("房山中心警务室", "月总结");
        assertThat(d.get("body").asText()).contains("本期工作数据", "工作分析", "下步打算");
        List<String> figures = new ArrayList<>(List.of(d.get("body").asText().split("\n")));
        assertThat(figures).anyMatch(l -> l.matches("· \\S.*：[0-9—].*"));
        assertThat(api.get("/api/v1/worklog/draft?kind=MONTHLY_SUMMARY&unitId=" + unitOf("officer2"), officer)
                .statusCode()).isEqualTo(404);
        HttpResponse<String> en = api.get("/api/v1/worklog/draft?kind=WEEKLY_ANALYSIS&unitId=" + unitOf("officer"),
                officer, "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("body").asText()).contains("Analysis", "Next steps");
    }
    @Test
    void aPrefilledAnalysisNamesEachHeadingOnceThoughSeveralModulesCountUnderIt() {
        // the police work (警务工作) of the period is counted by the duties, the supervision and the forces alike: one
        // duty done and one notice issued today give two of them figures to write
        UUID office = unitOf("officer");
        UUID grid = jdbc.sql("""
                SELECT g.id FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE g.network = 'POLICE' AND u.path LIKE (SELECT path || '%' FROM unit WHERE id = ?)
                ORDER BY g.code LIMIT 1""").param(office).query(UUID.class).single();
        HttpResponse<String> duty = api.send("POST", "/api/v1/duties/records", officer,
                Map.of("item", "patrol", "doneOn", today().toString(), "note", "夜间巡逻", "gridId", grid));
        assertThat(duty.statusCode()).as(duty.body()).isEqualTo(201);
        Map<String, Object> notice = new HashMap<>();
        notice.put("unitId", office);
        notice.put("officerId", staffId("officer"));
        notice.put("finding", "台账不全");
        notice.put("foundOn", today().toString());
        notice.put("severity", "GENERAL");
        notice.put("dueOn", today().plusDays(10).toString());
        HttpResponse<String> issued = api.send("POST", "/api/v1/supervision/notices",
                api.token("inspector", DEMO_PASSWORD), notice);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);

        HttpResponse<String> draft = api.get("/api/v1/worklog/draft?kind=WEEKLY_ANALYSIS&unitId=" + office, officer);
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);
        List<String> lines = List.of(ApiClient.json(draft).get("body").asText().split("\n"));
        assertThat(lines).anyMatch(l -> l.startsWith("· 下发督察通报："));
        assertThat(lines).anyMatch(l -> l.startsWith("· 完成十五个一职责"));
        assertThat(lines.stream().filter("警务工作"::equals).count()).as(String.join("\n", lines)).isEqualTo(1);
    }

    @Test
    void aDraftAskedWithoutItsUnitIsRefusedInTheCallersLanguageNamingTheField() {
        HttpResponse<String> zh = api.get("/api/v1/worklog/draft?kind=WEEKLY_ANALYSIS", officer);
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode problem = ApiClient.json(zh);
        assertThat(problem.get("title").asText()).as(zh.body()).isEqualTo("输入有误");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("unitId");
        assertThat(problem.get("errors").findValuesAsText("message")).containsExactly("必填");
        HttpResponse<String> en = api.get("/api/v1/worklog/draft?kind=WEEKLY_ANALYSIS", officer,
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("title").asText()).as(en.body()).isEqualTo("Invalid input");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message")).containsExactly("Required");
    }

    @Test
    void aReviewRemarkHoldingAMobileOrIdentityNumberIsRefusedAndNotSaved() {
        HttpResponse<String> created = api.send("POST", "/api/v1/worklog/entries", officer,
                entry("WEEKLY_ANALYSIS", LocalDate.of(2021, 6, 9), unitOf("officer"), unique("周分析-"), "本周平稳"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = id(ApiClient.json(created));
        HttpResponse<String> phone = api.send("POST", "/api/v1/worklog/entries/" + id + "/remarks", chief,
                Map.of("text", "请联系举报人13912345678核实"));
        assertThat(phone.statusCode()).as(phone.body()).isEqualTo(400);
        assertThat(ApiClient.json(phone).get("errors").findValuesAsText("field")).containsExactly("text");
        HttpResponse<String> identity = api.send("POST", "/api/v1/worklog/entries/" + id + "/remarks", chief,
                Map.of("text", "核实320722198805061234的情况"), "Accept-Language", "en");
        assertThat(identity.statusCode()).as(identity.body()).isEqualTo(400);
        assertThat(ApiClient.json(api.get("/api/v1/worklog/entries/" + id, officer)).get("remarks")).isEmpty();
    }

    @Test
    void thePrefillButtonLeavesNeitherTheFormsTokenNorTheTypedTextInTheAddressBar() {
        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh");
        String unit = unitOf("officer").toString();
        HttpResponse<String> sent = page.get("/worklog?_csrf=token-of-the-form&kind=WEEKLY_ANALYSIS&day=" + today()
                + "&unitId=" + unit + "&prefill=1&title=&body=typed", null, "Accept", "text/html");
        assertThat(sent.statusCode()).isEqualTo(302);
        String to = sent.headers().firstValue("Location").orElseThrow();
        assertThat(to).doesNotContain("_csrf", "token-of-the-form", "typed")
                .contains("prefill=1", "kind=WEEKLY_ANALYSIS", "day=" + today(), "unitId=" + unit);
        HttpResponse<String> drafted = page.get(to.replaceFirst("^https?://[^/]+", ""), null, "Accept", "text/html");
        assertThat(drafted.statusCode()).isEqualTo(200);
        assertThat(drafted.body()).as("the period's draft is offered").contains("id=\"draft-period\"");
    }
}
