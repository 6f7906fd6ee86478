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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox on a few lanes at once ({@code concurrency}), so that a slow or dead receiver, holding its lane for
 * up to the timeout at each attempt, does not hold back the other webhooks' deliveries. A webhook's own deliveries go
 * one at a time, in the order their events were queued: a lane claims, in one short transaction, a webhook that no
 * other lane is sending to (locked {@code FOR UPDATE SKIP LOCKED} and leased by {@code sending_until}, in database
 * time) together with its first waiting delivery when that one is due (the later ones wait for it, also through its
 * backoff: {@link #HEAD}), counts the attempt and leases that row as well ({@code locked_until});
 * the claim commits before the request goes out, so no transaction stays open across the network, and another lane or
 * instance skips a webhook being claimed or leased: a delivery is never sent twice at once, nor two of one webhook.
 * The outcome is recorded against the attempt claimed, and frees the webhook: delivered (any 2xx), or a retry after an
 * exponential backoff counted from the moment the attempt failed, or failed once the attempts are spent. A receiver
 * deduplicates by {@code X-Fengqiao-Event-Id} (a delivery whose answer was lost is sent again with the same id). Each
 * request, its answer's body included, takes at most {@code timeout}; the lanes are threads of the worker's own.
 */
@Component
public class WebhookWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);
    private static final int MAX_ERROR = 500;

    record Claim(UUID id, UUID webhookId, OffsetDateTime webhookLease, UUID eventId, String eventType, String payload,
            int attempts, String url, byte[] secret) {
    }

    private record Hook(UUID id, OffsetDateTime lease, String url, byte[] secret) {
    }

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final WebhookProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final WebhookAddressPolicy addresses;
    private final TransactionTemplate tx;
    /** The lanes' threads: the scheduled runs' and those of {@link #deliverDue}. */
    private final ExecutorService lanes = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    /** The scheduled runs' free lanes: a run starts a lane on each, a lane still sending keeps its own. */
    private final Semaphore free;

    WebhookWorker(JdbcClient jdbc, PersonalDataCipher cipher, WebhookProperties properties, Clock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
        this.addresses = properties.addressPolicy();
        this.tx = new TransactionTemplate(transactions);
        this.free = new Semaphore(Math.max(1, properties.concurrency()));
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Starts a lane on each free one, without waiting for them. The application's scheduled jobs share one thread (the
     * escalation sweep, the audit chain's sealer, the claims' expiry): a receiver that answers slowly would otherwise
     * hold them all, and items would go unescalated past their deadline while a webhook waits. A lane held by a slow
     * receiver stays with it; the others take the other webhooks' deliveries at the next run, at most {@code poll}
     * later.
     */
    @Scheduled(fixedDelayString = "${fengqiao.notification.webhooks.poll:PT5S}", initialDelayString = "PT15S")
    public void run() {
        AtomicInteger budget = new AtomicInteger(properties.batch());
        // nothing due (most runs): one look, no lane started; at most one lane per free one, each run
        boolean due = anyDue(clock.instant());
        for (int i = 0; due && i < Math.max(1, properties.concurrency()) && free.tryAcquire(); i++) {
            try {
                lanes.execute(() -> {
                    try {
                        lane(clock::instant, budget, null);
                    } catch (RuntimeException e) {
                        // the rows stay due and the next run takes them
                        log.warn("Webhook run failed: {}", e.toString());
                    } finally {
                        free.release();
                    }
                });
            } catch (RejectedExecutionException e) {
                // shutting down
                free.release();
                return;
            }
        }
        try {
            forgetDelivered(clock.instant().minus(properties.retention()));
        } catch (RuntimeException e) {
            log.warn("Webhook clean-up failed: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        lanes.shutdownNow();
    }

    /** Drops delivered rows older than the retention, a bounded batch at a time. */
    int forgetDelivered(Instant before) {
        return jdbc.sql("""
                DELETE FROM webhook_delivery WHERE id IN (
                    SELECT id FROM webhook_delivery WHERE status = 'DELIVERED' AND delivered_at < ? LIMIT 1000)""")
                .param(OffsetDateTime.ofInstant(before, ZoneOffset.UTC)).update();
    }

    /**
     * Attempts the deliveries due at the given moment, up to a batch, on the worker's lanes, and waits for them; answers
     * how many were attempted. The moment moves on with the clock while they are sent: an attempt is made, and a failed
     * one waits its backoff from, when it happens. A delivery due but held back because another lane or instance is
     * sending to its webhook is waited for (at most twice the timeout), so that what is due has been attempted once
     * this returns.
     */
    public int deliverDue(Instant now) {
        Instant started = clock.instant();
        Supplier<Instant> at = () -> now.plus(Duration.between(started, clock.instant()));
        AtomicInteger budget = new AtomicInteger(properties.batch());
        Instant waitUntil = started.plus(properties.timeout().multipliedBy(2));
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < Math.max(1, properties.concurrency()); i++) {
            running.add(lanes.submit(() -> lane(at, budget, waitUntil)));
        }
        int attempted = 0;
        for (Future<Integer> lane : running) {
            try {
                attempted += lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(f -> f.cancel(true));
                break;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return attempted;
    }

    /**
     * Claims and sends one delivery after another until none is due or the run's budget is spent; answers how many it
     * attempted. With {@code waitUntil}, waits (until then) for deliveries due but held back by a webhook being sent to.
     */
    private int lane(Supplier<Instant> at, AtomicInteger budget, Instant waitUntil) {
        int attempted = 0;
        while (!Thread.currentThread().isInterrupted() && budget.getAndDecrement() > 0) {
            Optional<Claim> claim = claim(at.get());
            if (claim.isPresent()) {
                send(claim.get(), at);
                attempted++;
                continue;
            }
            budget.incrementAndGet();
            if (waitUntil == null || clock.instant().isAfter(waitUntil) || !heldBack(at.get())) {
                break;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return attempted;
    }

    /**
     * A webhook's first waiting delivery, for {@code w} in a LATERAL join: the only one of its deliveries that may be
     * sent. Those queued after it wait until it is delivered or has failed for good, also while it waits out a
     * backoff: sent meanwhile, they arrived before it, and a receiver that keeps an item's last step was left with an
     * older one (派警 arriving before the 受理 a 503 had put off).
     */
    static final String HEAD = """
            SELECT h.next_attempt_at, h.locked_until FROM webhook_delivery h
            WHERE h.webhook_id = w.id AND h.status = 'PENDING' ORDER BY h.seq LIMIT 1""";

    /** Whether a delivery is due at the moment for a webhook no one is sending to. */
    private boolean anyDue(Instant now) {
        try {
            return jdbc.sql("""
                    SELECT EXISTS (SELECT 1 FROM webhook w CROSS JOIN LATERAL (%s) d
                                   WHERE w.active AND d.next_attempt_at <= :now
                                     AND (d.locked_until IS NULL OR d.locked_until < clock_timestamp())
                                     AND (w.sending_until IS NULL OR w.sending_until < clock_timestamp()))""".formatted(HEAD))
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).query(Boolean.class).single();
        } catch (RuntimeException e) {
            log.warn("Webhook run failed: {}", e.toString());
            return false;
        }
    }

    /** Whether a delivery is due at the moment but its webhook is being sent to by another lane or instance. */
    private boolean heldBack(Instant now) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM webhook w CROSS JOIN LATERAL (%s) d
                               WHERE w.active AND d.next_attempt_at <= :now
                                 AND w.sending_until >= clock_timestamp())""".formatted(HEAD))
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).query(Boolean.class).single();
    }

    /**
     * Claims the first waiting delivery of a webhook no one is sending to, if it is due (of the webhook whose first is
     * the longest due), leasing both. In one transaction: the webhook's row lock keeps another claimer off it until the lease is
     * written, and after that the lease does.
     */
    Optional<Claim> claim(Instant now) {
        OffsetDateTime moment = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        double lease = (double) properties.timeout().multipliedBy(3).plusSeconds(30).toSeconds();
        return tx.execute(status -> {
            Optional<Hook> hook = jdbc.sql("""
                    WITH next AS (
                        SELECT w.id FROM webhook w CROSS JOIN LATERAL (%s) d
                        WHERE w.active AND (w.sending_until IS NULL OR w.sending_until < clock_timestamp())
                          AND d.next_attempt_at <= :now
                          AND (d.locked_until IS NULL OR d.locked_until < clock_timestamp())
                        ORDER BY d.next_attempt_at, w.id
                        LIMIT 1
                        FOR UPDATE OF w SKIP LOCKED)
                    UPDATE webhook w SET sending_until = clock_timestamp() + make_interval(secs => :lease)
                      FROM next WHERE w.id = next.id
                    RETURNING w.id, w.sending_until, w.url, w.secret""".formatted(HEAD))
                    .param("now", moment).param("lease", lease)
                    .query((rs, n) -> new Hook(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                            rs.getString(3), rs.getBytes(4)))
                    .optional();
            if (hook.isEmpty()) {
                return Optional.<Claim>empty();
            }
            Hook w = hook.get();
            Optional<Claim> claim = jdbc.sql("""
                    UPDATE webhook_delivery d
                       SET attempts = d.attempts + 1, last_attempt_at = :now,
                           locked_until = clock_timestamp() + make_interval(secs => :lease)
                     WHERE d.id = (SELECT id FROM webhook_delivery
                                   WHERE webhook_id = :webhook AND status = 'PENDING'
                                   ORDER BY seq LIMIT 1
                                   FOR UPDATE)
                       AND d.next_attempt_at <= :now
                       AND (d.locked_until IS NULL OR d.locked_until < clock_timestamp())
                    RETURNING d.id, d.event_id, d.event_type, d.payload, d.attempts""")
                    .param("now", moment).param("lease", lease).param("webhook", w.id())
                    .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), w.id(), w.lease(),
                            rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getInt(5), w.url(),
                            w.secret()))
                    .optional();
            if (claim.isEmpty()) {
                // taken meanwhile (a retry by hand holds it): the webhook is not being sent to after all
                release(w.id(), w.lease());
            }
            return claim;
        });
    }

    private void release(UUID webhook, OffsetDateTime lease) {
        jdbc.sql("UPDATE webhook SET sending_until = NULL WHERE id = ? AND sending_until = ?").params(webhook, lease)
                .update();
    }

    private void send(Claim claim, Supplier<Instant> now) {
        Integer status = null;
        String error;
        try {
            // the host may resolve elsewhere now than when the webhook was registered
            Optional<InetAddress> refused = addresses.refused(URI.create(claim.url()).getHost());
            if (refused.isPresent()) {
                failed(claim, null, "address refused: " + refused.get().getHostAddress()
                        + " (loopback, link-local or multicast; see fengqiao.notification.webhooks.allowed-networks)", now.get());
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
                delivered(claim, status, now.get());
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
        // the wait before the next attempt counts from now, when this one failed, not from when the run began
        failed(claim, status, error, now.get());
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
        release(claim.webhookId(), claim.webhookLease());
    }

    private void failed(Claim claim, Integer status, String error, Instant now) {
        boolean spent = claim.attempts() >= properties.maxAttempts();
        Instant next = now.plus(properties.backoff(claim.attempts()));
        // the exception's text or the receiver's answer may hold the URL, its token with it: masked as the URL is shown
        String shown = Webhooks.maskedIn(error, claim.url());
        String message = shown.length() > MAX_ERROR ? shown.substring(0, MAX_ERROR) : shown;
        jdbc.sql("""
                UPDATE webhook_delivery SET status = ?, next_attempt_at = ?, last_status = ?, last_error = ?,
                    locked_until = NULL
                WHERE id = ? AND attempts = ?""")
                .params(spent ? "FAILED" : "PENDING", OffsetDateTime.ofInstant(next, ZoneOffset.UTC), status, message,
                        claim.id(), claim.attempts()).update();
        release(claim.webhookId(), claim.webhookLease());
        if (spent) {
            log.warn("Webhook delivery {} failed after {} attempts: {}", claim.id(), claim.attempts(), message);
        }
    }
}
