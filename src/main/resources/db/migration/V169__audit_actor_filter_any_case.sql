-- The audit page's actor filter finds an actor whatever the letter case and surrounding spaces: user names are kept in
-- lower case, but a sign-in (and a failed one) is written under the name as it was typed ("Chief", " chief"), so
-- filtering on chief missed the attempts made as Chief. The filter compares lower(btrim(actor)); this index lets it
-- walk the entries in seq order as V20's did, which no query uses any more.
CREATE INDEX audit_entry_actor_folded ON audit_entry (lower(btrim(actor)), seq DESC);
DROP INDEX audit_entry_actor_name;
