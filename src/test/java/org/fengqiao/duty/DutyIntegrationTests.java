package org.fengqiao.duty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.duty.internal.DutyTicks;
import org.fengqiao.forces.ShiftCompleted;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

class DutyIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DutyDesk desk;
    @Autowired
    DutyTicks ticks;
    @Autowired
    DutyLoader loader;
    @Autowired
    StaffDirectory registry;

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

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    UUID gridOf(String username) {
        return jdbc.sql("""
                SELECT g.id FROM grid g JOIN unit u ON u.id = g.unit_id
                 WHERE g.network = 'POLICE' AND u.path LIKE (SELECT su.path FROM staff s JOIN unit su
                       ON su.id = s.unit_id WHERE s.username = ?) || '%' ORDER BY g.code LIMIT 1""")
                .param(username).query(UUID.class).single();
    }

    static LocalDate today() {
        return LocalDate.now(LocalTimes.ZONE);
    }

    Map<String, Object> body(String item, Object doneOn, String note, UUID grid, Object participants) {
        Map<String, Object> b = new HashMap<>();
        b.put("item", item);
        b.put("doneOn", doneOn == null ? null : doneOn.toString());
        b.put("note", note);
        b.put("gridId", grid);
        b.put("participants", participants);
        return b;
    }

    static JsonNode item(JsonNode checklist, String code) {
        for (JsonNode p : checklist.get("periods")) {
            for (JsonNode i : p.get("items")) {
                if (i.get("code").asText().equals(code)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no item " + code);
    }

    long audited(String action, String id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'duty-record' AND action = ? "
                + "AND record_id = ?").params(action, id).query(Long.class).single();
    }

    @Test
    void anOfficerRecordsADutyTwiceInTheWeekSeesItDoneOnceWithBothRecordsAndEachWriteIsAudited() {
        UUID grid = gridOf("officer");
        String note = "村广场防电诈宣传-" + UUID.randomUUID();
        HttpResponse<String> first = api.send("POST", "/api/v1/duties/records", officer,
                body("law-publicity", today(), "  " + note + "  ", grid, 40));
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode created = ApiClient.json(first);
        assertThat(created.get("note").asText()).as("the note is trimmed").isEqualTo(note);
        assertThat(created.get("participants").asInt()).isEqualTo(40);
        assertThat(created.get("gridId").asText()).isEqualTo(grid.toString());
        HttpResponse<String> second = api.send("POST", "/api/v1/duties/records", officer,
                body("law-publicity", today(), note + "（第二场）", grid, null));
        assertThat(second.statusCode()).isEqualTo(201);

        JsonNode mine = ApiClient.json(api.get("/api/v1/duties/mine", officer));
        JsonNode law = item(mine, "law-publicity");
        assertThat(law.get("state").asText()).isEqualTo("DONE");
        assertThat(law.get("period").asText()).isEqualTo("WEEK");
        assertThat(law.get("start").asText()).isEqualTo(DutyPeriod.WEEK.start(today()).toString());
        assertThat(law.get("label").asText()).isEqualTo("开展一次法治宣传");
        assertThat(StreamSupport.stream(law.get("records").spliterator(), false).map(r -> r.get("id").asText()))
                .contains(created.get("id").asText(), ApiClient.json(second).get("id").asText());
        JsonNode week = StreamSupport.stream(mine.get("periods").spliterator(), false)
                .filter(p -> p.get("period").asText().equals("WEEK")).findFirst().orElseThrow();
        assertThat(week.get("due").asInt()).isEqualTo(5);
        assertThat(week.get("items").findValues("state").stream().filter(s -> s.asText().equals("DONE")).count())
                .isEqualTo(week.get("done").asLong());

        assertThat(audited("CREATE", created.get("id").asText())).isEqualTo(1);
        String english = ApiClient.json(api.get("/api/v1/duties/mine", officer, "Accept-Language", "en"))
                .toString();
        assertThat(english).contains("Hold a legal publicity event");
    }

    /**
     * What the checklist still owes is on the officer's start page, where he lands on his phone: today's items done
     * of those due and what is left in all the periods running, the same counts as his checklist; a chief keeps no
     * checklist and gets no such line.
     */
    @Test
    void theOfficersStartPageSaysWhatHisChecklistStillOwesTodayAndInThePeriodsRunning() {
        JsonNode mine = ApiClient.json(api.get("/api/v1/duties/mine", officer));
        JsonNode day = StreamSupport.stream(mine.get("periods").spliterator(), false)
                .filter(p -> p.get("period").asText().equals("DAY")).findFirst().orElseThrow();
        long open = StreamSupport.stream(mine.get("periods").spliterator(), false)
                .mapToLong(p -> p.get("due").asLong() - p.get("done").asLong()).sum();
        String home = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh").get("/", null, "Accept",
                "text/html").body();
        assertThat(home).contains("<a id=\"tile-duties\" href=\"/duties\">", "今日完成 " + day.get("done").asInt() + "/"
                + day.get("due").asInt() + " 项，各周期尚有 " + open + " 项待完成");
        String english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get("/", null, "Accept",
                "text/html").body();
        assertThat(english).contains("Today " + day.get("done").asInt() + " of " + day.get("due").asInt()
                + " done; still to do in the periods running: " + open);
        String chiefs = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh").get("/", null, "Accept",
                "text/html").body();
        assertThat(chiefs).doesNotContain("id=\"tile-duties\"");
    }

    @Test
    void badInputIsRefusedFieldByFieldInTheReadersLanguageAndNothingIsSaved() {
        long before = jdbc.sql("SELECT count(*) FROM duty_record").query(Long.class).single();
        UUID grid = gridOf("officer");
        HttpResponse<String> zh = api.send("POST", "/api/v1/duties/records", officer,
                body("sleeping", today().plusDays(1), "   ", grid, 0));
        assertThat(zh.statusCode()).isEqualTo(400);
        Map<String, String> zhErrors = errors(zh);
        assertThat(zhErrors).containsEntry("item", "不是职责清单中的项目").containsEntry("doneOn", "完成日期不能晚于今天")
                .containsEntry("note", "必填").containsEntry("participants", "参加人数须在 1 至 9999 之间");
        HttpResponse<String> en = api.send("POST", "/api/v1/duties/records", officer,
                body("patrol", today().minusDays(30), "x".repeat(501), null, 10_000), "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(errors(en)).containsEntry("doneOn", "A duty may be recorded at most 7 days late")
                .containsEntry("note", "At most 500 characters")
                .containsEntry("unitId", "Choose where (a unit or grid of your jurisdiction)")
                .containsEntry("participants", "People taking part must be between 1 and 9999");
        assertThat(api.send("POST", "/api/v1/duties/records", officer, null, "Accept-Language", "en").statusCode())
                .isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM duty_record").query(Long.class).single()).isEqualTo(before);
    }

    static Map<String, String> errors(HttpResponse<String> r) {
        Map<String, String> found = new HashMap<>();
        ApiClient.json(r).get("errors").forEach(e -> found.put(e.get("field").asText(), e.get("message").asText()));
        return found;
    }

    @Test
    void eachEndpointAnswers404OutsideTheCallersSubtree() {
        UUID ruralGrid = gridOf("officer");
        UUID urbanGrid = gridOf("officer2");
        // an officer records only where his jurisdiction is
        assertThat(api.send("POST", "/api/v1/duties/records", officer2,
                body("patrol", today(), "越界巡逻", ruralGrid, null)).statusCode()).isEqualTo(404);
        HttpResponse<String> urban = api.send("POST", "/api/v1/duties/records", officer2,
                body("work-report", today(), "向所领导汇报", urbanGrid, null));
        assertThat(urban.statusCode()).isEqualTo(201);
        String urbanRecord = ApiClient.json(urban).get("id").asText();
        UUID urbanStation = jdbc.sql("SELECT id FROM unit WHERE code = '320722020000'").query(UUID.class).single();

        // the rural station's chief sees neither the urban station, its officer nor his records
        assertThat(api.get("/api/v1/duties/overview?unitId=" + urbanStation, chief).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/duties/officers/" + staff("officer2"), chief).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/duties/records/" + urbanRecord, chief).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/duties/records/" + urbanRecord, officer).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/duties/records/" + urbanRecord + "/withdraw", officer,
                Map.of("reason", "不是我的")).statusCode()).isEqualTo(404);
        // the bureau sees them all; the officer has no overview
        assertThat(api.get("/api/v1/duties/overview?unitId=" + urbanStation, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/duties/officers/" + staff("officer2"), bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/duties/records/" + urbanRecord, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/duties/overview", officer).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/duties/mine", chief).statusCode()).isEqualTo(403);
    }

    /** A record of an officer done on a day at a unit, inserted as it stands (a day long past, out of the demo's). */
    UUID recordAt(UUID officerId, UUID unitId, LocalDate day, String note) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO duty_record (id, officer_id, item, done_on, note, unit_id, recorded_at)
                VALUES (?, ?, 'law-publicity', ?, ?, ?, ?)""")
                .params(id, officerId, day, note, unitId, day.atTime(18, 0).atZone(LocalTimes.ZONE)
                        .toOffsetDateTime()).update();
        return id;
    }

    /** The items of the duties done on a day as the caller reads them in the API, by record id. */
    Map<String, JsonNode> doneOn(LocalDate day, String token) {
        HttpResponse<String> r = api.get("/api/v1/duties/done?size=100&from=" + day + "&to=" + day, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> items = new HashMap<>();
        ApiClient.json(r).get("items").forEach(i -> items.put(i.get("id").asText(), i));
        assertThat(ApiClient.json(r).get("total").asLong()).as("every record the figure counts is listed")
                .isEqualTo(items.size());
        return items;
    }

    @Test
    void aNoteOfTheDutiesDoneShowsOnlyToItsOfficerAndTheChiefsAboveHimThoughEveryRecordIsListed() {
        String n = String.valueOf(Math.floorMod(System.nanoTime(), 1_000_000_000L));
        LocalDate day = LocalDate.of(2019, 1, 1).plusDays(Math.floorMod(System.nanoTime(), 365));
        UUID office = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        String colleagueName = "dutycolleague" + n;
        registry.register(new UnitId(office), StaffRole.COMMUNITY_OFFICER, "同所民警" + n, null, null, "社区民警",
                colleagueName, DEMO_PASSWORD);
        String his = "本人走访记录" + n;
        String colleagues = "同事走访王某家，其子有前科" + n;
        String officer2s = "他所民警的记录" + n;
        String own = recordAt(staff("officer"), office, day, his).toString();
        String colleague = recordAt(staff(colleagueName), office, day, colleagues).toString();
        String other = recordAt(staff("officer2"), office, day, officer2s).toString();

        Map<String, JsonNode> asOfficer = doneOn(day, officer);
        assertThat(asOfficer).containsKeys(own, colleague, other);
        assertThat(asOfficer.get(own).get("note").asText()).isEqualTo(his);
        for (String id : List.of(colleague, other)) {
            assertThat(asOfficer.get(id).hasNonNull("note")).as("another officer's note").isFalse();
            assertThat(asOfficer.get(id).get("noteWithheld").asBoolean()).isTrue();
        }
        assertThat(asOfficer.get(own).get("noteWithheld").asBoolean()).isFalse();
        HttpResponse<String> one = api.get("/api/v1/duties/records/" + colleague, officer);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(one).hasNonNull("note")).as("nor by its id").isFalse();
        assertThat(one.body()).doesNotContain(colleagues);

        Map<String, JsonNode> asChief = doneOn(day, chief);
        assertThat(asChief.get(own).get("note").asText()).isEqualTo(his);
        assertThat(asChief.get(colleague).get("note").asText()).isEqualTo(colleagues);
        assertThat(asChief.get(other).hasNonNull("note")).as("officer2 is not one of the rural chief's").isFalse();
        Map<String, JsonNode> asBureau = doneOn(day, bureau);
        assertThat(asBureau.get(other).get("note").asText()).isEqualTo(officer2s);
        assertThat(asBureau.get(colleague).get("note").asText()).isEqualTo(colleagues);

        String html = "text/html";
        String path = "/duties/done?from=" + day + "&to=" + day;
        String officerPage = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh").get(path, null, "Accept",
                html).body();
        assertThat(officerPage).contains(his, "仅民警本人和所长、局领导、督察可见").doesNotContain(colleagues, officer2s);
        String colleaguePage = new ApiClient(port).signedIn(colleagueName, DEMO_PASSWORD, "en").get(path, null,
                "Accept", html).body();
        assertThat(colleaguePage).contains(colleagues, "Visible only to the officer and the station chief, bureau "
                + "command and inspectors above him").doesNotContain(his, officer2s);
        String chiefPage = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh").get(path, null, "Accept", html)
                .body();
        assertThat(chiefPage).contains(his, colleagues).doesNotContain(officer2s);
    }

    @Test
    void theAuthorWithdrawsHisRecordTheSameDayWithAReasonAndItStaysAuditedButCountsForNothing() {
        UUID grid = gridOf("officer");
        String id = ApiClient.json(api.send("POST", "/api/v1/duties/records", officer,
                body("council-meeting", today(), "召开村民议事会-" + UUID.randomUUID(), grid, 12))).get("id").asText();
        assertThat(api.send("POST", "/api/v1/duties/records/" + id + "/withdraw", officer, Map.of("reason", " "),
                "Accept-Language", "en").statusCode()).isEqualTo(400);
        HttpResponse<String> withdrawn = api.send("POST", "/api/v1/duties/records/" + id + "/withdraw", officer,
                Map.of("reason", "记错了项目"));
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(withdrawn).get("withdrawnReason").asText()).isEqualTo("记错了项目");
        assertThat(api.send("POST", "/api/v1/duties/records/" + id + "/withdraw", officer,
                Map.of("reason", "再撤一次")).statusCode()).isEqualTo(409);
        assertThat(audited("UPDATE", id)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM duty_record WHERE id = ?::uuid").param(id).query(Long.class)
                .single()).as("never deleted").isEqualTo(1);
        JsonNode council = item(ApiClient.json(api.get("/api/v1/duties/mine", officer)), "council-meeting");
        JsonNode kept = StreamSupport.stream(council.get("records").spliterator(), false)
                .filter(r -> r.get("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(kept.get("withdrawnAt").isNull()).isFalse();
        boolean othersThisMonth = StreamSupport.stream(council.get("records").spliterator(), false)
                .anyMatch(r -> r.get("withdrawnAt").isNull());
        assertThat(council.get("state").asText()).isEqualTo(othersThisMonth ? "DONE" : "DUE");

        // a record of yesterday is his past: it is not withdrawn
        UUID old = loader.recorded(staff("officer"), "info-entry", today().minusDays(1), "补录", grid, null);
        HttpResponse<String> late = api.send("POST", "/api/v1/duties/records/" + old + "/withdraw", officer,
                Map.of("reason", "晚了"), "Accept-Language", "en");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(late).toString()).contains("A record may be withdrawn only the day it was made");
    }

    @Test
    void aColleagueMayNotWithdrawAnotherOfficersRecord403InHisLanguageAndNothingChanges() {
        String n = String.valueOf(Math.floorMod(System.nanoTime(), 1_000_000_000L));
        UUID office = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        String colleagueName = "withdrawcolleague" + n;
        registry.register(new UnitId(office), StaffRole.COMMUNITY_OFFICER, "同所民警" + n, null, null, "社区民警",
                colleagueName, DEMO_PASSWORD);
        String colleague = api.token(colleagueName, DEMO_PASSWORD);
        String id = ApiClient.json(api.send("POST", "/api/v1/duties/records", officer,
                body("council-meeting", today(), "召开村民议事会-" + n, gridOf("officer"), 8))).get("id").asText();
        assertThat(api.get("/api/v1/duties/records/" + id, colleague).statusCode()).as("he sees the record")
                .isEqualTo(200);

        HttpResponse<String> en = api.send("POST", "/api/v1/duties/records/" + id + "/withdraw", colleague,
                Map.of("reason", "替他撤回"), "Accept-Language", "en");
        assertThat(en.statusCode()).as(en.body()).isEqualTo(403);
        assertThat(ApiClient.json(en).get("detail").asText()).isEqualTo("Only the one who recorded it may withdraw it");
        HttpResponse<String> zh = api.send("POST", "/api/v1/duties/records/" + id + "/withdraw", colleague,
                Map.of("reason", "替他撤回"));
        assertThat(zh.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(zh).get("detail").asText()).isEqualTo("只有记录人本人可以撤回");
        // outside his station the record is not there at all
        assertThat(api.send("POST", "/api/v1/duties/records/" + id + "/withdraw", officer2,
                Map.of("reason", "不是我的")).statusCode()).isEqualTo(404);

        assertThat(jdbc.sql("SELECT withdrawn_at IS NULL FROM duty_record WHERE id = ?::uuid").param(id)
                .query(Boolean.class).single()).as("still standing").isTrue();
        assertThat(audited("UPDATE", id)).isZero();
    }

    @Test
    void aPatrolShiftTheOfficerCheckedOutOfTicksHisPatrolOnceAndAVolunteersTicksNothing() {
        UUID grid = gridOf("officer2");
        UUID shift = UUID.randomUUID();
        OffsetDateTime in = OffsetDateTime.now().minusHours(3);
        ShiftCompleted done = new ShiftCompleted(staff("officer2"), "/", new BigDecimal("2.50"), shift,
                UUID.randomUUID(), grid, in, in.plusHours(2).plusMinutes(30));
        assertThat(ticks.tick(done)).isTrue();
        assertThat(ticks.tick(done)).as("a second delivery records nothing").isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM duty_record WHERE source = 'FORCES_SHIFT' AND source_id = ?")
                .param(shift).query(Long.class).single()).isEqualTo(1);
        JsonNode patrol = item(ApiClient.json(api.get("/api/v1/duties/mine?day="
                + LocalDate.ofInstant(in.toInstant(), LocalTimes.ZONE), officer2)), "patrol");
        assertThat(patrol.get("state").asText()).isEqualTo("DONE");
        assertThat(patrol.get("records").findValuesAsText("source")).contains("FORCES_SHIFT");
        assertThat(ticks.tick(new ShiftCompleted(staff("volunteer"), "/", BigDecimal.ONE, UUID.randomUUID(),
                UUID.randomUUID(), grid, in, in.plusHours(1)))).isFalse();
    }

    @Test
    void theChiefSeesHisOfficersDoneAndDueAndWhatTheLastClosedPeriodMissed() {
        JsonNode overview = ApiClient.json(api.get("/api/v1/duties/overview?period=WEEK", chief));
        assertThat(overview.get("start").asText()).isEqualTo(DutyPeriod.WEEK.start(today()).toString());
        List<JsonNode> rows = StreamSupport.stream(overview.get("rows").spliterator(), false).toList();
        assertThat(rows).extracting(r -> r.get("officer").get("id").asText()).contains(staff("officer").toString())
                .doesNotContain(staff("officer2").toString());
        JsonNode mine = rows.stream().filter(r -> r.get("officer").get("id").asText()
                .equals(staff("officer").toString())).findFirst().orElseThrow();
        assertThat(mine.get("due").asInt()).isEqualTo(5);
        // the demo officer missed his informant visit last week
        assertThat(mine.get("missed").findValuesAsText("code")).contains("informant-visit");
        assertThat(api.get("/api/v1/duties/overview?period=FORTNIGHT", chief, "Accept-Language", "en").statusCode())
                .isEqualTo(400);
    }

    /** A result of an officer for a day's patrol, as the job keeps it, under a unit. */
    void resultAt(UUID officerId, UUID unitId, LocalDate day, boolean done) {
        jdbc.sql("""
                INSERT INTO duty_result (officer_id, officer_name, unit_id, unit_path, item, item_text, period,
                    period_start, period_end, state, records, recorded_at)
                SELECT ?, '督导民警', u.id, u.path, 'patrol', '开展一次社区巡逻', 'DAY', ?, ?, ?, ?, now()
                  FROM unit u WHERE u.id = ?""")
                .params(officerId, day, day, done ? "DONE" : "MISSED", done ? 1 : 0, unitId).update();
    }

    /** The overview's row of an officer on the page. */
    static String rowOf(String page, UUID officerId) {
        int at = page.indexOf("data-officer=\"" + officerId + "\"");
        assertThat(at).as("the officer's row").isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    @Test
    void theOverviewShowsEachOfficersShareOfTheLastClosedMonthLinkedToHisResultsInTheCallersScopeOnly()
            throws Exception {
        // the last month whose periods are all written (each nine days after it closed, backdate-days being 8)
        YearMonth month = YearMonth.from(today().minusDays(8)).minusMonths(1);
        LocalDate first = month.atDay(1);
        UUID unit = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        UUID urbanStation = jdbc.sql("SELECT id FROM unit WHERE code = '320722020000'").query(UUID.class).single();
        String n = UUID.randomUUID().toString().substring(0, 8);
        UUID rated = registry.register(new UnitId(unit), StaffRole.COMMUNITY_OFFICER, "督导份额" + n, null, null,
                "社区民警", null, null).id().value();
        UUID unrated = registry.register(new UnitId(unit), StaffRole.COMMUNITY_OFFICER, "督导无果" + n, null, null,
                "社区民警", null, null).id().value();
        resultAt(rated, unit, first, true);
        resultAt(rated, unit, first.plusDays(1), true);
        resultAt(rated, unit, month.atEndOfMonth(), false);
        // kept where he was before, outside the chief's station: the bureau counts it, the chief does not
        resultAt(rated, urbanStation, first.plusDays(2), true);
        // a month before: not the month shown
        resultAt(rated, unit, first.minusDays(1), true);

        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        String zh = page.get("/duties/overview", null, "Accept", "text/html").body();
        assertThat(zh).contains(month + " 职责完成率");
        String row = rowOf(zh, rated);
        assertThat(row).contains("2 / 3", "66.7%").contains("href=\"/duties/results?officer=" + rated + "&amp;from="
                + first + "&amp;to=" + month.atEndOfMonth() + "\"");
        assertThat(rowOf(zh, unrated)).as("no result kept for him").contains(">—<").doesNotContain("/duties/results");

        String bureauPage = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, "en")
                .get("/duties/overview?unitId=" + unit, null, "Accept", "text/html").body();
        assertThat(bureauPage).contains("Share of due duties done, " + month);
        assertThat(rowOf(bureauPage, rated)).contains("3 / 4", "75.0%");

        JsonNode overview = ApiClient.json(api.get("/api/v1/duties/overview", chief));
        assertThat(overview.get("monthFirst").asText()).isEqualTo(first.toString());
        JsonNode his = StreamSupport.stream(overview.get("rows").spliterator(), false)
                .filter(r -> r.get("officer").get("id").asText().equals(rated.toString())).findFirst().orElseThrow();
        assertThat(his.get("month").get("done").asLong()).isEqualTo(2);
        assertThat(his.get("month").get("due").asLong()).isEqualTo(3);
        // the chief's list the share links to counts the same; another office's overview is not his
        JsonNode listed = ApiClient.json(api.get("/api/v1/duties/results?officerId=" + rated + "&from=" + first
                + "&to=" + month.atEndOfMonth(), chief));
        assertThat(listed.get("due").asLong()).isEqualTo(3);
        assertThat(page.get("/duties/overview?unitId=" + urbanStation, null, "Accept", "text/html").statusCode())
                .isEqualTo(404);

        // the ledger the chief takes away carries the same share, as numbers a spreadsheet can sum and sort
        HttpResponse<byte[]> xlsx = api.download("/api/v1/duties/overview/export", chief);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            var header = sheet.getRow(0);
            int last = header.getLastCellNum() - 1;
            assertThat(header.getCell(last - 2).getStringCellValue()).isEqualTo(month + " 已完成");
            assertThat(header.getCell(last - 1).getStringCellValue()).isEqualTo(month + " 应完成");
            assertThat(header.getCell(last).getStringCellValue()).isEqualTo(month + " 职责完成率（%）");
            var ratedRow = ledgerRow(sheet, "督导份额" + n);
            assertThat(ratedRow.getCell(last - 2).getNumericCellValue()).isEqualTo(2);
            assertThat(ratedRow.getCell(last - 1).getNumericCellValue()).isEqualTo(3);
            assertThat(ratedRow.getCell(last).getNumericCellValue()).isEqualTo(66.7);
            var none = ledgerRow(sheet, "督导无果" + n);
            assertThat(none.getCell(last)).as("no result kept for him: left empty").isNull();
        }
    }

    static org.apache.poi.ss.usermodel.Row ledgerRow(org.apache.poi.ss.usermodel.Sheet sheet, String officer) {
        for (int i = 1; i <= sheet.getLastRowNum(); i++) {
            if (sheet.getRow(i).getCell(0).getStringCellValue().equals(officer)) {
                return sheet.getRow(i);
            }
        }
        throw new AssertionError("no ledger row for " + officer);
    }

    @Test
    void theOverviewLedgerIsAnAuditedXlsxOfTheChiefsOfficersOnly() throws Exception {
        long exports = jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'duty-record' "
                + "AND action = 'EXPORT'").query(Long.class).single();
        HttpResponse<byte[]> xlsx = api.download("/api/v1/duties/overview/export?period=MONTH", chief);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("民警");
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("开展一次行业安全大检查");
            String officerName = jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class)
                    .single();
            String officer2Name = jdbc.sql("SELECT name FROM staff WHERE username = 'officer2'").query(String.class)
                    .single();
            List<String> names = new java.util.ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                names.add(sheet.getRow(i).getCell(0).getStringCellValue());
            }
            assertThat(names).contains(officerName).doesNotContain(officer2Name);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'duty-record' AND action = 'EXPORT'")
                .query(Long.class).single()).isEqualTo(exports + 1);
        UUID urbanStation = jdbc.sql("SELECT id FROM unit WHERE code = '320722020000'").query(UUID.class).single();
        assertThat(api.download("/api/v1/duties/overview/export?unitId=" + urbanStation, chief).statusCode())
                .isEqualTo(404);
    }

    /**
     * The overview page's export link is a page's: the ledger of the overview shown (its unit, period and day), with
     * the session and in its language, the 404 page for a unit outside the chief's jurisdiction, a day the overview
     * refuses back on the overview, which says why; signed out, to the sign-in page.
     */
    @Test
    void theOverviewPagesLedgerLinkGoesWithTheSessionItsLanguageAndScope() throws Exception {
        String html = "text/html,application/xhtml+xml";
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"export\" class=\"export\"\\s+href=\"([^\"]*)\"")
                .matcher(page.get("/duties/overview?period=MONTH", null, "Accept", html).body());
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).startsWith("/duties/overview/export.xlsx?").contains("period=MONTH");
        HttpResponse<byte[]> xlsx = page.download(href, null, "Accept", html);
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse(""))
                .contains(java.net.URLEncoder.encode("职责督导", java.nio.charset.StandardCharsets.UTF_8) + ".xlsx");
        String officerName = jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class).single();
        String officer2Name = jdbc.sql("SELECT name FROM staff WHERE username = 'officer2'").query(String.class)
                .single();
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("民警");
            List<String> names = new java.util.ArrayList<>();
            for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                names.add(sheet.getRow(i).getCell(0).getStringCellValue());
            }
            assertThat(names).contains(officerName).doesNotContain(officer2Name);
        }
        UUID urbanStation = jdbc.sql("SELECT id FROM unit WHERE code = '320722020000'").query(UUID.class).single();
        assertThat(page.download("/duties/overview/export.xlsx?unitId=" + urbanStation, null, "Accept", html)
                .statusCode()).isEqualTo(404);
        HttpResponse<byte[]> refused = page.download("/duties/overview/export.xlsx?day=0001-01-01", null, "Accept",
                html);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/duties/overview?day=0001-01-01");
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
        page.languageCookie("en");
        HttpResponse<byte[]> english = page.download(href, null, "Accept", html, "Accept-Language", "zh-CN");
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("duty-overview.xlsx");
        HttpResponse<byte[]> signedOut = new ApiClient(port).download(href, null, "Accept", html);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void theOverviewsUnitFilterNamesItsWholeJurisdictionChoiceInTheReadersLanguage() {
        for (String[] lang : new String[][] {{"zh", "全部辖区"}, {"en", "Whole jurisdiction"}}) {
            HttpResponse<String> overview = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, lang[0])
                    .get("/duties/overview", null, "Accept", "text/html");
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).as("the empty choice is every unit, not one called 单位/Unit")
                    .contains("<option value=\"\">" + lang[1] + "</option>");
        }
    }

    @Test
    void theChiefsPagesShowHisOfficersWithLastPeriodsMissesAndAnOfficerOutsideIsNotFound() {
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh");
        String html = "text/html";
        HttpResponse<String> overview = page.get("/duties/overview?period=WEEK", null, "Accept", html);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("data-officer=\"" + staff("officer") + "\"")
                .contains("走访一次治安信息员").contains("导出台账");
        HttpResponse<String> checklist = page.get("/duties/officers/" + staff("officer"), null, "Accept", html);
        assertThat(checklist.statusCode()).isEqualTo(200);
        assertThat(checklist.body()).contains("开展一次社区巡逻").contains("上一周期漏项").contains("</html>");
        assertThat(page.get("/duties/officers/" + staff("officer2"), null, "Accept", html).statusCode())
                .isEqualTo(404);
        UUID urbanStation = jdbc.sql("SELECT id FROM unit WHERE code = '320722020000'").query(UUID.class).single();
        assertThat(page.get("/duties/overview?unitId=" + urbanStation, null, "Accept", html).statusCode())
                .isEqualTo(404);
        HttpResponse<String> mine = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, "en")
                .get("/duties", null, "Accept", html);
        assertThat(mine.statusCode()).isEqualTo(200);
        // the whole page, to its last section: a record shown (here a patrol shift's) breaks nothing after it
        assertThat(mine.body()).contains("My duty checklist").contains("Patrol the community")
                .contains("id=\"missed\"").contains("</html>");
    }

    @Test
    void aDailyPeriodShowsAsItsOneDayInBothLanguagesAndALongerOneAsARange() throws Exception {
        String html = "text/html";
        String day = "2026-12-01";
        for (String[] lang : new String[][] {{"zh", " 至 "}, {"en", " to "}}) {
            ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, lang[0]);
            String daily = page.get("/duties/overview?period=DAY&day=" + day, null, "Accept", html).body();
            assertThat(daily).contains(day).doesNotContain(day + lang[1] + day)
                    .as("the last closed day, in the misses' heading").contains("2026-11-30")
                    .doesNotContain("2026-11-30 – 2026-11-30");
            String weekly = page.get("/duties/overview?period=WEEK&day=" + day, null, "Accept", html).body();
            assertThat(weekly).contains("2026-11-30" + lang[1] + "2026-12-06");
            String checklist = page.get("/duties/officers/" + staff("officer") + "?day=" + day, null, "Accept", html)
                    .body();
            assertThat(checklist).doesNotContain(day + lang[1] + day).doesNotContain("2026-11-30" + lang[1]
                    + "2026-11-30");
        }
        HttpResponse<byte[]> xlsx = api.download("/api/v1/duties/overview/export?period=DAY&day=" + day, chief,
                "Accept-Language", "en");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                xlsx.body()))) {
            var sheet = book.getSheetAt(0);
            // asked in English, the ledger speaks it (the pages' switch above was the session's only)
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("Daily " + day);
            var header = sheet.getRow(0);
            // the last closed period's misses, before the month's three columns
            assertThat(header.getCell(header.getLastCellNum() - 4).getStringCellValue()).endsWith("(2026-11-30)");
        }
    }
}
