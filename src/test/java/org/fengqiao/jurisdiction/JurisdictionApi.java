package org.fengqiao.jurisdiction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Calls the JSON API as a demo user with a bearer token, and looks up demo records by code. */
final class JurisdictionApi {

    record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestRestTemplate http;
    private final JdbcClient jdbc;
    private final Map<String, String> tokens = new HashMap<>();

    JurisdictionApi(TestRestTemplate http, JdbcClient jdbc) {
        this.http = http;
        this.jdbc = jdbc;
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/auth/token",
                    Map.of("username", u, "password", IntegrationTest.DEMO_PASSWORD), JsonNode.class);
            if (!r.getStatusCode().is2xxSuccessful()) {
                throw new IllegalStateException("sign-in of " + u + " failed: " + r);
            }
            return r.getBody().get("token").asText();
        });
    }

    Answer call(String username, HttpMethod method, String url, Object body, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(username));
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON,
                MediaType.parseMediaType("application/geo+json")));
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        ResponseEntity<String> r = http.exchange(url, method, new HttpEntity<>(body, headers), String.class);
        try {
            return new Answer(r.getStatusCode().value(), r.getBody() == null ? null : JSON.readTree(r.getBody()));
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + r.getBody(), e);
        }
    }

    Answer get(String username, String url) {
        return call(username, HttpMethod.GET, url, null, null);
    }

    UUID gridId(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID communityId(String code) {
        return jdbc.sql("SELECT id FROM community WHERE code = ?").param(code).query(UUID.class).single();
    }

    UUID unitId(String code) {
        return jdbc.sql("SELECT id FROM unit WHERE code = ?").param(code).query(UUID.class).single();
    }

    /** Everything stored in the grid table, to compare before and after a refused import. */
    String gridTable() {
        return gridTable(jdbc);
    }

    static String gridTable(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT coalesce(string_agg(id || '|' || network || '|' || code || '|' || name || '|' || boundary::text
                       || '|' || version, E'\\n' ORDER BY network, code), '') FROM grid""").query(String.class).single();
    }
}
