package org.fengqiao.audit.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.fengqiao.audit.internal.AuditWitness.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Chains the committed audit entries into the hash chain (V150's {@code audit_seal()}), every half second. The entries
 * themselves are written with their change, numbered but not chained, so no audited write waits for another's commit;
 * the chain is the sealer's alone. With several instances each runs its sealer and at most one seals at a time (the
 * others find the chain's lock taken and return at once). Seals commit asynchronously: a crash loses at most the last
 * seals together with the removal of their entries from the pending list, so the next run seals them again.
 * <p>
 * After each run it writes the chain's head to the {@link AuditWitness}, outside the database, once the head's seal is
 * on disk (the write-ahead log flushed past it): a head lost in a database crash and sealed again differently must not
 * stand in the witness. It writes a head only while the chain still holds the head witnessed before with its hash, so
 * a chain cut or rewritten behind the witness is not witnessed over and stays reported until an operator moves the
 * witness file aside (after a deliberate restore). Every instance witnesses the chain, whoever sealed it.
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final JdbcClient jdbc;
    private final AuditWitness witness;
    /** The head last written to the witness (read from it at the first run), and one seen but not yet on disk. */
    private Optional<Head> witnessed;
    private Head awaiting;
    private long awaitingLsn;
    private boolean witnessFailing;

    AuditSealer(JdbcClient jdbc, AuditWitness witness) {
        this.jdbc = jdbc;
        this.witness = witness;
    }

    @Scheduled(fixedDelayString = "${fengqiao.audit.seal-interval:PT0.5S}",
            initialDelayString = "${fengqiao.audit.seal-interval:PT0.5S}")
    public void sealCommitted() {
        try {
            // set_config(..., true) lasts until the end of the statement's own transaction: its commit is asynchronous
            jdbc.sql("""
                    WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
                    SELECT audit_seal(false) FROM async""").query(Long.class).single();
        } catch (RuntimeException e) {
            // the entries stay pending and the next run takes them; nothing is lost by a failed run
            log.warn("Sealing the audit chain failed; the entries stay pending: {}", e.toString());
        }
        try {
            witnessHead();
            witnessFailing = false;
        } catch (IOException | RuntimeException e) {
            // sealing goes on without its witness; said once, not twice a second
            if (!witnessFailing) {
                log.error("Cannot write the audit chain's witness {}: {}", witness.file(), e.toString());
            }
            witnessFailing = true;
        }
    }

    /**
     * One step of witnessing: writes the head seen at an earlier run once the log is flushed past it, or else takes
     * the current head to write at a later run. One query, on the sealer's thread only (the entries' cost is unchanged).
     */
    synchronized void witnessHead() throws IOException {
        if (witnessed == null) {
            witnessed = witness.latest();
        }
        long before = witnessed.map(Head::chainNo).orElse(0L);
        Optional<Map<String, Object>> row = jdbc.sql("""
                SELECT h.chain_no, h.hash, (SELECT s.hash FROM audit_seal s WHERE s.chain_no = :before) AS before_hash,
                       (pg_current_wal_insert_lsn() - '0/0')::bigint AS inserted,
                       (pg_current_wal_flush_lsn() - '0/0')::bigint AS flushed
                FROM (SELECT chain_no, hash FROM audit_seal ORDER BY chain_no DESC LIMIT 1) AS h""")
                .param("before", before).query().listOfRows().stream().findFirst();
        if (row.isEmpty()) {
            return;
        }
        Map<String, Object> r = row.get();
        if (awaiting != null) {
            if (((Number) r.get("flushed")).longValue() >= awaitingLsn) {
                witness.record(awaiting);
                witnessed = Optional.of(awaiting);
                awaiting = null;
            }
            return;
        }
        long head = ((Number) r.get("chain_no")).longValue();
        boolean extendsWitnessed = witnessed.isEmpty() || witnessed.get().hash().equals(r.get("before_hash"));
        if (!extendsWitnessed) {
            // cut or rewritten behind the witness: nothing is witnessed over it, until the operator moves the file
            // aside after a deliberate step back, which the next run reads
            witnessed = witness.latest();
        } else if (head > before) {
            awaiting = new Head(head, (String) r.get("hash"), Instant.now());
            awaitingLsn = ((Number) r.get("inserted")).longValue();
        }
    }

    /**
     * Seals every entry committed so far, after any sealer running elsewhere has committed, in the caller's
     * transaction if there is one (verification then sees the whole chain). Returns how many entries it sealed.
     */
    public long sealAll() {
        return jdbc.sql("SELECT audit_seal(true)").query(Long.class).single();
    }
}
