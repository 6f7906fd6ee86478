package org.fengqiao.mediation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 6's mediation path on a phone: the 110 centre pushes a dispute, it appears as a case on the officer's list,
 * he names the parties, records three sessions, ends it in an agreement witnessed by himself, and downloads the
 * agreement, which the test opens with PDFBox and reads.
 */
class MediationBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true).setAcceptDownloads(true);
    }


    @Test
    void aDisputeFrom110GoesThroughThreeSessionsToASignedAgreementPdf() throws IOException {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-5-01'").query(UUID.class).single();
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-B-" + UUID.randomUUID());
        push.put("category", "DISPUTE");
        push.put("description", "110推送：两户因院墙滴水争吵" + n);
        push.put("gridId", grid);
        push.put("address", "林疃村五组");
        HttpResponse<String> pushed = new ApiClient(port).send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key",
                "demo-110-key");
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);

        login("officer");
        page.navigate(url("/mediation"));
        page.locator("a.dispute-link").filter(new Locator.FilterOptions().setHasText("院墙滴水争吵" + n)).click();
        page.waitForURL(u -> u.matches(".*/mediation/[0-9a-f-]{36}$"));
        assertThat(page.locator("#dispute-status")).hasText("调解中");
        assertThat(page.locator("#dispute-summary")).containsText("院墙滴水争吵" + n);
        assertThat(page.locator("#dispute-team li")).hasCount(1);

        page.click("details:has(#action-parties) > summary");
        page.fill("#party-name-1", "林大山" + n);
        page.fill("#party-phone-1", "13912340001");
        page.fill("#party-name-2", "林小河" + n);
        page.click("#action-parties");
        assertThat(page.locator("#dispute-parties li")).hasCount(2);
        assertThat(page.locator("#dispute-parties")).containsText("139****0001");

        String[] said = {"双方各述院墙滴水的经过，情绪激动。", "到现场查看滴水位置，建议加装檐沟。", "双方同意共同出资加装檐沟。"};
        for (int i = 0; i < said.length; i++) {
            page.fill("#place", i == 1 ? "林大山家院墙外" : "林疃村委会");
            page.fill("#attendees", "林大山、林小河、民警");
            page.fill("#said", said[i]);
            page.fill("#nextStep", i < 2 ? "约定下次再谈" : "签订协议");
            page.click("#action-session");
            assertThat(page.locator("#dispute-sessions li")).hasCount(i + 1);
        }
        assertThat(page.locator("#dispute-sessions")).containsText(said[2]);
        assertThat(fitsTheScreen()).as("the case page fits a phone's width").isTrue();

        String agreement = "林大山在院墙东侧加装檐沟，费用双方各半；今后雨水经檐沟排入村道边沟。" + n;
        page.click("#end-card > summary");
        page.selectOption("#outcome", "AGREEMENT");
        page.selectOption("#level", "VILLAGE");
        page.fill("#agreementText", agreement);
        page.check("#partiesConsent");
        page.check("#officerWitness");
        page.click("#action-end");
        assertThat(page.locator("#dispute-status")).hasText("达成协议");
        assertThat(page.locator("#dispute-level")).hasText("村（社区）");

        Download download = page.waitForDownload(() -> page.click("#agreement-pdf"));
        byte[] bytes = Files.readAllBytes(download.path());
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
            assertThat(text).contains("人民调解协议书", "林大山" + n, "林小河" + n, agreement.replaceAll("\\s+", ""),
                    "见证人");
        }
    }

    @Test
    void aNewDisputeRefusedForAWrongPhoneComesBackWithEverythingTypedAndOpensOnceCorrected() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        login("officer");
        page.navigate(url("/mediation/new"));
        page.selectOption("#origin", "PATROL");
        page.selectOption("#kind", new com.microsoft.playwright.options.SelectOption().setIndex(2));
        String kind = page.inputValue("#kind");
        page.selectOption("#gridId", new com.microsoft.playwright.options.SelectOption().setIndex(3));
        String grid = page.inputValue("#gridId");
        String summary = "两户为宅基地边界争执，一方砌墙占用公共通道" + n + "，另一方要求拆除。";
        page.fill("#summary", summary);
        page.fill("#address", "吴场村三组" + n);
        page.fill("#party-name-1", "王建军" + n);
        page.fill("#party-phone-1", "1391234");
        page.fill("#party-name-2", "李秀兰" + n);
        page.fill("#party-phone-2", "13912340002");
        page.click("#submit-dispute");

        page.waitForURL(u -> u.endsWith("/mediation/new"));
        assertThat(page.locator("ul.problems")).containsText("电话号码格式不正确");
        assertThat(page.locator("#origin")).hasValue("PATROL");
        assertThat(page.locator("#kind")).hasValue(kind);
        assertThat(page.locator("#gridId")).hasValue(grid);
        assertThat(page.locator("#summary")).hasValue(summary);
        assertThat(page.locator("#address")).hasValue("吴场村三组" + n);
        assertThat(page.locator("#party-name-1")).hasValue("王建军" + n);
        assertThat(page.locator("#party-phone-1")).hasValue("1391234");
        assertThat(page.locator("#party-name-2")).hasValue("李秀兰" + n);
        assertThat(page.locator("#party-phone-2")).hasValue("13912340002");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE summary = ?").param(summary).query(Long.class).single())
                .as("nothing opened").isZero();

        page.fill("#party-phone-1", "13912340001");
        page.click("#submit-dispute");
        page.waitForURL(u -> u.matches(".*/mediation/[0-9a-f-]{36}$"));
        assertThat(page.locator("#dispute-summary")).hasText(summary);
        assertThat(page.locator("#dispute-parties li")).hasCount(2);
        // a fresh form after a case was opened is empty again
        page.navigate(url("/mediation/new"));
        assertThat(page.locator("#summary")).hasValue("");
    }
}
