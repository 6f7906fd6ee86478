package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.population.ImportIntegrationTests;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A large first load sets the secondary indexes of person, household and address aside and builds them again at
 * its end, exactly as they were; the unique ones, which keep numbers from being stored twice, always stay; and no
 * index is ever lost, even when the process stops in between.
 */
class DeferredIndexesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    DeferredIndexes deferred;
    @Autowired
    ImportJobWatch watch;
    @Autowired
    ImportJobs jobs;
    @Autowired
    JdbcClient jdbc;

    /** Every index of the three tables, by name, with its definition. */
    Map<String, String> indexes() {
        Map<String, String> all = new TreeMap<>();
        jdbc.sql("""
                SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid IN ('person'::regclass, 'household'::regclass, 'address'::regclass)""")
                .query((rs, n) -> all.put(rs.getString(1), rs.getString(2))).list();
        return all;
    }

    UUID job(String instance, int silentSeconds) {
        return ImportJobWatchIntegrationTests.job(jdbc, "RUNNING", instance, "zh-CN", silentSeconds);
    }

    /**
     * The indexes still set aside once no builder holds one. The application's own watch runs on its schedule beside
     * the test: a builder skips an index another is building (SKIP LOCKED), so right after a build that index may
     * still be listed until the other builder commits.
     */
    List<String> pendingOnceBuildersEnd() {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        List<String> pending = deferred.pending();
        while (!pending.isEmpty() && System.nanoTime() < until && beingBuilt()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            pending = deferred.pending();
        }
        // read again: a builder that committed between the last read and the look at the locks leaves a stale list
        return deferred.pending();
    }

    /**
     * Whether builders hold every index still listed (a build runs in the transaction that locks its record): one that
     * nobody holds is not being built, and waiting for it would hide a failure.
     */
    boolean beingBuilt() {
        return jdbc.sql("SELECT name FROM deferred_index FOR UPDATE SKIP LOCKED").query(String.class).list().isEmpty()
                && !deferred.pending().isEmpty();
    }

    @Test
    void theSecondaryIndexesAreSetAsideAndBuiltAgainAsTheyWereWhileSearchesStillAnswer() throws Exception {
        Map<String, String> before = indexes();
        UUID job = job(ImportJobs.INSTANCE, 0);
        List<String> setAside;
        try {
            setAside = deferred.defer(job);
            assertThat(setAside).contains("person_name_order", "person_initials_order", "person_phone", "person_grid",
                    "person_household", "household_grid", "address_text_trgm");
            Map<String, String> during = indexes();
            assertThat(during.keySet()).doesNotContainAnyElementsOf(setAside)
                    // the keys and unique indexes the import looks up through and that keep a number, a household
                    // number and an address from being stored twice
                    .contains("person_pkey", "person_id_number", "household_pkey", "household_number_key",
                            "address_pkey", "address_full_text_key");
            assertThat(deferred.pending()).containsExactlyInAnyOrderElementsOf(setAside);
            // nothing left to set aside for another job meanwhile
            assertThat(deferred.defer(UUID.randomUUID())).isEmpty();

            // a search without its index reads the table, and answers the same (a name of Chinese characters: other
            // test classes also register persons under Latin names in this grid, which a name search does not read)
            String name = jdbc.sql("SELECT p.name FROM person p JOIN grid g ON g.id = p.grid_id WHERE g.code = 'FS-1-01' "
                    + "AND p.name ~ '^[\u4e00-\u9fff]{2,}$' ORDER BY p.name LIMIT 1").query(String.class).single();
            ApiClient api = new ApiClient(port);
            String officer = api.token("officer", DEMO_PASSWORD);
            JsonNode found = ApiClient.json(api.get("/api/v1/persons?q="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8), officer));
            assertThat(found.path("items").findValuesAsText("name")).contains(name);

            // the watch leaves the indexes of a job that is still running alone
            watch.watch();
            assertThat(deferred.pending()).containsExactlyInAnyOrderElementsOf(setAside);

            assertThat(deferred.build(job)).containsExactlyInAnyOrderElementsOf(setAside);
        } finally {
            deferred.build(job);
            jdbc.sql("UPDATE import_job SET status = 'DONE' WHERE id = ?").param(job).update();
        }
        assertThat(indexes()).isEqualTo(before);
        assertThat(deferred.pending()).isEmpty();
    }

    @Test
    void theIndexesOfAnImportWhoseProcessStoppedAreBuiltByTheWatch() {
        Map<String, String> before = indexes();
        UUID crashed = job("stopped-instance", 600);
        try {
            assertThat(deferred.defer(crashed)).isNotEmpty();
            // the process that set them aside has stopped: the watch fails its job, then builds what it left
            watch.watch();
            assertThat(jdbc.sql("SELECT status FROM import_job WHERE id = ?").param(crashed).query(String.class).single())
                    .isEqualTo("FAILED");
            assertThat(pendingOnceBuildersEnd()).isEmpty();
            assertThat(indexes()).isEqualTo(before);
        } finally {
            deferred.build(crashed);
        }
    }

    @Test
    void whileTheIndexesAreBuiltTheJobsPageSaysSoAndTheEndClearsIt() throws Exception {
        UUID building = job(ImportJobs.INSTANCE, 0);
        jobs.note(building, new ImportJobs.Counts(30_000, 30_000, 29_990, 0, 0, 10),
                "所有行已写入，正在建立查询索引");
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        JsonNode running = ApiClient.json(api.get("/api/v1/imports/" + building, officer));
        assertThat(running.path("status").asText()).isEqualTo("RUNNING");
        assertThat(running.path("message").asText()).isEqualTo("所有行已写入，正在建立查询索引");
        assertThat(running.path("processedRows").asLong()).isEqualTo(30_000);
        assertThat(running.path("createdRows").asLong()).isEqualTo(29_990);

        jobs.finish(building, ImportJobs.Status.DONE, new ImportJobs.Counts(30_000, 30_000, 29_990, 0, 0, 10), null,
                null, null);
        JsonNode done = ApiClient.json(api.get("/api/v1/imports/" + building, officer));
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(done.path("message").isNull() || done.path("message").isMissingNode()).as(done.toString()).isTrue();
        // a finished job is not noted again
        jobs.note(building, new ImportJobs.Counts(1, 1, 1, 0, 0, 0), "late");
        assertThat(ApiClient.json(api.get("/api/v1/imports/" + building, officer)).path("processedRows").asLong())
                .isEqualTo(30_000);
    }

    @Test
    void aMigrationAfterARestartFindsTheIndexesBuiltFirst() throws Exception {
        Map<String, String> before = indexes();
        UUID crashed = job("stopped-instance", 5);
        try {
            assertThat(deferred.defer(crashed)).isNotEmpty();
            // what Flyway runs before each pending migration, before the watch has had its two minutes
            String callback = new String(getClass().getResourceAsStream("/db/migration/beforeEachMigrate.sql").readAllBytes(),
                    StandardCharsets.UTF_8);
            jdbc.sql(callback).update();
            assertThat(pendingOnceBuildersEnd()).isEmpty();
            assertThat(indexes()).isEqualTo(before);
        } finally {
            deferred.build(crashed);
            jdbc.sql("UPDATE import_job SET status = 'FAILED' WHERE id = ?").param(crashed).update();
        }
    }

    /** The file imported through the API, done with every row created. */
    JsonNode imported(ApiClient api, String officer, String fileName, CharSequence csv, int rows) throws Exception {
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, fileName,
                csv.toString().getBytes(StandardCharsets.UTF_8), false, java.time.Duration.ofMinutes(2));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(rows);
        return job;
    }

    @Test
    void anImportAtLeastAsLargeAsWhatIsStoredBuildsTheIndexesAtItsEndAndItsPersonsAreFound() throws Exception {
        Map<String, String> before = indexes();
        jdbc.sql("ANALYZE person").update();
        long stored = Math.max(jdbc.sql("SELECT count(*) FROM person").query(Long.class).single(),
                jdbc.sql("SELECT reltuples::bigint FROM pg_class WHERE oid = 'person'::regclass").query(Long.class).single());
        int rows = (int) stored + 600;
        String run = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("姓名,身份证号,性别,电话,网格编码,户号,与户主关系,居住类型,地址\n");
        String probeNumber = null;
        for (int i = 0; i < rows; i++) {
            Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
            String number = TestIdentityNumbers.of("320707", LocalDate.of(1950, 1, 1).plusDays(i / 400), i % 400, sex);
            int household = i / 3;
            csv.append(i % 3 == 0 ? "载" : "荷").append(Character.toChars(0x4E00 + 0x100 + i % 900)).append(',')
                    .append(number).append(',').append(sex == Sex.MALE ? "男" : "女").append(",,FS-1-01,")
                    .append("DL-").append(run).append('-').append(household).append(',')
                    .append(i % 3 == 0 ? "户主" : "子女").append(",常住,东海县载荷村").append(run).append('-')
                    .append(household).append("号\n");
            if (i == rows - 1) {
                probeNumber = number;
            }
        }
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        try {
            JsonNode job = imported(api, officer, "load.csv", csv, rows);
            assertThat(job.path("failedRows").asLong()).isZero();

            String setAside = jdbc.sql("SELECT after->>'indexesSetAside' FROM audit_entry WHERE record_type = 'import-job' "
                    + "AND record_id = ?").param(job.path("id").asText()).query(String.class).single();
            assertThat(setAside).contains("person_name_order", "address_text_trgm");
            assertThat(deferred.pending()).isEmpty();
            assertThat(indexes()).isEqualTo(before);

            // found by the whole number, through the indexes built again
            JsonNode found = ApiClient.json(api.get("/api/v1/persons?q=" + probeNumber, officer));
            assertThat(found.path("items")).hasSize(1);
        } finally {
            jdbc.sql("DELETE FROM person WHERE id_masked LIKE '320707%'").update();
            jdbc.sql("DELETE FROM household WHERE number LIKE ?").param("DL-" + run + "-%").update();
            jdbc.sql("DELETE FROM address WHERE full_text LIKE ?").param("%载荷村" + run + "-%").update();
        }
    }

    /**
     * An import too small to set the indexes aside writes into them row by row, and a GIN index (fast update) keeps
     * such rows in its pending list until autovacuum merges them, a minute or so later: meanwhile every scan of the
     * index reads that whole list, and a search by address reads the addresses by their key instead of through their
     * trigram index. The import merges the pending lists of the GIN indexes of the tables it wrote once it ends.
     */
    @Test
    void aSmallImportLeavesNothingWaitingInTheGinIndexesPendingLists() throws Exception {
        List<String> gin = jdbc.sql("""
                SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                WHERE i.indrelid IN ('person'::regclass, 'household'::regclass, 'address'::regclass) AND a.amname = 'gin'
                ORDER BY c.relname""").query(String.class).list();
        assertThat(gin).contains("address_text_trgm");
        // what earlier loads (the demo's) left waiting is merged first: what waits after the import is the import's
        gin.forEach(index -> jdbc.sql("SELECT gin_clean_pending_list(CAST(? AS regclass))").param(index).query(Long.class)
                .single());
        boolean created = jdbc.sql("SELECT count(*) = 0 FROM pg_extension WHERE extname = 'pgstattuple'")
                .query(Boolean.class).single();
        jdbc.sql("CREATE EXTENSION IF NOT EXISTS pgstattuple").update();
        String run = UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("姓名,身份证号,性别,电话,网格编码,户号,与户主关系,居住类型,地址\n");
        for (int i = 0; i < 12; i++) {
            Sex sex = i % 2 == 0 ? Sex.MALE : Sex.FEMALE;
            csv.append("待并").append(Character.toChars(0x4E00 + 0x200 + i)).append(',')
                    .append(TestIdentityNumbers.next(sex)).append(',').append(sex == Sex.MALE ? "男" : "女")
                    .append(",,FS-1-01,GP-").append(run).append('-').append(i).append(",户主,常住,东海县待并村").append(run)
                    .append('-').append(i).append("号\n");
        }
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        try {
            imported(api, officer, "pending.csv", csv, 12);
            assertThat(jdbc.sql("SELECT count(*) FROM address WHERE full_text LIKE ?").param("%待并村" + run + "-%")
                    .query(Long.class).single()).as("the import wrote its addresses through the index").isEqualTo(12);

            Map<String, String> waiting = new TreeMap<>();
            for (String index : gin) {
                waiting.put(index, jdbc.sql("SELECT pending_pages || ' pages, ' || pending_tuples || ' tuples' "
                        + "FROM pgstatginindex(CAST(? AS regclass))").param(index).query(String.class).single());
            }
            assertThat(waiting).as("nothing waits in a pending list once the import has ended")
                    .allSatisfy((index, pending) -> assertThat(pending).isEqualTo("0 pages, 0 tuples"));
        } finally {
            jdbc.sql("DELETE FROM person WHERE household_id IN (SELECT id FROM household WHERE number LIKE ?)")
                    .param("GP-" + run + "-%").update();
            jdbc.sql("DELETE FROM household WHERE number LIKE ?").param("GP-" + run + "-%").update();
            jdbc.sql("DELETE FROM address WHERE full_text LIKE ?").param("%待并村" + run + "-%").update();
            if (created) {
                jdbc.sql("DROP EXTENSION pgstattuple").update();
            }
        }
    }
}
