package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.Duration;
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
    public record Taken(AddressCounts.Counted counted) {
    }

    private final int perMinute;
    private final AddressCounts counts;
    private final TransactionTemplate transaction;

    public TrackingGuesses(int perMinute, Clock clock, JdbcClient jdbc, PersonalDataCipher cipher,
            PlatformTransactionManager transactions) {
        this.perMinute = perMinute;
        this.counts = new AddressCounts("public_tracking_guess", "second", ChronoUnit.SECONDS, WINDOW, PURPOSE, 7262102,
                clock, jdbc, cipher);
        // a transaction of its own: the guess stays counted whatever the look-up after it does
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Takes one guess from the address's share of the last minute; null (nothing taken) when none is left. */
    public Taken take(String address) {
        AddressCounts.Counted counted = transaction.execute(tx -> counts.count(address, perMinute));
        return counted == null ? null : new Taken(counted);
    }

    /** Gives back a guess that found its report: it was no guess. */
    public void giveBack(Taken taken) {
        counts.uncount(taken.counted());
    }

    /** Deletes the counts that have left every address's window; answers how many rows went. */
    public int forgetOld() {
        return counts.forgetOld();
    }

    public int perMinute() {
        return perMinute;
    }
}
