-- A report merged as a duplicate before anyone acknowledged it, answered with the other report and reopened by its
-- reporter, went back to ACKNOWLEDGED with no acknowledgement: its pages said 已受理 (Taken up) with no moment and
-- offered no way to take it up. Such a report now waits to be taken up (IncidentDesk.reopen); those reopened so
-- before are put back to where they stand. Their deadline stays the one the reopening set.
UPDATE incident SET status = 'RECEIVED', updated_at = now(), version = version + 1
WHERE status = 'ACKNOWLEDGED' AND acknowledged_at IS NULL;
