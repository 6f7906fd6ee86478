package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A resident on a 390 px phone reopens his answered report within the seven days from its tracking page; answered
 * again, he comes back after the seven days: a form still open on his screen is refused in his language and changes
 * nothing, and the page, read again, says the days are over and that something new is reported anew; the reason he
 * typed is kept there and carried to a new report's form.
 */
class ReopenPhoneBrowserTests extends ResidentPhoneBrowserTest {

    Map.Entry<String, UUID> filed() {
        return filed("IT-RO-", "手机重办", 97, "楼道里的灯又坏了", "重办村口");
    }

    void answer(UUID id, String words) {
        answer(id, "已处理", words);
    }

    String status(UUID id) {
        return jdbc.sql("SELECT status FROM incident WHERE id = ?").param(id).query(String.class).single();
    }

    /** The seven days pass: the answer is moved back eight days, as the clock moving on would leave it. */
    void eightDaysLater(UUID id) {
        jdbc.sql("UPDATE incident SET answered_at = answered_at - interval '8 days' WHERE id = ?").param(id).update();
    }

    @Test
    void withinSevenDaysTheResidentReopensAndAfterThemHeIsToldWhyNot() {
        Map.Entry<String, UUID> report = filed();
        UUID id = report.getValue();
        answer(id, "灯已换好");
        page.navigate(url("/track/" + report.getKey()));

        // within the days: the fold opens, the reason is typed, the report goes back to be handled
        page.locator("details summary").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("重新办理")).click();
        page.fill("#reopen-reason", "灯还是不亮");
        assertThat(fitsTheScreen()).isTrue();
        page.click("#submit-reopen");
        assertThat(page.locator(".notice")).containsText("已重新办理");
        assertThat(page.locator("#track-timeline li[data-kind=REOPENED]")).hasCount(1);
        assertThat(status(id)).isNotEqualTo("ANSWERED");
        assertThat(page.locator("#reopen-closed")).hasCount(0);

        // answered again; his page open with the fold, he sends it only after the seven days
        answer(id, "灯已再次换好，线路也修了");
        page.navigate(url("/track/" + report.getKey()));
        page.locator("details summary").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("重新办理")).click();
        page.fill("#reopen-reason", "又坏了");
        eightDaysLater(id);
        page.click("#submit-reopen");
        assertThat(page.locator("body")).containsText("已超过答复后7天，不能再申请重新办理");
        assertThat(status(id)).as("nothing changed").isEqualTo("ANSWERED");
        assertThat(page.locator("#track-timeline li[data-kind=REOPENED]")).hasCount(1);
        // the page read again: no form, and why
        assertThat(page.locator("#submit-reopen")).hasCount(0);
        assertThat(page.locator("#reopen-closed")).containsText("答复后7天内可申请重新办理，期限已于");
        assertThat(page.locator("#reopen-closed")).containsText("请重新报事");
        // what he typed is not lost: it is kept on the page, and goes with him to a new report, nothing filed yet
        assertThat(page.locator("#kept-reason")).hasValue("又坏了");
        assertThat(fitsTheScreen()).isTrue();
        page.click("#report-anew");
        assertThat(page.locator("#description")).hasValue(java.util.regex.Pattern.compile(
                ".*" + report.getKey() + ".*又坏了$", java.util.regex.Pattern.DOTALL));
        assertThat(fitsTheScreen()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description LIKE ?").param("%" + report.getKey() + "%")
                .query(Long.class).single()).as("nothing filed yet").isZero();

        page.navigate(url("/track/" + report.getKey() + "?lang=en"));
        assertThat(page.locator("#reopen-closed")).containsText("may be reopened within 7 days of its answer");
    }
}
