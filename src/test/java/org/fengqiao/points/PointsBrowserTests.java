package org.fengqiao.points;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 5's "done means", on a phone: the demo volunteer reports a hazard on the incident filing page, the grid
 * chief resolves it, approves the pending award that follows, the volunteer redeems an item of the store and the
 * store's staff scan the voucher's QR address: used once, and a second scan says it was used already.
 */
class PointsBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }


    @Test
    void aVolunteersHazardReportEarnsPointsThatBuyAVoucherScannedOnce() {
        String description = "村道旁电线杆倾斜有倒伏隐患 " + UUID.randomUUID().toString().substring(0, 8);
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-01");

        login("volunteer");
        page.navigate(url("/points"));
        int before = Integer.parseInt(page.locator("#balance").textContent().strip());
        page.navigate(url("/incidents/new"));
        page.selectOption("#category", "DISASTER");
        page.fill("#description", description);
        page.selectOption("#gridId", grid.toString());
        page.fill("#address", "吴场村一组村道");
        page.click("#submit-incident");
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        String incident = page.url().substring(page.url().lastIndexOf('/') + 1);

        context.clearCookies();
        login("officer");
        page.navigate(url("/incidents/" + incident));
        page.click("#action-acknowledge");
        page.fill("#resolve-note", "已联系供电所加固电线杆");
        page.click("#action-resolve");
        assertThat(page.locator("#incident-status")).hasText("已处置");

        // the award is proposed once the step has committed
        Locator row = page.locator("#pending-awards tr[data-source='" + incident + "']");
        for (int i = 0; i < 20 && row.count() == 0; i++) {
            page.navigate(url("/points/approvals"));
        }
        assertThat(row).containsText("报告隐患属实");
        assertThat(fitsTheScreen()).as("the approvals fit a phone's width").isTrue();
        row.locator("button.approve").click();
        assertThat(page.locator(".notice")).hasText("已保存");

        context.clearCookies();
        login("volunteer");
        page.navigate(url("/points"));
        assertThat(page.locator("#balance")).hasText(String.valueOf(before + 10));
        assertThat(page.locator("#history")).containsText("报告隐患属实");
        assertThat(fitsTheScreen()).as("my points fit a phone's width").isTrue();
        Locator item = page.locator("#store-items li[data-name='立白洗衣液 2kg']");
        item.locator("button.redeem").click();
        assertThat(page.locator(".notice")).containsText("兑换成功");
        assertThat(page.locator("#balance")).hasText(String.valueOf(before + 10 - 30));
        Locator voucher = page.locator("#vouchers li").first();
        String code = voucher.getAttribute("data-code");
        assertThat(voucher.locator(".voucher-state")).hasText("待领取");
        // the QR image on the page carries the scan address of this voucher
        byte[] png = page.request().get(voucher.locator("img").getAttribute("src").startsWith("http")
                ? voucher.locator("img").getAttribute("src")
                : url(voucher.locator("img").getAttribute("src"))).body();
        String scanUrl = QrReader.read(png);
        assertThat(scanUrl).endsWith("/points/vouchers/" + code + "/scan");

        context.clearCookies();
        login("officer");
        page.navigate(scanUrl);
        assertThat(page.locator("#scan-item")).hasText("立白洗衣液 2kg");
        assertThat(page.locator("#scan-state")).hasText("待领取");
        // a second counter opened the same voucher before it was handed over
        com.microsoft.playwright.Page other = context.newPage();
        other.navigate(scanUrl);
        page.click("#scan-confirm");
        assertThat(page.locator(".notice")).containsText("核销成功");
        assertThat(page.locator("#scan-state")).hasText("已领取");
        // a used voucher offers no second redemption
        assertThat(page.locator("#scan-confirm")).hasCount(0);
        other.click("#scan-confirm");
        assertThat(other.locator(".problems")).containsText("已于");
        assertThat(other.locator(".problems")).containsText("不能重复领取");
        assertThat(other.locator("#scan-confirm")).hasCount(0);
        other.close();

        context.clearCookies();
        login("volunteer");
        page.navigate(url("/points"));
        assertThat(page.locator("#vouchers li[data-code='" + code + "'] .voucher-state")).hasText("已领取");
    }
}
