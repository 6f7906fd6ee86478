package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void acceptsEightCharactersOfThreeKindsWithoutTheUserName() {
        assertThat(PasswordPolicy.check("Qiao-2026", "officer")).isEmpty();
        assertThat(PasswordPolicy.check("abcd123!", "officer")).isEmpty();
    }

    @Test
    void rejectsAPasswordShorterThanEightCharacters() {
        assertThat(PasswordPolicy.check("Ab1!xyz", "officer")).containsExactly("account.password.tooShort");
    }

    @Test
    void rejectsAPasswordOfOnlyTwoKindsOfCharacters() {
        assertThat(PasswordPolicy.check("abcdefgh12", "officer")).containsExactly("account.password.tooFewKinds");
        assertThat(PasswordPolicy.check("ABCDefghij", "officer")).containsExactly("account.password.tooFewKinds");
    }

    @Test
    void rejectsAPasswordContainingTheUserNameWhateverTheCase() {
        assertThat(PasswordPolicy.check("My-OFFICER-1", "officer")).containsExactly("account.password.containsUsername");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThat(PasswordPolicy.check("lisi1", "lisi"))
                .containsExactlyInAnyOrder("account.password.tooShort", "account.password.tooFewKinds",
                        "account.password.containsUsername");
    }

    @Test
    void rejectsAMissingPasswordAndAnOverlongOne() {
        assertThat(PasswordPolicy.check(null, "officer")).containsExactly("account.password.tooShort");
        assertThat(PasswordPolicy.check("Aa1!".repeat(33), "officer")).containsExactly("account.password.tooLong");
    }
}
