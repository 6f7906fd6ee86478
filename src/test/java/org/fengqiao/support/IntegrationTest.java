package org.fengqiao.support;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on one embedded PostgreSQL shared by the
 * suite (a fresh data directory per test JVM), with the demo district loaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    public static final String DATA_DIR = Path.of(System.getProperty("java.io.tmpdir"),
            "fengqiao-test-" + UUID.randomUUID()).toString();
    public static final String DEMO_PASSWORD = "Fengqiao-2026";
    /** The demo district's sign-ins (DemoDistrict), all reading Chinese. */
    public static final List<String> DEMO_LOGINS = List.of("admin", "security", "auditor", "bureau", "chief", "officer",
            "officer2", "manager", "volunteer", "inspector");

    @Autowired
    private JdbcClient demoAccounts;

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
