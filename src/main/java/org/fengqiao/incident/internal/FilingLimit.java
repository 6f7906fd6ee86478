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
 * How many public submissions one network address sent in the last hour, counted in the database per address
 * and minute: every instance of the application shares one count, and a restart forgets nothing. An address
 * is kept as a keyed blind index only. Two submissions from one address on two instances at once are counted
 * one after the other (a transaction-scoped lock on the address), so the share is never exceeded. The count
 * joins the submission's transaction: a submission refused for bad input changes nothing, its count included,
 * and submissions from one address wait for each other's commit (not a resident's concern: seconds apart).
 */
public final class FilingLimit {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final String PURPOSE = "public-filing-address";

    private final int perHour;
    private final AddressCounts counts;
    private final TransactionTemplate transaction;

    public FilingLimit(int perHour, Clock clock, JdbcClient jdbc, PersonalDataCipher cipher,
            PlatformTransactionManager transactions) {
        this.perHour = perHour;
        this.counts = new AddressCounts("public_filing_count", "minute", ChronoUnit.MINUTES, WINDOW, PURPOSE, 7262101,
                clock, jdbc, cipher);
        // the caller's transaction, or one of its own when called without (a lock needs a transaction)
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    /** Counts one submission from the address; false (and not counted) when it already sent its hour's share. */
    public boolean admit(String address) {
        return Boolean.TRUE.equals(transaction.execute(tx -> counts.count(address, perHour) != null));
    }

    /** Deletes the counts that have left every address's window; answers how many rows went. */
    public int forgetOld() {
        return counts.forgetOld();
    }

    public int perHour() {
        return perHour;
    }
}
