-- V166 renamed, where it was shown, a report whose reference (the MD5 digits of its id) an earlier report held: the
-- board's items, the awards' and the ledger's notes. Not the inbox: a grid chief asked to decide a hard case (its
-- entry's subject) or to approve an award (its line, the award's note) still read the old reference, now the other
-- report's. Rewritten here for the entries about that report's claims and awards. A report whose number differs from
-- its id's digits was renamed by V166 or named only after it (its entries never held those digits); run again, the
-- old reference is no longer found and nothing changes.
CREATE TEMPORARY TABLE renamed_incident AS
SELECT r.incident_id,
       'SJ-' || lpad(((('x' || substr(md5(r.incident_id::text), 1, 12))::bit(48)::bigint) % 100000000)::text, 8, '0')
           AS before,
       'SJ-' || lpad(r.number::text, 8, '0') AS after
FROM incident_reference r;
DELETE FROM renamed_incident WHERE before = after;

-- the entries about a record of the report: its board items' claims, and the awards for it or for such a claim
CREATE TEMPORARY TABLE renamed_record AS
SELECT n.before, n.after, 'claim' AS record_type, c.id AS record_id
FROM renamed_incident n
JOIN claim_item ci ON ci.source_id = n.incident_id AND ci.source_kind IN ('INCIDENT', 'HAZARD')
JOIN claim c ON c.item_id = ci.id
UNION ALL
SELECT n.before, n.after, 'points_award', a.id
FROM renamed_incident n JOIN points_award a ON a.source_type = 'incident' AND a.source_id = n.incident_id::text
UNION ALL
SELECT n.before, n.after, 'points_award', a.id
FROM renamed_incident n
JOIN claim_item ci ON ci.source_id = n.incident_id AND ci.source_kind IN ('INCIDENT', 'HAZARD')
JOIN claim c ON c.item_id = ci.id
JOIN points_award a ON a.source_type = 'claim' AND a.source_id = c.id::text;

UPDATE inbox_entry e SET subject = replace(e.subject, m.before, m.after), reason = replace(e.reason, m.before, m.after)
FROM renamed_record m
WHERE e.record_type = m.record_type AND e.record_id = m.record_id
  AND (strpos(e.subject, m.before) > 0 OR strpos(e.reason, m.before) > 0);

DROP TABLE renamed_record;
DROP TABLE renamed_incident;
