-- A grid redrawn or merged into another is retired, never deleted: the records filed in it keep their place and its
-- history stays readable. A retired grid is offered by no form, found by no locate, overlapped freely by the grid that
-- took its ground, and keeps its code (the unique (network, code) stays taken).
ALTER TABLE grid ADD COLUMN retired_at timestamptz;
