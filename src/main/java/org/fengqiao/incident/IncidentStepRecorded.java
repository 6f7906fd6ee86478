package org.fengqiao.incident;

import java.time.Instant;
import java.util.UUID;

/**
 * A step written to an incident's timeline (received, routed, acknowledged, escalated, answered, ...), published in
 * the transaction that wrote it, with the owner after the step (no person for a report merged into another: it is
 * handled on that one, nobody is to act on it). The unit path is the incident's grid's place in the jurisdiction tree,
 * so listeners (the inbox, outbound webhooks) can scope what they pass on. {@code reason} is a message key ({@code
 * reasonIsKey}: shown in the reader's language) or a person's words (shown as typed, even where they read like a key),
 * as in the timeline; for the steps the reporter takes on the tracking page (INFORMATION_ADDED, RATED, REOPENED)
 * always his words, what he wrote. {@code filedBy} is the staff member who filed the report (null for a resident's,
 * the 110 centre's or a system's). {@code actorId} is the staff member who took the step, where it matters who did (an
 * escalation by hand, a hand-over), null otherwise (the sweep, a resident, a step told only by its kind). A step that
 * carried the item out of its place in the tree (a HANDED_OVER with its village to another unit) names the unit that
 * owned it before ({@code previousOwnerUnitId}) and where the item lay before ({@code previousUnitPath}, its grid's
 * place then), so that those who followed it there hear that it left; null for every other step.
 */
public record IncidentStepRecorded(UUID incidentId, String trackingCode, Category category, String unitPath,
        String kind, UUID ownerUnitId, UUID ownerStaffId, String reason, boolean reasonIsKey, Instant at,
        UUID filedBy, UUID actorId, UUID previousOwnerUnitId, String previousUnitPath) {

    /** A step of a report, by nobody in particular or a staff member not told, in the place the item lies. */
    public IncidentStepRecorded(UUID incidentId, String trackingCode, Category category, String unitPath, String kind,
            UUID ownerUnitId, UUID ownerStaffId, String reason, boolean reasonIsKey, Instant at, UUID filedBy) {
        this(incidentId, trackingCode, category, unitPath, kind, ownerUnitId, ownerStaffId, reason, reasonIsKey, at,
                filedBy, null, null, null);
    }

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
     * Whether the step gave the item to the staff member who took it (an officer who escalates an item and is himself
     * the duty person of the level above, a filing routed back to its filer): nobody gave it to him, and nobody is to
     * tell him of what he did himself.
     */
    public boolean assignedToItsActor() {
        return assigns() && ownerStaffId != null && (ownerStaffId.equals(actorId) || routedToItsFiler());
    }

    /** Whether the step carried the item out of the place it lay (to another unit's chain, with its village). */
    public boolean movedOut() {
        return previousUnitPath != null && !previousUnitPath.equals(unitPath);
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
