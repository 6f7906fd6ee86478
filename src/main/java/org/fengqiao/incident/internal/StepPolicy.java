package org.fengqiao.incident.internal;

import java.util.Set;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Refused;

/**
 * Who may take an item's steps (acknowledge, dispatch, arrive, resolve, answer, escalate, refer, set the offence, merge a
 * duplicate). The grid's volunteers, members, informants and security guards report what they see and follow what they
 * filed (MISSION: "patrols, reports, clues"): they hold INCIDENT_WRITE to file, but the routing policy never makes one
 * of them an item's owner, and seed 002's classified handling gives each step to the staff who own items: the grid
 * manager (auxiliary police), the grid chief (community officer), the grid coordinator for other departments, the
 * mediators for the disputes 110 pushes to the grid, the station and the bureau above them.
 */
public final class StepPolicy {

    /** The roles that report and follow, and take no step of an item. */
    static final Set<String> REPORTERS = Set.of("VOLUNTEER", "GRID_MEMBER", "INFORMANT", "SECURITY_GUARD");

    private StepPolicy() {
    }

    /** Null when the caller may take an item's steps; else the message key of why not. */
    public static String refusal(Caller caller) {
        if (!caller.may("INCIDENT_WRITE")) {
            return "error.forbidden";
        }
        return REPORTERS.contains(caller.role()) ? "incident.step.reportersOnly" : null;
    }

    public static boolean allows(Caller caller) {
        return refusal(caller) == null;
    }

    /** Refuses (403, with the reason in the caller's language) one who may not take an item's steps. */
    public static void require(Caller caller) {
        String refusal = refusal(caller);
        if (refusal != null) {
            throw new Refused(refusal);
        }
    }
}
