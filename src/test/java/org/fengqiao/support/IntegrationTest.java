package org.fengqiao.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * Base of the integration tests: the whole application on one embedded PostgreSQL shared by the
 * suite (a fresh data directory per test JVM), with the demo district loaded. Its data source counts the statements of
 * a test that asks ({@link CountedStatements}), and only then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CountedStatements.class)
public abstract class IntegrationTest {

    public static final String DATA_DIR = Path.of(System.getProperty("java.io.tmpdir"),
            "fengqiao-test-" + UUID.randomUUID()).toString();
    public static final String DEMO_PASSWORD = "Fengqiao-2026";
    /** The demo district's sign-ins (DemoDistrict), all reading Chinese. */
    public static final List<String> DEMO_LOGINS = List.of("admin", "security", "auditor", "bureau", "chief", "officer",
            "officer2", "manager", "volunteer", "inspector");

    @Autowired
    private JdbcClient demoAccounts;

    /**
     * Passwords hashed with Argon2id as in production, at a cost of 256 KiB and one pass instead of 16 MiB and two:
     * the suite signs in some 3,200 times, and at the production cost each check took about 35 ms of a core and 16 MiB
     * of garbage, two minutes of the suite in all. Sign-in, lockout, password changes and expiry run the same code;
     * the cost travels in each hash, so either encoder reads the other's hashes. The production cost is held by
     * {@code account.internal.PasswordHashCostTests}.
     */
    @TestBean
    private PasswordEncoder passwordEncoder;

    static PasswordEncoder passwordEncoder() {
        return cheapPasswordEncoder();
    }

    /** The suite's password encoder: production's Argon2id (under the same prefix) at a test's cost. */
    public static PasswordEncoder cheapPasswordEncoder() {
        return new DelegatingPasswordEncoder("argon2", Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 256, 1)));
    }

    static {
        StaleTestData.sweep(Path.of(System.getProperty("java.io.tmpdir")), java.time.Instant.now());
    }

    /**
     * A test that sets a demo account's language to English on its profile (the profile page, or by hand) must not
     * leave the tests after it, which sign in as the same account and read Chinese, in English. (Switching a page to
     * English, {@code ?lang=en}, changes no profile.)
     */
    @AfterEach
    void demoAccountsReadChineseAgain() {
        demoAccounts.sql("UPDATE staff SET locale = 'zh-CN' WHERE username IN (:logins) AND locale <> 'zh-CN'")
                .param("logins", DEMO_LOGINS).update();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("fengqiao.db.data-dir", () -> DATA_DIR);
        registry.add("fengqiao.demo", () -> "true");
        // the tests' webhook receivers listen on this host, which webhooks are otherwise refused
        registry.add("fengqiao.notification.webhooks.allowed-networks", () -> "127.0.0.1/32,::1/128");
        // a search refused as busy after one second instead of ten (PersonSearchIntegrationTests)
        registry.add("fengqiao.search.queue-timeout", () -> "1s");
        // an import of the demo's size sets the indexes aside (DeferredIndexesIntegrationTests); the other tests'
        // imports are far smaller than what is stored and keep them up row by row, as in production
        registry.add("fengqiao.imports.defer-indexes-from", () -> "1000");
        // no nightly copy of the suite's database when a run spans 03:00 in Beijing (BackupIntegrationTests takes its own)
        registry.add("fengqiao.backup.cron", () -> "-");
    }
}
