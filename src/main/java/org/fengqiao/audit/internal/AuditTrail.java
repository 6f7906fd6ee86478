package org.fengqiao.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
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
 * Sequence number and time are set by the database trigger, which lists the entry as waiting for its seal; the
 * {@link AuditSealer} chains it into the hash chain after it commits (V150). Neither is sent from here.
 */
@Component
public class AuditTrail {

    /** The actor written when nobody is signed in and the publisher named nobody (start-up, jobs). */
    static final String SYSTEM = SystemActor.SYSTEM;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final BeforeCommitWrites writes;

    AuditTrail(JdbcClient jdbc, ObjectMapper json, BeforeCommitWrites writes) {
        this.jdbc = jdbc;
        this.json = plainIds(json);
        this.writes = writes;
    }

    @EventListener
    public void record(Audited event) {
        // A read outside any transaction (a search, a person's page) commits its entry with
        // asynchronous commit: every search would otherwise wait for a disk flush. A crash can lose at
        // most the last fraction of a second of read entries, never make a gap in the chain: entries are
        // chained by the sealer after they commit, and the write-ahead log is flushed in order, so any
        // later durable commit carries the entries before it.
        write(event, "READ".equals(event.action()) && !TransactionSynchronizationManager.isActualTransactionActive());
    }

    /**
     * Several reads at once ({@link Audited.Reads}): in a transaction gathered with its other entries as each one is;
     * without one written at once in one statement, its commit asynchronous as a single read's is.
     */
    @EventListener
    public void record(Audited.Reads reads) {
        if (reads.entries().isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            reads.entries().forEach(e -> write(e, false));
            return;
        }
        List<Entry> rows = reads.entries().stream().map(this::entry).toList();
        if (rows.size() == 1) {
            insert(rows.get(0), true);
        } else {
            insert(rows, true);
        }
    }

    /** An entry as taken when its event was published: who, from where, what. */
    private record Entry(UUID actorId, String actor, String role, String addr, String action, String recordType,
            String recordId, String unitPath, String before, String after) {
    }

    private void write(Audited event, boolean asynchronousCommit) {
        Entry entry = entry(event);
        if (asynchronousCommit) {
            // set_config(..., true) lasts until the end of the statement's own transaction, so its commit is asynchronous
            insert(entry, true);
        } else {
            // In a transaction the entry is written with the transaction's other entries just before it commits.
            // Without one it is written at once.
            writes.add(entries, entry);
        }
    }

    private Entry entry(Audited event) {
        Optional<Caller> caller = Callers.current();
        // The signed-in caller is the proven identity and wins; the publisher's own actor name is
        // only a claim, used where nobody is signed in (a failed sign-in names the attempted user).
        UUID actorId = caller.map(Caller::staffId).orElse(null);
        String actor = caller.map(Caller::username)
                .orElseGet(() -> event.actor() != null && !event.actor().isBlank() ? event.actor() : SYSTEM);
        String role = caller.map(Caller::role).orElse(null);
        return new Entry(actorId, actor, role, Callers.remoteAddress().orElse(null), event.action(),
                event.recordType(), event.recordId(), event.unitPath(), toJson(event.before()), toJson(event.after()));
    }

    /** The entries of a transaction, in the order they were published, in one statement. */
    private final BeforeCommitWrites.Batch<Entry> entries = new BeforeCommitWrites.Batch<>() {
        @Override
        public void write(List<Entry> rows) {
            if (rows.size() == 1) {
                insert(rows.get(0), false);
            } else {
                insert(rows, false);
            }
        }

    };

    /** One entry (a search, a sign-in, most changes): its values as they are, the cheapest statement. */
    private void insert(Entry e, boolean asynchronousCommit) {
        jdbc.sql((asynchronousCommit ? "WITH async AS (SELECT set_config('synchronous_commit', 'off', true))\n" : "") + """
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                SELECT CAST(:actorId AS uuid), CAST(:actor AS text), CAST(:role AS text), CAST(:addr AS text),
                       CAST(:action AS text), CAST(:recordType AS text), CAST(:recordId AS text),
                       CAST(:unitPath AS text), CAST(:before AS jsonb), CAST(:after AS jsonb)"""
                + (asynchronousCommit ? " FROM async" : ""))
                .param("actorId", e.actorId()).param("actor", e.actor()).param("role", e.role())
                .param("addr", e.addr()).param("action", e.action()).param("recordType", e.recordType())
                .param("recordId", e.recordId()).param("unitPath", e.unitPath()).param("before", e.before())
                .param("after", e.after())
                .update();
    }

    /**
     * Several entries (a batch of filings): one array per column, the same statement for any number of entries; the
     * trigger numbers them in the order of the rows, and the sealer chains them in that order.
     */
    private void insert(List<Entry> rows, boolean asynchronousCommit) {
        jdbc.sql((asynchronousCommit ? "WITH async AS (SELECT set_config('synchronous_commit', 'off', true))\n" : "") + """
                INSERT INTO audit_entry (actor_id, actor, actor_role, remote_addr, action, record_type, record_id,
                                         unit_path, before, after)
                SELECT e.actor_id, e.actor, e.role, e.addr, e.action, e.record_type, e.record_id, e.unit_path,
                       e.before, e.after
                FROM\s""" + (asynchronousCommit ? "async, " : "") + """
                unnest(CAST(:actorIds AS uuid[]), CAST(:actors AS text[]), CAST(:roles AS text[]),
                            CAST(:addrs AS text[]), CAST(:actions AS text[]), CAST(:recordTypes AS text[]),
                            CAST(:recordIds AS text[]), CAST(:unitPaths AS text[]), CAST(:befores AS jsonb[]),
                            CAST(:afters AS jsonb[])) WITH ORDINALITY
                     AS e (actor_id, actor, role, addr, action, record_type, record_id, unit_path, before, after, ord)
                ORDER BY e.ord""")
                .param("actorIds", rows.stream().map(Entry::actorId).toArray(UUID[]::new))
                .param("actors", rows.stream().map(Entry::actor).toArray(String[]::new))
                .param("roles", rows.stream().map(Entry::role).toArray(String[]::new))
                .param("addrs", rows.stream().map(Entry::addr).toArray(String[]::new))
                .param("actions", rows.stream().map(Entry::action).toArray(String[]::new))
                .param("recordTypes", rows.stream().map(Entry::recordType).toArray(String[]::new))
                .param("recordIds", rows.stream().map(Entry::recordId).toArray(String[]::new))
                .param("unitPaths", rows.stream().map(Entry::unitPath).toArray(String[]::new))
                .param("befores", rows.stream().map(Entry::before).toArray(String[]::new))
                .param("afters", rows.stream().map(Entry::after).toArray(String[]::new))
                .update();
    }

    /**
     * The application's mapper, but an id record ({@code record GridId(UUID value)}) is written as its plain value:
     * otherwise the trail stores {@code {"value": "…"}} wherever a module hands it a record holding ids (a unit, a
     * staff member as other modules see him), and the auditor reads an object where an id belongs. Only the trail's
     * own mapper: the API's JSON of those records stays as it is.
     */
    static ObjectMapper plainIds(ObjectMapper json) {
        com.fasterxml.jackson.databind.module.SimpleModule ids =
                new com.fasterxml.jackson.databind.module.SimpleModule("audit-plain-ids");
        ids.setSerializerModifier(new com.fasterxml.jackson.databind.ser.BeanSerializerModifier() {
            @Override
            public com.fasterxml.jackson.databind.JsonSerializer<?> modifySerializer(
                    com.fasterxml.jackson.databind.SerializationConfig config,
                    com.fasterxml.jackson.databind.BeanDescription description,
                    com.fasterxml.jackson.databind.JsonSerializer<?> serializer) {
                Class<?> type = description.getBeanClass();
                if (!type.isRecord() || !type.getSimpleName().endsWith("Id")
                        || type.getRecordComponents().length != 1) {
                    return serializer;
                }
                java.lang.reflect.Method value = type.getRecordComponents()[0].getAccessor();
                return new com.fasterxml.jackson.databind.ser.std.StdSerializer<Object>(Object.class) {
                    @Override
                    public void serialize(Object id, com.fasterxml.jackson.core.JsonGenerator out,
                            com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                        try {
                            provider.defaultSerializeValue(value.invoke(id), out);
                        } catch (ReflectiveOperationException e) {
                            throw new java.io.IOException("cannot read " + type.getName(), e);
                        }
                    }
                };
            }
        });
        return json.copy().registerModule(ids);
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
