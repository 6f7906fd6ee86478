package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.notification.NotificationFixtures.TestGrid;
import org.fengqiao.notification.internal.Inbox;
import org.fengqiao.population.ImportIntegrationTests;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person made a key person, given another key-person type or no longer one, by the person form or by a persons
 * import, reaches the inbox of his grid's chief: who, which type, what to do (form the helper team, the first visit's
 * day), in the reader's language, with no identity number. The form makes an entry per person; an import one entry
 * per grid and job listing its persons. Nobody else hears of it: not the grid's manager, not the chief of the grid
 * next door, not another station; the grid's key-person list the import entry links to is 404 outside the subtree.
 */
class KeyPersonInboxIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    Inbox inbox;

    ApiClient api;
    String officer;
    TestGrid g;
    TestGrid next;
    LocalDate today;
    String tag;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        g = NotificationFixtures.grid(jurisdictions, staff, office);
        next = NotificationFixtures.grid(jurisdictions, staff, office);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        tag = UUID.randomUUID().toString().substring(0, 4);
    }

    String token(String username) {
        return api.token(username, DEMO_PASSWORD);
    }

    Map<String, Object> form(TestGrid grid, String name, String idNumber, List<String> categories) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid.grid().id().value().toString());
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("sex", "MALE");
        body.put("residence", "PERMANENT");
        body.put("categories", categories);
        return body;
    }

    /** Every entry of the caller's inbox, in the reader's language. */
    List<JsonNode> inboxOf(String token, String... headers) {
        HttpResponse<String> page = api.get("/api/v1/inbox?size=100", token, headers);
        assertThat(page.statusCode()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        ApiClient.json(page).get("items").forEach(all::add);
        return all;
    }

    List<JsonNode> about(String token, Object recordId, String... headers) {
        return inboxOf(token, headers).stream().filter(e -> e.get("recordId").asText().equals(recordId.toString()))
                .toList();
    }

    void put(UUID person, Map<String, Object> body) {
        HttpResponse<String> r = api.send("PUT", "/api/v1/persons/" + person, officer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /**
     * A key person who moves house to a grid of another workstation takes the place of the entry about him along: the
     * chief of the grid he left, who can no longer open his record, no longer finds the entry, counts it unread nor
     * opens it (it would lead him to a page he is refused); moved back into his grid, the entry is there again, unread
     * as he left it.
     */
    @Test
    void anEntryAboutAPersonWhoMovedOutOfTheChiefsAreaIsNeitherListedCountedNorOpenedByHim() {
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        String n = NotificationFixtures.unique();
        Unit left = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-N-WSA-" + n, "迁出工作站" + n, "320722");
        Unit joined = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-N-WSB-" + n, "迁入工作站" + n,
                "320722");
        TestGrid from = NotificationFixtures.grid(jurisdictions, staff, left);
        TestGrid to = NotificationFixtures.grid(jurisdictions, staff, joined);
        String name = "迁居" + tag;
        String number = TestIdentityNumbers.next(Sex.MALE);
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", officer, form(from, name, number, null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID person = UUID.fromString(ApiClient.json(created).get("id").asText());
        put(person, form(from, name, number, List.of("涉毒人员")));
        String chief = token(from.chiefLogin());
        List<JsonNode> entries = about(chief, person);
        assertThat(entries).hasSize(1);
        String entry = entries.get(0).get("id").asText();
        long unread = ApiClient.json(api.get("/api/v1/inbox", chief)).get("unread").asLong();

        put(person, form(to, name, number, List.of("涉毒人员")));
        assertThat(api.get("/api/v1/key-persons/" + person, chief).statusCode()).as("no longer his to open")
                .isEqualTo(404);
        assertThat(about(chief, person)).isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/inbox", chief)).get("unread").asLong()).isEqualTo(unread - 1);
        assertThat(api.send("POST", "/api/v1/inbox/" + entry + "/read", chief, null).statusCode()).isEqualTo(404);
        ApiClient browser = new ApiClient(port);
        browser.formLogin(from.chiefLogin(), DEMO_PASSWORD);
        assertThat(browser.get("/inbox", null).body()).doesNotContain(entry);
        assertThat(browser.form("/inbox/" + entry + "/open", Map.of("_csrf", browser.csrfFrom("/inbox"))).statusCode())
                .isEqualTo(404);

        put(person, form(from, name, number, List.of("涉毒人员")));
        assertThat(about(chief, person)).singleElement().satisfies(e -> {
            assertThat(e.get("id").asText()).isEqualTo(entry);
            assertThat(e.get("unread").asBoolean()).isTrue();
        });
    }

    @Test
    void theGridChiefHearsOfAKeyPersonMadeChangedAndUnmadeByTheFormAndNobodyElseDoes() {
        String name = "表重" + tag;
        String number = TestIdentityNumbers.next(Sex.MALE);
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", officer, form(g, name, number, null));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID person = UUID.fromString(ApiClient.json(created).get("id").asText());
        String chief = token(g.chiefLogin());
        assertThat(about(chief, person)).as("no key person yet").isEmpty();

        put(person, form(g, name, number, List.of("涉毒人员")));
        List<JsonNode> entries = about(chief, person);
        assertThat(entries).hasSize(1);
        JsonNode e = entries.get(0);
        assertThat(e.get("kind").asText()).isEqualTo("KEY_PERSON_DESIGNATED");
        assertThat(e.get("title").asText()).contains(name, "重点人员", "涉毒人员", "组建帮扶小组",
                today.plusWeeks(1).toString());
        assertThat(e.get("link").asText()).isEqualTo("/key-persons/" + person);
        assertThat(e.get("unitPath").asText()).isEqualTo(g.grid().unitPath());
        assertThat(e.toString()).as("no identity number, whole or masked").doesNotContain(number, "****")
                .doesNotContainPattern("\\d{17}[\\dX]");
        JsonNode en = about(chief, person, "Accept-Language", "en").get(0);
        assertThat(en.get("title").asText()).contains(name, "is now a key person", "Drug-involved", "form a helper team",
                today.plusWeeks(1).toString());
        // the key-person page it links to is the chief's to open
        assertThat(api.get("/api/v1/key-persons/" + person, chief).statusCode()).isEqualTo(200);

        // nobody else: the grid's manager, the chief of the grid next door, the officer, another station's officer
        for (String other : List.of(token(g.managerLogin()), token(next.chiefLogin()), officer, token("officer2"))) {
            assertThat(about(other, person)).isEmpty();
        }

        put(person, form(g, name, number, List.of("涉稳人员")));
        JsonNode changed = about(chief, person).stream().filter(x -> x.get("kind").asText().equals("KEY_PERSON_TYPE_CHANGED"))
                .findFirst().orElseThrow();
        assertThat(changed.get("title").asText()).contains(name, "涉稳人员", "调整帮扶小组");
        assertThat(changed.get("reason").asText()).contains("涉毒人员");

        put(person, form(g, name, number, List.of()));
        JsonNode ended = about(chief, person).stream().filter(x -> x.get("kind").asText().equals("KEY_PERSON_ENDED"))
                .findFirst().orElseThrow();
        assertThat(ended.get("title").asText()).contains(name, "不再是重点人员", "涉稳人员");
        assertThat(ended.get("link").asText()).isEqualTo("/persons/" + person);
        assertThat(about(chief, person)).hasSize(3);

        // the same categories again change nothing and say nothing
        put(person, form(g, name, number, List.of()));
        assertThat(about(chief, person)).hasSize(3);
        for (String other : List.of(token(g.managerLogin()), token(next.chiefLogin()), officer, token("officer2"))) {
            assertThat(about(other, person)).isEmpty();
        }
    }

    @Test
    void aKeyPersonDesignatedAfterAnOldHouseholdVisitGetsTheWholeIntervalForHisFirstVisit() {
        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number, trusted) VALUES (?, ?, ?, false)")
                .params(household, g.grid().id().value(), "KV-" + household.toString().substring(0, 8)).update();
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), g.grid().id().value(), household, g.chief().id().value(),
                        java.time.OffsetDateTime.now().minusDays(30)).update();
        String name = "旧访" + tag;
        String number = TestIdentityNumbers.next(Sex.MALE);
        Map<String, Object> body = form(g, name, number, null);
        body.put("householdId", household.toString());
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", officer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID person = UUID.fromString(ApiClient.json(created).get("id").asText());

        body.put("categories", List.of("涉毒人员"));
        put(person, body);
        String chief = token(g.chiefLogin());
        JsonNode e = about(chief, person).get(0);
        assertThat(e.get("title").asText()).as("a week from the day he was designated, not from the old visit")
                .contains(today.plusWeeks(1).toString());
        JsonNode rhythm = ApiClient.json(api.get("/api/v1/key-persons/" + person, chief)).get("rhythm");
        assertThat(rhythm.get("countedFrom").asText()).isEqualTo(today.toString());
        assertThat(rhythm.get("nextDue").asText()).isEqualTo(today.plusWeeks(1).toString());
        assertThat(rhythm.get("overdue").asBoolean()).isFalse();
        assertThat(rhythm.get("lastVisitOn").asText()).isEqualTo(today.minusDays(30).toString());
    }

    static byte[] csv(String... rows) {
        return ("\uFEFF姓名,身份证号,性别,网格编码,居住类型,类别\n" + String.join("\n", rows) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    JsonNode imported(byte[] file) throws Exception {
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv", file, false,
                Duration.ofSeconds(60));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        return job;
    }

    @Test
    void anImportTellsEachGridChiefOnceOfItsKeyPersonsListingThemAndNobodyOutsideTheGridHearsOfThem()
            throws Exception {
        List<String> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = "导重" + tag + (char) ('甲' + i);
            String number = TestIdentityNumbers.next(Sex.MALE);
            names.add(name);
            numbers.add(number);
            rows.add(String.join(",", name, number, "男", g.grid().code(), "常住", "涉毒人员"));
        }
        String plain = "导普" + tag;
        rows.add(String.join(",", plain, TestIdentityNumbers.next(Sex.FEMALE), "女", g.grid().code(), "常住", ""));
        String neighbour = "导邻" + tag;
        String neighbourNumber = TestIdentityNumbers.next(Sex.MALE);
        rows.add(String.join(",", neighbour, neighbourNumber, "男", next.grid().code(), "常住", "刑满释放人员"));
        JsonNode job = imported(csv(rows.toArray(String[]::new)));
        assertThat(job.path("createdRows").asLong()).isEqualTo(27);

        String chief = token(g.chiefLogin());
        UUID grid = g.grid().id().value();
        List<JsonNode> mine = about(chief, grid);
        assertThat(mine).as("one entry for the grid and the job, not one per person").hasSize(1);
        JsonNode e = mine.get(0);
        assertThat(e.get("kind").asText()).isEqualTo("KEY_PERSONS_IMPORTED");
        assertThat(e.get("title").asText()).contains(g.grid().name(), "25 人", "组建帮扶小组", today.plusWeeks(1).toString());
        assertThat(e.get("reason").asText()).contains(names.get(0) + "（列为涉毒人员）", "等 25 人", "其余 5 人")
                .doesNotContain(plain, neighbour);
        assertThat(e.get("link").asText()).isEqualTo("/key-persons?gridId=" + grid);
        assertThat(e.get("unitPath").asText()).isEqualTo(g.grid().unitPath());
        assertThat(e.toString()).as("no identity number, whole or masked").doesNotContain("****")
                .doesNotContainPattern("\\d{17}[\\dX]");
        assertThat(about(chief, grid, "Accept-Language", "en").get(0).get("reason").asText())
                .contains(names.get(0) + " (now Drug-involved)", "and 5 more (25 in all)");
        assertThat(inboxOf(chief)).as("nothing of the grid next door")
                .noneMatch(x -> x.toString().contains(neighbour));

        // the chief of the grid next door hears of his own key person only
        String nextChief = token(next.chiefLogin());
        List<JsonNode> his = about(nextChief, next.grid().id().value());
        assertThat(his).hasSize(1);
        assertThat(his.get(0).get("reason").asText()).isEqualTo(neighbour + "（列为刑满释放人员）");
        assertThat(inboxOf(nextChief)).noneMatch(x -> x.toString().contains(names.get(0)));
        for (String other : List.of(token(g.managerLogin()), officer, token("officer2"))) {
            assertThat(about(other, grid)).isEmpty();
            assertThat(about(other, next.grid().id().value())).isEmpty();
        }

        // the link: the grid's key persons for its chief; for a grid outside the caller's subtree, none
        HttpResponse<String> list = api.get("/key-persons?gridId=" + grid, chief, "Accept", "text/html");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(names.get(0), names.get(24), g.grid().name()).doesNotContain(neighbour);
        HttpResponse<String> outside = api.get("/key-persons?gridId=" + grid, token("officer2"), "Accept", "text/html");
        assertThat(outside.statusCode()).isEqualTo(200);
        assertThat(outside.body()).contains("共 0 人").doesNotContain(names.get(0)).doesNotContain(g.grid().name());
        assertThat(api.get("/key-persons?gridId=" + UUID.randomUUID(), chief, "Accept", "text/html").body())
                .contains("共 0 人");

        // the next job that unmakes one of them is a new entry of its own
        imported(csv(String.join(",", names.get(3), numbers.get(3), "男", g.grid().code(), "常住", "无")));
        List<JsonNode> now = about(chief, grid);
        assertThat(now).hasSize(2);
        assertThat(now).anySatisfy(x -> assertThat(x.get("reason").asText())
                .isEqualTo(names.get(3) + "（不再是重点人员，原为涉毒人员）"));
    }

    @Test
    void batchesOfOneImportAddToItsEntryWhichComesBackUnread() {
        UUID chief = g.chief().id().value();
        UUID job = UUID.randomUUID();
        UUID grid = g.grid().id().value();
        Instant at = Instant.now();
        // each outside a transaction, as two batches committing one after the other
        inbox.gather(new Inbox.Gathered(chief, Inbox.Kind.KEY_PERSONS_IMPORTED, job, "grid", grid,
                "/key-persons?gridId=" + grid, g.grid().unitPath(), g.grid().name(), "DESIGNATED:DRUG:批甲", today.plusDays(7), at));
        String chiefToken = token(g.chiefLogin());
        JsonNode first = about(chiefToken, grid).get(0);
        assertThat(api.send("POST", "/api/v1/inbox/" + first.get("id").asText() + "/read", chiefToken, null).statusCode())
                .isEqualTo(200);
        inbox.gather(new Inbox.Gathered(chief, Inbox.Kind.KEY_PERSONS_IMPORTED, job, "grid", grid,
                "/key-persons?gridId=" + grid, g.grid().unitPath(), g.grid().name(), "ENDED:MENTAL:批乙", null, at));

        List<JsonNode> entries = about(chiefToken, grid);
        assertThat(entries).hasSize(1);
        JsonNode e = entries.get(0);
        assertThat(e.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(e.get("unread").asBoolean()).isTrue();
        assertThat(e.get("title").asText()).contains("2 人", today.plusDays(7).toString());
        assertThat(e.get("reason").asText()).isEqualTo("批甲（列为涉毒人员）、批乙（不再是重点人员，原为肇事肇祸精神病人）");
    }
}
