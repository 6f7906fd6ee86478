-- A resident whose report was merged into another (MERGED) may still add information and photos on his tracking
-- page; they are kept on his own report and reach the report it was merged into, which is the one being handled.
-- There they are the photos of another reporter than that report's own: MERGED_RESIDENT, shown to the staff who see
-- the report and never on its own reporter's tracking page (which shows RESIDENT photos only).
ALTER TABLE incident_photo DROP CONSTRAINT incident_photo_added_by_check;
ALTER TABLE incident_photo ADD CONSTRAINT incident_photo_added_by_check
    CHECK (added_by IN ('RESIDENT', 'STAFF', 'MERGED_RESIDENT'));

-- A report its resident reopened rejects the answer he rated: from now on the reopening withdraws that rating from
-- incident_rating (ResidentDesk.reopen), so the satisfaction rate counts only ratings of answers standing, and the
-- rating of the next answer counts. Reports reopened before then keep a rating given before their last reopening; it
-- goes now. Nothing is lost: every rating given is on the report's timeline as a RATED step (score and words), which
-- stays. A rating given after the last reopening (of the next answer) stays and counts. Run twice, it changes nothing.
DELETE FROM incident_rating r
WHERE EXISTS (SELECT 1 FROM incident_event e WHERE e.incident_id = r.incident_id AND e.kind = 'REOPENED'
                                                 AND e.at > r.rated_at);
