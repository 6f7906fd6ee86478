package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An officer who reads English switches the persons page to English and searches there. */
class PersonSearchEnglishBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void thePersonsPageSearchesAndExplainsItselfInEnglish() {
        // registered through the API, as an officer would: the register computes the pinyin initials
        ApiClient api = new ApiClient(port);
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01'").query(UUID.class).single();
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", api.token("officer", DEMO_PASSWORD),
                Map.of("gridId", grid.toString(), "name", "司马羿辰", "idNumber", TestIdentityNumbers.next(Sex.MALE),
                        "sex", "MALE", "residence", "PERMANENT", "ethnicity", "01"));
        org.assertj.core.api.Assertions.assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        login("officer");
        page.navigate(url("/persons?lang=en"));
        assertThat(page.locator("h1")).hasText("Population");
        assertThat(page.locator("html")).hasAttribute("lang", "en");

        // pinyin initials of 司马羿辰: s-m-y-c (a compound surname the demo does not use)
        page.fill("#person-q", "smyc");
        page.locator("form.filters button[type=submit]").click();
        assertThat(page.locator("a.person-name", new com.microsoft.playwright.Page.LocatorOptions()
                .setHasText("司马羿辰"))).isVisible();
        assertThat(page.locator("p.count .muted")).hasText("Searched by pinyin initials, then by the words of Latin-letter names");

        // one latin letter is too short to be initials or a word: the page says so in English and shows nothing
        page.fill("#person-q", "m");
        page.locator("form.filters button[type=submit]").click();
        assertThat(page.locator("ul.problems")).containsText("Type at least two letters");
        assertThat(page.locator("a.person-name")).hasCount(0);

        // the language is kept for the next page, and the switch back gives Chinese again
        page.navigate(url("/persons"));
        assertThat(page.locator("h1")).hasText("Population");
        page.navigate(url("/persons?lang=zh-CN"));
        assertThat(page.locator("h1")).hasText("实有人口");
    }
}
