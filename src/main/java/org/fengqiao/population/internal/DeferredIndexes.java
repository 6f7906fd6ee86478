package org.fengqiao.population.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The secondary indexes of the tables an import writes ({@link #TABLES}), set aside for a large load and built
 * again at its end, as {@code pg_restore} does: a million persons inserted one by one into the seven B-trees of
 * {@code person} (and those of households and addresses) cost more than sorting the table once per index, once the
 * indexes outgrow the shared buffers. {@link IndexDeferralPolicy} decides when.
 *
 * <p>Only indexes that no rule depends on are set aside: not the primary keys, not the unique indexes (the import
 * looks up stored numbers, households and addresses through them, and they keep a number, a household number and
 * an address from being stored twice), not those of a constraint. Searches stay correct meanwhile, only slower (a
 * name search reads the table).
 *
 * <p>Nothing is lost if the process stops in between: each index is dropped in the same transaction that records
 * its definition in {@code deferred_index}, and built in the same transaction that deletes that record. An index
 * whose job has ended without building it (the job failed, or its process stopped and {@link ImportJobWatch}
 * failed it) is built by the next watch on any instance; two instances never build the same one (its record is
 * locked, SKIP LOCKED).
 */
@Component
public class DeferredIndexes {

    /** The tables an import of persons writes. */
    static final List<String> TABLES = List.of("person", "household", "address");

    private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);
    private static final Pattern MEMORY = Pattern.compile("\\d{1,7}(kB|MB|GB)");
    /** Index builds side by side: the machine's cores, as the import's own stages use them. */
    private static final int BUILDERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** The order in which set-aside indexes are built: see {@link #build(UUID)}. */
    private static final String LONGEST_FIRST =
            "ORDER BY definition LIKE '% USING btree %', pg_relation_size(to_regclass(table_name)) DESC NULLS LAST, name";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final IndexDeferralPolicy policy;
    private final String buildMemory;

    DeferredIndexes(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            @Value("${fengqiao.imports.defer-indexes-from:100000}") long minimumRows,
            @Value("${fengqiao.imports.index-build-memory:256MB}") String buildMemory) {
        if (!MEMORY.matcher(buildMemory).matches()) {
            throw new IllegalArgumentException("fengqiao.imports.index-build-memory must be a size such as 256MB: " + buildMemory);
        }
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.policy = new IndexDeferralPolicy(minimumRows);
        this.buildMemory = buildMemory;
    }

    /** The policy's answer for an import of {@code rows} rows, against the persons stored now (the planner's estimate). */
    IndexDeferralPolicy.Decision decide(long rows, boolean dryRun) {
        long stored = jdbc.sql("SELECT reltuples::bigint FROM pg_class WHERE oid = 'person'::regclass")
                .query(Long.class).single();
        if (stored < 0) {
            // never analysed yet
            stored = jdbc.sql("SELECT count(*) FROM person").query(Long.class).single();
        }
        return policy.decide(rows, stored, dryRun);
    }

    /**
     * Drops the secondary indexes of {@link #TABLES} for the job, each recorded with its definition; answers their
     * names. Answers none, and drops none, when a table cannot be locked within two seconds (a long search or
     * another job's batch holds it: nothing waits behind the drop for longer) or another job has already set them
     * aside.
     */
    public List<String> defer(UUID jobId) {
        try {
            List<String> names = transactions.execute(status -> {
                jdbc.sql("SET LOCAL lock_timeout = '2s'").update();
                List<String[]> indexes = jdbc.sql("""
                        SELECT c.relname, t.relname, pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text
                        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
                        WHERE i.indrelid = ANY(?::text[]::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
                          AND i.indisvalid AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                        ORDER BY t.relname, c.relname""")
                        .param(TABLES.toArray(String[]::new))
                        .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                        .list();
                List<String> dropped = new ArrayList<>();
                for (String[] index : indexes) {
                    jdbc.sql("INSERT INTO deferred_index (name, table_name, definition, job_id) VALUES (?, ?, ?, ?)")
                            .params(index[0], index[1], index[2], jobId).update();
                    jdbc.sql("DROP INDEX " + index[3]).update();
                    dropped.add(index[0]);
                }
                return dropped;
            });
            return names == null ? List.of() : names;
        } catch (DataAccessException busy) {
            log.info("Import {} keeps the indexes up row by row: they could not be set aside ({})", jobId,
                    busy.getMostSpecificCause().getMessage());
            return List.of();
        }
    }

    /**
     * Builds the indexes the job set aside; answers the names built. The longest builds start first, so that the
     * builders end together: the trigram index of addresses (GIN, which PostgreSQL 17 builds on one process) before
     * the B-trees, then by the size of their table.
     */
    public List<String> build(UUID jobId) {
        return build(jdbc.sql("SELECT name FROM deferred_index WHERE job_id = ? " + LONGEST_FIRST)
                .param(jobId).query(String.class).list());
    }

    /**
     * Builds the indexes set aside by jobs that have ended without building them (failed, or failed by the watch
     * after their process stopped); answers the names built.
     */
    public List<String> buildAbandoned() {
        List<String> names = jdbc.sql("""
                SELECT d.name FROM deferred_index d
                WHERE NOT EXISTS (SELECT 1 FROM import_job j WHERE j.id = d.job_id AND j.status IN ('QUEUED', 'RUNNING'))
                """ + LONGEST_FIRST).query(String.class).list();
        List<String> built = build(names);
        if (!built.isEmpty()) {
            log.warn("Built again the indexes an ended import had set aside: {}", built);
        }
        return built;
    }

    /**
     * Merges into their GIN indexes of {@link #TABLES} (the trigram index of addresses) the rows an import wrote into
     * them one by one: with fast update they wait in the index's pending list until autovacuum merges them, a minute
     * or so after the load, and meanwhile every scan of the index reads the whole list, so that a search by address
     * reads the addresses by their key rather than through their trigram index. Indexes built again at the import's
     * end have no pending list; merging one costs at most {@code gin_pending_list_limit} (4 MB), which an insert
     * merges by itself beyond. Answers the pages merged; a failure leaves the merge to autovacuum.
     */
    public long mergePendingLists() {
        try {
            return jdbc.sql("""
                    SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid::regclass)), 0)
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
                    WHERE i.indrelid = ANY(?::text[]::regclass[]) AND a.amname = 'gin' AND i.indisvalid""")
                    .param(TABLES.toArray(String[]::new)).query(Long.class).single();
        } catch (DataAccessException failed) {
            log.warn("The pending lists of the GIN indexes of {} are left to autovacuum: {}", TABLES,
                    failed.getMostSpecificCause().getMessage());
            return 0;
        }
    }

    /** The names of the indexes set aside now, of any job. */
    public List<String> pending() {
        return jdbc.sql("SELECT name FROM deferred_index ORDER BY name").query(String.class).list();
    }

    private List<String> build(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> built = Collections.synchronizedList(new ArrayList<>());
        ExecutorService builders = Executors.newFixedThreadPool(Math.min(BUILDERS, names.size()), r -> {
            Thread t = new Thread(r, "index-build");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture.allOf(names.stream().map(name -> CompletableFuture.runAsync(() -> {
                if (buildOne(name)) {
                    built.add(name);
                }
            }, builders)).toArray(CompletableFuture[]::new)).join();
        } finally {
            builders.shutdown();
        }
        List<String> sorted = new ArrayList<>(built);
        Collections.sort(sorted);
        return sorted;
    }

    /** Builds one index and forgets its record, in one transaction; false when another builder has it. */
    private boolean buildOne(String name) {
        Boolean built = transactions.execute(status -> {
            List<String> definition = jdbc.sql("SELECT definition FROM deferred_index WHERE name = ? FOR UPDATE SKIP LOCKED")
                    .param(name).query(String.class).list();
            if (definition.isEmpty()) {
                return false;
            }
            long started = System.nanoTime();
            jdbc.sql("SET LOCAL maintenance_work_mem = '" + buildMemory + "'").update();
            // the definition is PostgreSQL's own (pg_get_indexdef); IF NOT EXISTS: a build that committed its index
            // and not its record's deletion cannot happen (one transaction), but an operator may have built it by hand
            jdbc.sql(definition.get(0).replaceFirst("^CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ")).update();
            jdbc.sql("DELETE FROM deferred_index WHERE name = ?").param(name).update();
            log.debug("Built index {} in {} ms", name, (System.nanoTime() - started) / 1_000_000);
            return true;
        });
        return Boolean.TRUE.equals(built);
    }
}
