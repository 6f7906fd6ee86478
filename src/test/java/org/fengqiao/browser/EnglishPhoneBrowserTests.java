package org.fengqiao.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pages an officer opens on a phone in English, whose longer words widened tables past the screen: the household's
 * members and the grid's roster show one card per row, each value with its column's name, and nothing needs scrolling
 * sideways; the grid's facts are labelled in English.
 */
class EnglishPhoneBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone().setLocale("en");
    }

    @Test
    void aHouseholdsMembersAndAGridsRosterFitThePhoneInEnglish() {
        UUID household = jdbc.sql("""
                SELECT h.id FROM household h JOIN grid g ON g.id = h.grid_id JOIN person p ON p.household_id = h.id
                WHERE g.code = 'FS-1-01' AND h.number LIKE 'FS%'
                GROUP BY h.id HAVING count(*) >= 3 ORDER BY h.number LIMIT 1""").query(UUID.class).single();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-01'").query(UUID.class).single();
        login("officer");

        page.navigate(url("/households/" + household + "?lang=en"));
        Locator members = page.locator("table.members tbody tr");
        assertThat(members.first()).isVisible();
        assertThat(members.first().locator("td").nth(1)).hasAttribute("data-label", "Relation to head");
        assertThat(fitsTheScreen()).as("the members fit the phone").isTrue();

        page.navigate(url("/grids/" + grid));
        page.waitForSelector("#roster-current tr[data-term-id]");
        assertThat(page.locator("#roster-current tr[data-term-id] td").first()).hasAttribute("data-label", "Grid role");
        assertThat(fitsTheScreen()).as("the roster fits the phone").isTrue();
        // the grid's facts are labelled in English, the other networks' names given in Chinese only as an aside
        assertThat(page.locator("table.facts th").allInnerTexts()).isNotEmpty()
                .allSatisfy(th -> assertThat(th).matches("[A-Za-z].*"))
                .contains("Comprehensive governance (综治) grid code");
        // ending a term is still within reach
        Locator end = page.locator("#roster-current tr[data-term-id] button").first();
        assertThat(end).isVisible();
        assertThat(end.boundingBox().x + end.boundingBox().width).isLessThanOrEqualTo(390);
    }
}
