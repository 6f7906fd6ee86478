package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How many tracking codes one network address tried in the last minute that named no report: a tracking code is the
 * only key to a resident's report, so an address may not guess codes without end. Each look-up takes a guess from the
 * address's share before it is made ({@link #take}, counted in the database per address and second, one address's
 * look-ups one after the other under a lock on it), and gives it back when it found its report ({@link #giveBack}): a
 * resident reloading his own report's page never runs out, while guesses sent at once cannot pass the share. Every
 * instance shares one count, a restart forgets nothing, and the address is kept as a keyed blind index only.
 */
public final class TrackingGuesses {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String PURPOSE = "public-tracking-address";

    /** A guess taken from an address's share, to be given back when it found its report. */
    public record Taken(String key, OffsetDateTime second) {
    }

    private final int perMinute;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final TransactionTemplate transaction;

    public TrackingGuesses(int perMinute, Clock clock, JdbcClient jdbc, PersonalDataCipher cipher,
            PlatformTransactionManager transactions) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.jdbc = jdbc;
        this.cipher = cipher;
        // a transaction of its own: the guess stays counted whatever the look-up after it does
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes one guess from the address's share of the last minute; null (nothing taken) when none is left. */
    public Taken take(String address) {
        String key = cipher.blindIndex(PURPOSE, address == null ? "?" : address);
        Instant now = clock.instant();
        OffsetDateTime second = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        OffsetDateTime since = OffsetDateTime.ofInstant(now.minus(WINDOW), ZoneOffset.UTC);
        return transaction.execute(tx -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7262102))").param("key", key)
                    .query(Object.class).single();
            // the window's seconds up to this one: a clock set back does not count what it has not reached
            long tried = jdbc.sql("""
                    SELECT coalesce(sum(count), 0) FROM public_tracking_guess
                    WHERE address_key = ? AND second > ? AND second <= ?""")
                    .params(key, since, second).query(Long.class).single();
            if (tried >= perMinute) {
                return null;
            }
            jdbc.sql("""
                    INSERT INTO public_tracking_guess (address_key, second, count) VALUES (?, ?, 1)
                    ON CONFLICT (address_key, second) DO UPDATE SET count = public_tracking_guess.count + 1""")
                    .params(key, second).update();
            return new Taken(key, second);
        });
    }

    /** Gives back a guess that found its report: it was no guess. */
    public void giveBack(Taken taken) {
        jdbc.sql("UPDATE public_tracking_guess SET count = count - 1 WHERE address_key = ? AND second = ? AND count > 0")
                .params(taken.key(), taken.second()).update();
    }

    /** Deletes the counts that have left every address's window; answers how many rows went. */
    public int forgetOld() {
        return jdbc.sql("DELETE FROM public_tracking_guess WHERE second <= ?")
                .param(OffsetDateTime.ofInstant(clock.instant().minus(WINDOW), ZoneOffset.UTC)).update();
    }

    public int perMinute() {
        return perMinute;
    }
}
