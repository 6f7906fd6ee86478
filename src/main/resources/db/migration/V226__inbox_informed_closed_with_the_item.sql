-- The grid chief's entries kept for his information (INCIDENT_INFORMED) are marked read once the item is closed
-- (answered, or merged into another report), in the closing step's transaction: they are found through this small
-- partial index rather than by reading the whole inbox on every answer.
CREATE INDEX inbox_entry_open_incident_informed ON inbox_entry (record_id)
    WHERE read_at IS NULL AND kind = 'INCIDENT_INFORMED';

-- The entries of items closed before: read at the moment the item was closed (its last closing step), as they would
-- have been, so the chiefs' unread counts say what is still open.
UPDATE inbox_entry e
SET read_at = coalesce((SELECT max(ev.at) FROM incident_event ev
                        WHERE ev.incident_id = i.id AND ev.kind IN ('ANSWERED', 'MERGED_INTO')),
                       i.answered_at, e.created_at)
FROM incident i
WHERE e.kind = 'INCIDENT_INFORMED' AND e.record_type = 'incident' AND e.read_at IS NULL
  AND i.id = e.record_id AND i.status IN ('ANSWERED', 'MERGED');
