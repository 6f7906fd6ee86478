package org.fengqiao.incident;

import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A dispute pushed from 110 that goes to the grid's mediation office (和为贵) to be mediated; published
 * in the transaction that files the incident, for the mediation module to pick up. {@code callerName} and
 * {@code callerPhone} are the 110 caller's as the report gave them (each null when not given; the phone in full, as
 * the 110 centre sent it, for the case to keep encrypted and show masked): he is a party to the dispute he called
 * about. Delivered to a synchronous listener only, never stored with the event publications.
 * <p>
 * {@code filedNow}: the incident was written by the transaction that publishes this, so it can have no case yet (the
 * filing says so). Its case may then be written with the other cases of that transaction just before it commits: the
 * 110 push files its reports in batches, and their cases go in one statement, not six round trips each. Without it (an
 * event sent again) the case is looked for at its insert, as before.
 */
public record IncidentDisputeForMediation(UUID incidentId, String trackingCode, GridId grid, String unitPath,
        String description, String address, String callerName, String callerPhone, boolean filedNow) {

    /** A dispute of an incident that may have its case already (not known to be filed in this transaction). */
    public IncidentDisputeForMediation(UUID incidentId, String trackingCode, GridId grid, String unitPath,
            String description, String address, String callerName, String callerPhone) {
        this(incidentId, trackingCode, grid, unitPath, description, address, callerName, callerPhone, false);
    }

    /** A dispute whose caller gave neither name nor phone. */
    public IncidentDisputeForMediation(UUID incidentId, String trackingCode, GridId grid, String unitPath,
            String description, String address) {
        this(incidentId, trackingCode, grid, unitPath, description, address, null, null, false);
    }

    @Override
    public String toString() {
        // the caller's phone stays out of any log line that prints the event
        return "IncidentDisputeForMediation[" + incidentId + ", " + trackingCode + "]";
    }
}
