-- Incidents (事项): what the 110 centre pushes, what staff and volunteers report from the field, the
-- residents' reports (public page, later) and informants' clues. Every incident sits in a grid and so in
-- the jurisdiction tree; while it is open it has exactly one owning unit and one named owning person
-- (the CHECK below; the columns are single-valued), and it closes when the reporter has been answered.
CREATE TABLE incident (
    id                    uuid PRIMARY KEY,
    -- the code a resident follows the report with on the public page (later), unique and not guessable
    tracking_code         text NOT NULL UNIQUE,
    source                text NOT NULL CHECK (source IN ('CALL_110', 'FIELD', 'RESIDENT', 'INFORMANT')),
    category              text NOT NULL CHECK (category IN ('HELP', 'DISPUTE', 'CASE', 'TRAFFIC', 'DISASTER',
                              'COMPLAINT', 'DEPARTMENT')),
    subtype               text CHECK (subtype IN ('CRIMINAL', 'PUBLIC_ORDER')),
    -- for matters of other departments: 综治, 城管, 市场监管, ...
    department            text,
    description           text NOT NULL,
    occurred_at           timestamptz NOT NULL,
    lon                   double precision CHECK (lon BETWEEN -180 AND 180),
    lat                   double precision CHECK (lat BETWEEN -90 AND 90),
    address               text,
    grid_id               uuid NOT NULL REFERENCES grid (id),
    status                text NOT NULL CHECK (status IN ('RECEIVED', 'ACKNOWLEDGED', 'DISPATCHED', 'ARRIVED',
                              'RESOLVED', 'ANSWERED')),
    owner_unit_id         uuid REFERENCES unit (id),
    owner_staff_id        uuid REFERENCES staff (id),
    -- when the present owner took the item: the deadlines of its level count from here
    owner_since           timestamptz NOT NULL,
    escalations           int NOT NULL DEFAULT 0 CHECK (escalations >= 0),
    routing_rule          text NOT NULL,
    routing_reason        text NOT NULL,
    routing_fallback      text,
    -- quick response (seed 003): each step's first moment
    received_at           timestamptz NOT NULL,
    acknowledged_at       timestamptz,
    acknowledged_by       uuid REFERENCES staff (id),
    dispatched_at         timestamptz,
    arrived_at            timestamptz,
    arrived_by            uuid REFERENCES staff (id),
    chief_arrived_at      timestamptz,
    resolved_at           timestamptz,
    answered_at           timestamptz,
    -- the deadline of the present step at the present level (overdue when passed) ...
    due_at                timestamptz,
    -- ... and when the sweep moves the item up: the same moment, or NULL at the top of the tree
    next_escalation_at    timestamptz,
    reporter_name         text,
    reporter_phone        bytea,
    reporter_phone_masked text,
    external_ref          text,
    -- who submitted it ('staff:<id>', '110:<unit id>'), with the idempotency key of the submission
    submitter             text NOT NULL,
    idempotency_key       text,
    created_by            uuid REFERENCES staff (id),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    version               bigint NOT NULL DEFAULT 0,
    CHECK (status = 'ANSWERED' OR (owner_unit_id IS NOT NULL AND owner_staff_id IS NOT NULL)),
    CHECK ((status = 'ANSWERED') = (answered_at IS NOT NULL)),
    CHECK (category = 'CASE' OR subtype IS NULL)
);
CREATE UNIQUE INDEX incident_idempotency ON incident (submitter, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX incident_grid ON incident (grid_id, received_at DESC);
CREATE INDEX incident_owner_unit ON incident (owner_unit_id);
CREATE INDEX incident_owner_staff ON incident (owner_staff_id);
CREATE INDEX incident_acknowledged_by ON incident (acknowledged_by);
CREATE INDEX incident_arrived_by ON incident (arrived_by);
CREATE INDEX incident_created_by ON incident (created_by);
-- The escalation sweep reads only the items due: open ones whose next escalation has come.
CREATE INDEX incident_escalation_due ON incident (next_escalation_at)
    WHERE answered_at IS NULL AND next_escalation_at IS NOT NULL;

-- The timeline: every step, escalation and referral, with who did it and the named owner after it.
CREATE TABLE incident_event (
    id          bigserial PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('RECEIVED', 'ROUTED', 'ACKNOWLEDGED', 'DISPATCHED', 'ARRIVED',
                    'CHIEF_ARRIVED', 'RESOLVED', 'ANSWERED', 'ESCALATED', 'REFERRED', 'MEDIATION')),
    at          timestamptz NOT NULL,
    actor_id    uuid,
    actor_name  text,
    owner_unit_id  uuid,
    owner_unit_name text,
    owner_staff_id uuid,
    owner_staff_name text,
    reason      text,
    department  text,
    contact     text,
    outcome     text,
    note        text
);
CREATE INDEX incident_event_incident ON incident_event (incident_id, id);

-- API keys of the systems that push incidents (the 110 command centre), one or more per unit.
-- Only a SHA-256 of the key is stored.
CREATE TABLE incident_api_key (
    key_hash   text PRIMARY KEY,
    unit_id    uuid NOT NULL REFERENCES unit (id),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX incident_api_key_unit ON incident_api_key (unit_id);
