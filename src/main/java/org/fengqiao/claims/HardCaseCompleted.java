package org.fengqiao.claims;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A claimed hard case whose completion the grid chief confirmed, published in the transaction that confirmed it.
 * {@code claimers}: the staff ids of the team (the one who claimed first); {@code onTime}: the confirmed report came
 * on or before the deadline the claimers chose, whenever the grid chief confirmed it; {@code unitPath}: the grid's
 * place in the tree (its scope); {@code sourceCode}: how the board names the source (an incident's
 * {@link org.fengqiao.incident.IncidentReference}, never its tracking code; a dispute's case code).
 */
public record HardCaseCompleted(UUID claimId, String unitPath, UUID gridId, List<UUID> claimers, boolean onTime,
        UUID itemId, String sourceKind, String sourceCode, Instant deadline, Instant confirmedAt) {

    public HardCaseCompleted {
        claimers = List.copyOf(claimers);
    }
}
