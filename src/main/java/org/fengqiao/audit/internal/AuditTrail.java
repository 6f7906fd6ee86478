package org.fengqiao.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.database.BeforeCommitWrites;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes every {@link Audited} event to {@code audit_entry}.
 * <p>
 * A plain synchronous {@link EventListener} on purpose, not {@code @ApplicationModuleListener} nor
 * {@code @TransactionalEventListener}: the entry is taken on the publisher's thread (who, from where) and
 * written inside the publisher's transaction, with its other entries just before it commits
 * ({@link BeforeCommitWrites}: one round trip for all of them). Then a change that rolls back
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
    private final BeforeCommitWrites writes;

    AuditTrail(JdbcClient jdbc, ObjectMapper json, BeforeCommitWrites writes) {
        this.jdbc = jdbc;
        this.json = json;
        this.writes = writes;
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
        // every value as text, cast in the statement: a null and a value then reach the driver with the same type,
        // and the rows of a transaction go to the database as one batch of one prepared statement
        Map<String, Object> params = new HashMap<>();
        params.put("actorId", actorId == null ? null : actorId.toString());
        params.put("actor", actor);
        params.put("role", role);
        params.put("addr", Callers.remoteAddress().orElse(null));
        params.put("action", event.action());
        params.put("recordType", event.recordType());
        params.put("recordId", event.recordId());
        params.put("unitPath", event.unitPath());
        params.put("before", toJson(event.before()));
        params.put("after", toJson(event.after()));
        if (asynchronousCommit) {
            // set_config(..., true) lasts until the end of the statement's own transaction, so its commit is asynchronous
            jdbc.sql("WITH async AS (SELECT set_config('synchronous_commit', 'off', true))\n" + INSERT + " FROM async")
                    .params(params).update();
        } else {
            // In a transaction the entry is written with the transaction's other entries just before it commits,
            // after every other gathered row: the chain's lock, which its insert takes, is held from there to the
            // commit only. Without one it is written at once.
            writes.addLast(INSERT, params);
        }
    }

    private static final String INSERT = """
            INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                     unit_path, before, after)
            SELECT CAST(:actorId AS uuid), CAST(:actor AS text), CAST(:role AS text), CAST(:addr AS text),
                   CAST(:action AS text), CAST(:recordType AS text), CAST(:recordId AS text), CAST(:unitPath AS text),
                   CAST(:before AS jsonb), CAST(:after AS jsonb)""";

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
