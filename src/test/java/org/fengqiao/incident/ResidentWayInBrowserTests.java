package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A resident finding his way on a phone without an account: from the site's address (the sign-in page) to his pages,
 * from a tracking code typed wrong to his report, and back to the rating he gave when he changes it.
 */
class ResidentWayInBrowserTests extends ResidentPhoneBrowserTest {

    Map.Entry<String, UUID> filed() {
        return filed("IT-WI-", "手机找路", 98, "井盖丢了", "找路村口");
    }

    @Test
    void theSiteAddressLeadsAResidentToTheReportFormAndToHisReport() {
        page.navigate(url("/"));
        assertThat(page.locator("#username")).isVisible();
        page.click("#login-report");
        assertThat(page.locator("#report-form")).isVisible();
        page.navigate(url("/login?lang=en"));
        assertThat(page.locator("#login-residents")).containsText("no account");
        page.click("#login-track");
        assertThat(page.locator("#track-find")).hasText("Follow a report");
    }

    @Test
    void aMistypedTrackingCodeComesBackToCorrectWithWhatIsWrongWithIt() {
        String code = filed().getKey();
        page.navigate(url("/track"));

        // one character short: his code is in the box, with how long it is and should be
        String short11 = code.substring(0, 11);
        page.fill("#track-code", short11);
        page.click("#track-find-form button[type=submit]");
        assertThat(page.locator("#track-missing")).isVisible();
        assertThat(page.locator("#track-code")).hasValue(short11);
        assertThat(page.locator("#track-missing-fault")).containsText("是 11 位");

        // a letter O read for a Q: said to be one no code has
        String misread = code.substring(0, 11) + "O";
        page.fill("#track-code", misread.toLowerCase());
        page.click("#track-find-form button[type=submit]");
        assertThat(page.locator("#track-code")).hasValue(misread);
        assertThat(page.locator("#track-missing-fault")).containsText("“O”");

        // typed without its FQ, in groups, as written down: his report
        page.fill("#track-code", code.substring(2, 7).toLowerCase() + " " + code.substring(7));
        page.click("#track-find-form button[type=submit]");
        assertThat(page.locator("#track-code")).hasText(code);
        assertThat(page.locator("#track-status")).isVisible();
        assertThat(fitsTheScreen()).isTrue();

        // and in English, the same fault in his words
        page.navigate(url("/track/" + short11 + "?lang=en"));
        assertThat(page.locator("#track-missing-fault")).containsText("has 11 characters");
    }

    @Test
    void changingHisRatingHeStartsFromTheOneHeGave() {
        Map.Entry<String, UUID> report = filed();
        answer(report.getValue(), "已盖好井盖", "井盖已补上，谢谢");
        page.navigate(url("/track/" + report.getKey()));
        page.check("#score-2");
        page.fill("#rate-comment", "等了三天");
        page.click("#submit-rating");
        assertThat(page.locator("#track-rating")).containsText("等了三天");
        assertThat(page.locator("#score-2")).isChecked();
        assertThat(page.locator("#rate-comment")).hasValue("等了三天");
        page.check("#score-4");
        page.click("#submit-rating");
        assertThat(page.locator("#track-rating")).containsText("★★★★☆");
        assertThat(page.locator("#score-4")).isChecked();
        assertThat(page.locator("#rate-comment")).hasValue("等了三天");
    }

    @Test
    void justFiledTheResidentCopiesHisCodeAndLinkToKeepThem() {
        UUID earlier = filed().getValue();
        String grid = jdbc.sql("SELECT grid_id::text FROM incident WHERE id = ?").param(earlier).query(String.class)
                .single();
        context.grantPermissions(java.util.List.of("clipboard-read", "clipboard-write"));
        page.navigate(url("/report"));
        page.selectOption("#category", "HELP");
        page.fill("#description", "路边的井盖又丢了一个");
        page.selectOption("#gridId", grid);
        page.click("#submit-report");
        String code = page.locator("#tracking-code").textContent().trim();
        page.click("#copy-code");
        assertThat(page.locator("#copy-status")).containsText("已复制");
        assertThat(page.evaluate("() => navigator.clipboard.readText()"))
                .isEqualTo(code + " " + url("/track/" + code));
        assertThat(fitsTheScreen()).isTrue();
    }
}
