package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.fengqiao.platform.FengqiaoProperties;
import org.junit.jupiter.api.Test;

/**
 * The rules the security administrator reads are the ones the checks apply: another lockout configured is another
 * lockout shown, and a password just inside or outside the limits shown is accepted or refused by the policy.
 */
class PasswordRulesTests {

    private static FengqiaoProperties.Security security(int maxFailedLogins, Duration lockout) {
        return new FengqiaoProperties.Security(maxFailedLogins, lockout, Duration.ofMinutes(30), Duration.ofHours(12), 5,
                Duration.ofDays(90));
    }

    @Test
    void theLockoutShownIsTheOneConfigured() {
        PasswordRules rules = PasswordRules.inForce(security(7, Duration.ofMinutes(40)));

        assertThat(rules.maxFailedLogins()).isEqualTo(7);
        assertThat(rules.lockout()).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void theHistoryAndExpiryShownAreTheOnesConfiguredAndZeroMeansTheCurrentPasswordOnlyAndNeverExpiring() {
        PasswordRules rules = PasswordRules.inForce(new FengqiaoProperties.Security(5, Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(12), 8, Duration.ofDays(60)));
        assertThat(rules.previousRefused()).isEqualTo(8);
        assertThat(rules.expiry()).isEqualTo(Duration.ofDays(60));
        assertThat(rules.expiryWarning()).isEqualTo(PasswordExpiryPolicy.WARNING);

        PasswordRules off = PasswordRules.inForce(new FengqiaoProperties.Security(5, Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(12), 0, Duration.ZERO));
        assertThat(off.previousRefused()).as("a change must still change the password").isEqualTo(1);
        assertThat(off.expiry()).as("nothing makes a password expire").isNull();
    }

    @Test
    void theLengthAndKindsShownAreTheOnesThePolicyChecks() {
        PasswordRules rules = PasswordRules.inForce(security(5, Duration.ofMinutes(15)));

        assertThat(PasswordPolicy.check("Aa1!".repeat(rules.maxLength() / 4).substring(0, rules.minLength()), "wang"))
                .isEmpty();
        assertThat(PasswordPolicy.check("Aa1!bcdefgh".substring(0, rules.minLength() - 1), "wang"))
                .containsExactly("account.password.tooShort");
        assertThat(PasswordPolicy.check("Aa1!".repeat(rules.maxLength()).substring(0, rules.maxLength() + 1), "wang"))
                .containsExactly("account.password.tooLong");
        // just the kinds shown: lower, upper and digits; one kind fewer is refused
        assertThat(PasswordPolicy.check("Abcdefg1", "wang")).isEmpty();
        assertThat(rules.minKinds()).isEqualTo(3);
        assertThat(PasswordPolicy.check("abcdefg1", "wang")).containsExactly("account.password.tooFewKinds");
        assertThat(rules.usernameRefused()).isTrue();
        assertThat(PasswordPolicy.check("Wang-2026-x", "wang")).containsExactly("account.password.containsUsername");
    }
}
