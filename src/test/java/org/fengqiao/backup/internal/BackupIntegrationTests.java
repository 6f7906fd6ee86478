package org.fengqiao.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A copy of the embedded database taken while the platform runs starts as the database stood, with the key of the
 * personal data beside it; only the system administrator takes and sees copies; the oldest beyond the number kept
 * goes; a copy that cannot be written leaves nothing half written and a failed run the page shows, in the reader's
 * language.
 */
class BackupIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Backups backups;
    @Autowired
    org.fengqiao.platform.FengqiaoProperties platform;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.springframework.context.ApplicationEventPublisher events;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    ApiClient api;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        admin = api.token("admin", DEMO_PASSWORD);
    }

    @AfterEach
    void removeCopies() throws IOException {
        backups.steps = (step, path) -> {
        };
        delete(backups.directory());
    }

    @Test
    void aCopyTakenWhileThePlatformRunsStartsAsTheDatabaseStood() throws Exception {
        long persons = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        long lastAudit = jdbc.sql("SELECT max(seq) FROM audit_entry").query(Long.class).single();

        var taken = api.send("POST", "/api/v1/backups", admin, null);

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        java.time.Instant answered = java.time.Instant.now();
        String name = ApiClient.json(taken).get("name").asText();
        assertThat(name).matches("fengqiao-\\d{8}-\\d{6}(-\\d+)?");
        Path copy = backups.directory().resolve(name);
        assertThat(copy.resolve("backup_label")).exists();
        assertThat(copy.resolve("postmaster.pid")).doesNotExist();
        Path key = Path.of(DATA_DIR, "personal-data.key");
        assertThat(Files.readAllBytes(copy.resolve("personal-data.key"))).isEqualTo(Files.readAllBytes(key));
        assertThat(backups.directory().toFile().list()).as("no half-written copy left").containsExactly(name);
        // of the log, only what the restore replays: from the segment of the start's checkpoint to the one of the stop,
        // none before it nor a recycled one ahead of the server's current segment (old log under a later name)
        String first = Files.readAllLines(copy.resolve("backup_label")).stream()
                .filter(l -> l.startsWith("START WAL LOCATION: ")).map(l -> l.replaceFirst(".*\\(file (\\w+)\\).*", "$1"))
                .findFirst().orElseThrow();
        String current = jdbc.sql("SELECT pg_walfile_name(pg_current_wal_lsn())").query(String.class).single();
        List<String> segments;
        try (Stream<Path> files = Files.list(copy.resolve("pg_wal"))) {
            segments = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\p{XDigit}{24}")).sorted()
                    .toList();
        }
        assertThat(segments).as("the log copied").isNotEmpty().startsWith(first)
                .allSatisfy(segment -> assertThat(segment).isBetween(first, current));

        // restored as the README says: the copy put in place of a data directory (here a copy of it, to keep it whole)
        Path restored = Files.createTempDirectory("fengqiao-test-restored-");
        copyTree(copy, restored);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(restored).setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60)).start();
                Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT pg_is_in_recovery()::text")).isEqualTo("false");
            assertThat(Long.parseLong(single(s, "SELECT count(*) FROM person"))).isEqualTo(persons);
            assertThat(Long.parseLong(single(s, "SELECT max(seq) FROM audit_entry"))).isGreaterThanOrEqualTo(lastAudit);
            // the copy holds the row of the run that took it, as it stood while copied; started on the copy, the
            // platform finds that run done (PostgreSQL kept the copy's label), not cut off
            assertThat(single(s, "SELECT outcome FROM backup_run WHERE name = '" + name + "'")).isEqualTo("RUNNING");
            assertThat(Backups.restoredFrom(restored)).isEqualTo(name);
            s.execute("INSERT INTO backup_run (id, started_at, name, outcome, actor) "
                    + "VALUES (gen_random_uuid(), now(), 'fengqiao-20200101-030000', 'RUNNING', 'nightly')");
            Backups.endInterruptedRuns(JdbcClient.create(pg.getPostgresDatabase()), Backups.restoredFrom(restored),
                    backups.directory());
            assertThat(single(s, "SELECT outcome FROM backup_run WHERE name = '" + name + "'")).isEqualTo("DONE");
            // finished when the copy was taken, which is what the restored database holds, not when it was restored
            java.time.Instant finished = java.time.Instant.parse(single(s, "SELECT to_char(finished_at AT TIME ZONE "
                    + "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM backup_run WHERE name = '" + name + "'"));
            assertThat(finished).isBefore(answered);
            // and its size recorded as the run would have recorded it, so the list shows it and not "not recorded"
            assertThat(single(s, "SELECT bytes FROM backup_run WHERE name = '" + name + "'"))
                    .isEqualTo(String.valueOf(Backups.size(copy)));
            assertThat(single(s, "SELECT outcome || ' ' || error FROM backup_run WHERE actor = 'nightly'"))
                    .as("a run a stop cut off").isEqualTo("FAILED backup.interrupted");
        } finally {
            delete(restored);
        }

        var listed = ApiClient.json(api.get("/api/v1/backups", admin));
        assertThat(listed.get("backups").get(0).get("name").asText()).isEqualTo(name);
        assertThat(listed.get("runs").get(0).get("outcome").asText()).isEqualTo("DONE");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'backup' AND record_id = ?")
                .param(name).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyTheSystemAdministratorTakesOrSeesCopies() {
        for (String user : List.of("bureau", "chief", "officer", "security", "auditor")) {
            String token = api.token(user, DEMO_PASSWORD);
            assertThat(api.send("POST", "/api/v1/backups", token, null).statusCode()).as(user).isEqualTo(403);
            assertThat(api.get("/api/v1/backups", token).statusCode()).as(user).isEqualTo(403);
        }
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN");
        assertThat(chief.get("/backups", null).statusCode()).isEqualTo(403);
        assertThat(chief.get("/", null).body()).doesNotContain("href=\"/backups\"").doesNotContain("tile-backups");
        assertThat(Files.exists(backups.directory())).isFalse();
    }

    @Test
    void theOldestCopiesBeyondTheNumberKeptAreRemoved() throws IOException {
        Files.createDirectories(backups.directory());
        for (int day = 1; day <= backups.keep(); day++) {
            copyTakenEarlier(String.format("fengqiao-202001%02d-030000", day));
        }

        String name = ApiClient.json(api.send("POST", "/api/v1/backups", admin, null)).get("name").asText();

        List<String> kept = backups.list().stream().map(Backups.Backup::name).toList();
        assertThat(kept).hasSize(backups.keep()).startsWith(name).doesNotContain("fengqiao-20200101-030000")
                .contains("fengqiao-20200102-030000");
    }

    @Test
    void foldersThePlatformDidNotWriteAreNeitherCopiesNorRemoved() throws IOException {
        // put there by hand under a copy's name: empty, a data directory copied while stopped, a copy of another copy
        Path empty = Files.createDirectories(backups.directory().resolve("fengqiao-20190101-030000"));
        Path stopped = Files.createDirectories(backups.directory().resolve("fengqiao-20190102-030000"));
        Files.writeString(stopped.resolve("PG_VERSION"), "17");
        Path copied = Files.createDirectories(backups.directory().resolve("fengqiao-20190103-030000"));
        Files.writeString(copied.resolve("backup_label"), "LABEL: fengqiao-20200101-030000\n");
        for (int day = 1; day <= backups.keep(); day++) {
            copyTakenEarlier(String.format("fengqiao-202001%02d-030000", day));
        }
        assertThat(backups.list()).extracting(Backups.Backup::name).hasSize(backups.keep())
                .doesNotContain(empty.getFileName().toString(), stopped.getFileName().toString(),
                        copied.getFileName().toString());

        String name = ApiClient.json(api.send("POST", "/api/v1/backups", admin, null)).get("name").asText();

        // the platform's own copies are kept to the number; the hand-made folders neither count nor go
        assertThat(backups.list()).extracting(Backups.Backup::name).hasSize(backups.keep()).startsWith(name)
                .doesNotContain("fengqiao-20200101-030000");
        assertThat(empty).isDirectory();
        assertThat(stopped.resolve("PG_VERSION")).hasContent("17");
        assertThat(copied.resolve("backup_label")).exists();
        var listed = ApiClient.json(api.get("/api/v1/backups", admin)).get("backups");
        assertThat(listed.toString()).doesNotContain("fengqiao-2019");
    }

    @Test
    void aTargetInsideTheDataDirectoryIsAFailedRunThatSaysWhy() {
        Backups inside = new Backups(platform, new BackupProperties(DATA_DIR + "/backups", 7, "-"), dataSource, jdbc,
                events, transactions, java.time.Clock.systemUTC());

        assertThatThrownBy(() -> inside.take("admin")).isInstanceOf(org.fengqiao.platform.Conflict.class)
                .extracting(e -> ((org.fengqiao.platform.Conflict) e).key()).isEqualTo("backup.insideData");

        assertThat(Path.of(DATA_DIR, "backups")).doesNotExist();
        var run = ApiClient.json(api.get("/api/v1/backups", admin)).get("runs").get(0);
        assertThat(run.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(run.get("actor").asText()).isEqualTo("admin");
        assertThat(run.get("error").asText()).isEqualTo("backup.insideData");
        assertFailedRunShown("The backup directory " + Path.of(DATA_DIR, "backups").toAbsolutePath().normalize()
                + " is inside the data directory");
    }

    @Test
    void aCopyThatCannotBeWrittenIsAFailedRunOnThePageInTheReadersLanguage() throws IOException {
        // the backup directory's place taken by a file: nothing can be written there
        Files.createDirectories(backups.directory().getParent());
        Files.writeString(backups.directory(), "not a directory");
        try {
            var refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(ApiClient.json(refused).get("detail").asText()).startsWith("The backup failed: ");

            ApiClient page = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "en");
            var answer = page.form("/backups", Map.of("_csrf", page.csrfFrom("/backups")));
            assertThat(answer.statusCode()).isEqualTo(302);
            String html = page.get("/backups", null).body();
            assertThat(html).contains("The backup failed: ").contains("data-outcome=\"FAILED\"").contains(">Failed<");
            assertThat(html).doesNotContain("backup.failed");
            // and the administrator's start page says so at his next sign-in
            String home = page.get("/", null).body();
            assertThat(home).containsPattern("id=\"latest-backup\" class=\"failed\">Latest [-0-9: ]+ FAILED: see why<");
        } finally {
            Files.deleteIfExists(backups.directory());
        }
    }

    @Test
    void aFileWhereTheBackupDirectoryShouldBeIsNamedWithWhatToDoInEitherLanguage() throws IOException {
        Path dir = backups.directory();
        Files.createDirectories(dir.getParent());
        Files.writeString(dir, "not a directory");
        try {
            var refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(ApiClient.json(refused).get("detail").asText()).isEqualTo("The backup failed: the backup "
                    + "directory " + dir + " cannot be made, as " + dir + " is a file, not a directory. Move that file "
                    + "away, or point FENGQIAO_BACKUP_DIR elsewhere.");
            assertFailedRunShown("cannot be made, as " + dir + " is a file, not a directory");
            String zh = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "zh-CN").get("/backups", null).body();
            assertThat(zh).contains("备份失败：备份目录 " + dir + " 无法建立，因为 " + dir + " 是文件而不是目录");
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void aDiskThatFillsUpDuringTheCopySaysSoAndLeavesNothingHalfWritten() throws Exception {
        // as the JDK reports a copy that ran out of room: the file copied, where to, and the system's words in English;
        // at the first file, as a fuller disk would (the rest of the data directory need not be copied to see it)
        backups.steps = (step, path) -> {
            if (step.equals("copying")) {
                throw new java.nio.file.FileSystemException(Path.of(DATA_DIR, "base", "5", "16384").toString(),
                        path.resolve("base/5/16384").toString(), "No space left on device");
            }
        };

        var refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ApiClient.json(refused).get("detail").asText()).startsWith("The backup failed: the disk of the "
                + "backup directory " + backups.directory() + " is full; the copy was not finished");
        assertThat(backups.directory().toFile().list()).as("no half-written copy left").isEmpty();
        assertFailedRunShown("is full; the copy was not finished and what was written of it is removed");
        String zh = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "zh-CN").get("/backups", null).body();
        assertThat(zh).contains("备份失败：备份目录 " + backups.directory() + " 所在磁盘已写满").doesNotContain("No space left");
    }

    @Test
    void aBackupDirectoryThePlatformMayNotWriteToSaysSoNotJustAPath() {
        // what the JDK throws when the platform's user may not create the copy's folder (not reproducible as root)
        backups.steps = (step, path) -> {
            if (step.equals("copying")) {
                throw new java.nio.file.AccessDeniedException(path.toString());
            }
        };

        var refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ApiClient.json(refused).get("detail").asText()).isEqualTo("The backup failed: the platform's system "
                + "user may not write to the backup directory " + backups.directory() + ". Give that user write access, "
                + "or point FENGQIAO_BACKUP_DIR at a place it can write to.");
        assertFailedRunShown("may not write to the backup directory " + backups.directory());
    }

    @Test
    void aFailureInTheMiddleOfACopyEndsTheBackupLeavesNothingHalfWrittenAndIsAFailedRun() throws Exception {
        // anything going wrong while the data directory is being copied, not only the disk or the database: some
        // files into the copy
        java.util.concurrent.atomic.AtomicInteger files = new java.util.concurrent.atomic.AtomicInteger();
        backups.steps = (step, path) -> {
            if (step.equals("copying") && files.incrementAndGet() == 50) {
                throw new IllegalStateException("the copy broke off");
            }
        };

        var refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(ApiClient.json(refused).get("detail").asText()).isEqualTo("The backup failed: the copy broke off");
        assertThat(backups.directory().toFile().list()).as("no half-written copy left").isEmpty();
        // the server no longer holds the backup or its slot
        assertThat(eventually(() -> jdbc.sql("SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'fengqiao_backup_%'")
                .query(Long.class).single())).isZero();
        assertThat(eventually(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
                + "AND query LIKE '%pg_backup_start%'").query(Long.class).single())).isZero();
        assertFailedRunShown("The backup failed: the copy broke off");

        backups.steps = (step, path) -> {
        };
        assertNextCopyIsTaken();
    }

    @Test
    void aRunThatCannotBeRecordedDoneKeepsNoCopyAndSaysWhy() throws Exception {
        jdbc.sql("""
                CREATE FUNCTION test_refuse_backup_run() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'backup_run refused in test'; END $$""").update();
        jdbc.sql("CREATE TRIGGER test_refuse_done BEFORE UPDATE ON backup_run FOR EACH ROW WHEN (NEW.outcome = 'DONE') "
                + "EXECUTE FUNCTION test_refuse_backup_run()").update();
        try {
            var refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(ApiClient.json(refused).get("detail").asText())
                    .isEqualTo("The backup failed: ERROR: backup_run refused in test");
            assertThat(backups.directory().toFile().list()).as("no copy that no run calls done").isEmpty();
            assertFailedRunShown("The backup failed: ERROR: backup_run refused in test");

            // even the failure cannot be recorded: still refused with its reason, nothing left on disk
            jdbc.sql("DROP TRIGGER test_refuse_done ON backup_run").update();
            jdbc.sql("CREATE TRIGGER test_refuse_done BEFORE UPDATE ON backup_run FOR EACH ROW "
                    + "EXECUTE FUNCTION test_refuse_backup_run()").update();
            refused = api.send("POST", "/api/v1/backups", admin, null, "Accept-Language", "en");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(ApiClient.json(refused).get("detail").asText())
                    .isEqualTo("The backup failed: ERROR: backup_run refused in test");
            assertThat(backups.directory().toFile().list()).isEmpty();
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_refuse_done ON backup_run").update();
            jdbc.sql("DROP FUNCTION IF EXISTS test_refuse_backup_run()").update();
            // the run that could not be recorded ends as the next start would end it
            Backups.endInterruptedRuns(jdbc, null, backups.directory());
        }
        assertNextCopyIsTaken();
    }

    @Test
    void theSizeShownIsTheOneRecordedAndACopyGoneFromDiskIsNotShown() throws IOException {
        var taken = ApiClient.json(api.send("POST", "/api/v1/backups", admin, null));
        String name = taken.get("name").asText();
        assertThat(jdbc.sql("SELECT bytes FROM backup_run WHERE name = ?").param(name).query(Long.class).single())
                .isEqualTo(taken.get("bytes").asLong());
        // a recorded size unlike the files': the list reads the record, it does not walk the copy
        long recorded = (5L << 20) + 1;
        jdbc.sql("UPDATE backup_run SET bytes = ? WHERE name = ?").params(recorded, name).update();

        var listed = ApiClient.json(api.get("/api/v1/backups", admin));
        assertThat(listed.get("backups").get(0).get("name").asText()).isEqualTo(name);
        assertThat(listed.get("backups").get(0).get("bytes").asLong()).isEqualTo(recorded);
        ApiClient page = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "en");
        assertThat(page.get("/backups", null).body()).contains("id=\"backup-copies\"").contains(">6 MB<");

        // removed by hand: no longer among the copies, its run still done
        delete(backups.directory().resolve(name));
        listed = ApiClient.json(api.get("/api/v1/backups", admin));
        assertThat(listed.get("backups")).isEmpty();
        assertThat(listed.get("runs").get(0).get("outcome").asText()).isEqualTo("DONE");
        assertThat(page.get("/backups", null).body()).doesNotContain("id=\"backup-copies\"").contains("No backups yet.");
    }

    @Test
    void theCopyJustTakenIsKeptThoughOlderOnesBearLaterNames() throws IOException {
        // copies named by a clock that was once ahead
        for (int day = 1; day <= backups.keep(); day++) {
            Path copy = Files.createDirectories(backups.directory().resolve(String.format("fengqiao-209901%02d-030000", day)));
            Files.writeString(copy.resolve("backup_label"), "LABEL: " + copy.getFileName());
        }

        var taken = api.send("POST", "/api/v1/backups", admin, null);

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        String name = ApiClient.json(taken).get("name").asText();
        assertThat(backups.directory().resolve(name).resolve("backup_label")).exists();
        assertThat(backups.list()).extracting(Backups.Backup::name).contains(name);
    }

    @Test
    void aCopyWhoseRemovalStopsHalfWayDoesNotShowAsWhole() throws IOException {
        for (int day = 1; day <= backups.keep(); day++) {
            Path copy = Files.createDirectories(backups.directory().resolve(String.format("fengqiao-202001%02d-030000", day)));
            Files.writeString(copy.resolve("backup_label"), "LABEL: " + copy.getFileName());
            Files.createDirectories(copy.resolve("base"));
            Files.writeString(copy.resolve("base/1"), "table");
        }
        backups.steps = (step, path) -> {
            if (step.equals("deleted") && path.toString().contains("fengqiao-20200101-030000")) {
                throw new IOException("the disk went away");
            }
        };

        String name = ApiClient.json(api.send("POST", "/api/v1/backups", admin, null)).get("name").asText();

        List<String> kept = backups.list().stream().map(Backups.Backup::name).toList();
        assertThat(kept).hasSize(backups.keep()).startsWith(name).doesNotContain("fengqiao-20200101-030000");
        // what is left of it is removed with the next copy
        backups.steps = (step, path) -> {
        };
        String next = assertNextCopyIsTaken();
        assertThat(backups.directory().toFile().list()).noneMatch(n -> n.startsWith(".")).contains(next);
    }

    /**
     * After a restore the database holds the runs up to the copy it came from; the copies taken after it lie on disk,
     * restorable, and the engineer looking for the latest one he can go back to must find them among the runs too,
     * not a runs list that ends at the restored copy.
     */
    @Test
    void copiesOnDiskThatThisDatabaseDidNotTakeAreAmongTheRunsAfterARestore() throws Exception {
        String restored = ApiClient.json(api.send("POST", "/api/v1/backups", admin, null)).get("name").asText();
        // taken by the database before it was restored: on disk, its run unknown here
        String later = "fengqiao-20991231-030000";
        copyTakenEarlier(later);
        Files.createDirectories(backups.directory().resolve(later).resolve("base"));
        Files.writeString(backups.directory().resolve(later).resolve("base/1"), "x".repeat(3000));
        java.time.Instant labelled = java.time.Instant.parse("2099-12-30T19:05:00Z");
        Files.setLastModifiedTime(backups.directory().resolve(later).resolve("backup_label"),
                java.nio.file.attribute.FileTime.from(labelled));
        // a folder named like a copy without its label was not written by the platform: no run of it
        Files.createDirectories(backups.directory().resolve("fengqiao-20991230-030000"));

        try {
            copiesAfterARestoreAreListed(restored, later, labelled);
        } finally {
            // dated 2099: left in the suite's database, it would stand first among the runs of every test after this
            jdbc.sql("DELETE FROM backup_run WHERE name = ?").param(later).update();
        }
    }

    private void copiesAfterARestoreAreListed(String restored, String later, java.time.Instant labelled) {
        backups.endInterruptedRuns();
        backups.endInterruptedRuns();

        var runs = ApiClient.json(api.get("/api/v1/backups", admin, "Accept-Language", "en")).get("runs");
        assertThat(runs.get(0).get("name").asText()).isEqualTo(later);
        assertThat(runs.get(0).get("outcome").asText()).isEqualTo("DONE");
        assertThat(runs.get(0).hasNonNull("actor")).as("who took it is not known here").isFalse();
        assertThat(runs.get(0).get("bytes").asLong()).isEqualTo(Backups.size(backups.directory().resolve(later)));
        assertThat(java.time.Instant.parse(runs.get(0).get("startedAt").asText()))
                .isEqualTo(java.time.Instant.parse("2099-12-30T19:00:00Z"));
        assertThat(java.time.Instant.parse(runs.get(0).get("finishedAt").asText())).isEqualTo(labelled);
        assertThat(runs.get(1).get("name").asText()).isEqualTo(restored);
        assertThat(jdbc.sql("SELECT count(*) FROM backup_run WHERE name = ?").param(later).query(Long.class).single())
                .as("recorded once, however often the platform starts").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM backup_run WHERE name = 'fengqiao-20991230-030000'")
                .query(Long.class).single()).isZero();

        String html = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "en").get("/backups", null).body();
        assertThat(html).contains(later).contains("Not recorded (a backup on disk before the restore)");
    }

    /**
     * A run in the list says when it ended, how long it took and how large its copy is: a nightly copy that takes ten
     * times as long as the night before, or one twice the size, is seen before it fails. A failed run says why in
     * words on the API too, not only as a message key.
     */
    @Test
    void eachRunSaysWhenItEndedHowLongItTookAndItsSizeAndAFailedOneWhyInWords() {
        var taken = ApiClient.json(api.send("POST", "/api/v1/backups", admin, null));
        long megabytes = Backups.megabytes(taken.get("bytes").asLong());

        ApiClient page = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "en");
        var row = org.jsoup.Jsoup.parse(page.get("/backups", null).body()).selectFirst("#backup-runs tbody tr");
        assertThat(row.attr("data-outcome")).isEqualTo("DONE");
        assertThat(row.selectFirst("td[data-label=Finished]").text()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(row.selectFirst("td[data-label=Took]").text()).matches("\\d+ s|\\d+ min \\d+ s");
        assertThat(row.selectFirst("td[data-label=Size]").text()).isEqualTo(megabytes + " MB");
        var zh = org.jsoup.Jsoup.parse(new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "zh-CN").get("/backups", null)
                .body()).selectFirst("#backup-runs tbody tr");
        assertThat(zh.selectFirst("td[data-label=用时]").text()).matches("\\d+ 秒|\\d+ 分 \\d+ 秒");
        var run = ApiClient.json(api.get("/api/v1/backups", admin)).get("runs").get(0);
        assertThat(run.get("seconds").asLong()).isNotNegative();

        Backups inside = new Backups(platform, new BackupProperties(DATA_DIR + "/backups", 7, "-"), dataSource, jdbc,
                events, transactions, java.time.Clock.systemUTC());
        assertThatThrownBy(() -> inside.take("admin")).isInstanceOf(org.fengqiao.platform.Conflict.class);
        var failed = ApiClient.json(api.get("/api/v1/backups", admin, "Accept-Language", "en")).get("runs").get(0);
        assertThat(failed.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.get("reason").asText()).isEqualTo("The backup directory "
                + Path.of(DATA_DIR, "backups").toAbsolutePath().normalize() + " is inside the data directory: set "
                + "FENGQIAO_BACKUP_DIR to a place outside it.");
        var failedZh = ApiClient.json(api.get("/api/v1/backups", admin, "Accept-Language", "zh-CN")).get("runs").get(0);
        assertThat(failedZh.get("reason").asText()).startsWith("备份目录 ");
        row = org.jsoup.Jsoup.parse(page.get("/backups", null).body()).selectFirst("#backup-runs tbody tr");
        assertThat(row.selectFirst("td[data-label=Size]").text()).as("a failed run made no copy").isEmpty();
    }

    /** A copy as a run before this one left it: its directory with the label PostgreSQL gave it. */
    private void copyTakenEarlier(String name) throws IOException {
        Path copy = Files.createDirectories(backups.directory().resolve(name));
        Files.writeString(copy.resolve("backup_label"), "START WAL LOCATION: 0/2000028\nLABEL: " + name + "\n");
    }

    private void assertFailedRunShown(String reason) {
        ApiClient page = new ApiClient(port).signedIn("admin", DEMO_PASSWORD, "en");
        String html = page.get("/backups", null).body();
        assertThat(html).contains(reason).contains("data-outcome=\"FAILED\"").doesNotContain("data-outcome=\"RUNNING\"");
        var run = ApiClient.json(api.get("/api/v1/backups", admin)).get("runs").get(0);
        assertThat(run.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(run.hasNonNull("name")).as("a failed run names no copy").isFalse();
    }

    private String assertNextCopyIsTaken() {
        var taken = api.send("POST", "/api/v1/backups", admin, null);
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        String name = ApiClient.json(taken).get("name").asText();
        assertThat(backups.directory().resolve(name).resolve("backup_label")).exists();
        assertThat(backups.directory().toFile().list()).as("no half-written copy left").noneMatch(n -> n.startsWith("."));
        return name;
    }

    /** A count the server brings to zero shortly after (a closed session's backend ends on its own). */
    private static long eventually(java.util.function.LongSupplier count) {
        return org.fengqiao.support.Eventually.await(() -> count.getAsLong() == 0 ? 0L : null, "a count of zero");
    }

    private static String single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
