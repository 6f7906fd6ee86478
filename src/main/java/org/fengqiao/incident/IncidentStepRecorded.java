package org.fengqiao.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A step written to an incident's timeline (received, routed, acknowledged, escalated, answered, ...),
 * published in the transaction that wrote it, with the owner after the step (no person for a report merged into
 * another: it is handled on that one, nobody is to act on it). The unit path is the incident's grid's place in the
 * jurisdiction tree, so listeners (the inbox, outbound webhooks) can scope what they pass on. {@code reason} is a message key ({@code reasonIsKey}: shown in the reader's language) or a
 * person's words (shown as typed, even where they read like a key), as in the timeline; for the steps the reporter
 * takes on the tracking page (INFORMATION_ADDED, RATED, REOPENED) always his words, what he wrote.
 */
public record IncidentStepRecorded(UUID incidentId, String trackingCode, Category category, String unitPath,
        String kind, UUID ownerUnitId, UUID ownerStaffId, String reason, boolean reasonIsKey, Instant at) {

    /** Steps that give the item a new owner: whoever it now belongs to should hear of it. */
    public boolean assigns() {
        return "ROUTED".equals(kind) || "ESCALATED".equals(kind);
    }
}
