package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.fengqiao.FengqiaoApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With FENGQIAO_DB_URL set, the platform uses that PostgreSQL: nothing embedded starts, the schema
 * is migrated there, and no demo data is loaded unless asked for.
 */
class OutsideDatabaseIntegrationTests {

    @TempDir
    Path dir;

    /** Outside the demo a key for personal data must be configured, or the platform refuses to start. */
    private static final String PERSONAL_DATA_KEY =
            "--fengqiao.personal-data.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void usesTheOutsideDatabaseStartsNothingEmbeddedAndLoadsNoDemo() throws Exception {
        EmbeddedPostgresServer outside = EmbeddedPostgresServer.acquire(dir.resolve("outside"), 0);
        Path unusedDataDir = dir.resolve("must-stay-empty");
        try {
            try (Connection c = DriverManager.getConnection(outside.jdbcUrl(), "postgres", "postgres");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE fengqiao_outside ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
            }
            String url = outside.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/fengqiao_outside$1");
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                    "--server.port=0", "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                    "--fengqiao.db.password=postgres", "--fengqiao.db.data-dir=" + unusedDataDir, PERSONAL_DATA_KEY)) {
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("fengqiao_outside");
                assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
                        .isPositive();
                assertThat(jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single())
                        .as("no demo district on an outside database by default").isZero();
                // an outside database is backed up with PostgreSQL's tools: the platform takes no copy of it
                org.fengqiao.backup.internal.Backups backups = app.getBean(org.fengqiao.backup.internal.Backups.class);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> backups.take("sysadmin"))
                        .isInstanceOf(org.fengqiao.platform.Conflict.class).hasMessage("backup.external");
                assertThat(backups.list()).isEmpty();
                assertThat(backups.nextNightly()).isNull();
            }
            // the data directory holds at most the audit chain's witness (ADR 2), kept apart from the outside database
            assertThat(namesIn(unusedDataDir)).as("no embedded PostgreSQL was started")
                    .isSubsetOf("audit-witness.log");
            assertThat(Files.exists(Path.of(unusedDataDir + "-backups"))).as("nor any copy of one").isFalse();

            // a first start with the init settings creates the bureau and the three administrators, once
            for (int start = 0; start < 2; start++) {
                try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FengqiaoApplication.class).run(
                        "--server.port=0", "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                        "--fengqiao.db.password=postgres", "--fengqiao.db.data-dir=" + unusedDataDir, PERSONAL_DATA_KEY,
                        "--fengqiao.init.bureau-name=某县公安局", "--fengqiao.init.division-code=320722",
                        "--fengqiao.init.password=First-Start-1")) {
                    JdbcClient jdbc = app.getBean(JdbcClient.class);
                    assertThat(jdbc.sql("SELECT name FROM unit WHERE kind = 'BUREAU'").query(String.class).list())
                            .containsExactly("某县公安局");
                    assertThat(jdbc.sql("SELECT username || ':' || role FROM staff ORDER BY username").query(String.class).list())
                            .containsExactly("auditadmin:AUDIT_ADMIN", "secadmin:SECURITY_ADMIN", "sysadmin:SYSTEM_ADMIN");
                    assertThat(jdbc.sql("SELECT bool_and(password_must_change) FROM staff").query(Boolean.class).single())
                            .as("the one initial password is each one's to change first").isTrue();
                    assertThat(app.getBean(org.fengqiao.account.internal.SignIn.class).check("secadmin", "First-Start-1")
                            .caller().role()).isEqualTo("SECURITY_ADMIN");
                }
            }
        } finally {
            outside.release();
        }
    }

    private static java.util.List<String> namesIn(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }
}
