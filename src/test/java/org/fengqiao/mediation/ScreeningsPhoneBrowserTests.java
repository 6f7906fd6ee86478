package org.fengqiao.mediation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * The weekly screenings page on a phone: at an office of many grids, the list of the grids not yet screened this week
 * (dozens) folds under its heading, so that the form to record a screening is not pages below; a tap opens it.
 */
class ScreeningsPhoneBrowserTests extends BrowserTest {

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theLongListOfGridsNotScreenedFoldsAndOpensOnATap() {
        login("officer");
        page.navigate(url("/mediation/screenings"));
        assertThat(page.locator("#unscreened li").count()).as("the office's grids not screened").isGreaterThan(10);
        assertThat(page.locator("#unscreened")).isHidden();
        assertThat(page.locator("#screening-form")).isVisible();
        assertThat(fitsTheScreen()).isTrue();

        page.click("#unscreened-card > summary");
        assertThat(page.locator("#unscreened li").first()).isVisible();
    }
}
