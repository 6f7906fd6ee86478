package org.fengqiao.mediation;

import java.util.List;
import java.util.UUID;

/**
 * A dispute that ended in an agreement, published in the transaction that ended it, so that a points ledger may
 * award the people who mediated ({@code helpers}: the team's staff ids) without this module knowing of it.
 * {@code gridId} is the case's grid (where an award is approved), {@code unitPath} its unit's path.
 */
public record DisputeSettled(UUID caseId, String caseCode, UUID gridId, String unitPath, List<UUID> helpers,
        SettledLevel level) {

    public DisputeSettled {
        helpers = List.copyOf(helpers);
    }
}
