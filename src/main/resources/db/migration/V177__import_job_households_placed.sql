-- A persons import places a new household in the room its address names, when a building of its grid has that room
-- (the floor plan shows it there); the job counts those households, a dry run those it would place.
ALTER TABLE import_job ADD COLUMN households_placed bigint NOT NULL DEFAULT 0;
