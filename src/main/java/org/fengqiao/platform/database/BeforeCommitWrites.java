package org.fengqiao.platform.database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows that belong to the caller's transaction but that nothing in it reads back, such as audit entries and inbox
 * entries: gathered while the transaction runs and written just before it commits, the rows of each statement as one
 * JDBC batch (one round trip for all of them). A transaction that files many reports at once (group commit) then pays
 * one round trip per kind of row, not one per row.
 * <p>
 * The guarantees of writing them at once stay: they are written in the same transaction, so a change that rolls back
 * takes them with it, and a row that cannot be written fails the commit, so the change does not happen. Outside a
 * transaction a row is written at once; so is a row added after the gathered ones were written (by another callback
 * that runs before the commit). Rows added with {@link #addLast} are written after the others: the audit chain's lock,
 * taken by an entry's insert, is then held only from the last statement to the commit.
 */
@Component
public class BeforeCommitWrites {

    private final NamedParameterJdbcTemplate jdbc;

    BeforeCommitWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A row to write before the caller's transaction commits (at once without one); {@code sql} names its parameters. */
    public void add(String sql, Map<String, ?> params) {
        add(sql, params, false);
    }

    /** As {@link #add}, written after every row added with {@link #add}. */
    public void addLast(String sql, Map<String, ?> params) {
        add(sql, params, true);
    }

    private void add(String sql, Map<String, ?> params, boolean last) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(sql, params);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.written) {
            jdbc.update(sql, params);
            return;
        }
        (last ? pending.last : pending.first).computeIfAbsent(sql, s -> new ArrayList<>()).add(params);
    }

    /** The rows gathered in one transaction, by statement in the order each statement was first added. */
    private final class Pending implements TransactionSynchronization {

        private final Map<String, List<Map<String, ?>>> first = new LinkedHashMap<>();
        private final Map<String, List<Map<String, ?>>> last = new LinkedHashMap<>();
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
            write(first);
            write(last);
        }

        private void write(Map<String, List<Map<String, ?>>> rows) {
            rows.forEach((sql, list) -> {
                if (list.size() == 1) {
                    jdbc.update(sql, list.get(0));
                } else {
                    SqlParameterSource[] batch = SqlParameterSourceUtils.createBatch(list.toArray(Map[]::new));
                    jdbc.batchUpdate(sql, batch);
                }
            });
            rows.clear();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(BeforeCommitWrites.this);
        }
    }
}
