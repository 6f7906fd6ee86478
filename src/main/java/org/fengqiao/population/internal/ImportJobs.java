package org.fengqiao.population.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Import jobs and their progress. A job is seen by its creator and by callers whose scope holds the
 * creator's unit; for anyone else it does not exist.
 */
@Repository
public class ImportJobs {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public record Job(UUID id, String kind, String fileName, String fileSha256, boolean dryRun, Status status,
            long totalRows, long processedRows, long createdRows, long updatedRows, long unchangedRows, long failedRows,
            String message, boolean hasErrorFile, String errorFileName, String createdBy, Instant createdAt,
            Instant finishedAt, String unitPath) {
    }

    public record Counts(long total, long processed, long created, long updated, long unchanged, long failed) {
    }

    private static final String COLUMNS = """
            SELECT id, kind, file_name, file_sha256, dry_run, status, total_rows, processed_rows, created_rows,
                   updated_rows, unchanged_rows, failed_rows, message, error_file IS NOT NULL AS has_errors,
                   error_file_name, created_by_name, created_at, finished_at, unit_path
            FROM import_job""";
    private static final String VISIBLE = " WHERE id = ? AND (created_by = ? OR unit_path LIKE ANY(?))";

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, String fileName, String sha256, boolean dryRun, Caller caller) {
        jdbc.sql("""
                INSERT INTO import_job (id, kind, file_name, file_sha256, dry_run, status, created_by, created_by_name, unit_path)
                VALUES (?, 'PERSONS', ?, ?, ?, 'QUEUED', ?, ?, ?)""")
                .params(id, fileName, sha256, dryRun, caller.staffId(), caller.username(),
                        caller.unitPaths().isEmpty() ? "" : caller.unitPaths().get(0))
                .update();
    }

    /** The job starts; {@code expectedRows} is what the file appears to hold, so progress has a denominator at once. */
    void running(UUID id, long expectedRows) {
        jdbc.sql("UPDATE import_job SET status = 'RUNNING', total_rows = ? WHERE id = ?").params(expectedRows, id).update();
    }

    void progress(UUID id, Counts c) {
        jdbc.sql("""
                UPDATE import_job SET total_rows = ?, processed_rows = ?, created_rows = ?, updated_rows = ?,
                    unchanged_rows = ?, failed_rows = ? WHERE id = ?""")
                .params(c.total(), c.processed(), c.created(), c.updated(), c.unchanged(), c.failed(), id).update();
    }

    void finish(UUID id, Status status, Counts c, String message, byte[] errorFile, String errorFileName) {
        progress(id, c);
        jdbc.sql("""
                UPDATE import_job SET status = ?, message = ?, error_file = ?, error_file_name = ?, finished_at = now()
                WHERE id = ?""")
                .params(status.name(), message, errorFile, errorFileName, id).update();
    }

    public Optional<Job> findVisible(UUID id, Caller caller) {
        return jdbc.sql(COLUMNS + VISIBLE).params(id, caller.staffId(), caller.scopePatterns())
                .query(ImportJobs::map).optional();
    }

    public Optional<byte[]> errorFile(UUID id, Caller caller) {
        return jdbc.sql("SELECT error_file FROM import_job" + VISIBLE).params(id, caller.staffId(), caller.scopePatterns())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).optional().flatMap(o -> o);
    }

    /** The newest jobs the caller may see: his own and those started inside his jurisdiction. */
    public List<Job> recent(Caller caller, int limit) {
        return jdbc.sql(COLUMNS + " WHERE created_by = ? OR unit_path LIKE ANY(?) ORDER BY created_at DESC LIMIT ?")
                .params(caller.staffId(), caller.scopePatterns(), limit).query(ImportJobs::map).list();
    }

    static Job map(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Job(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("file_name"),
                rs.getString("file_sha256"), rs.getBoolean("dry_run"), Status.valueOf(rs.getString("status")),
                rs.getLong("total_rows"), rs.getLong("processed_rows"), rs.getLong("created_rows"),
                rs.getLong("updated_rows"), rs.getLong("unchanged_rows"), rs.getLong("failed_rows"),
                rs.getString("message"), rs.getBoolean("has_errors"), rs.getString("error_file_name"),
                rs.getString("created_by_name"), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getString("unit_path"));
    }
}
