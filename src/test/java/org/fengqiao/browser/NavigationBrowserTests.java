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
