package org.fengqiao.mediation;

import java.util.List;
import java.util.UUID;

/**
 * A dispute that ended in an agreement, published in the transaction that ended it, so that a points ledger may
 * award the people who mediated ({@code helpers}: the team's staff ids) without this module knowing of it, and the
 * 110 incident the case came from ({@code incidentId}, null for a case opened otherwise) is resolved with it.
 * {@code gridId} is the case's grid (where an award is approved), {@code unitPath} its unit's path;
 * {@code settledBy} and {@code settledByName} who recorded the agreement (the id null for the application). It
 * carries no party and not the agreement's terms (personal data): a listener in this module reads them from the case.
 */
public record DisputeSettled(UUID caseId, String caseCode, UUID gridId, String unitPath, List<UUID> helpers,
        SettledLevel level, UUID incidentId, UUID settledBy, String settledByName) {

    public DisputeSettled {
        helpers = List.copyOf(helpers);
    }

    /** A settlement naming neither an incident nor who recorded it: a case opened other than from 110. */
    public DisputeSettled(UUID caseId, String caseCode, UUID gridId, String unitPath, List<UUID> helpers,
            SettledLevel level) {
        this(caseId, caseCode, gridId, unitPath, helpers, level, null, null, null);
    }
}
