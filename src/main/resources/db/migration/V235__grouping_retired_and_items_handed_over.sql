-- A police district, cooperation zone or joint-patrol zone retired (merged away, redrawn) stays for what names it (a
-- security company's zone, a force member's zone, the audit trail) with its last villages, but leaves every list,
-- choice and check of the tree: a village of a retired district is free to be handed over.
ALTER TABLE grouping ADD COLUMN retired_at timestamptz;

-- An open item carried with its village to the new unit's chain, re-owned there by a named person (件件有着落).
ALTER TABLE incident_event DROP CONSTRAINT incident_event_kind_check;
ALTER TABLE incident_event ADD CONSTRAINT incident_event_kind_check CHECK (kind IN ('RECEIVED', 'ROUTED',
    'ACKNOWLEDGED', 'DISPATCHED', 'ARRIVED', 'CHIEF_ARRIVED', 'RESOLVED', 'ANSWERED', 'ESCALATED', 'REFERRED',
    'MEDIATION', 'INFORMATION_ADDED', 'RATED', 'REOPENED', 'DUPLICATE_OFFERED', 'MERGED', 'MERGED_INTO', 'NOTE',
    'OFFENCE_SET', 'CARRIED_ON', 'HANDED_OVER'));
