-- The timeline gains the resident's side (information and photos added, rating, reopening), duplicates
-- (offered, merged) and notes, widened once here so that the features adding them need not each
-- rewrite the same constraint.
ALTER TABLE incident_event DROP CONSTRAINT incident_event_kind_check;
ALTER TABLE incident_event ADD CONSTRAINT incident_event_kind_check CHECK (kind IN ('RECEIVED', 'ROUTED',
    'ACKNOWLEDGED', 'DISPATCHED', 'ARRIVED', 'CHIEF_ARRIVED', 'RESOLVED', 'ANSWERED', 'ESCALATED', 'REFERRED',
    'MEDIATION', 'INFORMATION_ADDED', 'RATED', 'REOPENED', 'DUPLICATE_OFFERED', 'MERGED', 'MERGED_INTO', 'NOTE'));
