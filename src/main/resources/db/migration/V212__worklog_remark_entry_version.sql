-- A review remark (督导意见) is about the entry as the reviewer read it. The author may edit the entry afterwards;
-- without the version the remark was written on, the remark stood beside the new text as if it answered it, and
-- the supervisor could not tell that the entry changed after his review. Each remark keeps the entry's version.
ALTER TABLE worklog_remark ADD COLUMN entry_version bigint;
-- the remarks written before: the version in force at the remark's time (the first one replaced after it, else the
-- entry's current one)
UPDATE worklog_remark r
   SET entry_version = COALESCE((SELECT min(v.version) FROM worklog_revision v
                                  WHERE v.entry_id = r.entry_id AND v.replaced_at > r.created_at),
                                (SELECT e.version FROM worklog_entry e WHERE e.id = r.entry_id));
ALTER TABLE worklog_remark ALTER COLUMN entry_version SET NOT NULL;
