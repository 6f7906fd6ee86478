-- Reading imports keep their jobs in import_job, like person imports: one job store with one rule of who
-- sees a job (its creator, and callers whose scope holds the creator's unit), one error file column, one
-- progress. kind tells the imports apart; tasks_opened is what a readings import opened (or, in a dry run,
-- would open) and stays 0 for persons. The jobs already run move over with their ids, which
-- utility_reading.import_id names.
ALTER TABLE import_job DROP CONSTRAINT import_job_kind_check;
ALTER TABLE import_job ADD CONSTRAINT import_job_kind_check CHECK (kind IN ('PERSONS', 'UTILITY_READINGS'));
ALTER TABLE import_job ADD COLUMN tasks_opened bigint NOT NULL DEFAULT 0;

INSERT INTO import_job (id, kind, file_name, file_sha256, dry_run, status, total_rows, processed_rows, created_rows,
                        updated_rows, unchanged_rows, failed_rows, tasks_opened, message, error_file, error_file_name,
                        created_by, created_by_name, unit_path, created_at, finished_at)
SELECT id, 'UTILITY_READINGS', file_name, file_sha256, dry_run, status, total_rows, processed_rows, created_rows,
       updated_rows, unchanged_rows, failed_rows, tasks_opened, message, error_file, error_file_name,
       created_by, created_by_name, unit_path, created_at, finished_at
FROM utility_import;

DROP TABLE utility_import;

-- the lists ask for one kind's newest jobs of a creator
DROP INDEX import_job_creator;
CREATE INDEX import_job_creator ON import_job (created_by, kind, created_at DESC);
