package org.fengqiao.notification.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Unchanged;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The units' outbound webhooks: registered by the head of a unit for the unit's subtree, listed and changed
 * only within the caller's scope (a webhook of a unit outside it is not found), every change audited. The
 * secret is stored encrypted and never shown again; the audit trail records the URL, never the secret. A URL's
 * query values (a receiver's token, {@code ?token=abc}) are as much a credential: everyone in scope and the audit
 * trail see them masked ({@link #masked}); only the registration's own answer carries the URL whole, once.
 */
@Service
public class Webhooks {

    public record Webhook(UUID id, UUID unitId, String unitName, String unitPath, String url, String description,
            boolean active, OffsetDateTime createdAt, long pending, long failed, long delivered) {
    }

    /**
     * queued: waiting, behind an earlier delivery of the webhook that is not delivered yet; it is sent once that one is
     * delivered or has failed, not before (a webhook's events arrive in the order they happened).
     */
    public record Delivery(UUID id, UUID webhookId, UUID eventId, String eventType, String payload, String status,
            int attempts, OffsetDateTime nextAttemptAt, OffsetDateTime lastAttemptAt, Integer lastStatus,
            String lastError, OffsetDateTime deliveredAt, OffsetDateTime createdAt, boolean queued) {
    }

    /** A delivery's columns with {@code queued}, for a delivery row {@code d}. */
    private static final String DELIVERY = """
            d.*, d.status = 'PENDING' AND EXISTS (SELECT 1 FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id
                                                   AND e.status = 'PENDING' AND e.seq < d.seq) AS queued""";

    static final int MAX_URL = 2000;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    private static final String WEBHOOK = """
            SELECT w.id, w.unit_id, u.name AS unit_name, u.path AS unit_path, w.url, w.description, w.active, w.created_at,
                   (SELECT count(*) FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.status = 'PENDING') AS pending,
                   (SELECT count(*) FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.status = 'FAILED') AS failed,
                   (SELECT count(*) FROM webhook_delivery d WHERE d.webhook_id = w.id AND d.status = 'DELIVERED') AS delivered
              FROM webhook w JOIN unit u ON u.id = w.unit_id
            """;

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final WebhookAddressPolicy addresses;

    Webhooks(JdbcClient jdbc, Jurisdictions jurisdictions, PersonalDataCipher cipher, ApplicationEventPublisher events,
            Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
        this.addresses = properties.addressPolicy();
    }

    public List<Webhook> list(Caller caller) {
        return jdbc.sql(WEBHOOK + " WHERE u.path LIKE ANY(CAST(:scope AS text[])) ORDER BY u.path, w.created_at, w.id")
                .param("scope", caller.scopePatterns()).query(Webhooks::webhook).list();
    }

    public Webhook get(UUID id, Caller caller) {
        return find(id, caller).orElseThrow(() -> new NotFound("webhook", id));
    }

    private Optional<Webhook> find(UUID id, Caller caller) {
        return jdbc.sql(WEBHOOK + " WHERE w.id = :id AND u.path LIKE ANY(CAST(:scope AS text[]))")
                .param("id", id).param("scope", caller.scopePatterns()).query(Webhooks::webhook).optional();
    }

    @Transactional
    public Webhook register(UUID unitId, String url, String secret, String description, Caller caller) {
        List<Invalid.Problem> problems = new ArrayList<>();
        Optional<Unit> unit = Optional.empty();
        if (unitId == null) {
            problems.add(problem("unitId", "error.field.required"));
        } else {
            unit = jurisdictions.visibleUnit(new UnitId(unitId), caller);
            if (unit.isEmpty()) {
                problems.add(problem("unitId", "notification.webhook.unit.unknown"));
            }
        }
        String cleanUrl = url == null ? null : url.trim();
        if (cleanUrl == null || cleanUrl.isEmpty()) {
            problems.add(problem("url", "error.field.required"));
        } else if (!validUrl(cleanUrl)) {
            problems.add(problem("url", "notification.webhook.url.invalid"));
        } else if (addresses.refused(URI.create(cleanUrl).getHost()).isPresent()) {
            problems.add(problem("url", "notification.webhook.url.refused"));
        }
        if (secret == null || secret.isEmpty()) {
            problems.add(problem("secret", "error.field.required"));
        } else if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            problems.add(problem("secret", "notification.webhook.secret.length"));
        }
        String desc = description == null || description.isBlank() ? null : description.trim();
        if (desc != null && desc.length() > 200) {
            problems.add(problem("description", "notification.webhook.description.tooLong"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO webhook (id, unit_id, url, secret, description, active, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, true, ?, ?, ?)""")
                .params(id, unitId, cleanUrl, cipher.encrypt(secret), desc, caller.staffId(), now(), now()).update();
        Webhook created = get(id, caller);
        events.publishEvent(Audited.created("webhook", id, created.unitPath(), snapshot(created)));
        // the head who registers it typed it: he alone gets it whole, once, to check what he typed
        return new Webhook(created.id(), created.unitId(), created.unitName(), created.unitPath(), cleanUrl,
                created.description(), created.active(), created.createdAt(), created.pending(), created.failed(),
                created.delivered());
    }

    /**
     * Stops (or resumes) sending a webhook's events; while stopped, no events are queued for it. One already in that
     * state is left as it is, nothing audited ({@link Unchanged}): "saved" and an entry in the trail would tell of a
     * change nobody made.
     */
    @Transactional
    public Webhook setActive(UUID id, boolean active, Caller caller) {
        Webhook before = get(id, caller);
        if (before.active() == active) {
            throw new Unchanged();
        }
        jdbc.sql("UPDATE webhook SET active = ?, updated_at = ? WHERE id = ?").params(active, now(), id).update();
        Webhook after = get(id, caller);
        events.publishEvent(Audited.updated("webhook", id, before.unitPath(), snapshot(before), snapshot(after)));
        return after;
    }

    public List<Delivery> deliveries(UUID webhookId, Caller caller, int limit) {
        get(webhookId, caller);
        String url = jdbc.sql("SELECT url FROM webhook WHERE id = ?").param(webhookId).query(String.class).single();
        // masked on reading too: errors stored before they were masked on writing
        return jdbc.sql("""
                SELECT %s FROM webhook_delivery d WHERE d.webhook_id = ? ORDER BY d.created_at DESC, d.seq DESC LIMIT ?"""
                .formatted(DELIVERY))
                .params(webhookId, limit).query(Webhooks::delivery).list().stream().map(d -> masked(d, url)).toList();
    }

    /**
     * Sends a failed or waiting delivery again now; a failed one gets a fresh run of attempts (and goes in its turn,
     * after the webhook's earlier deliveries still waiting). Not one of a disabled webhook (409): a waiting one is sent
     * once the webhook is enabled again, a failed one may be retried then. Not one waiting behind an earlier delivery
     * (409): it is sent right after that one, and could not be sent now without overtaking it.
     */
    @Transactional
    public Delivery retry(UUID deliveryId, Caller caller) {
        return retry(null, deliveryId, caller);
    }

    /** As {@link #retry(UUID, Caller)}, for a delivery of the given webhook only (null: of any). */
    @Transactional
    public Delivery retry(UUID webhookId, UUID deliveryId, Caller caller) {
        Delivery before = jdbc.sql("""
                SELECT %s FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id JOIN unit u ON u.id = w.unit_id
                WHERE d.id = :id AND (CAST(:webhook AS uuid) IS NULL OR d.webhook_id = :webhook)
                  AND u.path LIKE ANY(CAST(:scope AS text[])) FOR UPDATE OF d""".formatted(DELIVERY))
                .param("id", deliveryId).param("webhook", webhookId).param("scope", caller.scopePatterns())
                .query(Webhooks::delivery).optional()
                .orElseThrow(() -> new NotFound("webhook delivery", deliveryId));
        if ("DELIVERED".equals(before.status())) {
            throw new Conflict("notification.webhook.retry.delivered");
        }
        // the worker sends nothing of a disabled webhook: a retry would be said done and never happen
        if (!get(before.webhookId(), caller).active()) {
            throw new Conflict("notification.webhook.retry.disabled");
        }
        // it goes right after the earlier one still waiting, never before it: "retried now" would not be so
        if (before.queued()) {
            throw new Conflict("notification.webhook.retry.queued");
        }
        jdbc.sql("""
                UPDATE webhook_delivery SET status = 'PENDING', next_attempt_at = ?,
                    attempts = CASE WHEN status = 'FAILED' THEN 0 ELSE attempts END
                WHERE id = ?""").params(now(), deliveryId).update();
        String url = jdbc.sql("SELECT url FROM webhook WHERE id = ?").param(before.webhookId()).query(String.class)
                .single();
        Delivery after = masked(jdbc.sql("SELECT " + DELIVERY + " FROM webhook_delivery d WHERE d.id = ?").param(deliveryId)
                .query(Webhooks::delivery).single(), url);
        Webhook webhook = get(before.webhookId(), caller);
        events.publishEvent(Audited.updated("webhook_delivery", deliveryId, webhook.unitPath(), deliverySnapshot(before),
                deliverySnapshot(after)));
        return after;
    }

    static boolean validUrl(String url) {
        if (url.length() > MAX_URL || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The URL with the value of every query parameter masked ({@code https://host/hook?token=***}): scheme, host, port,
     * path and the parameters' names stay, enough to tell one receiver from another.
     */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        String query = url.substring(q + 1);
        if (query.isEmpty()) {
            return url;
        }
        return url.substring(0, q + 1) + maskedQuery(query);
    }

    /** A query string with every parameter's value masked; a parameter without a name ({@code ?abc}) is a value alone. */
    private static String maskedQuery(String query) {
        StringBuilder m = new StringBuilder();
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                m.append('&');
            }
            int eq = pairs[i].indexOf('=');
            m.append(eq < 0 ? (pairs[i].isEmpty() ? "" : MASK) : pairs[i].substring(0, eq + 1) + MASK);
        }
        return m.toString();
    }

    /** A query string in a text: what follows a '?' that ends a word (an address, a path) up to a space or a quote. */
    private static final java.util.regex.Pattern QUERY_IN_TEXT = java.util.regex.Pattern.compile("(?<=[^\\s?])\\?([^\\s\"'<>?]+)");

    /** A query value this long or longer is masked wherever it stands in a text, not only after its name. */
    private static final int MIN_MASKED_VALUE = 6;

    /**
     * A text about a delivery to {@code url} (an exception's message, a receiver's answer echoing the request) with the
     * URL's query values masked as {@link #masked} masks them: every query string in it, and each of the URL's values
     * long enough to be a token, wherever it stands (decoded too). Stored and shown so, to everyone who reads the
     * webhook: the token is a credential.
     */
    public static String maskedIn(String text, String url) {
        if (text == null || url == null) {
            return text;
        }
        String m = text;
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                String value = pair.substring(pair.indexOf('=') + 1);
                for (String v : List.of(value, decoded(value))) {
                    if (v.length() >= MIN_MASKED_VALUE) {
                        m = m.replace(v, MASK);
                    }
                }
            }
        }
        java.util.regex.Matcher found = QUERY_IN_TEXT.matcher(m);
        StringBuilder out = new StringBuilder();
        while (found.find()) {
            found.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("?" + maskedQuery(found.group(1))));
        }
        found.appendTail(out);
        return out.toString();
    }

    private static String decoded(String value) {
        try {
            return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    static final String MASK = "***";

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Map<String, Object> snapshot(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", w.unitName());
        m.put("url", w.url());
        m.put("description", String.valueOf(w.description()));
        m.put("active", w.active());
        return m;
    }

    private static Map<String, Object> deliverySnapshot(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eventId", d.eventId().toString());
        m.put("status", d.status());
        m.put("attempts", d.attempts());
        m.put("nextAttemptAt", String.valueOf(d.nextAttemptAt()));
        return m;
    }

    private static Invalid.Problem problem(String field, String key) {
        return new Invalid.Problem(field, key, new Object[0]);
    }

    private static Webhook webhook(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("unit_path"), masked(rs.getString("url")), rs.getString("description"), rs.getBoolean("active"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getLong("pending"), rs.getLong("failed"),
                rs.getLong("delivered"));
    }

    private static Delivery masked(Delivery d, String url) {
        return new Delivery(d.id(), d.webhookId(), d.eventId(), d.eventType(), d.payload(), d.status(), d.attempts(),
                d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatus(), maskedIn(d.lastError(), url), d.deliveredAt(),
                d.createdAt(), d.queued());
    }

    static Delivery delivery(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class),
                rs.getObject("event_id", UUID.class), rs.getString("event_type"), rs.getString("payload"),
                rs.getString("status"), rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                rs.getObject("last_attempt_at", OffsetDateTime.class), lastStatus,
                rs.getString("last_error"), rs.getObject("delivered_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getBoolean("queued"));
    }
}
