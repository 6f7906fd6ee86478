package org.fengqiao.supplies;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.SelectOption;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 004's 警务保障 on a phone: the station chief issues a workstation board to 房山中心警务室 from the menu's
 * supplies page, it waits there for the receipt; the unit's officer confirms it and the stock shows it.
 */
class SuppliesBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected com.microsoft.playwright.Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theChiefIssuesABoardTheOfficerConfirmsItAndTheStockShowsIt() {
        UUID office = jdbc.sql("SELECT id FROM unit WHERE code = '320722010100'").query(UUID.class).single();
        String row = "#stock tr[data-kind=STATION_SIGN] .on-hand";
        login("chief");
        navigateByMenu("/supplies");
        assertThat(page.locator("h1")).hasText("警务保障");
        page.locator("#unit-totals a[href$='/supplies/units/" + office + "']").click();
        assertThat(page.locator("#unit-name")).hasText("房山中心警务室");
        int before = Integer.parseInt(page.locator(row).innerText().replaceAll("\\D", ""));

        page.click("details:has(#action-issue) > summary");
        page.selectOption("#issue-kind", new SelectOption().setLabel("警务工作站牌（个）"));
        page.fill("#issue-quantity", "1");
        page.fill("#issue-cost", "350.5");
        page.fill("#issue-supplier", "县公安局装备财务科");
        page.click("#action-issue");
        assertThat(page.locator(".notice")).hasText("已下发，待本单位民警签收");
        assertThat(page.locator("#waiting li[data-kind=STATION_SIGN]")).containsText("县公安局装备财务科");
        assertThat(page.locator(row)).hasText(before + " 个");
        assertThat(page.locator("#waiting .action-confirm")).hasCount(0);
        assertThat(fitsTheScreen()).as("the unit's page fits a phone's width").isTrue();

        context.clearCookies();
        login("officer");
        page.navigate(url("/supplies/units/" + office));
        page.locator("#waiting li[data-kind=STATION_SIGN] .action-confirm").click();
        assertThat(page.locator(".notice")).hasText("已签收，计入库存");
        assertThat(page.locator(row)).hasText((before + 1) + " 个");
        assertThat(page.locator("#history tbody tr").first().locator(".confirmed-by")).hasText("李建国");
        assertThat(page.locator("#history tbody tr").first()).containsText("350.50");
    }
}
