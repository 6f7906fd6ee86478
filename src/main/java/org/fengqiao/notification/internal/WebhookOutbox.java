package org.fengqiao.notification.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.incident.IncidentStepRecorded;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.ShortLived;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues every incident step for the active webhooks of the units above the incident's grid (the unit's subtree holds
 * the incident) that were registered when it took place: a webhook tells of what happens from its registration on, not
 * of a step that took place before and is written after (the sweep writes its escalations at the moment it began, the
 * group commit a filing at the moment it came in). A plain synchronous {@link EventListener}, like the audit trail:
 * the rows are written in the transaction of the step, so the outbox holds exactly the steps that committed, and a
 * receiver that is down loses nothing; {@link WebhookWorker} sends them later.
 * <p>
 * The payload carries no personal data: the event id, the incident's id and category, the step's kind, the owning unit
 * (id and name), for a hand-over the unit that owned it before (id and name), and the time. Not the description, the
 * reporter, the owner's name nor a reason (a person's words may name someone), and not the tracking code: it is the
 * resident's only key to his report's tracking page (his photos, rating, reopening), so it stays with him; receivers
 * refer to the report by its id.
 */
@Component
class WebhookOutbox {

    static final String EVENT_TYPE = "incident.step";

    private final JdbcClient jdbc;
    private final Jurisdictions jurisdictions;
    private final ObjectMapper json;
    /** An active webhook and when it was registered. */
    private record Active(UUID id, Instant since) {
    }

    /** The active webhooks above a unit path: asked on every step of every report, changed rarely. */
    private final ShortLived<String, List<Active>> active;

    WebhookOutbox(JdbcClient jdbc, Jurisdictions jurisdictions, ObjectMapper json,
            @Value("${fengqiao.notification.webhooks.lookup-cache:5s}") Duration lookupCache) {
        this.jdbc = jdbc;
        this.jurisdictions = jurisdictions;
        this.json = json;
        this.active = new ShortLived<>(lookupCache, 10_000);
    }

    /**
     * A webhook registered, stopped or resumed on this instance counts from the next step on; on another
     * instance within {@code fengqiao.notification.webhooks.lookup-cache} (5 s; 0 asks the database each time).
     */
    @EventListener
    void changed(Audited event) {
        if ("webhook".equals(event.recordType())) {
            ShortLived.clearNowAndAtTransactionEnd(active::clear);
        }
    }

    /**
     * A step that carried the item out of its place (a HANDED_OVER with its village to another station) goes to the
     * webhooks above where it lay before as well: the station that lost it hears that it left, as the one that took it
     * hears that it came; a webhook above both (the bureau's) gets it once.
     */
    @EventListener
    void on(IncidentStepRecorded step) {
        java.util.Set<UUID> webhooks = new java.util.LinkedHashSet<>(above(step.unitPath(), step.at()));
        if (step.movedOut()) {
            webhooks.addAll(above(step.previousUnitPath(), step.at()));
        }
        if (webhooks.isEmpty()) {
            return;
        }
        UUID eventId = UUID.randomUUID();
        String payload = payload(eventId, step);
        OffsetDateTime at = OffsetDateTime.ofInstant(step.at(), ZoneOffset.UTC);
        for (UUID webhook : webhooks) {
            jdbc.sql("""
                    INSERT INTO webhook_delivery (id, webhook_id, event_id, event_type, payload, status, attempts,
                                                  next_attempt_at, created_at)
                    VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""")
                    .params(UUID.randomUUID(), webhook, eventId, EVENT_TYPE, payload, at, at).update();
        }
    }

    /** The active webhooks of the units at or above a place that were registered by the step's moment. */
    private List<UUID> above(String unitPath, java.time.Instant at) {
        return active.get(unitPath, path -> jdbc.sql("""
                SELECT w.id, w.created_at FROM webhook w JOIN unit u ON u.id = w.unit_id
                WHERE w.active AND left(:path, length(u.path)) = u.path""")
                .param("path", path)
                .query((rs, n) -> new Active(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list()).stream().filter(w -> !at.isBefore(w.since())).map(Active::id).toList();
    }

    private String payload(UUID eventId, IncidentStepRecorded step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", eventId.toString());
        m.put("type", EVENT_TYPE);
        m.put("incidentId", step.incidentId().toString());
        m.put("kind", step.kind());
        m.put("category", step.category().name());
        if (step.ownerUnitId() != null) {
            m.put("ownerUnitId", step.ownerUnitId().toString());
            m.put("ownerUnitName", jurisdictions.unit(new UnitId(step.ownerUnitId())).map(Unit::name).orElse(null));
        }
        if (step.previousOwnerUnitId() != null) {
            // the unit the item was taken from (a hand-over with its village): the old station's receiver knows the
            // step is of an item that left it
            m.put("previousOwnerUnitId", step.previousOwnerUnitId().toString());
            m.put("previousOwnerUnitName", jurisdictions.unit(new UnitId(step.previousOwnerUnitId())).map(Unit::name)
                    .orElse(null));
        }
        m.put("at", step.at().toString());
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook payload", e);
        }
    }
}
