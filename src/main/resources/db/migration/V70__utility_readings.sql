-- Monthly water, power and gas use per room (or per standard address where there is no room), as the
-- suppliers report it (seed 000: 通过生活必需品的使用情况掌握辖区住户动态). place_id is the room when
-- there is one, otherwise the address: one reading per place, utility and month, so importing the
-- same file twice changes nothing and a corrected reading replaces the old one.
CREATE TABLE utility_reading (
    id           uuid PRIMARY KEY,
    grid_id      uuid NOT NULL REFERENCES grid (id),
    room_id      uuid REFERENCES room (id),
    address_id   uuid REFERENCES address (id),
    place_id     uuid GENERATED ALWAYS AS (coalesce(room_id, address_id)) STORED,
    utility      text NOT NULL CHECK (utility IN ('WATER', 'POWER', 'GAS')),
    month        date NOT NULL CHECK (extract(day FROM month) = 1),
    meter        text,
    reading      numeric(14, 3) CHECK (reading >= 0),
    consumption  numeric(14, 3) NOT NULL CHECK (consumption >= 0),
    supplier     text,
    import_id    uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 0,
    CHECK (room_id IS NOT NULL OR address_id IS NOT NULL)
);
CREATE UNIQUE INDEX utility_reading_once ON utility_reading (place_id, utility, month);
CREATE INDEX utility_reading_grid_month ON utility_reading (grid_id, month);

-- Imports of readings: checked and written in the background, progress on the row so any instance
-- answers how far it got; the rejected rows as a CSV file. unit_path is the creator's unit.
CREATE TABLE utility_import (
    id               uuid PRIMARY KEY,
    file_name        text NOT NULL,
    file_sha256      text NOT NULL,
    dry_run          boolean NOT NULL,
    status           text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    total_rows       bigint NOT NULL DEFAULT 0,
    processed_rows   bigint NOT NULL DEFAULT 0,
    created_rows     bigint NOT NULL DEFAULT 0,
    updated_rows     bigint NOT NULL DEFAULT 0,
    unchanged_rows   bigint NOT NULL DEFAULT 0,
    failed_rows      bigint NOT NULL DEFAULT 0,
    tasks_opened     bigint NOT NULL DEFAULT 0,
    message          text,
    error_file       bytea,
    error_file_name  text,
    created_by       uuid REFERENCES staff (id),
    created_by_name  text NOT NULL,
    unit_path        text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
CREATE INDEX utility_import_creator ON utility_import (created_by, created_at DESC);
CREATE INDEX utility_import_unit ON utility_import (unit_path text_pattern_ops);

-- Verification tasks (核查任务) opened by the anomaly policy for a grid: a place using utilities with
-- nobody registered, or registered residents using nothing for months. One task per place, kind and
-- first month of the anomaly (the same anomaly never opens a second task), and at most one task of a
-- kind per place not yet resolved (a continuing anomaly extends period_to instead).
CREATE TABLE verification_task (
    id            uuid PRIMARY KEY,
    grid_id       uuid NOT NULL REFERENCES grid (id),
    room_id       uuid REFERENCES room (id),
    address_id    uuid REFERENCES address (id),
    place_id      uuid GENERATED ALWAYS AS (coalesce(room_id, address_id)) STORED,
    kind          text NOT NULL CHECK (kind IN ('UNREGISTERED_USE', 'REGISTERED_NO_USE')),
    period_from   date NOT NULL,
    period_to     date NOT NULL,
    reason_key    text NOT NULL,
    reason_args   text[] NOT NULL,
    status        text NOT NULL CHECK (status IN ('OPEN', 'ASSIGNED', 'RESOLVED')),
    assignee_id   uuid REFERENCES staff (id),
    finding       text CHECK (finding IN ('TENANTS_REGISTERED', 'VACANT', 'RESIDENTS_LEFT', 'NO_ISSUE')),
    finding_note  text,
    visit_id      uuid REFERENCES visit (id),
    resolved_by   uuid REFERENCES staff (id),
    resolved_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       bigint NOT NULL DEFAULT 0,
    CHECK (room_id IS NOT NULL OR address_id IS NOT NULL),
    CHECK (period_from <= period_to),
    CHECK ((status = 'RESOLVED') = (finding IS NOT NULL)),
    CHECK (status <> 'ASSIGNED' OR assignee_id IS NOT NULL)
);
CREATE UNIQUE INDEX verification_task_once ON verification_task (place_id, kind, period_from);
CREATE UNIQUE INDEX verification_task_one_unresolved ON verification_task (place_id, kind) WHERE status <> 'RESOLVED';
CREATE INDEX verification_task_grid_status ON verification_task (grid_id, status);
CREATE INDEX verification_task_assignee ON verification_task (assignee_id) WHERE status <> 'RESOLVED';

-- What happened to a task, in order: opened, extended by a later import, assigned, resolved.
CREATE TABLE verification_task_event (
    id          bigserial PRIMARY KEY,
    task_id     uuid NOT NULL REFERENCES verification_task (id),
    action      text NOT NULL CHECK (action IN ('OPENED', 'EXTENDED', 'ASSIGNED', 'RESOLVED')),
    actor_id    uuid REFERENCES staff (id),
    actor_name  text NOT NULL,
    detail      text,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_task_event_task ON verification_task_event (task_id, id);
