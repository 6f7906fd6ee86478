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
 * Utility reading imports and their progress. A job is seen by its creator and by callers whose scope
 * holds the creator's unit; for anyone else it does not exist.
 */
@Repository
public class UtilityImportJobs {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public record Job(UUID id, String fileName, String fileSha256, boolean dryRun, Status status, long totalRows,
            long processedRows, long createdRows, long updatedRows, long unchangedRows, long failedRows,
            long tasksOpened, String message, boolean hasErrorFile, String errorFileName, String createdBy,
            Instant createdAt, Instant finishedAt) {

        public boolean finished() {
            return status == Status.DONE || status == Status.FAILED;
        }
    }

    public record Counts(long total, long processed, long created, long updated, long unchanged, long failed,
            long tasksOpened) {
    }

    private static final String COLUMNS = """
            SELECT id, file_name, file_sha256, dry_run, status, total_rows, processed_rows, created_rows, updated_rows,
                   unchanged_rows, failed_rows, tasks_opened, message, error_file IS NOT NULL AS has_errors,
                   error_file_name, created_by_name, created_at, finished_at
            FROM utility_import""";
    private static final String VISIBLE = " WHERE id = ? AND (created_by = ? OR unit_path LIKE ANY(?))";

    private final JdbcClient jdbc;

    UtilityImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(UUID id, String fileName, String sha256, boolean dryRun, Caller caller) {
        jdbc.sql("""
                INSERT INTO utility_import (id, file_name, file_sha256, dry_run, status, created_by, created_by_name, unit_path)
                VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?)""")
                .params(id, fileName, sha256, dryRun, caller.staffId(), caller.username(), unitPath(caller)).update();
    }

    static String unitPath(Caller caller) {
        return caller.unitPaths().isEmpty() ? "" : caller.unitPaths().get(0);
    }

    void running(UUID id) {
        jdbc.sql("UPDATE utility_import SET status = 'RUNNING' WHERE id = ?").param(id).update();
    }

    void progress(UUID id, Counts c) {
        jdbc.sql("""
                UPDATE utility_import SET total_rows = ?, processed_rows = ?, created_rows = ?, updated_rows = ?,
                    unchanged_rows = ?, failed_rows = ?, tasks_opened = ? WHERE id = ?""")
                .params(c.total(), c.processed(), c.created(), c.updated(), c.unchanged(), c.failed(), c.tasksOpened(), id)
                .update();
    }

    void finish(UUID id, Status status, Counts c, String message, byte[] errorFile, String errorFileName) {
        progress(id, c);
        jdbc.sql("""
                UPDATE utility_import SET status = ?, message = ?, error_file = ?, error_file_name = ?, finished_at = now()
                WHERE id = ?""")
                .params(status.name(), message, errorFile, errorFileName, id).update();
    }

    public Optional<Job> findVisible(UUID id, Caller caller) {
        return jdbc.sql(COLUMNS + VISIBLE).params(id, caller.staffId(), caller.scopePatterns())
                .query(UtilityImportJobs::map).optional();
    }

    public Optional<byte[]> errorFile(UUID id, Caller caller) {
        return jdbc.sql("SELECT error_file FROM utility_import" + VISIBLE).params(id, caller.staffId(), caller.scopePatterns())
                .query((rs, n) -> Optional.ofNullable(rs.getBytes(1))).optional().flatMap(o -> o);
    }

    public List<Job> recent(Caller caller, int limit) {
        return jdbc.sql(COLUMNS + " WHERE created_by = ? ORDER BY created_at DESC LIMIT ?")
                .params(caller.staffId(), limit).query(UtilityImportJobs::map).list();
    }

    static Job map(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Job(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("file_sha256"),
                rs.getBoolean("dry_run"), Status.valueOf(rs.getString("status")), rs.getLong("total_rows"),
                rs.getLong("processed_rows"), rs.getLong("created_rows"), rs.getLong("updated_rows"),
                rs.getLong("unchanged_rows"), rs.getLong("failed_rows"), rs.getLong("tasks_opened"),
                rs.getString("message"), rs.getBoolean("has_errors"), rs.getString("error_file_name"),
                rs.getString("created_by_name"), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant());
    }
}
