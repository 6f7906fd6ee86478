package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.BoundingBox;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;

/** The persons list on a phone, in English: its export link is a target a thumb can tap, like the page's other links. */
class PersonsListPhoneBrowserTests extends BrowserTest {

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theExportLinkIsTallEnoughToTapOnAPhone() {
        login("officer");
        page.navigate(url("/persons?lang=en"));
        BoundingBox export = page.locator("#export-xlsx").boundingBox();
        assertThat(page.locator("#export-xlsx").textContent()).isEqualTo("Export xlsx");
        assertThat(export.height).as("the export link's height on a 390 px phone").isGreaterThanOrEqualTo(44);
        assertThat(fitsTheScreen()).isTrue();
    }
}
