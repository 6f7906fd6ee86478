-- 督导检查机制 (seed 004): an inspector's finding against a unit, issued as a numbered notice (督察通报), rectified by a
-- deadline, accepted or sent back, marked overdue by a daily job, and accountability recorded when not rectified.
CREATE TABLE supervision_number (
    bureau_id uuid NOT NULL REFERENCES unit (id),
    year      int  NOT NULL,
    last      int  NOT NULL,
    PRIMARY KEY (bureau_id, year)
);

CREATE TABLE supervision_notice (
    id              uuid PRIMARY KEY,
    bureau_id       uuid NOT NULL REFERENCES unit (id),
    year            int  NOT NULL,
    seq             int  NOT NULL CHECK (seq > 0),
    unit_id         uuid NOT NULL REFERENCES unit (id),
    unit_path       text NOT NULL,
    leader_id       uuid REFERENCES staff (id),
    officer_id      uuid REFERENCES staff (id),
    finding         text NOT NULL,
    found_on        date NOT NULL,
    place           text,
    severity        text NOT NULL CHECK (severity IN ('GENERAL', 'SERIOUS', 'GRAVE')),
    due_on          date NOT NULL,
    state           text NOT NULL CHECK (state IN ('ISSUED', 'ANSWERED', 'OVERDUE', 'RECTIFIED')),
    issued_by       uuid NOT NULL REFERENCES staff (id),
    issued_by_name  text NOT NULL,
    issued_at       timestamptz NOT NULL,
    overdue_at      timestamptz,
    closed_at       timestamptz,
    version         bigint NOT NULL DEFAULT 0,
    UNIQUE (bureau_id, year, seq),
    CHECK (leader_id IS NOT NULL OR officer_id IS NOT NULL),
    CHECK (due_on >= found_on)
);
CREATE INDEX supervision_notice_path ON supervision_notice (unit_path text_pattern_ops);
CREATE INDEX supervision_notice_due ON supervision_notice (due_on) WHERE state = 'ISSUED';

-- the notice's timeline: issued, answered (整改情况), accepted, sent back, overdue, accountability (追究责任)
CREATE TABLE supervision_step (
    id          uuid PRIMARY KEY,
    notice_id   uuid NOT NULL REFERENCES supervision_notice (id),
    kind        text NOT NULL CHECK (kind IN ('ISSUED', 'ANSWERED', 'ACCEPTED', 'SENT_BACK', 'OVERDUE',
                    'ACCOUNTABILITY')),
    at          timestamptz NOT NULL,
    by_id       uuid REFERENCES staff (id),
    by_name     text NOT NULL,
    note        text,
    done_on     date,
    evidence    text,
    measure     text CHECK (measure IN ('CRITICISM', 'ADMONITION', 'SELF_EXAMINATION', 'REMOVAL')),
    target_id   uuid REFERENCES staff (id)
);
CREATE INDEX supervision_step_notice ON supervision_step (notice_id, at);

-- the inbox learns the supervision kinds; added to whatever kinds the constraint allows now, so that the order in
-- which this and other migrations that add kinds run does not matter
SELECT inbox_allow_kinds('SUPERVISION_NOTICE', 'SUPERVISION_ANSWERED', 'SUPERVISION_SENT_BACK',
    'SUPERVISION_OVERDUE');
