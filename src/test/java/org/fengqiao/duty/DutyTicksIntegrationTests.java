package org.fengqiao.duty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.mediation.DisputesScreened;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.FireSafetyInspected;
import org.fengqiao.population.HouseholdId;
import org.fengqiao.population.HouseholdVisited;
import org.fengqiao.population.KeyPersonsReached;
import org.fengqiao.population.VisitId;
import org.fengqiao.support.Eventually;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The checklist ticks itself from the work the officer records in the other modules, as he records it there: a visit
 * to a key person, a visit to a household in a rental or with a floating resident, a grid's dispute screening, a
 * fire-safety inspection of an organisation. Each ticks once however often its event is delivered, names its source
 * and the record's kind and id but no person, and leaves recording the item by hand possible.
 */
class DutyTicksIntegrationTests extends IntegrationTest {

    static final String GRID = "FS-1-03";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    ApiClient api;
    String officer;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
    }

    UUID grid() {
        return jdbc.sql("SELECT id FROM grid WHERE code = ? AND network = 'POLICE'").param(GRID).query(UUID.class)
                .single();
    }

    String unitPath() {
        return jdbc.sql("SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.id = ?").param(grid())
                .query(String.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    static LocalDate today() {
        return LocalDate.now(LocalTimes.ZONE);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    UUID household(UUID roomId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, room_id, number) VALUES (?, ?, ?, ?)")
                .params(id, grid(), roomId, "H-" + tag()).update();
        return id;
    }

    UUID person(UUID household, String name, String residence, boolean keyPerson) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence,
                                    registered_on, content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', ?, ?, 'fixture')""")
                .params(id, grid(), household, name, residence, "FLOATING".equals(residence) ? today() : null)
                .update();
        if (keyPerson) {
            jdbc.sql("INSERT INTO person_category (person_id, category, subtype, risk) VALUES (?, 'KEY_PERSON', "
                    + "'DRUG', 'HIGH')").param(id).update();
        }
        return id;
    }

    UUID post(String path, Map<String, Object> body) {
        HttpResponse<String> r = api.send("POST", path, officer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(r).get("id").asText());
    }

    UUID visit(UUID household) {
        return post("/api/v1/visits", Map.of("householdId", household, "findings", "入户核查", "contactCard", false));
    }

    /** Waits until every listener of the events naming the record has handled them. */
    void handled(UUID record) {
        Eventually.await(() -> jdbc.sql("""
                SELECT NOT EXISTS (SELECT 1 FROM event_publication WHERE completion_date IS NULL
                  AND serialized_event LIKE ?)""").param("%" + record + "%").query(Boolean.class).single()
                ? Boolean.TRUE : null, "the events of " + record + " handled");
    }

    Map<String, Object> ticked(String source, UUID record) {
        return Eventually.await(() -> jdbc.sql("SELECT * FROM duty_record WHERE source = ? AND source_id = ?")
                .params(source, record).query().listOfRows().stream().findFirst().orElse(null), source + " tick");
    }

    long ticks(String source, UUID record) {
        handled(record);
        return jdbc.sql("SELECT count(*) FROM duty_record WHERE source = ? AND source_id = ?").params(source, record)
                .query(Long.class).single();
    }

    /** The same event delivered again, as the publication registry does after a restart. */
    void deliverAgain(Object event, UUID record) {
        transactions.executeWithoutResult(s -> events.publishEvent(event));
        handled(record);
    }

    JsonNode item(String code) {
        return DutyIntegrationTests.item(ApiClient.json(api.get("/api/v1/duties/mine", officer)), code);
    }

    JsonNode record(String code, UUID id) {
        for (JsonNode r : item(code).get("records")) {
            if (r.get("id").asText().equals(id.toString())) {
                return r;
            }
        }
        throw new AssertionError("no record " + id + " under " + code);
    }

    @Test
    void aVisitToAKeyPersonTicksTheOfficersKeyPersonTalkOnceNamingTheVisitButNotThePerson() {
        UUID household = household(null);
        String name = "谈" + tag().substring(0, 1);
        UUID person = person(household, name, "PERMANENT", true);
        // the household's second key person is reached by the same visit: still one tick
        person(household, "访" + tag().substring(0, 1), "PERMANENT", true);

        UUID visit = post("/api/v1/key-persons/" + person + "/visits", Map.of("findings", "情绪稳定", "state", "STABLE"));

        Map<String, Object> row = ticked("KEY_PERSON_VISIT", visit);
        assertThat(row.get("officer_id")).isEqualTo(staff("officer"));
        assertThat(row.get("item")).isEqualTo("key-person-talk");
        assertThat(ticks("KEY_PERSON_VISIT", visit)).as("one visit reaching two key persons ticks once").isEqualTo(1);
        UUID id = (UUID) row.get("id");
        JsonNode talk = item("key-person-talk");
        assertThat(talk.get("state").asText()).isEqualTo("DONE");
        JsonNode r = record("key-person-talk", id);
        assertThat(r.get("source").asText()).isEqualTo("KEY_PERSON_VISIT");
        assertThat(r.get("note").asText()).contains(visit.toString()).doesNotContain(name);

        deliverAgain(new KeyPersonsReached(new VisitId(visit), new GridId(grid()), unitPath(), staff("officer"),
                OffsetDateTime.now(), 2), visit);
        assertThat(ticks("KEY_PERSON_VISIT", visit)).as("an event delivered twice ticks once").isEqualTo(1);

        // the officer may still record the item by hand in the same month
        HttpResponse<String> manual = api.send("POST", "/api/v1/duties/records", officer, manual("key-person-talk"));
        assertThat(manual.statusCode()).as(manual.body()).isEqualTo(201);
        assertThat(item("key-person-talk").get("records").findValuesAsText("source"))
                .contains("KEY_PERSON_VISIT", "MANUAL");

        // the checklist page says where the tick came from, in the reader's language
        String zh = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null).get("/duties", null).body();
        assertThat(zh).contains("自动：走访重点人员").doesNotContain(name);
        String en = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get("/duties", null).body();
        assertThat(en).contains("Automatic: a key-person visit");
    }

    /**
     * The tick's note is stored in Chinese, the record's language; an officer reading his checklist, the list of
     * duties done or the API in English reads it in English, and in Chinese as it was written.
     */
    @Test
    void anAutomaticTicksNoteReadsInTheReadersLanguage() {
        UUID household = household(null);
        UUID person = person(household, "译" + tag().substring(0, 1), "PERMANENT", true);
        UUID visit = post("/api/v1/key-persons/" + person + "/visits", Map.of("findings", "情绪稳定", "state", "STABLE"));
        UUID id = (UUID) ticked("KEY_PERSON_VISIT", visit).get("id");
        String chinese = "走访重点人员，走访记录 " + visit;
        String english = "Visited a key person, visit record " + visit;

        String en = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get("/duties", null).body();
        assertThat(en).contains(english).doesNotContain(chinese);
        String done = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en")
                .get("/duties/done?item=key-person-talk&from=" + today().minusDays(1) + "&to=" + today(), null).body();
        assertThat(done).contains(english).doesNotContain(chinese);
        JsonNode mine = ApiClient.json(api.get("/api/v1/duties/mine", officer, "Accept-Language", "en"));
        JsonNode tick = null;
        for (JsonNode r : DutyIntegrationTests.item(mine, "key-person-talk").get("records")) {
            if (r.get("id").asText().equals(id.toString())) {
                tick = r;
            }
        }
        assertThat(tick).as("the tick in the English checklist").isNotNull();
        assertThat(tick.get("note").asText()).isEqualTo(english);

        // switching back to Chinese (the account keeps the language chosen last) reads the note as written
        String zh = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN").get("/duties", null).body();
        assertThat(zh).contains(chinese).doesNotContain(english);
        assertThat(record("key-person-talk", id).get("note").asText()).isEqualTo(chinese);
        // the stored note is unchanged: the audit trail and the Chinese readers keep what was written
        assertThat(jdbc.sql("SELECT note FROM duty_record WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo(chinese);
    }

    /** One record read over the API follows the caller's language as his checklist does. */
    @Test
    void anAutomaticTicksNoteReadAloneOverTheApiReadsInTheCallersLanguage() {
        UUID household = household(null);
        UUID person = person(household, "单" + tag().substring(0, 1), "PERMANENT", true);
        UUID visit = post("/api/v1/key-persons/" + person + "/visits", Map.of("findings", "情绪稳定", "state", "STABLE"));
        UUID id = (UUID) ticked("KEY_PERSON_VISIT", visit).get("id");

        HttpResponse<String> en = api.get("/api/v1/duties/records/" + id, officer, "Accept-Language", "en");
        assertThat(en.statusCode()).as(en.body()).isEqualTo(200);
        assertThat(ApiClient.json(en).get("note").asText()).isEqualTo("Visited a key person, visit record " + visit);
        HttpResponse<String> zh = api.get("/api/v1/duties/records/" + id, officer, "Accept-Language", "zh-CN");
        assertThat(ApiClient.json(zh).get("note").asText()).isEqualTo("走访重点人员，走访记录 " + visit);
        // the chief above him reads it in his language too
        String chief = api.token("chief", DEMO_PASSWORD);
        HttpResponse<String> chiefEn = api.get("/api/v1/duties/records/" + id, chief, "Accept-Language", "en");
        assertThat(chiefEn.statusCode()).as(chiefEn.body()).isEqualTo(200);
        assertThat(ApiClient.json(chiefEn).get("note").asText())
                .isEqualTo("Visited a key person, visit record " + visit);
    }

    @Test
    void aKeyPersonVisitEnteredAfterALaterOneStillTicksTheKeyPersonTalkOfWhoeverMadeIt() {
        UUID household = household(null);
        UUID person = person(household, "晚" + tag().substring(0, 1), "PERMANENT", true);
        jdbc.sql("UPDATE person_category SET since = ? WHERE person_id = ?").params(today().minusDays(30), person)
                .update();
        // a helper's visit entered first; the officer enters his own, made an hour before it, afterwards: it restarts
        // no rhythm (it is not the person's latest), but it is his talk with the key person all the same
        UUID latest = post("/api/v1/key-persons/" + person + "/visits", Map.of("findings", "情绪稳定", "state",
                "STABLE"));
        ticked("KEY_PERSON_VISIT", latest);
        UUID earlier = post("/api/v1/key-persons/" + person + "/visits", Map.of("findings", "补录走访", "state",
                "STABLE", "visitedAt", OffsetDateTime.now().minusHours(1).toString()));

        Map<String, Object> row = ticked("KEY_PERSON_VISIT", earlier);
        assertThat(row.get("officer_id")).isEqualTo(staff("officer"));
        assertThat(row.get("item")).isEqualTo("key-person-talk");
        assertThat(ticks("KEY_PERSON_VISIT", earlier)).isEqualTo(1);
    }

    Map<String, Object> manual(String item) {
        Map<String, Object> b = new HashMap<>();
        b.put("item", item);
        b.put("doneOn", today().toString());
        b.put("note", "手工补记-" + tag());
        b.put("gridId", grid());
        return b;
    }

    @Test
    void aVisitToAHouseholdInARentalOrWithAFloatingResidentTicksTheRentalCheckAndAnOtherVisitDoesNot() {
        HttpResponse<String> b = api.send("POST", "/api/v1/buildings", officer, Map.of("gridId", grid(),
                "name", "楼-" + tag(), "floors", 1, "units", 1, "roomsPerFloor", 1));
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        UUID room = jdbc.sql("SELECT id FROM room WHERE building_id = ?")
                .param(UUID.fromString(ApiClient.json(b).get("id").asText())).query(UUID.class).single();
        jdbc.sql("INSERT INTO rental (id, grid_id, room_id, landlord_name, purpose, contract_from) "
                + "VALUES (?, ?, ?, '房东', 'RESIDENCE', ?)").params(UUID.randomUUID(), grid(), room,
                today().minusMonths(2)).update();
        UUID rented = household(room);
        String tenant = "租" + tag().substring(0, 1);
        person(rented, tenant, "PERMANENT", false);
        UUID floating = household(null);
        person(floating, "流" + tag().substring(0, 1), "FLOATING", false);
        UUID settled = household(null);
        person(settled, "常" + tag().substring(0, 1), "PERMANENT", false);

        UUID rentalVisit = visit(rented);
        Map<String, Object> row = ticked("RENTAL_FLOATING_VISIT", rentalVisit);
        assertThat(row.get("item")).isEqualTo("floating-rental-check");
        assertThat(row.get("officer_id")).isEqualTo(staff("officer"));
        assertThat((String) row.get("note")).contains("出租房屋", rentalVisit.toString()).doesNotContain(tenant);
        UUID floatingVisit = visit(floating);
        assertThat(ticked("RENTAL_FLOATING_VISIT", floatingVisit).get("note").toString()).contains("流动人口");
        UUID settledVisit = visit(settled);
        assertThat(ticks("RENTAL_FLOATING_VISIT", settledVisit)).as("a settled household's visit").isZero();
        assertThat(item("floating-rental-check").get("state").asText()).isEqualTo("DONE");

        deliverAgain(new HouseholdVisited(new VisitId(rentalVisit), new HouseholdId(rented), new GridId(grid()),
                unitPath(), staff("officer"), OffsetDateTime.now(), true, false), rentalVisit);
        assertThat(ticks("RENTAL_FLOATING_VISIT", rentalVisit)).as("an event delivered twice ticks once").isEqualTo(1);
    }

    @Test
    void aGridsDisputeScreeningByTheOfficerTicksHisDisputeScreeningOnce() {
        UUID screening = post("/api/v1/mediation/screenings", Map.of("gridId", grid(), "screenedOn",
                today().toString(), "participants", "社区民警、网格员", "findings", "排查未发现新纠纷-" + tag()));

        Map<String, Object> row = ticked("DISPUTE_SCREENING", screening);
        assertThat(row.get("item")).isEqualTo("dispute-screening");
        assertThat(row.get("grid_id")).isEqualTo(grid());
        assertThat((String) row.get("note")).contains(screening.toString());
        assertThat(item("dispute-screening").get("state").asText()).isEqualTo("DONE");
        assertThat(record("dispute-screening", (UUID) row.get("id")).get("source").asText())
                .isEqualTo("DISPUTE_SCREENING");

        deliverAgain(new DisputesScreened(screening, new GridId(grid()), unitPath(), today(), staff("officer"), 0),
                screening);
        assertThat(ticks("DISPUTE_SCREENING", screening)).as("an event delivered twice ticks once").isEqualTo(1);
    }

    @Test
    void aFireSafetyInspectionTheOfficerRecordsTicksHisSafetyInspectionOnceWithoutThePlacesName() {
        UUID organisation = UUID.randomUUID();
        String name = "小吃店-" + tag();
        jdbc.sql("INSERT INTO organisation (id, grid_id, name, kind, small_place) VALUES (?, ?, ?, 'SHOP', 'EATERY')")
                .params(organisation, grid(), name).update();
        HttpResponse<String> r = api.send("POST", "/api/v1/organisations/" + organisation + "/inspections", officer,
                Map.of("inspectedOn", today().toString(), "findings", "灭火器齐全"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        UUID inspection = jdbc.sql("SELECT id FROM fire_inspection WHERE organisation_id = ?").param(organisation)
                .query(UUID.class).single();

        Map<String, Object> row = ticked("FIRE_INSPECTION", inspection);
        assertThat(row.get("item")).isEqualTo("safety-inspection");
        assertThat((String) row.get("note")).contains(inspection.toString()).doesNotContain(name);
        assertThat(item("safety-inspection").get("state").asText()).isEqualTo("DONE");

        deliverAgain(new FireSafetyInspected(inspection, organisation, new GridId(grid()), unitPath(), today(),
                staff("officer")), inspection);
        assertThat(ticks("FIRE_INSPECTION", inspection)).as("an event delivered twice ticks once").isEqualTo(1);
    }
}
