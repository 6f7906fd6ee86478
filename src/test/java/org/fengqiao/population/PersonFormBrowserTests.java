package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On a phone, at the door: the officer adds a member to a household from its page and finds him listed there. */
class PersonFormBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void anOfficerAddsAMemberFromTheHouseholdPageAndFindsHimListed() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number) VALUES (?, ?, ?)")
                .params(household, grid, "PB-" + household.toString().substring(0, 8)).update();
        fx.person(grid, household, "诸葛" + "长青", "HEAD", null, null);

        login("officer");
        page.navigate(url("/households/" + household));
        page.click("#add-member");
        page.waitForURL(u -> u.contains("/persons/new"));
        assertThat(page.locator("#household-fixed")).containsText("PB-");
        assertThat(fitsTheScreen()).as("the form fits a phone's width").isTrue();

        page.fill("input[name=name]", "诸葛" + "小禾");
        page.fill("input[name=idNumber]", TestIdentityNumbers.child(Sex.FEMALE));
        page.fill("input[name=phone]", "13912345679");
        page.selectOption("select[name=relation]", new SelectOption().setValue("CHILD"));
        page.check("input[name=categories][value=LEFT_BEHIND_CHILD]");
        page.click("#person-form button[type=submit]");

        page.waitForURL(u -> u.matches(".*/persons/[0-9a-f-]{36}$"));
        assertThat(page.locator("#person-name")).hasText("诸葛小禾");
        assertThat(page.locator("p.notice")).hasText("已登记：诸葛小禾");
        assertThat(page.locator("#household-link")).isVisible();

        page.click("#household-link");
        page.waitForURL(u -> u.endsWith("/households/" + household));
        assertThat(page.locator("table.members a", new Page.LocatorOptions().setHasText("诸葛小禾"))).isVisible();
        assertThat(page.locator("table.members tr", new Page.LocatorOptions().setHasText("诸葛小禾")))
                .containsText("子女");
    }

    /** The look of a link that stands for a button: its frame, corners, padding and height. */
    Object[] buttonLook(String selector) {
        return ((java.util.List<?>) page.locator(selector).evaluate("""
                e => { const s = getComputedStyle(e);
                       return [s.borderTopStyle, s.borderTopWidth, s.borderRadius, s.paddingLeft, s.minHeight,
                               s.textDecorationLine]; }""")).toArray();
    }

    @Test
    void theLinksToRegisterAndToChangeAPersonLookLikeTheOtherPagesButtons() {
        login("officer");
        page.navigate(url("/rentals"));
        Object[] button = buttonLook("#new-rental");
        assertThat(button[0]).as("framed like a button").isEqualTo("solid");

        page.navigate(url("/persons"));
        assertThat(buttonLook("#register-person")).containsExactly(button);
        page.click("#register-person");
        page.waitForURL(u -> u.contains("/persons/new"));

        UUID person = jdbc.sql("SELECT p.id FROM person p JOIN grid g ON g.id = p.grid_id WHERE g.code = 'FS-1-01' LIMIT 1")
                .query(UUID.class).single();
        page.navigate(url("/persons/" + person));
        assertThat(buttonLook("#edit-person")).containsExactly(button);
    }
}
