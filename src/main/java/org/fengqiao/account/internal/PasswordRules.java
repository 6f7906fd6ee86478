package org.fengqiao.account.internal;

import java.time.Duration;
import org.fengqiao.platform.FengqiaoProperties;

/**
 * The password and sign-in rules in force, as the security administrator reads them (等保 asks him to know and show
 * them): taken from what the checks themselves use, {@link PasswordPolicy}'s limits, the history and expiry settings
 * and the lockout settings {@link SignIn} applies, so the page cannot tell other numbers than the ones that refuse a password or lock an
 * account.
 *
 * @param minLength        fewest characters
 * @param maxLength        most characters
 * @param minKinds         of the {@code kinds} kinds (lower case, upper case, digits, symbols), how many at least
 * @param kinds            the kinds there are
 * @param usernameRefused  a password containing the user name is refused
 * @param previousRefused  how many of the person's own latest passwords a new one may not repeat, the current one
 *                         among them (FENGQIAO_PASSWORD_HISTORY, at least the current one:
 *                         {@link StaffAdministration#changePassword})
 * @param maxFailedLogins  failed sign-ins in a row that lock the account
 * @param lockout          how long the lock lasts; the security administrator may unlock sooner
 * @param expiry           after how long a password must be changed (FENGQIAO_PASSWORD_MAX_AGE, {@link PasswordExpiry});
 *                         null: never
 * @param expiryWarning    how long before it expires the start page warns ({@link PasswordExpiryPolicy#WARNING})
 */
public record PasswordRules(int minLength, int maxLength, int minKinds, int kinds, boolean usernameRefused,
        int previousRefused, int maxFailedLogins, Duration lockout, Duration expiry, Duration expiryWarning) {

    public static PasswordRules inForce(FengqiaoProperties.Security security) {
        Duration maxAge = security.passwordMaxAge();
        return new PasswordRules(PasswordPolicy.MIN_LENGTH, PasswordPolicy.MAX_LENGTH, PasswordPolicy.MIN_KINDS,
                PasswordPolicy.KINDS, true, Math.max(security.passwordHistory(), 1),
                security.maxFailedLogins(), security.lockout(), maxAge == null || maxAge.isZero() ? null : maxAge,
                PasswordExpiryPolicy.WARNING);
    }
}
