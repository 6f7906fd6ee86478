package org.fengqiao.figures;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.time.LocalDate;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.platform.PeriodFigures;
import org.junit.jupiter.api.Test;

/**
 * A station chief on his phone opens the work figures from the menu, takes last month from the quick links, then
 * types a year and then a first day: each way of naming the period clears the others, so every count is answered
 * (never refused for naming two periods), on a page that fits the screen. From the cases without an offence he goes
 * to the list of them, over the same days, which fits the phone too.
 */
class WorkFiguresBrowserTests extends BrowserTest {

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theChiefNamesThePeriodOneWayAfterAnotherAndEachIsCounted() {
        LocalDate today = LocalDate.now(PeriodFigures.ZONE);
        login("chief");
        navigateByMenu("/figures");
        assertThat(page.locator("h1")).hasText("工作统计");
        assertThat(page.locator("#summary")).containsText(today.withDayOfMonth(1).toString());

        page.click("#quick-last-month");
        LocalDate lastMonth = today.minusMonths(1).withDayOfMonth(1);
        page.waitForURL(u -> u.contains("month=" + lastMonth.toString().substring(0, 7)));
        assertThat(page.locator("#month")).hasValue(lastMonth.toString().substring(0, 7));
        assertThat(page.locator("#summary")).containsText(lastMonth.toString());

        page.fill("#year", String.valueOf(today.getYear()));
        assertThat(page.locator("#month")).hasValue("");
        page.click("#show");
        page.waitForURL(u -> u.contains("year=" + today.getYear()));
        assertThat(page.locator("#problems")).hasCount(0);
        assertThat(page.locator("#summary")).containsText(today.getYear() + "-01-01");

        page.fill("#from", lastMonth.toString());
        assertThat(page.locator("#year")).hasValue("");
        page.click("#show");
        page.waitForURL(u -> u.contains("from=" + lastMonth));
        assertThat(page.locator("#problems")).hasCount(0);
        assertThat(page.locator("#summary")).containsText(lastMonth + " 至 " + today);
        assertThat(page.locator("#figures-incidents tr[data-key='calls110']")).hasCount(1);
        // the police work in one section under its definitions, the last
        assertThat(page.locator("h2").last()).hasText("警务工作");
        assertThat(page.locator("#figures-duty tr[data-key='noticesOverdue']")).hasCount(1);
        assertThat(fitsTheScreen()).as("the figures fit a phone").isTrue();
    }

    @Test
    void theChiefFollowsTheCasesWithoutAnOffenceToTheirListOverTheSameDays() {
        LocalDate today = LocalDate.now(PeriodFigures.ZONE);
        login("chief");
        page.navigate(url("/figures?year=" + today.getYear()));
        page.click("#figures-incidents tr[data-key='casesUnclassified'] a");
        page.waitForURL(u -> u.contains("/incidents?") && u.contains("unclassified=true"));
        assertThat(page.locator("#filter-unclassified")).isChecked();
        assertThat(page.locator("#filter-from")).hasValue(today.getYear() + "-01-01");
        assertThat(page.locator("#filter-to")).hasValue(today.toString());
        assertThat(page.locator("#clear-case-filters")).isVisible();
        assertThat(fitsTheScreen()).as("the list with its filters fits a phone").isTrue();
    }
}
