-- The audit trail: every change (who, when, from where, which record, before and after) and every
-- read of a person's record. Append-only: the database refuses UPDATE, DELETE and TRUNCATE.
-- Each entry carries a SHA-256 chained to the entry before it; audit_verify() recomputes the chain
-- and names the first entry that no longer matches.
CREATE TABLE audit_entry (
    seq          bigint PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor_id     uuid,
    actor        text NOT NULL,
    actor_role   text,
    remote_addr  text,
    action       text NOT NULL,
    record_type  text NOT NULL,
    record_id    text,
    unit_path    text,
    before       jsonb,
    after        jsonb,
    prev_hash    text NOT NULL,
    hash         text NOT NULL
);
CREATE INDEX audit_entry_record ON audit_entry (record_type, record_id);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id);
CREATE INDEX audit_entry_at ON audit_entry (at);

CREATE FUNCTION audit_digest(e audit_entry) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|',
        e.prev_hash, e.seq::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(e.actor_id::text, ''), e.actor, coalesce(e.actor_role, ''), coalesce(e.remote_addr, ''),
        e.action, e.record_type, coalesce(e.record_id, ''), coalesce(e.unit_path, ''),
        coalesce(e.before::text, ''), coalesce(e.after::text, '')), 'UTF8')), 'hex')
$$;

-- Entries are numbered and chained under one transaction-scoped lock, so concurrent writers
-- cannot fork the chain; whatever the application sends for seq and the hashes is overwritten.
CREATE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last audit_entry;
BEGIN
    PERFORM pg_advisory_xact_lock(7262001);
    SELECT * INTO last FROM audit_entry ORDER BY seq DESC LIMIT 1;
    NEW.seq := coalesce(last.seq, 0) + 1;
    NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
    NEW.at := clock_timestamp();
    NEW.hash := audit_digest(NEW);
    RETURN NEW;
END $$;
CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_chain();

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- The first entry whose stored hash or link no longer matches, or no row when the chain is whole.
CREATE FUNCTION audit_verify() RETURNS TABLE (broken_seq bigint, reason text, checked bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    e audit_entry;
    expected_prev text := repeat('0', 64);
    expected_seq bigint := 1;
    n bigint := 0;
BEGIN
    FOR e IN SELECT * FROM audit_entry ORDER BY seq LOOP
        n := n + 1;
        IF e.seq <> expected_seq THEN
            broken_seq := expected_seq; reason := 'missing'; checked := n; RETURN NEXT; RETURN;
        END IF;
        IF e.prev_hash <> expected_prev THEN
            broken_seq := e.seq; reason := 'link'; checked := n; RETURN NEXT; RETURN;
        END IF;
        IF e.hash <> audit_digest(e) THEN
            broken_seq := e.seq; reason := 'content'; checked := n; RETURN NEXT; RETURN;
        END IF;
        expected_prev := e.hash;
        expected_seq := e.seq + 1;
    END LOOP;
    RETURN;
END $$;
