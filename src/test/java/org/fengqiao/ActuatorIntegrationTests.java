package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The actuator as a monitoring script meets it: health open to all, the metrics to the system administrator only
 * (README), and every refusal a problem detail in the caller's language, as on the API, never a redirect to the
 * sign-in page.
 */
class ActuatorIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void metricsWithoutCredentialsAreRefusedWith401AsAProblemDetailNotARedirectToTheSignInPage() {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> zh = api.get("/actuator/metrics", null);
        assertThat(zh.statusCode()).isEqualTo(401);
        assertThat(zh.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(ApiClient.json(zh).get("title").asText()).isEqualTo("请先登录");
        HttpResponse<String> en = api.get("/actuator/metrics/jvm.memory.used", null, "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(en).get("title").asText()).isEqualTo("Please sign in first");
        // the probes stay open
        assertThat(api.get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreRefusedWith403ToEveryRoleButTheSystemAdministrator() {
        ApiClient api = new ApiClient(port);
        for (String user : List.of("security", "auditor", "bureau", "chief", "officer")) {
            HttpResponse<String> refused = api.get("/actuator/metrics", api.token(user, DEMO_PASSWORD),
                    "Accept-Language", "en");
            assertThat(refused.statusCode()).as(user).isEqualTo(403);
            assertThat(ApiClient.json(refused).get("title").asText()).as(user).isEqualTo("You are not allowed to do this");
        }
    }

    @Test
    void theSystemAdministratorReadsTheMetricsWithHisToken() {
        ApiClient api = new ApiClient(port);
        String admin = api.token("admin", DEMO_PASSWORD);
        HttpResponse<String> names = api.get("/actuator/metrics", admin);
        assertThat(names.statusCode()).isEqualTo(200);
        assertThat(names.body()).contains("http.server.requests", "hikaricp.connections.active");
        HttpResponse<String> memory = api.get("/actuator/metrics/jvm.memory.used", admin);
        assertThat(memory.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(memory).get("measurements").get(0).get("value").asDouble()).isPositive();
    }

    /**
     * Before an upgrade or a support call the engineer asks which build runs and on what: the version and build time,
     * Java's version, the database's version and the schema's (the last migration). The system administrator's token
     * reads them; anyone else an empty answer, as the health check's details.
     */
    @Test
    void infoTellsTheSystemAdministratorTheBuildJavaAndDatabaseAndNobodyElse() throws Exception {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> told = api.get("/actuator/info", api.token("admin", DEMO_PASSWORD));
        assertThat(told.statusCode()).isEqualTo(200);
        var info = ApiClient.json(told);
        String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        var version = java.util.regex.Pattern.compile("</parent>\\s*<groupId>[^<]*</groupId>\\s*<artifactId>[^<]*"
                + "</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(version.find()).isTrue();
        assertThat(info.at("/build/version").asText()).as(told.body()).isEqualTo(version.group(1));
        assertThat(java.time.Instant.parse(info.at("/build/time").asText())).isBefore(java.time.Instant.now());
        assertThat(info.at("/java/version").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(info.at("/database/product").asText()).isEqualTo("PostgreSQL");
        assertThat(info.at("/database/version").asText()).matches("\\d+\\.\\d+.*");
        int lastMigration;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            lastMigration = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(info.at("/database/schemaVersion").asText()).isEqualTo(String.valueOf(lastMigration));

        for (String user : List.of("security", "auditor", "bureau", "chief")) {
            HttpResponse<String> other = api.get("/actuator/info", api.token(user, DEMO_PASSWORD));
            assertThat(other.statusCode()).as(user).isEqualTo(200);
            assertThat(ApiClient.json(other).isEmpty()).as(user + ": " + other.body()).isTrue();
        }
        HttpResponse<String> anonymous = api.get("/actuator/info", null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(anonymous).isEmpty()).as(anonymous.body()).isTrue();
    }
}
