-- Each attempt at a copy of the embedded database (backup module): when, by whom (a user name, or "nightly"), what
-- came of it and why not, so the system administrator sees a failed nightly copy on the backups page. The copies
-- themselves are directories beside the data directory, listed from there; a row outlives the copy it names. Why a run
-- failed is a message key of the backup bundle (error) with its arguments (error_args), shown in the reader's language.
CREATE TABLE backup_run (
    id          uuid PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    name        text,
    bytes       bigint,
    outcome     text NOT NULL CHECK (outcome IN ('RUNNING', 'DONE', 'FAILED')),
    error       text,
    error_args  text[] NOT NULL DEFAULT '{}',
    actor       text NOT NULL
);
CREATE INDEX backup_run_started ON backup_run (started_at DESC);
