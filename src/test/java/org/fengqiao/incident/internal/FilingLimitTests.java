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
 * The public page's limit per network address, counted in the database: it slides with the hour, is shared by
 * every instance (two limits on one database stand for two instances), holds under concurrent submissions, and
 * keeps no address in the clear.
 */
class FilingLimitTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    PlatformTransactionManager transactions;

    private FilingLimit limit(int perHour, MovableClock clock) {
        return new FilingLimit(perHour, clock, jdbc, cipher, transactions);
    }

    /** An address of its own per test run: the counts of earlier runs stay in the shared database for an hour. */
    private static String address() {
        UUID u = UUID.randomUUID();
        return "2001:db8:" + Integer.toHexString((int) (u.getMostSignificantBits() & 0xffff)) + "::"
                + Integer.toHexString((int) (u.getLeastSignificantBits() & 0xffff));
    }

    @Test
    void anAddressMaySendItsShareWithinAnHourAndAgainAsTheHourSlidesOn() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
        FilingLimit limit = limit(3, clock);
        String one = address();
        String other = address();
        assertThat(limit.admit(one)).isTrue();
        clock.advance(Duration.ofMinutes(20));
        assertThat(limit.admit(one)).isTrue();
        assertThat(limit.admit(one)).isTrue();
        assertThat(limit.admit(one)).as("the fourth within the hour").isFalse();
        assertThat(limit.admit(other)).as("another address has its own share").isTrue();
        clock.advance(Duration.ofMinutes(40));
        assertThat(limit.admit(one)).as("the first has left the window").isTrue();
        assertThat(limit.admit(one)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM public_filing_count WHERE address_key = ?").param(one)
                .query(Long.class).single()).as("no address in the clear").isZero();
    }

    @Test
    void twoInstancesShareOneCountAndConcurrentSubmissionsNeverExceedIt() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);
        FilingLimit first = limit(10, clock);
        FilingLimit second = limit(10, clock);
        String flood = address();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                FilingLimit instance = i % 2 == 0 ? first : second;
                Callable<Boolean> submit = () -> {
                    start.await();
                    return instance.admit(flood);
                };
                answers.add(pool.submit(submit));
            }
            start.countDown();
            int admitted = 0;
            for (Future<Boolean> a : answers) {
                admitted += a.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(second.admit(flood)).isFalse();
        assertThat(first.admit(flood)).isFalse();
    }

    @Test
    void countsOlderThanTheHourAreForgotten() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        FilingLimit limit = limit(2, clock);
        String one = address();
        limit.admit(one);
        String key = cipher.blindIndex("public-filing-address", one);
        assertThat(jdbc.sql("SELECT count(*) FROM public_filing_count WHERE address_key = ?").param(key)
                .query(Long.class).single()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(61));
        assertThat(limit.forgetOld()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM public_filing_count WHERE address_key = ?").param(key)
                .query(Long.class).single()).isZero();
    }
}
