-- audit_digest becomes a PL/pgSQL function computing the very same expression (V4). As a SQL function it was not
-- inlined where PL/pgSQL called it, so PostgreSQL parsed and planned its body again for every call: for every new
-- entry, in the chain's trigger, while the entry held the chain's lock (V4) that every audited write waits for,
-- and for every entry of audit_verify(). A PL/pgSQL function keeps its plan for the session. On the search bench's
-- database (bench/README.md, ninth session): 4 writers, one entry per statement, 3,560-3,595 entries a second
-- before, 5,900-6,250 after; audit_verify() over 0.6 million entries 35.8 s before, 14.9 s after. The hashes are
-- the same byte for byte: AuditChainIntegrationTests recomputes one in Java.
CREATE OR REPLACE FUNCTION audit_digest(e audit_entry) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN encode(sha256(convert_to(concat_ws('|',
        e.prev_hash, e.seq::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(e.actor_id::text, ''), e.actor, coalesce(e.actor_role, ''), coalesce(e.remote_addr, ''),
        e.action, e.record_type, coalesce(e.record_id, ''), coalesce(e.unit_path, ''),
        coalesce(e.before::text, ''), coalesce(e.after::text, '')), 'UTF8')), 'hex');
END $$;
