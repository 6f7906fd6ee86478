-- A hard case sent back and reported again asks nothing more of its claimers: their sent-back entries are closed
-- (marked read) in the report's transaction, found through the partial index of open decisions, which now holds them.
DROP INDEX inbox_entry_open_decisions;
CREATE INDEX inbox_entry_open_decisions ON inbox_entry (record_id)
    WHERE kind IN ('HARD_CASE_REPORTED', 'HARD_CASE_SENT_BACK', 'POINTS_AWARD_PENDING') AND read_at IS NULL;
