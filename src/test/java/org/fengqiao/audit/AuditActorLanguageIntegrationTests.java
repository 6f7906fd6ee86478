package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.incident.PublicClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The actors that are no person (a resident on the public pages, the system) are stored as they always were, and the
 * audit administrator reads them in his language on the page and in the API, and finds them by either name.
 */
class AuditActorLanguageIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;

    AuditApi api;

    @BeforeEach
    void client() {
        api = new AuditApi(http);
    }

    /** A report filed on the public page: its audit entry's record id. */
    String residentFiles() {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-2-03'").query(UUID.class).single();
        PublicClient resident = new PublicClient(port, "198.51.100." + (1 + new Random().nextInt(250)), "en");
        String code = resident.fileHelp(grid, "审计语言测试-" + UUID.randomUUID(), "审计村");
        return jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(code).query(UUID.class).single().toString();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items(String query, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token("auditor"));
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        ResponseEntity<Map> r = http.exchange("/api/v1/audit?" + query, HttpMethod.GET, new HttpEntity<>(headers), Map.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        return (List<Map<String, Object>>) r.getBody().get("items");
    }

    String page(String query, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token("auditor"));
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        ResponseEntity<String> r = http.exchange("/audit?" + query, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        String body = r.getBody();
        return body.substring(body.indexOf("<tbody>"), body.indexOf("</tbody>"));
    }

    @Test
    void aResidentsActionsReadResidentInEnglishAndAreFoundByEitherName() {
        String id = residentFiles();
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE record_type = 'incident' AND record_id = ?").param(id)
                .query(String.class).list()).as("stored as ever").containsExactly("群众");

        Map<String, Object> english = items("recordId=" + id, "en").get(0);
        assertThat(english).containsEntry("actor", "群众").containsEntry("actorName", "Resident");
        assertThat(items("recordId=" + id, "zh-CN").get(0)).containsEntry("actorName", "群众");
        assertThat(items("recordId=" + id, null).get(0)).as("Chinese by default").containsEntry("actorName", "群众");

        for (String typed : List.of("Resident", "resident", "群众")) {
            assertThat(items("recordId=" + id + "&actor=" + typed, "en")).as(typed).hasSize(1);
        }
        assertThat(items("recordId=" + id + "&actor=officer", "en")).isEmpty();

        assertThat(page("recordId=" + id, "en")).contains(">Resident<").doesNotContain("群众");
        assertThat(page("recordId=" + id, "zh-CN")).contains(">群众<").doesNotContain("Resident");
        assertThat(page("recordId=" + id + "&actor=Resident", "en")).contains("data-seq=").contains(">Resident<");
        assertThat(page("recordId=" + id + "&actor=群众", "en")).contains("data-seq=");
    }

    @Test
    void theSystemReadsSystemInEnglishAndAPersonsNameStaysAsStored() {
        String id = "actor-test-" + UUID.randomUUID();
        // nobody signed in and nobody named: the trail writes "system"
        events.publishEvent(new Audited("VERIFY", "actor-test", id, null, null, Map.of("test", true), null));
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE record_id = ?").param(id).query(String.class).single())
                .isEqualTo("system");

        assertThat(items("recordId=" + id, "en").get(0)).containsEntry("actor", "system").containsEntry("actorName", "System");
        assertThat(items("recordId=" + id, "zh-CN").get(0)).containsEntry("actorName", "系统");
        for (String typed : List.of("System", "system", "系统")) {
            assertThat(items("recordId=" + id + "&actor=" + typed, "en")).as(typed).hasSize(1);
        }
        assertThat(page("recordId=" + id, "zh-CN")).contains(">系统<");

        api.token("officer");
        Map<String, Object> signIn = items("actor=officer&action=SIGN_IN", "en").get(0);
        assertThat(signIn).containsEntry("actor", "officer").containsEntry("actorName", "officer");
    }

    @Autowired
    org.fengqiao.account.StaffDirectory staff;
    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

    /** A person with a name of his own, signed in once: his sign-in is written under his user name. */
    static String[] personSignedIn(org.fengqiao.account.StaffDirectory staff,
            org.fengqiao.jurisdiction.Jurisdictions jurisdictions, AuditApi api) {
        String digits = "零一二三四五六七八九";
        StringBuilder given = new StringBuilder();
        for (char c : String.valueOf(100000 + new Random().nextInt(899999)).toCharArray()) {
            given.append(digits.charAt(c - '0'));
        }
        String username = "named" + UUID.randomUUID().toString().substring(0, 8);
        staff.register(jurisdictions.unitByCode("320722010100").orElseThrow().id(),
                org.fengqiao.account.StaffRole.COMMUNITY_OFFICER, "欧阳" + given, null, null, "社区民警", username,
                DEMO_PASSWORD);
        api.token(username);
        return new String[] {username, "欧阳" + given, given.toString()};
    }

    @Test
    void theAuditorFindsAPersonsEntriesByHisRealNameWholeOrAPartOfTwoCharactersOrMore() {
        String[] person = personSignedIn(staff, jurisdictions, api);
        String username = person[0];
        for (String typed : List.of(person[1], person[2], person[2].substring(2, 4))) {
            assertThat(items("actor=" + typed + "&action=SIGN_IN&size=200", "zh-CN")).as(typed)
                    .extracting(e -> e.get("actor")).contains(username);
        }
        // the whole name finds only him
        assertThat(items("actor=" + person[1] + "&action=SIGN_IN", "en")).extracting(e -> e.get("actor"))
                .containsOnly(username);
        // a single character finds no part of a name: 欧 is not 欧阳…
        assertThat(items("actor=欧&action=SIGN_IN&size=200", "zh-CN")).extracting(e -> e.get("actor"))
                .doesNotContain(username);
        assertThat(page("actor=" + person[2] + "&action=SIGN_IN", "zh-CN")).contains(">" + username + "<");
        // the user name still finds him as before
        assertThat(items("actor=" + username + "&action=SIGN_IN", "en")).hasSize(1);
    }
}
