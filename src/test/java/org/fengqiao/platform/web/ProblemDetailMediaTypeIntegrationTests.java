package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A body the API cannot take (text, a form, where it reads JSON) is refused 415 with a problem detail in the caller's
 * language that says what was sent and what the endpoint takes, not Spring's English "Unsupported Media Type"; an
 * answer in a format the API cannot give (406) likewise. Nothing is filed.
 */
class ProblemDetailMediaTypeIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedInTheCallersLanguage() throws Exception {
        String description = "非JSON推送-" + UUID.randomUUID();
        HttpResponse<String> zh = post("/api/v1/incidents/110", "text/plain;charset=UTF-8",
                "caseNumber=1&description=" + description, "X-Api-Key", "demo-110-key");
        assertThat(zh.statusCode()).isEqualTo(415);
        assertThat(zh.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = ApiClient.json(zh);
        assertThat(problem.get("title").asText()).isEqualTo("不支持的请求内容类型");
        assertThat(problem.get("detail").asText()).contains("text/plain", "application/json").doesNotContain("not supported");

        HttpResponse<String> en = post("/api/v1/incidents/110", "application/x-www-form-urlencoded",
                "caseNumber=1&description=" + description, "X-Api-Key", "demo-110-key", "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(415);
        JsonNode english = ApiClient.json(en);
        assertThat(english.get("title").asText()).isEqualTo("Unsupported content type");
        assertThat(english.get("detail").asText()).contains("application/x-www-form-urlencoded", "application/json");

        // the same on any endpoint of the API, for a person's token as for a key
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> staff = post("/api/v1/incidents", "text/plain", description, "Authorization",
                "Bearer " + officer);
        assertThat(staff.statusCode()).isEqualTo(415);
        assertThat(ApiClient.json(staff).get("title").asText()).isEqualTo("不支持的请求内容类型");

        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description LIKE ?").param("%" + description + "%")
                .query(Long.class).single()).as("nothing filed").isZero();
    }

    @Test
    void anAnswerInAFormatTheApiCannotGiveIsRefusedInTheCallersLanguage() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> csv = api.get("/api/v1/incidents", officer, "Accept", "text/csv", "Accept-Language", "en");
        assertThat(csv.statusCode()).isEqualTo(406);
        assertThat(csv.body()).doesNotContain("Not Acceptable");
        JsonNode problem = ApiClient.json(csv);
        assertThat(problem.get("title").asText()).isEqualTo("No answer in the format asked for");
        assertThat(problem.get("detail").asText()).contains("text/csv");
    }
}
