-- A resident whose report was merged into another (MERGED) may still add information and photos on his tracking
-- page; they are kept on his own report and reach the report it was merged into, which is the one being handled.
-- There they are the photos of another reporter than that report's own: MERGED_RESIDENT, shown to the staff who see
-- the report and never on its own reporter's tracking page (which shows RESIDENT photos only).
ALTER TABLE incident_photo DROP CONSTRAINT incident_photo_added_by_check;
ALTER TABLE incident_photo ADD CONSTRAINT incident_photo_added_by_check
    CHECK (added_by IN ('RESIDENT', 'STAFF', 'MERGED_RESIDENT'));
