-- Hard cases claimed (疑难案事件清单认领, seed 002): open disputes, incidents and hazards older than a configured age
-- stand on a board for their grid; anyone in the grid claims one, alone or as a team, with a deadline; the grid
-- chief confirms completion. Every row sits in a grid and so in the jurisdiction tree.

-- The board: one row per source record (a dispute case or an incident), registered when the record is opened
-- (WAITING), put on the board (OPEN) by the sweep once older than the age, CLAIMED while a claim is active, DONE when
-- a completion was confirmed, CLOSED when its source closed with no claim on it. No personal data: the title is
-- made of the kind and the source's code.
CREATE TABLE claim_item (
    id            uuid PRIMARY KEY,
    source_kind   text NOT NULL CHECK (source_kind IN ('DISPUTE', 'INCIDENT', 'HAZARD')),
    source_id     uuid NOT NULL UNIQUE,
    source_code   text NOT NULL,
    -- the incident's category or the dispute's kind
    category      text NOT NULL,
    grid_id       uuid NOT NULL REFERENCES grid (id),
    title         text NOT NULL,
    -- when the source record was opened (received, filed)
    since         timestamptz NOT NULL,
    on_board_at   timestamptz,
    closed_at     timestamptz,
    state         text NOT NULL CHECK (state IN ('WAITING', 'OPEN', 'CLAIMED', 'DONE', 'CLOSED')),
    version       bigint NOT NULL DEFAULT 0,
    CHECK (state = 'WAITING' OR state = 'CLOSED' OR on_board_at IS NOT NULL)
);
-- the sweep reads only the waiting rows old enough, per kind
CREATE INDEX claim_item_waiting ON claim_item (source_kind, since) WHERE state = 'WAITING';
CREATE INDEX claim_item_grid ON claim_item (grid_id, state);

CREATE TABLE claim (
    id             uuid PRIMARY KEY,
    item_id        uuid NOT NULL REFERENCES claim_item (id),
    grid_id        uuid NOT NULL REFERENCES grid (id),
    claimed_by     uuid NOT NULL REFERENCES staff (id),
    claimed_at     timestamptz NOT NULL,
    deadline       timestamptz NOT NULL,
    -- ACTIVE: at work; REPORTED: done, waiting for the grid chief; the rest are ends
    state          text NOT NULL CHECK (state IN ('ACTIVE', 'REPORTED', 'CONFIRMED', 'GAVE_UP', 'EXPIRED')),
    note           text,
    reported_at    timestamptz,
    report_note    text,
    sent_back_at   timestamptz,
    sent_back_note text,
    decided_at     timestamptz,
    decided_by     uuid REFERENCES staff (id),
    on_time        boolean,
    ended_at       timestamptz,
    version        bigint NOT NULL DEFAULT 0,
    CHECK (deadline > claimed_at),
    CHECK ((state IN ('ACTIVE', 'REPORTED')) = (ended_at IS NULL)),
    CHECK (state <> 'REPORTED' OR reported_at IS NOT NULL),
    CHECK (state <> 'CONFIRMED' OR (on_time IS NOT NULL AND decided_at IS NOT NULL))
);
-- exactly one active claim per item, whatever the application does: concurrent claims race on this index
CREATE UNIQUE INDEX claim_one_active ON claim (item_id) WHERE state IN ('ACTIVE', 'REPORTED');
CREATE INDEX claim_item_history ON claim (item_id, claimed_at DESC);
-- the expiry sweep reads only active claims past their deadline
CREATE INDEX claim_expiry ON claim (deadline) WHERE state = 'ACTIVE';
CREATE INDEX claim_grid ON claim (grid_id, state);
CREATE INDEX claim_claimed_by ON claim (claimed_by);
CREATE INDEX claim_decided_by ON claim (decided_by);

-- The claimers: the one who claimed (lead) and his named co-claimers of the same grid.
CREATE TABLE claim_member (
    claim_id uuid NOT NULL REFERENCES claim (id) ON DELETE CASCADE,
    staff_id uuid NOT NULL REFERENCES staff (id),
    lead     boolean NOT NULL,
    PRIMARY KEY (claim_id, staff_id)
);
CREATE INDEX claim_member_staff ON claim_member (staff_id);
