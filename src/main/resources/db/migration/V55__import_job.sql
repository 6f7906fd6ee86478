-- Import jobs: an upload is checked and written in the background; the job row carries its
-- progress so that any instance can answer how far it got, and the file of rejected rows.
-- unit_path is the creator's unit: another caller sees the job only inside that subtree.
CREATE TABLE import_job (
    id               uuid PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('PERSONS')),
    file_name        text NOT NULL,
    file_sha256      text NOT NULL,
    dry_run          boolean NOT NULL,
    status           text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    total_rows       bigint NOT NULL DEFAULT 0,
    processed_rows   bigint NOT NULL DEFAULT 0,
    created_rows     bigint NOT NULL DEFAULT 0,
    updated_rows     bigint NOT NULL DEFAULT 0,
    unchanged_rows   bigint NOT NULL DEFAULT 0,
    failed_rows      bigint NOT NULL DEFAULT 0,
    message          text,
    error_file       bytea,
    error_file_name  text,
    created_by       uuid REFERENCES staff (id),
    created_by_name  text NOT NULL,
    unit_path        text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
CREATE INDEX import_job_creator ON import_job (created_by, created_at DESC);
CREATE INDEX import_job_unit ON import_job (unit_path text_pattern_ops);
