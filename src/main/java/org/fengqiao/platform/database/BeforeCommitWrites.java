package org.fengqiao.platform.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows that belong to the caller's transaction but that nothing in it reads back, such as audit entries and inbox
 * entries: gathered while the transaction runs and written just before it commits, the rows of each kind together
 * (one statement for all of them, {@link Batch}). A transaction that files many reports at once (group commit) then
 * pays one round trip per kind of row, not one per row.
 * <p>
 * The guarantees of writing them at once stay: they are written in the same transaction, so a change that rolls back
 * takes them with it, and a row that cannot be written fails the commit, so the change does not happen. Outside a
 * transaction a row is written at once; so is a row added after the gathered ones were written (by another callback
 * that runs before the commit).
 */
@Component
public class BeforeCommitWrites {

    /** A kind of row and how to write several of them at once (one statement for all, say). */
    public interface Batch<T> {

        void write(List<T> rows);
    }

    /** A row to write before the caller's transaction commits, with the other rows of its batch; at once without one. */
    @SuppressWarnings("unchecked")
    public <T> void add(Batch<T> batch, T row) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            batch.write(List.of(row));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.written) {
            batch.write(List.of(row));
            return;
        }
        ((List<T>) pending.rows.computeIfAbsent(batch, b -> new ArrayList<>())).add(row);
    }

    /**
     * Writes now the rows of {@code batch} gathered so far in the caller's transaction, before a statement of the same
     * transaction that changes such rows: it would otherwise miss them (an inbox entry asking an officer to take up an
     * item, then marked read as he takes it up in the same transaction, was written after, unread). The batch keeps its
     * place among the others, so what runs after it at the commit (a batch added later) still runs after its rows.
     */
    public void flush(Batch<?> batch) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending != null && !pending.written) {
            pending.flush(batch);
        }
    }

    /**
     * The rows of {@code batch} gathered so far in the caller's transaction and not written yet, to be changed in place
     * before they are written (an entry read as soon as it is asked for, in the same transaction): written as they
     * stand then. Empty without a transaction, or once the gathered rows were written.
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> pending(Batch<T> batch) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return List.of();
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null || pending.written) {
            return List.of();
        }
        List<T> rows = (List<T>) pending.rows.get(batch);
        return rows == null ? List.of() : rows;
    }

    /** The rows gathered in one transaction, by batch in the order each batch was first added to. */
    private final class Pending implements TransactionSynchronization {

        private final Map<Batch<?>, List<?>> rows = new LinkedHashMap<>();
        private boolean written;

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(BeforeCommitWrites.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(BeforeCommitWrites.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            write();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void write() {
            rows.forEach((batch, list) -> {
                if (!list.isEmpty()) {
                    ((Batch) batch).write(list);
                }
            });
            rows.clear();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void flush(Batch<?> batch) {
            List<?> list = rows.get(batch);
            if (list != null && !list.isEmpty()) {
                ((Batch) batch).write(List.copyOf(list));
                list.clear();
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(BeforeCommitWrites.this);
        }
    }
}
