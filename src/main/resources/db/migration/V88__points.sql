-- Points (seed 002: 一案一奖、一事一积分) and the points store (积分超市).
--
-- Awards are proposed (by another module's event, or by hand) and approved or rejected by the grid chief
-- of the grid they belong to. An approved award writes one entry to the ledger.
CREATE TABLE points_award (
    id             uuid PRIMARY KEY,
    holder_id      uuid NOT NULL REFERENCES staff (id),
    grid_id        uuid NOT NULL REFERENCES grid (id),
    rule           text NOT NULL,
    points         int  NOT NULL CHECK (points > 0),
    source_type    text NOT NULL,
    source_id      text NOT NULL,
    note           text,
    -- 同功同奖: the award of the investigator whose case this clue giver's award mirrors
    linked_award_id uuid REFERENCES points_award (id),
    status         text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    proposed_by    uuid REFERENCES staff (id),
    proposed_at    timestamptz NOT NULL,
    decided_by     uuid REFERENCES staff (id),
    decided_at     timestamptz,
    decision_note  text,
    CHECK ((status = 'PENDING') = (decided_at IS NULL))
);
-- one award per holder, rule and source record: an event delivered twice proposes nothing new
CREATE UNIQUE INDEX points_award_once ON points_award (holder_id, rule, source_type, source_id);
CREATE INDEX points_award_grid ON points_award (grid_id, status);
CREATE INDEX points_award_linked ON points_award (linked_award_id);

-- The ledger: append-only. Awards (+), reversals (the opposite of an entry, never an edit) and
-- redemptions (-). Each entry carries the holder's balance after it, which is never negative.
CREATE TABLE points_entry (
    id           bigserial PRIMARY KEY,
    holder_id    uuid NOT NULL REFERENCES staff (id),
    kind         text NOT NULL CHECK (kind IN ('AWARD', 'REVERSAL', 'REDEMPTION')),
    points       int  NOT NULL CHECK (points <> 0),
    balance_after int NOT NULL CHECK (balance_after >= 0),
    rule         text,
    source_type  text NOT NULL,
    source_id    text NOT NULL,
    grid_id      uuid REFERENCES grid (id),
    award_id     uuid REFERENCES points_award (id),
    reverses_id  bigint REFERENCES points_entry (id),
    approved_by  uuid REFERENCES staff (id),
    note         text,
    at           timestamptz NOT NULL,
    CHECK ((kind = 'REVERSAL') = (reverses_id IS NOT NULL)),
    CHECK (kind <> 'AWARD' OR points > 0),
    CHECK (kind <> 'REDEMPTION' OR points < 0)
);
CREATE INDEX points_entry_holder ON points_entry (holder_id, id);
CREATE INDEX points_entry_grid ON points_entry (grid_id, at);
CREATE INDEX points_entry_at ON points_entry (at);
CREATE UNIQUE INDEX points_entry_award ON points_entry (award_id) WHERE kind = 'AWARD';
-- an entry is reversed at most once
CREATE UNIQUE INDEX points_entry_reversed_once ON points_entry (reverses_id) WHERE reverses_id IS NOT NULL;

CREATE FUNCTION points_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER points_entry_append_only BEFORE UPDATE OR DELETE ON points_entry
    FOR EACH ROW EXECUTE FUNCTION points_refuse_change();
CREATE TRIGGER points_entry_no_truncate BEFORE TRUNCATE ON points_entry
    FOR EACH STATEMENT EXECUTE FUNCTION points_refuse_change();

-- One row per holder: the lock every ledger write takes (SELECT ... FOR UPDATE) and the balance.
CREATE TABLE points_balance (
    holder_id uuid PRIMARY KEY REFERENCES staff (id),
    balance   int NOT NULL CHECK (balance >= 0)
);

-- Yearly activists (积极分子): the top of a station's ledger for a year, confirmed by the chief.
CREATE TABLE points_activist (
    year         int  NOT NULL,
    holder_id    uuid NOT NULL REFERENCES staff (id),
    station_id   uuid NOT NULL REFERENCES unit (id),
    points       int  NOT NULL,
    rank         int  NOT NULL,
    confirmed_by uuid NOT NULL REFERENCES staff (id),
    confirmed_at timestamptz NOT NULL,
    PRIMARY KEY (year, holder_id)
);
CREATE INDEX points_activist_station ON points_activist (station_id, year);

-- The store: items a unit (a station or its office) offers for points, with where they came from.
CREATE TABLE store_item (
    id           uuid PRIMARY KEY,
    unit_id      uuid NOT NULL REFERENCES unit (id),
    name         text NOT NULL,
    source       text NOT NULL CHECK (source IN ('DONATED', 'SUPERMARKET_CARD', 'VOLUNTEER_FUND', 'BRAVERY_FUND')),
    donor        text,
    price_points int  NOT NULL CHECK (price_points > 0),
    stock        int  NOT NULL CHECK (stock >= 0),
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL,
    version      bigint NOT NULL DEFAULT 0,
    CHECK (source <> 'DONATED' OR donor IS NOT NULL)
);
CREATE INDEX store_item_unit ON store_item (unit_id);

-- Fund accounts (the government volunteer fund, the 见义勇为 fund) in fen, never floats.
CREATE TABLE fund_account (
    id          uuid PRIMARY KEY,
    unit_id     uuid NOT NULL REFERENCES unit (id),
    kind        text NOT NULL CHECK (kind IN ('VOLUNTEER_FUND', 'BRAVERY_FUND')),
    name        text NOT NULL,
    balance_fen bigint NOT NULL DEFAULT 0 CHECK (balance_fen >= 0),
    UNIQUE (unit_id, kind)
);

-- Income (+) and spending (-) of a fund; a purchase of stock names the item and the quantity. Append-only.
CREATE TABLE fund_entry (
    id          bigserial PRIMARY KEY,
    fund_id     uuid NOT NULL REFERENCES fund_account (id),
    kind        text NOT NULL CHECK (kind IN ('INCOME', 'PURCHASE')),
    amount_fen  bigint NOT NULL CHECK (amount_fen <> 0),
    balance_after_fen bigint NOT NULL CHECK (balance_after_fen >= 0),
    item_id     uuid REFERENCES store_item (id),
    quantity    int CHECK (quantity > 0),
    note        text NOT NULL,
    by_staff    uuid REFERENCES staff (id),
    at          timestamptz NOT NULL,
    CHECK ((kind = 'INCOME') = (amount_fen > 0)),
    CHECK ((kind = 'PURCHASE') = (item_id IS NOT NULL AND quantity IS NOT NULL))
);
CREATE INDEX fund_entry_fund ON fund_entry (fund_id, id);
CREATE INDEX fund_entry_item ON fund_entry (item_id);
CREATE TRIGGER fund_entry_append_only BEFORE UPDATE OR DELETE ON fund_entry
    FOR EACH ROW EXECUTE FUNCTION points_refuse_change();

-- A redemption's voucher: the code in its QR, scanned once at pickup.
CREATE TABLE points_voucher (
    id        uuid PRIMARY KEY,
    code      text NOT NULL UNIQUE,
    holder_id uuid NOT NULL REFERENCES staff (id),
    item_id   uuid NOT NULL REFERENCES store_item (id),
    entry_id  bigint NOT NULL REFERENCES points_entry (id),
    points    int NOT NULL CHECK (points > 0),
    issued_at timestamptz NOT NULL,
    used_at   timestamptz,
    used_by   uuid REFERENCES staff (id),
    CHECK ((used_at IS NULL) = (used_by IS NULL))
);
CREATE INDEX points_voucher_holder ON points_voucher (holder_id, issued_at DESC);
CREATE INDEX points_voucher_item ON points_voucher (item_id);
