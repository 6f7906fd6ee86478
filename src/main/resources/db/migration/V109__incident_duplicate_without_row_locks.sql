-- An offer no longer checks its two reports by foreign key. Each check locked the referenced report's row
-- (FOR KEY SHARE): a filing locked the five reports it was offered, the open reports most often offered were locked
-- by every filing near them, and each lock wrote to the table and its log. Filing 80 offers took 5 ms with the keys
-- and 1.1 ms without, on the intake bench's data. The rows are written in one place only (Duplicates.offer), in the
-- transaction that inserts the new report, for candidates read in it; reports are never deleted.
ALTER TABLE incident_duplicate DROP CONSTRAINT incident_duplicate_incident_id_fkey;
ALTER TABLE incident_duplicate DROP CONSTRAINT incident_duplicate_candidate_id_fkey;
