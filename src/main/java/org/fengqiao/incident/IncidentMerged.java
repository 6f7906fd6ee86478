package org.fengqiao.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A report merged into another as its duplicate (it is closed as MERGED and answered with its primary), published in
 * the merging transaction, so that whatever other modules opened for the duplicate (the mediation case of a 110
 * dispute) ends with it and not later. {@code mergedBy} is the person who merged it (null for the application).
 */
public record IncidentMerged(UUID mergedId, String mergedCode, UUID primaryId, String primaryCode, String unitPath,
        UUID mergedBy, String mergedByName, Instant at) {
}
