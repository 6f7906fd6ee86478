package org.fengqiao.population.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for rows an import makes by the hundred thousand: time-ordered UUIDs (RFC 9562 version 7: 48 bits of
 * Unix milliseconds, then 74 random bits). Rows made together get neighbouring keys, so the primary key and
 * the indexes on household and address ids grow at their right edge instead of touching a random page of a
 * large index for every row (random pages are read, dirtied and, after a checkpoint, written whole to the
 * write-ahead log). They are as unique as random UUIDs and stay in the same uuid columns beside them.
 */
final class PersonIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private PersonIds() {
    }

    static UUID next() {
        long millis = System.currentTimeMillis();
        byte[] random = new byte[10];
        RANDOM.get().nextBytes(random);
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
