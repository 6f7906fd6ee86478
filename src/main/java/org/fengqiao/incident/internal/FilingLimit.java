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
    private final Clock clock;
    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final TransactionTemplate transaction;

    public FilingLimit(int perHour, Clock clock, JdbcClient jdbc, PersonalDataCipher cipher,
            PlatformTransactionManager transactions) {
        this.perHour = perHour;
        this.clock = clock;
        this.jdbc = jdbc;
        this.cipher = cipher;
        // the caller's transaction, or one of its own when called without (a lock needs a transaction)
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    /** Counts one submission from the address; false (and not counted) when it already sent its hour's share. */
    public boolean admit(String address) {
        String key = cipher.blindIndex(PURPOSE, address == null ? "?" : address);
        Instant now = clock.instant();
        OffsetDateTime minute = OffsetDateTime.ofInstant(now.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
        OffsetDateTime since = OffsetDateTime.ofInstant(now.minus(WINDOW), ZoneOffset.UTC);
        Boolean admitted = transaction.execute(tx -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7262101))").param("key", key)
                    .query(Object.class).single();
            long sent = jdbc.sql("""
                    SELECT coalesce(sum(count), 0) FROM public_filing_count WHERE address_key = ? AND minute > ?""")
                    .params(key, since).query(Long.class).single();
            if (sent >= perHour) {
                return false;
            }
            jdbc.sql("""
                    INSERT INTO public_filing_count (address_key, minute, count) VALUES (?, ?, 1)
                    ON CONFLICT (address_key, minute) DO UPDATE SET count = public_filing_count.count + 1""")
                    .params(key, minute).update();
            return true;
        });
        return Boolean.TRUE.equals(admitted);
    }

    /** Deletes the counts that have left every address's window; answers how many rows went. */
    public int forgetOld() {
        return jdbc.sql("DELETE FROM public_filing_count WHERE minute <= ?")
                .param(OffsetDateTime.ofInstant(clock.instant().minus(WINDOW), ZoneOffset.UTC)).update();
    }

    public int perHour() {
        return perHour;
    }
}
