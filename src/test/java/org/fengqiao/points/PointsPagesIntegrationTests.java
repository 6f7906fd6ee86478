package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.points.internal.Store;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo store and awards, the pages' scope (404 outside the subtree, bureau sees all), yearly activists. */
class PointsPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    PointsLoader loader;
    @Autowired
    Store store;
    @Autowired
    org.fengqiao.points.internal.Awards awards;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
    }

    @Test
    void theDemoStoreIsStockedFromFirmsCardsAndBothFundsAndTheVolunteerHasPoints() {
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        JsonNode items = ApiClient.json(api.get("/api/v1/points/store", volunteer));
        assertThat(items.findValuesAsText("source")).contains("DONATED", "SUPERMARKET_CARD", "VOLUNTEER_FUND",
                "BRAVERY_FUND");
        assertThat(items.findValuesAsText("donor")).contains("东海县房山镇兴谷粮油店");
        JsonNode me = ApiClient.json(api.get("/api/v1/points/me", volunteer));
        assertThat(me.get("balance").asInt()).as("patrols, publicity and a clue of the demo").isPositive();
        JsonNode funds = ApiClient.json(api.get("/api/v1/points/funds", officer));
        assertThat(funds.findValuesAsText("kind")).contains("VOLUNTEER_FUND", "BRAVERY_FUND");
        for (JsonNode f : funds) {
            if (f.get("name").asText().equals("房山镇平安志愿者基金")) {
                assertThat(f.get("balanceFen").asLong()).as("the grant less the vests bought").isEqualTo(2_000_000 - 120_000);
            }
        }
        UUID office = PointsFixtures.office(jurisdictions).id().value();
        JsonNode board = ApiClient.json(api.get("/api/v1/points/leaderboard?unitId=" + office, officer));
        assertThat(board.size()).isGreaterThan(3);
        assertThat(api.get("/api/v1/points/leaderboard?unitId=" + office, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/points/funds", officer2).body()).doesNotContain("房山镇平安志愿者基金");
    }

    @Test
    void everyPageThatTakesAnIdAnswers404OutsideTheSubtree() {
        Staff holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "志愿者");
        UUID item = stockedItem("测试毛巾");
        Store.Voucher v = voucher(holder, item);
        long entry = jdbc.sql("SELECT id FROM points_entry WHERE holder_id = ? AND kind = 'AWARD'")
                .param(holder.id().value()).query(Long.class).single();
        String[] pages = {"/points/holders/" + holder.id(), "/points/vouchers/" + v.code() + "/scan",
            "/points/vouchers/" + v.code() + "/qr.png", "/api/v1/points/vouchers/" + v.code() + "/qr.png",
            "/api/v1/points/holders/" + holder.id(), "/api/v1/points/store/items/" + item,
            "/points/leaderboard?gridId=" + PointsFixtures.grid(jdbc, "FS-3-01")};
        for (String p : pages) {
            assertThat(api.get(p, officer2).statusCode()).as("officer2 on " + p).isEqualTo(404);
            assertThat(api.get(p, officer).statusCode()).as("officer on " + p).isEqualTo(200);
            assertThat(api.get(p, bureau).statusCode()).as("bureau on " + p).isEqualTo(200);
        }
        assertThat(api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", officer2, Map.of("reason", "x"))
                .statusCode()).isEqualTo(404);
        assertThat(api.get("/points/holders/" + holder.id(), officer).body()).contains(holder.name());

        // officer2's own station: his subtree is his, and the rural office is not
        Staff urban = staff.registerWithHash(jurisdictions.unitByCode("320722020100").orElseThrow().id(),
                jurisdictions.unitByCode("320722020100").orElseThrow().path(), StaffRole.GRID_MEMBER,
                "和平网格员" + UUID.randomUUID().toString().substring(0, 4), null, null, "网格员", null, null);
        assertThat(api.get("/points/holders/" + urban.id(), officer2).statusCode()).isEqualTo(200);
        assertThat(api.get("/points/holders/" + urban.id(), officer).statusCode()).isEqualTo(404);
    }

    @Test
    void theStaffPagesRenderForTheirPermissionsOnly() {
        assertThat(api.get("/points/approvals", officer).statusCode()).isEqualTo(200);
        assertThat(api.get("/points/store", officer).statusCode()).isEqualTo(200);
        HttpResponse<String> board = api.get("/points/leaderboard", officer);
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body()).contains("龙虎榜");
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(api.get("/points", volunteer).statusCode()).isEqualTo(200);
        assertThat(api.get("/points/approvals", volunteer).statusCode()).isEqualTo(403);
        assertThat(api.get("/points/store", volunteer).statusCode()).isEqualTo(403);
        HttpResponse<String> en = api.get("/points", volunteer, "Accept-Language", "en");
        assertThat(en.body()).contains("My points");
    }

    /**
     * One's own points typed by one who earns none (POINTS_EARN) listed an empty balance as if his were nil: the
     * inspector, who reads his jurisdiction's points, is taken to its leaderboard with a line saying why; the
     * administrators, who neither earn nor read points, are refused, told why; each in his language.
     */
    @Test
    void onesOwnPointsTypedByOneWhoEarnsNoneLeadToTheLeaderboardOrAreRefusedSayingWhy() {
        String html = "text/html,application/xhtml+xml";
        Map<String, List<String>> told = Map.of("zh-CN", List.of("您的角色（督察）不参与积分", "龙虎榜",
                        "系统管理员、安全管理员和安全审计员（三员）不参与积分，也不查看积分"),
                "en", List.of("Your role (Inspector) earns no points", "Leaderboard",
                        "The system, security and audit administrators earn no points and read none"));
        told.forEach((language, lines) -> {
            ApiClient inspector = new ApiClient(port).signedIn("inspector", DEMO_PASSWORD, language);
            HttpResponse<String> mine = inspector.get("/points", null, "Accept", html);
            assertThat(mine.statusCode()).isEqualTo(302);
            assertThat(mine.headers().firstValue("Location").orElseThrow()).endsWith("/points/leaderboard");
            org.jsoup.nodes.Document board = org.jsoup.Jsoup.parse(inspector.get("/points/leaderboard", null,
                    "Accept", html).body());
            assertThat(board.select("main .notice").text()).startsWith(lines.get(0));
            assertThat(board.select("main h1").text()).contains(lines.get(1));

            for (String admin : List.of("admin", "security", "auditor")) {
                HttpResponse<String> refused = new ApiClient(port).signedIn(admin, DEMO_PASSWORD, language)
                        .get("/points", null, "Accept", html);
                assertThat(refused.statusCode()).as(admin).isEqualTo(403);
                assertThat(org.jsoup.Jsoup.parse(refused.body()).select("main .problems").text()).as(admin)
                        .startsWith(lines.get(2));
            }
        });
        // those who earn points keep their page
        HttpResponse<String> volunteer = new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, null)
                .get("/points", null, "Accept", html);
        assertThat(volunteer.statusCode()).isEqualTo(200);
        assertThat(volunteer.body()).contains("我的积分");
    }

    @Test
    void theTopOfAStationsYearAreConfirmedAsActivistsOnce() {
        // a station of its own, so the test's year is not the demo's
        UUID unit = jdbc.sql("SELECT id FROM unit WHERE code = '320722030000'").query(UUID.class).single();
        UUID grid = PointsFixtures.grid(jdbc, "SL-1-01");
        String path = jdbc.sql("SELECT path FROM unit WHERE id = ?").param(unit).query(String.class).single();
        int year = LocalDate.now().getYear();
        if (jdbc.sql("SELECT count(*) FROM points_activist WHERE station_id = ? AND year = ?").params(unit, year)
                .query(Long.class).single() > 0) {
            return; // a rerun on the same database
        }
        Staff a = staff.registerWithHash(new org.fengqiao.jurisdiction.UnitId(unit), path, StaffRole.VOLUNTEER,
                "石榴志愿者甲" + UUID.randomUUID().toString().substring(0, 4), null, null, "志愿者", null, null);
        Staff b = staff.registerWithHash(new org.fengqiao.jurisdiction.UnitId(unit), path, StaffRole.INFORMANT,
                "石榴信息员乙" + UUID.randomUUID().toString().substring(0, 4), null, null, "信息员", null, null);
        // the grid's chief on today's roster approves its awards
        UUID chief = jdbc.sql("SELECT staff_id FROM grid_role WHERE grid_id = ? AND role = 'GRID_CHIEF' AND "
                + org.fengqiao.account.RosterDay.coversToday("grid_role") + " LIMIT 1").param(grid)
                .query(UUID.class).single();
        loader.awardApproved(a.id().value(), grid, "case-cracked", "测试", null, chief, chief);
        loader.awardApproved(b.id().value(), grid, "patrol-hour", "测试", null, chief, chief);
        HttpResponse<String> confirmed = api.send("POST", "/api/v1/points/activists", bureau,
                Map.of("unitId", unit, "year", year, "top", 1));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        JsonNode list = ApiClient.json(confirmed);
        assertThat(list.findValuesAsText("holderName")).containsExactly(a.name());
        assertThat(api.send("POST", "/api/v1/points/activists", bureau, Map.of("unitId", unit, "year", year, "top", 1))
                .statusCode()).as("a year is confirmed once").isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/points/activists", officer, Map.of("unitId", unit, "year", year, "top", 1))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void theStationAndItsOfficeEachConfirmTheActivistsOfTheirOwnBoardForAYear() {
        // the county names its activists as a station or an office may (seed 002): one person may be on each list
        org.fengqiao.jurisdiction.Unit office = PointsFixtures.office(jurisdictions);
        UUID station = jdbc.sql("SELECT parent_id FROM unit WHERE id = ?").param(office.id().value())
                .query(UUID.class).single();
        int year = java.util.stream.IntStream.rangeClosed(2000, 2020).filter(y -> jdbc.sql("""
                SELECT count(*) FROM points_activist WHERE year = ? AND station_id IN (?, ?)""")
                .params(y, station, office.id().value()).query(Long.class).single() == 0).findFirst().orElseThrow();
        Staff activist = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "年度积极分子");
        // points of a past year: the ledger as an approved award left it then
        jdbc.sql("""
                INSERT INTO points_entry (holder_id, kind, points, balance_after, rule, source_type, source_id, at)
                VALUES (?, 'AWARD', 40, 40, 'patrol-hour', 'manual', ?, ?)""")
                .params(activist.id().value(), UUID.randomUUID().toString(),
                        java.time.OffsetDateTime.parse(year + "-06-01T10:00:00+08:00")).update();
        String chief = api.token("chief", DEMO_PASSWORD);

        HttpResponse<String> ofStation = api.send("POST", "/api/v1/points/activists", chief,
                Map.of("unitId", station, "year", year, "top", 1));
        assertThat(ofStation.statusCode()).as(ofStation.body()).isEqualTo(201);
        assertThat(ApiClient.json(ofStation).findValuesAsText("holderName")).containsExactly(activist.name());
        HttpResponse<String> ofOffice = api.send("POST", "/api/v1/points/activists", officer,
                Map.of("unitId", office.id().value(), "year", year, "top", 1));
        assertThat(ofOffice.statusCode()).as(ofOffice.body()).isEqualTo(201);
        assertThat(ApiClient.json(ofOffice).findValuesAsText("holderName")).containsExactly(activist.name());

        for (UUID board : List.of(station, office.id().value())) {
            assertThat(ApiClient.json(api.get("/api/v1/points/activists?unitId=" + board + "&year=" + year, chief))
                    .findValuesAsText("holderName")).as("board " + board).containsExactly(activist.name());
        }
        assertThat(api.send("POST", "/api/v1/points/activists", officer,
                Map.of("unitId", office.id().value(), "year", year, "top", 1)).statusCode())
                .as("each board's year is still confirmed once").isEqualTo(400);
    }

    @Test
    void theLedgerAndLeaderboardExportsAreAuditedAndTheirSheetIsNamedInTheReadersLanguage() throws Exception {
        UUID chiefId = PointsFixtures.staffId(jdbc, "chief");
        String chief = api.token("chief", DEMO_PASSWORD);
        UUID office = PointsFixtures.office(jurisdictions).id().value();
        long before = exportsBy(chiefId);

        HttpResponse<byte[]> ledger = api.download("/points/ledger.xlsx", chief, "Accept-Language", "en");
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(sheetName(ledger.body())).isEqualTo("Points");
        assertThat(exportsBy(chiefId)).as("the ledger's export names every holder of the scope").isEqualTo(before + 1);

        HttpResponse<byte[]> board = api.download("/points/leaderboard.xlsx?unitId=" + office, chief);
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(sheetName(board.body())).isEqualTo("积分");
        // and the files too: a Chinese reader saved "leaderboard-…" and "points-ledger-…"
        assertThat(java.net.URLDecoder.decode(board.headers().firstValue("Content-Disposition").orElseThrow(),
                java.nio.charset.StandardCharsets.UTF_8))
                .containsPattern("积分排行榜-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.xlsx");
        assertThat(exportsBy(chiefId)).isEqualTo(before + 2);
        String after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'points_entry'
                AND actor_id = ? ORDER BY seq DESC LIMIT 1""").param(chiefId).query(String.class).single();
        assertThat(after).contains(PointsFixtures.office(jurisdictions).name()).contains("\"rows\"");
        assertThat(java.net.URLDecoder.decode(api.download("/points/ledger.xlsx", chief).headers()
                .firstValue("Content-Disposition").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                .containsPattern("积分台账-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.xlsx");
    }

    @Test
    void aLedgerExportForAPeriodEndingBeforeItStartsIsRefusedAsTheBoardsIsNotAnsweredEmpty() {
        UUID chiefId = PointsFixtures.staffId(jdbc, "chief");
        String chief = api.token("chief", DEMO_PASSWORD);
        UUID office = PointsFixtures.office(jurisdictions).id().value();
        long before = exportsBy(chiefId);
        String swapped = "from=2026-03-31&to=2026-03-01";

        HttpResponse<byte[]> board = api.download("/points/leaderboard.xlsx?unitId=" + office + "&" + swapped, chief);
        assertThat(board.statusCode()).isEqualTo(400);
        for (String[] c : new String[][] {{"zh-CN", "请填写有效的起止日期"}, {"en", "Give a valid period"}}) {
            HttpResponse<byte[]> ledger = api.download("/points/ledger.xlsx?" + swapped, chief, "Accept-Language", c[0]);
            assertThat(ledger.statusCode()).as("an empty sheet reads as a period in which no points moved")
                    .isEqualTo(400);
            assertThat(new String(ledger.body(), java.nio.charset.StandardCharsets.UTF_8)).contains(c[1]);
        }
        assertThat(exportsBy(chiefId)).as("nothing exported").isEqualTo(before);
    }

    @Test
    void readingOnePersonsPointsLedgerIsAuditedOnThePageAndTheApi() {
        Staff holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.INFORMANT, "账本信息员");
        String chief = api.token("chief", DEMO_PASSWORD);
        assertThat(readsOf(holder)).isZero();
        assertThat(api.get("/points/holders/" + holder.id(), chief).statusCode()).isEqualTo(200);
        assertThat(readsOf(holder)).as("the station chief opened the informant's ledger").isEqualTo(1);
        assertThat(api.get("/api/v1/points/holders/" + holder.id(), chief).statusCode()).isEqualTo(200);
        assertThat(readsOf(holder)).isEqualTo(2);
        assertThat(api.get("/api/v1/points/holders/" + holder.id(), officer2).statusCode()).isEqualTo(404);
        assertThat(readsOf(holder)).as("a ledger not shown is not read").isEqualTo(2);
    }

    long readsOf(Staff holder) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'points_holder'
                AND record_id = ?""").param(holder.id().toString()).query(Long.class).single();
    }

    long exportsBy(UUID actor) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'points_entry'
                AND actor_id = ?""").param(actor).query(Long.class).single();
    }

    static String sheetName(byte[] xlsx) throws java.io.IOException {
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            return book.getSheetName(0);
        }
    }

    @Test
    void theStoreFormsStockAnItemAndTakeInAGrantInYuan() {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("chief", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        UUID office = PointsFixtures.office(jurisdictions).id().value();
        String name = "表单测试保温杯" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = browser.form("/points/store/items", Map.of("_csrf", browser.csrfFrom("/points/store"),
                "unitId", office.toString(), "name", name, "source", "DONATED", "donor", "房山镇测试五金店",
                "pricePoints", "25", "stock", "4"));
        assertThat(created.statusCode()).isEqualTo(302);
        UUID item = jdbc.sql("SELECT id FROM store_item WHERE name = ?").param(name).query(UUID.class).single();
        browser.form("/points/store/items/" + item + "/stock", Map.of("_csrf", browser.csrfFrom("/points/store"),
                "quantity", "3"));
        assertThat(store.item(item).orElseThrow().stock()).isEqualTo(7);

        UUID fund = jdbc.sql("SELECT id FROM fund_account WHERE unit_id = ? AND kind = 'VOLUNTEER_FUND'").param(office)
                .query(UUID.class).single();
        long before = jdbc.sql("SELECT balance_fen FROM fund_account WHERE id = ?").param(fund).query(Long.class).single();
        browser.form("/points/funds/" + fund + "/income", Map.of("_csrf", browser.csrfFrom("/points/store"),
                "amountYuan", "12.34", "note", "社会捐助"));
        assertThat(jdbc.sql("SELECT balance_fen FROM fund_account WHERE id = ?").param(fund).query(Long.class).single())
                .isEqualTo(before + 1234);
        // a grant typed with thousands separators, as the recovery forms take them
        browser.form("/points/funds/" + fund + "/income", Map.of("_csrf", browser.csrfFrom("/points/store"),
                "amountYuan", "10,000", "note", "镇财政拨款"));
        browser.form("/points/funds/" + fund + "/income", Map.of("_csrf", browser.csrfFrom("/points/store"),
                "amountYuan", "1，000.50", "note", "企业捐助"));
        before += 1_000_000 + 100_050;
        assertThat(jdbc.sql("SELECT balance_fen FROM fund_account WHERE id = ?").param(fund).query(Long.class).single())
                .isEqualTo(before + 1234);
        HttpResponse<String> page = browser.get("/points/store?fund=" + fund, null);
        assertThat(page.body()).contains(name).contains("社会捐助");

        // a bad amount changes nothing and says why
        HttpResponse<String> bad = browser.form("/points/funds/" + fund + "/income", Map.of("_csrf",
                browser.csrfFrom("/points/store"), "amountYuan", "1.234", "note", "x"));
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(browser.get("/points/store?fund=" + fund, null).body())
                .contains("金额格式不正确（元，最多两位小数，可用千位分隔符，如 10,000.50）");
        assertThat(jdbc.sql("SELECT balance_fen FROM fund_account WHERE id = ?").param(fund).query(Long.class).single())
                .isEqualTo(before + 1234);
    }

    @Test
    void anAwardRefusedComesBackWithWhatWasTypedAndNothingSaved() {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("chief", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        UUID holder = PointsFixtures.holder(staff, jurisdictions, org.fengqiao.account.StaffRole.VOLUNTEER, "表单奖励")
                .id().value();
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-05");
        String note = "协助抓获盗窃电动车嫌疑人" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("_csrf", browser.csrfFrom("/points/approvals"));
        form.put("holderId", holder.toString());
        form.put("gridId", grid.toString());
        form.put("rule", "verified-clue");
        form.put("note", note);
        form.put("clueGiverId", holder.toString());
        HttpResponse<String> refused = browser.form("/points/awards", form);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/points/approvals");
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE note = ?").param(note).query(Long.class).single())
                .as("nothing saved, not even the award before the clue giver was checked").isZero();

        String page = browser.get("/points/approvals", null).body();
        assertThat(page).contains("线索提供人不能是获奖人本人");
        assertThat(page).contains("id=\"note\" name=\"note\" maxlength=\"500\" required value=\"" + note + "\"");
        assertThat(select(page, "holderId")).contains("value=\"" + holder + "\" selected");
        assertThat(select(page, "gridId")).contains("value=\"" + grid + "\" selected");
        assertThat(select(page, "rule")).contains("value=\"verified-clue\" selected");
        assertThat(select(page, "clueGiverId")).contains("value=\"" + holder + "\" selected");
        assertThat(browser.get("/points/approvals", null).body()).as("shown once").doesNotContain(note);
    }

    @Test
    void anAwardsNoteOverTheFormsLimitOrWithControlCharactersIsRefusedByNameInEitherLanguageAndNothingRecorded() {
        UUID holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "说明长度").id().value();
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-05");
        // pasted from the case file: over the 500 characters the form allows
        String tooLong = "协助民警核实线索，" + "群众反映的情况经走访属实，已移交派出所处理。".repeat(23);
        assertThat(tooLong.strip().length()).isGreaterThan(500);
        String bell = "协助抓获盗窃电动车嫌疑人\u0007";
        String exactly500 = "夜".repeat(500);

        ApiClient zh = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        ApiClient en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        for (Object[] c : new Object[][] {
            {zh, tooLong, "事由说明不能超过500字"}, {zh, bell, "事由说明不能含有控制字符"},
            {en, tooLong, "The note on what the award is for may not exceed 500 characters"},
            {en, bell, "The note on what the award is for may not contain control characters"}}) {
            ApiClient browser = (ApiClient) c[0];
            Map<String, String> form = new java.util.LinkedHashMap<>();
            form.put("_csrf", browser.csrfFrom("/points/approvals"));
            form.put("holderId", holder.toString());
            form.put("gridId", grid.toString());
            form.put("rule", "verified-clue");
            form.put("note", (String) c[1]);
            HttpResponse<String> refused = browser.form("/points/awards", form);
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(browser.get("/points/approvals", null).body()).contains((String) c[2]);
        }

        String chief = api.token("chief", DEMO_PASSWORD);
        for (String note : List.of(tooLong, bell)) {
            Map<String, Object> body = Map.of("holderId", holder, "gridId", grid, "rule", "verified-clue", "note", note);
            // in the language asked for, whatever his profile says
            HttpResponse<String> r = api.send("POST", "/api/v1/points/awards", chief, body, "Accept-Language", "zh-CN");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("\"note\"").contains(note == bell ? "事由说明不能含有控制字符" : "事由说明不能超过500字");
            HttpResponse<String> english = api.send("POST", "/api/v1/points/awards", chief, body, "Accept-Language", "en");
            assertThat(english.statusCode()).isEqualTo(400);
            assertThat(english.body()).contains(note == bell ? "may not contain control characters" : "may not exceed 500 characters");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE holder_id = ?").param(holder).query(Long.class)
                .single()).as("nothing recorded").isZero();

        // the form's limit itself is taken
        assertThat(api.send("POST", "/api/v1/points/awards", chief, Map.of("holderId", holder, "gridId", grid, "rule",
                "verified-clue", "note", exactly500)).statusCode()).isEqualTo(201);
    }

    /**
     * 积分 is for those who earn it: the inspector, who oversees the work and reads the leaderboards, and the three
     * administrators earn none. The award form does not offer them as holder or clue giver, and an award for one of
     * them is refused by name and role in the caller's language, on the page (what was typed kept) and in the API,
     * with nothing saved; an award proposed while its holder still earned points may be rejected, not approved.
     */
    @Test
    void theInspectorAndTheAdministratorsAreNeitherOfferedNorAwardedPointsInEitherLanguage() {
        Staff inspector = PointsFixtures.holder(staff, jurisdictions, StaffRole.INSPECTOR, "不计积分督察");
        Staff admin = PointsFixtures.holder(staff, jurisdictions, StaffRole.SYSTEM_ADMIN, "不计积分管理员");
        Staff volunteer = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "计积分志愿者");
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-05");
        String note = "协助排查隐患" + UUID.randomUUID().toString().substring(0, 6);

        ApiClient zh = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String form = zh.get("/points/approvals", null).body();
        for (String field : List.of("holderId", "clueGiverId")) {
            assertThat(select(form, field)).as(field).contains(volunteer.id().value().toString())
                    .doesNotContain(inspector.id().value().toString()).doesNotContain(admin.id().value().toString());
        }

        Map<String, String> typed = new java.util.LinkedHashMap<>();
        typed.put("_csrf", zh.csrfFrom("/points/approvals"));
        typed.put("holderId", inspector.id().value().toString());
        typed.put("gridId", grid.toString());
        typed.put("rule", "verified-clue");
        typed.put("note", note);
        HttpResponse<String> refused = zh.form("/points/awards", typed);
        assertThat(refused.statusCode()).isEqualTo(302);
        String page = zh.get("/points/approvals", null).body();
        assertThat(page).contains(inspector.name() + "（督察）不获得积分，不能授予积分")
                .contains("id=\"note\" name=\"note\" maxlength=\"500\" required value=\"" + note + "\"");

        ApiClient en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        Map<String, String> english = new java.util.LinkedHashMap<>(typed);
        english.put("_csrf", en.csrfFrom("/points/approvals"));
        english.put("holderId", volunteer.id().value().toString());
        english.put("clueGiverId", admin.id().value().toString());
        assertThat(en.form("/points/awards", english).statusCode()).isEqualTo(302);
        assertThat(en.get("/points/approvals", null).body())
                .contains(admin.name() + " (System administrator) earns no points and cannot be awarded any");

        String chief = api.token("chief", DEMO_PASSWORD);
        for (Staff none : List.of(inspector, admin)) {
            Map<String, Object> body = Map.of("holderId", none.id().value(), "gridId", grid, "rule", "verified-clue",
                    "note", note);
            HttpResponse<String> r = api.send("POST", "/api/v1/points/awards", chief, body, "Accept-Language", "zh-CN");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("\"holderId\"").contains(none.name() + "（").contains("）不获得积分");
            HttpResponse<String> e = api.send("POST", "/api/v1/points/awards", chief, body, "Accept-Language", "en");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.body()).contains(none.name() + " (").contains(") earns no points");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE note = ?").param(note).query(Long.class).single())
                .as("nothing saved, not even the volunteer's award before the clue giver was checked").isZero();

        // proposed while he was a volunteer; he is an inspector now
        UUID proposed = awards.propose(volunteer.id().value(), grid, "dispute-settled", "dispute",
                UUID.randomUUID().toString(), "FS-TJ-2026-0099", null).orElseThrow();
        jdbc.sql("UPDATE staff SET role = 'INSPECTOR' WHERE id = ?").param(volunteer.id().value()).update();
        HttpResponse<String> approve = api.send("POST", "/api/v1/points/awards/" + proposed + "/approve", chief, null,
                "Accept-Language", "zh-CN");
        assertThat(approve.statusCode()).as(approve.body()).isEqualTo(400);
        assertThat(approve.body()).contains(volunteer.name() + "（督察）不获得积分");
        assertThat(jdbc.sql("SELECT count(*) FROM points_entry WHERE holder_id = ?").param(volunteer.id().value())
                .query(Long.class).single()).as("nothing in his ledger").isZero();
        assertThat(api.send("POST", "/api/v1/points/awards/" + proposed + "/reject", chief,
                Map.of("note", "已调任督察")).statusCode()).isEqualTo(200);
    }

    @Test
    void aReversalRefusedComesBackInItsOwnEntrysFormAndNothingIsReversed() {
        ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        UUID holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "冲正表单")
                .id().value();
        for (String note : List.of("夜间巡逻", "反诈宣传")) {
            loader.awardApproved(holder, PointsFixtures.grid(jdbc, "FS-3-01"), "verified-clue", note, null,
                    PointsFixtures.staffId(jdbc, "officer"), PointsFixtures.staffId(jdbc, "chief"));
        }
        List<Long> entries = jdbc.sql("SELECT id FROM points_entry WHERE holder_id = ? AND kind = 'AWARD' ORDER BY id")
                .param(holder).query(Long.class).list();
        String page = "/points/holders/" + holder;
        // pasted from the complaint: over the 200 characters the form allows
        String reason = "经核实该线索与已破案件重复，" + "群众反映情况属实但已由他人提供。".repeat(14);

        HttpResponse<String> refused = browser.form("/points/entries/" + entries.get(1) + "/reverse",
                Map.of("_csrf", browser.csrfFrom(page), "reason", reason));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith(page);
        assertThat(jdbc.sql("SELECT count(*) FROM points_entry WHERE holder_id = ? AND kind = 'REVERSAL'").param(holder)
                .query(Long.class).single()).as("nothing reversed").isZero();

        String again = browser.get(page, null).body();
        assertThat(again).contains("原因不能超过200字");
        assertThat(again).containsPattern("id=\"reverse-reason-" + entries.get(1) + "\"[^>]*value=\"" + reason + "\"")
                .as("the other entry's form stays empty")
                .containsPattern("id=\"reverse-reason-" + entries.get(0) + "\"[^>]*value=\"\">");
        assertThat(browser.get(page, null).body()).as("shown once").doesNotContain(reason);
    }

    @Test
    void aReversalsReasonWithControlCharactersIsRefusedByNameInEitherLanguageAsAnAwardsNoteIsAndNothingIsReversed() {
        UUID holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "冲正原因字符").id().value();
        loader.awardApproved(holder, PointsFixtures.grid(jdbc, "FS-3-02"), "verified-clue", "夜间巡逻", null,
                PointsFixtures.staffId(jdbc, "officer"), PointsFixtures.staffId(jdbc, "chief"));
        long entry = jdbc.sql("SELECT id FROM points_entry WHERE holder_id = ? AND kind = 'AWARD'").param(holder)
                .query(Long.class).single();
        String page = "/points/holders/" + holder;
        // pasted from a chat window with its bell
        String bell = "经核实该线索与已破案件重复\u0007";

        for (Object[] c : new Object[][] {{null, "原因不能含有控制字符"}, {"en", "The reason may not contain control characters"}}) {
            ApiClient browser = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, (String) c[0]);
            HttpResponse<String> refused = browser.form("/points/entries/" + entry + "/reverse",
                    Map.of("_csrf", browser.csrfFrom(page), "reason", bell));
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(browser.get(page, null).body()).contains((String) c[1]);
        }
        String chief = api.token("chief", DEMO_PASSWORD);
        HttpResponse<String> r = api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", chief,
                Map.of("reason", bell), "Accept-Language", "zh-CN");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("\"reason\"").contains("原因不能含有控制字符");
        HttpResponse<String> english = api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", chief,
                Map.of("reason", bell), "Accept-Language", "en");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("The reason may not contain control characters");
        assertThat(jdbc.sql("SELECT count(*) FROM points_entry WHERE holder_id = ? AND kind = 'REVERSAL'").param(holder)
                .query(Long.class).single()).as("nothing reversed").isZero();

        // a reason written over two lines is a reason
        HttpResponse<String> taken = api.send("POST", "/api/v1/points/entries/" + entry + "/reverse", chief,
                Map.of("reason", "经核实该线索与已破案件重复\n已告知本人"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
    }

    @Test
    void aRedemptionOrAwardFormSentTwiceWithItsOneTimeKeyRedeemsAndProposesOnce() {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("volunteer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        UUID volunteer = PointsFixtures.staffId(jdbc, "volunteer");
        // points for the two redemptions this test makes, whatever the suite's other tests left him
        loader.awardApproved(volunteer, PointsFixtures.grid(jdbc, "FS-3-01"), "verified-clue", "测试", null,
                PointsFixtures.staffId(jdbc, "officer"), PointsFixtures.staffId(jdbc, "chief"));
        UUID item = stockedItem("双击兑换");
        String page = browser.get("/points", null).body();
        String key = hidden(page, "formKey");
        Map<String, String> form = Map.of("_csrf", browser.csrfFrom("/points"), "formKey", key);
        HttpResponse<String> first = browser.form("/points/store/" + item + "/redeem", form);
        assertThat(first.statusCode()).isEqualTo(302);
        String redeemed = browser.get("/points", null).body();
        HttpResponse<String> second = browser.form("/points/store/" + item + "/redeem", form);
        assertThat(second.statusCode()).isEqualTo(302);
        assertThat(browser.get("/points", null).body()).contains("已提交，请勿重复提交");
        assertThat(jdbc.sql("SELECT count(*) FROM points_voucher WHERE holder_id = ? AND item_id = ?")
                .params(volunteer, item).query(Long.class).single()).as("one voucher").isOne();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM points_entry WHERE holder_id = ? AND kind = 'REDEMPTION' AND source_id = ?""")
                .params(volunteer, item.toString()).query(Long.class).single()).as("one deduction").isOne();
        assertThat(jdbc.sql("SELECT stock FROM store_item WHERE id = ?").param(item).query(Integer.class).single())
                .isOne();
        String code = jdbc.sql("SELECT code FROM points_voucher WHERE holder_id = ? AND item_id = ?")
                .params(volunteer, item).query(String.class).single();
        assertThat(redeemed).contains(code);
        // the key of that form for another item is refused, nothing taken; a new page draws a new key
        UUID other = stockedItem("另一件");
        browser.form("/points/store/" + other + "/redeem", form);
        assertThat(browser.get("/points", null).body()).contains("此表单已提交过，请刷新页面后重新填写");
        assertThat(jdbc.sql("SELECT count(*) FROM points_voucher WHERE item_id = ?").param(other).query(Long.class)
                .single()).isZero();
        assertThat(hidden(browser.get("/points", null).body(), "formKey")).isNotEqualTo(key);

        // over the API, Idempotency-Key does the same: the repeat answers the first voucher
        String token = api.token("volunteer", DEMO_PASSWORD);
        HttpResponse<String> once = api.send("POST", "/api/v1/points/store/items/" + other + "/redeem", token, null,
                "Idempotency-Key", "redeem-" + other);
        HttpResponse<String> again = api.send("POST", "/api/v1/points/store/items/" + other + "/redeem", token, null,
                "Idempotency-Key", "redeem-" + other);
        assertThat(once.statusCode()).as(once.body()).isEqualTo(201);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(ApiClient.json(again).get("voucher").get("code").asText())
                .isEqualTo(ApiClient.json(once).get("voucher").get("code").asText());
        assertThat(jdbc.sql("SELECT stock FROM store_item WHERE id = ?").param(other).query(Integer.class).single())
                .isOne();

        // the grid chief's award by hand, sent twice, is proposed once
        ApiClient chief = new ApiClient(port);
        assertThat(chief.formLogin("chief", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        UUID holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "双击奖励").id().value();
        String note = "协助调解邻里纠纷" + UUID.randomUUID().toString().substring(0, 6);
        String approvals = chief.get("/points/approvals", null).body();
        Map<String, String> award = Map.of("_csrf", chief.csrfFrom("/points/approvals"), "formKey",
                hidden(approvals, "formKey"), "holderId", holder.toString(), "gridId",
                PointsFixtures.grid(jdbc, "FS-1-05").toString(), "rule", "verified-clue", "note", note);
        assertThat(chief.form("/points/awards", award).statusCode()).isEqualTo(302);
        assertThat(chief.get("/points/approvals", null).body()).contains("奖励已提交，等待审批");
        assertThat(chief.form("/points/awards", award).statusCode()).isEqualTo(302);
        assertThat(chief.get("/points/approvals", null).body()).contains("已提交，请勿重复提交");
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE note = ?").param(note).query(Long.class).single())
                .as("one award").isOne();
    }

    @Test
    void theAwardFormNamesEachPersonsRoleInTheReadersLanguage() {
        // a grid member registered without a title: the form fell back to his role's code, 张三（GRID_MEMBER）
        org.fengqiao.jurisdiction.Unit office = PointsFixtures.office(jurisdictions);
        Staff member = staff.registerWithHash(office.id(), office.path(), StaffRole.GRID_MEMBER,
                "无职务网格员" + UUID.randomUUID().toString().substring(0, 6), null, null, null, null, null);
        String zh = select(api.get("/points/approvals", officer).body(), "holderId");
        assertThat(zh).contains(member.name() + "（网格员）").doesNotContain("GRID_MEMBER");
        String en = select(api.get("/points/approvals", officer, "Accept-Language", "en").body(), "holderId");
        assertThat(en).contains(member.name() + " (Grid member)").doesNotContain("GRID_MEMBER");
    }

    @Test
    void theLedgerExportsSourceColumnSaysTheSourcesKindAndNameNeverItsId() throws Exception {
        Staff holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "来源列");
        UUID item = stockedItem("来源列毛巾");
        String itemName = jdbc.sql("SELECT name FROM store_item WHERE id = ?").param(item).query(String.class).single();
        voucher(holder, item);
        UUID grid = PointsFixtures.grid(jdbc, "FS-3-01");
        String dispute = UUID.randomUUID().toString();
        UUID proposed = awards.propose(holder.id().value(), grid, "dispute-settled", "dispute", dispute,
                "FS-TJ-2026-0042", null).orElseThrow();
        String chief = api.token("chief", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/points/awards/" + proposed + "/approve", chief, null).statusCode())
                .isEqualTo(200);
        for (String[] c : new String[][] {{"zh-CN", "手工奖励", "积分超市兑换（" + itemName + "）",
            "矛盾纠纷调解（FS-TJ-2026-0042）"}, {"en", "Award by hand", "Points store redemption (" + itemName + ")",
            "Dispute mediated (FS-TJ-2026-0042)"}}) {
            HttpResponse<byte[]> xlsx = api.download("/points/ledger.xlsx", chief, "Accept-Language", c[0]);
            assertThat(xlsx.statusCode()).isEqualTo(200);
            List<String> sources = new java.util.ArrayList<>();
            try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
                var sheet = book.getSheetAt(0);
                for (int i = 1; i <= sheet.getLastRowNum(); i++) {
                    if (sheet.getRow(i).getCell(2).getStringCellValue().equals(holder.name())) {
                        sources.add(sheet.getRow(i).getCell(8).getStringCellValue());
                    }
                }
            }
            assertThat(sources).as(c[0]).containsExactlyInAnyOrder(c[1], c[2], c[3]);
            assertThat(String.join(" ", sources)).doesNotContain(item.toString()).doesNotContain(dispute)
                    .doesNotContain(":");
        }
    }

    @Test
    void theRecentlyDecidedAwardsShowWhateverNumberIsPending() {
        Staff holder = PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "早已审批");
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-04");
        loader.awardApproved(holder.id().value(), grid, "publicity-session", "测试", null,
                PointsFixtures.staffId(jdbc, "chief"), PointsFixtures.staffId(jdbc, "officer"));
        // sixty awards proposed since, all still pending: the decided one was the 61st newest
        List<UUID> pending = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                pending.add(pendingAward(grid, "-1 second"));
            }
            String page = api.get("/points/approvals", officer).body();
            int recent = page.indexOf("<h2>最近已处理</h2>");
            assertThat(recent).as("the recently decided list is shown").isNotNegative();
            assertThat(page.substring(recent)).contains(holder.name());
        } finally {
            pending.forEach(id -> jdbc.sql("DELETE FROM points_award WHERE id = ?").param(id).update());
        }
    }

    /** A pending award to the demo volunteer on the grid, proposed {@code ago} before now (an interval). */
    UUID pendingAward(UUID grid, String ago) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO points_award (id, holder_id, grid_id, rule, points, source_type, source_id, note,
                    status, proposed_at)
                VALUES (?, ?, ?, 'publicity-session', 5, 'manual', ?, '待审', 'PENDING', now() - CAST(? AS interval))""")
                .params(id, PointsFixtures.staffId(jdbc, "volunteer"), grid, id.toString(), ago).update();
        return id;
    }

    /**
     * More awards pending than the approvals page lists: the chief is told how many are pending in all and that the
     * 200 listed are those that have waited longest, in his language. The page listed the newest 200, so the oldest,
     * which had waited longest, were the ones nobody saw. The API pages the same awards, with their total.
     */
    @Test
    void theApprovalsPageListsTheLongestWaiting200AndSaysHowManyArePendingAndTheApiPagesThemAll() {
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-04");
        List<UUID> pending = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 201; i++) {
                // the first waited a year; the others came yesterday
                pending.add(pendingAward(grid, i == 0 ? "365 days" : "1 day"));
            }
            UUID longest = pending.get(0);
            String page = api.get("/points/approvals", officer).body();
            var told = java.util.regex.Pattern.compile("共 ([\\d,]+) 条待审批，这里先列出等待最久的 200 条").matcher(page);
            assertThat(told.find()).as("the page says how many are pending and which it lists").isTrue();
            long total = Long.parseLong(told.group(1).replace(",", ""));
            assertThat(total).isGreaterThanOrEqualTo(201);
            String table = page.substring(page.indexOf("id=\"pending-awards\""), page.indexOf("</table>",
                    page.indexOf("id=\"pending-awards\"")));
            assertThat(table.split("data-holder=", -1)).as("200 rows listed").hasSize(201);
            assertThat(table).as("the award that waited longest is listed").contains("data-source=\"" + longest + "\"");
            assertThat(page).contains("按提出时间排列，等待最久的在前");
            String english = api.get("/points/approvals", officer, "Accept-Language", "en").body();
            assertThat(english).containsPattern("[\\d,]+ awards are pending in all; the 200 that have waited longest "
                    + "are listed here").contains("In the order proposed: those waiting longest come first");

            // the API: a page at a time, at most 100, with the total; oldest first on request
            JsonNode first = ApiClient.json(api.get("/api/v1/points/awards?status=PENDING&size=1000", officer));
            assertThat(first.get("size").asInt()).as("at most 100 a page").isEqualTo(100);
            assertThat(first.get("page").asInt()).isEqualTo(1);
            assertThat(first.get("items")).hasSize(100);
            assertThat(first.get("total").asLong()).as("all of them, not the page").isGreaterThanOrEqualTo(201);
            JsonNode oldest = ApiClient.json(api.get("/api/v1/points/awards?status=PENDING&oldestFirst=true&size=10",
                    officer));
            assertThat(oldest.get("items").findValuesAsText("id")).contains(longest.toString());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int p = 1; p <= (first.get("total").asLong() + 99) / 100; p++) {
                seen.addAll(ApiClient.json(api.get("/api/v1/points/awards?status=PENDING&size=100&page=" + p, officer))
                        .get("items").findValuesAsText("id"));
            }
            assertThat(seen).as("every pending award on some page").hasSizeGreaterThan(200)
                    .containsAll(pending.stream().map(UUID::toString).toList());
            assertThat(ApiClient.json(api.get("/api/v1/points/awards?status=PENDING&size=100", officer2))
                    .get("items").findValuesAsText("id")).as("nothing of another station's grids")
                    .doesNotContainAnyElementsOf(pending.stream().map(UUID::toString).toList());
        } finally {
            pending.forEach(id -> jdbc.sql("DELETE FROM points_award WHERE id = ?").param(id).update());
        }
    }

    /** The value of the page's hidden input of this name. */
    static String hidden(String html, String name) {
        var m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    /** An item of the rural office's store, donated, at 5 points, two in stock. */
    UUID stockedItem(String name) {
        return loader.stock(PointsFixtures.office(jurisdictions).id().value(), name + UUID.randomUUID(),
                "DONATED", "房山镇测试纺织厂", 5, 2, 0, PointsFixtures.staffId(jdbc, "chief"));
    }

    /** A voucher for the item, redeemed by the holder with points the officer awarded him for a clue. */
    Store.Voucher voucher(Staff holder, UUID item) {
        loader.awardApproved(holder.id().value(), PointsFixtures.grid(jdbc, "FS-3-01"), "verified-clue", "测试", null,
                PointsFixtures.staffId(jdbc, "officer"), PointsFixtures.staffId(jdbc, "chief"));
        return store.redeem(item, PointsFixtures.self(holder, PointsFixtures.office(jurisdictions).path()));
    }

    /** The select element of this id, its options and nothing after it. */
    static String select(String html, String id) {
        int from = html.indexOf("<select id=\"" + id + "\"");
        assertThat(from).as(id).isNotNegative();
        return html.substring(from, html.indexOf("</select>", from));
    }

    @Test
    void aVoucherCodeTheCounterDoesNotKnowIsSaidOnTheStorePageWithTheCodeKeptAndNothingScanned() {
        Store.Voucher v = voucher(PointsFixtures.holder(staff, jurisdictions, StaffRole.VOLUNTEER, "志愿者"),
                stockedItem("测试手电"));

        ApiClient counter = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        HttpResponse<String> unknown = counter.form("/points/scan", Map.of("_csrf", counter.csrfFrom("/points/store"),
                "code", "zzzz0000"));
        assertThat(unknown.statusCode()).isEqualTo(302);
        assertThat(unknown.headers().firstValue("Location").orElseThrow()).endsWith("/points/store");
        String page = counter.get("/points/store", null).body();
        assertThat(page).contains("没有券号为 ZZZZ0000 的兑换券").contains("value=\"zzzz0000\"");
        counter.form("/points/scan", Map.of("_csrf", counter.csrfFrom("/points/store"), "code", " "));
        assertThat(counter.get("/points/store", null).body()).contains("请填写兑换券上的券号");

        // another station's counter does not know this office's voucher either, and it stays unused
        ApiClient other = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, "en");
        try {
            HttpResponse<String> elsewhere = other.form("/points/scan", Map.of("_csrf", other.csrfFrom("/points/store"),
                    "code", v.code()));
            assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).endsWith("/points/store");
            assertThat(other.get("/points/store", null).body()).contains("There is no voucher " + v.code());
        } finally {
            other.get("/?lang=zh-CN", null, "Accept", "text/html");
        }
        assertThat(jdbc.sql("SELECT used_at IS NULL FROM points_voucher WHERE code = ?").param(v.code())
                .query(Boolean.class).single()).as("unused").isTrue();

        // its own counter opens the voucher's scan page, typed in lower case with spaces around
        HttpResponse<String> known = counter.form("/points/scan", Map.of("_csrf", counter.csrfFrom("/points/store"),
                "code", " " + v.code().toLowerCase(java.util.Locale.ROOT) + " "));
        assertThat(known.headers().firstValue("Location").orElseThrow()).endsWith("/points/vouchers/" + v.code() + "/scan");
    }

    @Test
    void activistsConfirmedWithoutAYearAreRefusedOnTheLeaderboardNotOnAnErrorPage() {
        ApiClient chief = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        UUID unit = jdbc.sql("SELECT id FROM unit WHERE code = '320722030000'").query(UUID.class).single();
        long confirmed = jdbc.sql("SELECT count(*) FROM points_activist").query(Long.class).single();
        HttpResponse<String> refused = chief.form("/points/activists", Map.of("_csrf",
                chief.csrfFrom("/points/leaderboard?unitId=" + unit), "unitId", unit.toString(), "top", "3"));
        assertThat(refused.statusCode()).isEqualTo(302);
        String back = refused.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = chief.get(back.substring(back.indexOf("/points/")), null);
        assertThat(page.statusCode()).as(back).isEqualTo(200);
        assertThat(page.body()).contains("请填写有效的年度");
        assertThat(jdbc.sql("SELECT count(*) FROM points_activist").query(Long.class).single()).isEqualTo(confirmed);
    }

    /**
     * A status the awards have not (a typo, a status of another module) is refused with the statuses allowed, in the
     * caller's language, instead of an empty page a client reads as "no awards"; each allowed status still lists.
     */
    @Test
    void anAwardsStatusThatIsNoneOfTheAllowedIsRefusedWithThemNotAnsweredWithAnEmptyPage() {
        java.net.http.HttpResponse<String> zh = api.get("/api/v1/points/awards?status=NONSENSE", officer);
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        JsonNode error = ApiClient.json(zh).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("status");
        assertThat(error.get("message").asText())
                .isEqualTo("不是可选的值，可选：PENDING（待审批）、APPROVED（已批准）、REJECTED（已驳回）");
        java.net.http.HttpResponse<String> en = api.get("/api/v1/points/awards?status=NONSENSE", officer,
                "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText()).isEqualTo(
                "Not one of the values allowed: PENDING (Pending), APPROVED (Approved), REJECTED (Rejected)");
        for (String status : List.of("PENDING", "APPROVED", "REJECTED")) {
            JsonNode listed = ApiClient.json(api.get("/api/v1/points/awards?size=100&status=" + status, officer));
            assertThat(listed.get("items").findValuesAsText("status")).as(status).allMatch(status::equals);
        }
        assertThat(ApiClient.json(api.get("/api/v1/points/awards?size=1", officer)).get("total").asLong())
                .as("no status: all of them").isPositive();
    }

    /**
     * A store keeper takes an item off sale (下架) on the store page and puts it back, each audited. Withdrawn, it is
     * not offered to holders and a redemption of it is refused in the caller's language with nothing taken, while
     * the vouchers it gave before stay with their holder and are honoured at pickup; another station's keeper
     * cannot find it; withdrawing it twice is said and changes nothing.
     */
    @Test
    void aStoreKeeperWithdrawsAnItemAndPutsItBackWithItsVouchersKeptAndNoRedemptionWhileWithdrawn() {
        UUID volunteer = PointsFixtures.staffId(jdbc, "volunteer");
        loader.awardApproved(volunteer, PointsFixtures.grid(jdbc, "FS-3-01"), "verified-clue", "测试", null,
                PointsFixtures.staffId(jdbc, "officer"), PointsFixtures.staffId(jdbc, "chief"));
        UUID item = stockedItem("下架测试");
        String holder = api.token("volunteer", DEMO_PASSWORD);
        HttpResponse<String> before = api.send("POST", "/api/v1/points/store/items/" + item + "/redeem", holder, null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
        String code = ApiClient.json(before).get("voucher").get("code").asText();
        long audits = jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'store_item' AND record_id = ?")
                .param(item.toString()).query(Long.class).single();

        assertThat(api.send("POST", "/api/v1/points/store/items/" + item + "/withdraw", officer2, null).statusCode())
                .as("another station's keeper").isEqualTo(404);
        ApiClient keeper = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        HttpResponse<String> off = keeper.form("/points/store/items/" + item + "/withdraw",
                Map.of("_csrf", keeper.csrfFrom("/points/store")));
        assertThat(off.statusCode()).isEqualTo(302);
        String page = keeper.get("/points/store", null).body();
        assertThat(page).contains("/points/store/items/" + item + "/restore").contains("已下架");

        assertThat(api.get("/api/v1/points/store", holder).body()).as("not offered").doesNotContain(item.toString());
        assertThat(new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, null).get("/points", null).body())
                .doesNotContain("/points/store/" + item + "/redeem");
        long balance = ledgerBalance(volunteer);
        for (String[] language : new String[][] {{"zh-CN", "该商品已下架"}, {"en", "This item has been withdrawn"}}) {
            HttpResponse<String> refused = api.send("POST", "/api/v1/points/store/items/" + item + "/redeem", holder,
                    null, "Accept-Language", language[0]);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains(language[1]);
        }
        assertThat(ledgerBalance(volunteer)).as("no points taken").isEqualTo(balance);
        assertThat(jdbc.sql("SELECT stock FROM store_item WHERE id = ?").param(item).query(Integer.class).single())
                .as("no stock taken").isOne();
        HttpResponse<String> twice = api.send("POST", "/api/v1/points/store/items/" + item + "/withdraw", officer, null);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("该商品已下架");

        // its history stays: the voucher given before is the holder's and is honoured at pickup
        assertThat(api.get("/api/v1/points/me", holder).body()).contains(code);
        HttpResponse<String> pickup = api.send("POST", "/api/v1/points/vouchers/" + code + "/scan", officer, null);
        assertThat(pickup.statusCode()).as(pickup.body()).isEqualTo(200);

        HttpResponse<String> back = keeper.form("/points/store/items/" + item + "/restore",
                Map.of("_csrf", keeper.csrfFrom("/points/store")));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/points/store", holder).body()).contains(item.toString());
        assertThat(api.send("POST", "/api/v1/points/store/items/" + item + "/redeem", holder, null).statusCode())
                .isEqualTo(201);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'store_item' AND record_id = ?")
                .param(item.toString()).query(Long.class).single()).as("withdrawn and put back, audited")
                .isEqualTo(audits + 2);
    }

    long ledgerBalance(UUID holder) {
        return jdbc.sql("SELECT COALESCE(sum(points), 0) FROM points_entry WHERE holder_id = ?").param(holder)
                .query(Long.class).single();
    }
}
