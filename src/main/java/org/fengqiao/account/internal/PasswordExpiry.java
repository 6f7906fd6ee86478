package org.fengqiao.account.internal;

import java.time.Clock;
import java.time.Duration;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link PasswordExpiryPolicy} with the maximum age configured (FENGQIAO_PASSWORD_MAX_AGE) and the platform's clock:
 * what sign-in, every request of a session or a token, the start page and the profile ask of a person's password.
 */
@Component
public class PasswordExpiry {

    private final Duration maxAge;
    private final Clock clock;

    @Autowired
    PasswordExpiry(FengqiaoProperties properties, Clock clock) {
        this(properties.security().passwordMaxAge(), clock);
    }

    PasswordExpiry(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public PasswordExpiryPolicy.Decision of(StaffRegister.Row row) {
        return PasswordExpiryPolicy.decide(row.passwordChangedAt(), maxAge, clock.instant());
    }

    /** Whether this person's password has outlived the maximum age: he changes it before anything else. */
    public boolean expired(StaffRegister.Row row) {
        return row.passwordHash() != null && of(row).expired();
    }
}
