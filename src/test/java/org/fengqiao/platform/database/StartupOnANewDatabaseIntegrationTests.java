package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fengqiao.FengqiaoApplication;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
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
 * readiness probe 503 within seconds, not after the pool's 30 s wait for a connection. The tests share one outside
 * PostgreSQL server (starting one took about two seconds a test); each has a new database of its own on it. A test
 * whose start is not the schema's first takes its database migrated already, a copy of one migrated once for the
 * class: migrating from nothing took some seven seconds a test.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupOnANewDatabaseIntegrationTests {

    /** The outside server's data directory, the class's. */
    @TempDir
    static Path server;
    /** The application's data directory, the test's. */
    @TempDir
    Path dir;

    private static EmbeddedPostgresServer outside;
    private static int databases;
    /** The database migrated once for the class, which {@link #migratedDatabase} copies. */
    private static final String MIGRATED = "fengqiao_migrated";
    private static boolean migrated;
    private String url;

    private static final String GOOD_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @BeforeEach
    void newDatabase() throws Exception {
        if (outside == null) {
            // the first test, or one that stopped the server and failed before starting it again
            outside = EmbeddedPostgresServer.acquire(server.resolve("outside"), 0);
        }
        String name = "fengqiao_new_" + ++databases;
        try (Connection c = DriverManager.getConnection(outside.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
        }
        url = outside.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
    }

    /**
     * The test's database replaced by one whose schema this build migrated to its last version: a copy (PostgreSQL's
     * CREATE DATABASE from a template, a file copy) of one migrated by Flyway on the class's first call.
     */
    private void migratedDatabase() throws Exception {
        String template = outside.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + MIGRATED + "$1");
        try (Connection c = DriverManager.getConnection(outside.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            boolean there;
            try (ResultSet found = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + MIGRATED + "'")) {
                there = found.next();
            }
            if (!migrated || !there) {
                s.execute("DROP DATABASE IF EXISTS " + MIGRATED);
                s.execute("CREATE DATABASE " + MIGRATED + " ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
                Flyway.configure().dataSource(template, "postgres", "postgres").locations("classpath:db/migration")
                        .load().migrate();
                migrated = true;
            }
            String name = "fengqiao_new_" + ++databases;
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + MIGRATED);
            url = outside.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
        }
    }

    @AfterAll
    static void stopServer() {
        migrated = false;
        if (outside != null) {
            outside.release();
            outside = null;
        }
    }

    private ConfigurableApplicationContext start(String key) {
        return start(key, url);
    }

    private ConfigurableApplicationContext start(String key, String url) {
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
        migratedDatabase();
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

            // the database back before the stop, on its port: with none, the stop's last writes (the event
            // publications, the scheduler's last run) each waited out the pool's 30 s for a connection
            outside = EmbeddedPostgresServer.acquire(server.resolve("outside"),
                    Integer.parseInt(url.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1")));
        }
    }

    /**
     * The engineer went back to the old build without restoring the backup taken before the upgrade: the schema holds
     * a migration this build does not have, which Flyway by default passes over. The old build would write into
     * tables it does not know; its start is refused, saying what to do, and nothing is migrated.
     */
    @Test
    void anOlderBuildRefusesToStartOnASchemaANewerBuildMigrated(CapturedOutput output) throws Exception {
        migratedDatabase();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE staff ADD COLUMN from_a_newer_build text NOT NULL DEFAULT 'x'");
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) SELECT max(installed_rank) + 1, '9000', "
                    + "'from a newer build', 'SQL', 'V9000__from_a_newer_build.sql', 0, 'postgres', 1, true "
                    + "FROM flyway_schema_history");
        }
        long applied = historyRows();

        assertThatThrownBy(() -> start(GOOD_KEY).close()).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The database's schema is at version 9000 (\"from a newer build\"), migrated by a newer build")
                .contains("restore the backup taken before the upgrade")
                .contains("Start the newer build again");
        assertThat(historyRows()).as("nothing migrated").isEqualTo(applied);
    }

    /**
     * A database cut off by the network (a switch, a firewall dropping its packets) answers nothing rather than
     * refusing the connection as a stopped one does: the check's wait for a pooled connection, whose validation waits
     * its own 5 s, and then for the connection's answer added up past the probe's limit. The readiness probe says 503
     * within the check's 2 s all the same.
     */
    @Test
    void aDatabaseCutOffByTheNetworkMakesTheInstanceNotReadyWithinTheChecksWait() throws Exception {
        migratedDatabase();
        Cable cable = new Cable(Integer.parseInt(url.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1")));
        ConfigurableApplicationContext app = null;
        try {
            app = start(GOOD_KEY, url.replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + cable.port() + "/"));
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            // the pool's connections idle past Hikari's half second, as between a load balancer's probes: the next
            // borrow validates the connection first
            Thread.sleep(1000);

            cable.cut();

            long started = System.nanoTime();
            HttpResponse<String> readiness = get(http, port, "/actuator/health/readiness");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(took).as("the check's own wait, 2 s, and no more").isLessThan(Duration.ofMillis(3500));
            long again = System.nanoTime();
            assertThat(get(http, port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - again)).as("a probe while the last check still waits")
                    .isLessThan(Duration.ofMillis(3500));
            assertThat(get(http, port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            // the link mended before the stop: the connections the cable swallowed from are closed (a query sent into
            // it would wait for its answer for ever) and new ones pass, so the stop's last writes (the event
            // publications, the scheduler's last run) find the database instead of each waiting out the pool's 30 s
            cable.mend();
            if (app != null) {
                app.close();
            }
            cable.close();
        }
    }

    private long historyRows() throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A network link to the database that can be cut: it passes bytes both ways until {@link #cut()}, then swallows
     * them, keeping every connection open, as a dropped route does (no reset, no refusal, only silence).
     */
    static final class Cable implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile boolean cut;

        Cable(int databasePort) throws IOException {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket database = new Socket(InetAddress.getLoopbackAddress(), databasePort);
                        sockets.add(client);
                        sockets.add(database);
                        pump(client, database);
                        pump(database, client);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "cable");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void cut() {
            cut = true;
        }

        /** Closes the connections made before, whose bytes were swallowed, and lets new ones pass again. */
        void mend() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
            sockets.clear();
            cut = false;
        }

        private void pump(Socket from, Socket to) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (!cut) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // a socket closed: the connection ends
                }
            }, "cable-pump");
            pump.setDaemon(true);
            pump.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
