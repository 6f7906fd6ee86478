package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitTests {

    @Test
    void neverRunsMoreThanItsPermitsAtOnceAndRunsThatMany() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(3, Duration.ofSeconds(30));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            all.add(pool.submit(() -> limit.through(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                running.decrementAndGet();
                return n;
            })));
        }
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
        }
        pool.shutdown();
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void theWaitingTakeTheirTurnsInTheOrderTheyCame() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        holdTheOnlyTurn(limit, pool, release);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            waiting.add(pool.submit(() -> limit.through(() -> order.add(n))));
            // the next one comes only once this one waits in the queue
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (limit.waiting() < i + 1 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(limit.waiting()).isEqualTo(i + 1);
        }
        release.countDown();
        for (Future<?> f : waiting) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void noTurnWithinTheWaitIsBusyAndTheWorkIsNotDone() throws Exception {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, Duration.ofMillis(200));
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        holdTheOnlyTurn(limit, pool, release);
        AtomicInteger done = new AtomicInteger();
        assertThatThrownBy(() -> limit.through(done::incrementAndGet)).isInstanceOf(Busy.class)
                .satisfies(e -> assertThat(((Busy) e).retryAfterSeconds()).isEqualTo(1));
        assertThat(done.get()).isZero();
        release.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(limit.through(done::incrementAndGet)).isEqualTo(1);
    }

    @Test
    void aTurnIsGivenBackWhenTheWorkFails() {
        ConcurrencyLimit limit = new ConcurrencyLimit(1, Duration.ofMillis(100));
        assertThatThrownBy(() -> limit.through(() -> {
            throw new IllegalStateException("failed");
        })).hasMessage("failed");
        assertThat(limit.through(() -> "next")).isEqualTo("next");
    }

    @Test
    void withoutAGivenNumberItIsTwiceTheProcessors() {
        assertThat(new ConcurrencyLimit(0, Duration.ofSeconds(1)).permits())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }

    /** Takes the limit's one turn on the pool until release, and returns once it has it. */
    private static void holdTheOnlyTurn(ConcurrencyLimit limit, ExecutorService pool, CountDownLatch release)
            throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        pool.submit(() -> limit.through(() -> {
            holding.countDown();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
