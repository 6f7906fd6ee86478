package org.fengqiao.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A step written to an incident's timeline (received, routed, acknowledged, escalated, answered, ...),
 * published in the transaction that wrote it, with the owner after the step (no person for a report merged into
 * another: it is handled on that one, nobody is to act on it). The unit path is the incident's grid's place in the
 * jurisdiction tree, so listeners (the inbox, outbound webhooks) can scope what they pass on. {@code reason} is a message key ({@code reasonIsKey}: shown in the reader's language) or a
 * person's words (shown as typed, even where they read like a key), as in the timeline; for the steps the reporter
 * takes on the tracking page (INFORMATION_ADDED, RATED, REOPENED) always his words, what he wrote. {@code filedBy} is
 * the staff member who filed the report (null for a resident's, the 110 centre's or a system's).
 */
public record IncidentStepRecorded(UUID incidentId, String trackingCode, Category category, String unitPath,
        String kind, UUID ownerUnitId, UUID ownerStaffId, String reason, boolean reasonIsKey, Instant at,
        UUID filedBy) {

    /**
     * A step of a report filed by no staff member known (a resident, the 110 centre, a system), or one written before
     * the filer was told.
     */
    public IncidentStepRecorded(UUID incidentId, String trackingCode, Category category, String unitPath, String kind,
            UUID ownerUnitId, UUID ownerStaffId, String reason, boolean reasonIsKey, Instant at) {
        this(incidentId, trackingCode, category, unitPath, kind, ownerUnitId, ownerStaffId, reason, reasonIsKey, at,
                null);
    }

    /**
     * Whether the filing's routing gave the report to the staff member who filed it (a grid manager's report of a
     * help call or a dispute in his own grid): nobody gave it to him.
     */
    public boolean routedToItsFiler() {
        return "ROUTED".equals(kind) && ownerStaffId != null && ownerStaffId.equals(filedBy);
    }

    /**
     * The reason of the acknowledgement a filing records when its routing gives the report to the staff member who filed
     * it: his filing took it up.
     */
    public static final String ACKNOWLEDGED_AT_FILING = "incident.acknowledge.atFiling";

    /** Whether this is one of the steps a filing writes (nothing was asked of anyone before it). */
    public boolean atFiling() {
        return "RECEIVED".equals(kind) || "ROUTED".equals(kind)
                || ("ACKNOWLEDGED".equals(kind) && reasonIsKey && ACKNOWLEDGED_AT_FILING.equals(reason));
    }

    /**
     * Steps that give the item a new owner: whoever it now belongs to should hear of it (HANDED_OVER: carried with its
     * village to the new unit's chain).
     */
    public boolean assigns() {
        return "ROUTED".equals(kind) || "ESCALATED".equals(kind) || "HANDED_OVER".equals(kind);
    }
}
