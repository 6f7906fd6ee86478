-- An incident step's reason, and an inbox entry's, is either a message key the system wrote (shown in the reader's
-- language) or what a person typed (shown as typed). Both share the column, so words that read like a key were
-- shown as the system's text. From now on each row says which it holds: true for a key, false for a person's words.
-- NULL: written before this, read as before (a key where the bundles know it). Adding a nullable column without a
-- default rewrites no row.
ALTER TABLE incident_event ADD COLUMN reason_is_key boolean;
ALTER TABLE inbox_entry ADD COLUMN reason_is_key boolean;
