package org.fengqiao.incident.internal;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.fengqiao.support.Eventually;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Filings made to meet in one batch of the group commit: the requests are sent at once while the audit trail's list
 * of entries waiting for their seal (V150) is locked, so each writer's first batch waits for the lock at its audit
 * entries and the other filings queue behind the writers; once all wait, the lock is let go and the queued filings are
 * written together.
 */
final class FiledTogether {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final IncidentDesk desk;

    FiledTogether(DataSource dataSource, JdbcClient jdbc, IncidentDesk desk) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.desk = desk;
    }

    /** Sends the requests while audit entries cannot be written, lets them be once all wait; answers them in order. */
    List<HttpResponse<String>> send(List<Callable<HttpResponse<String>>> requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests.size());
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE audit_pending IN SHARE MODE");
            }
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (Callable<HttpResponse<String>> request : requests) {
                answers.add(clients.submit(request));
            }
            // each writer's first batch waits for the lock at its audit entries, every other filing for a writer; a
            // filing refused before its audit entries (a 110 push's case is written first) may already be answered,
            // alone, and is counted as queued
            Eventually.await(() -> desk.pendingFilings() + answers.stream().filter(Future::isDone).count()
                    == requests.size() && lockWaiters() > 0 ? true : null, "the filings to queue");
            holder.rollback();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (Future<HttpResponse<String>> a : answers) {
                out.add(a.get());
            }
            return out;
        } finally {
            clients.shutdownNow();
        }
    }

    /** The writers whose batch waits to write its audit entries (not the audit sealer, which waits there too). */
    long lockWaiters() {
        return jdbc.sql("""
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'relation' AND l.relation = 'audit_pending'::regclass AND NOT l.granted
                  AND a.query NOT LIKE '%audit_seal%'""")
                .query(Long.class).single();
    }
}
