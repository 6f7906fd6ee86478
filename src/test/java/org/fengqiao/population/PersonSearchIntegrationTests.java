package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.population.internal.SearchTurns;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Person search over more matches than it counts: the count stops at the cap (200) and says so, pages
 * keep their order, the scope holds for every kind of text, and a renamed person is found by the new
 * name. The crowd is the cap and 3 more persons named 鼋鼍 and one more character (ten names) in a grid
 * of the rural office, characters no demo name uses.
 */
class PersonSearchIntegrationTests extends IntegrationTest {

    static final String CROWD = "鼋鼍";
    static final String SUFFIXES = "甲乙丙丁戊己庚辛壬癸";
    static final int CAP = org.fengqiao.population.internal.Persons.COUNT_CAP;
    static final int CROWD_SIZE = CAP + 3;
    static final String IN_OFFICERS_GRIDS = """
            p.grid_id IN (SELECT g.id FROM grid g JOIN unit u ON u.id = g.unit_id
                           WHERE u.path LIKE (SELECT u2.path FROM staff s JOIN unit u2 ON u2.id = s.unit_id
                                              WHERE s.username = 'officer') || '%')""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.context.ApplicationContext context;

    ApiClient api;
    String officer;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        synchronized (PersonSearchIntegrationTests.class) {
            if (jdbc.sql("SELECT count(*) FROM person WHERE content_hash = 'search-crowd'").query(Long.class).single() == 0) {
                // straight into the table, as the bulk paths write it: the search must not depend on who inserted
                jdbc.sql("""
                        INSERT INTO person (id, grid_id, name, name_initials, name_pinyin, residence, content_hash)
                        SELECT gen_random_uuid(), (SELECT id FROM grid WHERE code = 'FS-1-05'), n, 'yt', 'yuantuo',
                               'PERMANENT', 'search-crowd'
                          FROM (SELECT ? || substr(?, 1 + i % 10, 1) AS n FROM generate_series(1, ?) i) names""")
                        .params(CROWD, SUFFIXES, CROWD_SIZE).update();
            }
        }
    }

    JsonNode search(String query, int page, String token) {
        HttpResponse<String> found = api.get("/api/v1/persons?size=20&page=" + page + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8), token);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return ApiClient.json(found);
    }

    List<String> ids(JsonNode page) {
        return page.path("items").findValuesAsText("id");
    }

    /** What the officer sees of the crowd, in the order the search lists names: by name (code points), then id. */
    List<String> expected(String condition, int offset) {
        return jdbc.sql("SELECT p.id::text FROM person p WHERE " + condition + " AND " + IN_OFFICERS_GRIDS
                + " ORDER BY p.name COLLATE \"C\", p.id LIMIT 20 OFFSET " + offset).query(String.class).list();
    }

    long count(String condition) {
        return jdbc.sql("SELECT count(*) FROM person p WHERE " + condition + " AND " + IN_OFFICERS_GRIDS).query(Long.class).single();
    }

    @Test
    void aCommonFragmentCountsUpToTheCapAndSaysThereAreMoreThenPagesOnInNameOrder() {
        String holdsCrowd = "strpos(p.name, '" + CROWD + "') > 0";
        long matches = count(holdsCrowd);
        assertThat(matches).isGreaterThanOrEqualTo(CROWD_SIZE);
        JsonNode first = search(CROWD, 1, officer);
        assertThat(first.path("total").asLong()).isEqualTo(CAP);
        assertThat(first.path("totalIsLowerBound").asBoolean()).isTrue();
        assertThat(first.path("searchedAs").asText()).isEqualTo("NAME");
        assertThat(ids(first)).containsExactlyElementsOf(expected(holdsCrowd, 0));
        assertThat(ids(search(CROWD, 2, officer))).containsExactlyElementsOf(expected(holdsCrowd, 20));

        // the last page, past the count's cap, counts exactly again
        JsonNode last = search(CROWD, CAP / 20 + 1, officer);
        assertThat(ids(last)).hasSize((int) matches - CAP).containsExactlyElementsOf(expected(holdsCrowd, CAP));
        assertThat(last.path("total").asLong()).isEqualTo(matches);
        assertThat(last.path("totalIsLowerBound").asBoolean()).isFalse();

        // a page after the last one is empty and still knows how many there are
        JsonNode beyond = search(CROWD, CAP / 20 + 10, officer);
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(matches);
    }

    @Test
    void fewerMatchesThanTheCapAreCountedExactly() {
        long named = jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(CROWD + "甲").query(Long.class).single();
        JsonNode page = search(CROWD + "甲", 1, officer);
        assertThat(page.path("total").asLong()).isEqualTo(named).isBetween(10L, (long) CAP - 1);
        assertThat(page.path("totalIsLowerBound").asBoolean()).isFalse();
        assertThat(ids(page)).containsExactlyElementsOf(expected("p.name = '" + CROWD + "甲'", 0));
        // the fragment must be contiguous: 鼋甲 is in no name
        assertThat(search("鼋甲", 1, officer).path("total").asLong()).isZero();
    }

    @Test
    void aSurnameAloneListsByNameAndCountsUpToTheCap() {
        JsonNode page = search("鼋", 1, officer);
        assertThat(count("p.name LIKE '鼋%'")).isGreaterThan(CAP);
        assertThat(page.path("searchedAs").asText()).isEqualTo("SURNAME");
        assertThat(page.path("total").asLong()).isEqualTo(CAP);
        assertThat(page.path("totalIsLowerBound").asBoolean()).isTrue();
        assertThat(ids(page)).containsExactlyElementsOf(expected("p.name LIKE '鼋%'", 0));
    }

    @Test
    void initialsListTheClosestMatchesFirstThenByName() {
        String initials = "yt";
        JsonNode page = search(initials, 1, officer);
        assertThat(page.path("searchedAs").asText()).isEqualTo("INITIALS");
        assertThat(ids(page)).containsExactlyElementsOf(jdbc.sql("SELECT p.id::text FROM person p WHERE p.name_initials LIKE 'yt%' AND "
                + IN_OFFICERS_GRIDS + " ORDER BY p.name_initials COLLATE \"C\", p.name COLLATE \"C\", p.id LIMIT 20")
                .query(String.class).list());
        // more than a page of the officer's people have exactly these initials (the crowd), so the first page holds
        // only exact ones: yt comes before any yt… with more letters, whatever the names
        assertThat(jdbc.sql("SELECT DISTINCT name_initials FROM person WHERE id::text IN (:ids)").param("ids", ids(page))
                .query(String.class).list()).containsExactly(initials);
    }

    @Test
    void anotherStationSeesNoneOfTheCrowdWhateverItTypesAndTheBureauSeesThemAll() {
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        for (String query : List.of(CROWD, CROWD + "乙", "鼋")) {
            assertThat(search(query, 1, officer2).path("total").asLong()).as(query).isZero();
        }
        assertThat(ids(search("yt", 1, officer2))).doesNotContainAnyElementsOf(
                jdbc.sql("SELECT id::text FROM person WHERE content_hash = 'search-crowd'").query(String.class).list());
        JsonNode bureau = search(CROWD, 1, api.token("bureau", DEMO_PASSWORD));
        assertThat(bureau.path("total").asLong()).isEqualTo(CAP);
        assertThat(bureau.path("totalIsLowerBound").asBoolean()).isTrue();
    }

    @Test
    void aRenamedPersonIsFoundByTheNewNameOnly() {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-06'").query(UUID.class).single().toString());
        body.put("name", "鼋鼍改名前");
        body.put("sex", "MALE");
        body.put("residence", "PERMANENT");
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = ApiClient.json(created).path("id").asText();
        assertThat(ids(search("改名前", 1, officer))).containsExactly(id);

        body.put("name", "龟鼍已改名");
        HttpResponse<String> changed = api.send("PUT", "/api/v1/persons/" + id, officer, body);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(ids(search("已改名", 1, officer))).containsExactly(id);
        assertThat(ids(search("龟鼍", 1, officer))).containsExactly(id);
        assertThat(ids(search("改名前", 1, officer))).isEmpty();
    }

    @Test
    void namesNewToTheDictionaryAreFoundByEveryFragmentAndKnownNamesByTheirNewReading() {
        // one statement, as a batch of an import writes it: a new name twice, a new name beside a known one, and a
        // known name under another reading (单 as a surname reads shan, elsewhere dan)
        String known = jdbc.sql("SELECT name FROM name_pinyin WHERE char_length(name) = 3 ORDER BY name LIMIT 1")
                .query(String.class).single();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, name, name_initials, name_pinyin, residence, content_hash)
                SELECT gen_random_uuid(), (SELECT id FROM grid WHERE code = 'FS-1-06'), n, i, p, 'PERMANENT', 'dictionary'
                  FROM (VALUES ('鼋鼍新名', 'ytxm', 'yuantuoxinming'), ('鼋鼍新名', 'ytxm', 'yuantuoxinming'),
                               ('鼋鼍又名', 'ytym', 'yuantuoyouming'), (?, 'xx', 'xianzaiyoubieduyin')) v (n, i, p)""")
                .param(known).update();
        try {
            assertThat(jdbc.sql("SELECT bigram FROM name_bigram WHERE name = '鼋鼍新名' ORDER BY bigram")
                    .query(String.class).list()).containsExactlyInAnyOrder("鼋鼍", "鼍新", "新名");
            assertThat(jdbc.sql("SELECT count(*) FROM name_pinyin WHERE name = '鼋鼍新名'").query(Long.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM name_pinyin WHERE name = ? AND pinyin = 'xianzaiyoubieduyin'")
                    .param(known).query(Long.class).single()).isEqualTo(1);
            JsonNode middle = search("鼍新", 1, officer);
            assertThat(middle.path("items").findValuesAsText("name")).containsExactly("鼋鼍新名", "鼋鼍新名");
            assertThat(search("鼍又", 1, officer).path("items").findValuesAsText("name")).containsExactly("鼋鼍又名");
            // every person of that name is listed (a full pinyin search finds names, then their persons), this one too
            String reread = jdbc.sql("SELECT id::text FROM person WHERE content_hash = 'dictionary' AND name = ?")
                    .param(known).query(String.class).single();
            assertThat(ids(search("xianzaiyoubieduyin", 1, officer))).contains(reread);
        } finally {
            jdbc.sql("DELETE FROM person WHERE content_hash = 'dictionary'").update();
        }
    }

    @Test
    void everySearchIsOneAuditEntryWithWhatWasAskedAndHowManyWereFound() {
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        search(CROWD, 2, officer);
        search("123456", 1, officer);
        List<Map<String, Object>> entries = jdbc.sql("""
                SELECT actor, action, after->>'kind' AS kind, after->>'text' AS text, after->>'results' AS results
                  FROM audit_entry WHERE seq > ? AND record_type = 'person-search' ORDER BY seq""")
                .param(before).query().listOfRows();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsEntry("actor", "officer").containsEntry("action", "READ")
                .containsEntry("kind", "NAME").containsEntry("text", CROWD).containsEntry("results", String.valueOf(CAP));
        assertThat(entries.get(1)).as("an identity number tail is not written down")
                .containsEntry("kind", "ID_LAST6").containsEntry("text", "ID_LAST6");
    }

    @Test
    void aSurnameSpelledOutInPinyinFindsItsPeopleWhereNobodyHasThoseInitials() {
        JsonNode wang = search("wang", 1, officer);
        assertThat(wang.path("searchedAs").asText()).as("nobody's initials start wang: read as pinyin").isEqualTo("PINYIN");
        assertThat(wang.path("total").asLong()).isEqualTo(Math.min(CAP,
                count("p.name_pinyin >= 'wang' AND p.name_pinyin < 'wanh'"))).isPositive();
        for (String id : ids(wang)) {
            assertThat(jdbc.sql("SELECT name_pinyin FROM person WHERE id = CAST(? AS uuid)").param(id).query(String.class)
                    .single()).startsWith("wang");
        }
        JsonNode liu = search("liu", 1, officer);
        assertThat(liu.path("searchedAs").asText()).isEqualTo("PINYIN");
        assertThat(liu.path("total").asLong()).isPositive();
        assertThat(search("yt", 1, officer).path("searchedAs").asText()).as("initials somebody has stay initials")
                .isEqualTo("INITIALS");
    }

    @Test
    void thePersonsPageSaysMoreThanTheCountInsteadOfAnExactNumber() {
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> crowd = browser.get("/persons?q=" + URLEncoder.encode(CROWD, StandardCharsets.UTF_8), null);
        assertThat(crowd.statusCode()).isEqualTo(200);
        assertThat(crowd.body()).contains("超过 " + CAP + " 人");
        // the pages the count reaches are not all there are: the last of them still leads on
        String tenth = browser.get("/persons?page=" + CAP / 20 + "&q=" + URLEncoder.encode(CROWD, StandardCharsets.UTF_8),
                null).body();
        assertThat(tenth).contains("第 " + CAP / 20 + " 页，共 " + CAP / 20 + " 页以上", ">下一页<");
        HttpResponse<String> few = browser.get("/persons?q=" + URLEncoder.encode(CROWD + "甲", StandardCharsets.UTF_8), null);
        assertThat(few.body()).containsPattern("共 \\d+ 人").doesNotContain("超过");
    }

    @Test
    void aSearchThatGetsNoTurnIsAnsweredBusyInTheUsersLanguageAndLeavesNoTrace() throws Exception {
        SearchTurns turns = context.getBean(SearchTurns.class);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(turns.permits());
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService others = java.util.concurrent.Executors.newFixedThreadPool(turns.permits());
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        try {
            // every turn taken by a search that has not finished
            for (int i = 0; i < turns.permits(); i++) {
                others.submit(() -> turns.take(() -> {
                    holding.countDown();
                    try {
                        return done.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            assertThat(holding.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String path = "/api/v1/persons?size=20&q=" + URLEncoder.encode(CROWD, StandardCharsets.UTF_8);
            HttpResponse<String> zh = api.get(path, officer);
            assertThat(zh.statusCode()).as(zh.body()).isEqualTo(503);
            assertThat(zh.headers().firstValue("Retry-After")).contains("1");
            assertThat(ApiClient.json(zh).path("title").asText()).isEqualTo("系统繁忙，请稍后重试");
            HttpResponse<String> en = api.get(path, officer, "Accept-Language", "en");
            assertThat(ApiClient.json(en).path("title").asText()).isEqualTo("The system is busy; please try again in a moment");
            ApiClient browser = new ApiClient(port);
            assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
            HttpResponse<String> page = browser.get("/persons?q=" + URLEncoder.encode(CROWD, StandardCharsets.UTF_8), null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).contains("系统繁忙，请稍后重试");
            assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE seq > ? AND record_type = 'person-search'")
                    .param(before).query(Long.class).single()).as("a search refused is not recorded as made").isZero();
            // the turns are the searches' alone: one who is not signed in is told so at once, and other reads go on
            assertThat(new ApiClient(port).get(path, null).statusCode()).isEqualTo(401);
            assertThat(api.get("/api/v1/me", officer).statusCode()).isEqualTo(200);
        } finally {
            done.countDown();
            others.shutdown();
            assertThat(others.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        // the turns are free again: the same search is answered
        assertThat(search(CROWD, 1, officer).path("total").asLong()).isEqualTo(CAP);
    }
}
