-- A party of a dispute may be a person of the population records (linked by id; the name and masked numbers shown
-- are read from the person's record each time) or a person named here as before. The name stays filled with the
-- name the person bore when linked, for the agreement's signature lines and for readers who may not see the person.
ALTER TABLE dispute_party ADD COLUMN person_id uuid REFERENCES person (id);
CREATE INDEX dispute_party_person ON dispute_party (person_id) WHERE person_id IS NOT NULL;
-- the same person is a party of a case once
CREATE UNIQUE INDEX dispute_party_case_person ON dispute_party (case_id, person_id) WHERE person_id IS NOT NULL;

-- The inbox tells the station chief of a dispute flagged at risk of turning violent (民转刑) at once.
ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_kind_check;
ALTER TABLE inbox_entry ADD CONSTRAINT inbox_entry_kind_check CHECK (kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED',
    'INCIDENT_INFORMED', 'VISIT_OVERDUE', 'DISPUTE_AT_RISK'));
