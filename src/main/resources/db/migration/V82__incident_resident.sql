-- The resident's side of incidents: photos (stored in the database, already stripped of their location
-- metadata) and the reporter's rating of the answer (one per report, the latest counts).

-- Photos a resident sent with a report or added on the tracking page (or staff added). The bytes live in
-- the row: they are written in the same transaction as the report or the step that adds them (no orphan
-- files when a transaction rolls back, nothing lost when it commits), they are backed up with the
-- database, and every read goes through the incident's grid and so through the caller's scope.
-- A few photos of at most a few MB per report keep the table small enough for that.
CREATE TABLE incident_photo (
    id            uuid PRIMARY KEY,
    incident_id   uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    size_bytes    int NOT NULL CHECK (size_bytes > 0),
    sha256        text NOT NULL,
    bytes         bytea NOT NULL,
    -- what was removed before storing: the metadata segments or chunks, e.g. 'APP1:Exif,APP1:XMP'
    stripped      text,
    -- RESIDENT (from the public pages) or STAFF (then added_by_staff names who)
    added_by      text NOT NULL CHECK (added_by IN ('RESIDENT', 'STAFF')),
    added_by_staff uuid REFERENCES staff (id),
    added_at      timestamptz NOT NULL
);
CREATE INDEX incident_photo_incident ON incident_photo (incident_id, added_at);
CREATE INDEX incident_photo_added_by_staff ON incident_photo (added_by_staff);

-- The reporter's rating of the answer (1-5 with a comment), which feeds the satisfaction rate (满意率,
-- the share of 4 and 5) of seed 002. One row per report: a changed rating replaces it, and every
-- rating given stays on the timeline (RATED).
CREATE TABLE incident_rating (
    incident_id uuid PRIMARY KEY REFERENCES incident (id) ON DELETE CASCADE,
    score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     text,
    rated_at    timestamptz NOT NULL,
    changes     int NOT NULL DEFAULT 0 CHECK (changes >= 0)
);
