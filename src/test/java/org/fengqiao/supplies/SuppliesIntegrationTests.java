package org.fengqiao.supplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fengqiao.support.Workbooks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.supplies.internal.Actor;
import org.fengqiao.supplies.internal.SupplyDesk;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.fengqiao.supplies.internal.SupplyLedger.Kind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 警务保障 through the API: the station chief issues to 房山中心警务室, its officer confirms and records use, the stock
 * counts only what was confirmed and never goes negative, not even under concurrent lines; nothing outside the
 * caller's subtree is found; bad amounts and quantities are refused in the reader's language with nothing saved;
 * every line audited; the ledger exported as xlsx. Each test works on a kind of its own, so tests never meet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuppliesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SupplyDesk desk;
    @Autowired
    SupplyLedger ledger;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String bureau;
    String chief;
    String officer;
    String officer2;
    UUID fangshan;
    UUID heping;

    @BeforeAll
    void signIn() {
        api = new ApiClient(port);
        bureau = api.token("bureau", DEMO_PASSWORD);
        chief = api.token("chief", DEMO_PASSWORD);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        fangshan = unit("320722010100");
        heping = unit("320722020100");
    }

    UUID unit(String code) {
        return jdbc.sql("SELECT id FROM unit WHERE code = ?").param(code).query(UUID.class).single();
    }

    static String n() {
        return String.valueOf(100000 + new Random().nextInt(899999));
    }

    JsonNode send(String method, String path, String token, Object body, int expected, String... headers) {
        HttpResponse<String> r = api.send(method, path, token, body, headers);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? null : ApiClient.json(r);
    }

    /** A kind of this test's own, added by the bureau. */
    String kind(String name) {
        return send("POST", "/api/v1/supplies/kinds", bureau, Map.of("name", name + n(), "countUnit", "PIECE"), 201)
                .get("id").asText();
    }

    String issue(String token, UUID unit, String kind, int quantity, String costYuan) {
        Map<String, Object> body = new HashMap<>(Map.of("kindId", kind, "quantity", quantity, "supplier",
                "县公安局装备财务科"));
        if (costYuan != null) {
            body.put("costYuan", costYuan);
        }
        return send("POST", "/api/v1/supplies/units/" + unit + "/issues", token, body, 201).get("id").asText();
    }

    int onHand(String token, UUID unit, String kind) {
        for (JsonNode s : send("GET", "/api/v1/supplies/units/" + unit, token, null, 200).get("stock")) {
            if (s.get("kind").get("id").asText().equals(kind)) {
                return s.get("onHand").asInt();
            }
        }
        return 0;
    }

    long lines(UUID unit, String kind) {
        return jdbc.sql("SELECT count(*) FROM supply_entry WHERE unit_id = ? AND kind_id = ?")
                .params(unit, UUID.fromString(kind)).query(Long.class).single();
    }

    @Test
    void whatTheChiefIssuesCountsOnceTheUnitsOfficerConfirmsItAndEveryLineIsAudited() {
        String kind = kind("IT-站牌");
        String line = issue(chief, fangshan, kind, 3, "1,050.50");
        JsonNode unit = send("GET", "/api/v1/supplies/units/" + fangshan, officer, null, 200);
        assertThat(onHand(officer, fangshan, kind)).as("not yet confirmed").isZero();
        assertThat(unit.get("waiting").findValuesAsText("id")).contains(line);

        // the chief who issued does not sign for it; the unit's officer does, once
        assertThat(api.send("POST", "/api/v1/supplies/entries/" + line + "/receipt", chief, null).statusCode())
                .isEqualTo(403);
        JsonNode confirmed = send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        assertThat(confirmed.get("confirmedBy").asText()).isEqualTo("李建国");
        assertThat(confirmed.get("costYuan").asText()).isEqualTo("1050.50");
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(3);
        HttpResponse<String> again = api.send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("已经签收过了");
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(3);

        // the officer records one used up; he may not issue
        send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer, Map.of("type", "USED", "kindId", kind,
                "quantity", 1, "reason", "挂在兴东村村部"), 201);
        assertThat(api.send("POST", "/api/v1/supplies/units/" + fangshan + "/issues", officer,
                Map.of("kindId", kind, "quantity", 1, "supplier", "x")).statusCode()).isEqualTo(403);
        assertThat(onHand(chief, fangshan, kind)).isEqualTo(2);

        List<String> trail = jdbc.sql("""
                SELECT action || ' ' || (after->>'type') FROM audit_entry WHERE record_type = 'supply_entry'
                   AND record_id IN (SELECT id::text FROM supply_entry WHERE kind_id = ?) ORDER BY seq""")
                .param(UUID.fromString(kind)).query(String.class).list();
        assertThat(trail).containsExactly("CREATE ISSUED", "UPDATE ISSUED", "CREATE USED");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'supply_kind' AND after->>'id' = ?""")
                .param(kind).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * The overview's export link is a page's: the ledger of the unit and period shown, with the session and in its
     * language (file name, headers), the 404 page for a unit outside the reader's jurisdiction, a period the overview
     * refuses back on the overview, which says why; signed out, to the sign-in page.
     */
    @Test
    void theOverviewsLedgerLinkGoesWithTheSessionItsLanguageAndScope() {
        String html = "text/html,application/xhtml+xml";
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"export-xlsx\"\\s+href=\"([^\"]*)\"")
                .matcher(page.get("/supplies?unitId=" + fangshan, null, "Accept", html).body());
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).startsWith("/supplies/export.xlsx?unitId=" + fangshan + "&from=");
        HttpResponse<byte[]> file = page.download(href, null, "Accept", html);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(java.net.URLEncoder.encode("警务保障台账", java.nio.charset.StandardCharsets.UTF_8) + ".xlsx");
        assertThat(rows(file).get(0)).startsWith("日期", "单位", "物品");
        HttpResponse<byte[]> refused = page.download("/supplies/export.xlsx?unitId=" + fangshan
                + "&from=0001-01-01", null, "Accept", html);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow())
                .endsWith("/supplies?unitId=" + fangshan + "&from=0001-01-01");
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
        page.languageCookie("en");
        HttpResponse<byte[]> english = page.download(href, null, "Accept", html, "Accept-Language", "zh-CN");
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("supplies.xlsx");
        assertThat(rows(english).get(0)).startsWith("Date", "Unit", "Item");
        assertThat(new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null)
                .download("/supplies/export.xlsx?unitId=" + fangshan, null, "Accept", html).statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> signedOut = new ApiClient(port).download(href, null, "Accept", html);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void nothingOutsideTheCallersSubtreeIsFound() {
        String kind = kind("IT-制度牌");
        String line = issue(chief, fangshan, kind, 2, "160");
        // 牛山's officer: 房山's unit, its lines, its sums, its gaps and its ledger are not found
        for (String path : List.of("/api/v1/supplies/units/" + fangshan, "/api/v1/supplies/units/" + fangshan
                + "/entries", "/api/v1/supplies/entries/" + line, "/api/v1/supplies/summary?unitId=" + fangshan,
                "/api/v1/supplies/gaps?unitId=" + fangshan, "/api/v1/supplies/export?unitId=" + fangshan)) {
            assertThat(api.get(path, officer2).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(api.send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer2, null).statusCode())
                .isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/supplies/entries/" + line + "/reversal", officer2,
                Map.of("reason", "x")).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer2,
                Map.of("type", "USED", "kindId", kind, "quantity", 1, "reason", "x")).statusCode()).isEqualTo(404);
        // 房山's chief issues nothing to 牛山, nor transfers there
        assertThat(api.send("POST", "/api/v1/supplies/units/" + heping + "/issues", chief,
                Map.of("kindId", kind, "quantity", 1, "supplier", "x")).statusCode()).isEqualTo(404);
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        HttpResponse<String> away = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/transfers", chief,
                Map.of("toUnitId", heping, "kindId", kind, "quantity", 1));
        assertThat(away.statusCode()).isEqualTo(400);
        // the bureau, which sees both stations, is refused a transfer between them
        HttpResponse<String> between = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/transfers", bureau,
                Map.of("toUnitId", heping, "kindId", kind, "quantity", 1));
        assertThat(between.statusCode()).isEqualTo(400);
        assertThat(between.body()).contains("只能在同一派出所的单位之间调拨");
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(2);
        assertThat(ApiClient.json(api.get("/api/v1/supplies/units", officer2)).findValuesAsText("id"))
                .contains(heping.toString()).doesNotContain(fangshan.toString());
    }

    @Test
    void concurrentLinesNeverTakeTheStockBelowNothing() throws Exception {
        String kind = kind("IT-日志本");
        String line = issue(chief, fangshan, kind, 5, "40");
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        int tries = 8;
        ExecutorService threads = Executors.newFixedThreadPool(tries);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < tries; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return api.send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer,
                            Map.of("type", "USED", "kindId", kind, "quantity", 1, "reason", "同时登记"));
                }, threads));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                HttpResponse<String> r = a.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 409) {
                    assertThat(r.body()).contains("库存不足：现有 0，不能减少 1");
                }
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(5);
        } finally {
            threads.shutdown();
        }
        assertThat(onHand(officer, fangshan, kind)).isZero();
        assertThat(jdbc.sql("SELECT coalesce(sum(change), 0) FROM supply_entry WHERE kind_id = ?")
                .param(UUID.fromString(kind)).query(Long.class).single()).as("the ledger adds up to the stock")
                .isZero();
        // nor does a reversal of the issue, now that it was used up
        HttpResponse<String> back = api.send("POST", "/api/v1/supplies/entries/" + line + "/reversal", chief,
                Map.of("reason", "数量登记错误"));
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(back.body()).contains("库存不足：现有 0，不能减少 5");
    }

    @Test
    void aLineOfAKindTheCallerDoesNotRecordIsForbiddenAndATransferIsNotReversedAtAll() {
        String kind = kind("IT-冲正");
        UUID point = jdbc.sql("SELECT id FROM unit WHERE parent_id = ? AND kind = 'WORK_POINT' ORDER BY code LIMIT 1")
                .param(fangshan).query(UUID.class).single();
        String line = issue(chief, fangshan, kind, 4, "80");
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        String use = send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer, Map.of("type", "USED",
                "kindId", kind, "quantity", 1, "reason", "挂在村部"), 201).get("id").asText();
        String out = send("POST", "/api/v1/supplies/units/" + fangshan + "/transfers", chief,
                Map.of("toUnitId", point, "kindId", kind, "quantity", 1), 201).get("id").asText();

        // the unit's officer does not reverse the chief's issue, nor the chief the officer's use: forbidden, saying who
        HttpResponse<String> issueByOfficer = api.send("POST", "/api/v1/supplies/entries/" + line + "/reversal",
                officer, Map.of("reason", "登记错了"));
        assertThat(issueByOfficer.statusCode()).as(issueByOfficer.body()).isEqualTo(403);
        assertThat(ApiClient.json(issueByOfficer).get("detail").asText()).startsWith("您无权冲正这类记录");
        HttpResponse<String> useByChief = api.send("POST", "/api/v1/supplies/entries/" + use + "/reversal", chief,
                Map.of("reason", "登记错了"), "Accept-Language", "en");
        assertThat(useByChief.statusCode()).as(useByChief.body()).isEqualTo(403);
        assertThat(ApiClient.json(useByChief).get("detail").asText())
                .startsWith("You may not reverse this kind of line");
        // a transfer is never reversed, by anyone: bad input, saying what to do instead
        for (String token : List.of(chief, officer)) {
            HttpResponse<String> transfer = api.send("POST", "/api/v1/supplies/entries/" + out + "/reversal", token,
                    Map.of("reason", "调错了"));
            assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(400);
            assertThat(ApiClient.json(transfer).get("errors").findValuesAsText("message"))
                    .containsExactly("调拨不能冲正，请反向调拨");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM supply_entry WHERE kind_id = ? AND entry_type = 'REVERSAL'")
                .param(UUID.fromString(kind)).query(Long.class).single()).as("nothing reversed").isZero();
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(2);
    }

    @Test
    void badAmountsAndQuantitiesAreRefusedInTheReadersLanguageWithNothingSaved() {
        String kind = kind("IT-手册");
        String path = "/api/v1/supplies/units/" + fangshan + "/issues";
        Map<String, Object> body = new HashMap<>(Map.of("kindId", kind, "quantity", 2, "supplier", "装备科",
                "costYuan", "12.345"));
        HttpResponse<String> zh = api.send("POST", path, chief, body);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("金额应为以元为单位、最多两位小数的数字");
        HttpResponse<String> en = api.send("POST", path, chief, body, "Accept-Language", "en");
        assertThat(en.body()).contains("The cost must be in yuan with at most two decimals");
        body.put("costYuan", "三百");
        assertThat(api.send("POST", path, chief, body).body()).contains("金额应为以元为单位");
        body.put("costYuan", "3e2"); // was read as 300 yuan
        HttpResponse<String> exponent = api.send("POST", path, chief, body);
        assertThat(exponent.statusCode()).as(exponent.body()).isEqualTo(400);
        assertThat(exponent.body()).contains("金额应为以元为单位");

        body.put("costYuan", "300");
        body.put("quantity", 0);
        HttpResponse<String> zero = api.send("POST", path, chief, body);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("数量应为 1 至 1,000,000 之间的整数");
        body.put("quantity", -3);
        assertThat(api.send("POST", path, chief, body, "Accept-Language", "en").body())
                .contains("The quantity must be a whole number from 1 to 1,000,000");
        body.put("quantity", "三个");
        assertThat(api.send("POST", path, chief, body).statusCode()).isEqualTo(400);

        // a line dated in year 1 (a slip of the keyboard, a script) was kept as the ledger's oldest
        body.put("quantity", 2);
        body.put("occurredOn", "0001-01-01");
        HttpResponse<String> ancient = api.send("POST", path, chief, body, "Accept-Language", "en");
        assertThat(ancient.statusCode()).as(ancient.body()).isEqualTo(400);
        assertThat(ApiClient.json(ancient).get("errors").findValuesAsText("message"))
                .containsExactly("The date cannot be before 2000-01-01");
        body.put("occurredOn", "1999-12-31");
        assertThat(api.send("POST", path, chief, body).body()).contains("日期不能早于 2000-01-01");

        String line = issue(chief, fangshan, kind, 2, null);
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        HttpResponse<String> tooMany = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer,
                Map.of("type", "LOST", "kindId", kind, "quantity", 3, "reason", "遗失"), "Accept-Language", "en");
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(tooMany.body()).contains("Not enough in stock: 2 on hand, cannot take 3");
        HttpResponse<String> noReason = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer,
                Map.of("type", "LOST", "kindId", kind, "quantity", 1));
        assertThat(noReason.statusCode()).isEqualTo(400);
        JsonNode error = ApiClient.json(noReason).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("reason");
        assertThat(error.get("message").asText()).isEqualTo("必填");
        assertThat(lines(fangshan, kind)).as("only the good issue was saved").isEqualTo(1);
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(2);
    }

    @Test
    void theStationSeesTotalsPerKindAndUnitTheMoneySpentAndTheLedgerAsXlsx() {
        String kind = kind("IT-彩页");
        UUID point = jdbc.sql("SELECT id FROM unit WHERE parent_id = ? AND kind = 'WORK_POINT' ORDER BY code LIMIT 1")
                .param(fangshan).query(UUID.class).single();
        String first = issue(chief, fangshan, kind, 100, "200.00");
        send("POST", "/api/v1/supplies/entries/" + first + "/receipt", officer, null, 200);
        JsonNode out = send("POST", "/api/v1/supplies/units/" + fangshan + "/transfers", chief,
                Map.of("toUnitId", point, "kindId", kind, "quantity", 30, "reason", "分到网格工作点"), 201);
        assertThat(out.get("type").asText()).isEqualTo("TRANSFERRED_OUT");
        String in = jdbc.sql("SELECT id::text FROM supply_entry WHERE unit_id = ? AND kind_id = ?")
                .params(point, UUID.fromString(kind)).query(String.class).single();
        send("POST", "/api/v1/supplies/entries/" + in + "/receipt", officer, null, 200);
        // a wrong second issue, taken back before it was confirmed: no stock, no money
        String wrong = issue(chief, fangshan, kind, 50, "99.99");
        send("POST", "/api/v1/supplies/entries/" + wrong + "/reversal", chief, Map.of("reason", "重复下发"), 201);
        assertThat(api.send("POST", "/api/v1/supplies/entries/" + wrong + "/receipt", officer, null).statusCode())
                .isEqualTo(409);

        JsonNode summary = send("GET", "/api/v1/supplies/summary", chief, null, 200);
        assertThat(summary.get("unit").get("code").asText()).isEqualTo("320722010000");
        JsonNode total = null;
        for (JsonNode t : summary.get("kinds")) {
            if (t.get("kind").get("id").asText().equals(kind)) {
                total = t;
            }
        }
        assertThat(total).isNotNull();
        assertThat(total.get("onHand").asLong()).isEqualTo(100);
        assertThat(total.get("issued").asLong()).isEqualTo(100);
        assertThat(total.get("spentYuan").asText()).isEqualTo("200.00");
        Map<String, Integer> perUnit = new HashMap<>();
        summary.get("units").forEach(u -> perUnit.put(u.get("unitId").asText(),
                u.get("onHand").path(kind).asInt(0)));
        assertThat(perUnit).containsEntry(fangshan.toString(), 70).containsEntry(point.toString(), 30);
        assertThat(api.get("/api/v1/supplies/summary?from=2026-05-01&to=2026-04-01", chief).statusCode())
                .isEqualTo(400);

        List<List<String>> sheet = rows(api.download("/api/v1/supplies/export", chief));
        assertThat(sheet.get(0)).startsWith("日期", "单位", "物品", "类别", "数量", "计量单位", "库存变动", "金额（元）");
        List<List<String>> mine = sheet.stream().filter(r -> r.size() > 2 && r.get(2).startsWith("IT-彩页")
                && r.get(2).equals(sheet.stream().filter(x -> x.size() > 2).map(x -> x.get(2))
                        .filter(k -> k.startsWith("IT-彩页")).reduce((a, b) -> b).orElse(""))).toList();
        assertThat(mine).extracting(r -> r.get(3)).contains("下发", "调出", "调入", "冲正");
        assertThat(mine).filteredOn(r -> r.get(3).equals("下发")).extracting(r -> r.get(7))
                .contains("200", "99.99");
        assertThat(mine).filteredOn(r -> r.get(3).equals("冲正")).extracting(r -> r.get(7)).containsExactly("-99.99");
        issue(chief, fangshan, kind, 1, null);
        List<List<String>> english = rows(api.download("/api/v1/supplies/export", chief, "Accept-Language", "en"));
        assertThat(english.get(0)).startsWith("Date", "Unit", "Item", "Kind", "Quantity", "Counted in");
        String name = mine.get(0).get(2);
        List<List<String>> mineInEnglish = english.stream().filter(r -> r.size() > 5 && r.get(2).equals(name))
                .toList();
        assertThat(mineInEnglish).filteredOn(r -> r.get(4).equals("1")).extracting(r -> r.get(5))
                .containsExactly("piece");
        assertThat(mineInEnglish).filteredOn(r -> r.get(4).equals("100")).extracting(r -> r.get(5))
                .containsExactly("pieces");
        assertThat(mine).extracting(r -> r.get(5)).containsOnly("个");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'supply_entry'
                   AND actor_id = (SELECT id FROM staff WHERE username = 'chief')""").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * An issue reversed in a later month was recorded in error: the summary's quantities issued and money spent leave
     * it out of every period, as the work figures and the list of issues they link to do, so the month it was dated
     * does not count it and the month of its reversal does not go below nothing (a cost-less issue included).
     */
    @Test
    void anIssueReversedInALaterMonthCountsForNothingInTheSummaryAsInTheListOfIssues() {
        String kind = kind("IT-跨月冲正");
        UUID point = newUnit(fangshan, "WORK_POINT", "IT-P" + n(), "跨月冲正工作点");
        java.time.LocalDate today = desk.today();
        java.time.LocalDate then = today.minusMonths(2).withDayOfMonth(10);
        String costly = issueOn(point, kind, 5, "99.99", then);
        String free = issueOn(point, kind, 3, null, then);
        issueOn(point, kind, 2, "10.00", then);
        send("POST", "/api/v1/supplies/entries/" + costly + "/receipt", officer, null, 200);
        send("POST", "/api/v1/supplies/entries/" + costly + "/reversal", chief, Map.of("reason", "重复下发"), 201);
        send("POST", "/api/v1/supplies/entries/" + free + "/reversal", chief, Map.of("reason", "下发错了单位"), 201);

        String days = "&from=" + then + "&to=" + then;
        JsonNode month = send("GET", "/api/v1/supplies/summary?unitId=" + point + days, chief, null, 200);
        JsonNode listed = send("GET", "/api/v1/supplies/issues?unitId=" + point + days, chief, null, 200);
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("spentYuan").asText()).isEqualTo("10.00");
        JsonNode total = kindTotal(month, kind);
        assertThat(total.get("issued").asLong()).as("only the issue standing").isEqualTo(2);
        assertThat(total.get("spentYuan").asText()).isEqualTo("10.00");
        assertThat(month.get("spentYuan").asText()).as("the summary's money is the list's").isEqualTo("10.00");

        String now = "&from=" + today + "&to=" + today;
        JsonNode reversedToday = send("GET", "/api/v1/supplies/summary?unitId=" + point + now, chief, null, 200);
        JsonNode nothing = kindTotal(reversedToday, kind);
        assertThat(nothing.get("issued").asLong()).as("nothing issued today").isZero();
        assertThat(nothing.get("spentYuan").asText()).as("nothing spent today").isEqualTo("0.00");
        assertThat(reversedToday.get("spentYuan").asText()).isEqualTo("0.00");
        assertThat(reversedToday.get("units").findValuesAsText("spentYuan")).containsOnly("0.00");
    }

    /**
     * A period on the overview that ends before it begins is refused with the reason in the reader's language, as the
     * list of issues refuses it: it was silently replaced by this year, whose sums then stood under the dates he had
     * not asked for.
     */
    @Test
    void theOverviewRefusesAPeriodEndingBeforeItBeginsInsteadOfShowingThisYear() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        String reversed = "/supplies?unitId=" + fangshan + "&from=2026-05-01&to=2026-04-01";
        HttpResponse<String> zh = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN")
                .get(reversed, null, "Accept", browser);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("截止日期不能早于起始日期").doesNotContain("id=\"kind-totals\"");
        HttpResponse<String> en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en")
                .get(reversed, null, "Accept", browser);
        new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The end of the period cannot be before its start");
        // a period that is one still shows its sums under its own dates
        HttpResponse<String> good = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN")
                .get("/supplies?unitId=" + fangshan + "&from=2026-04-01&to=2026-05-01", null, "Accept", browser);
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).contains("value=\"2026-04-01\"", "value=\"2026-05-01\"");
    }

    /**
     * The overview's unit filter offers the reader's own unit, by its name, as the one it falls back to: it was named
     * after the unit shown, so the bureau reading 房山派出所 who chose "房山派出所" at the top got the whole county's
     * sums.
     */
    @Test
    void theOverviewsDefaultUnitIsNamedAfterTheReadersOwnUnitNotTheOneShown() {
        String county = jdbc.sql("SELECT name FROM unit WHERE code = '320722000000'").query(String.class).single();
        String station = jdbc.sql("SELECT name FROM unit WHERE code = '320722010000'").query(String.class).single();
        UUID stationId = unit("320722010000");
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        ApiClient page = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        String shown = page.get("/supplies?unitId=" + stationId, null, "Accept", browser).body();
        assertThat(select(shown, "filter-unit")).contains("<option value=\"\">" + county + "</option>")
                .doesNotContain("<option value=\"\">" + station + "</option>");
        // and what it falls back to is indeed his own: the county's summary
        assertThat(send("GET", "/api/v1/supplies/summary", bureau, null, 200).get("unit").get("name").asText())
                .isEqualTo(county);
    }

    String issueOn(UUID unit, String kind, int quantity, String costYuan, java.time.LocalDate on) {
        Map<String, Object> body = new HashMap<>(Map.of("kindId", kind, "quantity", quantity, "supplier",
                "县公安局装备财务科", "occurredOn", on.toString()));
        if (costYuan != null) {
            body.put("costYuan", costYuan);
        }
        return send("POST", "/api/v1/supplies/units/" + unit + "/issues", chief, body, 201).get("id").asText();
    }

    /** The summary's total of a kind (it holds some on its way, so it is there). */
    static JsonNode kindTotal(JsonNode summary, String kind) {
        for (JsonNode t : summary.get("kinds")) {
            if (t.get("kind").get("id").asText().equals(kind)) {
                return t;
            }
        }
        throw new AssertionError("no total of " + kind + " in " + summary);
    }

    /** Work undone when it ends: a second bureau must not stay in the suite's shared demo district. */
    void rolledBack(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.run();
        });
    }

    UUID newUnit(UUID parent, String kind, String code, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO unit (id, parent_id, kind, code, name, path, depth)
                SELECT CAST(:id AS uuid), p.id, :kind, :code, :name, coalesce(p.path, '/') || :id || '/',
                       coalesce(p.depth + 1, 0)
                  FROM (SELECT 1) one LEFT JOIN unit p ON p.id = :parent""")
                .param("id", id).param("parent", parent).param("kind", kind).param("code", code).param("name", name)
                .update();
        return id;
    }

    @Test
    void eachBureauSeesAndChangesOnlyItsOwnCatalogueAndItsUnitsLackOnlyWhatItRequires() {
        String homePath = jdbc.sql("SELECT path FROM unit WHERE code = '320722000000'").query(String.class).single();
        Set<String> catalogue = Set.of("SUPPLIES_READ", "SUPPLIES_ISSUE", "SUPPLIES_CATALOGUE");
        Actor here = new Actor(null, "本局装备科", List.of(homePath), catalogue);
        rolledBack(() -> {
            // a second county bureau of the province, with a station and a workstation
            String n = n();
            UUID bureau2 = newUnit(null, "BUREAU", "IT-B" + n, "外县公安局");
            UUID station2 = newUnit(bureau2, "STATION", "IT-S" + n, "外县派出所");
            UUID workstation2 = newUnit(station2, "WORKSTATION", "IT-W" + n, "外县警务工作站");
            String path2 = "/" + bureau2 + "/";
            Actor there = new Actor(null, "外县装备科", List.of(path2), catalogue);

            Kind ours = desk.addKind(new SupplyDesk.KindForm("IT-执法记录仪" + n, CountUnit.PIECE, true, null), here);
            Kind theirs = desk.addKind(new SupplyDesk.KindForm("IT-反光背心" + n, CountUnit.PIECE, false, null), there);
            assertThat(desk.kinds(here)).extracting(Kind::id).contains(ours.id()).doesNotContain(theirs.id());
            assertThat(desk.kinds(there)).extracting(Kind::id).contains(theirs.id()).doesNotContain(ours.id());
            assertThat(desk.kinds(there)).as("the standard kinds, its own").extracting(Kind::code)
                    .contains("RULES_BOARD", "LOGBOOK").doesNotHaveDuplicates();
            assertThat(desk.kinds(there)).extracting(Kind::id)
                    .doesNotContainAnyElementsOf(desk.kinds(here).stream().map(Kind::id).toList());

            // another bureau's kind is not there to change, nor to issue
            SupplyDesk.KindChange rename = new SupplyDesk.KindChange("IT-改名" + n, null, null);
            assertThatThrownBy(() -> desk.changeKind(ours.id(), rename, there)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> desk.changeKind(theirs.id(), rename, here)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> desk.issue(workstation2, new SupplyDesk.IssueForm(ours.id(), 1, null, null,
                    "装备科", null), there)).isInstanceOf(Invalid.class);
            assertThat(jdbc.sql("SELECT count(*) FROM supply_kind WHERE name = ?").param("IT-改名" + n)
                    .query(Long.class).single()).isZero();

            // each bureau requires what it chose; a name may be the same in both
            Kind required = desk.changeKind(theirs.id(), new SupplyDesk.KindChange(null, null, true), there);
            assertThat(required.required()).isTrue();
            assertThat(desk.addKind(new SupplyDesk.KindForm(ours.name(), CountUnit.SET, false, null), there).name())
                    .isEqualTo(ours.name());
            SupplyLedger.Gap gap = ledger.gaps(path2).stream().filter(g -> g.unitId().equals(workstation2))
                    .findFirst().orElseThrow();
            assertThat(gap.missing()).contains(theirs.id()).doesNotContain(ours.id())
                    .containsAll(desk.kinds(there).stream().filter(Kind::required).map(Kind::id).toList());
            assertThat(ledger.gaps(homePath).stream().flatMap(g -> g.missing().stream()))
                    .contains(ours.id()).doesNotContain(theirs.id());
        });
        // over the API: a kind that is not his bureau's is not found, and only a catalogue manager changes one
        assertThat(api.send("PATCH", "/api/v1/supplies/kinds/" + UUID.randomUUID(), bureau,
                Map.of("required", true)).statusCode()).isEqualTo(404);
        String mine = kind("IT-台账柜");
        assertThat(api.send("PATCH", "/api/v1/supplies/kinds/" + mine, chief, Map.of("name", "IT-x" + n()))
                .statusCode()).isEqualTo(403);
        String name = "IT-档案柜" + n();
        JsonNode renamed = send("PATCH", "/api/v1/supplies/kinds/" + mine, bureau, Map.of("name", name), 200);
        assertThat(renamed.get("name").asText()).isEqualTo(name);
        assertThat(renamed.get("required").asBoolean()).isFalse();
        assertThat(ApiClient.json(api.get("/api/v1/supplies/kinds", chief)).findValuesAsText("name")).contains(name);

        // on the overview page he marks it required at every workstation, and takes that back
        ApiClient page = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        String csrf = page.csrfFrom("/supplies");
        assertThat(page.form("/supplies/kinds/" + UUID.randomUUID() + "/required", Map.of("required", "true",
                "_csrf", csrf)).statusCode()).isEqualTo(404);
        assertThat(page.form("/supplies/kinds/" + mine + "/required", Map.of("required", "true", "_csrf", csrf))
                .statusCode()).isEqualTo(302);
        assertThat(ApiClient.json(api.get("/api/v1/supplies/gaps", bureau)).findValuesAsText("id")).contains(mine);
        page.form("/supplies/kinds/" + mine + "/required", Map.of("required", "false", "_csrf", csrf));
        assertThat(ApiClient.json(api.get("/api/v1/supplies/gaps", bureau)).findValuesAsText("id"))
                .doesNotContain(mine);
    }

    @Test
    void theDemosWorkstationWithoutARulesBoardIsFoundLacking() {
        JsonNode gaps = send("GET", "/api/v1/supplies/gaps", bureau, null, 200);
        JsonNode jingdu = null;
        for (JsonNode g : gaps) {
            if (g.get("unitId").asText().equals(unit("320722020200").toString())) {
                jingdu = g;
            }
        }
        assertThat(jingdu).as("晶都 lacks its rules board").isNotNull();
        assertThat(jingdu.get("missing").findValuesAsText("code")).contains("RULES_BOARD");
        assertThat(gaps.findValuesAsText("unitId")).doesNotContain(heping.toString());
        // and 牛山's officer sees his own station's gaps only
        assertThat(ApiClient.json(api.get("/api/v1/supplies/gaps", officer2)).findValuesAsText("unitId"))
                .doesNotContain(unit("320722020200").toString());
    }

    @Test
    void aStandardKindAddedLaterReachesTheBureausThatHaveTheirCopiesKeepingTheirEditsAndWhatTheyRetired() {
        String homePath = jdbc.sql("SELECT path FROM unit WHERE code = '320722000000'").query(String.class).single();
        UUID home = SupplyLedger.bureau(homePath);
        Actor here = new Actor(null, "本局装备科", List.of(homePath), Set.of("SUPPLIES_READ", "SUPPLIES_CATALOGUE"));
        rolledBack(() -> {
            Kind leaflet = desk.kinds(here).stream().filter(k -> k.code().equals("LEAFLET")).findFirst().orElseThrow();
            desk.changeKind(leaflet.id(), new SupplyDesk.KindChange(null, null, !leaflet.required()), here);
            // a migration (or whoever keeps the standard list) adds two standard kinds to the template
            String code = "IT_HELMET_" + n();
            jdbc.sql("INSERT INTO supply_standard_kind (code, count_unit, required) VALUES (?, 'PIECE', true),"
                    + " (?, 'SET', false)").params(code, code + "_B").update();
            assertThat(desk.kinds(here)).extracting(Kind::code).contains(code, code + "_B", "RULES_BOARD")
                    .doesNotHaveDuplicates();
            Kind helmet = desk.kinds(here).stream().filter(k -> k.code().equals(code)).findFirst().orElseThrow();
            assertThat(helmet.builtin()).isTrue();
            assertThat(helmet.required()).isTrue();
            assertThat(helmet.bureauId()).isEqualTo(home);
            assertThat(desk.kindOf(leaflet.id(), here).required()).as("the bureau's own choice stays")
                    .isEqualTo(!leaflet.required());
            // the bureau retires one it never used: neither reading again nor a standard kind added to the template
            // since brings it back into use, nor gives the bureau a second copy
            Kind retired = desk.kinds(here).stream().filter(k -> k.code().equals(code + "_B")).findFirst()
                    .orElseThrow();
            desk.retireKind(retired.id(), here);
            jdbc.sql("INSERT INTO supply_standard_kind (code, count_unit, required) VALUES (?, 'PIECE', false)")
                    .param(code + "_C").update();
            assertThat(desk.kinds(here)).filteredOn(k -> k.code().startsWith(code)).extracting(Kind::code,
                    Kind::retired).containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(code, false),
                    org.assertj.core.groups.Tuple.tuple(code + "_B", true),
                    org.assertj.core.groups.Tuple.tuple(code + "_C", false));
            assertThat(desk.kinds(here)).extracting(Kind::code).doesNotHaveDuplicates();
        });
    }

    @Test
    void oneWhoseUnitsSpanSeveralBureausChoosesTheBureauOfAKindAmongHisOwn() {
        String homePath = jdbc.sql("SELECT path FROM unit WHERE code = '320722000000'").query(String.class).single();
        Set<String> catalogue = Set.of("SUPPLIES_READ", "SUPPLIES_CATALOGUE");
        rolledBack(() -> {
            String n = n();
            UUID bureau2 = newUnit(null, "BUREAU", "IT-B" + n, "外县公安局");
            UUID bureau3 = newUnit(null, "BUREAU", "IT-C" + n, "第三县公安局");
            Actor province = new Actor(null, "市局装备处", List.of(homePath, "/" + bureau2 + "/"), catalogue);
            assertThatThrownBy(() -> desk.addKind(new SupplyDesk.KindForm("IT-无人机" + n, CountUnit.SET, false,
                    null), province)).isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems())
                    .extracting(Invalid.Problem::field, Invalid.Problem::key)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("bureauId", "supplies.kind.bureauNeeded")));
            assertThatThrownBy(() -> desk.addKind(new SupplyDesk.KindForm("IT-无人机" + n, CountUnit.SET, false,
                    bureau3), province)).isInstanceOf(NotFound.class);
            assertThat(jdbc.sql("SELECT count(*) FROM supply_kind WHERE name = ?").param("IT-无人机" + n)
                    .query(Long.class).single()).as("nothing added").isZero();
            Kind drone = desk.addKind(new SupplyDesk.KindForm("IT-无人机" + n, CountUnit.SET, false, bureau2),
                    province);
            assertThat(drone.bureauId()).isEqualTo(bureau2);
            // one of a single bureau need not say which
            Actor county = new Actor(null, "外县装备科", List.of("/" + bureau2 + "/"), catalogue);
            assertThat(desk.addKind(new SupplyDesk.KindForm("IT-警棍" + n, CountUnit.PIECE, false, null), county)
                    .bureauId()).isEqualTo(bureau2);
        });
        // over the API and the page: a bureau outside his scope is not found, and nothing is added
        String name = "IT-对讲机" + n();
        assertThat(api.send("POST", "/api/v1/supplies/kinds", bureau, Map.of("name", name, "countUnit", "PIECE",
                "bureauId", UUID.randomUUID().toString())).statusCode()).isEqualTo(404);
        ApiClient page = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(page.form("/supplies/kinds", Map.of("name", name, "countUnit", "PIECE", "bureauId",
                UUID.randomUUID().toString(), "_csrf", page.csrfFrom("/supplies"))).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM supply_kind WHERE name = ?").param(name).query(Long.class)
                .single()).isZero();
    }

    /**
     * A period ending after today is refused with the reason, on the overview, the list of issues and the API, as the
     * work figures refuse it: nothing can be issued ahead of today, so its sums were those so far, shown under dates
     * that read as a whole period. A period up to today still shows.
     */
    @Test
    void aPeriodEndingAfterTodayIsRefusedNotShownAsIfComplete() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        java.time.LocalDate today = desk.today();
        String ahead = "&from=" + today.withDayOfMonth(1) + "&to=" + today.plusMonths(1);
        HttpResponse<String> summary = api.get("/api/v1/supplies/summary?unitId=" + fangshan + ahead, chief);
        assertThat(summary.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(summary).get("errors").findValuesAsText("message")).containsExactly(
                "截止日期 " + today.plusMonths(1) + " 在今天（" + today + "）之后：今天以后尚无发放，请选择截至今天的期间");
        assertThat(api.get("/api/v1/supplies/issues?unitId=" + fangshan + ahead, chief).statusCode()).isEqualTo(400);
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        HttpResponse<String> overview = page.get("/supplies?unitId=" + fangshan + ahead, null, "Accept", browser);
        assertThat(overview.statusCode()).isEqualTo(400);
        assertThat(overview.body()).contains("今天以后尚无发放").doesNotContain("id=\"kind-totals\"");
        assertThat(page.get("/supplies/issues?unit=" + fangshan + ahead, null, "Accept", browser).statusCode())
                .isEqualTo(400);
        assertThat(page.get("/supplies?unitId=" + fangshan + "&from=" + today.withDayOfMonth(1) + "&to=" + today,
                null, "Accept", browser).statusCode()).isEqualTo(200);
    }

    /**
     * A quantity no stock could hold (3,000,000,000 typed on the form or sent) is refused with the quantity's range in
     * the reader's language and nothing saved: the API's answer names the field, and the form comes back with the
     * reason, not an error page.
     */
    @Test
    void aQuantityTooBigForAnyStockIsRefusedWithItsRangeAndNothingSaved() {
        String kind = kind("IT-巨量");
        HttpResponse<String> sent = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/issues", chief,
                Map.of("kindId", kind, "quantity", 3_000_000_000L, "supplier", "装备科"));
        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(sent).get("errors").findValuesAsText("message"))
                .containsExactly("数量应为 1 至 1,000,000 之间的整数");
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        String unitPage = "/supplies/units/" + fangshan;
        HttpResponse<String> typed = page.form(unitPage + "/issue", Map.of("_csrf", page.csrfFrom(unitPage), "kindId",
                kind, "quantity", "3000000000", "supplier", "装备科"));
        assertThat(typed.statusCode()).isEqualTo(302);
        assertThat(page.get(unitPage, null).body()).contains("数量应为 1 至 1,000,000 之间的整数");
        assertThat(lines(fangshan, kind)).isZero();
    }

    /**
     * A unit's stock is a 32-bit count: a receipt confirmed that would push it past 2,147,483,647 is refused in the
     * reader's language naming what it holds and the limit, not an error page, and nothing changes (the line stays
     * waiting to be confirmed, unsigned, the stock as it was).
     */
    @Test
    void aReceiptPushingAStockPastItsLimitIsRefusedWithTheLimitAndNothingChanges() {
        String kind = kind("IT-满仓");
        String first = issue(chief, fangshan, kind, 1, null);
        send("POST", "/api/v1/supplies/entries/" + first + "/receipt", officer, null, 200);
        int nearlyFull = Integer.MAX_VALUE - 10;
        jdbc.sql("UPDATE supply_stock SET on_hand = ? WHERE unit_id = ? AND kind_id = ?")
                .params(nearlyFull, fangshan, UUID.fromString(kind)).update();
        String line = issue(chief, fangshan, kind, 1_000, null);
        HttpResponse<String> refused = api.send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer,
                null, "Accept-Language", "en");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("The stock would exceed its limit: 2,147,483,637 on hand, cannot add 1,000"
                + " (a unit holds at most 2,147,483,647 of a kind)");
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(nearlyFull);
        assertThat(jdbc.sql("SELECT count(*) FROM supply_receipt WHERE entry_id = ?").param(UUID.fromString(line))
                .query(Long.class).single()).isZero();
    }

    /**
     * What waits to be confirmed is a sum of lines, each up to a million: 2,148 issues of a million waiting at one
     * work point are 2,148,000,000, past a 32-bit count. The unit's stock, its page, the station's summary (per kind
     * and per unit) and the refusal to retire a kind still held read it whole, not an error page. The copies are
     * dated long ago (no period of another test counts them) and taken back by reversals at the end.
     */
    @Test
    void whatWaitsToBeConfirmedIsReadWholePastTwoBillion() {
        String kind = kind("IT-待签收");
        UUID point = jdbc.sql("""
                SELECT id FROM unit WHERE kind = 'WORK_POINT' AND path LIKE (SELECT path || '%' FROM unit WHERE id = ?)
                ORDER BY code DESC LIMIT 1""").param(fangshan).query(UUID.class).single();
        String first = issue(chief, point, kind, 1_000_000, null);
        jdbc.sql("""
                INSERT INTO supply_entry (id, unit_id, kind_id, entry_type, quantity, change, cost_fen, occurred_on,
                    supplier, needs_receipt, recorded_by, recorded_by_name, recorded_at)
                SELECT gen_random_uuid(), unit_id, kind_id, entry_type, quantity, change, cost_fen, DATE '2001-02-03',
                       supplier, needs_receipt, recorded_by, recorded_by_name, recorded_at
                  FROM supply_entry, generate_series(1, 2147) WHERE id = ?""").param(UUID.fromString(first)).update();
        try {
            long waiting = 2_148_000_000L;
            JsonNode stock = send("GET", "/api/v1/supplies/units/" + point, chief, null, 200).get("stock");
            assertThat(stock.findParents("pending")).filteredOn(s -> s.get("kind").get("id").asText().equals(kind))
                    .extracting(s -> s.get("pending").asLong()).containsExactly(waiting);
            JsonNode summary = send("GET", "/api/v1/supplies/summary", chief, null, 200);
            assertThat(kindTotal(summary, kind).get("pending").asLong()).isEqualTo(waiting);
            assertThat(summary.get("units").findParents("unitId")).filteredOn(u -> u.get("unitId").asText()
                    .equals(point.toString())).extracting(u -> u.get("pending").get(kind).asLong())
                    .containsExactly(waiting);

            ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
            HttpResponse<String> unitPage = page.get("/supplies/units/" + point, null);
            assertThat(unitPage.statusCode()).isEqualTo(200);
            assertThat(unitPage.body()).contains(">2148000000<");
            HttpResponse<String> overview = page.get("/supplies", null);
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains(">2148000000<");

            HttpResponse<String> retire = api.send("POST", "/api/v1/supplies/kinds/" + kind + "/retirement",
                    bureau, null);
            assertThat(retire.statusCode()).as(retire.body()).isEqualTo(409);
            assertThat(retire.body()).contains("待签收 2148000000 个");
        } finally {
            jdbc.sql("""
                    INSERT INTO supply_entry (id, unit_id, kind_id, entry_type, quantity, change, occurred_on, reason,
                        reverses_id, needs_receipt, recorded_by_name, recorded_at)
                    SELECT gen_random_uuid(), unit_id, kind_id, 'REVERSAL', quantity, 0, occurred_on, '测试收回', id,
                           false, recorded_by_name, recorded_at
                      FROM supply_entry e WHERE kind_id = ? AND entry_type = 'ISSUED'
                       AND NOT EXISTS (SELECT 1 FROM supply_entry v WHERE v.reverses_id = e.id)""")
                    .param(UUID.fromString(kind)).update();
        }
    }

    @Test
    void theCatalogueManagerEditsAKindOfHisBureauOnTheCataloguePageAndBadInputChangesNothing() {
        String mine = kind("IT-灭火器");
        String before = jdbc.sql("SELECT name FROM supply_kind WHERE id = ?").param(UUID.fromString(mine))
                .query(String.class).single();
        ApiClient page = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        String csrf = page.csrfFrom("/supplies");
        assertThat(page.get("/supplies", null).body()).contains("/supplies/kinds/" + mine + "\"");
        // another bureau's kind (or none) is not there to edit
        assertThat(page.form("/supplies/kinds/" + UUID.randomUUID(), Map.of("name", "IT-x", "countUnit", "SET",
                "_csrf", csrf)).statusCode()).isEqualTo(404);
        // a blank name is refused in the reader's language, nothing changed
        assertThat(page.form("/supplies/kinds/" + mine, Map.of("name", " ", "countUnit", "SET", "required", "true",
                "_csrf", csrf)).statusCode()).isEqualTo(302);
        assertThat(page.get("/supplies", null).body()).contains("名称").contains("必填");
        ApiClient english = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, "en");
        english.form("/supplies/kinds/" + mine, Map.of("name", " ", "countUnit", "SET", "_csrf",
                english.csrfFrom("/supplies")));
        assertThat(english.get("/supplies", null).body()).containsIgnoringCase("required");
        new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, "zh-CN");
        assertThat(ApiClient.json(api.get("/api/v1/supplies/kinds", bureau)).toString()).contains(before);
        assertThat(jdbc.sql("SELECT count_unit || required FROM supply_kind WHERE id = ?")
                .param(UUID.fromString(mine)).query(String.class).single()).isEqualTo("PIECEfalse");
        // a good one renames it, counts it in sets, requires it: audited
        String name = "IT-灭火器箱" + n();
        assertThat(page.form("/supplies/kinds/" + mine, Map.of("name", name, "countUnit", "SET", "required", "true",
                "_csrf", csrf)).statusCode()).isEqualTo(302);
        assertThat(page.get("/supplies", null).body()).contains("已修改物品目录").contains(name + "（套）");
        assertThat(jdbc.sql("SELECT count_unit || required FROM supply_kind WHERE id = ?")
                .param(UUID.fromString(mine)).query(String.class).single()).isEqualTo("SETtrue");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'supply_kind' AND record_id = ?
                   AND action = 'UPDATE'""").param(mine).query(Long.class).single()).isEqualTo(1);
        // only the catalogue manager edits: the chief may not
        ApiClient chiefPage = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        assertThat(chiefPage.form("/supplies/kinds/" + mine, Map.of("name", "IT-y" + n(), "countUnit", "SET",
                "_csrf", chiefPage.csrfFrom("/supplies"))).statusCode()).isEqualTo(403);
        // a kind with lines keeps its count unit: its quantities were counted in it
        issue(chief, fangshan, mine, 1, null);
        HttpResponse<String> r = api.send("PATCH", "/api/v1/supplies/kinds/" + mine, bureau,
                Map.of("countUnit", "PIECE"), "Accept-Language", "en");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("count unit");
        assertThat(jdbc.sql("SELECT count_unit FROM supply_kind WHERE id = ?").param(UUID.fromString(mine))
                .query(String.class).single()).isEqualTo("SET");
    }

    @Test
    void theCatalogueManagerRetiresAKindNoUnitHoldsItsLinesStayReadableWithItsNameAndHeBringsItBack() {
        String kind = kind("IT-旧门牌");
        String name = ApiClient.json(api.get("/api/v1/supplies/entries/" + issue(chief, fangshan, kind, 2, "10.00"),
                chief)).get("kind").get("name").asText();
        String retirement = "/api/v1/supplies/kinds/" + kind + "/retirement";
        String fangshanName = jdbc.sql("SELECT name FROM unit WHERE id = ?").param(fangshan).query(String.class)
                .single();
        send("PATCH", "/api/v1/supplies/kinds/" + kind, bureau, Map.of("required", true), 200);
        assertThat(ApiClient.json(api.get("/api/v1/supplies/gaps", bureau)).findValuesAsText("id")).contains(kind);
        // while a unit has some on its way (or in stock) it is not retired, in the reader's language
        HttpResponse<String> held = api.send("POST", retirement, bureau, null, "Accept-Language", "en");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(409);
        assertThat(held.body()).contains("1 unit still holds this item or has it on its way")
                .contains(fangshanName + " (0 pieces on hand, 2 pieces to confirm)");
        String line = ApiClient.json(api.get("/api/v1/supplies/units/" + fangshan + "/entries?size=100", chief))
                .get("items").findParents("kind").stream().filter(e -> e.get("kind").get("id").asText().equals(kind))
                .findFirst().orElseThrow().get("id").asText();
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer, Map.of("type", "USED", "kindId", kind,
                "quantity", 2, "reason", "换了新门牌"), 201);
        // a reader may not retire it; another bureau's kind (or none) is not found
        assertThat(api.send("POST", retirement, chief, null).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/supplies/kinds/" + UUID.randomUUID() + "/retirement", bureau, null)
                .statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT retired_at IS NULL FROM supply_kind WHERE id = ?").param(UUID.fromString(kind))
                .query(Boolean.class).single()).as("nothing retired yet").isTrue();

        // retired on the catalogue page: audited, and no longer required of any workstation
        ApiClient page = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, null);
        assertThat(page.form("/supplies/kinds/" + kind + "/retired", Map.of("retired", "true", "_csrf",
                page.csrfFrom("/supplies"))).statusCode()).isEqualTo(302);
        assertThat(page.get("/supplies", null).body()).contains("已停用：不再下发，也不再要求统一配备");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'supply_kind' AND record_id = ?
                   AND action = 'UPDATE' AND after ->> 'retired' = 'true'""").param(kind).query(Long.class)
                .single()).isEqualTo(1);
        assertThat(ApiClient.json(api.get("/api/v1/supplies/gaps", bureau)).findValuesAsText("id"))
                .doesNotContain(kind);
        // it leaves the issue form, and issuing it is refused with nothing saved
        ApiClient chiefPage = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        String unitPage = chiefPage.get("/supplies/units/" + fangshan, null).body();
        assertThat(unitPage).doesNotContain("value=\"" + kind + "\"").contains(name);
        HttpResponse<String> issued = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/issues", chief,
                Map.of("kindId", kind, "quantity", 1, "supplier", "装备科"), "Accept-Language", "en");
        assertThat(issued.statusCode()).isEqualTo(400);
        assertThat(issued.body()).contains("This item has been retired");
        assertThat(lines(fangshan, kind)).isEqualTo(2);
        // its lines and stock row still read with its name
        JsonNode entry = send("GET", "/api/v1/supplies/entries/" + line, chief, null, 200);
        assertThat(entry.get("kind").get("name").asText()).isEqualTo(name);
        assertThat(entry.get("kind").get("retired").asBoolean()).isTrue();
        assertThat(ApiClient.json(api.get("/api/v1/supplies/units/" + fangshan + "/entries?size=100", chief))
                .get("items").findParents("kind").stream().filter(e -> e.get("kind").get("id").asText()
                        .equals(kind))).hasSize(2).allMatch(e -> e.get("kind").get("name").asText().equals(name));
        assertThat(jdbc.sql("SELECT count(*) FROM supply_stock WHERE kind_id = ?").param(UUID.fromString(kind))
                .query(Long.class).single()).isEqualTo(1);

        // brought back: in the forms again, required again as it was
        JsonNode back = send("DELETE", retirement, bureau, null, 200);
        assertThat(back.get("retired").asBoolean()).isFalse();
        assertThat(chiefPage.get("/supplies/units/" + fangshan, null).body()).contains("value=\"" + kind + "\"");
        assertThat(ApiClient.json(api.get("/api/v1/supplies/gaps", bureau)).findValuesAsText("id")).contains(kind);
        issue(chief, fangshan, kind, 1, null);
        send("PATCH", "/api/v1/supplies/kinds/" + kind, bureau, Map.of("required", false), 200);
    }

    /**
     * A kind retired once no unit held it comes back into a unit's stock by the reversal of a use recorded in error:
     * the stock is real, so the reversal stands; the kind shows in the unit's stock, the overview and the export
     * marked retired, and what the unit holds may be used up or transferred out, never issued anew.
     */
    @Test
    void aReversalBringingBackARetiredKindStandsAndTheUnitMayUseOrTransferItButNobodyIssuesIt() {
        String kind = kind("IT-旧警示牌");
        UUID point = jdbc.sql("SELECT id FROM unit WHERE parent_id = ? AND kind = 'WORK_POINT' ORDER BY code LIMIT 1")
                .param(fangshan).query(UUID.class).single();
        String line = issue(chief, fangshan, kind, 3, "30");
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        String use = send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer, Map.of("type", "USED",
                "kindId", kind, "quantity", 3, "reason", "换新"), 201).get("id").asText();
        send("POST", "/api/v1/supplies/kinds/" + kind + "/retirement", bureau, null, 200);

        // the use was recorded in error: its reversal puts the three back, retired or not
        send("POST", "/api/v1/supplies/entries/" + use + "/reversal", officer, Map.of("reason", "误登记"), 201);
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(3);
        JsonNode stock = send("GET", "/api/v1/supplies/units/" + fangshan, officer, null, 200).get("stock")
                .findParents("kind").stream().filter(s -> s.get("kind").get("id").asText().equals(kind))
                .findFirst().orElseThrow();
        assertThat(stock.get("kind").get("retired").asBoolean()).isTrue();

        // the unit's page marks it retired in its stock and offers it to the use and transfer forms, not to issue
        ApiClient chiefPage = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        String unitPage = chiefPage.get("/supplies/units/" + fangshan, null).body();
        String row = unitPage.substring(unitPage.indexOf("data-kind=\"" + stock.get("kind").get("code").asText()));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("已停用");
        String issueForm = unitPage.substring(unitPage.indexOf("id=\"issue-kind\""));
        assertThat(issueForm.substring(0, issueForm.indexOf("</select>"))).doesNotContain(kind);
        String transferForm = unitPage.substring(unitPage.indexOf("id=\"transfer-kind\""));
        assertThat(transferForm.substring(0, transferForm.indexOf("</select>"))).contains(kind);
        // the overview's kinds mark it too
        String overview = new ApiClient(port).signedIn("bureau", DEMO_PASSWORD, "zh-CN")
                .get("/supplies?unitId=" + fangshan, null).body();
        String total = overview.substring(overview.indexOf("id=\"kind-totals\""));
        total = total.substring(total.indexOf("data-kind=\"" + stock.get("kind").get("code").asText()));
        assertThat(total.substring(0, total.indexOf("</tr>"))).contains("已停用");

        // what the unit holds it may use up and transfer out; nobody issues it anew
        send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer, Map.of("type", "USED",
                "kindId", kind, "quantity", 1, "reason", "挂在村部"), 201);
        send("POST", "/api/v1/supplies/units/" + fangshan + "/transfers", chief,
                Map.of("toUnitId", point, "kindId", kind, "quantity", 1), 201);
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(1);
        assertThat(send("GET", "/api/v1/supplies/units/" + point, chief, null, 200).get("waiting")
                .findValuesAsText("code")).contains(stock.get("kind").get("code").asText());
        HttpResponse<String> issued = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/issues", chief,
                Map.of("kindId", kind, "quantity", 1, "supplier", "装备科"));
        assertThat(issued.statusCode()).isEqualTo(400);
        assertThat(issued.body()).contains("已停用");
        // more than it holds is refused as for any kind
        HttpResponse<String> more = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/uses", officer,
                Map.of("type", "LOST", "kindId", kind, "quantity", 2, "reason", "丢失"));
        assertThat(more.statusCode()).isEqualTo(409);

        // the export names it marked retired, in the reader's language
        List<List<String>> sheet = rows(api.download("/api/v1/supplies/export?unitId=" + fangshan, chief));
        String name = stock.get("kind").get("name").asText();
        assertThat(sheet.stream().filter(r -> r.size() > 2 && r.get(2).startsWith(name)).map(r -> r.get(2)))
                .isNotEmpty().allMatch(n -> n.equals(name + "（已停用）"));
        List<List<String>> english = rows(api.download("/api/v1/supplies/export?unitId=" + fangshan, chief,
                "Accept-Language", "en"));
        assertThat(english.stream().filter(r -> r.size() > 2 && r.get(2).startsWith(name)).map(r -> r.get(2)))
                .isNotEmpty().allMatch(n -> n.equals(name + " (retired)"));
    }

    /**
     * The forms to record use and to transfer offer what the unit holds on hand: a kind only on its way, not yet
     * confirmed, cannot be used up nor transferred (its submit could only be refused), so it is not offered.
     */
    @Test
    void theUseAndTransferFormsOfferOnlyWhatTheUnitHoldsOnHand() {
        String kind = kind("IT-在途");
        String line = issue(chief, fangshan, kind, 2, null);
        // the unit's officer records use, the chief transfers
        ApiClient officerPage = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        ApiClient chiefPage = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        assertThat(select(officerPage.get("/supplies/units/" + fangshan, null).body(), "use-kind"))
                .doesNotContain(kind);
        assertThat(select(chiefPage.get("/supplies/units/" + fangshan, null).body(), "transfer-kind"))
                .doesNotContain(kind);
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        assertThat(select(officerPage.get("/supplies/units/" + fangshan, null).body(), "use-kind")).contains(kind);
        assertThat(select(chiefPage.get("/supplies/units/" + fangshan, null).body(), "transfer-kind"))
                .contains(kind);
    }

    /** The options of a page's select, by its id (none when the page has no such select). */
    static String select(String page, String id) {
        int at = page.indexOf("id=\"" + id + "\"");
        return at < 0 ? "" : page.substring(at, page.indexOf("</select>", at));
    }

    @Test
    void countsReadInTheSingularForOneInEnglishAndAsBeforeInChinese() {
        String kind = kind("IT-警示桩");
        String line = issue(chief, fangshan, kind, 1, null);
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        String en = english.get("/supplies/units/" + fangshan, null).body();
        assertThat(en).contains("1 piece<").doesNotContain(">1 pieces<");
        issue(chief, fangshan, kind, 2, null);
        assertThat(english.get("/supplies/units/" + fangshan, null).body()).contains("2 pieces");
        // the chief's issue form lists the kinds with their count unit in English brackets
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        assertThat(select(chief.get("/supplies/units/" + fangshan, null).body(), "issue-kind"))
                .contains(" (pieces)</option>").doesNotContain("（");
        new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        // and in Chinese for a session that switches back
        ApiClient chinese = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        assertThat(chinese.get("/supplies/units/" + fangshan, null).body()).contains(">1 个<");
    }

    @Test
    void aRetiredUnitIsNoLongerOfferedNorIssuedNorTransferredToAndIsNamedInTheRefusal() {
        String kind = kind("撤销单位");
        String n = n();
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        UUID gone = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-SUP-R-" + n, "撤并工作站" + n, null)
                .id().value();
        assertThat(ApiClient.json(api.get("/api/v1/supplies/units", chief)).findValuesAsText("id"))
                .contains(gone.toString());
        String line = issue(chief, fangshan, kind, 2, null);
        send("POST", "/api/v1/supplies/entries/" + line + "/receipt", officer, null, 200);
        assertThat(api.send("DELETE", "/api/v1/units/" + gone, bureau, null).statusCode()).isEqualTo(204);

        // out of the choices: the API's unit list and the transfer form's targets
        assertThat(ApiClient.json(api.get("/api/v1/supplies/units", chief)).findValuesAsText("id"))
                .contains(fangshan.toString()).doesNotContain(gone.toString());
        assertThat(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN").get("/supplies/units/" + fangshan, null)
                .body()).contains("name=\"toUnitId\"").doesNotContain(gone.toString());
        // refused as the target of an issue or a transfer, in the reader's language, nothing counted
        HttpResponse<String> issued = api.send("POST", "/api/v1/supplies/units/" + gone + "/issues", chief,
                Map.of("kindId", kind, "quantity", 1, "supplier", "县公安局装备财务科"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(400);
        assertThat(issued.body()).contains("单位“撤并工作站" + n + "”已撤销，不能再向其发放或调入物品，请另选单位");
        HttpResponse<String> moved = api.send("POST", "/api/v1/supplies/units/" + fangshan + "/transfers", chief,
                Map.of("toUnitId", gone, "kindId", kind, "quantity", 1), "Accept-Language", "en");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(400);
        assertThat(moved.body()).contains("The unit 撤并工作站" + n
                + " was retired: nothing is issued or transferred to it any more; choose another unit");
        assertThat(lines(gone, kind)).isZero();
        assertThat(onHand(officer, fangshan, kind)).isEqualTo(2);
    }
}
