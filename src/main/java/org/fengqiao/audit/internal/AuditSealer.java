package org.fengqiao.audit.internal;

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
 */
@Component
public class AuditSealer {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final JdbcClient jdbc;

    AuditSealer(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
    }

    /**
     * Seals every entry committed so far, after any sealer running elsewhere has committed, in the caller's
     * transaction if there is one (verification then sees the whole chain). Returns how many entries it sealed.
     */
    public long sealAll() {
        return jdbc.sql("SELECT audit_seal(true)").query(Long.class).single();
    }
}
