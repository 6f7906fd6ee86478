-- The checklist ticks itself from more of the records the officer keeps elsewhere (duty.internal.DutyTicks): a visit
-- that reached a key person, a visit to a household in a rental or with a floating resident (source_id: the visit),
-- a grid's dispute screening (the screening), a fire-safety inspection of an organisation (the inspection). Only the
-- duty module writes duty_record, so its own check is rewritten whole. duty_record_source (unique on source and
-- source_id) keeps each record ticking once, however often its event is delivered.
ALTER TABLE duty_record DROP CONSTRAINT duty_record_source_check;
ALTER TABLE duty_record ADD CONSTRAINT duty_record_source_check
    CHECK (source IN ('MANUAL', 'FORCES_SHIFT', 'KEY_PERSON_VISIT', 'RENTAL_FLOATING_VISIT', 'DISPUTE_SCREENING',
                      'FIRE_INSPECTION'));
