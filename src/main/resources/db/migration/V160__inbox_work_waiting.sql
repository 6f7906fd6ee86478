-- Work waiting for someone reaches his inbox: a claimed hard case reported done (the grid chief confirms it), one sent
-- back (its claimers), a points award to approve (the grid chief). The entry that asked for a decision is closed
-- (marked read) in the deciding transaction, found through a small partial index of the open ones by their record.
ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_kind_check;
ALTER TABLE inbox_entry ADD CONSTRAINT inbox_entry_kind_check CHECK (kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED',
    'INCIDENT_INFORMED', 'VISIT_OVERDUE', 'DISPUTE_AT_RISK', 'INCIDENT_REOPENED', 'INCIDENT_INFORMATION_ADDED',
    'KEY_PERSON_DESIGNATED', 'KEY_PERSON_TYPE_CHANGED', 'KEY_PERSON_ENDED', 'KEY_PERSONS_IMPORTED',
    'LEFT_BEHIND_CHILD_TURNED_16', 'HARD_CASE_REPORTED', 'HARD_CASE_SENT_BACK', 'POINTS_AWARD_PENDING'));
CREATE INDEX inbox_entry_open_decisions ON inbox_entry (record_id)
    WHERE kind IN ('HARD_CASE_REPORTED', 'POINTS_AWARD_PENDING') AND read_at IS NULL;
