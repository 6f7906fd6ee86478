package org.fengqiao.mediation;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On a phone: the officer finds a resident by name in the case page's picker and adds him as a party. */
class MediationPickerBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MediationLoader mediation;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theOfficerPicksAPartyFromThePopulationRecordsOnAPhone() {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-03'").query(UUID.class).single();
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        Random r = new Random();
        StringBuilder name = new StringBuilder("司马");
        for (int i = 0; i < 2; i++) {
            name.appendCodePoint(0x4E00 + r.nextInt(0x9FA5 - 0x4E00));
        }
        String number = TestIdentityNumbers.next(Sex.MALE);
        ApiClient api = new ApiClient(port);
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid);
        body.put("name", name.toString());
        body.put("idNumber", number);
        body.put("phone", "13611112222");
        body.put("residence", "PERMANENT");
        assertThat(api.send("POST", "/api/v1/persons", api.token("officer", DEMO_PASSWORD), body).statusCode())
                .isEqualTo(201);
        UUID id = mediation.open(DisputeOrigin.WALK_IN, DisputeKind.NEIGHBOURS, grid, "选择当事人" + UUID.randomUUID(), null,
                List.<String[]>of(new String[] {"来访人", null}), Map.of(officer, TeamRole.OFFICER), "test");

        login("officer");
        page.navigate(url("/mediation/" + id));
        page.click("#person-picker summary");
        page.fill("#person-q", number.substring(12));
        page.click("#person-search");
        Locator found = page.locator("#persons-found li").filter(new Locator.FilterOptions().setHasText(name.toString()));
        assertThat(found).hasCount(1);
        assertThat(found).containsText("136****2222");
        assertThat(page.locator("body")).not().containsText(number);
        assertThat(fitsTheScreen()).as("the picker fits a phone's width").isTrue();

        found.locator("button.pick-person").click();
        assertThat(page.locator(".notice")).isVisible();
        Locator party = page.locator("#dispute-parties li").filter(new Locator.FilterOptions().setHasText(name.toString()));
        assertThat(party).containsText("136****2222");
        assertThat(party).containsText("实有人口");
        assertThat(fitsTheScreen()).isTrue();
    }
}
