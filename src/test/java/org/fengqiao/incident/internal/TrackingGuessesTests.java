package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The tracking page's share of codes naming no report per network address and minute, counted in the database: a
 * code that found its report is given back, the minute slides with the clock, guesses sent at once never pass the
 * share, two instances share one count, and no address is kept in the clear.
 */
class TrackingGuessesTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    PlatformTransactionManager transactions;

    private TrackingGuesses guesses(int perMinute, MovableClock clock) {
        return new TrackingGuesses(perMinute, clock, jdbc, cipher, transactions);
    }

    /** An address of its own per test run: the counts of earlier runs stay in the shared database a while. */
    private static String address() {
        UUID u = UUID.randomUUID();
        return "2001:db8:7::" + Integer.toHexString((int) (u.getMostSignificantBits() & 0xffff)) + ":"
                + Integer.toHexString((int) (u.getLeastSignificantBits() & 0xffff));
    }

    @Test
    void anAddressTriesItsShareOfUnknownCodesAMinuteFoundReportsAreGivenBackAndTheMinuteSlides() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
        TrackingGuesses guesses = guesses(3, clock);
        String one = address();
        String other = address();
        for (int i = 0; i < 10; i++) {
            TrackingGuesses.Taken found = guesses.take(one);
            assertThat(found).as("a resident reloading his own report's page").isNotNull();
            guesses.giveBack(found);
        }
        assertThat(guesses.take(one)).isNotNull();
        clock.advance(Duration.ofSeconds(20));
        assertThat(guesses.take(one)).isNotNull();
        assertThat(guesses.take(one)).isNotNull();
        assertThat(guesses.take(one)).as("the fourth unknown code within the minute").isNull();
        assertThat(guesses.take(other)).as("another address has its own share").isNotNull();
        clock.advance(Duration.ofSeconds(41));
        assertThat(guesses.take(one)).as("the first guess has left the minute").isNotNull();
        assertThat(guesses.take(one)).isNull();
        assertThat(jdbc.sql("SELECT count(*) FROM public_tracking_guess WHERE address_key = ?").param(one)
                .query(Long.class).single()).as("no address in the clear").isZero();
    }

    @Test
    void guessesSentAtOnceFromTwoInstancesNeverPassTheShare() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);
        TrackingGuesses first = guesses(10, clock);
        TrackingGuesses second = guesses(10, clock);
        String flood = address();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                TrackingGuesses instance = i % 2 == 0 ? first : second;
                Callable<Boolean> guess = () -> {
                    start.await();
                    return instance.take(flood) != null;
                };
                answers.add(pool.submit(guess));
            }
            start.countDown();
            int taken = 0;
            for (Future<Boolean> a : answers) {
                taken += a.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(second.take(flood)).isNull();
    }

    @Test
    void countsOlderThanTheMinuteAreForgotten() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        TrackingGuesses guesses = guesses(2, clock);
        String one = address();
        guesses.take(one);
        String key = cipher.blindIndex("public-tracking-address", one);
        assertThat(jdbc.sql("SELECT count(*) FROM public_tracking_guess WHERE address_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        assertThat(guesses.forgetOld()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM public_tracking_guess WHERE address_key = ?").param(key)
                .query(Long.class).single()).isZero();
    }
}
