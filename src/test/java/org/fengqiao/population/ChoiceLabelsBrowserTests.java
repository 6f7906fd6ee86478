package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;

/**
 * On the phone a radio button or checkbox sits on its label's line, before its words, on every population page: not
 * alone in the middle of the form's width with its words on the next line, where it reads as belonging to nothing.
 */
class ChoiceLabelsBrowserTests extends BrowserTest {

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theRentalFormsLandlordChoicesAndTheTaskListsFilterSitBeforeTheirWords() {
        login("officer");
        page.navigate(url("/rentals/new"));
        assertBesideItsWords(page.locator("label.check:has(input[name=landlordKind][value=person])"));
        assertBesideItsWords(page.locator("label.check:has(input[name=landlordKind][value=named])"));

        page.navigate(url("/verification-tasks"));
        assertBesideItsWords(page.locator("label.check:has(input[name=mine])"));

        page.navigate(url("/utility-readings/import"));
        assertBesideItsWords(page.locator("label.check:has(input[type=checkbox])").first());
    }

    private static void assertBesideItsWords(Locator label) {
        BoundingBox box = label.locator("input").boundingBox();
        BoundingBox words = label.locator("span").first().boundingBox();
        assertThat(box.x + box.width).as("the choice ends before its words begin").isLessThanOrEqualTo(words.x);
        double middle = box.y + box.height / 2;
        assertThat(middle).as("the choice is on its words' line").isBetween(words.y, words.y + words.height);
    }
}
