-- A catalogue manager retires a kind his bureau no longer uses: it leaves the issue and use forms and no longer
-- counts as required, while every ledger line and stock row that counts it keeps it, named as before. The row stays
-- (so a retired standard kind is never given to the bureau again: supply_standard_offered still holds its code), and
-- he may bring it back. NULL: in use.
ALTER TABLE supply_kind ADD COLUMN retired_at timestamptz;
