-- An incident's reference (SJ- and eight digits), by which the hard-cases board and the points ledger name it, was
-- the MD5 of its id modulo 10^8: two reports share one as soon as there are some ten thousand (a birthday collision),
-- and a reference read on the board or in the ledger no longer told which report it was. References are now
-- numbers drawn from a sequence, given to an incident the first time one is asked for (IncidentFacts.reference),
-- never while a report is filed. An incident already named keeps the digits it was shown with, unless an earlier
-- received one holds them: that one keeps them, the later ones get new numbers, written into the board's items and
-- the points notes that named them. A number drawn that an incident already holds is passed over. Run again, it
-- changes nothing.
CREATE SEQUENCE IF NOT EXISTS incident_reference_number AS bigint MINVALUE 1 NO MAXVALUE;

CREATE TABLE IF NOT EXISTS incident_reference (
    incident_id uuid PRIMARY KEY,
    number      bigint NOT NULL UNIQUE CHECK (number > 0)
);

CREATE TEMPORARY TABLE named_incident AS
SELECT i.id, i.received_at,
       ((('x' || substr(md5(i.id::text), 1, 12))::bit(48)::bigint) % 100000000) AS digits
FROM incident i
WHERE i.id IN (SELECT source_id FROM claim_item WHERE source_kind IN ('INCIDENT', 'HAZARD'))
   OR i.id::text IN (SELECT source_id FROM points_award WHERE source_type = 'incident')
   OR i.id::text IN (SELECT source_id FROM points_entry WHERE source_type = 'incident');

-- digits 0 were shown as SJ-00000000; a sequence never draws 0, so such an incident is given a new number as well
INSERT INTO incident_reference (incident_id, number)
SELECT DISTINCT ON (digits) id, digits FROM named_incident WHERE digits > 0 ORDER BY digits, received_at, id
ON CONFLICT DO NOTHING;

DO $$
DECLARE
    moved record;
    drawn bigint;
    before text;
    after text;
BEGIN
    ALTER TABLE points_entry DISABLE TRIGGER points_entry_append_only;
    FOR moved IN SELECT n.id, n.digits FROM named_incident n
                 WHERE NOT EXISTS (SELECT 1 FROM incident_reference r WHERE r.incident_id = n.id) LOOP
        LOOP
            drawn := nextval('incident_reference_number');
            EXIT WHEN NOT EXISTS (SELECT 1 FROM incident_reference WHERE number = drawn);
        END LOOP;
        INSERT INTO incident_reference (incident_id, number) VALUES (moved.id, drawn);
        before := 'SJ-' || lpad(moved.digits::text, 8, '0');
        after := 'SJ-' || lpad(drawn::text, 8, '0');
        UPDATE claim_item SET source_code = after, title = replace(title, before, after)
        WHERE source_id = moved.id AND source_kind IN ('INCIDENT', 'HAZARD');
        UPDATE points_award a SET note = replace(a.note, before, after)
        WHERE (a.source_type = 'incident' AND a.source_id = moved.id::text)
           OR (a.source_type = 'claim' AND a.source_id IN (SELECT c.id::text FROM claim c JOIN claim_item ci
                   ON ci.id = c.item_id WHERE ci.source_id = moved.id));
        UPDATE points_entry e SET note = replace(e.note, before, after)
        WHERE (e.source_type = 'incident' AND e.source_id = moved.id::text)
           OR (e.source_type = 'claim' AND e.source_id IN (SELECT c.id::text FROM claim c JOIN claim_item ci
                   ON ci.id = c.item_id WHERE ci.source_id = moved.id));
    END LOOP;
    ALTER TABLE points_entry ENABLE TRIGGER points_entry_append_only;
END $$;

DROP TABLE named_incident;
