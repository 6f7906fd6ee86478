-- When a person's categories change, the records that hang on them follow.

-- 1. A care agreement of a left-behind child says why it ended: a new agreement signed in its place (the only way one
-- ended until now), or the child is no longer a left-behind child (the 留守儿童 category taken away by the person form
-- or a persons import). It stays on record either way; an ended one is never in force again.
ALTER TABLE care_agreement ADD COLUMN ended_reason text
    CHECK (ended_reason IN ('SUPERSEDED', 'NO_LONGER_LEFT_BEHIND'));
UPDATE care_agreement SET ended_reason = 'SUPERSEDED' WHERE ended_on IS NOT NULL;
ALTER TABLE care_agreement ADD CONSTRAINT care_agreement_ended_reason CHECK ((ended_on IS NULL) = (ended_reason IS NULL));

-- Agreements left in force by the defect this fixes: the child lost the category earlier and nothing ended his
-- agreement. They end today, so that no list, count or review reminder takes them for agreements in force; the day
-- the category went is in the audit trail (entries of the person or of the import batch).
UPDATE care_agreement a SET ended_on = greatest(a.signed_on, CURRENT_DATE), ended_reason = 'NO_LONGER_LEFT_BEHIND'
WHERE a.ended_on IS NULL
  AND NOT EXISTS (SELECT 1 FROM person_category c WHERE c.person_id = a.person_id AND c.category = 'LEFT_BEHIND_CHILD');

-- 2. The inbox tells the grid chief when a person of his grid becomes a key person, changes type or stops being one.
-- A persons import gathers its changes into one entry per grid chief, grid and import job (group_id: the job), which
-- lists the first persons (items, each "CHANGE:TYPE:name") and counts them all (item_count); later batches of the
-- same job add to it.
ALTER TABLE inbox_entry DROP CONSTRAINT inbox_entry_kind_check;
ALTER TABLE inbox_entry ADD CONSTRAINT inbox_entry_kind_check CHECK (kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED',
    'INCIDENT_INFORMED', 'VISIT_OVERDUE', 'DISPUTE_AT_RISK', 'INCIDENT_REOPENED', 'INCIDENT_INFORMATION_ADDED',
    'KEY_PERSON_DESIGNATED', 'KEY_PERSON_TYPE_CHANGED', 'KEY_PERSON_ENDED', 'KEY_PERSONS_IMPORTED'));
ALTER TABLE inbox_entry ADD COLUMN group_id uuid;
ALTER TABLE inbox_entry ADD COLUMN items text[];
ALTER TABLE inbox_entry ADD COLUMN item_count int CHECK (item_count >= 0);
CREATE UNIQUE INDEX inbox_entry_gathered ON inbox_entry (recipient_id, group_id, record_id) WHERE group_id IS NOT NULL;
