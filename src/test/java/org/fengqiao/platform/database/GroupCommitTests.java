package org.fengqiao.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The group commit's promises to its callers, with a write that records its batches and a counting transaction manager. */
class GroupCommitTests {

    /** Counts the transactions begun, committed and rolled back. */
    static final class Transactions implements PlatformTransactionManager {
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        final AtomicInteger rolledBack = new AtomicInteger();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            begun.incrementAndGet();
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            committed.incrementAndGet();
        }

        @Override
        public void rollback(TransactionStatus status) {
            rolledBack.incrementAndGet();
        }
    }

    final Transactions transactions = new Transactions();
    final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    /** Tens each item; 13 is refused; the first batch waits for the release. */
    List<Integer> write(List<Integer> items) {
        batches.add(List.copyOf(items));
        if (batches.size() == 1) {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (items.contains(13)) {
            throw new IllegalArgumentException("13 refused");
        }
        return items.stream().map(i -> i * 10).toList();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).isBefore(until);
            Thread.sleep(5);
        }
    }

    /**
     * Item 1 goes first and its batch is held (the release latch); the others are handed in meanwhile, from threads of
     * {@code callers}, and wait. Answers the futures, item 1's first, once all are waiting.
     */
    List<Future<Integer>> heldThenQueued(GroupCommit<Integer, Integer> group, ExecutorService callers, int... others)
            throws InterruptedException {
        List<Future<Integer>> answers = new ArrayList<>();
        answers.add(callers.submit(() -> group.submit(1)));
        await(() -> batches.size() == 1);
        for (int item : others) {
            answers.add(callers.submit(() -> group.submit(item)));
        }
        await(() -> group.pending() == others.length + 1);
        return answers;
    }

    @Test
    void itemsThatWaitTogetherAreWrittenInOneTransactionAndEachCallerGetsItsOwnAnswer() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 1, 32, new TransactionTemplate(transactions),
                this::write)) {
            List<Future<Integer>> answers = heldThenQueued(group, callers, 2, 3, 4, 5, 6);
            release.countDown();
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo((i + 1) * 10);
            }
            assertThat(batches).hasSize(2);
            assertThat(batches.get(1)).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
            assertThat(transactions.committed.get()).isEqualTo(2);
            assertThat(group.pending()).isZero();
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aBatchThatFailsIsRolledBackAndEachItemWrittenAloneSoOnlyTheFaultyOneFails() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 1, 32, new TransactionTemplate(transactions),
                this::write)) {
            List<Future<Integer>> answers = heldThenQueued(group, callers, 12, 13, 14);
            Future<Integer> first = answers.get(0);
            List<Future<Integer>> others = answers.subList(1, answers.size());
            release.countDown();
            assertThat(first.get()).isEqualTo(10);
            assertThat(others.get(0).get()).isEqualTo(120);
            assertThat(others.get(2).get()).isEqualTo(140);
            assertThatThrownBy(() -> others.get(1).get()).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("13 refused");
            // the batch of three, rolled back; then each alone, in the same order: two commits, one more rollback
            assertThat(batches).hasSize(5);
            assertThat(batches.get(1)).containsExactlyInAnyOrder(12, 13, 14);
            assertThat(batches.subList(2, 5)).containsExactlyElementsOf(batches.get(1).stream().map(List::of).toList());
            assertThat(transactions.committed.get()).isEqualTo(3);
            assertThat(transactions.rolledBack.get()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aWriterThatFindsItemsJustAfterAnotherStartedABatchGathersThemUntilHalfABatchHasPassed() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 2, 32, TimeUnit.SECONDS.toNanos(10),
                new TransactionTemplate(transactions), items -> {
                    batches.add(List.copyOf(items));
                    try {
                        if (items.contains(0)) {
                            Thread.sleep(1000);
                        }
                        if (items.contains(1)) {
                            hold.await(20, TimeUnit.SECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return items.stream().map(i -> i * 10).toList();
                })) {
            // a batch alone first: the writers learn that a batch takes about a second
            assertThat(group.submit(0)).isZero();
            // the next one is held: one writer busy since it started
            Future<Integer> held = callers.submit(() -> group.submit(1));
            await(() -> batches.size() == 2);
            // the other writer takes item 2 at once, and does not write it alone: half a batch has not passed
            Future<Integer> two = callers.submit(() -> group.submit(2));
            await(() -> group.pending() == 2 && group.waiting() == 0);
            Future<Integer> three = callers.submit(() -> group.submit(3));
            Future<Integer> four = callers.submit(() -> group.submit(4));
            assertThat(List.of(two.get(), three.get(), four.get())).containsExactly(20, 30, 40);
            assertThat(batches).hasSize(3);
            assertThat(batches.get(2)).containsExactlyInAnyOrder(2, 3, 4);
            assertThat(held.isDone()).isFalse();
            hold.countDown();
            assertThat(held.get()).isEqualTo(10);
        } finally {
            hold.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void aReportThatComesWhenNoOtherWriterIsBusyIsWrittenAtOnceEvenRightAfterABatch() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 2, 32, TimeUnit.SECONDS.toNanos(10),
                new TransactionTemplate(transactions), items -> {
                    batches.add(List.copyOf(items));
                    if (items.contains(0)) {
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return items;
                })) {
            // the writers learn that a batch takes about two seconds; then a quick batch has just started and ended
            group.submit(0);
            group.submit(5);
            Thread.sleep(50);
            // were it to wait for a share of the mean since that start, as beside a busy writer, it would wait
            // most of a second; with nobody busy nothing is gathered
            Future<Integer> six = callers.submit(() -> group.submit(6));
            assertThat(six.get(400, TimeUnit.MILLISECONDS)).isEqualTo(6);
            assertThat(batches).containsExactly(List.of(0), List.of(5), List.of(6));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void theWaitIsASharePerWriterOfTheMeanBatchAndNeverLongerThanTheCap() {
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        assertThat(GroupCommit.gatherUntil(1000 * ms, 30 * ms, 2, 25 * ms)).isEqualTo(1015 * ms);
        assertThat(GroupCommit.gatherUntil(1000 * ms, 30 * ms, 3, 25 * ms)).isEqualTo(1010 * ms);
        // an outlier batch of two seconds in the mean: still at most the cap
        assertThat(GroupCommit.gatherUntil(1000 * ms, 2000 * ms, 2, 25 * ms)).isEqualTo(1025 * ms);
    }

    @Test
    void afterClosingAnItemIsWrittenOnTheCallersThread() {
        release.countDown();
        GroupCommit<Integer, Integer> group = new GroupCommit<>("test", 2, 32, new TransactionTemplate(transactions),
                items -> {
                    batches.add(List.of(Thread.currentThread().getName().startsWith("test-") ? -1 : items.get(0)));
                    return items;
                });
        group.close();
        assertThat(group.submit(7)).isEqualTo(7);
        assertThat(batches).containsExactly(List.of(7));
        assertThatThrownBy(() -> new GroupCommit<>("test", 0, 1, new TransactionTemplate(transactions), this::write))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
