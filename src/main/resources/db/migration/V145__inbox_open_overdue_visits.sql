-- A key person's visit closes the unread overdue-visit entries about him (marked read in the visit's transaction):
-- every visit to a household with a key person looks them up by the person, so they are found through this small
-- partial index rather than by reading the whole inbox.
CREATE INDEX inbox_entry_open_visit_overdue ON inbox_entry (record_id) WHERE kind = 'VISIT_OVERDUE' AND read_at IS NULL;
