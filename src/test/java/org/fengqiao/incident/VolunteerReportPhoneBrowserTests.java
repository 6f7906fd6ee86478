package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.RosterDay;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo volunteer (陈红梅, grid member of 吴场's grids 1 and 11) reports what she saw on patrol from her phone: the
 * form offers her own two grids and no informant's clue, the report is filed in the grid she chose, she reads it at
 * once and finds it among the reports she filed; every page fits a 390 px screen.
 */
class VolunteerReportPhoneBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theVolunteerReportsWhatSheSawInHerGridFromHerPhoneAndFollowsIt() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        List<UUID> hers = jdbc.sql("""
                SELECT DISTINCT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND""" + " " + RosterDay.coversToday("r"))
                .query(UUID.class).list();
        assertThat(hers).as("the demo's volunteer serves two grids").hasSize(2);

        login("volunteer");
        page.navigate(url("/incidents/new"));
        assertThat(page.locator("select#source")).hasCount(0);
        assertThat(page.locator("#gridId option:not([value=''])")).hasCount(2);
        assertThat(fitsTheScreen()).as("the form fits the phone").isTrue();
        page.selectOption("#category", "DISPUTE");
        page.fill("#description", "两户村民因宅基地围墙争吵，已劝开" + n);
        page.selectOption("#gridId", hers.get(0).toString());
        page.fill("#address", "村东头第三户门口");
        page.click("#submit-incident");
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        UUID id = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
        assertThat(jdbc.sql("SELECT grid_id FROM incident WHERE id = ?").param(id).query(UUID.class).single())
                .isEqualTo(hers.get(0));
        assertThat(page.locator("main")).containsText("两户村民因宅基地围墙争吵，已劝开" + n);
        assertThat(fitsTheScreen()).as("the report's page fits the phone").isTrue();

        page.navigate(url("/incidents?show=filed"));
        assertThat(page.locator("main")).containsText("两户村民因宅基地围墙争吵，已劝开" + n);
        assertThat(fitsTheScreen()).as("her reports fit the phone").isTrue();
    }
}
