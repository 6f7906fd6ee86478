package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.population.internal.ChineseNames;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Letters whose reading falls back from initials to pinyin are read so on every page: "zang" read as initials finds
 * only the Latin name Zang Ola (a word of whose name it is), so the list reads it as pinyin and lists the 臧
 * persons; page 2 lists the 臧 persons after page 1's, not the initials' nobody. 臧 is no demo name's character; the
 * persons are 25 of them and Zang Ola in a grid of the rural office, no household.
 */
class SearchReadingAcrossPagesIntegrationTests extends IntegrationTest {

    static final String LETTERS = "zang";
    static final String SUFFIXES = "甲乙丙丁戊己庚辛壬癸";
    static final int ZANGS = 25;
    static final Pattern LISTED_NAME = Pattern.compile("class=\"person-name\"[^>]*>([^<]+)</a>");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String officer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        synchronized (SearchReadingAcrossPagesIntegrationTests.class) {
            if (jdbc.sql("SELECT count(*) FROM person WHERE content_hash = 'search-zang'").query(Long.class).single() == 0) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < ZANGS; i++) {
                    names.add("臧" + SUFFIXES.charAt(i % 10) + SUFFIXES.charAt(i / 10));
                }
                names.add("Zang Ola");
                for (String name : names) {
                    // straight into the table, as the bulk paths write it, with the initials and pinyin they compute
                    ChineseNames.Pinyin pinyin = ChineseNames.pinyin(name);
                    jdbc.sql("""
                            INSERT INTO person (id, grid_id, name, name_initials, name_pinyin, residence, content_hash)
                            VALUES (gen_random_uuid(), (SELECT id FROM grid WHERE code = 'FS-1-05'), ?, ?, ?, 'PERMANENT',
                                    'search-zang')""")
                            .params(name, pinyin.initials(), pinyin.full()).update();
                }
            }
        }
    }

    JsonNode search(int page, int size) {
        HttpResponse<String> found = api.get("/api/v1/persons?q=" + LETTERS + "&size=" + size + "&page=" + page, officer);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return ApiClient.json(found);
    }

    /** Every person the pinyin reading finds, in the list's order (name in code points, then id). */
    List<String> byPinyin() {
        return jdbc.sql("""
                SELECT p.name FROM person p WHERE p.name_pinyin LIKE 'zang%' OR p.name = 'Zang Ola'
                ORDER BY p.name COLLATE "C", p.id""").query(String.class).list();
    }

    @Test
    void everyPageOfTheApiReadsTheLettersAsTheFirstPageDid() {
        // the letters are nobody's initials and start a word of a Latin name only: the reason the first page reads them
        // as pinyin
        assertThat(jdbc.sql("SELECT name FROM person WHERE name_initials >= 'zang' AND name_initials < 'zanh'")
                .query(String.class).list()).isEmpty();
        List<String> expected = byPinyin();
        assertThat(expected).hasSize(ZANGS + 1);

        JsonNode first = search(1, 20);
        JsonNode second = search(2, 20);
        assertThat(first.path("searchedAs").asText()).isEqualTo("PINYIN");
        assertThat(second.path("searchedAs").asText()).as("page 2 reads zang as page 1 did").isEqualTo("PINYIN");
        assertThat(second.path("total").asLong()).isEqualTo(first.path("total").asLong()).isEqualTo(expected.size());
        List<String> listed = new ArrayList<>(first.path("items").findValuesAsText("name"));
        listed.addAll(second.path("items").findValuesAsText("name"));
        assertThat(listed).containsExactlyElementsOf(expected);

        // pages smaller than the initials' matches, or than all there is, read it the same way too
        List<String> inFives = new ArrayList<>();
        for (int page = 1; page <= (expected.size() + 4) / 5; page++) {
            JsonNode five = search(page, 5);
            assertThat(five.path("searchedAs").asText()).as("page %d of 5", page).isEqualTo("PINYIN");
            inFives.addAll(five.path("items").findValuesAsText("name"));
        }
        assertThat(inFives).containsExactlyElementsOf(expected);
    }

    @Test
    void thePersonsPageListsTheSameReadingOnItsSecondPageAndTheExportMatches() throws Exception {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        List<String> expected = byPinyin();
        String first = browser.get("/persons?q=" + LETTERS, null).body();
        String second = browser.get("/persons?q=" + LETTERS + "&page=2", null).body();
        assertThat(first).contains("按拼音及外文姓名查询", "共 " + expected.size() + " 人", ">下一页<");
        assertThat(second).as("page 2 says and lists what page 1 said").contains("按拼音及外文姓名查询",
                "共 " + expected.size() + " 人").doesNotContain("按拼音首字母查询");
        List<String> listed = new ArrayList<>(names(first));
        listed.addAll(names(second));
        assertThat(listed).containsExactlyElementsOf(expected);

        HttpResponse<byte[]> export = api.download("/api/v1/persons/export.xlsx?q=" + LETTERS, officer);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(ExportIntegrationTests.rows(export.body()).stream().map(r -> r.get("姓名")).toList())
                .containsExactlyElementsOf(expected);
    }

    static List<String> names(String page) {
        List<String> names = new ArrayList<>();
        Matcher m = LISTED_NAME.matcher(page);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
