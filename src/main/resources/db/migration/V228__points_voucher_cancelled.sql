-- A voucher not picked up may be cancelled (作废) by its holder or the store's keeper: its points come back as a
-- reversal of its redemption entry (reversed once, by points_entry_reversed_once) and its unit goes back to stock,
-- in one step. A cancelled voucher is never used, nor a used one cancelled.
ALTER TABLE points_voucher ADD COLUMN IF NOT EXISTS cancelled_at timestamptz;
ALTER TABLE points_voucher ADD COLUMN IF NOT EXISTS cancelled_by uuid REFERENCES staff (id);
ALTER TABLE points_voucher ADD CONSTRAINT points_voucher_cancelled_by
    CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL));
ALTER TABLE points_voucher ADD CONSTRAINT points_voucher_used_or_cancelled
    CHECK (cancelled_at IS NULL OR used_at IS NULL);
