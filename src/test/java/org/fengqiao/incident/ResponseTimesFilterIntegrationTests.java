package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Merges;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The response-times page and API narrowed to one unit of the caller's jurisdiction (404 for a unit outside it) and
 * counted over the days chosen (China Standard Time, both days included, none after today); a period that is no
 * period refused with the reason in the reader's language and no figures, the fixed periods kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseTimesFilterIntegrationTests extends IntegrationTest {

    static final String BROWSER = ResponseTimesAccessIntegrationTests.BROWSER;

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Merges merges;

    String n;
    Unit workstation;
    Grid grid;
    Grid edges;
    Unit elsewhere;
    Grid theirs;
    LocalDate today;
    LocalDate oldDay;

    @BeforeAll
    void itemsHandledInTwoStationsAndAroundTheEdgesOfAPeriod() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        today = LocalDate.now(LocalTimes.ZONE);
        // a workstation of 房山派出所 beside 房山中心警务室, so outside the demo officer's subtree
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        workstation = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "RTF-" + n, "时效筛选站" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, workstation, "IT-RTF-" + n, "筛选", 104);
        edges = SatisfactionPageIntegrationTests.testGrid(jurisdictions, workstation, "IT-RTE-" + n, "边界", 104);
        // 牛山派出所, another station: officer2's workstation
        elsewhere = jurisdictions.unitByCode("320722020100").orElseThrow();
        theirs = SatisfactionPageIntegrationTests.testGrid(jurisdictions, elsewhere, "IT-RTF2-" + n, "筛选", 106);
        handled(grid);
        handled(theirs);
        // around a period of three days ending forty days ago: received just inside and just outside each end
        oldDay = today.minusDays(42);
        receivedAt(handled(edges), oldDay.minusDays(1).atTime(23, 59, 30));
        receivedAt(handled(edges), oldDay.atTime(0, 0, 30));
        receivedAt(handled(edges), oldDay.plusDays(2).atTime(23, 59, 30));
        receivedAt(handled(edges), oldDay.plusDays(3).atTime(0, 0, 30));
    }

    UUID handled(Grid where) {
        Submitter by = Submitter.system("test");
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "筛选求助" + n, null, null, null,
                "筛选村口", where.id().value(), null, null, null, null), by).incident().id();
        desk.acknowledge(id, by);
        desk.resolve(id, "已处理", by);
        return id;
    }

    /** Moves a test item's receipt (and its handling with it) to this wall-clock time in China. */
    void receivedAt(UUID id, java.time.LocalDateTime chinaTime) {
        OffsetDateTime at = chinaTime.atZone(LocalTimes.ZONE).toOffsetDateTime();
        jdbc.sql("""
                UPDATE incident SET received_at = :at, acknowledged_at = :at + interval '40 seconds',
                    resolved_at = :at + interval '20 minutes' WHERE id = :id""")
                .param("at", at).param("id", id).update();
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }

    static String page(ApiClient c, String path) {
        HttpResponse<String> r = c.get(path, null, "Accept", BROWSER);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** The items counted on the grid's row of the page's grid table, or null without a row. */
    static Integer items(String html, String code) {
        int table = html.indexOf("id=\"times-grids\"");
        if (table < 0) {
            return null;
        }
        String rest = html.substring(table, html.indexOf("</table>", table));
        Matcher m = Pattern.compile("data-code=\"" + Pattern.quote(code) + "\">.*?class=\"count\"[^>]*>(\\d+)<",
                Pattern.DOTALL).matcher(rest);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    static Long items(JsonNode figures, Grid grid) {
        for (JsonNode row : figures.get("grids")) {
            if (row.get("id").asText().equals(grid.id().value().toString())) {
                return row.get("incidents").asLong();
            }
        }
        return null;
    }

    @Test
    void aUnitOfTheJurisdictionNarrowsTheFiguresToItsSubtreeAndKeepsTheFixedPeriods() {
        ApiClient chief = signedIn("chief", null);
        String whole = page(chief, "/incidents/response-times?days=7");
        assertThat(items(whole, "IT-RTF-" + n)).isEqualTo(1);
        assertThat(whole).contains("id=\"unit\"").contains("时效筛选站" + n)
                .as("a fixed period without a unit").contains("href=\"/incidents/response-times?days=30\"");
        assertThat(whole).as("the central office is a choice, the work points of its grids are not (their grids' rows"
                + " are the figures)").contains("房山中心警务室").doesNotContain("吴场村第1网格警务工作点");

        String narrowed = page(chief, "/incidents/response-times?days=7&unit=" + workstation.id().value());
        assertThat(items(narrowed, "IT-RTF-" + n)).isEqualTo(1);
        assertThat(narrowed).as("the other grids of the station are left out").doesNotContain("data-code=\"FS-1-")
                .containsPattern("id=\"period-7\"\\s+class=\"active\"")
                .contains("href=\"/incidents/response-times?days=30&amp;unit=" + workstation.id().value() + "\"");
        String office = page(chief, "/incidents/response-times?unit="
                + jurisdictions.unitByCode("320722010100").orElseThrow().id().value());
        assertThat(items(office, "IT-RTF-" + n)).as("a sibling unit's grid").isNull();

        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times?unitId=" + workstation.id().value(),
                token));
        assertThat(figures.get("unitId").asText()).isEqualTo(workstation.id().value().toString());
        assertThat(figures.get("grids").findValuesAsText("code")).containsExactly("IT-RTF-" + n);
    }

    @Test
    void aReportMergedIntoAnotherAsItsDuplicateIsNotCountedAsASecondItemOfTheGrid() {
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit merging = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "RTM-" + n, "时效合并站" + n, null);
        Grid where = SatisfactionPageIntegrationTests.testGrid(jurisdictions, merging, "IT-RTM-" + n, "合并", 104);
        UUID primary = handled(where);
        Submitter by = Submitter.system("test");
        UUID duplicate = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "同一求助" + n, null, null,
                null, "筛选村口", where.id().value(), null, null, null, null), by).incident().id();
        merges.merge(duplicate, new Merges.Into(primary, null, false, "同一件事"), by);
        desk.answer(primary, "已帮助", by);

        ApiClient api = new ApiClient(port);
        JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times?unitId=" + merging.id().value(),
                api.token("chief", DEMO_PASSWORD)));
        assertThat(items(figures, where)).as("one matter, handled once").isEqualTo(1L);
        assertThat(figures.get("grids").get(0).get("acknowledge").get("count").asLong()).isEqualTo(1L);
    }

    @Test
    void aUnitOutsideTheCallersSubtreeIsNotFoundOnThePageAndTheApi() {
        for (String[] who : new String[][] {{"chief", elsewhere.id().value().toString()},
            {"officer", workstation.id().value().toString()}, {"chief", UUID.randomUUID().toString()}}) {
            HttpResponse<String> outside = signedIn(who[0], null).get("/incidents/response-times?unit=" + who[1], null,
                    "Accept", BROWSER);
            assertThat(outside.statusCode()).as(who[0] + " " + who[1]).isEqualTo(404);
            assertThat(outside.body()).doesNotContain("IT-RTF2-" + n).doesNotContain("IT-RTF-" + n)
                    .doesNotContain("times-grids");
            ApiClient api = new ApiClient(port);
            HttpResponse<String> json = api.get("/api/v1/incidents/response-times?unitId=" + who[1],
                    api.token(who[0], DEMO_PASSWORD));
            assertThat(json.statusCode()).as(who[0] + " " + who[1]).isEqualTo(404);
            assertThat(json.body()).doesNotContain("IT-RTF2-" + n).doesNotContain("IT-RTF-" + n);
        }
        // officer2 reads his own workstation's unit
        assertThat(items(page(signedIn("officer2", null), "/incidents/response-times?unit=" + elsewhere.id().value()),
                "IT-RTF2-" + n)).isEqualTo(1);
    }

    @Test
    void theChosenDaysCountBothDaysWholeInChinaTime() {
        ApiClient chief = signedIn("chief", null);
        String unit = "&unit=" + workstation.id().value();
        String three = page(chief, "/incidents/response-times?from=" + oldDay + "&to=" + oldDay.plusDays(2) + unit);
        assertThat(items(three, "IT-RTE-" + n)).as("00:00:30 of the first day and 23:59:30 of the last").isEqualTo(2);
        assertThat(three).contains("value=\"" + oldDay + "\"").contains("value=\"" + oldDay.plusDays(2) + "\"")
                .contains(oldDay + " 00:00 至 " + oldDay.plusDays(3) + " 00:00")
                .as("no fixed period is marked").doesNotContain("class=\"active\">最近");
        assertThat(items(page(chief, "/incidents/response-times?from=" + oldDay + "&to=" + oldDay + unit),
                "IT-RTE-" + n)).as("one day").isEqualTo(1);
        assertThat(items(page(chief, "/incidents/response-times?from=" + oldDay.minusDays(1) + "&to="
                + oldDay.plusDays(3) + unit), "IT-RTE-" + n)).isEqualTo(4);
        // up to today is a period; today's items are in it, the old ones are not
        String upToToday = page(chief, "/incidents/response-times?from=" + today.minusDays(1) + "&to=" + today + unit);
        assertThat(items(upToToday, "IT-RTF-" + n)).isEqualTo(1);
        assertThat(items(upToToday, "IT-RTE-" + n)).isNull();
        // the fixed periods count back from now: the old items are outside the last 30 days, inside the last 90
        assertThat(items(page(chief, "/incidents/response-times?days=30" + unit), "IT-RTE-" + n)).isNull();
        assertThat(items(page(chief, "/incidents/response-times?days=90" + unit), "IT-RTE-" + n)).isEqualTo(4);

        ApiClient api = new ApiClient(port);
        Instant start = oldDay.atStartOfDay(LocalTimes.ZONE).toInstant();
        Instant end = oldDay.plusDays(3).atStartOfDay(LocalTimes.ZONE).toInstant();
        JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times?from=" + start + "&to=" + end
                + "&unitId=" + workstation.id().value(), api.token("chief", DEMO_PASSWORD)));
        assertThat(items(figures, edges)).as("[from, to)").isEqualTo(2);
        assertThat(items(figures, grid)).isNull();
    }

    @Test
    void aPeriodThatIsNoPeriodIsRefusedWithTheReasonInEitherLanguageAndNoFigures() {
        LocalDate tomorrow = today.plusDays(1);
        String[][] cases = {
            {"from=2026-13-45", "起始日期“2026-13-45”不是有效的年-月-日，请写成 2026-05-01 这样",
                "Start date &quot;2026-13-45&quot; is not a valid year-month-day: write it as 2026-05-01"},
            {"from=" + today + "&to=" + today.minusDays(3), "起始日期晚于截止日期，请重新选择期间",
                "The start date is after the end date: choose the period again"},
            {"from=" + today + "&to=" + tomorrow, "截止日期“" + tomorrow + "”晚于今天（" + today + "）：响应时效只统计已经到来的日子",
                "End date " + tomorrow + " is after today (" + today + "): response times count only days that have come"},
            {"from=" + tomorrow, "起始日期“" + tomorrow + "”晚于今天（" + today + "）",
                "Start date " + tomorrow + " is after today (" + today + ")"}};
        for (String[] c : cases) {
            // each sign-in names its language: a page read in English keeps English on the profile
            for (String language : new String[] {"zh-CN", "en"}) {
                HttpResponse<String> bad = signedIn("chief", language).get("/incidents/response-times?" + c[0]
                        + "&unit=" + workstation.id().value(), null, "Accept", BROWSER);
                assertThat(bad.statusCode()).as(c[0]).isEqualTo(400);
                assertThat(bad.body()).as(c[0] + " " + language).contains(language.equals("zh-CN") ? c[1] : c[2])
                        .doesNotContain("times-grids").doesNotContain("IT-RTF-" + n + "<")
                        .as("the form comes back").contains("id=\"period-form\"");
            }
        }
        assertThat(signedIn("chief", "zh-CN").get("/incidents/response-times?from=2026-13-45", null, "Accept", BROWSER)
                .body()).as("what was typed comes back").contains("value=\"2026-13-45\"");

        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        Instant now = Instant.now();
        String[][] apiCases = {
            {"from=" + now + "&to=" + now.minus(1, ChronoUnit.HOURS), "起始时间必须早于截止时间", "The start must be before the end"},
            {"from=" + now.plus(1, ChronoUnit.HOURS), "起始时间晚于现在：此期间还没有接报的事项",
                "The start is later than now: no items have been received in that period yet"},
            {"from=" + now.minus(1, ChronoUnit.DAYS) + "&to=" + now.plus(3, ChronoUnit.DAYS), "截止时间不能晚于今天结束（"
                + today.plusDays(1).atTime(LocalTime.MIDNIGHT).atZone(LocalTimes.ZONE).toOffsetDateTime() + "）",
                "The end may not be later than the end of today ("}};
        for (String[] c : apiCases) {
            HttpResponse<String> zh = api.get("/api/v1/incidents/response-times?" + c[0], token);
            assertThat(zh.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(ApiClient.json(zh).get("errors").findValuesAsText("message")).as(c[0]).contains(c[1]);
            HttpResponse<String> en = api.get("/api/v1/incidents/response-times?" + c[0], token, "Accept-Language", "en");
            assertThat(en.statusCode()).isEqualTo(400);
            assertThat(ApiClient.json(en).get("errors").findValuesAsText("message")).as(c[0])
                    .anyMatch(m -> m.startsWith(c[2]));
            assertThat(zh.body()).doesNotContain("IT-RTF-" + n);
        }
    }
}
