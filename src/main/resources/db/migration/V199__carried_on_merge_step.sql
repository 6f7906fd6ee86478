-- A report merged into one that is merged on later moves with it (Merges.carryOver): until now only its merged_into
-- changed, and its timeline kept naming the report it first joined, so its reporter's tracking page did not say why
-- it was now handled and answered with another. The move is now a step of its own (CARRIED_ON) on the carried report,
-- naming the report it goes with (merged_into, held by V190's trigger). Moves made before have no step: nothing
-- recorded when they happened, and the steps are what happened, not what is guessed after.
ALTER TABLE incident_event DROP CONSTRAINT incident_event_kind_check;
ALTER TABLE incident_event ADD CONSTRAINT incident_event_kind_check CHECK (kind IN ('RECEIVED', 'ROUTED',
    'ACKNOWLEDGED', 'DISPATCHED', 'ARRIVED', 'CHIEF_ARRIVED', 'RESOLVED', 'ANSWERED', 'ESCALATED', 'REFERRED',
    'MEDIATION', 'INFORMATION_ADDED', 'RATED', 'REOPENED', 'DUPLICATE_OFFERED', 'MERGED', 'MERGED_INTO', 'NOTE',
    'OFFENCE_SET', 'CARRIED_ON'));
