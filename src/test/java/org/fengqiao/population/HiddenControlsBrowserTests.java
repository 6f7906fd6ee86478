package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a page hides stays hidden on the phone the officer carries on visits: a control or field the page's script
 * hides (the hidden attribute) is not drawn, whatever look its class gives it.
 */
class HiddenControlsBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void aRoomWithoutAHouseholdOffersNoHouseholdToOpenNotEvenTheRoomTappedBefore() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        UUID household = fx.household(grid, fx.room(building, 1, "101"), false, false);
        fx.person(grid, household, "韩隐", "HEAD", null, null);

        login("officer");
        page.navigate(url("/buildings/" + building));
        Locator dialog = page.locator("#room-dialog");
        Locator openHousehold = dialog.locator("#room-household");

        page.locator("#room-1-201").click();
        assertThat(dialog).isVisible();
        assertThat(openHousehold).isHidden();
        dialog.locator("#room-cancel").click();

        page.locator("#room-1-101").click();
        assertThat(openHousehold).isVisible();
        dialog.locator("#room-cancel").click();

        // the empty room next: the link still pointing at the household tapped before must not be offered
        page.locator("#room-1-102").click();
        assertThat(dialog).isVisible();
        assertThat(openHousehold).isHidden();
    }

    @Test
    void theRentalFormShowsOnlyTheLandlordFieldsOfTheKindChosenAndNoEmptyChoice() {
        login("officer");
        page.navigate(url("/rentals/new"));
        Locator named = page.locator("[data-landlord=named]");
        // a person of the population records is chosen first: the name-and-phone fields are not shown
        assertThat(page.locator("input[name=landlordKind][value=person]")).isChecked();
        assertThat(named).isHidden();
        // nothing chosen yet in the pickers: no empty chosen-value chip
        assertThat(page.locator(".picker-chosen").first()).isHidden();

        page.locator("input[name=landlordKind][value=named]").check();
        assertThat(named).isVisible();
        assertThat(named.locator("input[name=landlordName]")).isEditable();
        page.locator("input[name=landlordKind][value=person]").check();
        assertThat(named).isHidden();
    }
}
