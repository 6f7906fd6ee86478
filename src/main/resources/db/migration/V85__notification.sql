-- Notifications: the in-app inbox of each person who works, and the outbound webhooks of units.

-- One entry per thing a person should hear of: an incident given to him (routed or escalated), one of
-- his grid's incidents he is kept informed of, a key person's visit overdue in a grid he heads. It
-- belongs to its recipient only and carries the unit path of the record it points to, so reading it is
-- scoped like any record. The text is rendered in the reader's language from kind, subject and keys.
CREATE TABLE inbox_entry (
    id           uuid PRIMARY KEY,
    recipient_id uuid NOT NULL REFERENCES staff (id),
    kind         text NOT NULL CHECK (kind IN ('INCIDENT_ASSIGNED', 'INCIDENT_ESCALATED', 'INCIDENT_INFORMED',
                     'VISIT_OVERDUE')),
    record_type  text NOT NULL,
    record_id    uuid NOT NULL,
    link         text NOT NULL,
    unit_path    text NOT NULL,
    -- what the entry is about: a tracking code, a grid's name
    subject      text NOT NULL,
    -- a category or risk level, as a message key suffix
    category     text,
    -- why: a message key (a routing or escalation reason) or a person's words (a reason to escalate)
    reason       text,
    -- a day (the visit's last due day)
    due_on       date,
    created_at   timestamptz NOT NULL,
    read_at      timestamptz
);
CREATE INDEX inbox_entry_recipient ON inbox_entry (recipient_id, created_at DESC);
CREATE INDEX inbox_entry_unread ON inbox_entry (recipient_id) WHERE read_at IS NULL;

-- A unit's outbound webhook: the steps of every incident in the unit's subtree are posted to the URL,
-- signed with HMAC-SHA256 under the secret (kept encrypted, it must be read back to sign).
CREATE TABLE webhook (
    id          uuid PRIMARY KEY,
    unit_id     uuid NOT NULL REFERENCES unit (id),
    url         text NOT NULL CHECK (url ~ '^https?://'),
    secret      bytea NOT NULL,
    description text,
    active      boolean NOT NULL DEFAULT true,
    created_by  uuid REFERENCES staff (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_unit ON webhook (unit_id);

-- The outbox: one row per event and webhook, written in the transaction of the step it tells of, so
-- nothing is sent that did not happen and nothing that happened is lost. A worker claims due rows with
-- FOR UPDATE SKIP LOCKED and a lease (locked_until, database time), posts them, and records the outcome:
-- DELIVERED, or a retry after an exponential backoff, or FAILED after the last attempt.
CREATE TABLE webhook_delivery (
    id              uuid PRIMARY KEY,
    webhook_id      uuid NOT NULL REFERENCES webhook (id),
    -- the id receivers deduplicate by (header X-Fengqiao-Event-Id); one per event and webhook
    event_id        uuid NOT NULL,
    event_type      text NOT NULL,
    payload         text NOT NULL,
    status          text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    locked_until    timestamptz,
    last_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    delivered_at    timestamptz,
    created_at      timestamptz NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_recent ON webhook_delivery (webhook_id, created_at DESC);
-- the worker drops delivered rows past their retention; this keeps that look-up to the rows it drops
CREATE INDEX webhook_delivery_delivered ON webhook_delivery (delivered_at) WHERE status = 'DELIVERED';
