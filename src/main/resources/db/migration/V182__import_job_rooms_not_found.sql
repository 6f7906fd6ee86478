-- A persons import counts the new households whose address names a room (…2单元301室) that no registered building of
-- their grid has, or that more than one room may be: they stay at their address alone, and the officer sees how many
-- (a dry run: would stay) before importing, to register the buildings first or place them later from the floor plan.
ALTER TABLE import_job ADD COLUMN rooms_not_found bigint NOT NULL DEFAULT 0;
