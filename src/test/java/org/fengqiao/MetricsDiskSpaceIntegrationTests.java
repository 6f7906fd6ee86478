package org.fengqiao;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.account.ApiClient;
import org.fengqiao.backup.internal.Backups;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The disk metrics as the engineer monitoring the platform reads them: the space left where it runs out, the data
 * directory (the database) and the backup directory (the nightly copies), not the directory the process was started
 * in.
 */
class MetricsDiskSpaceIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Backups backups;

    @Test
    void diskSpaceIsMeasuredForTheDataAndTheBackupDirectories() {
        ApiClient api = new ApiClient(port);
        String admin = api.token("admin", DEMO_PASSWORD);
        String data = Path.of(DATA_DIR).toAbsolutePath().normalize().toString();
        String backup = backups.directory().toString();
        for (String metric : List.of("disk.free", "disk.total")) {
            JsonNode all = ApiClient.json(api.get("/actuator/metrics/" + metric, admin));
            List<String> paths = new ArrayList<>();
            for (JsonNode tag : all.get("availableTags")) {
                if (tag.get("tag").asText().equals("path")) {
                    tag.get("values").forEach(v -> paths.add(v.asText()));
                }
            }
            assertThat(paths).as(metric).containsExactlyInAnyOrder(data, backup);
            for (String path : paths) {
                JsonNode one = ApiClient.json(api.get("/actuator/metrics/" + metric + "?tag="
                        + URLEncoder.encode("path:" + path, StandardCharsets.UTF_8), admin));
                assertThat(one.get("measurements").get(0).get("value").asDouble()).as(metric + " " + path).isPositive();
            }
        }
    }
}
