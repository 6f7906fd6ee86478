package org.fengqiao.recovery;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's 追赃必还 on a phone: the officer opens a recovery file, adds a victim with what he lost and the cash
 * seized from the suspect, is refused a return larger than the loss (in Chinese, nothing changed), returns the
 * right amount, downloads the receipt and reads it, records it signed, and sees the file's figures and the rates.
 */
class RecoveryBrowserTests extends BrowserTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone().setAcceptDownloads(true);
    }

    @Test
    void anOfficerReturnsSeizedCashToAVictimAndDownloadsTheReceiptToSign() throws IOException {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        login("officer");
        page.navigate(url("/recovery"));
        assertThat(page.locator("h1")).hasText("追赃挽损");
        page.click("#new-file");
        page.fill("#caseNumber", "东公（房）刑立字〔2026〕" + n);
        page.fill("#title", "兴东村入户盗窃案" + n);
        page.fill("#summary", "白天翻墙入院，盗走现金和手机。");
        page.selectOption("#gridId", new com.microsoft.playwright.options.SelectOption().setLabel("FS-3-03 兴东村第3网格"));
        page.click("#action-open");
        page.waitForURL(u -> u.matches(".*/recovery/[0-9a-f-]{36}$"));
        assertThat(page.locator("#file-title")).hasText("兴东村入户盗窃案" + n);
        assertThat(page.locator("#file-status")).hasText("办理中");

        page.click("details:has(#action-victim) > summary");
        page.fill("#victim-name", "王桂芳" + n);
        page.fill("#victim-phone", "13912345601");
        page.fill("#victim-loss", "现金");
        page.fill("#victim-amount", "1500");
        page.click("#action-victim");
        assertThat(page.locator("#victims")).containsText("王桂芳" + n);
        assertThat(page.locator("#victims")).containsText("139****5601");
        assertThat(page.locator("#fig-lost")).hasText("1500.00");

        page.click("details:has(#action-asset) > summary");
        page.selectOption("#asset-kind", "CASH");
        page.selectOption("#asset-state", "SEIZED");
        page.fill("#asset-description", "嫌疑人住处查获现金");
        page.fill("#asset-value", "2000.50");
        page.fill("#asset-held", "派出所涉案财物保管室");
        page.click("#action-asset");
        assertThat(page.locator("#assets .asset-state")).hasText("已扣押");
        assertThat(page.locator("#fig-recovered")).hasText("2000.50");

        // a second victim picked from the population records of the grid
        String resident = jdbc.sql("""
                SELECT p.name FROM person p JOIN grid g ON g.id = p.grid_id WHERE g.code = 'FS-3-03'
                ORDER BY p.name LIMIT 1""").query(String.class).single();
        page.click("#victim-card > summary");
        page.fill("#person-search", resident);
        page.click("#action-person-search");
        page.locator("#people li").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(resident))
                .first().locator("button.add-person").click();
        assertThat(page.locator("#victims .victim-name").nth(1)).hasText(resident);
        assertThat(page.locator("#victims")).containsText("实有人口");

        page.fill("#return-amount", "1600");
        page.fill("#return-items", "现金1600元");
        page.click("#action-return");
        assertThat(page.locator(".problems")).containsText("超出该被害人尚未挽回的损失（还差 1500.00 元）");
        assertThat(page.locator("#fig-returned")).hasText("0.00");

        page.fill("#return-amount", "1500");
        page.fill("#return-items", "现金1500元");
        page.click("#action-return");
        assertThat(page.locator("#returns .return-amount")).hasText("1500.00");
        assertThat(page.locator("#fig-return-rate")).hasText("100.0%");
        // 2000.50 seized for a loss of 1500: the rate stops at the loss, the rest is shown beside what was recovered
        assertThat(page.locator("#fig-recovery-rate")).hasText("100.0%");
        assertThat(page.locator("#fig-beyond-loss")).hasText("其中 500.50 元超出损失，不计入挽损率");
        assertThat(fitsTheScreen()).as("the file page fits a phone's width").isTrue();

        Download download = page.waitForDownload(() -> page.click("#returns .receipt-pdf"));
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(download.path()))) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("发还赃款赃物领取凭证", "王桂芳" + n, "1500.00", "现金1500元", "139****5601",
                    "领取人");
        }
        page.click("#returns .receipt-sign");
        assertThat(page.locator("#returns .receipt-state")).containsText("已签收");
        shot("recovery-file");

        page.navigate(url("/recovery/rates"));
        assertThat(page.locator("#rates")).containsText("房山派出所");
        assertThat(fitsTheScreen()).as("the rates page fits a phone's width").isTrue();
        shot("recovery-rates");

        // the demo's file of seed 001 with its collective return, and the event's page
        page.navigate(url("/recovery?show=all&q=系列入户盗窃"));
        page.click("a.file-link");
        assertThat(page.locator("#returns tbody tr")).hasCount(4);
        assertThat(fitsTheScreen()).as("the demo file fits a phone's width").isTrue();
        shot("recovery-demo-file");
        page.locator("#returns a:has-text('集中返赃')").first().click();
        assertThat(page.locator("#event-place")).hasText("房山派出所院内");
        assertThat(page.locator("#event-return-list tbody tr")).hasCount(4);
        shot("recovery-event");
    }

    @Test
    void aReceiptRefusedForItsDateComesBackInItsOwnRowWithTheDateTyped() {
        org.fengqiao.account.ApiClient api = new org.fengqiao.account.ApiClient(port);
        RecoveryFixtures fx = new RecoveryFixtures(api, jdbc, port);
        String token = api.token("officer", DEMO_PASSWORD);
        String n = RecoveryFixtures.n();
        String file = fx.file(token, "FS-3-03", "officer", "凭证签收" + n, null);
        String victim = fx.victim(token, file, "领取人" + n, 50_000);
        String asset = fx.asset(token, file, "扣押现金" + n, 50_000, "SEIZED");
        String first = org.fengqiao.account.ApiClient.json(fx.returned(token, file, victim, asset, 10_000)).get("id").asText();
        String second = org.fengqiao.account.ApiClient.json(fx.returned(token, file, victim, asset, 20_000)).get("id").asText();
        String today = RecoveryApiIntegrationTests.today().toString();
        String before = RecoveryApiIntegrationTests.today().minusDays(2).toString(); // returned today

        login("officer");
        page.navigate(url("/recovery/" + file));
        page.locator("tr[data-id='" + second + "'] input[name=on]").fill(before);
        page.locator("tr[data-id='" + second + "'] .receipt-sign").click(); // a multipart form, as with a scan

        assertThat(page.locator(".problems")).containsText("签收日期不能早于返还日期");
        assertThat(page.locator("tr[data-id='" + second + "'] input[name=on]")).hasValue(before);
        assertThat(page.locator("tr[data-id='" + first + "'] input[name=on]")).hasValue(today);
        assertThat(page.locator("#returns .receipt-state").first()).hasText("未签收");
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_return WHERE file_id = ? AND receipt_signed_on IS NOT NULL")
                .param(java.util.UUID.fromString(file)).query(Long.class).single()).as("nothing signed").isZero();
    }

    /** With -Dfengqiao.screenshots=DIR, a picture of the page for a person to look at. */
    @Test
    void aFileRefusedForAMissingGridComesBackWithWhatWasTypedAndOpensOnceTheGridIsChosen() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        login("officer");
        page.navigate(url("/recovery/new"));
        String caseNumber = "东公（房）刑立字〔2026〕" + n;
        String summary = "夜间撬锁入室，盗走电动车两辆" + n + "，嫌疑人已到案。";
        page.fill("#caseNumber", caseNumber);
        page.fill("#title", "吴场村电动车被盗案" + n);
        page.fill("#summary", summary);
        page.fill("#registeredOn", "2026-01-15");
        page.click("#action-open");

        page.waitForURL(u -> u.endsWith("/recovery/new"));
        assertThat(page.locator("ul.problems")).isVisible();
        assertThat(page.locator("#caseNumber")).hasValue(caseNumber);
        assertThat(page.locator("#title")).hasValue("吴场村电动车被盗案" + n);
        assertThat(page.locator("#summary")).hasValue(summary);
        assertThat(page.locator("#registeredOn")).hasValue("2026-01-15");
        assertThat(jdbc.sql("SELECT count(*) FROM recovery_file WHERE title = ?").param("吴场村电动车被盗案" + n)
                .query(Long.class).single()).as("nothing opened").isZero();

        page.selectOption("#gridId", new com.microsoft.playwright.options.SelectOption().setLabel("FS-1-01 吴场村第1网格"));
        page.click("#action-open");
        page.waitForURL(u -> u.matches(".*/recovery/[0-9a-f-]{36}$"));
        assertThat(page.locator("#file-title")).hasText("吴场村电动车被盗案" + n);
    }

    void shot(String name) {
        String dir = System.getProperty("fengqiao.screenshots");
        if (dir != null) {
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setFullPage(true)
                    .setPath(java.nio.file.Path.of(dir, name + ".png")));
        }
    }
}
