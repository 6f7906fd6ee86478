package org.fengqiao.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

/**
 * The health check's disk space as the engineer who runs the platform meets it: it measures the disks that fill up,
 * the data directory's (the database) and the backup directory's (the nightly copies), not the directory the process
 * was started in; it answers DOWN below the documented threshold (FENGQIAO_DISK_MIN_FREE, 1 GB), and the system
 * administrator reads which directory and how much is left.
 */
class DiskSpaceHealthIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Backups backups;

    @Autowired
    @Qualifier("diskSpaceHealthIndicator")
    HealthIndicator health;

    @Test
    void theSystemAdministratorReadsTheSpaceOfTheDataAndTheBackupDirectoriesAndTheThreshold() {
        ApiClient api = new ApiClient(port);
        String admin = api.token("admin", DEMO_PASSWORD);

        JsonNode disk = ApiClient.json(api.get("/actuator/health", admin)).path("components").path("diskSpace");

        assertThat(disk.path("status").asText()).as(disk.toString()).isEqualTo("UP");
        List<String> paths = new ArrayList<>();
        disk.path("details").path("directories").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder(Path.of(DATA_DIR).toAbsolutePath().normalize().toString(),
                backups.directory().toString());
        for (String path : paths) {
            assertThat(disk.path("details").path("directories").path(path).path("free").asLong()).as(path).isPositive();
        }
        assertThat(disk.path("details").path("threshold").asLong()).isEqualTo(DataSize.ofGigabytes(1).toBytes());
    }

    @Test
    void anyoneElseReadsTheStatusAlone() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);

        assertThat(ApiClient.json(api.get("/actuator/health", null)).has("components")).isFalse();
        assertThat(ApiClient.json(api.get("/actuator/health", officer)).has("components")).isFalse();
    }

    @Test
    void aDirectoryWithLessThanTheThresholdFreeIsDownNamingIt() {
        // the threshold raised past any disk's size: every directory measured is short of space
        Object threshold = ReflectionTestUtils.getField(health, "minFree");
        ReflectionTestUtils.setField(health, "minFree", DataSize.ofTerabytes(1_000_000));
        try {
            var measured = health.health();

            assertThat(measured.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(measured.getDetails().get("directories")))
                    .contains(Path.of(DATA_DIR).toAbsolutePath().normalize().toString());
        } finally {
            ReflectionTestUtils.setField(health, "minFree", threshold);
        }
    }
}
