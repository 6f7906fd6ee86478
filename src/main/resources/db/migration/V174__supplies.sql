-- 警务保障 (seed 004): what the bureau provided to its stations, central offices, workstations and work points so
-- that every village officer can work (标牌, 站牌, 制度牌, 工作手册, 工作日志本, 宣传彩页, 办公桌椅), what it cost, who
-- received it, what was used up or lost, and what went from one unit to another. The ledger is append-only: a
-- correction is a reversing entry, never an update.

-- The kinds of supplies. The standard kinds are named by the bundle (supplies.kind.<code>); the bureau's own kinds
-- carry their name. required: every workstation and central office must hold one (每个警务工作站都统一配备).
CREATE TABLE supply_kind (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text,
    count_unit  text NOT NULL CHECK (count_unit IN ('PIECE', 'VOLUME', 'BOOK', 'COPY', 'SET')),
    builtin     boolean NOT NULL DEFAULT false,
    required    boolean NOT NULL DEFAULT false,
    created_by  uuid REFERENCES staff (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (builtin OR name IS NOT NULL)
);
CREATE UNIQUE INDEX supply_kind_name ON supply_kind (lower(name)) WHERE name IS NOT NULL;
CREATE INDEX supply_kind_created_by ON supply_kind (created_by);

INSERT INTO supply_kind (id, code, count_unit, builtin, required) VALUES
    ('5a000000-0000-4000-8000-000000000001', 'OFFICER_SIGN', 'PIECE', true, true),
    ('5a000000-0000-4000-8000-000000000002', 'STATION_SIGN', 'PIECE', true, true),
    ('5a000000-0000-4000-8000-000000000003', 'RULES_BOARD', 'PIECE', true, true),
    ('5a000000-0000-4000-8000-000000000004', 'HANDBOOK', 'VOLUME', true, true),
    ('5a000000-0000-4000-8000-000000000005', 'LOGBOOK', 'BOOK', true, true),
    ('5a000000-0000-4000-8000-000000000006', 'LEAFLET', 'COPY', true, false),
    ('5a000000-0000-4000-8000-000000000007', 'DESK_SET', 'SET', true, true);

-- One line of a unit's ledger. quantity is always positive; change is what the line does to the unit's stock once
-- it counts (+ issued and transferred in, once the unit's officer confirmed the receipt; - transferred out, used,
-- lost at once; a reversal the opposite of what its line did, 0 for an issue never confirmed).
CREATE TABLE supply_entry (
    id                  uuid PRIMARY KEY,
    seq                 bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    unit_id             uuid NOT NULL REFERENCES unit (id),
    kind_id             uuid NOT NULL REFERENCES supply_kind (id),
    entry_type          text NOT NULL CHECK (entry_type IN ('ISSUED', 'TRANSFERRED_IN', 'TRANSFERRED_OUT', 'USED',
                            'LOST', 'REVERSAL')),
    quantity            int NOT NULL CHECK (quantity > 0),
    change              int NOT NULL,
    -- what an issue cost, in fen; a reversal of an issue takes it back (negative)
    cost_fen            bigint,
    occurred_on         date NOT NULL,
    -- from whom an issue came (县局装备科, a supplier)
    supplier            text,
    reason              text,
    -- the other unit of a transfer, and the id both lines of it share
    counterpart_unit_id uuid REFERENCES unit (id),
    transfer_id         uuid,
    reverses_id         uuid UNIQUE REFERENCES supply_entry (id),
    needs_receipt       boolean NOT NULL,
    recorded_by         uuid REFERENCES staff (id),
    recorded_by_name    text NOT NULL,
    recorded_at         timestamptz NOT NULL,
    CHECK (needs_receipt = (entry_type IN ('ISSUED', 'TRANSFERRED_IN'))),
    CHECK ((cost_fen IS NULL) OR entry_type IN ('ISSUED', 'REVERSAL')),
    CHECK (cost_fen IS NULL OR entry_type <> 'ISSUED' OR cost_fen >= 0),
    CHECK ((reverses_id IS NOT NULL) = (entry_type = 'REVERSAL')),
    CHECK ((transfer_id IS NOT NULL) = (entry_type IN ('TRANSFERRED_IN', 'TRANSFERRED_OUT')))
);
CREATE INDEX supply_entry_unit ON supply_entry (unit_id, seq);
CREATE INDEX supply_entry_kind ON supply_entry (kind_id);
CREATE INDEX supply_entry_counterpart ON supply_entry (counterpart_unit_id);
CREATE INDEX supply_entry_recorded_by ON supply_entry (recorded_by);
CREATE INDEX supply_entry_occurred ON supply_entry (occurred_on);

-- The receiving unit's officer confirmed an issue or a transfer in: from then on it counts in the stock.
CREATE TABLE supply_receipt (
    entry_id          uuid PRIMARY KEY REFERENCES supply_entry (id),
    confirmed_by      uuid REFERENCES staff (id),
    confirmed_by_name text NOT NULL,
    confirmed_at      timestamptz NOT NULL
);
CREATE INDEX supply_receipt_confirmed_by ON supply_receipt (confirmed_by);

-- A unit's stock of a kind now, kept with every line that counts, under a row lock so that two lines at the same
-- moment are judged one after the other; never negative, whatever the application does.
CREATE TABLE supply_stock (
    unit_id  uuid NOT NULL REFERENCES unit (id),
    kind_id  uuid NOT NULL REFERENCES supply_kind (id),
    on_hand  int NOT NULL CHECK (on_hand >= 0),
    PRIMARY KEY (unit_id, kind_id)
);
CREATE INDEX supply_stock_kind ON supply_stock (kind_id);

-- Lines and receipts are never changed nor deleted: a correction is a reversing line.
CREATE FUNCTION supply_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the supplies ledger is append-only (%): record a reversing entry instead', TG_TABLE_NAME;
END $$;
CREATE TRIGGER supply_entry_append_only BEFORE UPDATE OR DELETE ON supply_entry
    FOR EACH ROW EXECUTE FUNCTION supply_append_only();
CREATE TRIGGER supply_receipt_append_only BEFORE UPDATE OR DELETE ON supply_receipt
    FOR EACH ROW EXECUTE FUNCTION supply_append_only();
