package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The staff pages of incidents as a person reads them: the list's 发生时间 is when it happened (not when it was
 * received), the incident's page shows that time and the 110 case number to look it up in the 110 system, and a
 * form refused for bad input comes back with what was typed.
 */
class IncidentPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;

    String n;
    Grid grid;
    String manager;

    @BeforeEach
    void aGridWithItsManager() {
        ManagedGrid g = ManagedGrid.create(jurisdictions, staff, "P", "页面", 32);
        n = g.n();
        grid = g.grid();
        manager = g.manager();
    }

    ApiClient signedIn(String username) {
        ApiClient c = new ApiClient(port);
        assertThat(c.formLogin(username, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return c;
    }

    String page(ApiClient c, String path) {
        HttpResponse<String> r = c.get(path, null, "Accept", "text/html");
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    @Test
    void theListAndThePageShowWhenItHappenedAndThePageThe110CaseNumber() {
        // five days ago at 02:00 UTC: the same day in UTC and in China, and never the day it is received (now)
        OffsetDateTime occurred = OffsetDateTime.now(ZoneOffset.UTC).minusDays(5).truncatedTo(ChronoUnit.DAYS)
                .plusHours(2);
        String caseNumber = "J" + n + "0042";
        UUID id = desk.file(new NewIncident(Source.CALL_110, Category.HELP, null, null, "110推送求助" + n, occurred, null,
                null, "页面村口", grid.id().value(), null, null, caseNumber, null), Submitter.system("110")).incident().id();
        UUID field = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "巡查求助" + n, null, null, null,
                "页面村西", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
        ApiClient c = signedIn(manager);

        String list = page(c, "/incidents?show=mine");
        Matcher row = Pattern.compile("data-id=\"" + id + "\"[^>]*>\\s*<td[^>]*>([^<]*)</td>").matcher(list);
        assertThat(row.find()).as("the row of the 110 report").isTrue();
        String day = occurred.format(DateTimeFormatter.ofPattern("MM-dd"));
        String today = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("MM-dd"));
        assertThat(row.group(1)).as("发生时间 is when it happened, five days ago").contains(day).doesNotContain(today);

        String detail = page(c, "/incidents/" + id);
        assertThat(detail).contains("发生时间").contains("110接警单号");
        assertThat(text(detail, "incident-external-ref")).isEqualTo(caseNumber);
        assertThat(text(detail, "incident-occurred")).contains(occurred.format(DateTimeFormatter.ofPattern("MM-dd")));

        String other = page(c, "/incidents/" + field);
        assertThat(other).as("no case number line without one").doesNotContain("incident-external-ref")
                .doesNotContain("110接警单号").contains("incident-occurred");
    }

    @Test
    void theEscalateFormIsOfferedUntilTheItemIsWithTheBureauWhereNothingIsAbove() {
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "逐级上报" + n, null, null, null,
                "页面村东", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
        ApiClient bureau = signedIn("bureau");
        Submitter who = Submitter.system("test");
        int moves = 0;
        while (page(bureau, "/incidents/" + id).contains("id=\"action-escalate\"")) {
            desk.escalate(id, "测试逐级上报", who);
            assertThat(++moves).as("workstation, central office, station, bureau").isLessThan(5);
        }
        assertThat(moves).as("it moved up to the top before the form went away").isGreaterThanOrEqualTo(2);
        var top = desk.get(id, who);
        assertThat(jdbc.sql("SELECT parent_id IS NULL FROM unit WHERE id = ?").param(top.ownerUnitId())
                .query(Boolean.class).single()).as("the form is gone only at the bureau").isTrue();
    }

    @Test
    void aFormRefusedForBadInputComesBackWithWhatWasTyped() {
        ApiClient c = signedIn(manager);
        String description = "案件未注明性质" + n;
        String key = UUID.randomUUID().toString();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("idempotencyKey", key);
        form.put("category", "CASE");
        form.put("subtype", "");
        form.put("description", description);
        form.put("gridId", grid.id().value().toString());
        form.put("address", "页面村北" + n);
        form.put("reporterName", "报告人" + n);
        form.put("reporterPhone", "13912345678");
        form.put("_csrf", c.csrfFrom("/incidents/new"));
        HttpResponse<String> refused = c.form("/incidents", form);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/incidents/new");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description)
                .query(Long.class).single()).as("nothing filed").isZero();

        String again = page(c, "/incidents/new");
        assertThat(again).contains("案事件须注明刑事或治安");
        assertThat(again).contains(">" + description + "</textarea>");
        assertThat(again).containsPattern("value=\"CASE\"[^>]*selected");
        assertThat(again).containsPattern("value=\"" + grid.id().value() + "\"[^>]*selected");
        assertThat(again).contains("value=\"页面村北" + n + "\"", "value=\"报告人" + n + "\"", "value=\"13912345678\"");
        assertThat(again).containsPattern("<select id=\"subtype\"[^>]*\\srequired[\\s=>]");
        assertThat(again).as("the same key, so the corrected form sent twice files once").contains("value=\"" + key + "\"");

        String fresh = page(c, "/incidents/new");
        assertThat(fresh).as("once shown, the typed values are gone").doesNotContain(description)
                .doesNotContainPattern("<select id=\"subtype\"[^>]*\\srequired[\\s=>]");
    }

    /**
     * The officer who handles an informant files the informant's clue from the staff page on his phone: the form lets
     * him say it is one, and then the informant's name and phone are known to him and the station chief only, as the
     * API has it; the bureau (and everyone else in scope) reads the clue without them.
     */
    @Test
    void anInformantsClueFiledFromThePageIsKnownOnlyToHisHandlerAndTheStationChief() {
        ApiClient officer = signedIn("officer");
        String form = page(officer, "/incidents/new");
        assertThat(form).contains("name=\"source\"").containsPattern("value=\"INFORMANT\"[^>]*>信息员线索<");
        String informant = "线人" + n;
        Map<String, String> clue = new LinkedHashMap<>();
        clue.put("idempotencyKey", UUID.randomUUID().toString());
        clue.put("source", "INFORMANT");
        clue.put("category", "CASE");
        clue.put("subtype", "CRIMINAL");
        clue.put("description", "有人在村西仓库收购赃物" + n);
        clue.put("gridId", grid.id().value().toString());
        clue.put("reporterName", informant);
        clue.put("reporterPhone", "13955556666");
        clue.put("_csrf", officer.csrfFrom("/incidents/new"));
        HttpResponse<String> filed = officer.form("/incidents", clue);
        assertThat(filed.statusCode()).isEqualTo(302);
        String location = filed.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/incidents/[0-9a-f-]{36}$");
        String path = location.substring(location.indexOf("/incidents/"));
        assertThat(jdbc.sql("SELECT source FROM incident WHERE id = ?")
                .param(UUID.fromString(path.substring(path.lastIndexOf('/') + 1))).query(String.class).single())
                .isEqualTo("INFORMANT");

        assertThat(page(officer, path)).as("his handler, who filed it").contains(informant, "139****6666");
        assertThat(page(signedIn("chief"), path)).as("the station chief").contains(informant, "139****6666");
        String byBureau = page(signedIn("bureau"), path);
        assertThat(byBureau).contains("信息员（身份保密）", "有人在村西仓库收购赃物" + n)
                .doesNotContain(informant, "139****6666", "13955556666");
        assertThat(page(signedIn(manager), path)).doesNotContain(informant, "139****6666");

        Map<String, String> other = new LinkedHashMap<>(clue);
        other.put("idempotencyKey", UUID.randomUUID().toString());
        other.put("source", "CALL_110");
        other.put("description", "冒充110推送" + n);
        other.put("_csrf", officer.csrfFrom("/incidents/new"));
        assertThat(officer.form("/incidents", other).headers().firstValue("Location").orElseThrow())
                .as("the page files the field's reports and informants' clues only").endsWith("/incidents/new");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param("冒充110推送" + n)
                .query(Long.class).single()).isZero();
        assertThat(page(officer, "/incidents/new")).contains("来源只能是巡查上报或信息员线索");
    }

    /** A form with several faults is told all of them at once, where it happened among them. */
    @Test
    void everyFaultOfTheFormIsToldAtOnceTheAddressItCannotPlaceIncluded() {
        ApiClient c = signedIn(manager);
        String description = "多处错误" + n;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("idempotencyKey", UUID.randomUUID().toString());
        form.put("category", "CASE");
        form.put("subtype", "");
        form.put("description", description);
        form.put("address", "不存在的地方xyz" + n);
        form.put("_csrf", c.csrfFrom("/incidents/new"));
        assertThat(c.form("/incidents", form).headers().firstValue("Location").orElseThrow()).endsWith("/incidents/new");
        assertThat(page(c, "/incidents/new")).contains("案事件须注明刑事或治安", "未能按这个地址找到所在网格");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description)
                .query(Long.class).single()).as("nothing filed").isZero();
    }

    @Test
    void anActionsNoteRefusedComesBackInItsFieldAndNothingIsRecorded() {
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "处置说明测试" + n, null, null, null,
                "页面村南", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
        ApiClient c = signedIn(manager);
        c.form("/incidents/" + id + "/acknowledge", Map.of("_csrf", c.csrfFrom("/incidents/" + id)));
        assertThat(jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("ACKNOWLEDGED");

        // pasted from a longer report, the note is over the page's limit of 2000 characters
        String note = "已到现场劝离围观群众，" + "老人已由家属接回。".repeat(250) + n;
        HttpResponse<String> refused = c.form("/incidents/" + id + "/resolve",
                Map.of("_csrf", c.csrfFrom("/incidents/" + id), "note", note));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single())
                .as("not resolved").isEqualTo("ACKNOWLEDGED");
        assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ? AND kind = 'RESOLVED'").param(id)
                .query(Long.class).single()).isZero();

        String again = page(c, "/incidents/" + id);
        assertThat(again).contains("说明不能超过2000字");
        assertThat(again).containsPattern("id=\"resolve-note\"[^>]*>" + Pattern.quote(note) + "</textarea>");
        assertThat(again).as("the other forms on the page stay empty")
                .containsPattern("id=\"escalate-reason\"[^>]*></textarea>");
        assertThat(page(c, "/incidents/" + id)).as("shown once").doesNotContain(note);
    }

    @Test
    void anEscalationReasonOrReferralOverThePagesLimitsIsRefusedNamingItsFieldAndKeptAsTyped() {
        UUID id = openItem("上报移交测试");
        ApiClient c = signedIn(manager);

        String reason = "群众多次反映，" + "村民聚集讨要工钱，".repeat(230) + n; // over the form's 2000 characters
        assertThat(c.form("/incidents/" + id + "/escalate", Map.of("_csrf", c.csrfFrom("/incidents/" + id),
                "reason", reason)).statusCode()).isEqualTo(302);
        String page = page(c, "/incidents/" + id);
        assertThat(page).contains("上报原因不能超过2000字");
        assertThat(page).containsPattern("id=\"escalate-reason\"[^>]*>" + Pattern.quote(reason) + "</textarea>")
                .as("the other forms stay empty").contains("id=\"refer-contact\" name=\"contact\" required maxlength=\"200\" value=\"\">");

        String department = "镇综治中心" + n;
        String outcome = "已电话告知\u0007对方" + n; // a control character pasted from another program
        assertThat(c.form("/incidents/" + id + "/refer", Map.of("_csrf", c.csrfFrom("/incidents/" + id),
                "department", department, "contact", "王主任 13800000000", "outcome", outcome)).statusCode())
                .isEqualTo(302);
        page = page(c, "/incidents/" + id);
        assertThat(page).contains("结果含有无法显示的控制字符，请删除后重新提交");
        assertThat(page).containsPattern("id=\"refer-department\"[^>]*\\svalue=\"" + department + "\"")
                .contains("id=\"refer-contact\" name=\"contact\" required maxlength=\"200\" value=\"王主任 13800000000\"")
                .as("the escalation's form stays empty").containsPattern("id=\"escalate-reason\"[^>]*></textarea>");
        assertNothingRecorded(id);
    }

    @Test
    void inEnglishTheEscalationAndReferralLimitsNameTheirFields() {
        UUID id = openItem("limits in English");
        ApiClient c = new ApiClient(port).signedIn(manager, DEMO_PASSWORD, "en");

        assertThat(c.form("/incidents/" + id + "/escalate", Map.of("_csrf", c.csrfFrom("/incidents/" + id),
                "reason", "Crowd at the gate\u0007" + n)).statusCode()).isEqualTo(302);
        assertThat(page(c, "/incidents/" + id))
                .contains("Reason contains control characters that cannot be shown; remove them and send it again");

        String department = "Township mediation centre ".repeat(5) + n; // over the form's 100 characters
        assertThat(c.form("/incidents/" + id + "/refer", Map.of("_csrf", c.csrfFrom("/incidents/" + id),
                "department", department, "contact", "Mr Wang " + "13800000000 ".repeat(20), "outcome", "told")).statusCode())
                .isEqualTo(302);
        String page = page(c, "/incidents/" + id);
        assertThat(page).contains("Department may not exceed 100 characters", "Contact and phone may not exceed 200 characters");
        assertThat(page).contains("value=\"" + department + "\"");
        assertNothingRecorded(id);
    }

    @Test
    void aTabThatIsNoneOfTheListsIsRefusedInTheReadersLanguageAndNeverListsEverything() {
        UUID open = openItem("tab open");
        UUID closed = openItem("tab closed");
        jdbc.sql("UPDATE incident SET status = 'ANSWERED', answered_at = now() WHERE id = ?").param(closed).update();
        ApiClient c = signedIn(manager);
        String html = "text/html";

        // the tabs there are still list what they say, in any case typed
        assertThat(page(c, "/incidents?show=mine")).contains(open.toString()).doesNotContain(closed.toString());
        assertThat(page(c, "/incidents?show=MINE")).contains(open.toString()).doesNotContain(closed.toString())
                .contains("href=\"/incidents?show=open\"");
        // a mistyped or stale tab is refused with the tabs there are, and lists nothing
        HttpResponse<String> stale = c.get("/incidents?show=everything", null, "Accept", html);
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("没有“everything”这个页签", "全部（all）").doesNotContain("data-id=");
        HttpResponse<String> staleEn = new ApiClient(port).signedIn(manager, DEMO_PASSWORD, "en")
                .get("/incidents?show=al&unclassified=true", null, "Accept", html);
        assertThat(staleEn.statusCode()).isEqualTo(400);
        assertThat(staleEn.body()).contains("There is no tab &quot;al&quot;: choose mine, open, overdue, all or filed")
                .doesNotContain("data-id=");

        // the API takes the same tabs, refused the same way in the language asked for
        ApiClient api = new ApiClient(port);
        String token = api.token(manager, DEMO_PASSWORD);
        String grid = "&size=100&gridId=" + this.grid.id().value();
        assertThat(listed(api.get("/api/v1/incidents?show=all" + grid, token))).contains(open, closed);
        assertThat(listed(api.get("/api/v1/incidents?show=open" + grid, token))).containsExactly(open);
        assertThat(listed(api.get("/api/v1/incidents?show=mine" + grid, token))).containsExactly(open);
        assertThat(listed(api.get("/api/v1/incidents?show=filed" + grid, token))).as("filed by the 110 system")
                .isEmpty();
        assertThat(listed(api.get("/api/v1/incidents?open=false" + grid, token))).as("the flags as before")
                .containsExactly(closed);
        assertThat(refusal(api.get("/api/v1/incidents?show=everything" + grid, token, "Accept-Language", "zh-CN")))
                .startsWith("没有“everything”这个页签");
        assertThat(refusal(api.get("/api/v1/incidents?show=everything" + grid, token, "Accept-Language", "en")))
                .isEqualTo("There is no tab \"everything\": choose mine, open, overdue, all or filed.");
        assertThat(refusal(api.get("/api/v1/incidents?show=all&open=true" + grid, token, "Accept-Language", "en")))
                .as("a tab and the flags it stands for, not both").contains("not both");
    }

    /** The ids an API list answers, in its order. */
    private static List<UUID> listed(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        ApiClient.json(r).get("items").forEach(i -> ids.add(UUID.fromString(i.get("id").asText())));
        return ids;
    }

    /** The message of the API's refusal (400). */
    private static String refusal(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return ApiClient.json(r).get("errors").get(0).get("message").asText();
    }

    /** An item received in the manager's grid, open: it may be escalated or referred. */
    private UUID openItem(String description) {
        return desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, description + n, null, null, null,
                "页面村北", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    private void assertNothingRecorded(UUID id) {
        assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ? AND kind IN ('ESCALATED', "
                + "'REFERRED')").param(id).query(Long.class).single()).as("neither escalated nor referred").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE id = ? AND department IS NOT NULL").param(id)
                .query(Long.class).single()).as("no department set").isZero();
    }

    /** The text of the element with this id (no markup inside it). */
    static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1).trim();
    }
}
