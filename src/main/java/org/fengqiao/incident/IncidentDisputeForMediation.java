package org.fengqiao.incident;

import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A dispute pushed from 110 that goes to the grid's mediation office (和为贵) to be mediated; published
 * in the transaction that files the incident, for the mediation module to pick up. {@code callerName} and
 * {@code callerPhone} are the 110 caller's as the report gave them (each null when not given; the phone in full, as
 * the 110 centre sent it, for the case to keep encrypted and show masked): he is a party to the dispute he called
 * about. Delivered to a synchronous listener only, never stored with the event publications.
 */
public record IncidentDisputeForMediation(UUID incidentId, String trackingCode, GridId grid, String unitPath,
        String description, String address, String callerName, String callerPhone) {

    /** A dispute whose caller gave neither name nor phone. */
    public IncidentDisputeForMediation(UUID incidentId, String trackingCode, GridId grid, String unitPath,
            String description, String address) {
        this(incidentId, trackingCode, grid, unitPath, description, address, null, null);
    }

    @Override
    public String toString() {
        // the caller's phone stays out of any log line that prints the event
        return "IncidentDisputeForMediation[" + incidentId + ", " + trackingCode + "]";
    }
}
