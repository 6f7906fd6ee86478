package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A job whose process stopped (a crash, a redeploy) must not show RUNNING for ever: once no process has beaten
 * for it for two minutes it fails, with a message in its submitter's language saying to import the file again;
 * a job its live process still beats for, here or on another instance, is left alone.
 */
class ImportJobWatchIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ImportJobWatch watch;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;

    UUID job(String status, String instance, String locale, int silentSeconds) {
        return job(jdbc, status, instance, locale, silentSeconds);
    }

    /** A person import job of the officer's, 4,000 rows in, last beaten for by {@code instance} that long ago. */
    static UUID job(JdbcClient jdbc, String status, String instance, String locale, int silentSeconds) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO import_job (id, kind, file_name, file_sha256, dry_run, status, processed_rows, created_rows,
                    created_by, created_by_name, unit_path, locale, instance_id, heartbeat_at)
                SELECT ?, 'PERSONS', 'watch.csv', 'sha', false, ?, 4000, 4000, s.id, s.username, u.path, ?, ?,
                       now() - make_interval(secs => ?)
                FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer'""")
                .params(id, status, locale, instance, silentSeconds).update();
        return id;
    }

    String status(UUID id) {
        return jdbc.sql("SELECT status FROM import_job WHERE id = ?").param(id).query(String.class).single();
    }

    @Test
    void aJobNoProcessBeatsForFailsInItsSubmittersLanguageAndLiveOnesRunOn() throws Exception {
        UUID crashedZh = job("RUNNING", "stopped-instance", "zh-CN", 600);
        UUID crashedEn = job("QUEUED", "stopped-instance", "en", 600);
        UUID otherInstanceAlive = job("RUNNING", "live-instance", "zh-CN", 20);
        UUID oursSilentLong = job("RUNNING", ImportJobs.INSTANCE, "zh-CN", 600);
        UUID finished = job("DONE", "stopped-instance", "zh-CN", 6000);

        // this process beats for its own jobs first, as the scheduled watch does, then fails the abandoned ones
        watch.watch();

        assertThat(status(crashedZh)).isEqualTo("FAILED");
        assertThat(status(crashedEn)).isEqualTo("FAILED");
        assertThat(status(otherInstanceAlive)).isEqualTo("RUNNING");
        assertThat(status(oursSilentLong)).isEqualTo("RUNNING");
        assertThat(status(finished)).isEqualTo("DONE");

        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        JsonNode zh = ApiClient.json(api.get("/api/v1/imports/" + crashedZh, token));
        assertThat(zh.path("status").asText()).isEqualTo("FAILED");
        assertThat(zh.path("message").asText()).contains("服务停止").contains("重新导入");
        assertThat(zh.path("processedRows").asLong()).isEqualTo(4000);
        JsonNode en = ApiClient.json(api.get("/api/v1/imports/" + crashedEn, token));
        assertThat(en.path("message").asText()).contains("service stopped").contains("Import the file again");

        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'import-job' AND record_id = ? "
                + "AND actor = 'import-job-watch' AND after->>'reason' = 'abandoned'").param(crashedZh.toString())
                .query(Long.class).single()).isEqualTo(1);

        // a second watch fails nothing twice
        assertThat(watch.failAbandoned()).extracting(ImportJobs.Abandoned::id).doesNotContain(crashedZh, crashedEn);
        jdbc.sql("UPDATE import_job SET status = 'DONE' WHERE id IN (?, ?)").params(otherInstanceAlive, oursSilentLong).update();
    }
}
