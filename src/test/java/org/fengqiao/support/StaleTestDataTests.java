package org.fengqiao.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleTestDataTests {

    @TempDir
    Path tmp;

    final Instant now = Instant.now();

    @Test
    void removesOldTestDataWhosePostgresIsGoneAndKeepsEverythingElse() throws Exception {
        Path stopped = dir("fengqiao-test-stopped", Duration.ofHours(3));
        Files.writeString(Files.createDirectories(stopped.resolve("pg")).resolve("postmaster.pid"), "2147483646\n/x\n");
        Path crashed = dir("fengqiao-crash123", Duration.ofDays(2));
        Files.writeString(crashed.resolve("first.log"), "log");
        Path running = dir("fengqiao-test-running", Duration.ofHours(5));
        Files.writeString(running.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n/x\n");
        Path starting = dir("fengqiao-test-starting", Duration.ofMinutes(10));
        Path kept = dir("searchdb", Duration.ofDays(5));
        // the contents written above made every directory new again: age them now
        for (Path d : new Path[] {stopped, crashed, running}) {
            Files.setLastModifiedTime(d, FileTime.from(now.minus(Duration.ofHours(3))));
        }

        assertThat(StaleTestData.sweep(tmp, now)).isEqualTo(2);

        assertThat(stopped).doesNotExist();
        assertThat(crashed).doesNotExist();
        assertThat(running).exists();
        assertThat(starting).exists();
        assertThat(kept).exists();
    }

    Path dir(String name, Duration age) throws Exception {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.setLastModifiedTime(d, FileTime.from(now.minus(age)));
        return d;
    }
}
