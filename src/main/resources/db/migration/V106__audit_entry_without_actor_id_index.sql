-- No query of the trail looks entries up by actor_id: the audit page filters by actor name (audit_entry_actor_name,
-- V20), action, record, time and unit. The index cost every audited change and read one more B-tree insert while
-- the chain's lock was held (V4, V105).
DROP INDEX IF EXISTS audit_entry_actor;
