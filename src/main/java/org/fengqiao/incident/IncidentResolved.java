package org.fengqiao.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident that needs no more work: resolved by its owner, or merged into another report ({@code merged}),
 * published in the transaction of that step beside its {@link IncidentStepRecorded}. For listeners that care
 * only about this moment (points for a report found true, a board of old open items), so that they need no
 * condition on every step: a transactional listener with a condition is evaluated, and its publication
 * considered, on each of the several steps of every report filed.
 */
public record IncidentResolved(UUID incidentId, String trackingCode, Category category, String unitPath,
        boolean merged, Instant at) {
}
