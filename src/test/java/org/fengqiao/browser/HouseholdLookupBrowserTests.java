package org.fengqiao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.population.internal.ChineseNames;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On the person form the officer looks up a household of another grid of his, one without a number, by its head's
 * name; the one he picks joins the list of households beside the 户号 field, chosen, and saving moves the person into
 * it, into its grid. The households are the test's own: one in FS-1-01 he starts in, one in FS-1-02 with only a head.
 */
class HouseholdLookupBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    UUID household(String gridCode, String number) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number) VALUES (?, (SELECT id FROM grid WHERE code = ? "
                + "AND network = 'POLICE'), ?)").params(id, gridCode, number).update();
        return id;
    }

    Map<String, Object> stored(UUID person) {
        return jdbc.sql("SELECT p.household_id, g.code AS grid FROM person p JOIN grid g ON g.id = p.grid_id WHERE p.id = ?")
                .param(person).query().singleRow();
    }

    @Test
    void anOfficerLooksUpAHouseholdOfAnotherGridByItsHeadAndMovesThePersonIntoIt() {
        UUID home = household("FS-1-01", "LK-" + UUID.randomUUID().toString().substring(0, 8));
        UUID elsewhere = household("FS-1-02", null);
        String head = "郦" + "查" + "甲乙丙丁戊己庚辛壬癸".charAt((int) (Math.random() * 10));
        ChineseNames.Pinyin pinyin = ChineseNames.pinyin(head);
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, residence, relation,
                                    content_hash)
                VALUES (gen_random_uuid(), (SELECT id FROM grid WHERE code = 'FS-1-02' AND network = 'POLICE'), ?, ?, ?, ?,
                        'PERMANENT', 'HEAD', 'household-lookup')""").params(elsewhere, head, pinyin.initials(), pinyin.full()).update();
        ApiClient api = new ApiClient(port);
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01' AND network = 'POLICE'").query(UUID.class).single();
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", api.token("officer", DEMO_PASSWORD),
                Map.of("gridId", grid, "householdId", home, "name", "查户迁入", "sex", "FEMALE", "birthDate", "1990-03-04",
                        "ethnicity", "01", "relation", "SPOUSE", "residence", "PERMANENT"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID person = UUID.fromString(ApiClient.json(created).get("id").asText());

        login("officer");
        page.navigate(url("/persons/" + person + "/edit"));
        assertThat(page.locator("#move-to option[value='" + elsewhere + "']").count())
                .as("another grid's household is not in his grid's list").isZero();
        page.locator("#move-lookup input[type=search]").fill(head);
        page.locator("#move-lookup .picker-option").first().waitFor();
        assertThat(page.locator("#move-lookup .picker-option").allInnerTexts())
                .containsExactly("户主 " + head + " · FS-1-02");
        page.locator("#move-lookup .picker-option").first().click();
        assertThat(page.locator("#move-to").inputValue()).as("the one found is chosen in the list")
                .isEqualTo(elsewhere.toString());
        page.click("#person-form button[type=submit]");
        page.waitForURL(u -> u.endsWith("/persons/" + person));
        assertThat(stored(person)).containsEntry("household_id", elsewhere).containsEntry("grid", "FS-1-02");
    }
}
