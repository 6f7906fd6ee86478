-- The open located reports by category and by strip of 0.01 degree of longitude (about 1 km, less towards the
-- poles), then latitude. Through incident_open_located the duplicate check scanned the box's whole south-north band
-- across the jurisdiction, checking each entry's longitude inside the index: 460 entries for the 27 in a box in the
-- intake bench, and a county's band grows with its open reports. Now it reads the box's one or two strips only (more
-- for a distance over about 500 m), each from the box's south edge to its north edge.
CREATE INDEX incident_open_cell ON incident (category, floor(lon * 100), lat, lon, occurred_at)
    WHERE answered_at IS NULL AND status <> 'MERGED' AND lat IS NOT NULL;
DROP INDEX incident_open_located;
