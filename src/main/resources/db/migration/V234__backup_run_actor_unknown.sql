-- A copy found in the backup directory that no run of this database took (after a restore: the copies taken after the
-- one restored from) is recorded as a done run, so the runs list shows every copy the engineer can restore from; who
-- took it is not known to this database, and is left empty rather than made up.
ALTER TABLE backup_run ALTER COLUMN actor DROP NOT NULL;
