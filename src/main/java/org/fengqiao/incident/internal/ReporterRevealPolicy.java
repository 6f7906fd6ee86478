package org.fengqiao.incident.internal;

import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.platform.Caller;

/**
 * Whose reporter a holder of {@code INCIDENT_REPORTER_REVEAL} may call back, beyond the scope every read already has.
 * The police who own items (bureau, station chief, community officer, auxiliary police) may on every item they see.
 * The two civilian roles that hold the permission may only within their own line of work in seed 002's classified
 * handling, or on an item they own themselves: a mediator on disputes (和为贵 takes up the disputes 110 pushes to the
 * grid), a grid coordinator on matters for other departments (he brings that department in). A mediator has no reason
 * to learn the number of someone who reported a burglary.
 */
final class ReporterRevealPolicy {

    private ReporterRevealPolicy() {
    }

    /** Null when the caller may reveal this item's reporter; else the message key of why not. */
    static String refusal(Incident incident, Caller caller) {
        if (caller.staffId() != null && caller.staffId().equals(incident.ownerStaffId())) {
            return null;
        }
        if ("MEDIATOR".equals(caller.role())) {
            return incident.category() == Category.DISPUTE ? null : "incident.reveal.mediatorDisputesOnly";
        }
        if ("GRID_COORDINATOR".equals(caller.role())) {
            return incident.category() == Category.DEPARTMENT ? null : "incident.reveal.coordinatorDepartmentsOnly";
        }
        return null;
    }

    static boolean allows(Incident incident, Caller caller) {
        return caller.may("INCIDENT_REPORTER_REVEAL") && refusal(incident, caller) == null;
    }
}
