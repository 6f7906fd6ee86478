package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.fengqiao.platform.FengqiaoProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The engineer who points the platform at an outside PostgreSQL (README, "外部 PostgreSQL") and gets a setting wrong
 * (PostgreSQL not running on that port, a database not created yet) reads which setting and what to do as the
 * start's failure, not the driver's words at the end of a hundred lines of nested causes.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupOutsideDatabaseTests {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FengqiaoProperties.class)
    @Import(DatabaseConfiguration.class)
    static class DatabaseOnly {

        /** The pool is made lazily by Spring unless asked for: this asks for it, as Flyway does at start. */
        @org.springframework.context.annotation.Bean
        Object migrations(javax.sql.DataSource dataSource) {
            return dataSource;
        }
    }

    private void start(String url) {
        start(url, "fengqiao");
    }

    private void start(String url, String user) {
        new SpringApplicationBuilder(DatabaseOnly.class).web(WebApplicationType.NONE)
                .run("--fengqiao.db.url=" + url, "--fengqiao.db.user=" + user, "--fengqiao.db.password=secret-pw",
                        "--fengqiao.db.data-dir=" + dir, "--spring.main.banner-mode=off")
                .close();
    }

    @Test
    void aPortWherePostgresDoesNotRunIsSaidAsTheFailureNamingTheSetting(CapturedOutput output) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }

        assertThatThrownBy(() -> start("jdbc:postgresql://127.0.0.1:" + port + "/fengqiao?password=secret-pw"))
                .isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The outside database at jdbc:postgresql://127.0.0.1:" + port + "/fengqiao (FENGQIAO_DB_URL)")
                .contains("Check the host and port in FENGQIAO_DB_URL")
                .doesNotContain("secret-pw")
                .doesNotContain("\tat ")
                .doesNotContain("Application run failed");
    }

    @Test
    void aDatabaseNotCreatedYetIsSaidWithTheCommandThatCreatesIt(CapturedOutput output) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir.resolve("outside"), 0);
        try {
            String url = server.jdbcUrl().replaceFirst("/postgres(\\?.*)?$", "/fengqiao_not_created");

            assertThatThrownBy(() -> start(url, "postgres")).isInstanceOf(RuntimeException.class);

            assertThat(output.getOut() + output.getErr())
                    .contains("APPLICATION FAILED TO START")
                    .contains("fengqiao_not_created")
                    .contains("createdb -E UTF8 --locale=C.UTF-8 -T template0 -O postgres fengqiao_not_created")
                    .doesNotContain("\tat ");
        } finally {
            server.release();
        }
    }

    @Test
    void anAddressThatIsNoPostgresAddressIsSaidHowToWriteIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("postgres://db.example/fengqiao")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_DB_URL")
                .contains("jdbc:postgresql://host:5432/database")
                .doesNotContain("\tat ");
    }
}
