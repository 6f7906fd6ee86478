-- The audit administrator filters the trail by actor name and by action, newest first; these
-- indexes let both filters walk the entries in seq order instead of scanning the whole trail.
CREATE INDEX audit_entry_actor_name ON audit_entry (actor, seq DESC);
CREATE INDEX audit_entry_action ON audit_entry (action, seq DESC);
