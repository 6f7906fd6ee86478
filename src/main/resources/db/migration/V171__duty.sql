-- The community officer's duty checklist (十五个一, seed 000): what he recorded done, on which day, where (a unit or
-- a grid of his jurisdiction) and with how many. The rhythm itself (which items, which period) is configuration
-- (fengqiao.duty.items), so a row keeps its item's code and the day, and the period is reckoned when it is read.
-- Recording twice in a period is allowed (both kept); a record is withdrawn, never deleted.
CREATE TABLE duty_record (
    id               uuid PRIMARY KEY,
    officer_id       uuid NOT NULL REFERENCES staff (id),
    item             text NOT NULL CHECK (item ~ '^[a-z][a-z0-9-]{1,39}$'),
    done_on          date NOT NULL,
    note             text NOT NULL CHECK (length(note) BETWEEN 1 AND 500),
    -- where: the unit, and the grid when he named one (the unit is then the grid's)
    unit_id          uuid NOT NULL REFERENCES unit (id),
    grid_id          uuid REFERENCES grid (id),
    participants     int CHECK (participants BETWEEN 1 AND 9999),
    -- MANUAL: he recorded it; FORCES_SHIFT: ticked by a patrol shift he checked out of (source_id: the shift)
    source           text NOT NULL DEFAULT 'MANUAL' CHECK (source IN ('MANUAL', 'FORCES_SHIFT')),
    source_id        uuid,
    recorded_at      timestamptz NOT NULL,
    withdrawn_at     timestamptz,
    withdrawn_reason text,
    version          bigint NOT NULL DEFAULT 0,
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL)),
    CHECK ((source = 'MANUAL') = (source_id IS NULL))
);
-- a shift ticks the checklist once, however often its event is delivered
CREATE UNIQUE INDEX duty_record_source ON duty_record (source, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX duty_record_officer ON duty_record (officer_id, done_on);
-- a grid's records are found when the grid is deleted (ForeignKeyIndexIntegrationTests)
CREATE INDEX duty_record_grid ON duty_record (grid_id);
