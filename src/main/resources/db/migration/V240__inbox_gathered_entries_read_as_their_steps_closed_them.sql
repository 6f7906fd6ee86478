-- Until the fifty-fourth session an inbox entry gathered in a transaction (BeforeCommitWrites: a routed item's ask of
-- its owner, the grid chief's note for his information, a reopening's asks) was written at the commit, after the
-- statements of the same transaction that mark such entries read as the item is taken up, given to another or closed:
-- they missed it, and it stood unread for good (the demo files and handles its items in one transaction; its grid
-- manager was asked to handle items answered long before). The code now writes them first (Inbox.writeGathered).
--
-- The entries left so are read here, once, at the moment the fixed code would have read them: the moment of the first
-- step after the one that wrote the entry (its ROUTED step, or its REOPENED step for a reopening's asks) that closes it,
-- by the rules of InboxListener.closeAsks:
--   an ask (INCIDENT_ASSIGNED, INCIDENT_REOPENED) by a step that takes the item up (ACKNOWLEDGED, other than the
--   acknowledgement a filing records for its filer's own report, DISPATCHED, ARRIVED, RESOLVED, ANSWERED, REFERRED,
--   MEDIATION), by its merging into another report (MERGED_INTO), or by a step that gives it to someone else than the
--   entry's recipient (ESCALATED, HANDED_OVER: the step names the new owner);
--   a note for the grid chief's information (INCIDENT_INFORMED) by a step that closes the item (ANSWERED, MERGED_INTO).
-- Only these three kinds were ever gathered; every other entry was written at once and found. An entry whose item has
-- no such step after it still asks, and stays unread; an entry read already keeps its moment.
WITH written AS (
    SELECT e.id, e.kind, e.recipient_id, e.record_id,
           (SELECT max(s.id) FROM incident_event s
            WHERE s.incident_id = e.record_id AND s.at = e.created_at
              AND s.kind = CASE e.kind WHEN 'INCIDENT_REOPENED' THEN 'REOPENED' ELSE 'ROUTED' END) AS step_id
    FROM inbox_entry e
    WHERE e.record_type = 'incident' AND e.read_at IS NULL
      AND e.kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_INFORMED', 'INCIDENT_REOPENED')
),
closed AS (
    SELECT w.id,
           (SELECT c.at FROM incident_event c
            WHERE c.incident_id = w.record_id AND c.id > w.step_id
              AND CASE WHEN w.kind = 'INCIDENT_INFORMED' THEN c.kind IN ('ANSWERED', 'MERGED_INTO')
                       ELSE c.kind IN ('DISPATCHED', 'ARRIVED', 'RESOLVED', 'ANSWERED', 'REFERRED', 'MEDIATION',
                                       'MERGED_INTO')
                            OR (c.kind = 'ACKNOWLEDGED' AND NOT (coalesce(c.reason_is_key, false)
                                                                 AND c.reason = 'incident.acknowledge.atFiling'))
                            OR (c.kind IN ('ESCALATED', 'HANDED_OVER')
                                AND c.owner_staff_id IS DISTINCT FROM w.recipient_id)
                  END
            ORDER BY c.id LIMIT 1) AS read_at
    FROM written w
    WHERE w.step_id IS NOT NULL
)
UPDATE inbox_entry e SET read_at = closed.read_at
FROM closed
WHERE e.id = closed.id AND closed.read_at IS NOT NULL;
