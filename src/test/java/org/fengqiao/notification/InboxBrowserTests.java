package org.fengqiao.notification;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentLoader;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.notification.NotificationFixtures.TestGrid;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On a phone: a grid manager with two new items sees the unread count on the navigation bar, opens the
 * inbox (unread first), marks one read where it stands and opens the other, which takes him to the item;
 * the count follows each step and is gone when nothing is unread.
 */
class InboxBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentLoader incidents;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }


    UUID file(TestGrid g, String description) {
        return incidents.file(new NewIncident(Source.FIELD, Category.HELP, null, null, description, null, null, null,
                "浏览器测试地址", g.grid().id().value(), null, null, null, null), "officer");
    }

    @Test
    void theBadgeCountsUnreadEntriesAndFollowsMarkingThemRead() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        TestGrid g = NotificationFixtures.grid(jurisdictions, staff, office);
        UUID first = file(g, "浏览器求助一-" + UUID.randomUUID());
        UUID second = file(g, "浏览器求助二-" + UUID.randomUUID());

        login(g.managerLogin());
        Locator badge = page.locator("#inbox-badge");
        assertThat(badge).hasText("2");
        page.click("#nav-inbox");
        page.waitForURL(u -> u.endsWith("/inbox"));
        assertThat(page.locator("#inbox-summary")).hasText("2 条未读，共 2 条");
        Locator entries = page.locator(".entry");
        assertThat(entries).hasCount(2);
        assertThat(page.locator(".entry.unread")).hasCount(2);
        assertThat(entries.first().locator(".title")).containsText("已交由您办理");
        assertThat(fitsTheScreen()).as("the inbox fits a phone's width").isTrue();
        // the entry's reason (how such an item is handled) and its time are two lines, not one sentence
        Locator reason = entries.first().locator(".meta").first();
        assertThat(reason).containsText("网格管理员");
        assertThat(entries.first().locator("time").boundingBox().y)
                .as("the time below the reason").isGreaterThanOrEqualTo(reason.boundingBox().y + reason.boundingBox().height - 1);

        // the newest first; mark it read where it stands: it moves below the unread one
        Locator newest = page.locator(".entry").first();
        assertThat(newest).hasAttribute("data-record", second.toString());
        String newestId = newest.getAttribute("data-id");
        newest.locator("button.mark-read").click();
        page.waitForURL(u -> u.contains("/inbox"));
        assertThat(badge).hasText("1");
        assertThat(page.locator(".entry.unread")).hasCount(1);
        assertThat(page.locator(".entry").last()).hasAttribute("data-id", newestId);
        assertThat(page.locator(".entry").last().locator("button.mark-read")).hasCount(0);

        // open the other one: it is marked read and the item's page opens
        page.locator(".entry.unread button.open").click();
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        assertThat(page.url()).endsWith("/incidents/" + first);
        assertThat(page.locator("#incident-owner")).hasText(g.manager().name());
        assertThat(page.locator("#inbox-badge")).hasCount(0);

        page.navigate(url("/inbox"));
        assertThat(page.locator(".entry.unread")).hasCount(0);
        assertThat(page.locator("#inbox-summary")).hasText("0 条未读，共 2 条");
        assertThat(page.locator(".entry").last().locator("button.open")).isVisible();
    }
    @Test
    void theOfficerRegistersAWebhookOnAPhone() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        login("officer");
        page.navigate(url("/webhooks"));
        assertThat(fitsTheScreen()).as("the webhook page fits a phone's width").isTrue();
        page.selectOption("#unitId", office.id().value().toString());
        page.fill("#url", "https://receiver.example.org/fengqiao");
        page.fill("#secret", "phone-registered-secret-1");
        page.fill("#description", "手机登记");
        page.click("#webhook-submit");
        page.waitForURL(u -> u.matches(".*/webhooks/[0-9a-f-]{36}$"));
        String id = page.url().substring(page.url().lastIndexOf('/') + 1);
        try {
            assertThat(page.locator("#webhook-state")).hasText("启用");
            assertThat(fitsTheScreen()).isTrue();
            page.click("#webhook-disable");
            assertThat(page.locator("#webhook-state")).hasText("已停用");
        } finally {
            // whatever happened, this receiver does not exist: stop queueing for it
            page.navigate(url("/webhooks/" + id));
            if (page.locator("#webhook-disable").count() > 0) {
                page.click("#webhook-disable");
            }
        }
        page.navigate(url("/webhooks"));
        assertThat(page.locator("tr[data-id='" + id + "']")).containsText("已停用");
    }
}
