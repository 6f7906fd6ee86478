-- The hard-cases board named an incident by its tracking code (claim_item.source_code and its title, 事项·求助 FQ…),
-- and the points module copied that code into the note of the awards it proposed for a claimed hard case and for a
-- report from the field, and from there into the ledger. The tracking code is the resident's key to his report's
-- public page (/track/{code}: its timeline and photos, more information, the rating that feeds the satisfaction
-- figures, reopening), and the board and the ledger are read by volunteers, informants, grid members and guards.
-- They now name an incident by its reference, SJ- and eight digits derived from its id (IncidentReference, which
-- computes the same in Java). The rows written before are rewritten here: only the tracking code is replaced, every
-- other character of a title or note stays. Disputes keep their case codes (not secrets). Run twice, it changes
-- nothing (a replaced code is not found again).
CREATE OR REPLACE FUNCTION pg_temp.incident_reference(id uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'SJ-' || lpad(((('x' || substr(md5(id::text), 1, 12))::bit(48)::bigint) % 100000000)::text, 8, '0')
$$;

-- the points first: a claim's award is found through its item's incident, whose code the item still holds or not
UPDATE points_award a SET note = replace(a.note, i.tracking_code, pg_temp.incident_reference(i.id))
FROM incident i
WHERE a.source_type = 'incident' AND i.id::text = a.source_id AND strpos(a.note, i.tracking_code) > 0;

UPDATE points_award a SET note = replace(a.note, i.tracking_code, pg_temp.incident_reference(i.id))
FROM claim c JOIN claim_item ci ON ci.id = c.item_id JOIN incident i ON i.id = ci.source_id
WHERE a.source_type = 'claim' AND c.id::text = a.source_id AND ci.source_kind IN ('INCIDENT', 'HAZARD')
  AND strpos(a.note, i.tracking_code) > 0;

-- the ledger is append-only (points_entry_append_only): this one correction, and nothing else, passes it
ALTER TABLE points_entry DISABLE TRIGGER points_entry_append_only;

UPDATE points_entry e SET note = replace(e.note, i.tracking_code, pg_temp.incident_reference(i.id))
FROM incident i
WHERE e.source_type = 'incident' AND i.id::text = e.source_id AND strpos(e.note, i.tracking_code) > 0;

UPDATE points_entry e SET note = replace(e.note, i.tracking_code, pg_temp.incident_reference(i.id))
FROM claim c JOIN claim_item ci ON ci.id = c.item_id JOIN incident i ON i.id = ci.source_id
WHERE e.source_type = 'claim' AND c.id::text = e.source_id AND ci.source_kind IN ('INCIDENT', 'HAZARD')
  AND strpos(e.note, i.tracking_code) > 0;

ALTER TABLE points_entry ENABLE TRIGGER points_entry_append_only;

UPDATE claim_item ci SET source_code = pg_temp.incident_reference(i.id),
    title = replace(ci.title, i.tracking_code, pg_temp.incident_reference(i.id))
FROM incident i
WHERE i.id = ci.source_id AND ci.source_kind IN ('INCIDENT', 'HAZARD') AND ci.source_code = i.tracking_code;

-- A double tap on a slow phone redeemed twice (two vouchers, two deductions) and proposed a hand-made award twice.
-- The forms now carry a one-time key drawn when the page is shown, as visits and incidents do: the key binds to its
-- holder (a voucher) or proposer (an award), and a second submission with it creates nothing and answers the first.
ALTER TABLE points_voucher ADD COLUMN IF NOT EXISTS idempotency_key text;
CREATE UNIQUE INDEX IF NOT EXISTS points_voucher_idempotency ON points_voucher (holder_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
ALTER TABLE points_award ADD COLUMN IF NOT EXISTS idempotency_key text;
CREATE UNIQUE INDEX IF NOT EXISTS points_award_idempotency ON points_award (proposed_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
