package org.fengqiao.claims;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.claims.internal.Board;
import org.fengqiao.claims.internal.ClaimsProperties;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.mediation.DisputeFacts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 002's hard case on a phone: a grid member (the demo volunteer) finds an old item of his grid on the board,
 * claims it with a deadline, reports it done; the grid chief finds it in his queue and confirms it on time.
 */
class ClaimsBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Board board;
    @Autowired
    IncidentFacts incidentFacts;
    @Autowired
    DisputeFacts disputeFacts;
    @Autowired
    StaffDirectory staffDirectory;
    @Autowired
    ClaimsProperties properties;
    @Autowired
    MessageSource messages;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void aGridMemberClaimsAnItemReportsItDoneAndTheGridChiefConfirmsIt() {
        ApiClient api = new ApiClient(port);
        ClaimsFixtures f = new ClaimsFixtures(api, jdbc, board, incidentFacts, disputeFacts, staffDirectory, properties,
                messages);
        UUID grid = f.volunteersGrid();
        UUID item = f.onBoard(api.token("officer", DEMO_PASSWORD), grid, "手机认领-" + UUID.randomUUID());

        login("volunteer");
        page.navigate(url("/claims?gridId=" + grid));
        assertThat(fitsTheScreen()).as("the board fits a phone").isTrue();
        page.click("tr[data-id='" + item + "'] a.item-link");
        page.waitForURL(u -> u.endsWith("/claims/items/" + item));
        assertThat(page.locator("#item-state")).hasText("待认领");
        assertThat(page.locator("#due")).not().hasValue("");
        page.fill("#claim-note", "今晚去现场看看");
        page.click("#action-claim");
        assertThat(page.locator("p.notice")).hasText("认领成功");
        assertThat(page.locator("#item-state")).hasText("认领中");
        assertThat(page.locator("#history li[data-state='ACTIVE']")).hasCount(1);
        assertThat(fitsTheScreen()).as("the item page fits a phone").isTrue();

        page.fill("#history li[data-state='ACTIVE'] .report-input", "已到现场协调处理完毕");
        page.click("#history li[data-state='ACTIVE'] .action-report");
        assertThat(page.locator("#history li[data-state='REPORTED']")).hasCount(1);
        assertThat(page.locator("#history .report-note")).hasText("已到现场协调处理完毕");
        assertThat(page.locator(".action-confirm")).hasCount(0);

        context.clearCookies();
        login("officer");
        page.navigate(url("/claims"));
        page.click("#queue a.queue-link[href$='/claims/items/" + item + "']");
        page.waitForURL(u -> u.endsWith("/claims/items/" + item));
        page.click("#history li[data-state='REPORTED'] .action-confirm");
        assertThat(page.locator("#history li[data-state='CONFIRMED']")).hasCount(1);
        assertThat(page.locator("#history li[data-state='CONFIRMED'] .badge.ontime")).hasText("按期办结");
        assertThat(page.locator("#item-state")).hasText("已办结");
        assertThat(jdbc.sql("SELECT on_time FROM claim WHERE item_id = ?").param(item).query(Boolean.class).single())
                .isTrue();
    }
}
