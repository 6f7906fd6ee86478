-- Idempotency compares bodies (ADR 6): the SHA-256 of the canonical submission filed under a key, so the
-- same key sent again with a different report is refused (422) instead of answering the first incident.
-- NULL for incidents filed before this column (and without a key): a repeat of those answers the first.
ALTER TABLE incident ADD COLUMN submission_hash bytea;
