package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * 三员分立: only the audit administrator reads the trail, and the audit administrator changes
 * nothing else.
 */
class AuditSeparationIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    AuditApi api;

    @BeforeEach
    void client() {
        api = new AuditApi(http);
    }

    @Test
    void auditAdministratorReadsTheTrailNewestFirstAndTheReadingIsRecorded() {
        api.token("auditor");
        ResponseEntity<Map> first = api.get("/api/v1/audit?size=5", "auditor", Map.class);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> items = (List<Map<String, Object>>) first.getBody().get("items");
        assertThat(items).hasSizeBetween(1, 5);
        List<Long> seqs = items.stream().map(i -> ((Number) i.get("seq")).longValue()).toList();
        assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        ResponseEntity<Map> second = api.get("/api/v1/audit?size=5", "auditor", Map.class);
        Map<String, Object> newest = ((List<Map<String, Object>>) second.getBody().get("items")).get(0);
        assertThat(newest).containsEntry("action", "READ").containsEntry("recordType", "audit")
                .containsEntry("actor", "auditor").containsEntry("actorRole", "AUDIT_ADMIN");
        assertThat(((Map<String, Object>) newest.get("after"))).containsEntry("size", 5);
    }

    @Test
    void filtersNarrowTheTrailToWhatWasAskedFor() {
        api.token("officer");
        ResponseEntity<Map> response = api.get("/api/v1/audit?actor=officer&action=sign_in&recordType=staff"
                + "&from=2020-01-01&to=2099-12-31", "auditor", Map.class);
        List<Map<String, Object>> items = (List<Map<String, Object>>) response.getBody().get("items");
        assertThat(items).isNotEmpty().allSatisfy(i -> assertThat(i)
                .containsEntry("actor", "officer").containsEntry("action", "SIGN_IN").containsEntry("recordType", "staff"));

        ResponseEntity<Map> none = api.get("/api/v1/audit?actor=officer&to=2020-01-01", "auditor", Map.class);
        assertThat(none.getBody()).containsEntry("total", 0);
    }

    @Test
    void aTimeThatIsNotATimeIsRefusedWithTheFieldNamed() {
        ResponseEntity<Map> response = api.get("/api/v1/audit?from=yesterday", "auditor", Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().toString()).contains("field=from");
    }

    @Test
    void systemAdministratorSecurityAdministratorAndOfficerMayNotReadTheTrail() {
        for (String user : List.of("admin", "security", "officer", "bureau")) {
            for (String url : List.of("/api/v1/audit", "/api/v1/audit/verify")) {
                ResponseEntity<Map> response = api.get(url, user, Map.class);
                assertThat(response.getStatusCode().value()).as(user + " " + url).isEqualTo(403);
                assertThat(response.getHeaders().getContentType()).as(user + " " + url)
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
    }

    @Test
    void nobodySignedInMayNotReadTheTrail() {
        assertThat(http.getForEntity("/api/v1/audit", Map.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void theTrailOffersNoWayToChangeOrRemoveAnEntry() {
        api.token("auditor"); // signed in first: the sign-in is an entry of its own
        long before = count();
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)) {
            for (String url : List.of("/api/v1/audit", "/api/v1/audit/1", "/api/v1/audit/verify")) {
                ResponseEntity<String> response = api.call(method, url, "auditor", Map.of("actor", "x"), String.class);
                assertThat(response.getStatusCode().value()).as(method + " " + url).isIn(403, 404, 405);
            }
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void auditAdministratorChangesNothingThroughAnyWriteEndpoint() {
        List<String> writes = writeEndpoints();
        // The scan itself must see write endpoints, or this test would prove nothing.
        assertThat(writes).contains("POST /api/v1/auth/token");

        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        for (String endpoint : writes) {
            if (endpoint.equals("POST /api/v1/auth/token")) {
                continue; // signing in is open to everyone and changes nothing
            }
            if (endpoint.contains(" /api/v1/me/")) {
                continue; // one's own password is the auditor's to change, like everyone's
            }
            if (endpoint.contains(" /api/public/")) {
                continue; // a resident's side, open without an account: what anybody may do, not an administrator's
            }
            String[] parts = endpoint.split(" ", 2);
            String url = parts[1].replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            ResponseEntity<String> response = api.call(HttpMethod.valueOf(parts[0]), url, "auditor", Map.of(),
                    String.class);
            assertThat(response.getStatusCode().value()).as(endpoint).isEqualTo(403);
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry
                WHERE seq > ? AND actor = 'auditor' AND action NOT IN ('READ', 'VERIFY', 'SIGN_IN')""")
                .param(before).query(Long.class).single()).isZero();
    }

    /** Every non-GET endpoint of the JSON API, as "METHOD /path". */
    private List<String> writeEndpoints() {
        Set<RequestMethod> reads = Set.of(RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS);
        List<String> found = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String path : info.getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                    if (!reads.contains(m)) {
                        found.add(m.name() + " " + path);
                    }
                }
            }
        });
        return found;
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    }
}
