-- The audit chain is sealed after the entries commit, by one sealer, instead of under a lock held by every audited
-- write to its commit (V4). Before, each entry's trigger took pg_advisory_xact_lock(7262001), read the last entry and
-- hashed the new one, and the lock stayed held through the writer's commit and its flush: every audited change and
-- read of the whole platform, from every instance, committed one at a time (bench/README.md: 1,082-1,316 audit
-- entries a second on the intake bench's machine against 2,896 plain commits; the lock and its wake-ups were 0.3 ms
-- of a search's 0.5 ms entry, ninth and nineteenth sessions).
--
-- Now an entry is numbered from a sequence (seq: the order entries were written in, with gaps where a transaction
-- rolled back) and listed in audit_pending in the same statement, so it commits or rolls back with its change, as
-- before (ADR 0004). audit_seal() takes the committed pending entries under the lock and chains them in audit_seal:
-- chain_no counts the chain without gaps, prev_hash and hash as V4 computed them, with chain_no in place of seq. The
-- entries written before this migration keep their hashes: their chain_no is their seq, which V4 numbered without
-- gaps, so the formula gives the same digest byte for byte. An entry is unprotected between its commit and its seal
-- (the sealer runs every half second); a superuser able to change it then could as well disable the triggers and
-- rewrite the chain from any point on, which verification cannot tell either without a copy of the hashes elsewhere.

CREATE SEQUENCE audit_entry_seq;
SELECT setval('audit_entry_seq', coalesce((SELECT max(seq) FROM audit_entry), 0) + 1, false);

CREATE TABLE audit_seal (
    chain_no  bigint PRIMARY KEY,
    -- no foreign key: a deleted entry must show as missing in verification, not take its seal with it
    seq       bigint NOT NULL UNIQUE,
    prev_hash text NOT NULL,
    hash      text NOT NULL
);
INSERT INTO audit_seal (chain_no, seq, prev_hash, hash) SELECT seq, seq, prev_hash, hash FROM audit_entry;

-- The entries committed and not yet sealed. No index: the sealer takes the whole table at once.
CREATE TABLE audit_pending (
    seq bigint NOT NULL
);

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_seal
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_seal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Whatever the application sends for seq and at is overwritten, as before.
CREATE OR REPLACE FUNCTION audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.seq := nextval('audit_entry_seq');
    NEW.at := clock_timestamp();
    INSERT INTO audit_pending (seq) VALUES (NEW.seq);
    RETURN NEW;
END $$;

DROP FUNCTION audit_verify();
DROP FUNCTION audit_digest(audit_entry);
ALTER TABLE audit_entry DROP COLUMN prev_hash, DROP COLUMN hash;

-- V4's formula (V105's PL/pgSQL), the chain's number and link passed beside the entry.
CREATE FUNCTION audit_digest(e audit_entry, p_chain_no bigint, p_prev_hash text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN encode(sha256(convert_to(concat_ws('|',
        p_prev_hash, p_chain_no::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(e.actor_id::text, ''), e.actor, coalesce(e.actor_role, ''), coalesce(e.remote_addr, ''),
        e.action, e.record_type, coalesce(e.record_id, ''), coalesce(e.unit_path, ''),
        coalesce(e.before::text, ''), coalesce(e.after::text, '')), 'UTF8')), 'hex');
END $$;

-- Chains the committed pending entries in the order they were numbered and returns how many. One sealer at a time,
-- across instances: without p_wait a second one returns 0 at once (the scheduled sealer), with it it waits for the
-- first to commit (verification, which must see everything sealed). Its commit may be asynchronous: a seal lost in a
-- crash goes with the removal of its pending entries, which the next sealer takes again.
CREATE FUNCTION audit_seal(p_wait boolean DEFAULT false) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    taken bigint[];
    e audit_entry;
    n bigint;
    prev text;
    h text;
BEGIN
    IF p_wait THEN
        PERFORM pg_advisory_xact_lock(7262001);
    ELSIF NOT pg_try_advisory_xact_lock(7262001) THEN
        RETURN 0;
    END IF;
    WITH t AS (DELETE FROM audit_pending RETURNING seq) SELECT array_agg(seq) INTO taken FROM t;
    IF taken IS NULL THEN
        RETURN 0;
    END IF;
    SELECT s.chain_no, s.hash INTO n, prev FROM audit_seal s ORDER BY s.chain_no DESC LIMIT 1;
    n := coalesce(n, 0);
    prev := coalesce(prev, repeat('0', 64));
    FOR e IN SELECT * FROM audit_entry WHERE seq = ANY (taken) ORDER BY seq LOOP
        n := n + 1;
        h := audit_digest(e, n, prev);
        INSERT INTO audit_seal (chain_no, seq, prev_hash, hash) VALUES (n, e.seq, prev, h);
        prev := h;
    END LOOP;
    RETURN cardinality(taken);
END $$;

-- The first entry that no longer matches, or no row when the chain is whole: a seal whose entry is gone or whose
-- number skips one ('missing', naming the entry the seal covers), a broken link ('link'), changed fields ('content'),
-- and last an entry neither sealed nor waiting for its seal ('unsealed': written with the triggers disabled, or its
-- seal removed). Entries still waiting are not checked; seal them first (audit_seal(true)) to check everything.
CREATE FUNCTION audit_verify() RETURNS TABLE (broken_seq bigint, reason text, checked bigint)
LANGUAGE plpgsql STABLE AS $$
DECLARE
    r record;
    expected_prev text := repeat('0', 64);
    expected_no bigint := 1;
    n bigint := 0;
    outside bigint;
BEGIN
    FOR r IN SELECT s.chain_no, s.seq, s.prev_hash, s.hash, e.seq AS found, e AS entry
             FROM audit_seal s LEFT JOIN audit_entry e ON e.seq = s.seq ORDER BY s.chain_no LOOP
        n := n + 1;
        IF r.chain_no <> expected_no OR r.found IS NULL THEN
            broken_seq := r.seq; reason := 'missing'; checked := n; RETURN NEXT; RETURN;
        END IF;
        IF r.prev_hash <> expected_prev THEN
            broken_seq := r.seq; reason := 'link'; checked := n; RETURN NEXT; RETURN;
        END IF;
        IF r.hash <> audit_digest(r.entry, r.chain_no, r.prev_hash) THEN
            broken_seq := r.seq; reason := 'content'; checked := n; RETURN NEXT; RETURN;
        END IF;
        expected_prev := r.hash;
        expected_no := r.chain_no + 1;
    END LOOP;
    SELECT min(e.seq) INTO outside FROM audit_entry e
    WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.seq = e.seq)
      AND NOT EXISTS (SELECT 1 FROM audit_pending p WHERE p.seq = e.seq);
    IF outside IS NOT NULL THEN
        broken_seq := outside; reason := 'unsealed'; checked := n; RETURN NEXT;
    END IF;
    RETURN;
END $$;
