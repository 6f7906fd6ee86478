-- A unit retired by a reorganisation (a central office merged away): it stays, with every record that ever named it
-- (closed incidents, work logs, duty results, the audit trail), but no longer shows in the tree or the choice lists and
-- takes nothing new. Only an empty unit is retired: no units, communities, grids, staff or open items left at it.
ALTER TABLE unit ADD COLUMN retired_at timestamptz;
