package org.fengqiao.account.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a user name and password, for the login page and for the token endpoint alike.
 * Five failures in a row lock the account for 15 minutes (both configurable); the count lives in
 * the database so every instance sees it. Each attempt is written to the audit trail. A right password past its
 * maximum age (FENGQIAO_PASSWORD_MAX_AGE) signs in, marked expired: its holder reaches nothing but the change of it.
 */
@Component
public class SignIn implements AuthenticationProvider {

    private final StaffRegister register;
    private final PasswordEncoder passwords;
    private final FengqiaoProperties.Security rules;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String dummyHash;
    private final PasswordExpiry expiry;

    SignIn(StaffRegister register, PasswordEncoder passwords, FengqiaoProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.register = register;
        this.passwords = passwords;
        this.rules = properties.security();
        this.events = events;
        this.clock = clock;
        this.expiry = new PasswordExpiry(rules.passwordMaxAge(), clock);
        this.dummyHash = passwords.encode("timing-equaliser-Aa1!");
    }

    /** The principal of a correct user name and password, or an exception that says why not. */
    public StaffPrincipal check(String username, String password) {
        // user names are kept in lower case (an account given as "Wang.Wei" is "wang.wei"), so they are read so here
        Optional<StaffRegister.Row> found = username == null ? Optional.empty()
                : register.byUsername(username.trim().toLowerCase(java.util.Locale.ROOT));
        if (found.isEmpty() || found.get().passwordHash() == null) {
            passwords.matches(password == null ? "" : password, dummyHash);
            audit("SIGN_IN_FAILED", null, username, "unknown");
            throw new BadCredentialsException("bad credentials");
        }
        StaffRegister.Row row = found.get();
        Instant now = clock.instant();
        if (!row.active()) {
            audit("SIGN_IN_FAILED", row, username, "inactive");
            throw new DisabledException("inactive");
        }
        if (row.lockedAt(now)) {
            audit("SIGN_IN_FAILED", row, username, "locked");
            throw new LockedUntil(row.lockedUntil());
        }
        if (row.lockedUntil() != null) {
            register.clearExpiredLock(row.id(), now);
        }
        if (password == null || !passwords.matches(password, row.passwordHash())) {
            Instant until = now.plus(rules.lockout());
            int failures = register.recordFailure(row.id(), rules.maxFailedLogins(), until);
            audit("SIGN_IN_FAILED", row, username, "password " + failures);
            if (failures >= rules.maxFailedLogins()) {
                throw new LockedUntil(until);
            }
            throw new BadCredentialsException("bad credentials");
        }
        register.recordSuccess(row.id(), now);
        // a password past its maximum age signs in, and its holder is led to change it before anything else: the
        // trail says so, as it says the change that follows
        boolean expired = expiry.expired(row);
        audit("SIGN_IN", row, username, expired ? "ok, password expired" : "ok");
        return register.signing(row).principal(expiry);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        StaffPrincipal principal = check(authentication.getName(), String.valueOf(authentication.getCredentials()));
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void audit(String action, StaffRegister.Row row, String username, String outcome) {
        events.publishEvent(new Audited(action, "staff", row == null ? null : row.id().toString(),
                row == null ? null : row.unitPath(), null, Map.of("username", String.valueOf(username), "outcome", outcome),
                String.valueOf(username)));
    }

    /** The account is locked until the given moment. */
    public static final class LockedUntil extends LockedException {
        private final Instant until;

        LockedUntil(Instant until) {
            super("locked until " + until);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }
}
