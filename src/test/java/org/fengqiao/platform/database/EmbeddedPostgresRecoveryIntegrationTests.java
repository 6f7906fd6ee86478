package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM killed with -9 leaves its postmaster running on the data directory. The next start must
 * stop that orphan, start normally and find every committed row: this is what ./run relies on. While that JVM still
 * runs, a second start on its directory is refused and leaves its database alone.
 */
class EmbeddedPostgresRecoveryIntegrationTests {

    @TempDir
    Path dir;

    @Test
    void startsAfterTheJvmWasKilledAndKeepsCommittedRows() throws Exception {
        Path data = dir.resolve("pgdata");
        Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                KilledJvm.class.getName(), data.toString(), "committed before kill -9")
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            List<String> seen = new ArrayList<>();
            while ((line = out.readLine()) != null && !line.contains("COMMITTED")) {
                seen.add(line);
            }
            assertThat(line).as("child output: %s", seen).isEqualTo("COMMITTED");
        }
        // while its JVM lives, the postmaster is no orphan: a second start on the directory is refused and leaves it
        long running = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> EmbeddedPostgresServer.acquire(data, 0));
        assertThat(refused).isInstanceOf(DataDirectoryInUse.class).hasMessageContaining("is in use by another running Fengqiao");
        // the start-up failure says it in a line of its own (the analyser Spring Boot loads from spring.factories)
        java.util.Properties factories = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
            factories.load(in);
        }
        String named = java.util.Arrays.stream(factories.getProperty(
                "org.springframework.boot.diagnostics.FailureAnalyzer").split(",")).map(String::trim)
                .filter(n -> n.equals(DataDirectoryInUse.class.getName() + "$Analyzer")).findFirst().orElseThrow();
        var analyzer = (org.springframework.boot.diagnostics.FailureAnalyzer) Class.forName(named)
                .getDeclaredConstructor().newInstance();
        assertThat(analyzer.analyze(new IllegalStateException("context failed", refused)).getDescription())
                .isEqualTo(refused.getMessage());
        assertThat(ProcessHandle.of(running).map(ProcessHandle::isAlive)).as("the running one's postmaster").contains(true);

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphan = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the postmaster outlives its JVM").contains(true);

        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(data, 0);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before kill -9");
        } finally {
            server.release();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void runsWithDurableSettingsAndAUtf8Ctype() throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir.resolve("settings"), 0);
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", "postgres");
                Statement s = c.createStatement()) {
            assertThat(value(s, "SHOW fsync")).isEqualTo("on");
            assertThat(value(s, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(value(s, "SHOW full_page_writes")).isEqualTo("on");
            assertThat(value(s, "SELECT datctype FROM pg_database WHERE datname = 'postgres'")).isEqualTo("C.UTF-8");
            assertThat(value(s, "SELECT upper('é')")).as("a UTF-8 ctype knows letters beyond ASCII").isEqualTo("É");
        } finally {
            server.release();
        }
    }

    private static String value(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
