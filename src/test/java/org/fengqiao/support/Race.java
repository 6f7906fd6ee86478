package org.fengqiao.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two people's changes of the same records at the same moment, in a set order: the winner's change is written in a
 * transaction the test holds open, the loser's request is sent and seen waiting for it in the database (a session
 * waiting for a lock), then the winner commits. Without the loser waiting (it answered at once) the race is not run.
 */
public final class Race {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public Race(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs {@code winner} and {@code loser} as said; answers what the loser's request answered. */
    public <T> T run(Runnable winner, Callable<T> loser) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(s -> {
                winner.run();
                written.countDown();
                await(commit);
            }), threads);
            assertThat(written.await(30, TimeUnit.SECONDS)).as("the first change is written").isTrue();
            long waitingBefore = waiting();
            CompletableFuture<T> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return loser.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (waiting() == waitingBefore && !second.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(second.isDone()).as("the second change waits for the first").isFalse();
            commit.countDown();
            first.get(30, TimeUnit.SECONDS);
            return second.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            commit.countDown();
            threads.shutdown();
        }
    }

    /** How many sessions of this database wait for a lock another holds. */
    private long waiting() {
        return jdbc.sql("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'""")
                .query(Long.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
