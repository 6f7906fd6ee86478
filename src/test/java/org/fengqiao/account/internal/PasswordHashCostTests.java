package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What protects a stolen copy of the staff table: passwords are hashed with Argon2id at Spring Security's recommended
 * cost (16 MiB, two passes). The integration tests hash at a lower cost ({@link IntegrationTest}); a hash of either
 * cost is read by the other, since the cost travels in the hash, so a database the tests filled, or a restored one,
 * still lets its people sign in.
 */
class PasswordHashCostTests {

    private final PasswordEncoder production = new SecurityConfiguration().passwordEncoder();

    @Test
    void passwordsAreHashedWithArgon2idAtTheRecommendedCost() {
        String hash = production.encode("Fengqiao-2026");

        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=16384,t=2,p=1$");
        assertThat(production.matches("Fengqiao-2026", hash)).isTrue();
        assertThat(production.matches("Fengqiao-2027", hash)).isFalse();
    }

    @Test
    void theTestsCheaperHashesAndProductionsReadEachOther() {
        PasswordEncoder tests = IntegrationTest.cheapPasswordEncoder();
        String cheap = tests.encode("Fengqiao-2026");

        assertThat(cheap).startsWith("{argon2}$argon2id$v=19$m=256,t=1,p=1$");
        assertThat(production.matches("Fengqiao-2026", cheap)).isTrue();
        assertThat(tests.matches("Fengqiao-2026", production.encode("Fengqiao-2026"))).isTrue();
    }
}
