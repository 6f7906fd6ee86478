package org.fengqiao.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A resolved or answered incident opened again (by its reporter within the reopening window), published in the
 * transaction of that step beside its {@link IncidentStepRecorded}: the counterpart of {@link IncidentResolved}
 * for listeners that keep a list of open items.
 */
public record IncidentReopened(UUID incidentId, String trackingCode, Category category, String unitPath, Instant at) {
}
