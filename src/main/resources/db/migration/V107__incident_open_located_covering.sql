-- The candidates for duplicates near a new report come from incident_open_located (V83). Under a crowd of reports
-- each new one has dozens of open reports of its category in its box (66 on average in the intake bench), and each
-- was fetched from the table to be ranked by distance. With the report's id in the index, everything the ranking
-- reads is in the index: an index-only scan, which visits the table only for pages not yet marked all-visible by
-- vacuum (the newest few).
CREATE INDEX incident_open_located_v107 ON incident (category, lat, lon, occurred_at) INCLUDE (id)
    WHERE answered_at IS NULL AND status <> 'MERGED' AND lat IS NOT NULL;
DROP INDEX incident_open_located;
ALTER INDEX incident_open_located_v107 RENAME TO incident_open_located;
-- An index-only scan visits the table for the pages vacuum has not yet marked all-visible. Incidents are mostly
-- inserted, so vacuum is started by inserts: after 1,000 and 1 % of the table (instead of 20 %), the newest reports
-- included; such a pass only reads the pages not yet marked.
ALTER TABLE incident SET (autovacuum_vacuum_insert_scale_factor = 0.01);
