package org.fengqiao.platform.database;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: callers hand in an item each and wait; writer threads take whatever items are waiting (up to
 * {@code maxBatch}) and write them together in one transaction, with one statement per kind of row and one commit,
 * then answer every caller. Under load a commit's flush to disk and its round trips are then paid once per batch
 * instead of once per item; a lone item is written at once, as before.
 * <p>
 * Each caller is answered only after the commit of its batch, so whatever it answers is stored. Should a batch fail
 * (one item breaks a constraint, say), it is rolled back whole and each of its items is written again alone, so an
 * item fails only for its own reason and never half-applies. The write must therefore answer one result per item, in
 * order, and must not have effects outside its transaction.
 * <p>
 * Several writers take turns, half a batch apart ({@link #gatherUntil}): a writer that finds items waiting just after
 * another one started a batch gathers what comes until half a batch's time (the recent mean, at most
 * {@link #MAX_GATHER_NANOS}) has passed since that start. Taking them at once made the writers' batches lopsided
 * under load (one of 25, the next of 2): the few in the small batch paid a commit almost alone, and the many who
 * came meanwhile waited for the big one to end. A lone item, with no other writer busy, is written at once.
 *
 * @param <T> what a caller hands in
 * @param <R> what it is answered
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Job<T, R>(T item, CompletableFuture<R> answer) {
    }

    private final BlockingQueue<Job<T, R>> queue = new LinkedBlockingQueue<>();
    private final TransactionTemplate tx;
    private final Function<List<T>, List<R>> write;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    /** Writers writing a batch now. */
    private final AtomicInteger busy = new AtomicInteger();
    /** When the latest batch started (System.nanoTime), and the mean time of recent batches, start to commit. */
    private volatile long lastStart;
    private volatile long meanNanos;
    private volatile boolean closed;

    /** The longest a writer gathers by default: half a batch of 50 ms, whatever an outlier did to the mean. */
    static final long MAX_GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    private final long maxGatherNanos;

    /**
     * @param write writes items in the transaction it is called in and answers one result per item, in order
     */
    public GroupCommit(String name, int writers, int maxBatch, TransactionTemplate tx, Function<List<T>, List<R>> write) {
        this(name, writers, maxBatch, MAX_GATHER_NANOS, tx, write);
    }

    GroupCommit(String name, int writers, int maxBatch, long maxGatherNanos, TransactionTemplate tx,
            Function<List<T>, List<R>> write) {
        if (writers < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("writers and maxBatch must be at least 1");
        }
        this.tx = tx;
        this.write = write;
        this.maxBatch = maxBatch;
        this.maxGatherNanos = maxGatherNanos;
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::run, name + "-" + (i + 1));
            t.setDaemon(true);
            this.writers.add(t);
            t.start();
        }
    }

    /** Writes the item with others waiting at the same time; answers once they are committed. */
    public R submit(T item) {
        if (closed) {
            return alone(item);
        }
        CompletableFuture<R> answer = new CompletableFuture<>();
        Job<T, R> job = new Job<>(item, answer);
        pending.incrementAndGet();
        try {
            queue.add(job);
            if (closed && queue.remove(job)) {
                // closed meanwhile, and no writer took it
                return alone(item);
            }
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        } finally {
            pending.decrementAndGet();
        }
    }

    private R alone(T item) {
        return tx.execute(s -> write.apply(List.of(item))).get(0);
    }

    private void run() {
        List<Job<T, R>> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Job<T, R> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                gather(batch);
                long started = System.nanoTime();
                lastStart = started;
                busy.incrementAndGet();
                try {
                    write(batch);
                } finally {
                    busy.decrementAndGet();
                    long took = System.nanoTime() - started;
                    // a running mean of the recent batches (the first one as it came); races between writers only
                    // lose a sample
                    long mean = meanNanos;
                    meanNanos = mean == 0 ? took : mean + (took - mean) / 8;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // never leaves a caller waiting, whatever broke
                batch.forEach(job -> job.answer().completeExceptionally(e));
                log.error("group commit writer failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Adds to the batch what comes until {@link #gatherUntil} (or the batch is full), while another writer is busy.
     * Interrupted, it stops gathering: the batch it holds is still written, and the writer stops after it.
     */
    private void gather(List<Job<T, R>> batch) {
        long until = gatherUntil(lastStart, meanNanos, writers.size(), maxGatherNanos);
        while (batch.size() < maxBatch && busy.get() > 0) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Job<T, R> more;
            try {
                more = queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (more == null) {
                return;
            }
            batch.add(more);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    /**
     * When a writer may start its batch: a share of a batch's time after the latest one started, so that the writers'
     * batches start evenly spaced (half a batch apart for two); no later than {@code maxGatherNanos} after it.
     */
    static long gatherUntil(long lastStart, long meanNanos, int writers, long maxGatherNanos) {
        return lastStart + Math.min(meanNanos / writers, maxGatherNanos);
    }

    private void write(List<Job<T, R>> batch) {
        List<R> results;
        try {
            List<T> items = batch.stream().map(Job::item).toList();
            results = tx.execute(s -> write.apply(items));
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.get(0).answer().completeExceptionally(e);
                return;
            }
            // one item's fault must not fail the others: each alone, in a transaction of its own
            for (Job<T, R> job : batch) {
                try {
                    job.answer().complete(alone(job.item()));
                } catch (RuntimeException | Error each) {
                    job.answer().completeExceptionally(each);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(results.get(i));
        }
    }

    /** How many items wait for a writer (not yet taken into a batch). */
    int waiting() {
        return queue.size();
    }

    /** How many items were handed in and not yet answered: waiting for a writer or being written. */
    public int pending() {
        return pending.get();
    }

    /** Stops taking items (later ones are written alone, on the caller's thread) and writes those still waiting. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // whatever came in while the writers stopped
        for (Job<T, R> job = queue.poll(); job != null; job = queue.poll()) {
            write(List.of(job));
        }
    }
}
