package org.fengqiao.mediation;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispute flagged at risk of turning violent (民转刑), published in the transaction that flagged it, so that the
 * station chief hears of it at once (an inbox may listen). {@code unitPath} is the case's grid's unit path (its
 * scope); {@code stationUnitId} the station above it, whose chief must know; {@code note} why it was flagged.
 */
public record DisputeAtRisk(UUID caseId, String caseCode, String unitPath, UUID stationUnitId, String note,
        UUID flaggedBy, Instant at) {
}
