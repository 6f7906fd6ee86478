package org.fengqiao.incident;

import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;

/**
 * A dispute pushed from 110 that goes to the grid's mediation office (和为贵) to be mediated; published
 * in the transaction that files the incident, for the mediation module to pick up.
 */
public record IncidentDisputeForMediation(UUID incidentId, String trackingCode, GridId grid, String unitPath,
        String description, String address) {
}
