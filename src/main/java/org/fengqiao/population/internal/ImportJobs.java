package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Import jobs of every kind (persons, utility readings) and their progress and error files. A job is seen
 * by its creator and by callers whose scope holds the creator's unit; for anyone else, and asked for as
 * another kind, it does not exist.
 */
@Repository
public class ImportJobs {

    public enum Kind { PERSONS, UTILITY_READINGS }

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    /**
     * {@code tasksOpened}: the verification tasks a readings import opened (a dry run: would open); 0 for persons.
     * {@code householdsPlaced}: the new households a persons import placed in the room their address names (a dry
     * run: would place); 0 for readings. {@code roomsNotFound}: the new households whose address names a room no
     * registered building of their grid has (or more than one room may be), left at their address alone.
     * {@code createdBy} is the submitter's username, {@code createdByName} his name as pages show staff (his username
     * should his account be gone).
     */
    public record Job(UUID id, String kind, String fileName, String fileSha256, boolean dryRun, Status status,
            long totalRows, long processedRows, long createdRows, long updatedRows, long unchangedRows, long failedRows,
            long tasksOpened, long householdsPlaced, long roomsNotFound, String message, boolean hasErrorFile,
            String errorFileName,
            String createdBy,
            String createdByName, Instant createdAt, Instant finishedAt, String unitPath) {

        public boolean finished() {
            return status == Status.DONE || status == Status.FAILED;
        }

        /**
         * This job with its rejected rows' file named {@code name}: the name the reader saves it under, in his
         * language, where the stored one is the uploaded file's with "-errors" after it.
         */
        public Job withErrorFileName(String name) {
            return new Job(id, kind, fileName, fileSha256, dryRun, status, totalRows, processedRows, createdRows,
                    updatedRows, unchangedRows, failedRows, tasksOpened, householdsPlaced, roomsNotFound, message,
                    hasErrorFile, name, createdBy, createdByName, createdAt, finishedAt, unitPath);
        }
    }

    public record Counts(long total, long processed, long created, long updated, long unchanged, long failed,
            long tasksOpened, long householdsPlaced, long roomsNotFound) {

        /** The counts of an import that places no household in a room. */
        public Counts(long total, long processed, long created, long updated, long unchanged, long failed,
                long tasksOpened) {
            this(total, processed, created, updated, unchanged, failed, tasksOpened, 0, 0);
        }

        /** The counts of an import that opens no tasks. */
        public Counts(long total, long processed, long created, long updated, long unchanged, long failed) {
            this(total, processed, created, updated, unchanged, failed, 0);
        }
    }

    private static final String COLUMNS = """
            SELECT id, kind, file_name, file_sha256, dry_run, status, total_rows, processed_rows, created_rows,
                   updated_rows, unchanged_rows, failed_rows, tasks_opened, households_placed, rooms_not_found, message,
                   error_file IS NOT NULL AS has_errors,
                   error_file_name, created_by_name,
                   coalesce((SELECT s.name FROM staff s WHERE s.id = import_job.created_by), created_by_name) AS staff_name,
                   created_at, finished_at, unit_path
            FROM import_job""";
    private static final String VISIBLE = " WHERE id = ? AND kind = ? AND (created_by = ? OR unit_path LIKE ANY(?))";

    /** This process among the instances sharing the database: the one that runs the jobs it queued. */
    static final String INSTANCE = UUID.randomUUID().toString();

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, Kind kind, String fileName, String sha256, boolean dryRun, Caller caller, Locale locale) {
        jdbc.sql("""
                INSERT INTO import_job (id, kind, file_name, file_sha256, dry_run, status, created_by, created_by_name, unit_path,
                                        locale, instance_id, heartbeat_at)
                VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, now())""")
                .params(id, kind.name(), fileName, sha256, dryRun, caller.staffId(), caller.username(), unitPath(caller),
                        locale == null ? null : locale.toLanguageTag(), INSTANCE)
                .update();
    }

    /** This process still runs its unfinished jobs: their heartbeat is now. */
    int beat() {
        return jdbc.sql("UPDATE import_job SET heartbeat_at = now() WHERE instance_id = ? AND status IN ('QUEUED', 'RUNNING')")
                .param(INSTANCE).update();
    }

    /** An unfinished job whose process has not beaten since {@code silence} ago, with its submitter's language. */
    record Abandoned(UUID id, Kind kind, Locale locale, String unitPath, String createdBy, Counts counts) {
    }

    /**
     * Fails the unfinished jobs whose process stopped beating more than {@code silenceSeconds} ago, each with the
     * message {@code message} gives in its submitter's language; answers them. Rows another instance is failing
     * at the same moment are skipped, so each is failed once.
     */
    List<Abandoned> failAbandoned(long silenceSeconds, java.util.function.Function<Locale, String> message) {
        List<Abandoned> abandoned = jdbc.sql("""
                SELECT id, kind, locale, unit_path, created_by_name, total_rows, processed_rows, created_rows, updated_rows,
                       unchanged_rows, failed_rows, tasks_opened, households_placed, rooms_not_found
                FROM import_job
                WHERE status IN ('QUEUED', 'RUNNING') AND heartbeat_at < now() - make_interval(secs => ?)
                FOR UPDATE SKIP LOCKED""")
                .param(silenceSeconds)
                .query((rs, n) -> new Abandoned(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")),
                        rs.getString("locale") == null ? Locale.SIMPLIFIED_CHINESE : Locale.forLanguageTag(rs.getString("locale")),
                        rs.getString("unit_path"), rs.getString("created_by_name"),
                        new Counts(rs.getLong("total_rows"), rs.getLong("processed_rows"), rs.getLong("created_rows"),
                                rs.getLong("updated_rows"), rs.getLong("unchanged_rows"), rs.getLong("failed_rows"),
                                rs.getLong("tasks_opened"), rs.getLong("households_placed"),
                                rs.getLong("rooms_not_found"))))
                .list();
        for (Abandoned a : abandoned) {
            jdbc.sql("UPDATE import_job SET status = 'FAILED', message = ?, finished_at = now() WHERE id = ?")
                    .params(message.apply(a.locale()), a.id()).update();
        }
        return abandoned;
    }

    /** The unit a job belongs to: the creator's first unit. */
    static String unitPath(Caller caller) {
        return caller.unitPaths().isEmpty() ? "" : caller.unitPaths().get(0);
    }

    /** The job starts; {@code expectedRows} is what the file appears to hold, so progress has a denominator at once. */
    void running(UUID id, long expectedRows) {
        jdbc.sql("UPDATE import_job SET status = 'RUNNING', total_rows = ?, heartbeat_at = now() WHERE id = ?")
                .params(expectedRows, id).update();
    }

    /**
     * The counts so far, committed without waiting for the disk: a running import writes its batches the same way, so
     * an ordinary commit here waited for their whole log to be flushed (35 ms, twice a second, on a writer thread).
     * A crash may lose the last counts, which nobody needs: the job shows FAILED then ({@link ImportJobWatch}), and
     * its end ({@link #finish}) is an ordinary commit that flushes everything before it. Called outside any
     * transaction only: inside one, the setting would make that whole transaction's commit asynchronous.
     */
    void progress(UUID id, Counts c) {
        jdbc.sql("""
                WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
                UPDATE import_job SET total_rows = ?, processed_rows = ?, created_rows = ?, updated_rows = ?,
                    unchanged_rows = ?, failed_rows = ?, tasks_opened = ?, households_placed = ?, rooms_not_found = ?,
                    heartbeat_at = now()
                FROM async WHERE id = ?""")
                .params(c.total(), c.processed(), c.created(), c.updated(), c.unchanged(), c.failed(), c.tasksOpened(),
                        c.householdsPlaced(), c.roomsNotFound(), id)
                .update();
    }

    /** The job's end, with its last counts: an ordinary commit, so a job shown finished has everything on disk. */
    /** A running job's counts with a word on what it is doing now (its page shows the message). */
    void note(UUID id, Counts c, String message) {
        jdbc.sql("""
                UPDATE import_job SET total_rows = ?, processed_rows = ?, created_rows = ?, updated_rows = ?,
                    unchanged_rows = ?, failed_rows = ?, tasks_opened = ?, households_placed = ?, rooms_not_found = ?,
                    message = ?,
                    heartbeat_at = now()
                WHERE id = ? AND status = 'RUNNING'""")
                .params(c.total(), c.processed(), c.created(), c.updated(), c.unchanged(), c.failed(), c.tasksOpened(),
                        c.householdsPlaced(), c.roomsNotFound(),
                        message, id).update();
    }

    void finish(UUID id, Status status, Counts c, String message, byte[] errorFile, String errorFileName) {
        jdbc.sql("""
                UPDATE import_job SET total_rows = ?, processed_rows = ?, created_rows = ?, updated_rows = ?,
                    unchanged_rows = ?, failed_rows = ?, tasks_opened = ?, households_placed = ?, rooms_not_found = ?,
                    heartbeat_at = now(),
                    status = ?, message = ?, error_file = ?, error_file_name = ?, finished_at = now()
                WHERE id = ?""")
                .params(c.total(), c.processed(), c.created(), c.updated(), c.unchanged(), c.failed(), c.tasksOpened(),
                        c.householdsPlaced(), c.roomsNotFound(),
                        status.name(), message, errorFile, errorFileName, id).update();
    }

    public Optional<Job> findVisible(Kind kind, UUID id, Caller caller) {
        return jdbc.sql(COLUMNS + VISIBLE).params(id, kind.name(), caller.staffId(), caller.scopePatterns())
                .query(ImportJobs::map).optional();
    }

    public Optional<byte[]> errorFile(Kind kind, UUID id, Caller caller) {
        return jdbc.sql("SELECT error_file FROM import_job" + VISIBLE)
                .params(id, kind.name(), caller.staffId(), caller.scopePatterns())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).optional().flatMap(o -> o);
    }

    /** The newest jobs of a kind the caller may see: his own and those started inside his jurisdiction. */
    public List<Job> recent(Kind kind, Caller caller, int limit) {
        return jdbc.sql(COLUMNS + " WHERE kind = ? AND (created_by = ? OR unit_path LIKE ANY(?)) ORDER BY created_at DESC LIMIT ?")
                .params(kind.name(), caller.staffId(), caller.scopePatterns(), limit).query(ImportJobs::map).list();
    }

    static Job map(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Job(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("file_name"),
                rs.getString("file_sha256"), rs.getBoolean("dry_run"), Status.valueOf(rs.getString("status")),
                rs.getLong("total_rows"), rs.getLong("processed_rows"), rs.getLong("created_rows"),
                rs.getLong("updated_rows"), rs.getLong("unchanged_rows"), rs.getLong("failed_rows"),
                rs.getLong("tasks_opened"), rs.getLong("households_placed"), rs.getLong("rooms_not_found"),
                rs.getString("message"),
                rs.getBoolean("has_errors"),
                rs.getString("error_file_name"), rs.getString("created_by_name"), rs.getString("staff_name"),
                rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getString("unit_path"));
    }
}
