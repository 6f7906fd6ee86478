package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one network address did in a sliding window (the public filings of an hour, the tracking-code guesses of a
 * minute), counted in the database per address and bucket (a minute, a second): every instance of the application
 * shares one count, a restart forgets nothing, and the address is kept as a keyed blind index only. An address's
 * counts are taken one after the other under a transaction-scoped lock on it, so attempts sent at once cannot pass
 * the share; the caller brings the transaction. Table and columns are the callers' constants: {@code (address_key,
 * <bucket>, count)} with the first two as its key.
 */
final class AddressCounts {

    /** One attempt counted: the address's key and the bucket it was counted in, to give it back by. */
    record Counted(String key, OffsetDateTime bucket) {
    }

    private final String table;
    private final String bucket;
    private final ChronoUnit unit;
    private final Duration window;
    private final String purpose;
    private final long lockSalt;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;

    AddressCounts(String table, String bucket, ChronoUnit unit, Duration window, String purpose, long lockSalt,
            Clock clock, JdbcClient jdbc, PersonalDataCipher cipher) {
        this.table = table;
        this.bucket = bucket;
        this.unit = unit;
        this.window = window;
        this.purpose = purpose;
        this.lockSalt = lockSalt;
        this.clock = clock;
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /**
     * Counts one attempt of the address when fewer than {@code share} are counted in the window up to now; null (and
     * nothing counted) otherwise. In the caller's transaction, which holds the address's lock until it ends.
     */
    Counted count(String address, int share) {
        String key = cipher.blindIndex(purpose, address == null ? "?" : address);
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now.truncatedTo(unit), ZoneOffset.UTC);
        OffsetDateTime since = OffsetDateTime.ofInstant(now.minus(window), ZoneOffset.UTC);
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, :salt))").param("key", key)
                .param("salt", lockSalt).query(Object.class).single();
        // the window's buckets up to this one: a clock set back does not count what it has not reached
        long counted = jdbc.sql("SELECT coalesce(sum(count), 0) FROM " + table + " WHERE address_key = ? AND "
                + bucket + " > ? AND " + bucket + " <= ?").params(key, since, at).query(Long.class).single();
        if (counted >= share) {
            return null;
        }
        jdbc.sql("INSERT INTO " + table + " (address_key, " + bucket + ", count) VALUES (?, ?, 1) ON CONFLICT (address_key, "
                + bucket + ") DO UPDATE SET count = " + table + ".count + 1").params(key, at).update();
        return new Counted(key, at);
    }

    /** Takes back an attempt counted: it turned out to be none (a tracking code that found its report). */
    void uncount(Counted counted) {
        jdbc.sql("UPDATE " + table + " SET count = count - 1 WHERE address_key = ? AND " + bucket + " = ? AND count > 0")
                .params(counted.key(), counted.bucket()).update();
    }

    /** Deletes the counts that have left every address's window; answers how many rows went. */
    int forgetOld() {
        return jdbc.sql("DELETE FROM " + table + " WHERE " + bucket + " <= ?")
                .param(OffsetDateTime.ofInstant(clock.instant().minus(window), ZoneOffset.UTC)).update();
    }
}
