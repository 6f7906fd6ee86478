-- Activists (积极分子) are confirmed per board: a station's, an office's and the county bureau's (seed 002: the
-- county names them) are lists of their own, and one person may stand on each of them for the same year. The key
-- (year, holder_id) allowed him on one list only, so once a station had confirmed its year the office or the
-- bureau could not confirm theirs (a unique violation answered as a conflict with "a record saved by another").
ALTER TABLE points_activist DROP CONSTRAINT points_activist_pkey;
ALTER TABLE points_activist ADD PRIMARY KEY (station_id, year, holder_id);
-- the new key leads with (station_id, year), as this index did
DROP INDEX points_activist_station;
