package org.fengqiao.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.BROWSER;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.page;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.rowLabelled;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.rows;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The station chief reads the police work (警务工作) of February 2026 in a workstation of its own beside February 2025:
 * the duties of the checklist done and the service-to-residents events among them (a withdrawn record not counted),
 * the community defence people organised (each once, by their terms in the teams, informants left out), the supplies
 * issued and what they cost in yuan (an issue reversed not counted, a use no issue), the supervision notices issued,
 * rectified, gone overdue and the persons held to account; beside the households in difficulty helped, the persons of
 * them (帮扶人数) who lived there on the day of the visit. The neighbouring office's records are its own; its officer
 * is answered 404 for it; the page, the API and the xlsx say the same in both languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliceWorkFiguresIntegrationTests extends IntegrationTest {

    static final LocalDate FEB = LocalDate.of(2026, 2, 1);
    static final LocalDate FEB_BEFORE = LocalDate.of(2025, 2, 1);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    String n;
    Unit station;
    Unit office;
    Unit neighbour;
    Grid grid;
    Staff officer;

    @BeforeAll
    void aYearOfPoliceWorkInTwoOffices() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        station = jurisdictions.unitByCode("320722010000").orElseThrow();
        office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "FIGW-" + n, "警务统计工作站" + n, null);
        neighbour = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "FIGWN-" + n, "邻站" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-FIGW-" + n, "警务统计", 114);
        officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "警务统计民警" + n, null, null, "社区民警",
                "figwofficer" + n, DEMO_PASSWORD);

        // the checklist: three done in February, one of them a service event; one withdrawn; March's and January's
        // not February's; February 2025 two, one a service event; one done in the neighbouring office
        duty("patrol", FEB.plusDays(2), office, false);
        duty("convenience-service", FEB.plusDays(9), office, false);
        duty("law-publicity", FEB.plusDays(26), office, false);
        duty("info-entry", FEB.plusDays(11), office, true);
        duty("patrol", FEB.plusMonths(1).plusDays(1), office, false);
        duty("patrol", FEB.minusDays(1), office, false);
        duty("convenience-service", FEB_BEFORE.plusDays(3), office, false);
        duty("patrol", FEB_BEFORE.plusDays(4), office, false);
        duty("patrol", FEB.plusDays(4), neighbour, false);

        // the defence people: a joined in June 2025 and is in two teams (once); b left at the end of January 2026;
        // c joined on 28 February, d on 1 March; the informant never counts; f is the neighbour's
        UUID patrolTeam = team(office, "COMPOUND_PATROL");
        UUID fireTeam = team(office, "FIRE_PATROL");
        UUID informants = team(office, "INFORMANTS");
        UUID theirs = team(neighbour, "COMPOUND_PATROL");
        UUID a = volunteer(office, StaffRole.VOLUNTEER);
        member(patrolTeam, a, LocalDate.of(2025, 6, 1), null);
        member(fireTeam, a, LocalDate.of(2026, 1, 1), null);
        member(patrolTeam, volunteer(office, StaffRole.VOLUNTEER), LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 31));
        member(fireTeam, volunteer(office, StaffRole.VOLUNTEER), LocalDate.of(2026, 2, 28), null);
        member(fireTeam, volunteer(office, StaffRole.VOLUNTEER), LocalDate.of(2026, 3, 1), null);
        member(informants, volunteer(office, StaffRole.INFORMANT), LocalDate.of(2024, 1, 1), null);
        member(theirs, volunteer(neighbour, StaffRole.VOLUNTEER), LocalDate.of(2024, 1, 1), null);

        // the supplies: two issues in February (1234.56 + 1.00 yuan), one reversed, a use, March's issue; February
        // 2025's 500 yuan; the neighbour's 700
        supply(office, "ISSUED", FEB.plusDays(4), 123456L, null);
        supply(office, "ISSUED", FEB.plusDays(19), 100L, null);
        UUID wrong = supply(office, "ISSUED", FEB.plusDays(7), 99900L, null);
        supply(office, "REVERSAL", FEB.plusDays(8), -99900L, wrong);
        supply(office, "USED", FEB.plusDays(9), null, null);
        supply(office, "ISSUED", FEB.plusMonths(1), 5000L, null);
        supply(office, "ISSUED", FEB_BEFORE.plusDays(14), 50000L, null);
        supply(neighbour, "ISSUED", FEB.plusDays(5), 70000L, null);

        // the notices: issued on 3 February and accepted on the 20th; issued in January, overdue five minutes into
        // 1 February (China time), held to account on the 10th and again in March; overdue in January and accepted
        // on 12 February; issued in February 2025 and accepted in March 2025; the neighbour's
        notice(office, FEB.plusDays(2), "RECTIFIED", null, at(FEB.plusDays(19)));
        UUID overdue = notice(office, LocalDate.of(2026, 1, 10), "OVERDUE",
                FEB.atTime(0, 5).atZone(PeriodFigures.ZONE).toOffsetDateTime(), null);
        accountability(overdue, FEB.plusDays(9));
        accountability(overdue, FEB.plusMonths(1).plusDays(1));
        notice(office, LocalDate.of(2026, 1, 5), "RECTIFIED", at(LocalDate.of(2026, 1, 20)), at(FEB.plusDays(11)));
        notice(office, FEB_BEFORE.plusDays(24), "RECTIFIED", null, at(LocalDate.of(2025, 3, 1)));
        notice(neighbour, FEB.plusDays(3), "ISSUED", null, null);

        // a household in difficulty of four: one living there, one gone on 20 February 2026, one gone on 1 January
        // 2026, one gone on a day not known; visited twice in February and once in February 2025; a household not in
        // difficulty visited too
        UUID helped = household(true);
        person(helped, "PERMANENT", null);
        person(helped, "LEFT", LocalDate.of(2026, 2, 20));
        person(helped, "LEFT", LocalDate.of(2026, 1, 1));
        person(helped, "LEFT", null);
        visit(helped, FEB.plusDays(9));
        visit(helped, FEB.plusDays(14));
        visit(helped, FEB_BEFORE.plusDays(9));
        UUID other = household(false);
        person(other, "PERMANENT", null);
        visit(other, FEB.plusDays(9));
    }

    @Test
    void theChiefReadsThePoliceWorkOfTheMonthBesideTheYearBefore() {
        JsonNode feb = api("chief", "month=2026-02&unitId=" + office.id().value());
        assertFigure(feb, "dutiesDone", 3, 2);
        assertThat(figure(feb, "dutiesDone").get("changePercent").asDouble()).isEqualTo(50.0);
        assertFigure(feb, "convenienceServices", 1, 1);
        assertFigure(feb, "defencePeople", 2, 1);
        assertFigure(feb, "suppliesIssued", 2, 1);
        assertFigure(feb, "suppliesSpentYuan", 1236, 500);
        assertFigure(feb, "noticesIssued", 1, 1);
        assertFigure(feb, "noticesRectified", 2, 0);
        assertFigure(feb, "noticesOverdue", 1, 0);
        assertFigure(feb, "accountability", 1, 0);
        JsonNode helped = WorkFiguresIntegrationTests.figure(feb, "population", "householdsInDifficultyVisited");
        assertThat(helped.get("value").asLong()).isEqualTo(1);
        JsonNode persons = WorkFiguresIntegrationTests.figure(feb, "population", "personsInDifficultyHelped");
        assertThat(persons.get("value").asLong()).as("the one living there and the one gone only after the visits")
                .isEqualTo(2);
        assertThat(persons.get("yearBefore").asLong()).as("in February 2025 the one gone in January 2026 lived there")
                .isEqualTo(3);
        // the public review's own section before the police work, which stays last under its definitions
        assertThat(feb.get("sections").fieldNames()).toIterable().as("one section, in its place")
                .containsExactly("incidents", "clues", "mediation", "population", "hazards", "review", "duty");
    }

    @Test
    void whatFallsOutsideThePeriodIsNotCountedInIt() {
        JsonNode march = api("chief", "month=2026-03&unitId=" + office.id().value());
        assertFigure(march, "dutiesDone", 1, 0);
        assertFigure(march, "convenienceServices", 0, 0);
        assertFigure(march, "defencePeople", 3, 1);
        assertFigure(march, "suppliesIssued", 1, 0);
        assertFigure(march, "suppliesSpentYuan", 50, 0);
        assertFigure(march, "noticesIssued", 0, 0);
        assertFigure(march, "noticesRectified", 0, 1);
        assertFigure(march, "noticesOverdue", 0, 0);
        assertFigure(march, "accountability", 1, 0);

        JsonNode june = api("chief", "month=2026-06&unitId=" + office.id().value());
        for (String key : new String[] {"dutiesDone", "convenienceServices", "suppliesIssued", "suppliesSpentYuan",
                "noticesIssued", "noticesRectified", "noticesOverdue", "accountability"}) {
            assertFigure(june, key, 0, 0);
        }
        assertThat(WorkFiguresIntegrationTests.figure(june, "population", "personsInDifficultyHelped")
                .get("value").asLong()).isZero();
    }

    @Test
    void theNeighboursRecordsAreItsOwnAndItsFiguresAreNotTheOfficersToRead() {
        JsonNode theirs = api("chief", "month=2026-02&unitId=" + neighbour.id().value());
        assertFigure(theirs, "dutiesDone", 1, 0);
        assertFigure(theirs, "defencePeople", 1, 1);
        assertFigure(theirs, "suppliesIssued", 1, 0);
        assertFigure(theirs, "suppliesSpentYuan", 700, 0);
        assertFigure(theirs, "noticesIssued", 1, 0);
        assertFigure(theirs, "noticesRectified", 0, 0);

        JsonNode his = api("figwofficer" + n, "month=2026-02");
        assertFigure(his, "dutiesDone", 3, 2);
        assertFigure(his, "suppliesSpentYuan", 1236, 500);
        assertFigure(his, "noticesIssued", 1, 1);

        ApiClient api = new ApiClient(port);
        String token = api.token("figwofficer" + n, DEMO_PASSWORD);
        assertThat(api.get("/api/v1/figures?month=2026-02&unitId=" + neighbour.id().value(), token).statusCode())
                .isEqualTo(404);
        ApiClient signed = signedIn("figwofficer" + n, null);
        assertThat(signed.get("/figures?month=2026-02&unit=" + neighbour.id().value(), null, "Accept", BROWSER)
                .statusCode()).isEqualTo(404);
        assertThat(signed.download("/figures/export.xlsx?month=2026-02&unit=" + neighbour.id().value(), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void thePageShowsTheSectionWithWhatEachFigureCountsInTheReadersLanguage() {
        String zh = page(signedIn("chief", "zh-CN"), "/figures?month=2026-02&unit=" + office.id().value());
        assertThat(zh).contains("<h2>警务工作</h2>", "id=\"figures-duty\"", "逾期未整改的（过了整改期限仍未答复整改情况",
                "帮扶困难户人数（人）");
        Map<String, Map<String, String>> rows = rows(zh);
        assertThat(rows.get("convenienceServices")).containsEntry("labelText", "开展便民服务活动")
                .containsEntry("value", "1").containsEntry("before", "1");
        assertThat(rows.get("noticesOverdue")).containsEntry("labelText", "督察通报逾期未整改")
                .containsEntry("value", "1").containsEntry("changeText", "—");
        assertThat(rows.get("suppliesSpentYuan")).containsEntry("nowText", "1236").containsEntry("beforeText", "500");
        String en = page(signedIn("chief", "en"), "/figures?month=2026-02&unit=" + office.id().value());
        // (units' own names stay Chinese in English, 吴场警务工作站 among them: only the heading is looked for)
        assertThat(en).contains("<h2>Police work</h2>", "gone overdue in it (past the last day without the unit")
                .doesNotContain("<h2>警务工作</h2>");
        Map<String, Map<String, String>> enRows = rows(en);
        assertThat(enRows.get("defencePeople"))
                .containsEntry("labelText", "Community defence people organised (persons)")
                .containsEntry("value", "2");
        assertThat(enRows.get("accountability")).containsEntry("labelText", "Held to account (persons)");
        assertThat(enRows.get("personsInDifficultyHelped"))
                .containsEntry("labelText", "Persons of the households in difficulty helped");
    }

    @Test
    void theXlsxCarriesThePoliceWorkInTheReadersLanguage() throws IOException {
        for (String language : new String[] {"zh-CN", "en"}) {
            boolean en = language.equals("en");
            HttpResponse<byte[]> r = signedIn("chief", language)
                    .download("/figures/export.xlsx?month=2026-02&unit=" + office.id().value(), null);
            assertThat(r.statusCode()).isEqualTo(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                Sheet sheet = book.getSheetAt(0);
                Row heading = rowLabelled(sheet, en ? "Police work" : "警务工作");
                Row duties = sheet.getRow(heading.getRowNum() + 1);
                assertThat(text(duties.getCell(0))).isEqualTo(en ? "Duties of the checklist done (records)"
                        : "完成十五个一职责（条）");
                assertThat(duties.getCell(1).getNumericCellValue()).isEqualTo(3);
                assertThat(duties.getCell(2).getNumericCellValue()).isEqualTo(2);
                assertThat(text(duties.getCell(3))).isEqualTo("+50.0%");
                Row spent = rowLabelled(sheet, en ? "Spent on police supplies (yuan)" : "警务保障投入（元）");
                assertThat(spent.getCell(1).getNumericCellValue()).isEqualTo(1236);
                assertThat(spent.getCell(2).getNumericCellValue()).isEqualTo(500);
                Row rectified = rowLabelled(sheet, en ? "Supervision notices rectified (accepted)"
                        : "督察通报整改完成（验收通过）");
                assertThat(rectified.getCell(1).getNumericCellValue()).isEqualTo(2);
                assertThat(text(rectified.getCell(3))).isEqualTo("—");
                Row defence = rowLabelled(sheet, en ? "Community defence people organised (persons)"
                        : "群防群治力量（发动组织社会防范人员，人）");
                assertThat(defence.getCell(1).getNumericCellValue()).isEqualTo(2);
                Row persons = rowLabelled(sheet, en ? "Persons of the households in difficulty helped"
                        : "帮扶困难户人数（人）");
                assertThat(persons.getCell(1).getNumericCellValue()).isEqualTo(2);
                assertThat(persons.getCell(2).getNumericCellValue()).isEqualTo(3);
            }
        }
    }

    @Test
    void theNoticesIssuedLinkToTheNoticesIssuedInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("noticesIssued", 1);
    }

    @Test
    void theNoticesRectifiedLinkToTheNoticesAcceptedInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("noticesRectified", 2);
    }

    @Test
    void theNoticesGoneOverdueLinkToTheNoticesGoneOverdueInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("noticesOverdue", 1);
    }

    @Test
    void theSuppliesIssuedLinkToTheIssuesOfTheMonthInTheOfficeAndTheirCost() {
        ApiClient chief = signedIn("chief", "zh-CN");
        Map<String, Map<String, String>> rows = rows(page(chief, "/figures?month=2026-02&unit=" + office.id().value()));
        Map<String, String> lines = rows.get("suppliesIssued");
        Map<String, String> spent = rows.get("suppliesSpentYuan");
        assertThat(lines.get("href")).as("supplies issued link to their list").isNotNull();
        assertThat(spent.get("href")).as("their cost links to the same list").isEqualTo(lines.get("href"));
        String list = WorkFiguresIntegrationTests.followed(chief, lines.get("href"));
        assertThat(WorkFiguresIntegrationTests.listed(list)).as("the two issues not reversed").hasSize(2);
        assertThat(list).contains("data-total=\"2\"", "data-spent=\"1235.56\"", "value=\"2026-02-01\"",
                "value=\"2026-02-28\"", "value=\"" + office.id().value() + "\" selected=\"selected\"");
        assertThat(Math.round(1235.56)).as("the figure is the list's sum in whole yuan")
                .isEqualTo(Long.parseLong(spent.get("value")));

        JsonNode feb = api("chief", "month=2026-02&unitId=" + office.id().value());
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.get(figure(feb, "suppliesIssued").get("list").asText(),
                api.token("chief", DEMO_PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("total").asLong()).isEqualTo(2);
        assertThat(ApiClient.json(r).get("spentYuan").asText()).isEqualTo("1235.56");
    }

    @Test
    void theIssuesListIsTheCallersOwnAndBadDaysAreRefused() {
        String feb = "from=2026-02-01&to=2026-02-28";
        ApiClient officerPage = signedIn("figwofficer" + n, null);
        assertThat(officerPage.get("/supplies/issues?" + feb + "&unit=" + neighbour.id().value(), null, "Accept",
                BROWSER).statusCode()).as("a unit outside his office").isEqualTo(404);
        ApiClient api = new ApiClient(port);
        String token = api.token("figwofficer" + n, DEMO_PASSWORD);
        assertThat(api.get("/api/v1/supplies/issues?" + feb + "&unitId=" + neighbour.id().value(), token)
                .statusCode()).isEqualTo(404);
        HttpResponse<String> his = api.get("/api/v1/supplies/issues?" + feb, token);
        assertThat(ApiClient.json(his).get("total").asLong()).as("his own office's").isEqualTo(2);

        HttpResponse<String> bad = signedIn("chief", "en").get("/supplies/issues?to=2026-02-31", null, "Accept",
                BROWSER);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("To: Not a valid year-month-day");
        HttpResponse<String> reversed = signedIn("chief", "zh-CN").get("/supplies/issues?from=2026-03-01&to=2026-02-01",
                null, "Accept", BROWSER);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("截止日期不能早于起始日期");
    }

    @Test
    void theNoticeListsFiltersAreTheCallersOwnAndBadDaysAreRefusedInHisLanguage() {
        String feb = "from=2026-02-01&to=2026-02-28&dated=ISSUED";
        ApiClient officerPage = signedIn("figwofficer" + n, null);
        assertThat(officerPage.get("/supervision?" + feb + "&unit=" + neighbour.id().value(), null, "Accept",
                BROWSER).statusCode()).as("a unit outside his office").isEqualTo(404);
        ApiClient api = new ApiClient(port);
        String token = api.token("figwofficer" + n, DEMO_PASSWORD);
        assertThat(api.get("/api/v1/supervision/notices?" + feb + "&unitId=" + neighbour.id().value(), token)
                .statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/supervision/notices?" + feb + "&unitId=" + office.id().value(), token)
                .statusCode()).isEqualTo(200);

        HttpResponse<String> zh = signedIn("chief", "zh-CN").get("/supervision?from=2026-02-30", null, "Accept",
                BROWSER);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("起始日期：不是有效的年-月-日");
        HttpResponse<String> reversed = signedIn("chief", "en").get("/supervision?from=2026-03-01&to=2026-02-01",
                null, "Accept", BROWSER);
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(reversed.body()).contains("The first day 2026-03-01 is after the last day 2026-02-01.");
    }

    @Test
    void theDutiesDoneLinkToTheRecordsDoneInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("dutiesDone", 3);
    }

    @Test
    void theServiceEventsLinkToTheServiceEventsDoneInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("convenienceServices", 1);
    }

    @Test
    void theDefencePeopleLinkToThePeopleWhoServedInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("defencePeople", 2);
    }

    @Test
    void theHeldToAccountLinkToThePersonsHeldToAccountInTheMonthInTheOffice() {
        assertTheLinkListsWhatTheFigureCounts("accountability", 1);
    }

    @Test
    void thePersonsHelpedLinkToThosePersonsMaskedAndTheirReadingAudited() {
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        assertTheLinkListsWhatTheFigureCounts("population", "personsInDifficultyHelped", 2);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE seq > ? AND action = 'READ'
                   AND record_type = 'helped-person-list'""").param(before).query(Long.class).single())
                .as("the page and the API each wrote their reading").isGreaterThanOrEqualTo(2);
        ApiClient api = new ApiClient(port);
        JsonNode listed = ApiClient.json(api.get("/api/v1/persons/helped?from=2026-02-01&to=2026-02-28&unitId="
                + office.id().value(), api.token("chief", DEMO_PASSWORD)));
        assertThat(listed.get("items")).hasSize(2).allSatisfy(p -> assertThat(p.has("idNumber") || p.has("phone"))
                .as("no identity number or phone in the clear").isFalse());
    }

    @Test
    void theNewListsAreTheCallersOwnAndBadDaysAreRefused() {
        String chief = "figwchief" + n;
        staff.register(office.id(), StaffRole.STATION_CHIEF, "警务统计站长" + n, null, null, "站长", chief,
                DEMO_PASSWORD);
        String feb = "from=2026-02-01&to=2026-02-28";
        ApiClient page = signedIn(chief, null);
        ApiClient api = new ApiClient(port);
        String token = api.token(chief, DEMO_PASSWORD);
        for (String[] list : new String[][] {{"/duties/done", "/api/v1/duties/done"},
                {"/forces/defence-people", "/api/v1/forces/defence-people"},
                {"/supervision/accountability", "/api/v1/supervision/accountability"},
                {"/persons/helped", "/api/v1/persons/helped"}}) {
            assertThat(page.get(list[0] + "?" + feb + "&unit=" + neighbour.id().value(), null, "Accept", BROWSER)
                    .statusCode()).as(list[0] + " of a unit outside his office").isEqualTo(404);
            assertThat(api.get(list[1] + "?" + feb + "&unitId=" + neighbour.id().value(), token).statusCode())
                    .as(list[1] + " of a unit outside his office").isEqualTo(404);
            HttpResponse<String> own = api.get(list[1] + "?" + feb + "&unitId=" + office.id().value(), token);
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            HttpResponse<String> mine = api.get(list[1] + "?" + feb, token);
            assertThat(ApiClient.json(mine).get("total").asLong()).as(list[1] + " of his whole office")
                    .isEqualTo(ApiClient.json(own).get("total").asLong());
            HttpResponse<String> reversed = signedIn("chief", "en").get(list[0] + "?from=2026-03-01&to=2026-02-01",
                    null, "Accept", BROWSER);
            assertThat(reversed.statusCode()).as(list[0]).isEqualTo(400);
            assertThat(reversed.body()).contains("The first day 2026-03-01 is after the last day 2026-02-01.");
        }
        HttpResponse<String> unknown = api.get("/api/v1/duties/done?" + feb + "&item=nothing", token);
        assertThat(unknown.statusCode()).isEqualTo(400);
    }

    @Test
    void theNewListsRefuseDaysTheFiguresPageRefusesWithItsWordsAndKeepTheirForm() {
        LocalDate today = LocalDate.now(PeriodFigures.ZONE);
        LocalDate tomorrow = today.plusDays(1);
        String office = "&unit=" + this.office.id().value();
        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        for (String[] list : new String[][] {{"/duties/done", "/api/v1/duties/done"},
                {"/forces/defence-people", "/api/v1/forces/defence-people"},
                {"/supervision/accountability", "/api/v1/supervision/accountability"},
                {"/persons/helped", "/api/v1/persons/helped"},
                {"/duties/results", "/api/v1/duties/results"}}) {
            // a last day to come: the figures page counts nothing for it, the list would list today's
            HttpResponse<String> ahead = signedIn("chief", "zh-CN").get(list[0] + "?from=2026-02-01&to=" + tomorrow
                    + office, null, "Accept", BROWSER);
            assertThat(ahead.statusCode()).as(list[0] + " to tomorrow").isEqualTo(400);
            assertThat(ahead.body()).as(list[0] + ": the figures page's words, the form kept")
                    .contains("日期 " + tomorrow + " 在今天（" + today + "）之后，尚无工作可统计。")
                    .contains("name=\"from\"", "value=\"2026-02-01\"", "value=\"" + tomorrow + "\"",
                            "value=\"" + this.office.id().value() + "\" selected=\"selected\"")
                    .doesNotContain("data-total=", "data-due=");
            HttpResponse<String> aheadEn = signedIn("chief", "en").get(list[0] + "?to=" + tomorrow, null, "Accept",
                    BROWSER);
            assertThat(aheadEn.statusCode()).isEqualTo(400);
            assertThat(aheadEn.body()).contains("The day " + tomorrow + " is after today (" + today
                    + "): there is no work to count yet.");
            HttpResponse<String> reversed = signedIn("chief", "zh-CN").get(list[0]
                    + "?from=2026-03-01&to=2026-02-01" + office, null, "Accept", BROWSER);
            assertThat(reversed.statusCode()).as(list[0] + " reversed").isEqualTo(400);
            assertThat(reversed.body()).contains("起始日期 2026-03-01 在截止日期 2026-02-01 之后。")
                    .contains("value=\"2026-03-01\"", "value=\"2026-02-01\"")
                    .doesNotContain("data-total=", "data-due=");

            HttpResponse<String> apiAhead = api.get(list[1] + "?to=" + tomorrow, token, "Accept-Language", "en");
            assertThat(apiAhead.statusCode()).as(list[1] + " to tomorrow").isEqualTo(400);
            assertThat(ApiClient.json(apiAhead).get("errors").get(0).get("field").asText()).isEqualTo("to");
            assertThat(apiAhead.body()).contains("The day " + tomorrow + " is after today");
            HttpResponse<String> apiReversed = api.get(list[1] + "?from=2026-03-01&to=2026-02-01", token);
            assertThat(apiReversed.statusCode()).as(list[1] + " reversed").isEqualTo(400);
            assertThat(ApiClient.json(apiReversed).get("errors").get(0).get("field").asText()).isEqualTo("from");
            assertThat(apiReversed.body()).contains("起始日期 2026-03-01 在截止日期 2026-02-01 之后。");
            assertThat(api.get(list[1] + "?to=" + today, token).statusCode()).as(list[1] + " to today")
                    .isEqualTo(200);
        }
    }

    /**
     * Follows the figure's link from the page as the chief: the list shows as many records as the figure says, its
     * filter form keeps the days and the unit; the API's link lists the same number.
     */
    void assertTheLinkListsWhatTheFigureCounts(String key, long expected) {
        assertTheLinkListsWhatTheFigureCounts("duty", key, expected);
    }

    void assertTheLinkListsWhatTheFigureCounts(String section, String key, long expected) {
        ApiClient chief = signedIn("chief", "zh-CN");
        Map<String, String> row = rows(page(chief, "/figures?month=2026-02&unit=" + office.id().value())).get(key);
        assertThat(row.get("value")).isEqualTo(String.valueOf(expected));
        assertThat(row.get("href")).as(key + " links to its list").isNotNull();
        String list = WorkFiguresIntegrationTests.followed(chief, row.get("href"));
        assertThat(WorkFiguresIntegrationTests.listed(list)).as(key + " listed").hasSize((int) expected);
        assertThat(list).contains("value=\"2026-02-01\"", "value=\"2026-02-28\"",
                "value=\"" + office.id().value() + "\" selected=\"selected\"");

        JsonNode apiFigure = WorkFiguresIntegrationTests.figure(
                api("chief", "month=2026-02&unitId=" + office.id().value()), section, key);
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.get(apiFigure.get("list").asText(), api.token("chief", DEMO_PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("total").asLong()).as(key + " in the API").isEqualTo(expected);
    }

    // ------------------------------------------------------------------ fixtures and reading

    JsonNode api(String username, String query) {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.get("/api/v1/figures?" + query, api.token(username, DEMO_PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    static JsonNode figure(JsonNode body, String key) {
        return WorkFiguresIntegrationTests.figure(body, "duty", key);
    }

    static void assertFigure(JsonNode body, String key, long value, long yearBefore) {
        JsonNode f = figure(body, key);
        assertThat(f.get("value").asLong()).as(key).isEqualTo(value);
        assertThat(f.get("yearBefore").asLong()).as(key + " the year before").isEqualTo(yearBefore);
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }

    static OffsetDateTime at(LocalDate day) {
        return day.atTime(10, 0).atZone(PeriodFigures.ZONE).toOffsetDateTime();
    }

    void duty(String item, LocalDate day, Unit where, boolean withdrawn) {
        jdbc.sql("""
                INSERT INTO duty_record (id, officer_id, item, done_on, note, unit_id, recorded_at, withdrawn_at,
                    withdrawn_reason)
                VALUES (?, ?, ?, ?, '记录', ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), officer.id().value(), item, day, where.id().value(), at(day),
                        withdrawn ? at(day) : null, withdrawn ? "误录" : null)
                .update();
    }

    UUID team(Unit unit, String kind) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO force_team (id, unit_id, kind, name) VALUES (?, ?, ?, ?)")
                .params(id, unit.id().value(), kind, kind + "队" + n).update();
        return id;
    }

    UUID volunteer(Unit unit, StaffRole role) {
        return staff.register(unit.id(), role, "群防人员" + n, null, null, null, null, null).id().value();
    }

    void member(UUID team, UUID person, LocalDate joined, LocalDate left) {
        jdbc.sql("INSERT INTO force_team_member (id, team_id, staff_id, joined_on, left_on) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), team, person, joined, left).update();
    }

    /** The standard 包村社民警工作标牌 of the unit's bureau (each bureau keeps its own catalogue, V180). */
    UUID officerSign(Unit unit) {
        return jdbc.sql("""
                SELECT k.id FROM supply_kind k JOIN unit u ON k.unit_id = CAST(split_part(u.path, '/', 2) AS uuid)
                 WHERE u.id = ? AND k.code = 'OFFICER_SIGN'""").param(unit.id().value()).query(UUID.class).single();
    }

    UUID supply(Unit unit, String type, LocalDate day, Long costFen, UUID reverses) {
        UUID id = UUID.randomUUID();
        int change = type.equals("USED") ? -1 : 0; // an issue counts in the stock once received
        jdbc.sql("""
                INSERT INTO supply_entry (id, unit_id, kind_id, entry_type, quantity, change, cost_fen, occurred_on,
                    reverses_id, needs_receipt, recorded_by_name, recorded_at)
                VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, '装备科', ?)""")
                .params(id, unit.id().value(), officerSign(unit), type, change, costFen, day, reverses,
                        type.equals("ISSUED"), at(day))
                .update();
        return id;
    }

    UUID notice(Unit unit, LocalDate issued, String state, OffsetDateTime overdueAt, OffsetDateTime closedAt) {
        UUID id = UUID.randomUUID();
        // numbered in the station's own series: the module numbers its notices in the bureau's
        int seq = jdbc.sql("SELECT coalesce(max(seq), 0) + 1 FROM supervision_notice WHERE bureau_id = ? AND year = ?")
                .params(station.id().value(), issued.getYear()).query(Integer.class).single();
        jdbc.sql("""
                INSERT INTO supervision_notice (id, bureau_id, year, seq, unit_id, unit_path, officer_id, finding,
                    found_on, severity, due_on, state, issued_by, issued_by_name, issued_at, overdue_at, closed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, '台账不全', ?, 'GENERAL', ?, ?, ?, '督察', ?, ?, ?)""")
                .params(id, station.id().value(), issued.getYear(), seq, unit.id().value(), unit.path(),
                        officer.id().value(), issued, issued.plusDays(14), state, officer.id().value(), at(issued), overdueAt, closedAt)
                .update();
        return id;
    }

    void accountability(UUID notice, LocalDate day) {
        jdbc.sql("""
                INSERT INTO supervision_step (id, notice_id, kind, at, by_name, note, measure, target_id)
                VALUES (?, ?, 'ACCOUNTABILITY', ?, '督察', '未整改', 'CRITICISM', ?)""")
                .params(UUID.randomUUID(), notice, at(day), officer.id().value()).update();
    }

    UUID household(boolean inDifficulty) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, in_difficulty, created_at) VALUES (?, ?, ?, ?)")
                .params(id, grid.id().value(), inDifficulty, at(FEB.minusYears(3))).update();
        return id;
    }

    void person(UUID household, String residence, LocalDate left) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, residence, left_on,
                    content_hash, created_at)
                VALUES (?, ?, ?, '帮扶人', 'bfr', 'bangfuren', ?, ?, ?, ?)""")
                .params(id, grid.id().value(), household, residence, left, id.toString(), at(FEB.minusYears(3)))
                .update();
    }

    void visit(UUID household, LocalDate day) {
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), grid.id().value(), household, officer.id().value(), at(day)).update();
    }
}
