package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.fengqiao.FengqiaoApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The engineer's first start on an outside database (README: FENGQIAO_INIT_BUREAU, FENGQIAO_INIT_DIVISION,
 * FENGQIAO_INIT_PASSWORD) with an initial password the password rules refuse: he reads which setting and what the
 * rules are as the start's failure, not "error.invalid [password:account.password.tooShort, ...]" forty lines into a
 * stack trace, and nothing is created, so the next start with a good password creates the bureau.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupInitSettingsIntegrationTests {

    @TempDir
    Path dir;

    private static final String PERSONAL_DATA_KEY =
            "--fengqiao.personal-data.key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void anInitialPasswordThePasswordRulesRefuseIsSaidAsTheFailureAndCreatesNothing(CapturedOutput output)
            throws Exception {
        EmbeddedPostgresServer outside = EmbeddedPostgresServer.acquire(dir.resolve("outside"), 0);
        try {
            try (Connection c = DriverManager.getConnection(outside.jdbcUrl(), "postgres", "postgres");
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE fengqiao_init ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0");
            }
            String url = outside.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/fengqiao_init$1");

            assertThatThrownBy(() -> new SpringApplicationBuilder(FengqiaoApplication.class).run(
                    "--server.port=0", "--fengqiao.db.url=" + url, "--fengqiao.db.user=postgres",
                    "--fengqiao.db.password=postgres", "--fengqiao.db.data-dir=" + dir.resolve("data"),
                    PERSONAL_DATA_KEY, "--fengqiao.init.bureau-name=某县公安局", "--fengqiao.init.division-code=320722",
                    "--fengqiao.init.password=123").close()).isInstanceOf(RuntimeException.class);

            assertThat(output.getOut() + output.getErr())
                    .contains("APPLICATION FAILED TO START")
                    .contains("FENGQIAO_INIT_PASSWORD")
                    .contains("The password needs at least 8 characters")
                    .doesNotContain("account.password.tooShort")
                    .doesNotContain("\tat ");
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                    Statement s = c.createStatement();
                    ResultSet units = s.executeQuery("SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM staff)")) {
                units.next();
                assertThat(units.getLong(1)).as("neither the bureau nor an administrator was created").isZero();
            }
        } finally {
            outside.release();
        }
    }
}
