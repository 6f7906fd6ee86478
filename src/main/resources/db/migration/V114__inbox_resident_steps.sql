-- The inbox tells the owner of a report when its resident reopens it or adds information on the tracking page (and the
-- grid chief too when it is reopened): until now nobody heard of either until he happened to open the report.
ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_kind_check;
ALTER TABLE inbox_entry ADD CONSTRAINT inbox_entry_kind_check CHECK (kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED',
    'INCIDENT_INFORMED', 'VISIT_OVERDUE', 'DISPUTE_AT_RISK', 'INCIDENT_REOPENED', 'INCIDENT_INFORMATION_ADDED'));
