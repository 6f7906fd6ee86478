package org.fengqiao.account.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * When a password must be changed (等保 2.0, GB/T 22239: 定期更换): {@code maxAge} after it was set, and from
 * {@link #WARNING} before that the start page says so. A maximum age of zero lets no password expire; a password whose
 * time of setting is unknown (a row written outside the platform) is treated as current, as it cannot be said how old
 * it is.
 */
public final class PasswordExpiryPolicy {

    /** How long before a password expires the start page warns its holder. */
    public static final Duration WARNING = Duration.ofDays(7);

    private PasswordExpiryPolicy() {
    }

    public enum State {
        /** It does not expire, or not within {@link #WARNING}. */
        CURRENT,
        /** It expires within {@link #WARNING}: the start page says so. */
        EXPIRING,
        /** It is older than the maximum age: it is changed before anything else. */
        EXPIRED
    }

    /**
     * @param state     where the password stands
     * @param expiresAt the moment it expires (or expired); null when it never does
     * @param reason    why, in words for the log and the tests
     */
    public record Decision(State state, Instant expiresAt, String reason) {

        public boolean expired() {
            return state == State.EXPIRED;
        }

        public boolean expiring() {
            return state == State.EXPIRING;
        }
    }

    public static Decision decide(Instant changedAt, Duration maxAge, Instant now) {
        if (maxAge == null || maxAge.isZero()) {
            return new Decision(State.CURRENT, null, "passwords do not expire");
        }
        if (changedAt == null) {
            return new Decision(State.CURRENT, null, "the time the password was set is unknown");
        }
        Instant expiresAt = changedAt.plus(maxAge);
        if (!now.isBefore(expiresAt)) {
            return new Decision(State.EXPIRED, expiresAt, "set more than " + maxAge.toDays() + " days ago");
        }
        if (!now.isBefore(expiresAt.minus(WARNING))) {
            return new Decision(State.EXPIRING, expiresAt, "expires within " + WARNING.toDays() + " days");
        }
        return new Decision(State.CURRENT, expiresAt, "expires after " + WARNING.toDays() + " days");
    }
}
