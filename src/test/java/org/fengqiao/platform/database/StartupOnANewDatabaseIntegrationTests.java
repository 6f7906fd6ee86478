package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import org.fengqiao.FengqiaoApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The engineer's start on a database of its own (an outside PostgreSQL, no demo) as he meets it in the start log and
 * through the load balancer's probe: the log says what the migrations did without their queries' results as tables, a
 * personal-data key that is no key is refused before the database is touched, and a database that stops answers the
 * readiness probe 503 within seconds, not after the pool's 30 s wait for a connection.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupOnANewDatabaseIntegrationTests {

    @TempDir
    Path dir;

    private EmbeddedPostgresServer outside;
    private String url;

    private static final String GOOD_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @BeforeEach
    void newDatabase() throws Exception {
        outside = EmbeddedPostgresServer.acquire(dir.resolve("outside"), 0);
        try (Connection c = DriverManager.getConnection(outside.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fengqiao_new ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
        }
        url = outside.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/fengqiao_new$1");
    }

    @AfterEach
    void stopDatabase() {
        if (outside != null) {
            outside.release();
        }
    }

    private ConfigurableApplicationContext start(String key) {
        return new SpringApplicationBuilder(FengqiaoApplication.class).run("--server.port=0",
                "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres", "--fengqiao.db.password=postgres",
                "--fengqiao.db.data-dir=" + dir.resolve("data"), "--fengqiao.personal-data.key=" + key,
                "--fengqiao.backup.cron=-");
    }

    @Test
    void theFirstStartsLogSaysWhichMigrationsRanWithoutTheirQueriesResults(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start(GOOD_KEY)) {
            assertThat(output.getOut())
                    .contains("Migrating schema \"public\" to version \"150 - audit chain sealed after commit\"")
                    .contains("Successfully applied")
                    // V150's setval and the inbox_allow_kinds calls of V172 on printed their results as tables
                    .doesNotContain("+--------")
                    .doesNotContain("| setval |")
                    .doesNotContain("Executing SQL callback: beforeEachMigrate")
                    // two warnings at every start to disable the API documentation README publishes on purpose
                    .doesNotContain("SpringDoc /v3/api-docs endpoint is enabled by default");
        }
    }

    @Test
    void aKeyThatIsNoKeyIsRefusedBeforeTheDatabaseIsTouched(CapturedOutput output) throws Exception {
        assertThatThrownBy(() -> start("abc").close()).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_DATA_KEY must be 32 bytes")
                .doesNotContain("Migrating schema");
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet history = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
            history.next();
            assertThat(history.getBoolean(1)).as("no migration ran on the new database").isTrue();
        }
    }

    @Test
    void aStoppedDatabaseMakesTheInstanceNotReadyWithinSecondsWhileItStaysLive() throws Exception {
        try (ConfigurableApplicationContext app = start(GOOD_KEY)) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, port, "/actuator/health/readiness").statusCode()).isEqualTo(200);

            outside.release();
            outside = null;

            long started = System.nanoTime();
            HttpResponse<String> readiness = get(http, port, "/actuator/health/readiness");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(took).as("a load balancer's probe gives up after a few seconds").isLessThan(Duration.ofSeconds(5));
            assertThat(get(http, port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
