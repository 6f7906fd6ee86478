package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person's page shows what the officer recorded on his form, as the personal file (一人一档) prints it: his
 * ethnicity by name, the day he left, the note; in the reader's language.
 */
class PersonPageFactsIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void thePersonPageShowsEthnicityTheDayHeLeftAndTheNoteInEitherLanguage() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        UUID person = fx.person(grid, household, "回离", "HEAD", null, null);
        jdbc.sql("UPDATE person SET ethnicity = '03', residence = 'LEFT', left_on = DATE '2026-03-15', "
                + "note = '去无锡打工，春节回家' WHERE id = ?").param(person).update();

        String zh = page("zh-CN", "/persons/" + person);
        assertThat(zh).containsPattern(fact("民族", "回族")).containsPattern(fact("离开日期", "2026-03-15"))
                .containsPattern(fact("备注", "去无锡打工，春节回家"));

        String en = page("en", "/persons/" + person);
        assertThat(en).containsPattern(fact("Ethnicity", "Hui")).containsPattern(fact("Left on", "2026-03-15"))
                .containsPattern(fact("Note", "去无锡打工，春节回家"));
    }

    @Test
    void aPersonWhoNeverLeftShowsNoDayOfLeaving() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID person = fx.person(grid, fx.household(grid, null, false, false), "韦明", "HEAD", null, null);

        String zh = page("zh-CN", "/persons/" + person);
        assertThat(zh).doesNotContain("离开日期");
        // nothing recorded: a dash, as for the other facts
        assertThat(zh).containsPattern(fact("民族", "—"));
    }

    @Test
    void aPersonLivingInABuildingsRoomShowsTheRoomLinkedToTheFloorPlanOnHisPageAndForm() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 4, 2, 2);
        String name = jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
        UUID person = fx.person(grid, fx.household(grid, fx.room(building, 2, "302"), false, false), "楼住", "HEAD",
                null, null);
        String link = "<a id=\"%s\" href=\"/buildings/" + building + "\">";

        assertThat(page("zh-CN", "/persons/" + person)).containsPattern(Pattern.compile("<th[^>]*>房屋</th>\\s*<td>"
                + Pattern.quote(link.formatted("room-link") + name + " 2单元 3层 302室</a>") + "</td>"));
        assertThat(page("en", "/persons/" + person)).containsPattern(Pattern.compile("<th[^>]*>Room</th>\\s*<td>"
                + Pattern.quote(link.formatted("room-link") + name + ", unit 2, floor 3, room 302</a>") + "</td>"));
        assertThat(page("zh-CN", "/persons/" + person + "/edit")).contains(link.formatted("room-fixed") + name
                + " 2单元 3层 302室</a>");

        // a household in no building's room has no room to show
        UUID elsewhere = fx.person(grid, fx.household(grid, null, false, false), "户住", "HEAD", null, null);
        assertThat(page("zh-CN", "/persons/" + elsewhere)).doesNotContain("room-link").doesNotContain(">房屋<");
        assertThat(page("zh-CN", "/persons/" + elsewhere + "/edit")).doesNotContain("room-fixed");
    }

    @Test
    void aHouseholdWithoutANumberIsNamedByWhereItIsWithNothingBeforeIt() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        UUID person = fx.person(grid, household, "无号", "HEAD", null, null);
        jdbc.sql("UPDATE household SET number = NULL WHERE id = ?").param(household).update();

        assertThat(page("zh-CN", "/persons/" + person + "/edit"))
                .contains("<strong id=\"household-fixed\">FS-1-01</strong>");
        assertThat(page("zh-CN", "/persons/new?householdId=" + household))
                .contains("<strong id=\"household-fixed\">FS-1-01</strong>");
        assertThat(page("zh-CN", "/persons/" + person)).containsPattern(Pattern.compile(
                "<th[^>]*>所在户</th>\\s*<td><a id=\"household-link\" href=\"/households/" + household
                        + "\">查看该户</a></td>"));
        // the household's own page and the form's crumb name it 住户, with no space left for the missing number
        assertThat(page("zh-CN", "/households/" + household)).contains("<h1>住户</h1>").contains("<title>住户 ·");
        assertThat(page("zh-CN", "/persons/" + person + "/edit")).containsPattern(
                "<a id=\"household-crumb\" href=\"/households/" + household + "\">住户</a>");

        jdbc.sql("UPDATE household SET number = 'H-无号' WHERE id = ?").param(household).update();
        assertThat(page("zh-CN", "/persons/" + person + "/edit"))
                .contains("<strong id=\"household-fixed\">H-无号 FS-1-01</strong>");
    }

    /** A row of the page's facts table: its label, then its value. */
    private static Pattern fact(String label, String value) {
        return Pattern.compile("<th[^>]*>" + Pattern.quote(label) + "</th>\\s*<td[^>]*>"
                + Pattern.quote(value) + "</td>");
    }

    private String page(String language, String path) {
        HttpResponse<String> r = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, language).get(path, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
