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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate tx;

    AuditTrail(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
    }

    @EventListener
    public void record(Audited event) {
        if ("READ".equals(event.action()) && !TransactionSynchronizationManager.isActualTransactionActive()) {
            // A read outside any transaction (a search, a person's page) commits its entry with
            // asynchronous commit: every search would otherwise wait for a disk flush while holding
            // the chain's lock, and searches would queue behind each other. A crash can lose at most
            // the last fraction of a second of read entries, never make a gap: the write-ahead log is
            // flushed in order, so any later durable commit carries the entries before it.
            tx.executeWithoutResult(status -> {
                jdbc.sql("SET LOCAL synchronous_commit TO OFF").update();
                write(event);
            });
            return;
        }
        write(event);
    }

    private void write(Audited event) {
        Optional<Caller> caller = Callers.current();
        // The signed-in caller is the proven identity and wins; the publisher's own actor name is
        // only a claim, used where nobody is signed in (a failed sign-in names the attempted user).
        UUID actorId = caller.map(Caller::staffId).orElse(null);
        String actor = caller.map(Caller::username)
                .orElseGet(() -> event.actor() != null && !event.actor().isBlank() ? event.actor() : SYSTEM);
        String role = caller.map(Caller::role).orElse(null);
        jdbc.sql("""
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                VALUES (:actorId, :actor, :role, :addr, :action, :recordType, :recordId, :unitPath,
                        CAST(:before AS jsonb), CAST(:after AS jsonb))
                """)
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
