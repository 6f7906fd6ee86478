-- A 110 dispute merged into another report as its duplicate ends its mediation case as DUPLICATE (并入重复报告), with a
-- closing note naming the primary report: mediators no longer work on a duplicate, and the case is neither a failure
-- nor a settlement (the ladder counts neither).
ALTER TABLE dispute_case DROP CONSTRAINT dispute_case_status_check;
ALTER TABLE dispute_case ADD CONSTRAINT dispute_case_status_check
    CHECK (status IN ('OPEN', 'AGREED', 'FAILED', 'REFERRED', 'DUPLICATE'));
