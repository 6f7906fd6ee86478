package org.fengqiao.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.mediation.MediationPartiesIntegrationTests;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The forms a recovery file's page repeats on every row, posted as a browser posts them: an asset's change of state,
 * a return's receipt, and a victim added from the search's results. Refused, the form comes back in its own row with
 * what was typed (the search's results shown again for the victim), every other row as it was, and nothing saved.
 */
class RecoveryPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    RecoveryFixtures fx;
    String token;
    ApiClient browser;
    String n;
    Grid grid;

    @BeforeEach
    void aFileOfItsOwnGrid() {
        ApiClient api = new ApiClient(port);
        fx = new RecoveryFixtures(api, jdbc, port);
        token = api.token("officer", DEMO_PASSWORD);
        browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        n = RecoveryFixtures.n();
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions,
                jurisdictions.unitByCode("320722010100").orElseThrow(), "IT-RP-" + n, "追赃页面", 95);
    }

    @Test
    void anAssetsStateChangeRefusedComesBackInItsOwnRowAndNothingIsSaved() {
        String file = fx.file(token, grid.code(), "officer", "财物状态" + n, null);
        String cash = fx.asset(token, file, "现金" + n, 10_000, "TRACED");
        String phone = fx.asset(token, file, "手机" + n, 20_000, "TRACED");
        String page = "/recovery/" + file;
        String tomorrow = RecoveryApiIntegrationTests.today().plusDays(1).toString();

        HttpResponse<String> refused = browser.form(page + "/state", Map.of("_csrf", browser.csrfFrom(page),
                "assetId", phone, "state", "FROZEN", "on", tomorrow));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_asset WHERE file_id = ? AND state <> 'TRACED'")
                .param(UUID.fromString(file)).query(Long.class).single()).as("nothing moved").isZero();

        String again = html(page);
        assertThat(again).contains("日期不能晚于今天");
        assertThat(row(again, phone)).containsPattern("value=\"FROZEN\"[^>]*selected")
                .contains("value=\"" + tomorrow + "\"");
        assertThat(row(again, cash)).as("the other asset's row as it was").doesNotContain("selected", tomorrow)
                .contains("value=\"" + RecoveryApiIntegrationTests.today() + "\"");
    }

    @Test
    void anAssetsStateChangeSentWithoutItsDayOrWithNothingIsRefusedWithTheFieldsNamedAndNothingIsSaved() {
        String file = fx.file(token, grid.code(), "officer", "空表单" + n, null);
        String cash = fx.asset(token, file, "现金" + n, 10_000, "TRACED");
        String page = "/recovery/" + file;
        long updates = updates(file);

        // the day the form always sends left empty: not recorded for today, a step nobody chose
        assertThat(browser.form(page + "/state", Map.of("_csrf", browser.csrfFrom(page), "assetId", cash,
                "state", "SEIZED", "on", "")).statusCode()).isEqualTo(302);
        String again = html(page);
        assertThat(again).contains("日期：必填").doesNotContain("已保存");
        assertThat(row(again, cash)).containsPattern("value=\"SEIZED\"[^>]*selected");
        // nothing sent at all
        assertThat(browser.form(page + "/state", Map.of("_csrf", browser.csrfFrom(page))).statusCode()).isEqualTo(302);
        assertThat(html(page)).contains("请选择本案的涉案财物", "状态：必填", "日期：必填").doesNotContain("已保存");

        assertThat(jdbc.sql("SELECT count(*) FROM recovery_asset WHERE file_id = ? AND state <> 'TRACED'")
                .param(UUID.fromString(file)).query(Long.class).single()).as("nothing moved").isZero();
        assertThat(updates(file)).as("nothing audited").isEqualTo(updates);
    }

    @Test
    void closingAFileSaysItIsClosedNotSaved() {
        String file = fx.file(token, grid.code(), "officer", "结档" + n, null);
        String page = "/recovery/" + file;
        // closed without a conclusion: refused on the page with the fields named, still open
        assertThat(browser.form(page + "/close", Map.of("_csrf", browser.csrfFrom(page))).statusCode()).isEqualTo(302);
        assertThat(html(page)).contains("结档结论：必填", "结论说明：必填").doesNotContain("已结档：");
        assertThat(browser.form(page + "/close", Map.of("_csrf", browser.csrfFrom(page), "outcome",
                "NOTHING_RECOVERABLE", "outcomeNote", "赃款已被挥霍" + n)).statusCode()).isEqualTo(302);
        assertThat(html(page)).contains("已结档", "无可追缴", "赃款已被挥霍" + n).doesNotContain("已保存");
        assertThat(browser.form(page + "/reopen", Map.of("_csrf", browser.csrfFrom(page))).statusCode()).isEqualTo(302);
        assertThat(html(page)).contains("档案已重新打开").doesNotContain("已保存");
    }

    @Test
    void aNumberTooBigForItsFieldComesBackOnTheFormWithTheFieldNamedAndWhatWasTyped() {
        String file = fx.file(token, grid.code(), "officer", "数量过大" + n, null);
        String page = "/recovery/" + file;
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrfFrom(page));
        form.put("name", "被害人" + n);
        form.put("description", "电动车一辆" + n);
        form.put("quantity", "3000000000");
        form.put("amountYuan", "3200");
        HttpResponse<String> refused = browser.form(page + "/victim", form, "Accept", "text/html",
                "Referer", "http://localhost:" + port + page);
        assertThat(refused.statusCode()).as("back to the form, not the error page").isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith(page);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_victim WHERE file_id = ?").param(UUID.fromString(file))
                .query(Long.class).single()).as("nobody added").isZero();

        String again = html(page);
        assertThat(again).contains("数量：超出可填的范围")
                .contains("value=\"被害人" + n + "\"", "value=\"电动车一辆" + n + "\"", "value=\"3000000000\"",
                        "value=\"3200\"");

        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        form.put("_csrf", english.csrfFrom(page));
        english.form(page + "/victim", form, "Accept", "text/html", "Referer", "http://localhost:" + port + page);
        assertThat(english.get(page, null, "Accept", "text/html").body()).contains("Out of range");
    }

    long updates(String file) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'recovery-file' AND record_id = ? "
                + "AND action = 'UPDATE'").param(file).query(Long.class).single();
    }

    @Test
    void aReceiptRefusedComesBackInItsOwnRowAndNothingIsSaved() {
        String file = fx.file(token, grid.code(), "officer", "签收凭证" + n, null);
        String victim = fx.victim(token, file, "被害人" + n, 50_000);
        String asset = fx.asset(token, file, "扣押现金" + n, 50_000, "SEIZED");
        String first = ApiClient.json(fx.returned(token, file, victim, asset, 10_000)).get("id").asText();
        String second = ApiClient.json(fx.returned(token, file, victim, asset, 20_000)).get("id").asText();
        String page = "/recovery/" + file;
        String before = RecoveryApiIntegrationTests.today().minusDays(3).toString(); // both were returned today

        assertThat(browser.form(page + "/receipt", Map.of("_csrf", browser.csrfFrom(page), "returnId", second,
                "on", before)).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_return WHERE file_id = ? AND receipt_signed_on IS NOT NULL")
                .param(UUID.fromString(file)).query(Long.class).single()).as("nothing signed").isZero();

        String again = html(page);
        assertThat(again).contains("签收日期不能早于返还日期");
        assertThat(row(again, second)).contains("value=\"" + before + "\"");
        assertThat(row(again, first)).as("the other return's row as it was").doesNotContain(before)
                .contains("value=\"" + RecoveryApiIntegrationTests.today() + "\"");
    }

    @Test
    void aVictimAddedFromTheSearchAndRefusedComesBackAmongTheSameResultsInHisOwnRow() {
        String family = MediationPartiesIntegrationTests.uniqueName(); // 欧阳 and three rare characters
        UUID wife = person(family + "芳");
        UUID husband = person(family + "强");
        String file = fx.file(token, grid.code(), "officer", "查找被害人" + n, null);
        String page = "/recovery/" + file;
        String search = page + "?personQ=" + URLEncoder.encode(family, StandardCharsets.UTF_8);
        assertThat(html(search)).contains("data-person=\"" + wife + "\"", "data-person=\"" + husband + "\"");

        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrfFrom(search));
        form.put("personId", husband.toString());
        form.put("personQ", family);
        form.put("description", "电动车一辆" + n);
        form.put("amountYuan", "3200.555"); // three decimals: refused
        assertThat(browser.form(page + "/victim", form).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_victim WHERE file_id = ?").param(UUID.fromString(file))
                .query(Long.class).single()).as("nobody added").isZero();

        String again = html(page);
        assertThat(again).contains("金额格式不正确（元，最多两位小数）");
        assertThat(again).as("the search's results again, open").contains("id=\"people\"")
                .containsPattern("<details class=\"card\" id=\"victim-card\"[^>]*open");
        assertThat(item(again, husband)).contains("value=\"电动车一辆" + n + "\"", "value=\"3200.555\"");
        assertThat(item(again, wife)).as("the other person's row as it was").doesNotContain("电动车一辆", "3200.555");
        assertThat(again).as("the form for a victim typed by hand stays empty")
                .contains("id=\"victim-person\" name=\"personId\" maxlength=\"36\" pattern=\"[0-9a-fA-F-]{36}\" value=\"\">",
                        "id=\"victim-loss\" name=\"description\" maxlength=\"500\" value=\"\">",
                        "id=\"victim-amount\" name=\"amountYuan\" inputmode=\"decimal\" maxlength=\"16\" value=\"\">");
        assertThat(html(page)).as("shown once").doesNotContain("电动车一辆" + n);
    }

    @Test
    void anAmountInExponentFormIsRefusedInEitherLanguageAndNothingIsSaved() {
        String file = fx.file(token, grid.code(), "officer", "指数金额" + n, null);
        String page = "/recovery/" + file;
        // "1e3" was read as 1000 yuan: a loss nobody typed, on the victim's record and in the file's totals
        for (String typed : new String[] {"1e3", "1E2", "-0", "NaN"}) {
            Map<String, String> form = new HashMap<>(Map.of("_csrf", browser.csrfFrom(page), "name", "指数" + n,
                    "description", "现金" + n, "amountYuan", typed));
            assertThat(browser.form(page + "/victim", form).statusCode()).as(typed).isEqualTo(302);
            assertThat(jdbc.sql("SELECT count(*) FROM recovery_victim WHERE file_id = ?")
                    .param(UUID.fromString(file)).query(Long.class).single()).as("nobody added for " + typed).isZero();
            assertThat(html(page)).as(typed).contains("金额格式不正确（元，最多两位小数）");
        }

        ApiClient english = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en");
        HttpResponse<String> refused = english.form(page + "/victim", Map.of("_csrf", english.csrfFrom(page),
                "name", "指数" + n, "description", "现金" + n, "amountYuan", "1e3"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(english.get(page, null, "Accept", "text/html").body())
                .contains("Not a valid amount (yuan, at most two decimals)");
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_victim WHERE file_id = ?").param(UUID.fromString(file))
                .query(Long.class).single()).as("nobody added").isZero();
    }

    /** A person of the test's own grid, found by the name given. */
    UUID person(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid.id().value());
        body.put("name", name);
        body.put("idNumber", TestIdentityNumbers.next(Sex.FEMALE));
        body.put("residence", "PERMANENT");
        return UUID.fromString(fx.send("POST", "/api/v1/persons", token, body, 201).get("id").asText());
    }

    String html(String path) {
        HttpResponse<String> r = browser.get(path, null, "Accept", "text/html");
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    /** The table row of this asset or return. */
    static String row(String html, String id) {
        int from = html.indexOf("<tr data-id=\"" + id + "\"");
        assertThat(from).as("row of " + id).isNotNegative();
        return html.substring(from, html.indexOf("</tr>", from));
    }

    /** The item of this person among the search's results. */
    static String item(String html, UUID person) {
        int from = html.indexOf("data-person=\"" + person + "\"");
        assertThat(from).as("item of " + person).isNotNegative();
        return html.substring(from, html.indexOf("</li>", from));
    }
}
