package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Foreign residents are registered under their names in Latin letters, and an officer finds one by any word of
 * that name or its start, in any case, one word or several in any order, through the person API: whichever path
 * registered him (the API, as the form does; an import of xlsx or CSV; a rename), and only inside the caller's
 * jurisdiction. A Chinese name search is untouched: letters that are initials list those first.
 */
class LatinNameSearchIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    javax.sql.DataSource dataSource;

    ApiClient api;
    String officer;

    /** The persons of the class, registered once for all its tests: name → id. */
    static final Map<String, String> REGISTERED = new HashMap<>();
    /** John Smith again, in a grid of 和平社区 (officer2's): outside the officer's jurisdiction. */
    static String outsideId;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        synchronized (LatinNameSearchIntegrationTests.class) {
            if (!REGISTERED.isEmpty()) {
                return;
            }
            // through the API, as the form registers them
            for (String name : List.of("John Smith", "Maria Garcia-Lopez", "Ella Banfield", "José Müller", "Lee Wang",
                    "Nguyễn Thị Hoà", "Søren Kierkegaard", "ŁUKASZ Nowak", "Đặng Văn Đức", "Hans Weiß", "Wang Lee")) {
                REGISTERED.put(name, register(name, "FS-1-01", officer));
            }
            outsideId = register("John Smith", "NS-1-01", api.token("officer2", DEMO_PASSWORD));

            // through an import, a CSV and an xlsx file: the import writes its rows in batches of its own
            String csv = "\uFEFF" + String.join(",", ImportIntegrationTests.HEADERS) + "\n"
                    + String.join(",", "O'Brien Sean", "", "男", "", "FS-1-02", "", "", "常住", "") + "\n";
            assertThat(ImportIntegrationTests.importAndWait(api, port, officer, "latin.csv",
                    csv.getBytes(StandardCharsets.UTF_8), false, java.time.Duration.ofSeconds(30))
                    .path("createdRows").asLong()).isEqualTo(1);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Nguyen Van An", "", "男", "", "FS-1-02", "", "", "常住", ""});
            assertThat(ImportIntegrationTests.importAndWait(api, port, officer, "latin.xlsx",
                    ImportIntegrationTests.xlsx(rows), false, java.time.Duration.ofSeconds(30))
                    .path("createdRows").asLong()).isEqualTo(1);
            for (String name : List.of("O'Brien Sean", "Nguyen Van An")) {
                REGISTERED.put(name, jdbc.sql("SELECT id::text FROM person WHERE name = ?").param(name)
                        .query(String.class).single());
            }

            // renamed: found by the new name's words
            String renamed = register("Provisional Entry", "FS-1-03", officer);
            Map<String, Object> body = person("Zoltan Kovacs", "FS-1-03");
            HttpResponse<String> changed = api.send("PUT", "/api/v1/persons/" + renamed, officer, body);
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            REGISTERED.put("Zoltan Kovacs", renamed);
        }
    }

    Map<String, Object> person(String name, String gridCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", jdbc.sql("SELECT id FROM grid WHERE code = ?").param(gridCode).query(UUID.class).single()
                .toString());
        body.put("name", name);
        body.put("sex", "MALE");
        body.put("residence", "PERMANENT");
        return body;
    }

    String register(String name, String gridCode, String token) {
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", token, person(name, gridCode));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ApiClient.json(created).path("id").asText();
    }

    JsonNode search(String query, String token) {
        HttpResponse<String> found = api.get("/api/v1/persons?size=100&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                token);
        assertThat(found.statusCode()).as(query + ": " + found.body()).isEqualTo(200);
        return ApiClient.json(found);
    }

    List<String> ids(String query) {
        return search(query, officer).path("items").findValuesAsText("id");
    }

    String id(String name) {
        return REGISTERED.get(name);
    }

    @Test
    void aLaterWordOfTheNameFindsHimInAnyCase() {
        for (String query : List.of("smith", "Smith", "SMITH")) {
            assertThat(ids(query)).as(query).contains(id("John Smith"));
        }
        assertThat(ids("lopez")).contains(id("Maria Garcia-Lopez"));
        assertThat(ids("garcia")).contains(id("Maria Garcia-Lopez"));
        assertThat(ids("Sean")).as("imported from CSV").contains(id("O'Brien Sean"));
        assertThat(ids("brien")).as("the part after the apostrophe").contains(id("O'Brien Sean"));
        assertThat(ids("o'brien")).as("the word with its apostrophe").contains(id("O'Brien Sean"));
        assertThat(ids("van")).as("imported from xlsx").contains(id("Nguyen Van An"));
        assertThat(ids("an")).as("a word of two letters").contains(id("Nguyen Van An"));
        assertThat(ids("kovacs")).as("renamed").contains(id("Zoltan Kovacs"));
        assertThat(ids("provisional")).as("the name before the rename").doesNotContain(id("Zoltan Kovacs"));
        assertThat(ids("muller")).as("typed without the umlaut").contains(id("José Müller"));
        assertThat(ids("Müller")).contains(id("José Müller"));
    }

    @Test
    void lettersWithoutAMarkToDropAreFoundAsTypedOnAPlainKeyboard() {
        assertThat(ids("soren")).contains(id("Søren Kierkegaard"));
        assertThat(ids("Søren")).contains(id("Søren Kierkegaard"));
        assertThat(ids("kierkegaard soren")).containsExactly(id("Søren Kierkegaard"));
        assertThat(ids("ren")).as("the letters after ø are no word of their own").doesNotContain(id("Søren Kierkegaard"));
        assertThat(ids("lukasz")).contains(id("ŁUKASZ Nowak"));
        assertThat(ids("duc dang")).containsExactly(id("Đặng Văn Đức"));
        assertThat(ids("weiss")).contains(id("Hans Weiß"));
        assertThat(ids("hans weiß")).containsExactly(id("Hans Weiß"));
    }

    @Test
    void theStartOfAWordFindsHim() {
        assertThat(ids("smi")).contains(id("John Smith"));
        assertThat(ids("Smit")).contains(id("John Smith"));
        assertThat(ids("lop")).contains(id("Maria Garcia-Lopez"));
        assertThat(ids("ngu")).contains(id("Nguyen Van An"));
        assertThat(ids("kov")).contains(id("Zoltan Kovacs"));
        assertThat(ids("smyth")).doesNotContain(id("John Smith"));
    }

    @Test
    void twoWordsOrTheirStartsFindHimInEitherOrder() {
        for (String query : List.of("john smith", "Smith John", "SMITH  john", "jo smi", "smith, john")) {
            JsonNode found = search(query, officer);
            assertThat(found.path("items").findValuesAsText("id")).as(query).containsExactly(id("John Smith"));
            assertThat(found.path("searchedAs").asText()).as(query).isEqualTo("LATIN_WORDS");
        }
        assertThat(ids("garcia-lopez")).containsExactly(id("Maria Garcia-Lopez"));
        assertThat(ids("Lopez Maria")).containsExactly(id("Maria Garcia-Lopez"));
        assertThat(ids("sean o'brien")).containsExactly(id("O'Brien Sean"));
        assertThat(ids("an nguyen van")).containsExactly(id("Nguyen Van An"));
        assertThat(ids("jose muller")).containsExactly(id("José Müller"));
        // registered with Vietnamese tone marks, typed without them, or in the fullwidth letters of a Chinese input method
        assertThat(ids("nguyen thi")).containsExactly(id("Nguyễn Thị Hoà"));
        assertThat(ids("ｈｏａ　ｎｇｕｙｅｎ")).containsExactly(id("Nguyễn Thị Hoà"));
        assertThat(ids("Nguyễn Văn")).containsExactly(id("Nguyen Van An"));
        // every word must be in the name
        assertThat(ids("john lopez")).isEmpty();
        assertThat(ids("maria smith")).isEmpty();
    }

    @Test
    void aPersonOutsideTheCallersJurisdictionIsNotFoundByAnyWord() {
        for (String query : List.of("smith", "smi", "john", "john smith", "smith john", "SMITH")) {
            assertThat(ids(query)).as(query).contains(id("John Smith")).doesNotContain(outsideId);
        }
        // the other station's officer finds his own John Smith and not the officer's
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        assertThat(search("smith john", officer2).path("items").findValuesAsText("id")).containsExactly(outsideId);
    }

    @Test
    void theFirstLettersOfTheWordsAreHisInitialsAsZsIsZhangSans() {
        JsonNode js = search("js", officer);
        assertThat(js.path("searchedAs").asText()).isEqualTo("INITIALS");
        assertThat(js.path("items").findValuesAsText("id")).contains(id("John Smith")).doesNotContain(outsideId);
        assertThat(ids("JS")).contains(id("John Smith"));
        assertThat(ids("mgl")).as("a hyphen parts words").contains(id("Maria Garcia-Lopez"));
        assertThat(ids("nth")).as("typed without the marks").contains(id("Nguyễn Thị Hoà"));
        assertThat(ids("sk")).contains(id("Søren Kierkegaard"));
        assertThat(ids("os")).as("imported").contains(id("O'Brien Sean"));
        assertThat(ids("zk")).as("renamed").contains(id("Zoltan Kovacs"));
        // the other station's officer finds his own John Smith by them, not the officer's
        assertThat(search("js", api.token("officer2", DEMO_PASSWORD)).path("items").findValuesAsText("id"))
                .contains(outsideId).doesNotContain(id("John Smith"));
    }

    @Test
    void theMigrationGivesAPersonRegisteredBeforeItTheInitialsOfHisWords() throws Exception {
        String mixed = register("Pierre-Émile 李 O'Neill", "FS-1-05", officer);
        // as V130 found them: every Latin letter, lower-cased, and the Chinese character's initial
        jdbc.sql("UPDATE person SET name_initials = 'pierreémileloneill' WHERE id = ?::uuid").param(mixed).update();
        assertThat(ids("pel")).doesNotContain(mixed);

        String migration = new String(getClass().getResourceAsStream(
                "/db/migration/V130__latin_name_initials_per_word.sql").readAllBytes(), StandardCharsets.UTF_8);
        migrate(migration);
        assertThat(jdbc.sql("SELECT name_initials FROM person WHERE id = ?::uuid").param(mixed).query(String.class)
                .single()).isEqualTo("pelo");
        assertThat(ids("pelo")).contains(mixed);
        // run again, and over initials already written per word, it changes nothing
        migrate(migration);
        assertThat(jdbc.sql("SELECT name_initials FROM person WHERE id = ?::uuid").param(mixed).query(String.class)
                .single()).isEqualTo("pelo");
    }

    /** The script as Flyway runs it: one statement, its := and $$ left to PostgreSQL. */
    void migrate(String script) throws Exception {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute(script);
        }
    }

    @Test
    void lettersThatAreInitialsListThePersonsWithThoseInitialsFirstThenTheNamesTheyStartAWordOf() {
        String chinese = register("白安娜", "FS-1-04", officer);
        JsonNode found = search("ban", officer);
        assertThat(found.path("searchedAs").asText()).isEqualTo("INITIALS");
        List<String> ids = found.path("items").findValuesAsText("id");
        assertThat(ids).contains(chinese, id("Ella Banfield"));
        assertThat(found.path("totalIsLowerBound").asBoolean()).isFalse();
        // the initials' matches in their order (docs/adr/0005), then the Latin names
        List<String> byInitials = jdbc.sql("""
                SELECT p.id::text FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                 WHERE p.name_initials LIKE 'ban%' AND u.path LIKE (SELECT u2.path || '%' FROM staff s
                       JOIN unit u2 ON u2.id = s.unit_id WHERE s.username = 'officer')
                 ORDER BY p.name_initials COLLATE "C", p.name COLLATE "C", p.id""").query(String.class).list();
        assertThat(ids.subList(0, byInitials.size())).containsExactlyElementsOf(byInitials);
        assertThat(ids.subList(byInitials.size(), ids.size())).contains(id("Ella Banfield"));
        assertThat(found.path("total").asLong()).isEqualTo(ids.size());
        // paged two at a time, across the point where the initials' matches end, the same list
        List<String> paged = new ArrayList<>();
        for (int page = 1; page <= (ids.size() + 1) / 2; page++) {
            JsonNode two = ApiClient.json(api.get("/api/v1/persons?size=2&page=" + page + "&q=ban", officer));
            assertThat(two.path("total").asLong()).isEqualTo(ids.size());
            paged.addAll(two.path("items").findValuesAsText("id"));
        }
        assertThat(paged).containsExactlyElementsOf(ids);
    }

    @Test
    void aSurnameSpelledOutStillFindsItsChinesePeopleBesideALatinNameWithThatWord() {
        JsonNode wang = search("wang", officer);
        assertThat(wang.path("searchedAs").asText()).isEqualTo("PINYIN");
        List<String> names = wang.path("items").findValuesAsText("name");
        // in name order (code points): the Latin letters before every Chinese character
        assertThat(names.get(0)).isEqualTo("Lee Wang");
        // Wang Lee's first word is wang: he does not hide the 王 and 汪 from the officer
        assertThat(names.get(1)).isEqualTo("Wang Lee");
        assertThat(names).as("汪 and 王 read wang").anyMatch(n -> n.startsWith("汪") || n.startsWith("王"));
        assertThat(wang.path("total").asLong()).isGreaterThan(1);
    }

    @Test
    void aChineseNameSpelledOutSyllableBySyllableIsReadAsItsPinyinWhenNoLatinNameHasThoseWords() {
        JsonNode together = search("zhangwei", officer);
        assertThat(together.path("total").asLong()).as("the demo's 张伟 and 张薇").isPositive();
        JsonNode apart = search("zhang wei", officer);
        assertThat(apart.path("searchedAs").asText()).isEqualTo("PINYIN");
        assertThat(apart.path("items").findValuesAsText("id"))
                .containsExactlyElementsOf(together.path("items").findValuesAsText("id"));
        assertThat(search("Zhang  WEI", officer).path("total").asLong()).isEqualTo(together.path("total").asLong());
        // a Latin name with those words still wins: Wang Lee is found as his words, not 王丽 as pinyin
        JsonNode latin = search("wang lee", officer);
        assertThat(latin.path("searchedAs").asText()).isEqualTo("LATIN_WORDS");
        assertThat(latin.path("items").findValuesAsText("id")).contains(id("Wang Lee"));
    }

    @Test
    void aChineseTransliterationWithAMiddleDotIsStillFoundByItsFragment() {
        String id = register("约翰·史密斯", "FS-1-05", officer);
        assertThat(ids("史密斯")).contains(id);
        assertThat(ids("约翰·史密斯")).containsExactly(id);
        assertThat(ids("zs")).as("Chinese initials as before").doesNotContain(id("John Smith"));
    }

    @Test
    void textThatIsNoNameIsStillRefusedInTheUsersLanguage() {
        HttpResponse<String> oneLetterEach = api.get("/api/v1/persons?q=" + URLEncoder.encode("j s", StandardCharsets.UTF_8),
                officer);
        assertThat(oneLetterEach.statusCode()).isEqualTo(400);
        assertThat(oneLetterEach.body()).contains("两个字母");
        HttpResponse<String> mixed = api.get("/api/v1/persons?q=" + URLEncoder.encode("john 3", StandardCharsets.UTF_8),
                officer);
        assertThat(mixed.statusCode()).isEqualTo(400);
    }
}
