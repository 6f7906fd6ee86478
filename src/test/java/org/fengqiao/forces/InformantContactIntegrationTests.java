package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.notification.NotificationFixtures;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.Eventually;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The handler's contacts with an informant (联络记录): logged on the informant's profile, shown only where the
 * informant shows (his handler and the station chief), and a contact in person is the officer's weekly 走访一次治安信息员
 * on his duty checklist, in the informant's grid, without the informant's name.
 */
class InformantContactIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;

    ApiClient api;
    NotificationFixtures.TestGrid grid;
    String handler;
    UUID informant;
    String name;

    /** An informant of a test grid of the rural office, handled by that grid's chief (an officer), from the chief. */
    @BeforeEach
    void informant() {
        api = new ApiClient(port);
        grid = NotificationFixtures.grid(jurisdictions, directory,
                jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow());
        InformantFixture fixture = InformantFixture.handledBy(grid, "联络测试", api, directory).onTheRoster(directory);
        handler = fixture.handler(api);
        name = fixture.name();
        informant = fixture.id();
    }

    static LocalDate today() {
        return LocalDate.now(LocalTimes.ZONE);
    }

    Map<String, Object> contact(LocalDate on, String way, String note) {
        Map<String, Object> body = new HashMap<>();
        body.put("contactedOn", on == null ? null : on.toString());
        body.put("way", way);
        body.put("note", note);
        return body;
    }

    HttpResponse<String> record(String token, Map<String, Object> body, String... headers) {
        return api.send("POST", "/api/v1/forces/members/" + informant + "/contacts", token, body, headers);
    }

    long contacts() {
        return jdbc.sql("SELECT count(*) FROM informant_contact WHERE informant_id = ?").param(informant)
                .query(Long.class).single();
    }

    /** Waits until every listener of the events naming the contact has handled them. */
    void handled(UUID contact) {
        Eventually.await(() -> jdbc.sql("""
                SELECT NOT EXISTS (SELECT 1 FROM event_publication WHERE completion_date IS NULL
                  AND serialized_event LIKE ?)""").param("%" + contact + "%").query(Boolean.class).single()
                ? Boolean.TRUE : null, "the events of " + contact + " handled");
    }

    List<Map<String, Object>> ticks(UUID contact) {
        handled(contact);
        return jdbc.sql("SELECT * FROM duty_record WHERE source = 'INFORMANT_CONTACT' AND source_id = ?")
                .param(contact).query().listOfRows();
    }

    JsonNode informantVisit(String token) {
        JsonNode checklist = ApiClient.json(api.get("/api/v1/duties/mine", token));
        for (JsonNode p : checklist.get("periods")) {
            for (JsonNode i : p.get("items")) {
                if (i.get("code").asText().equals("informant-visit")) {
                    return i;
                }
            }
        }
        throw new AssertionError("no informant-visit on " + checklist);
    }

    @Test
    void aVisitToHisInformantIsLoggedAndTicksTheHandlersWeeklyInformantVisitInTheInformantsGridNamingNoInformant() {
        assertThat(informantVisit(handler).get("state").asText()).isNotEqualTo("DONE");

        HttpResponse<String> created = record(handler, contact(today(), "VISIT", "了解村里近期矛盾纠纷情况"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode c = ApiClient.json(created);
        UUID id = UUID.fromString(c.get("id").asText());
        assertThat(c.get("contactedByName").asText()).isEqualTo(grid.chief().name());

        List<Map<String, Object>> ticked = ticks(id);
        assertThat(ticked).hasSize(1);
        assertThat(ticked.get(0).get("officer_id")).isEqualTo(grid.chief().id().value());
        assertThat(ticked.get(0).get("item")).isEqualTo("informant-visit");
        assertThat(ticked.get(0).get("grid_id")).as("the informant's grid, from the roster")
                .isEqualTo(grid.grid().id().value());
        assertThat(String.valueOf(ticked.get(0).get("note"))).doesNotContain(name).contains("上门走访");
        assertThat(informantVisit(handler).get("state").asText()).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'informant_contact' AND action = "
                + "'CREATE' AND record_id = ?").param(id.toString()).query(Long.class).single()).isEqualTo(1);

        // the handler and the station chief read the log
        for (String token : List.of(handler, api.token("chief", DEMO_PASSWORD))) {
            HttpResponse<String> log = api.get("/api/v1/forces/members/" + informant + "/contacts", token);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
            assertThat(ApiClient.json(log).findValuesAsText("note")).containsExactly("了解村里近期矛盾纠纷情况");
        }
        // and the profile's page lists it, in the reader's language
        String zh = new ApiClient(port).signedIn(grid.chiefLogin(), DEMO_PASSWORD, null)
                .get("/forces/members/" + informant, null).body();
        assertThat(zh).contains("联络记录", "上门走访", "了解村里近期矛盾纠纷情况", "记录一次联络");
        String en = new ApiClient(port).signedIn(grid.chiefLogin(), DEMO_PASSWORD, "en")
                .get("/forces/members/" + informant, null).body();
        assertThat(en).contains("Contacts", "Visit at his home", "Record a contact");
    }

    @Test
    void aContactFromTheProfilePagesFormIsLoggedAndAPhoneCallTicksNothing() {
        ApiClient browser = new ApiClient(port).signedIn(grid.chiefLogin(), DEMO_PASSWORD, null);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("contactedOn", today().minusDays(1).toString());
        form.put("way", "PHONE");
        form.put("note", "电话了解情况");
        form.put("_csrf", browser.csrfFrom("/forces/members/" + informant));
        HttpResponse<String> posted = browser.form("/forces/members/" + informant + "/contacts", form);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/forces/members/" + informant);
        UUID id = jdbc.sql("SELECT id FROM informant_contact WHERE informant_id = ?").param(informant)
                .query(UUID.class).single();
        assertThat(jdbc.sql("SELECT way FROM informant_contact WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("PHONE");
        assertThat(ticks(id)).as("a phone call is logged, not a visit").isEmpty();
        assertThat(browser.get("/forces/members/" + informant, null).body()).contains("电话联系", "电话了解情况");
    }

    /** Reading an informant's contacts is reading his record: each read through the API is in the audit trail. */
    @Test
    void eachReadOfAnInformantsContactsIsAudited() {
        assertThat(record(handler, contact(today(), "MEETING", "见面了解情况")).statusCode()).isEqualTo(201);
        String sql = "SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'force_member'"
                + " AND record_id = ?";
        long before = jdbc.sql(sql).param(informant.toString()).query(Long.class).single();
        for (String token : List.of(handler, api.token("chief", DEMO_PASSWORD))) {
            HttpResponse<String> log = api.get("/api/v1/forces/members/" + informant + "/contacts", token);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        }
        assertThat(jdbc.sql(sql).param(informant.toString()).query(Long.class).single()).isEqualTo(before + 2);
    }

    @Test
    void nobodyTheInformantDoesNotShowToReadsOrWritesHisContacts() {
        assertThat(record(handler, contact(today(), "MEETING", null)).statusCode()).isEqualTo(201);
        for (String user : List.of("officer", "officer2", "bureau")) {
            String token = api.token(user, DEMO_PASSWORD);
            HttpResponse<String> read = api.get("/api/v1/forces/members/" + informant + "/contacts", token);
            assertThat(read.statusCode()).as(user + " " + read.body()).isEqualTo(404);
            assertThat(read.body()).doesNotContain(name);
            assertThat(record(token, contact(today(), "VISIT", "越权")).statusCode()).as(user).isEqualTo(404);
        }
        assertThat(contacts()).isEqualTo(1);
    }

    @Test
    void aContactOnALaterDayWithoutAWayOrWithTooLongANoteIsRefusedInTheUsersLanguageAndNothingIsWritten() {
        HttpResponse<String> later = record(handler, contact(today().plusDays(1), "VISIT", "明天"));
        assertThat(later.statusCode()).isEqualTo(400);
        assertThat(later.body()).contains("联络日期不能晚于今天");
        HttpResponse<String> inEnglish = record(handler, contact(today().plusDays(1), null, "x".repeat(501)),
                "Accept-Language", "en");
        assertThat(inEnglish.statusCode()).isEqualTo(400);
        assertThat(inEnglish.body()).contains("A contact cannot be in the future", "Choose how you were in contact",
                "at most 500 characters");
        HttpResponse<String> longAgo = record(handler, contact(today().minusYears(2), "VISIT", null));
        assertThat(longAgo.statusCode()).isEqualTo(400);
        assertThat(longAgo.body()).contains("联络日期不能早于一年前");
        assertThat(contacts()).isZero();

        // only informants have contacts: the grid's manager is on the roster, but no informant
        HttpResponse<String> notAnInformant = api.send("POST", "/api/v1/forces/members/" + grid.manager().id().value()
                + "/contacts", api.token("chief", DEMO_PASSWORD), contact(today(), "VISIT", null));
        assertThat(notAnInformant.statusCode()).isEqualTo(400);
        assertThat(notAnInformant.body()).contains("只有治安信息员才有联络记录");
        assertThat(jdbc.sql("SELECT count(*) FROM informant_contact WHERE informant_id = ?")
                .param(grid.manager().id().value()).query(Long.class).single()).isZero();
    }
}
