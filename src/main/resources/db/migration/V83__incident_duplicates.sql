-- Duplicates (issue 4): a new report near an open one of the same category, close in time, is offered as a
-- possible duplicate; staff may merge a duplicate into a primary. A merged duplicate is closed as MERGED:
-- it keeps the owner it had (the owner CHECK of V80 holds: its status is not ANSWERED), leaves the open
-- lists and the escalation sweep (due_at and next_escalation_at are cleared), and is answered with its
-- primary (status ANSWERED, answered_at set, merged_into kept as history).
ALTER TABLE incident DROP CONSTRAINT incident_status_check;
ALTER TABLE incident ADD CONSTRAINT incident_status_check CHECK (status IN ('RECEIVED', 'ACKNOWLEDGED', 'DISPATCHED',
    'ARRIVED', 'RESOLVED', 'ANSWERED', 'MERGED'));
ALTER TABLE incident ADD COLUMN merged_into uuid REFERENCES incident (id);
ALTER TABLE incident ADD COLUMN merged_at timestamptz;
ALTER TABLE incident ADD COLUMN merged_by uuid REFERENCES staff (id);
ALTER TABLE incident ADD CONSTRAINT incident_merged_check
    CHECK (status <> 'MERGED' OR (merged_into IS NOT NULL AND merged_at IS NOT NULL));
ALTER TABLE incident ADD CONSTRAINT incident_merged_not_self CHECK (merged_into IS NULL OR merged_into <> id);
-- the duplicates of a primary, to answer them with it
CREATE INDEX incident_merged_into ON incident (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX incident_merged_by ON incident (merged_by) WHERE merged_by IS NOT NULL;

-- Finding the candidates reads the open items of the category inside a bounding box and a time window only:
-- a range on lat (the box's south-north band) with lon and occurred_at checked inside the index, so the
-- items of other categories, of closed items and of reports outside the band are never read.
CREATE INDEX incident_open_located ON incident (category, lat, lon, occurred_at)
    WHERE answered_at IS NULL AND status <> 'MERGED' AND lat IS NOT NULL;
-- Reports without a location are compared by grid and address: the open items of the grid and category in the
-- time window.
CREATE INDEX incident_open_grid ON incident (grid_id, category, occurred_at)
    WHERE answered_at IS NULL AND status <> 'MERGED';

-- The possible duplicates offered when a report was filed: the new report, the open one it is near, the
-- distance (NULL when compared by grid and address) and the time between their occurrences.
CREATE TABLE incident_duplicate (
    incident_id   uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    candidate_id  uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    distance_m    double precision,
    seconds_apart bigint NOT NULL,
    offered_at    timestamptz NOT NULL,
    PRIMARY KEY (incident_id, candidate_id),
    CHECK (incident_id <> candidate_id)
);
CREATE INDEX incident_duplicate_candidate ON incident_duplicate (candidate_id);
