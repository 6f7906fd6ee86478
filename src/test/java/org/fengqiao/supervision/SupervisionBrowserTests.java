package org.fengqiao.supervision;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 004's 督察通报: the inspector issues a notice to 房山中心警务室 naming its officer, the station chief finds it
 * in his unit's notices and reports the rectification, and the inspector accepts it: 整改完成.
 */
class SupervisionBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    UUID id(String sql, String value) {
        return jdbc.sql(sql).param(value).query(UUID.class).single();
    }

    @Test
    void theInspectorIssuesANoticeTheChiefAnswersAndTheInspectorAccepts() {
        UUID office = id("SELECT id FROM unit WHERE code = ?", "320722010100");
        UUID officer = id("SELECT id FROM staff WHERE username = ?", "officer");
        String finding = "浏览器督察-" + UUID.randomUUID().toString().substring(0, 8) + "：工作日志未按日填写";

        login("inspector");
        page.navigate(url("/supervision"));
        page.click("#new-notice");
        page.selectOption("#choose-unit", office.toString());
        page.click("#choose");
        assertThat(page.locator("#unit-name")).hasText("房山中心警务室");
        page.selectOption("#officerId", officer.toString());
        page.fill("#finding", finding);
        page.fill("#place", "吴场村警务工作站");
        page.selectOption("#severity", new SelectOption().setValue("SERIOUS"));
        page.click("#action-issue");
        assertThat(page.locator("p.notice")).hasText("通报已下发");
        assertThat(page.locator("#notice-state")).hasText("待整改");
        assertThat(page.locator("#notice-number")).containsText("督通〔");
        String noticeUrl = page.url();

        context.clearCookies();
        login("chief");
        page.navigate(url("/supervision/to-us"));
        page.locator("#to-us tr", new Page.LocatorOptions().setHasText(finding)).locator("a.notice-link").click();
        page.waitForURL(noticeUrl);
        assertThat(page.locator("#action-accept")).hasCount(0);
        page.fill("#rectification", "已组织全所民警补记日志，建立每周检查制度");
        page.click("#action-answer");
        assertThat(page.locator("#notice-state")).hasText("整改待验收");
        assertThat(page.locator("#action-accept")).hasCount(0);

        context.clearCookies();
        login("inspector");
        page.navigate(noticeUrl);
        assertThat(page.locator("#timeline li[data-kind='ANSWERED'] .step-note"))
                .hasText("已组织全所民警补记日志，建立每周检查制度");
        page.fill("#accept-note", "复查属实");
        page.click("#action-accept");
        assertThat(page.locator("#notice-state")).hasText("整改完成");
        assertThat(page.locator("#timeline li")).hasCount(3);
    }
}
