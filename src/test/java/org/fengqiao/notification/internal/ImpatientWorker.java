package org.fengqiao.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A webhook worker of a test's own: the application's settings with a request timeout of the test's choosing, so that
 * a test of what the timeout cuts off waits that instead of the ten seconds a receiver is given in production. It sends
 * only when asked ({@link #deliverDue}); close it to end its lanes.
 */
public final class ImpatientWorker implements AutoCloseable {

    private final WebhookWorker worker;

    public ImpatientWorker(Duration timeout, WebhookProperties settings, JdbcClient jdbc, PersonalDataCipher cipher,
            Clock clock, PlatformTransactionManager transactions) {
        WebhookProperties s = settings;
        this.worker = new WebhookWorker(jdbc, cipher, new WebhookProperties(s.maxAttempts(), s.initialBackoff(),
                s.maxBackoff(), timeout, s.batch(), s.poll(), s.retention(), s.allowedNetworks(), s.concurrency()),
                clock, transactions);
    }

    /** As {@link WebhookWorker#deliverDue}. */
    public int deliverDue(Instant now) {
        return worker.deliverDue(now);
    }

    @Override
    public void close() {
        worker.stop();
    }
}
