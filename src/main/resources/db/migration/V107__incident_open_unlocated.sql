-- A located report is compared by address with the open reports of its grid that have no location only. Through
-- incident_open_grid that meant reading every open report of the grid and category in the window from the table to
-- find the few without a location: 56 rows a report in the intake bench, more than the duplicate check's box. This
-- index holds the unlocated ones alone; a located report is never in it, so filing one does not write to it.
CREATE INDEX incident_open_unlocated ON incident (grid_id, category, occurred_at)
    WHERE answered_at IS NULL AND status <> 'MERGED' AND lat IS NULL;
