package org.fengqiao.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes every {@link Audited} event to {@code audit_entry}.
 * <p>
 * A plain synchronous {@link EventListener} on purpose, not {@code @ApplicationModuleListener} nor
 * {@code @TransactionalEventListener}: the entry must be written on the publisher's thread, with
 * the publisher's connection, inside the publisher's transaction. Then a change that rolls back
 * takes its entry with it, and an entry that cannot be written makes the change fail, so no
 * change commits unrecorded. Spring Modulith only keeps publications for transactional listeners,
 * so this one never lands in the event publication registry (where a retry could write an entry
 * twice, or after the change it describes). Without a transaction (a sign-in) the entry commits
 * on its own.
 * <p>
 * Sequence number, time and hashes are set by the database trigger under a lock, so they are
 * not sent from here.
 */
@Component
public class AuditTrail {

    /** The actor written when nobody is signed in and the publisher named nobody (start-up, jobs). */
    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AuditTrail(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventListener
    public void record(Audited event) {
        // A read outside any transaction (a search, a person's page) commits its entry with
        // asynchronous commit: every search would otherwise wait for a disk flush while holding the
        // chain's lock, and searches would queue behind each other. A crash can lose at most the last
        // fraction of a second of read entries, never make a gap: the write-ahead log is flushed in
        // order, so any later durable commit carries the entries before it. It is one statement in its
        // own transaction, so the lock is held from the trigger to the commit inside the database,
        // never across a round trip to the application (which a descheduled thread could stretch).
        write(event, "READ".equals(event.action()) && !TransactionSynchronizationManager.isActualTransactionActive());
    }

    private void write(Audited event, boolean asynchronousCommit) {
        Optional<Caller> caller = Callers.current();
        // The signed-in caller is the proven identity and wins; the publisher's own actor name is
        // only a claim, used where nobody is signed in (a failed sign-in names the attempted user).
        UUID actorId = caller.map(Caller::staffId).orElse(null);
        String actor = caller.map(Caller::username)
                .orElseGet(() -> event.actor() != null && !event.actor().isBlank() ? event.actor() : SYSTEM);
        String role = caller.map(Caller::role).orElse(null);
        // set_config(..., true) lasts until the end of the statement's own transaction, so its commit
        // is asynchronous; in a caller's transaction the entry is an ordinary insert of that transaction.
        jdbc.sql((asynchronousCommit ? "WITH async AS (SELECT set_config('synchronous_commit', 'off', true))\n" : "") + """
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                SELECT CAST(:actorId AS uuid), CAST(:actor AS text), CAST(:role AS text), CAST(:addr AS text),
                       CAST(:action AS text), CAST(:recordType AS text), CAST(:recordId AS text), CAST(:unitPath AS text),
                       CAST(:before AS jsonb), CAST(:after AS jsonb)
                """ + (asynchronousCommit ? " FROM async" : ""))
                .param("actorId", actorId)
                .param("actor", actor)
                .param("role", role)
                .param("addr", Callers.remoteAddress().orElse(null))
                .param("action", event.action())
                .param("recordType", event.recordType())
                .param("recordId", event.recordId())
                .param("unitPath", event.unitPath())
                .param("before", toJson(event.before()))
                .param("after", toJson(event.after()))
                .update();
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Thrown on purpose: a change whose before/after cannot be recorded must not happen.
            throw new IllegalStateException("cannot write audit entry: " + value.getClass().getName(), e);
        }
    }
}
