package org.fengqiao.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import org.junit.jupiter.api.Test;

/**
 * The navigation bar on a phone: the module pages sit in five menus, so the bar stays short and fits the
 * screen; one menu opens at a time; the menu of the page shown is marked; a role sees only the menus and links
 * its permissions open.
 */
class NavigationBrowserTests extends BrowserTest {

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    private Locator menu(String heading) {
        return page.locator("nav details.menu").filter(new Locator.FilterOptions()
                .setHas(page.locator("summary", new com.microsoft.playwright.Page.LocatorOptions().setHasText(heading))));
    }

    @Test
    void theBureausThirtyPagesSitInFiveMenusThatOpenOneAtATime() {
        login("bureau");
        assertThat(page.locator("nav details.menu")).hasCount(5);
        assertThat(fitsTheScreen()).isTrue();
        // closed, the bar takes a few lines of the phone's screen, not most of it
        double height = ((Number) page.evaluate("() => document.querySelector('nav.topnav').getBoundingClientRect().height"))
                .doubleValue();
        assertThat(height).isLessThan(260);
        Locator persons = page.locator("nav a[href$='/persons']");
        Locator incidents = page.locator("nav a[href$='/incidents']");
        assertThat(persons).isHidden();

        menu("人口房屋").locator("summary").click();
        assertThat(persons).isVisible();
        assertThat(page.locator("nav a[href$='/organisations']")).isVisible();
        assertThat(fitsTheScreen()).isTrue();

        menu("事项调解").locator("summary").click();
        assertThat(incidents).isVisible();
        assertThat(persons).isHidden();

        page.keyboard().press("Escape");
        assertThat(incidents).isHidden();

        navigateByMenu("/incidents");
        page.waitForURL(u -> u.endsWith("/incidents"));
        assertThat(menu("事项调解")).hasClass(java.util.regex.Pattern.compile("\\bcurrent\\b"));
        assertThat(menu("人口房屋")).not().hasClass(java.util.regex.Pattern.compile("\\bcurrent\\b"));
        // a click elsewhere on the page closes an open menu
        menu("群防群治").locator("summary").click();
        assertThat(page.locator("nav a[href$='/points']")).isVisible();
        page.locator("main h1").click();
        assertThat(page.locator("nav a[href$='/points']")).isHidden();
    }

    /**
     * The grid manager's and the volunteer's bar on a 390 x 844 phone: one line of menus that scrolls sideways under
     * the brand, not four lines with 我的 alone on the last (200 px for the grid manager); and every entry of
     * it (each link, each menu's links, 中文 / English, 退出) can still be reached with a thumb: brought into the
     * screen and tappable there, nothing else covering it.
     */
    @Test
    void onAPhoneTheBarIsTwoLinesHighAndEveryEntryStaysReachable() {
        for (String user : java.util.List.of("manager", "volunteer")) {
            context.clearCookies();
            login(user);
            for (String path : java.util.List.of("/", "/profile", "/points")) {
                page.navigate(url(path));
                double height = ((Number) page.evaluate(
                        "() => document.querySelector('nav.topnav').getBoundingClientRect().height")).doubleValue();
                assertThat(height).as(user + " " + path + " bar height").isLessThan(130);
                assertThat(fitsTheScreen()).as(user + " " + path).isTrue();
            }
            Locator entries = page.locator("nav.topnav a[href], nav.topnav button, nav.topnav summary");
            int count = entries.count();
            assertThat(count).as(user + " entries").isGreaterThan(8);
            for (int i = 0; i < count; i++) {
                Locator entry = entries.nth(i);
                // a link inside a closed menu is reached by a tap on the menu's heading first
                if ((Boolean) entry.evaluate("e => e.tagName === 'A' && e.closest('details.menu:not([open])') !== null")) {
                    entry.locator("xpath=ancestor::details[1]/summary").click();
                }
                String what = user + " " + entry.evaluate("e => e.textContent.trim()");
                entry.scrollIntoViewIfNeeded();
                var box = entry.boundingBox();
                assertThat(box).as(what).isNotNull();
                assertThat(box.x).as(what + " left").isGreaterThanOrEqualTo(-1);
                assertThat(box.x + box.width).as(what + " right").isLessThanOrEqualTo(391);
                assertThat(box.y + box.height).as(what + " bottom").isLessThanOrEqualTo(845);
                // what a tap at its centre meets is the entry itself (or inside it), nothing drawn over it
                boolean onTop = (Boolean) entry.evaluate("""
                        e => { const r = e.getBoundingClientRect();
                               const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                               return hit !== null && (hit === e || e.contains(hit)); }""");
                assertThat(onTop).as(what + " is what a tap meets").isTrue();
            }
        }
    }

    @Test
    void aVolunteerSeesNoAuditLogNorPopulationLinksAndTheAuditorNoIncidentsMenu() {
        login("volunteer");
        assertThat(page.locator("nav a[href$='/audit']")).hasCount(0);
        assertThat(page.locator("nav a[href$='/persons']")).hasCount(0);
        assertThat(page.locator("nav a[href$='/me/forces']")).hasCount(1);
        context.clearCookies();
        login("auditor");
        assertThat(page.locator("nav a[href$='/audit']")).hasCount(1);
        assertThat(menu("事项调解")).hasCount(0);
        assertThat(menu("人口房屋")).hasCount(0);
    }
}
