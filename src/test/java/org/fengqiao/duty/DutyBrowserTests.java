package org.fengqiao.duty;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's daily patrol on a phone: the officer opens his duties from the menu, records the patrol, sees it done,
 * and withdraws the record with a reason the same day.
 */
class DutyBrowserTests extends BrowserTest {

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void anOfficerRecordsTheDailyPatrolAndSeesTheItemDone() {
        login("officer");
        navigateByMenu("/duties");
        assertThat(page.locator("section[data-period='DAY'] li[data-item='patrol'] strong")).hasText("开展一次社区巡逻");
        String note = "与护村队夜巡吴场村-" + UUID.randomUUID();
        page.selectOption("#item", "patrol");
        page.fill("#note", note);
        page.selectOption("#place", page.locator("#place option[value^='grid:']").first().getAttribute("value"));
        page.fill("#participants", "4");
        page.click("#action-record");
        assertThat(page.locator("p.notice")).hasText("已记录");
        assertThat(page.locator("section[data-period='DAY'] li[data-item='patrol']"))
                .hasAttribute("data-state", "DONE");
        assertThat(page.locator("section[data-period='DAY'] li[data-item='patrol'] .badge").first()).hasText("已完成");
        assertThat(page.locator("section[data-period='DAY'] li[data-item='patrol'] .note").last()).hasText(note);
        assertThat(fitsTheScreen()).as("the checklist fits a phone").isTrue();

        // recorded by mistake: he withdraws it the same day with a reason; it stays, struck through
        var mine = page.locator("section[data-period='DAY'] li[data-item='patrol'] .records li")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(note));
        mine.locator("details.withdraw summary").click();
        mine.locator("input[name='reason']").fill("记错了日期");
        mine.locator("details.withdraw button").click();
        assertThat(page.locator("p.notice")).hasText("已撤回该记录");
        assertThat(page.locator("section[data-period='DAY'] li[data-item='patrol'] .records li.withdrawn")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(note))).hasCount(1);
    }
}
