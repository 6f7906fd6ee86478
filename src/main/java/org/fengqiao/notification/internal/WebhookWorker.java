package org.fengqiao.notification.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox. Each delivery is claimed alone by one statement that picks the oldest due row with
 * {@code FOR UPDATE SKIP LOCKED}, counts the attempt and leases the row for longer than a request may
 * take ({@code locked_until}, in database time); the claim commits before the request goes out, so no
 * transaction stays open across the network, and another instance (or thread) running the worker skips
 * a row that is being claimed or is leased: two instances never send the same delivery at once. The
 * outcome is recorded against the attempt claimed: delivered (any 2xx), or a retry after an exponential
 * backoff, or failed once the attempts are spent. A receiver deduplicates by {@code X-Fengqiao-Event-Id}
 * (a delivery whose answer was lost is sent again with the same id). Each request, its answer's body included,
 * takes at most {@code timeout}, and the scheduled runs send on a thread of the worker's own.
 */
@Component
public class WebhookWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final int MAX_ERROR = 500;

    record Claim(UUID id, UUID eventId, String eventType, String payload, int attempts, String url, byte[] secret) {
    }

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final WebhookAddressPolicy addresses;
    /** The thread the scheduled runs send on, one run at a time. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "webhook-sender");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();

    WebhookWorker(JdbcClient jdbc, PersonalDataCipher cipher, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        this.addresses = properties.addressPolicy();
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Hands a run to the worker's own thread, unless one is still going. The application's scheduled jobs share one
     * thread (the escalation sweep, the audit chain's sealer, the claims' expiry): a receiver that answers slowly,
     * each of a batch taking up to the timeout, would otherwise hold them all for minutes, and items would go
     * unescalated past their deadline while a webhook waits.
     */
    @Scheduled(fixedDelayString = "${fengqiao.notification.webhooks.poll:PT5S}", initialDelayString = "PT15S")
    public void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.execute(() -> {
                try {
                    runNow();
                } catch (RuntimeException e) {
                    // the rows stay due and the next run takes them
                    log.warn("Webhook run failed: {}", e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
            running.set(false);
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }

    void runNow() {
        Instant now = clock.instant();
        int sent = deliverDue(now);
        if (sent > 0) {
            log.debug("Webhooks: {} deliveries attempted", sent);
        }
        forgetDelivered(now.minus(properties.retention()));
    }

    /** Drops delivered rows older than the retention, a bounded batch at a time. */
    int forgetDelivered(Instant before) {
        return jdbc.sql("""
                DELETE FROM webhook_delivery WHERE id IN (
                    SELECT id FROM webhook_delivery WHERE status = 'DELIVERED' AND delivered_at < ? LIMIT 1000)""")
                .param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).update();
    }

    /** Attempts the deliveries due at the given moment, up to a batch; answers how many were attempted. */
    public int deliverDue(Instant now) {
        int attempted = 0;
        while (attempted < properties.batch()) {
            Optional<Claim> claim = claim(now);
            if (claim.isEmpty()) {
                break;
            }
            send(claim.get(), now);
            attempted++;
        }
        return attempted;
    }

    Optional<Claim> claim(Instant now) {
        return jdbc.sql("""
                WITH next AS (
                    SELECT d.id FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id AND w.active
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                      AND (d.locked_until IS NULL OR d.locked_until < clock_timestamp())
                    ORDER BY d.next_attempt_at, d.id
                    LIMIT 1
                    FOR UPDATE OF d SKIP LOCKED)
                UPDATE webhook_delivery d
                   SET attempts = d.attempts + 1, last_attempt_at = :now,
                       locked_until = clock_timestamp() + make_interval(secs => :lease)
                  FROM next, webhook w
                 WHERE d.id = next.id AND w.id = d.webhook_id
                RETURNING d.id, d.event_id, d.event_type, d.payload, d.attempts, w.url, w.secret""")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("lease", (double) properties.timeout().multipliedBy(3).plusSeconds(30).toSeconds())
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getBytes(7)))
                .optional();
    }

    private void send(Claim claim, Instant now) {
        Integer status = null;
        String error;
        try {
            // the host may resolve elsewhere now than when the webhook was registered
            Optional<InetAddress> refused = addresses.refused(URI.create(claim.url()).getHost());
            if (refused.isPresent()) {
                failed(claim, null, "address refused: " + refused.get().getHostAddress()
                        + " (loopback, link-local or multicast; see fengqiao.notification.webhooks.allowed-networks)", now);
                return;
            }
            long timestamp = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(claim.url()))
                    .timeout(properties.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Fengqiao-Webhook/1")
                    .header(WebhookSignature.EVENT_ID, claim.eventId().toString())
                    .header(WebhookSignature.EVENT_TYPE, claim.eventType())
                    .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE,
                            WebhookSignature.sign(cipher.decrypt(claim.secret()), timestamp, claim.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(claim.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = exchange(request);
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                delivered(claim, status, now);
                return;
            }
            String body = response.body() == null ? "" : response.body().strip();
            error = "HTTP " + status + (body.isEmpty() ? "" : ": " + body);
        } catch (IOException | RuntimeException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        failed(claim, status, error, now);
    }

    /**
     * The whole exchange, the answer's body included, within the timeout. The client's own request timeout ends once
     * the answer's headers arrive: a receiver (or a proxy) that sends them and then holds the body back would hold the
     * worker for as long as it likes, and every delivery behind it would wait.
     */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return answer.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + properties.timeout());
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private void delivered(Claim claim, int status, Instant now) {
        jdbc.sql("""
                UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = ?, last_status = ?, last_error = NULL,
                    locked_until = NULL
                WHERE id = ? AND attempts = ?""")
                .params(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), status, claim.id(), claim.attempts()).update();
    }

    private void failed(Claim claim, Integer status, String error, Instant now) {
        boolean spent = claim.attempts() >= properties.maxAttempts();
        Instant next = now.plus(properties.backoff(claim.attempts()));
        String message = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.sql("""
                UPDATE webhook_delivery SET status = ?, next_attempt_at = ?, last_status = ?, last_error = ?,
                    locked_until = NULL
                WHERE id = ? AND attempts = ?""")
                .params(spent ? "FAILED" : "PENDING", OffsetDateTime.ofInstant(next, ZoneOffset.UTC), status, message,
                        claim.id(), claim.attempts()).update();
        if (spent) {
            log.warn("Webhook delivery {} failed after {} attempts: {}", claim.id(), claim.attempts(), message);
        }
    }
}
