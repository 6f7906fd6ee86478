-- An import runs in the process that took its upload. If that process stops (a crash, a kill, a
-- redeploy), the job would stay QUEUED or RUNNING for ever and its progress bar with it. Each process
-- now beats for its own unfinished jobs; a job whose process has not beaten for a while is failed with a
-- message in its submitter's language (locale), so he knows to import the file again (rows already
-- imported are recognised by their identity numbers and not duplicated).
ALTER TABLE import_job ADD COLUMN locale text;
ALTER TABLE import_job ADD COLUMN instance_id text;
ALTER TABLE import_job ADD COLUMN heartbeat_at timestamptz;
UPDATE import_job SET heartbeat_at = coalesce(finished_at, created_at);
ALTER TABLE import_job ALTER COLUMN heartbeat_at SET NOT NULL;
ALTER TABLE import_job ALTER COLUMN heartbeat_at SET DEFAULT now();
CREATE INDEX import_job_unfinished ON import_job (heartbeat_at) WHERE status IN ('QUEUED', 'RUNNING');
