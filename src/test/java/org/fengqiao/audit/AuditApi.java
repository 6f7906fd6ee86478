package org.fengqiao.audit;

import java.util.Map;
import org.fengqiao.support.IntegrationTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Signs demo users in through the token endpoint and calls the API as them. */
final class AuditApi {

    private final TestRestTemplate http;
    // A token per user is enough; signing in for every call would only slow the suite (Argon2).
    private final Map<String, String> tokens = new java.util.HashMap<>();

    AuditApi(TestRestTemplate http) {
        this.http = http;
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, this::signIn);
    }

    String signIn(String username) {
        ResponseEntity<Map> response = http.postForEntity("/api/v1/auth/token",
                Map.of("username", username, "password", IntegrationTest.DEMO_PASSWORD), Map.class);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new IllegalStateException(username + " could not sign in: " + response);
        }
        return (String) response.getBody().get("token");
    }

    <T> ResponseEntity<T> call(HttpMethod method, String url, String username, Object body, Class<T> type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(username));
        return http.exchange(url, method, new HttpEntity<>(body, headers), type);
    }

    <T> ResponseEntity<T> get(String url, String username, Class<T> type) {
        return call(HttpMethod.GET, url, username, null, type);
    }
}
