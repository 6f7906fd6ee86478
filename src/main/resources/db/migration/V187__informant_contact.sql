-- The handler's contacts with an informant (联络记录, seed 000's weekly 走访一次治安信息员): when, how (a visit at his
-- home, a meeting elsewhere, a phone call) and what was said, written by his handler or the station chief. They show
-- only where the informant himself shows (forces.internal.Visibility). The place is the informant's unit, and the
-- grid (his profile's, or the grid he serves as informant on that day) is what the duty checklist ticks the
-- contact in. duty_record may now be ticked from such a contact (source INFORMANT_CONTACT, source_id: the contact).
CREATE TABLE informant_contact (
    id             uuid PRIMARY KEY,
    informant_id   uuid NOT NULL REFERENCES staff (id),
    contacted_by   uuid NOT NULL REFERENCES staff (id),
    unit_id        uuid NOT NULL REFERENCES unit (id),
    grid_id        uuid REFERENCES grid (id),
    contacted_on   date NOT NULL,
    way            text NOT NULL CHECK (way IN ('VISIT', 'MEETING', 'PHONE')),
    note           text CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX informant_contact_informant ON informant_contact (informant_id, contacted_on DESC);
CREATE INDEX informant_contact_by ON informant_contact (contacted_by);
CREATE INDEX informant_contact_unit ON informant_contact (unit_id);
CREATE INDEX informant_contact_grid ON informant_contact (grid_id);

ALTER TABLE duty_record DROP CONSTRAINT duty_record_source_check;
ALTER TABLE duty_record ADD CONSTRAINT duty_record_source_check
    CHECK (source IN ('MANUAL', 'FORCES_SHIFT', 'KEY_PERSON_VISIT', 'RENTAL_FLOATING_VISIT', 'DISPUTE_SCREENING',
                      'FIRE_INSPECTION', 'INFORMANT_CONTACT'));
