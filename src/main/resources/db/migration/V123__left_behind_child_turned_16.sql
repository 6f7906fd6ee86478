-- A left-behind child is under 16: a daily sweep takes the category from a child on the day he turns 16, and ends his
-- care agreement in force with its own reason, and his grid's chiefs find it in their inbox.
ALTER TABLE care_agreement DROP CONSTRAINT care_agreement_ended_reason_check;
ALTER TABLE care_agreement ADD CONSTRAINT care_agreement_ended_reason_check
    CHECK (ended_reason IN ('SUPERSEDED', 'NO_LONGER_LEFT_BEHIND', 'TURNED_16'));

ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_kind_check;
ALTER TABLE inbox_entry ADD CONSTRAINT inbox_entry_kind_check CHECK (kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED',
    'INCIDENT_INFORMED', 'VISIT_OVERDUE', 'DISPUTE_AT_RISK', 'INCIDENT_REOPENED', 'INCIDENT_INFORMATION_ADDED',
    'KEY_PERSON_DESIGNATED', 'KEY_PERSON_TYPE_CHANGED', 'KEY_PERSON_ENDED', 'KEY_PERSONS_IMPORTED',
    'LEFT_BEHIND_CHILD_TURNED_16'));
