package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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
 * The engineer whose FENGQIAO_DATA_DIR cannot hold the embedded database (a file where its folder should be, a folder
 * he may not write) reads where and why as the start's failure, not an UncheckedIOException's stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupDataDirectoryTests {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FengqiaoProperties.class)
    @Import(DatabaseConfiguration.class)
    static class DatabaseOnly {

        /** Asks for the pool, as Flyway does at start. */
        @org.springframework.context.annotation.Bean
        Object migrations(javax.sql.DataSource dataSource) {
            return dataSource;
        }
    }

    @Test
    void aDataDirectoryUnderAFileIsSaidAsTheFailureNamingTheSetting(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("srv"), "not a folder");
        Path data = file.resolve("fengqiao-data");

        assertThatThrownBy(() -> new SpringApplicationBuilder(DatabaseOnly.class).web(WebApplicationType.NONE)
                .run("--fengqiao.db.data-dir=" + data, "--spring.main.banner-mode=off").close())
                .isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The embedded PostgreSQL could not start in " + data + " (FENGQIAO_DATA_DIR)")
                .contains("a file stands where a folder should be: " + file)
                .contains("Give FENGQIAO_DATA_DIR a directory")
                .doesNotContain("\tat ");
        assertThat(Files.readString(file)).as("the file in its place is left as it was").isEqualTo("not a folder");
    }
}
