package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
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
 * The satisfaction page (群众满意率) a station chief opens beside the response times: the residents' ratings filed
 * here, counted per unit, grid and person in charge over the period he chooses, with the low ratings' words; another
 * station's ratings never on it; 404 for a unit outside his jurisdiction, 403 for a role that reads no incidents and
 * for the volunteers and informants who file them (an evaluation of the police's work is not theirs to read); in both
 * languages; a period that is no period refused with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class SatisfactionPageIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    Ratings ratings;

    String n;
    Unit unit;
    Grid grid;
    Staff manager;
    Unit elsewhere;
    LocalDate today;
    LocalDate oldDay;

    @BeforeAll
    void ratingsFiledInTwoStations() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        today = LocalDate.now(LocalTimes.ZONE);
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        unit = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "SAT-" + n, "满意工作站" + n, null);
        grid = grid(unit, "IT-SAT-" + n, 104);
        manager = staff.register(unit.id(), StaffRole.AUXILIARY_POLICE, "满意管理员" + n, null, null, "辅警",
                "satmgr" + n, DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        staff.register(unit.id(), StaffRole.INFORMANT, "满意信息员" + n, null, null, "信息员", "satinf" + n, DEMO_PASSWORD);
        // 牛山派出所, another station: officer2's workstation
        elsewhere = jurisdictions.unitByCode("320722020100").orElseThrow();
        Grid theirs = grid(elsewhere, "IT-SAT2-" + n, 106);

        rated(grid, 5, "处理得很及时" + n);
        rated(grid, 4, null);
        rated(grid, 2, "等了两个小时才来人" + n);
        rated(grid, 1, null);
        rated(theirs, 1, "牛山差评" + n);
        // forty-five days ago at 10:00 in China: outside the last 30 days, inside a period chosen around it
        oldDay = today.minusDays(45);
        UUID old = answered(grid);
        ratings.put(old, 3, "上个月的差评" + n, oldDay.atTime(10, 0).atZone(LocalTimes.ZONE).toOffsetDateTime());
    }

    Grid grid(Unit owner, String code, double lonBase) {
        return testGrid(jurisdictions, owner, code, "满意", lonBase);
    }

    @Test
    void aGridAtAWorkPointOfItsOwnCountsInTheOfficeAboveItAndWorkPointsAreNoChoiceOfUnit() {
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "SATW-" + n, "网格点工作站" + n, null);
        Unit point = jurisdictions.createUnit(office.id(), UnitKind.WORK_POINT, "SATP-" + n, "满意网格警务工作点" + n, null);
        Grid atPoint = testGrid(jurisdictions, office, "IT-SATP-" + n, "网格点", 108, point);
        rated(atPoint, 5, null);

        String html = page(signedIn("chief", null), "/incidents/satisfaction");
        assertThat(row(html, "units", office.id().value())).as("the workstation holds its work point's rating")
                .containsEntry("ratings", "1");
        assertThat(row(html, "units", point.id().value())).as("no row per work point").isNull();
        assertThat(row(html, "grids", atPoint.id().value())).containsEntry("ratings", "1");
        String choices = html.substring(html.indexOf("<select"), html.indexOf("</select>"));
        assertThat(choices).contains("网格点工作站" + n).doesNotContain("满意网格警务工作点" + n);
    }

    /**
     * A police grid of its own under {@code owner}: a village named {@code name}村 and a square of about 500 m at a random
     * longitude past {@code lonBase}, away from the demo's grids and from other tests' ones.
     */
    public static Grid testGrid(Jurisdictions jurisdictions, Unit owner, String code, String name, double lonBase) {
        return testGrid(jurisdictions, owner, code, name, lonBase, null);
    }

    /** As above, the grid placed under {@code placedAt} (a work point under {@code owner}); null: at {@code owner}. */
    public static Grid testGrid(Jurisdictions jurisdictions, Unit owner, String code, String name, double lonBase,
            Unit placedAt) {
        Community village = jurisdictions.createCommunity(owner.id(), CommunityKind.VILLAGE, code + "-V", name + "村" + code,
                null, null, null);
        double lon = lonBase + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,24],[%s,24],[%s,24.005],[%s,24.005],[%s,24]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        return jurisdictions.createGrid(village.id(), placedAt == null ? null : placedAt.id(), GridNetwork.POLICE, code,
                name + "网格" + code, square, null, null, null);
    }

    UUID answered(Grid where) {
        Submitter by = Submitter.system("test");
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "求助" + n, null, null, null,
                "满意村口", where.id().value(), null, null, null, null), by).incident().id();
        desk.acknowledge(id, by);
        desk.resolve(id, "已处理", by);
        desk.answer(id, "已处理，谢谢反映", by);
        return id;
    }

    /** An answered report rated by its reporter on the tracking page. */
    void rated(Grid where, int score, String comment) {
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = ?").param(answered(where))
                .query(String.class).single();
        PublicClient resident = new PublicClient(port, "198.51.100." + (new Random().nextInt(250) + 1), null);
        HttpResponse<String> r = resident.post("/track/" + code, "/track/" + code + "/rate",
                comment == null ? Map.of("score", String.valueOf(score)) : Map.of("score", String.valueOf(score), "comment", comment),
                List.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }

    static String page(ApiClient c, String path) {
        HttpResponse<String> r = c.get(path, null, "Accept", BROWSER);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    /** The opening tag of the row of a table that carries the id, with its figures as data attributes. */
    static Map<String, String> row(String html, String table, UUID id) {
        int start = html.indexOf("id=\"satisfaction-" + table + "\"");
        assertThat(start).as("table " + table).isPositive();
        String rest = html.substring(start, html.indexOf("</table>", start));
        Matcher m = Pattern.compile("<tr data-id=\"" + id + "\" data-ratings=\"(\\d+)\" data-satisfied=\"(\\d+)\""
                + " data-rate=\"([0-9.]+)\">(.*?)</tr>", Pattern.DOTALL).matcher(rest);
        if (!m.find()) {
            return null;
        }
        return Map.of("ratings", m.group(1), "satisfied", m.group(2), "rate", m.group(3), "html", m.group(4));
    }

    @Test
    void theChiefSeesTheRatingsFiledPerUnitGridAndPersonInChargeWithTheLowOnesWords() {
        UUID owner = jdbc.sql("SELECT DISTINCT owner_staff_id FROM incident WHERE grid_id = ?")
                .param(grid.id().value()).query(UUID.class).single();
        assertThat(owner).as("the grid manager owns the answered reports").isEqualTo(manager.id().value());

        String html = page(signedIn("chief", null), "/incidents/satisfaction");
        assertThat(html).contains("<h1>群众满意率</h1>");
        for (String table : List.of("units", "grids", "officers")) {
            UUID id = switch (table) {
                case "units" -> unit.id().value();
                case "grids" -> grid.id().value();
                default -> manager.id().value();
            };
            Map<String, String> r = row(html, table, id);
            assertThat(r).as(table).isNotNull();
            assertThat(r.get("ratings")).as(table + ": four ratings in the last 30 days").isEqualTo("4");
            assertThat(r.get("satisfied")).as(table + ": the 5 and the 4").isEqualTo("2");
            assertThat(r.get("html")).contains("50.0%").contains("3.00");
        }
        assertThat(row(html, "units", unit.id().value()).get("html")).contains("满意工作站" + n);
        assertThat(row(html, "officers", manager.id().value()).get("html")).contains("满意管理员" + n);
        String low = html.substring(html.indexOf("id=\"satisfaction-low\""));
        assertThat(low).contains("等了两个小时才来人" + n).contains("（未留言）")
                .as("a 5 is no low rating").doesNotContain("处理得很及时" + n)
                .as("a rating older than the period").doesNotContain("上个月的差评" + n);

        // the chief narrows it to the unit: the same figures, and the old rating when the period reaches back to it
        String chosen = page(signedIn("chief", null), "/incidents/satisfaction?unit=" + unit.id().value() + "&from="
                + oldDay.minusDays(1) + "&to=" + oldDay.plusDays(1));
        Map<String, String> old = row(chosen, "grids", grid.id().value());
        assertThat(old.get("ratings")).isEqualTo("1");
        assertThat(old.get("satisfied")).isEqualTo("0");
        assertThat(chosen).contains("上个月的差评" + n).doesNotContain("等了两个小时才来人" + n)
                .contains(oldDay.minusDays(1) + " 至 " + oldDay.plusDays(1));
        String both = page(signedIn("chief", null), "/incidents/satisfaction?unit=" + unit.id().value() + "&from="
                + oldDay + "&to=" + today);
        assertThat(row(both, "units", unit.id().value()).get("ratings")).isEqualTo("5");
        assertThat(row(both, "units", unit.id().value()).get("html")).contains("40.0%");
    }

    /**
     * Policy: a resident who reopens his report rejects the answer he rated, so that rating leaves the satisfaction
     * figures (the page's and the API's) and the low ones listed; his report's timeline keeps it. The rating he gives
     * the next answer counts.
     */
    @Test
    void aRatingStopsCountingOnceItsReportIsReopenedAndTheRatingOfTheNextAnswerCounts() {
        Unit own = jurisdictions.createUnit(jurisdictions.unitByCode("320722010000").orElseThrow().id(),
                UnitKind.WORKSTATION, "SATR-" + n, "重开工作站" + n, null);
        Grid where = grid(own, "IT-SATR-" + n, 108);
        rated(where, 5, null);
        UUID id = answered(where);
        String code = jdbc.sql("SELECT tracking_code FROM incident WHERE id = ?").param(id).query(String.class).single();
        PublicClient resident = new PublicClient(port, "198.51.100." + (new Random().nextInt(250) + 1), null);
        assertThat(resident.post("/track/" + code, "/track/" + code + "/rate",
                Map.of("score", "1", "comment", "答非所问" + n), List.of()).statusCode()).isEqualTo(302);
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        JsonNode before = ApiClient.json(api.get("/api/v1/incidents/satisfaction?unitId=" + own.id().value(), chief));
        assertThat(before.get("ratings").asLong()).isEqualTo(2);
        assertThat(before.get("satisfactionRate").asDouble()).isEqualTo(0.5);
        assertThat(before.get("low").findValuesAsText("comment")).contains("答非所问" + n);

        assertThat(resident.post("/track/" + code, "/track/" + code + "/reopen", Map.of("reason", "问题没有解决"),
                List.of()).statusCode()).isEqualTo(302);
        JsonNode reopened = ApiClient.json(api.get("/api/v1/incidents/satisfaction?unitId=" + own.id().value(), chief));
        assertThat(reopened.get("ratings").asLong()).as("the rejected answer's rating no longer counts").isEqualTo(1);
        assertThat(reopened.get("satisfied").asLong()).isEqualTo(1);
        assertThat(reopened.get("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(reopened.get("low").findValuesAsText("comment")).doesNotContain("答非所问" + n);
        Map<String, String> shown = row(page(signedIn("chief", null), "/incidents/satisfaction?unit=" + own.id().value()),
                "units", own.id().value());
        assertThat(shown.get("ratings")).isEqualTo("1");
        assertThat(shown.get("html")).contains("100.0%");
        JsonNode timeline = ApiClient.json(api.get("/api/v1/incidents/" + id, chief)).get("timeline");
        assertThat(timeline.findValuesAsText("note")).as("the timeline keeps it").contains("1/5 · 答非所问" + n);

        Submitter by = Submitter.system("test");
        desk.resolve(id, "已再次处理", by);
        desk.answer(id, "已再次处理，问题已解决", by);
        assertThat(resident.post("/track/" + code, "/track/" + code + "/rate", Map.of("score", "4"), List.of())
                .statusCode()).isEqualTo(302);
        JsonNode after = ApiClient.json(api.get("/api/v1/incidents/satisfaction?unitId=" + own.id().value(), chief));
        assertThat(after.get("ratings").asLong()).as("the rating of the next answer counts").isEqualTo(2);
        assertThat(after.get("satisfied").asLong()).isEqualTo(2);
    }

    @Test
    void anotherStationsRatingsAreNeverShownAndItsUnitIsNotFound() {
        String chief = page(signedIn("chief", null), "/incidents/satisfaction?days=90");
        assertThat(chief).doesNotContain("牛山差评" + n).doesNotContain("IT-SAT2-" + n).contains("IT-SAT-" + n);
        String officer2 = page(signedIn("officer2", null), "/incidents/satisfaction?days=90");
        assertThat(officer2).contains("牛山差评" + n).doesNotContain("IT-SAT-" + n + "<")
                .doesNotContain("等了两个小时才来人" + n);
        String bureau = page(signedIn("bureau", null), "/incidents/satisfaction?days=90");
        assertThat(bureau).contains("牛山差评" + n).contains("等了两个小时才来人" + n);

        HttpResponse<String> outside = signedIn("chief", null).get("/incidents/satisfaction?unit="
                + elsewhere.id().value(), null, "Accept", BROWSER);
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.body()).doesNotContain("牛山差评" + n);
        assertThat(signedIn("chief", null).get("/incidents/satisfaction?unit=" + UUID.randomUUID(), null, "Accept",
                BROWSER).statusCode()).isEqualTo(404);

        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/incidents/satisfaction?unitId=" + elsewhere.id().value(), token).statusCode())
                .isEqualTo(404);
        JsonNode mine = ApiClient.json(api.get("/api/v1/incidents/satisfaction?unitId=" + unit.id().value(), token));
        assertThat(mine.get("ratings").asLong()).isEqualTo(4);
        assertThat(mine.get("officers").get(0).get("id").asText()).isEqualTo(manager.id().value().toString());
        assertThat(mine.get("low").findValuesAsText("comment")).contains("等了两个小时才来人" + n);
        assertThat(api.get("/api/v1/incidents/satisfaction", token).body()).doesNotContain("牛山差评" + n);
    }

    @Test
    void aRoleThatReadsNoIncidentsIsForbiddenThePageAndTheApi() {
        HttpResponse<String> page = signedIn("auditor", null).get("/incidents/satisfaction", null, "Accept", BROWSER);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("满意率");
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/incidents/satisfaction", api.token("auditor", DEMO_PASSWORD)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void volunteersAndInformantsWhoFileIncidentsAreForbiddenThePageTheApiAndTheLink() {
        ApiClient api = new ApiClient(port);
        for (String username : List.of("volunteer", "satinf" + n)) {
            ApiClient c = signedIn(username, null);
            assertThat(page(c, "/incidents")).as(username + " still reads the incidents")
                    .doesNotContain("href=\"/incidents/satisfaction\"").doesNotContain("满意率");
            // the response times, where the other link to the satisfaction page is, are closed to them too
            assertThat(c.get("/incidents/response-times", null, "Accept", BROWSER).statusCode()).as(username)
                    .isEqualTo(403);
            HttpResponse<String> forbidden = c.get("/incidents/satisfaction?days=90", null, "Accept", BROWSER);
            assertThat(forbidden.statusCode()).as(username).isEqualTo(403);
            assertThat(forbidden.body()).doesNotContain("等了两个小时才来人" + n).doesNotContain("满意管理员" + n);
            HttpResponse<String> json = api.get("/api/v1/incidents/satisfaction", api.token(username, DEMO_PASSWORD));
            assertThat(json.statusCode()).as(username).isEqualTo(403);
            assertThat(json.body()).doesNotContain("等了两个小时才来人" + n);
        }
    }

    @Test
    void theOfficersWhoHandleTheItemsSeeTheirFiguresAndTheLink() {
        // officer2, 牛山's community officer, on the page and through the API: his station's ratings only
        ApiClient officer2 = signedIn("officer2", null);
        assertThat(page(officer2, "/incidents")).contains("href=\"/incidents/satisfaction\"");
        assertThat(page(officer2, "/incidents/satisfaction?days=90")).contains("牛山差评" + n);
        ApiClient api = new ApiClient(port);
        JsonNode theirs = ApiClient.json(api.get("/api/v1/incidents/satisfaction", api.token("officer2", DEMO_PASSWORD)));
        assertThat(theirs.get("low").findValuesAsText("comment")).contains("牛山差评" + n)
                .doesNotContain("等了两个小时才来人" + n);
        assertThat(api.get("/api/v1/incidents/satisfaction?unitId=" + unit.id().value(),
                api.token("officer2", DEMO_PASSWORD)).statusCode()).as("a unit of another station").isEqualTo(404);
        // the grid manager (auxiliary police) who answered the reports sees his grid's figures
        JsonNode own = ApiClient.json(api.get("/api/v1/incidents/satisfaction?unitId=" + unit.id().value(),
                api.token("satmgr" + n, DEMO_PASSWORD)));
        assertThat(own.get("ratings").asLong()).isEqualTo(4);
        assertThat(own.get("satisfied").asLong()).isEqualTo(2);
    }

    @Test
    void theNavigationLinksItAndItReadsInEnglish() {
        ApiClient chief = signedIn("chief", null);
        assertThat(page(chief, "/incidents")).contains("id=\"satisfaction\"").contains("href=\"/incidents/satisfaction\"");
        assertThat(page(chief, "/incidents/response-times")).contains("href=\"/incidents/satisfaction\"");

        String english = page(signedIn("chief", "en"), "/incidents/satisfaction");
        assertThat(english).contains("<h1>Residents&#39; satisfaction</h1>").contains("Per unit").contains("Per grid")
                .contains("Per person in charge").contains("Satisfaction rate").contains("(no comment)")
                .contains("Low ratings (3 or less)").doesNotContain("群众满意率");
        assertThat(row(english, "grids", grid.id().value()).get("html")).contains("50.0%");
        // the one rating of a day forty-five days ago: one rating, not "1 ratings"
        String oneDay = page(signedIn("chief", "en"), "/incidents/satisfaction?unit=" + unit.id().value() + "&from="
                + oldDay + "&to=" + oldDay);
        assertThat(oneDay).contains("1 rating, 0 satisfied").doesNotContain("1 ratings");
    }

    @Test
    void aPeriodThatIsNoPeriodIsRefusedWithTheReasonAndNoFigures() {
        HttpResponse<String> bad = signedIn("chief", null).get("/incidents/satisfaction?from=2026-13-45", null,
                "Accept", BROWSER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("起始日期“2026-13-45”不是有效的年-月-日，请写成 2026-05-01 这样")
                .doesNotContain("satisfaction-grids").doesNotContain("等了两个小时才来人" + n)
                .as("the form comes back with what was typed").contains("value=\"2026-13-45\"");

        HttpResponse<String> reversed = signedIn("chief", null).get("/incidents/satisfaction?from=" + today
                + "&to=" + today.minusDays(3), null, "Accept", BROWSER);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("起始日期晚于截止日期，请重新选择期间").doesNotContain("satisfaction-grids");

        HttpResponse<String> ahead = signedIn("chief", null).get("/incidents/satisfaction?from=" + today.minusDays(3)
                + "&to=" + today.plusDays(1), null, "Accept", BROWSER);
        assertThat(ahead.statusCode()).isEqualTo(400);
        assertThat(ahead.body()).contains("截止日期“" + today.plusDays(1) + "”晚于今天（" + today + "）")
                .doesNotContain("satisfaction-grids");
        assertThat(signedIn("chief", "en").get("/incidents/satisfaction?from=" + today.plusDays(2), null, "Accept", BROWSER)
                .body()).contains("Start date " + today.plusDays(2) + " is after today (" + today + ")");
        assertThat(signedIn("chief", null).get("/incidents/satisfaction?from=" + today.minusDays(3) + "&to=" + today, null,
                "Accept", BROWSER).statusCode()).as("today itself is a day that has come").isEqualTo(200);
        assertThat(signedIn("chief", null).get("/incidents/satisfaction", null, "Accept", BROWSER).body())
                .as("the period links carry no empty unit").contains("href=\"/incidents/satisfaction?days=7\"");

        HttpResponse<String> english = signedIn("chief", "en").get("/incidents/satisfaction?to=yesterday", null,
                "Accept", BROWSER);
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("End date &quot;yesterday&quot; is not a valid year-month-day: write it as 2026-05-01");

        ApiClient api = new ApiClient(port);
        OffsetDateTime now = OffsetDateTime.now();
        HttpResponse<String> api400 = api.get("/api/v1/incidents/satisfaction?from=" + now.plusDays(1).toInstant()
                + "&to=" + now.toInstant(), api.token("chief", DEMO_PASSWORD), "Accept-Language", "zh-CN");
        assertThat(api400.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(api400).get("errors").get(0).get("message").asText()).isEqualTo("起始时间必须早于截止时间");
    }
}
