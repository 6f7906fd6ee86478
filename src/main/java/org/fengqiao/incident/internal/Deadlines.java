package org.fengqiao.incident.internal;

import java.time.OffsetDateTime;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.jurisdiction.UnitKind;

/**
 * The deadline of an incident's present step at its present level: to take it up (acknowledge) within the
 * level's answer time, then to resolve it within the resolve time, both from the moment the unit became
 * the owner; once resolved, to answer the reporter within the answer time from the resolution. Answered and merged
 * items have none.
 */
public final class Deadlines {

    private final IncidentProperties.Escalation escalation;

    public Deadlines(IncidentProperties.Escalation escalation) {
        this.escalation = escalation;
    }

    public OffsetDateTime due(Status status, UnitKind level, OffsetDateTime ownerSince, OffsetDateTime resolvedAt) {
        IncidentProperties.Level times = escalation.level(level);
        return switch (status) {
            case RECEIVED -> ownerSince.plus(times.answer());
            case ACKNOWLEDGED, DISPATCHED, ARRIVED -> ownerSince.plus(times.resolve());
            case RESOLVED -> (resolvedAt.isAfter(ownerSince) ? resolvedAt : ownerSince).plus(times.answer());
            case ANSWERED, MERGED -> null;
        };
    }
}
