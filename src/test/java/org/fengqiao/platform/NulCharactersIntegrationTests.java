package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Text holding a NUL character (pasted from a damaged file, or sent so) is refused as bad input naming its field,
 * never a server error: PostgreSQL cannot store it, and a search writes its text to the audit trail.
 */
class NulCharactersIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSearchOrFilterHoldingANulIsRefusedNamingItsParameter() {
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        for (String path : new String[] {"/api/v1/persons?q=%00", "/api/v1/persons?address=%E5%90%B4%00",
                "/api/v1/organisations?q=%00", "/api/v1/addresses?q=a%00"}) {
            HttpResponse<String> r = api.get(path, token, "Accept-Language", "en");
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            JsonNode error = ApiClient.json(r).path("errors").path(0);
            assertThat(error.path("field").asText()).as(path).isEqualTo(path.contains("address=") ? "address" : "q");
            assertThat(error.path("message").asText()).as(path).contains("NUL");
        }
    }

    @Test
    void theSearchPageHoldingANulAnswersTheErrorPageInTheReadersLanguage() {
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        HttpResponse<String> r = browser.get("/persons?q=%00", null, "Accept", "text/html");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("含有无法保存的控制字符");
    }

    @Test
    void aJsonValueHoldingANulIsRefusedWithItsFieldAndNothingIsWritten() {
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01'").query(UUID.class).single();
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("gridId", grid);
        person.put("name", "空\u0000字");
        person.put("residence", "PERMANENT");
        HttpResponse<String> r = api.send("POST", "/api/v1/persons", token, person);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = ApiClient.json(r).path("errors").path(0);
        assertThat(error.path("field").asText()).isEqualTo("name");
        assertThat(error.path("message").asText()).contains("NUL");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name LIKE '空%字'").query(Long.class).single()).isZero();
    }
}
