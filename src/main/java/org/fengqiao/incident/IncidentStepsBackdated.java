package org.fengqiao.incident;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The steps of an incident set back to when they would have been taken (the demo's items, filed as it loads and dated
 * hours or a year before): each moment a step was written at, with the moment it now says. What announced a step
 * (an inbox entry) is dated as the step is, so it moves with it.
 */
public record IncidentStepsBackdated(UUID incidentId, Map<Instant, Instant> moved) {
}
