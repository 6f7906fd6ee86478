package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentStepRecorded;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.notification.NotificationFixtures.TestGrid;
import org.fengqiao.notification.internal.ImpatientWorker;
import org.fengqiao.notification.internal.WebhookProperties;
import org.fengqiao.notification.internal.WebhookSignature;
import org.fengqiao.notification.internal.WebhookWorker;
import org.fengqiao.support.Eventually;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A unit's outbound webhook against a local receiver: every step of an item in the unit's subtree is
 * queued in the step's transaction and arrives signed and without personal data; a receiver answering
 * 503 or not listening loses nothing, each event id is accepted exactly once; after the last attempt a
 * delivery shows as failed with its error until retried by hand; two workers never send one delivery
 * twice; webhooks are scoped like every record.
 */
class WebhookIntegrationTests extends IntegrationTest {

    static final String SECRET = "s3cret-for-the-receiver";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    WebhookWorker worker;
    @Autowired
    WebhookProperties properties;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    org.fengqiao.platform.crypto.PersonalDataCipher cipher;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    ApiClient api;
    String officer;
    Receiver receiver;
    Unit workstation;
    TestGrid grid;
    final List<String> webhooks = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        receiver = new Receiver();
        Unit office = jurisdictions.unitByCode(NotificationFixtures.RURAL_OFFICE).orElseThrow();
        String n = NotificationFixtures.unique();
        workstation = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "IT-N-WS-" + n, "推送工作站" + n, "320722");
        grid = NotificationFixtures.grid(jurisdictions, staff, workstation);
    }

    @AfterEach
    void tearDown() {
        for (String id : webhooks) {
            jdbc.sql("UPDATE webhook SET active = false WHERE id = ?").param(UUID.fromString(id)).update();
        }
        receiver.close();
    }

    String register(String token, UUID unit, String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", unit);
        body.put("url", url);
        body.put("secret", SECRET);
        body.put("description", "测试接收方");
        HttpResponse<String> r = api.send("POST", "/api/v1/webhooks", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = ApiClient.json(r).get("id").asText();
        webhooks.add(id);
        return id;
    }

    JsonNode file(String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("gridId", grid.grid().id().value());
        body.put("description", description);
        // an address of its own: reports at one address of one grid would be offered as duplicates (a step more)
        body.put("address", "推送测试地址 " + description);
        body.put("reporterName", "报告人甲");
        body.put("reporterPhone", "13912345678");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident");
    }

    record Row(UUID id, UUID eventId, String status, int attempts, String lastError, Integer lastStatus) {
    }

    List<Row> deliveries(String webhook) {
        return jdbc.sql("""
                SELECT id, event_id, status, attempts, last_error, last_status FROM webhook_delivery
                WHERE webhook_id = ? ORDER BY created_at, seq""")
                .param(UUID.fromString(webhook))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getInt(4), rs.getString(5), (Integer) rs.getObject(6)))
                .list();
    }

    /** Sends what is due at the moment given, and waits until no attempt of this webhook is in flight
     *  (the application's own scheduled worker may have claimed some). */
    void deliver(String webhook, Instant at) throws InterruptedException {
        worker.deliverDue(at);
        for (int i = 0; i < 200; i++) {
            long inFlight = jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ? AND locked_until IS NOT NULL")
                    .param(UUID.fromString(webhook)).query(Long.class).single();
            if (inFlight == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("deliveries still in flight");
    }

    /**
     * A webhook registered now tells of what happens from now on: a step that took place before it was registered
     * (the sweep's moment, a filing written late by the group commit) is not sent to it, one after is; a receiver
     * registered before that step still gets it.
     */
    @Test
    void aNewWebhookReceivesTheStepsAfterItsRegistrationNotThoseBefore() throws Exception {
        String earlier = register(officer, workstation.id().value(), receiver.url());
        Instant before = Instant.now();
        Thread.sleep(20);
        String webhook = register(officer, workstation.id().value(), receiver.url());
        Instant registered = jdbc.sql("SELECT created_at FROM webhook WHERE id = ?").param(UUID.fromString(webhook))
                .query(java.time.OffsetDateTime.class).single().toInstant();
        assertThat(before).isBefore(registered);
        UUID incident = UUID.fromString(file("注册前后-" + UUID.randomUUID()).get("id").asText());
        jdbc.sql("DELETE FROM webhook_delivery WHERE webhook_id IN (?, ?)")
                .params(UUID.fromString(earlier), UUID.fromString(webhook)).update();

        tx.executeWithoutResult(s -> events.publishEvent(new IncidentStepRecorded(incident, "FQ0000000000",
                Category.HELP, workstation.path(), "ESCALATED", workstation.id().value(), null, null, false, before)));
        assertThat(deliveries(webhook)).as("a step from before its registration").isEmpty();
        assertThat(deliveries(earlier)).as("the receiver registered before it still gets it").hasSize(1);

        Instant after = registered.plusSeconds(1);
        tx.executeWithoutResult(s -> events.publishEvent(new IncidentStepRecorded(incident, "FQ0000000000",
                Category.HELP, workstation.path(), "ACKNOWLEDGED", workstation.id().value(), null, null, false, after)));
        deliver(webhook, after.plusSeconds(1));
        deliver(earlier, after.plusSeconds(1));
        assertThat(deliveries(webhook)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
        List<String> kinds = new ArrayList<>();
        for (Receiver.Request r : receiver.requests()) {
            kinds.add(ApiClient.JSON.readTree(r.body()).get("kind").asText());
        }
        assertThat(kinds).as("the earlier receiver both, the new one the later step only")
                .containsExactlyInAnyOrder("ESCALATED", "ACKNOWLEDGED", "ACKNOWLEDGED");
    }

    @Test
    void stepsArriveSignedWithoutPersonalDataAndOnceEachThroughA503AndAnOutage() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        receiver.answer(503);
        String description = "推送测试-" + UUID.randomUUID();
        JsonNode incident = file(description);
        String id = incident.get("id").asText();

        List<Row> queued = deliveries(webhook);
        assertThat(queued).as("RECEIVED and ROUTED, queued with the step").hasSize(2);
        Instant now = Instant.now();
        deliver(webhook, now);
        assertThat(deliveries(webhook).get(0)).satisfies(r -> {
            assertThat(r.status()).isEqualTo("PENDING");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastStatus()).isEqualTo(503);
            assertThat(r.lastError()).startsWith("HTTP 503");
        });
        assertThat(deliveries(webhook).get(1).attempts()).as("the ROUTED step waits behind the RECEIVED one").isZero();
        assertThat(receiver.accepted()).isEmpty();

        deliver(webhook, now.plusSeconds(10));
        assertThat(deliveries(webhook)).as("the backoff is not over yet, the second waits behind the first")
                .extracting(Row::attempts).containsExactly(1, 0);

        receiver.answer(200);
        deliver(webhook, now.plus(properties.backoff(1)).plusSeconds(1));
        assertThat(deliveries(webhook)).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));

        // the receiver goes down: the next step waits in the outbox, then arrives when it is back
        receiver.stop();
        assertThat(api.send("POST", "/api/v1/incidents/" + id + "/acknowledge", officer, null).statusCode()).isEqualTo(200);
        deliver(webhook, now.plusSeconds(120));
        Row waiting = deliveries(webhook).get(2);
        assertThat(waiting.status()).isEqualTo("PENDING");
        assertThat(waiting.attempts()).isPositive();
        assertThat(waiting.lastStatus()).isNull();
        assertThat(waiting.lastError()).as("connection refused").isNotBlank();
        deliver(webhook, now.plusSeconds(400));
        assertThat(deliveries(webhook).get(2).attempts()).isEqualTo(waiting.attempts() + 1);
        assertThat(deliveries(webhook).get(2).status()).isEqualTo("PENDING");
        receiver.restart();
        deliver(webhook, now.plus(Duration.ofHours(2)));
        List<Row> all = deliveries(webhook);
        assertThat(all).hasSize(3).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));

        // exactly once per event id
        Map<String, Long> accepted = receiver.accepted();
        assertThat(accepted).hasSize(3).allSatisfy((event, times) -> assertThat(times).isEqualTo(1L));
        assertThat(accepted.keySet()).containsExactlyInAnyOrderElementsOf(all.stream().map(r -> r.eventId().toString()).toList());

        List<String> kinds = new ArrayList<>();
        for (Receiver.Request r : receiver.requests()) {
            assertThat(r.signature()).as("signed with the secret")
                    .isEqualTo(WebhookSignature.sign(SECRET, Long.parseLong(r.timestamp()), r.body()));
            assertThat(r.signature()).isNotEqualTo(WebhookSignature.sign("another-secret-entirely", Long.parseLong(r.timestamp()), r.body()));
            assertThat(verifiesAsDocumented(SECRET, r.timestamp(), r.body().getBytes(StandardCharsets.UTF_8), r.signature()))
                    .as("the check a receiver writes from the README").isTrue();
            assertThat(verifiesAsDocumented(SECRET, r.timestamp(), (r.body() + " ").getBytes(StandardCharsets.UTF_8),
                    r.signature())).as("a body changed on the way").isFalse();
            assertThat(Math.abs(Long.parseLong(r.timestamp()) - Instant.now().getEpochSecond()))
                    .as("the timestamp is the sending moment in Unix seconds").isLessThan(300);
            assertThat(r.eventType()).isEqualTo("incident.step");
            JsonNode payload = ApiClient.JSON.readTree(r.body());
            assertThat(payload.get("id").asText()).isEqualTo(r.eventId());
            assertThat(payload.get("incidentId").asText()).isEqualTo(id);
            assertThat(payload.has("trackingCode")).as("the resident's key to his tracking page stays his").isFalse();
            assertThat(r.body()).doesNotContain(incident.get("trackingCode").asText());
            assertThat(payload.get("category").asText()).isEqualTo("HELP");
            assertThat(payload.get("ownerUnitId").asText()).isEqualTo(workstation.id().value().toString());
            assertThat(payload.get("ownerUnitName").asText()).isEqualTo(workstation.name());
            assertThat(payload.hasNonNull("at")).isTrue();
            assertThat(r.body()).as("no personal data").doesNotContain(description, "报告人甲", "13912345678", "5678",
                    "推送测试地址", grid.manager().name());
            if (r.answered() == 200) {
                kinds.add(payload.get("kind").asText());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("RECEIVED", "ROUTED", "ACKNOWLEDGED");
    }

    /**
     * The README's check, written without the sender's code: HMAC-SHA256 keyed with the secret (UTF-8) over the
     * X-Fengqiao-Timestamp header as sent, a '.', and the body's raw bytes, lowercase hex after "sha256=", compared in
     * constant time.
     */
    static boolean verifiesAsDocumented(String secret, String timestamp, byte[] body, String signature) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void afterTheLastAttemptADeliveryShowsAsFailedWithItsErrorUntilRetriedByHand() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        receiver.answer(500);
        String incident = file("失败测试-" + UUID.randomUUID()).get("id").asText();
        // keep only the first step's delivery in play
        Row kept = deliveries(webhook).get(0);
        jdbc.sql("UPDATE webhook_delivery SET status = 'DELIVERED' WHERE webhook_id = ? AND id <> ?")
                .params(UUID.fromString(webhook), kept.id()).update();

        Instant at = Instant.now();
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            deliver(webhook, at);
            Row r = deliveries(webhook).get(0);
            assertThat(r.attempts()).isEqualTo(attempt);
            assertThat(r.status()).isEqualTo(attempt < properties.maxAttempts() ? "PENDING" : "FAILED");
            at = at.plus(properties.backoff(attempt)).plusSeconds(1);
        }
        deliver(webhook, at.plus(Duration.ofDays(1)));
        Row failed = deliveries(webhook).get(0);
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(properties.maxAttempts());
        assertThat(failed.lastError()).isEqualTo("HTTP 500: boom");
        assertThat(receiver.requests().stream().filter(r -> r.eventId().equals(kept.eventId().toString())))
                .hasSize(properties.maxAttempts());

        // the page shows it failed, with its error
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        String page = browser.get("/webhooks/" + webhook, null).body();
        assertThat(page).contains("HTTP 500: boom").contains("失败").contains("立即重试")
                .as("what the error means, beside it").contains("接收方拒收了推送（HTTP 500）")
                .as("which item and step each delivery tells of, linked to the item")
                .contains("接报 · 求助", "分流 · 求助", "href=\"/incidents/" + incident + "\"");
        assertThat(browser.get("/webhooks", null).body()).contains(receiver.url()).contains("失败 1");
        assertThat(browser.get("/webhooks/" + webhook + "?lang=en", null).body())
                .contains("The receiver refused the event (HTTP 500)").contains("Received · Help");
        browser.get("/webhooks/" + webhook + "?lang=zh-CN", null);

        receiver.answer(200);
        // "retry now" on the page: a fresh run of attempts
        HttpResponse<String> retried = browser.form("/webhooks/" + webhook + "/deliveries/" + failed.id() + "/retry",
                Map.of("_csrf", browser.csrfFrom("/webhooks/" + webhook)));
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(retried.headers().firstValue("Location").orElseThrow()).endsWith("/webhooks/" + webhook);
        Row again = deliveries(webhook).get(0);
        assertThat(again.status()).isEqualTo("PENDING");
        assertThat(again.attempts()).isZero();
        deliver(webhook, Instant.now().plusSeconds(1));
        assertThat(deliveries(webhook).get(0).status()).isEqualTo("DELIVERED");
        assertThat(receiver.accepted()).containsOnlyKeys(failed.eventId().toString());
        assertThat(api.send("POST", "/api/v1/webhooks/deliveries/" + failed.id() + "/retry", officer, null).statusCode())
                .as("nothing to retry once delivered").isEqualTo(409);
        assertThat(browser.form("/webhooks/" + UUID.randomUUID() + "/deliveries/" + failed.id() + "/retry",
                Map.of("_csrf", browser.csrfFrom("/webhooks/" + webhook))).statusCode())
                .as("a delivery under another webhook's address").isEqualTo(404);

        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'webhook_delivery' AND record_id = ?")
                .param(failed.id().toString()).query(Long.class).single()).isEqualTo(1);
        String registered = jdbc.sql("SELECT after::text FROM audit_entry WHERE record_type = 'webhook' AND record_id = ? AND action = 'CREATE'")
                .param(webhook).query(String.class).single();
        assertThat(registered).contains(receiver.url()).doesNotContain(SECRET);
    }

    /**
     * A disabled webhook sends nothing, so retrying one of its deliveries would be said done and never happen: the
     * page offers no retry while it is disabled, a retry asked for anyway is refused in the caller's language and
     * changes nothing; enabled again, the delivery is retried.
     */
    @Test
    void aDeliveryOfADisabledWebhookIsNotRetriedUntilTheWebhookIsEnabledAgain() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        file("停用重试-" + UUID.randomUUID());
        Row kept = deliveries(webhook).get(0);
        jdbc.sql("UPDATE webhook_delivery SET status = 'DELIVERED' WHERE webhook_id = ? AND id <> ?")
                .params(UUID.fromString(webhook), kept.id()).update();
        jdbc.sql("""
                UPDATE webhook_delivery SET status = 'FAILED', attempts = ?, last_error = 'HTTP 500: boom'
                WHERE id = ?""").params(properties.maxAttempts(), kept.id()).update();
        assertThat(api.send("POST", "/api/v1/webhooks/" + webhook + "/disable", officer, null).statusCode())
                .isEqualTo(200);

        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        assertThat(browser.get("/webhooks/" + webhook, null).body()).contains("HTTP 500: boom")
                .doesNotContain("立即重试").doesNotContain("/deliveries/" + kept.id() + "/retry");
        HttpResponse<String> refused = api.send("POST", "/api/v1/webhooks/deliveries/" + kept.id() + "/retry", officer,
                null, "Accept-Language", "en");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("This webhook is disabled: enable it before retrying a delivery");
        HttpResponse<String> onThePage = browser.form("/webhooks/" + webhook + "/deliveries/" + kept.id() + "/retry",
                Map.of("_csrf", browser.csrfFrom("/webhooks/" + webhook)));
        assertThat(onThePage.statusCode()).isEqualTo(302);
        assertThat(browser.get("/webhooks/" + webhook, null).body()).contains("该推送已停用，须先启用才能重试");
        assertThat(deliveries(webhook).get(0).status()).as("nothing changed").isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'webhook_delivery' AND record_id = ?")
                .param(kept.id().toString()).query(Long.class).single()).isZero();

        assertThat(api.send("POST", "/api/v1/webhooks/" + webhook + "/enable", officer, null).statusCode())
                .isEqualTo(200);
        assertThat(browser.get("/webhooks/" + webhook, null).body()).contains("立即重试");
        assertThat(api.send("POST", "/api/v1/webhooks/deliveries/" + kept.id() + "/retry", officer, null).statusCode())
                .isEqualTo(200);
        assertThat(deliveries(webhook).get(0).status()).isEqualTo("PENDING");
    }

    @Test
    void twoWorkersAtOnceSendEachDeliveryOnce() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        receiver.delay(20);
        for (int i = 0; i < 10; i++) {
            file("并发测试-" + i + "-" + UUID.randomUUID());
        }
        assertThat(deliveries(webhook)).hasSize(20);
        Instant at = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(() -> worker.deliverDue(at));
            }
            int attempted = 0;
            for (Future<Integer> f : pool.invokeAll(workers)) {
                attempted += f.get();
            }
            assertThat(attempted).isLessThanOrEqualTo(20);
        } finally {
            pool.shutdown();
        }
        deliver(webhook, at);
        assertThat(deliveries(webhook)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("DELIVERED");
            assertThat(r.attempts()).isEqualTo(1);
        });
        assertThat(receiver.requests()).as("no delivery sent twice").hasSize(20);
        assertThat(receiver.accepted()).hasSize(20);
    }

    /**
     * Queues {@code n} events for the webhook as the outbox does (one request's steps share their moment), due at the
     * moment given: an hour ahead, out of reach of the application's scheduled worker, which sends what is due now.
     * Their payloads carry their order ({@code n}).
     */
    Instant queue(String webhook, int n, Duration earlier) {
        Instant due = Instant.now().plus(Duration.ofHours(1)).minus(earlier);
        java.time.OffsetDateTime at = java.time.OffsetDateTime.ofInstant(due, java.time.ZoneOffset.UTC);
        for (int i = 0; i < n; i++) {
            UUID event = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, payload, status, attempts,
                                                  next_attempt_at, created_at)
                    VALUES (?, ?, ?, 'incident.step', ?, 'PENDING', 0, ?, ?)""")
                    .params(UUID.randomUUID(), UUID.fromString(webhook), event,
                            "{\"id\":\"" + event + "\",\"type\":\"incident.step\",\"n\":" + i + "}", at, at)
                    .update();
        }
        return due;
    }

    /**
     * A receiver slow to answer holds back no other webhook's deliveries: a fast receiver's events, due after the slow
     * one's, all arrive while the slow answer is still awaited, one at a time and in the order they happened; in the
     * end each arrived once at each receiver. The slow receiver holds its answer until they have arrived, well within
     * the timeout: a worker that waited for it first would see it time out (and fail) before sending the others.
     */
    @Test
    void aSlowReceiverDoesNotHoldBackTheOtherWebhooksDeliveriesAndEachKeepsItsOrder() throws Exception {
        try (Receiver slow = new Receiver()) {
            String slowHook = register(officer, workstation.id().value(), slow.url());
            String fastHook = register(officer, workstation.id().value(), receiver.url());
            slow.holdAnswers();
            receiver.delay(150);
            // the slow receiver's one delivery is due first
            queue(slowHook, 1, Duration.ofSeconds(1));
            Instant due = queue(fastHook, 6, Duration.ZERO);

            ExecutorService run = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> attempted = run.submit(() -> worker.deliverDue(due.plusSeconds(1)));
                Eventually.await(() -> receiver.accepted().size() == 6 ? true : null, "the fast receiver's events");
                assertThat(slow.inFlight()).as("the slow answer is still awaited").isEqualTo(1);
                assertThat(slow.requests()).isEmpty();
                slow.releaseAnswers();
                assertThat(attempted.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(7);
            } finally {
                run.shutdownNow();
            }
            assertThat(deliveries(fastHook)).hasSize(6).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo("DELIVERED");
                assertThat(r.attempts()).isEqualTo(1);
            });
            assertThat(deliveries(slowHook)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
            assertThat(slow.accepted()).hasSize(1).containsValue(1L);
            assertThat(receiver.accepted()).hasSize(6).allSatisfy((event, times) -> assertThat(times).isEqualTo(1L));
            assertThat(receiver.maxInFlight()).as("one webhook's deliveries go one at a time").isEqualTo(1);
            List<Integer> arrived = new ArrayList<>();
            for (Receiver.Request r : receiver.requests()) {
                arrived.add(ApiClient.JSON.readTree(r.body()).get("n").asInt());
            }
            assertThat(arrived).as("in the order they were queued").containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    /**
     * A delivery put off by a failure is not overtaken by the webhook's later ones: they wait behind it, also through
     * its backoff, and arrive after it, in the order their events happened. Sent meanwhile, a receiver that keeps an
     * item's last step was left with an older one (派警 arriving before the 受理 a 503 had put off). The page says why
     * they wait and offers no "retry now" for them; asked for anyway, it is refused in the caller's language.
     */
    @Test
    void aDeliveryPutOffByAFailureIsNotOvertakenByTheWebhooksLaterOnes() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        receiver.answer(503);
        Instant due = queue(webhook, 3, Duration.ZERO);
        deliver(webhook, due);
        assertThat(receiver.requests()).as("the first refused, the others not sent before it").hasSize(1);
        List<Row> waiting = deliveries(webhook);
        assertThat(waiting.get(0).attempts()).isEqualTo(1);
        assertThat(waiting.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("PENDING");
            assertThat(r.attempts()).isZero();
        });

        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        String page = browser.get("/webhooks/" + webhook, null).body();
        assertThat(page).contains("排在此前一条未送达的推送之后")
                .contains("/deliveries/" + waiting.get(0).id() + "/retry")
                .doesNotContain("/deliveries/" + waiting.get(1).id() + "/retry");
        HttpResponse<String> refused = api.send("POST", "/api/v1/webhooks/deliveries/" + waiting.get(1).id() + "/retry",
                officer, null, "Accept-Language", "en");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("This delivery waits behind an earlier one not delivered yet");
        assertThat(browser.form("/webhooks/" + webhook + "/deliveries/" + waiting.get(1).id() + "/retry",
                Map.of("_csrf", browser.csrfFrom("/webhooks/" + webhook))).statusCode()).isEqualTo(302);
        assertThat(browser.get("/webhooks/" + webhook, null).body()).contains("不能提前");

        deliver(webhook, due.plus(properties.backoff(1)).minusSeconds(1));
        assertThat(receiver.requests()).as("nothing sent while the first waits its backoff").hasSize(1);
        receiver.answer(200);
        deliver(webhook, due.plus(properties.backoff(1)).plusSeconds(5));
        assertThat(deliveries(webhook)).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
        List<Integer> accepted = new ArrayList<>();
        for (Receiver.Request r : receiver.requests()) {
            if (r.answered() == 200) {
                accepted.add(ApiClient.JSON.readTree(r.body()).get("n").asInt());
            }
        }
        assertThat(accepted).as("in the order their events happened").containsExactly(0, 1, 2);
    }

    /**
     * A failed attempt's next one waits the backoff from the moment it failed: the receiver, which took a while to
     * refuse, is not asked again sooner because the run that sent it began earlier (with a batch of slow answers, the
     * wait would be over before the attempt was).
     */
    @Test
    void aFailedAttemptWaitsItsBackoffFromTheFailureNotFromTheRunsStart() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        receiver.answer(503);
        receiver.delay(1500);
        Instant due = queue(webhook, 1, Duration.ZERO);
        deliver(webhook, due);

        record Attempt(Instant at, Instant next) {
        }
        Attempt attempt = jdbc.sql("""
                SELECT last_attempt_at, next_attempt_at FROM webhook_delivery WHERE webhook_id = ?""")
                .param(UUID.fromString(webhook))
                .query((rs, n) -> new Attempt(rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant()))
                .single();
        assertThat(receiver.requests()).hasSize(1);
        assertThat(Duration.between(attempt.at(), attempt.next())).as("the backoff after the receiver's slow refusal")
                .isGreaterThanOrEqualTo(properties.backoff(1).plusMillis(1400));

        // not asked again before the backoff is over, counted from the failure
        receiver.answer(200);
        receiver.delay(0);
        deliver(webhook, attempt.next().minusMillis(500));
        assertThat(receiver.requests()).as("the backoff is not over").hasSize(1);
        deliver(webhook, attempt.next());
        assertThat(deliveries(webhook)).allSatisfy(r -> assertThat(r.status()).isEqualTo("DELIVERED"));
    }

    /**
     * A receiver that names the request it refuses (its URL, the token in its query with it) does not put the token on
     * the webhook's page nor in its stored error: the error is stored and shown with the query's values masked, as the
     * URL is; an error stored before that is masked when read.
     */
    @Test
    void aDeliveryErrorNamingTheUrlShowsAndStoresItsTokenMasked() throws Exception {
        String url = receiver.url() + "?token=abc-token-123&v=2";
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", workstation.id().value());
        body.put("url", url);
        body.put("secret", SECRET);
        HttpResponse<String> created = api.send("POST", "/api/v1/webhooks", officer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String webhook = ApiClient.json(created).get("id").asText();
        webhooks.add(webhook);
        receiver.answer(404);
        receiver.echoTarget(true);
        deliver(webhook, queue(webhook, 1, Duration.ZERO));

        assertThat(receiver.requests()).isNotEmpty();
        assertThat(deliveries(webhook)).allSatisfy(r -> assertThat(r.lastError())
                .isEqualTo("HTTP 404: boom: no route for /hook?token=***&v=***"));
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        assertThat(browser.get("/webhooks/" + webhook, null).body()).contains("/hook?token=***&amp;v=***")
                .contains("接收方拒收了推送（HTTP 404）").doesNotContain("abc-token-123");
        assertThat(api.get("/api/v1/webhooks/" + webhook, officer).body()).contains("token=***")
                .doesNotContain("abc-token-123");

        // stored whole before errors were masked: masked on reading
        jdbc.sql("UPDATE webhook_delivery SET last_error = ? WHERE webhook_id = ?")
                .params("HttpConnectTimeoutException: HTTP connect timed out: " + url + " (token abc-token-123)",
                        UUID.fromString(webhook)).update();
        assertThat(browser.get("/webhooks/" + webhook, null).body()).contains("token=***")
                .contains("接收方未在规定时间内应答").doesNotContain("abc-token-123");
        assertThat(api.get("/api/v1/webhooks/" + webhook, officer).body()).doesNotContain("abc-token-123");
        UUID delivery = deliveries(webhook).get(0).id();
        assertThat(api.send("POST", "/api/v1/webhooks/deliveries/" + delivery + "/retry", officer, null).body())
                .doesNotContain("abc-token-123");
    }

    /**
     * A receiver (or a proxy before it) that answers its headers and then holds the body back costs one attempt of
     * at most the timeout, not as long as it likes: the delivery waits for its next attempt as one not answered in
     * time (the webhook's later ones behind it), and the worker is free again. A worker of the test's own, with a
     * timeout of a second, makes the attempt: the receiver holds the body until it closes, so the attempt cannot end
     * any other way, and the test waits a second instead of production's ten.
     */
    @Test
    void aReceiverThatHangsMidAnswerHoldsTheWorkerNoLongerThanTheTimeout() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        // the body held back until the receiver closes: only the worker's own timeout ends the attempt
        receiver.holdBody(Duration.ofMinutes(5).toMillis());
        Instant due = queue(webhook, 2, Duration.ZERO);

        // on a thread of its own: a worker that waits as long as the receiver likes must fail this test, not hang it
        ExecutorService run = Executors.newSingleThreadExecutor();
        try (ImpatientWorker impatient = new ImpatientWorker(Duration.ofSeconds(1), properties, jdbc, cipher,
                java.time.Clock.systemUTC(), transactions)) {
            Future<Integer> attempted = run.submit(() -> impatient.deliverDue(due));
            assertThat(attempted.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("ended by the timeout")
                    .isEqualTo(1);
        } finally {
            run.shutdownNow();
        }
        List<Row> rows = deliveries(webhook);
        assertThat(rows.get(0).status()).isEqualTo("PENDING");
        assertThat(rows.get(0).attempts()).isEqualTo(1);
        assertThat(rows.get(0).lastError()).as("read on the page as not answered in time")
                .startsWith("HttpTimeoutException");
        assertThat(rows.get(1).attempts()).as("the one behind waits its turn, as behind any failure").isZero();
    }

    /**
     * The application's scheduled jobs (the escalation sweep, the audit chain's sealer, ...) do not wait for a slow
     * receiver: while the scheduled worker waits for its answer, a change just audited is sealed into the chain within
     * a couple of seconds, as always.
     */
    @Test
    void aSlowReceiverDoesNotHoldTheOtherScheduledJobs() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        String other = register(officer, workstation.id().value(), receiver.url() + "?other");
        receiver.holdAnswers();
        file("慢速接收方-" + UUID.randomUUID());
        // the scheduled worker (every few seconds) takes a delivery and waits for the slow answer
        long waited = System.nanoTime();
        while (inFlight(webhook) + inFlight(other) == 0) {
            assertThat(Duration.ofNanos(System.nanoTime() - waited)).as("the scheduled worker never took a delivery")
                    .isLessThan(Duration.ofSeconds(40));
            Thread.sleep(50);
        }
        assertThat(api.send("POST", "/api/v1/webhooks/" + other + "/disable", officer, null).statusCode()).isEqualTo(200);
        long seq = jdbc.sql("SELECT max(seq) FROM audit_entry WHERE record_type = 'webhook' AND record_id = ?")
                .param(other).query(Long.class).single();
        long sealing = System.nanoTime();
        while (jdbc.sql("SELECT count(*) FROM audit_pending WHERE seq = ?").param(seq).query(Long.class).single() > 0
                && Duration.ofNanos(System.nanoTime() - sealing).compareTo(Duration.ofSeconds(4)) < 0) {
            Thread.sleep(50);
        }
        assertThat(inFlight(webhook) + inFlight(other)).as("the slow answer is still awaited").isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_pending WHERE seq = ?").param(seq).query(Long.class).single())
                .as("the change is sealed meanwhile").isZero();
        receiver.releaseAnswers();
    }

    long inFlight(String webhook) {
        return jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ? AND locked_until IS NOT NULL")
                .param(UUID.fromString(webhook)).query(Long.class).single();
    }

    @Test
    void aWebhookOfAnotherStationIsNotFoundAndTheBureauSeesBoth() {
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        String bureau = api.token("bureau", DEMO_PASSWORD);
        Unit heping = jurisdictions.unitByCode("320722020100").orElseThrow();
        String mine = register(officer, workstation.id().value(), receiver.url());
        String theirs = register(officer2, heping.id().value(), receiver.url() + "?from=heping");

        assertThat(api.get("/api/v1/webhooks/" + mine, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks/" + theirs, officer).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/webhooks/" + mine + "/disable", officer2, null).statusCode()).isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/webhooks/" + theirs + "/disable", officer, null).statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(api.get("/api/v1/webhooks", officer)).findValuesAsText("id")).contains(mine)
                .doesNotContain(theirs);
        assertThat(ApiClient.json(api.get("/api/v1/webhooks", officer2)).findValuesAsText("id")).contains(theirs)
                .doesNotContain(mine);
        assertThat(api.get("/api/v1/webhooks/" + mine, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/webhooks/" + theirs, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/webhooks/" + UUID.randomUUID(), bureau).statusCode()).isEqualTo(404);

        // a delivery of another station's webhook cannot be retried either
        String filed = file("范围测试-" + UUID.randomUUID()).get("id").asText();
        UUID delivery = deliveries(mine).get(0).id();
        assertThat(api.send("POST", "/api/v1/webhooks/deliveries/" + delivery + "/retry", officer2, null).statusCode())
                .isEqualTo(404);
        // by the item's id: the urban station's own items (the demo's, stepping on meanwhile) are its webhook's
        assertThat(jdbc.sql("SELECT payload FROM webhook_delivery WHERE webhook_id = ?").param(UUID.fromString(theirs))
                .query(String.class).list()).as("an item of the rural office is not the urban workstation's")
                .noneSatisfy(payload -> assertThat(payload).contains(filed));
        assertThat(jdbc.sql("SELECT payload FROM webhook_delivery WHERE webhook_id = ?").param(UUID.fromString(mine))
                .query(String.class).list()).as("it is the rural office's").anySatisfy(payload -> assertThat(payload)
                        .contains(filed));

        // nor registered for a unit outside one's scope
        HttpResponse<String> outside = api.send("POST", "/api/v1/webhooks", officer,
                Map.of("unitId", heping.id().value(), "url", "https://example.org/hook", "secret", SECRET));
        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(outside).get("errors").findValuesAsText("field")).containsExactly("unitId");

        // disabling is audited, and a disabled webhook queues nothing
        HttpResponse<String> disabled = api.send("POST", "/api/v1/webhooks/" + mine + "/disable", officer, null);
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(disabled).get("active").asBoolean()).isFalse();
        int before = deliveries(mine).size();
        file("停用后-" + UUID.randomUUID());
        assertThat(deliveries(mine)).hasSize(before);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'webhook' AND record_id = ? AND action = 'UPDATE'")
                .param(mine).query(Long.class).single()).isEqualTo(1);

        // who does not head a unit has no webhooks at all
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/webhooks", volunteer).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/webhooks/" + mine, volunteer).statusCode()).isEqualTo(403);
    }

    /**
     * A receiver's token in the URL's query string is a credential: everyone who reads the webhook in scope (the bureau
     * too) and the audit trail see its values masked; the head who registers it gets it whole in the answer, once;
     * the deliveries still go to the whole URL.
     */
    @Test
    void aTokenInTheUrlsQueryIsShownAndAuditedMaskedAndWholeOnlyToItsRegistrantOnce() throws Exception {
        String url = receiver.url() + "?token=abc-token-123&v=2";
        String masked = receiver.url() + "?token=***&v=***";
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", workstation.id().value());
        body.put("url", url);
        body.put("secret", SECRET);
        HttpResponse<String> created = api.send("POST", "/api/v1/webhooks", officer, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(ApiClient.json(created).get("url").asText()).as("the registrant, once").isEqualTo(url);
        String id = ApiClient.json(created).get("id").asText();
        webhooks.add(id);

        String bureau = api.token("bureau", DEMO_PASSWORD);
        for (String reader : List.of(officer, bureau)) {
            assertThat(ApiClient.json(api.get("/api/v1/webhooks/" + id, reader)).get("webhook").get("url").asText())
                    .isEqualTo(masked);
            assertThat(api.get("/api/v1/webhooks", reader).body()).contains(masked).doesNotContain("abc-token-123");
        }
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        assertThat(browser.get("/webhooks", null).body()).doesNotContain("abc-token-123");
        assertThat(browser.get("/webhooks/" + id, null).body()).contains("token=***").doesNotContain("abc-token-123");

        assertThat(api.send("POST", "/api/v1/webhooks/" + id + "/disable", officer, null).statusCode()).isEqualTo(200);
        List<String> trail = jdbc.sql("SELECT coalesce(before::text, '') || after::text FROM audit_entry "
                + "WHERE record_type = 'webhook' AND record_id = ?").param(id).query(String.class).list();
        assertThat(trail).hasSize(2).allSatisfy(t -> assertThat(t).contains("token=***").doesNotContain("abc-token-123"));
        assertThat(jdbc.sql("SELECT url FROM webhook WHERE id = ?").param(UUID.fromString(id)).query(String.class)
                .single()).as("sent to the whole URL").isEqualTo(url);

        // registered on the page: the page after it shows the whole URL once, a reload no more
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrfFrom("/webhooks"));
        form.put("unitId", workstation.id().value().toString());
        form.put("url", url);
        form.put("secret", SECRET);
        String location = browser.form("/webhooks", form).headers().firstValue("Location").orElseThrow();
        String page = "/webhooks/" + location.substring(location.lastIndexOf('/') + 1);
        webhooks.add(page.substring("/webhooks/".length()));
        assertThat(browser.get(page, null).body()).contains("id=\"webhook-whole-url\"").contains("abc-token-123");
        assertThat(browser.get(page, null).body()).doesNotContain("abc-token-123");
    }

    /**
     * Disabling a webhook already disabled (a second tab, a reload), or enabling one that is on, changes nothing: the
     * page says 未作改动 rather than 已保存, the API answers the webhook as it stands, and the trail gets no entry.
     */
    @Test
    void disablingADisabledOrEnablingAnEnabledWebhookChangesNothingAndSaysSo() {
        String id = register(officer, workstation.id().value(), receiver.url());
        String updates = "SELECT count(*) FROM audit_entry WHERE record_type = 'webhook' AND record_id = ? AND action = 'UPDATE'";
        HttpResponse<String> enabled = api.send("POST", "/api/v1/webhooks/" + id + "/enable", officer, null);
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(enabled).get("active").asBoolean()).isTrue();
        assertThat(jdbc.sql(updates).param(id).query(Long.class).single()).isZero();

        assertThat(api.send("POST", "/api/v1/webhooks/" + id + "/disable", officer, null).statusCode()).isEqualTo(200);
        HttpResponse<String> again = api.send("POST", "/api/v1/webhooks/" + id + "/disable", officer, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(again).get("active").asBoolean()).isFalse();
        assertThat(jdbc.sql(updates).param(id).query(Long.class).single()).isEqualTo(1);

        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        Map<String, String> disable = Map.of("_csrf", browser.csrfFrom("/webhooks/" + id));
        assertThat(browser.form("/webhooks/" + id + "/disable", disable).statusCode()).isEqualTo(302);
        assertThat(browser.get("/webhooks/" + id, null).body()).contains("未作改动").doesNotContain("已保存");
        assertThat(jdbc.sql(updates).param(id).query(Long.class).single()).isEqualTo(1);
        // a reader who switched his session to English
        ApiClient english = new ApiClient(port);
        english.formLogin("officer", DEMO_PASSWORD);
        english.get("/webhooks/" + id + "?lang=en", null);
        Map<String, String> disableEn = Map.of("_csrf", english.csrfFrom("/webhooks/" + id));
        assertThat(english.form("/webhooks/" + id + "/disable", disableEn).statusCode()).isEqualTo(302);
        assertThat(english.get("/webhooks/" + id, null).body()).contains("Nothing changed");
        assertThat(jdbc.sql(updates).param(id).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Who registers a webhook learns before it is too late that the URL's query values (a token) are answered whole
     * this once only: at the form's address field, in both languages, and in the API's description of the registration
     * and of its answer.
     */
    @Test
    void theRegistrationSaysTheWholeUrlIsShownOnlyOnce() {
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        assertThat(browser.get("/webhooks", null).body()).contains("id=\"url-hint\"")
                .contains("只在登记后显示这一次，之后列表、详情和审计中一律遮蔽为 ***，请自行留存");
        assertThat(browser.get("/webhooks?lang=en", null).body())
                .contains("are shown whole only once, just after registering");
        browser.get("/webhooks?lang=zh-CN", null);
        JsonNode post = ApiClient.json(api.get("/v3/api-docs", null)).path("paths").path("/api/v1/webhooks").path("post");
        assertThat(post.path("description").asText()).contains("in this answer only, this once: keep it");
        assertThat(post.path("responses").path("201").path("description").asText())
                .contains("in this answer only, this once: keep it", "masked");
    }

    /** The page says which headers a request carries and how a receiver verifies the signature, in both languages. */
    @Test
    void theWebhooksPageNamesTheSignatureHeadersAndHowToVerifyThem() {
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        assertThat(browser.get("/webhooks", null).body()).contains("X-Fengqiao-Signature", "X-Fengqiao-Timestamp",
                "X-Fengqiao-Event-Id", "以登记的密钥", "定长比较", "五分钟");
        assertThat(browser.get("/webhooks?lang=en", null).body()).contains("X-Fengqiao-Signature",
                "X-Fengqiao-Timestamp", "X-Fengqiao-Event-Id", "keyed with the registered secret", "constant time",
                "five minutes");
    }

    @Test
    void aUrlMustBeHttpOrHttpsAndTheSecretLongEnoughInTheCallersLanguage() {
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", workstation.id().value());
        body.put("url", "ftp://example.org/hook");
        body.put("secret", "short");
        HttpResponse<String> zh = api.send("POST", "/api/v1/webhooks", officer, body);
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode errors = ApiClient.json(zh).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("url", "secret");
        assertThat(errors.findValuesAsText("message")).contains("请填写有效的 http 或 https 地址", "签名密钥须为 16 至 256 个字符");
        HttpResponse<String> en = api.send("POST", "/api/v1/webhooks", officer, body, "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message")).contains("Give a valid http or https URL");
        for (String bad : List.of("javascript:alert(1)", "http://", "https://user:pw@example.org/x", "not a url", "//example.org")) {
            body.put("url", bad);
            body.put("secret", SECRET);
            assertThat(api.send("POST", "/api/v1/webhooks", officer, body).statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM webhook WHERE unit_id = ?").param(workstation.id().value())
                .query(Long.class).single()).as("nothing saved").isZero();
    }
    @Test
    void aWebhookCannotPointAtThisHostTheMetadataServiceOrAMulticastGroup() {
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", workstation.id().value());
        body.put("secret", SECRET);
        // the tests allow 127.0.0.1 and ::1 only (their receivers); the rest of loopback stays refused
        for (String refused : List.of("http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:5432/",
                "http://0.0.0.0:8080/hook", "http://[fe80::1]/hook", "http://224.0.0.1/hook")) {
            body.put("url", refused);
            HttpResponse<String> zh = api.send("POST", "/api/v1/webhooks", officer, body);
            assertThat(zh.statusCode()).as(refused).isEqualTo(400);
            assertThat(ApiClient.json(zh).get("errors").findValuesAsText("message")).as(refused)
                    .anySatisfy(m -> assertThat(m).startsWith("不能推送到本机、链路本地或组播地址"));
        }
        HttpResponse<String> en = api.send("POST", "/api/v1/webhooks", officer, body, "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m).startsWith("Webhooks cannot be sent to this host"));
        assertThat(jdbc.sql("SELECT count(*) FROM webhook WHERE unit_id = ?").param(workstation.id().value())
                .query(Long.class).single()).as("nothing saved").isZero();
    }

    @Test
    void aDeliveryToAnAddressRefusedSinceRegistrationFailsWithoutBeingSent() throws Exception {
        String webhook = register(officer, workstation.id().value(), receiver.url());
        // as if the name now resolved elsewhere: the stored URL points at the metadata service
        jdbc.sql("UPDATE webhook SET url = 'http://169.254.169.254/latest/meta-data/' WHERE id = ?")
                .param(UUID.fromString(webhook)).update();
        file("拒绝地址-" + UUID.randomUUID());
        deliver(webhook, Instant.now().plusSeconds(1));
        assertThat(deliveries(webhook)).hasSize(2).first().satisfies(r -> {
            assertThat(r.status()).isEqualTo("PENDING");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.lastError()).startsWith("address refused: 169.254.169.254");
        });
        assertThat(deliveries(webhook).get(1).attempts()).as("waiting behind the first").isZero();
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void theHeadOfAUnitRegistersAndDisablesAWebhookOnThePage() {
        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        String list = browser.get("/webhooks", null).body();
        assertThat(list).contains("id=\"webhook-form\"").contains(workstation.name());

        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrfFrom("/webhooks"));
        form.put("unitId", workstation.id().value().toString());
        form.put("url", "mailto:someone@example.org");
        form.put("secret", SECRET);
        HttpResponse<String> bad = browser.form("/webhooks", form);
        assertThat(bad.statusCode()).isEqualTo(302);
        assertThat(bad.headers().firstValue("Location").orElseThrow()).endsWith("/webhooks");
        assertThat(browser.get("/webhooks", null).body()).contains("请填写有效的 http 或 https 地址");

        form.put("_csrf", browser.csrfFrom("/webhooks"));
        form.put("url", receiver.url());
        form.put("description", "页面登记");
        HttpResponse<String> saved = browser.form("/webhooks", form);
        assertThat(saved.statusCode()).isEqualTo(302);
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/webhooks/[0-9a-f-]{36}$");
        String id = location.substring(location.lastIndexOf('/') + 1);
        webhooks.add(id);
        String detail = browser.get("/webhooks/" + id, null).body();
        assertThat(detail).contains(receiver.url()).contains("页面登记").contains("id=\"webhook-disable\"")
                .doesNotContain(SECRET);

        Map<String, String> disable = Map.of("_csrf", browser.csrfFrom("/webhooks/" + id));
        assertThat(browser.form("/webhooks/" + id + "/disable", disable).statusCode()).isEqualTo(302);
        assertThat(browser.get("/webhooks/" + id, null).body()).contains("已停用").contains("id=\"webhook-enable\"");
        assertThat(jdbc.sql("SELECT active FROM webhook WHERE id = ?").param(UUID.fromString(id)).query(Boolean.class)
                .single()).isFalse();

        ApiClient other = new ApiClient(port);
        other.formLogin("officer2", DEMO_PASSWORD);
        assertThat(other.get("/webhooks/" + id, null).statusCode()).isEqualTo(404);
        assertThat(other.get("/webhooks", null).body()).doesNotContain(id);
    }
}
