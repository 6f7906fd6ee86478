package org.fengqiao.claims;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A claim on a hard case ended without completion: its claimer gave it up or its deadline passed, and the item is
 * back on the board; published in the transaction that ended it. Nothing is asked of its claimers any more.
 * {@code expired}: the expiry sweep ended it (nobody acted, so its {@code claimers}, the staff ids of the team, are to
 * hear that the case left them); {@code due}: the last day the claimers had; {@code sourceKind} and
 * {@code sourceCode}: the board's kind and name of the source (see {@link HardCaseCompleted}); {@code claimedBy} and
 * {@code claimedByName}: the lead claimer, who alone may give a claim up (so its co-claimers, who did nothing, are to
 * hear from whom the case left them).
 */
public record HardCaseClaimEnded(UUID claimId, UUID itemId, String unitPath, String sourceKind, String sourceCode,
        List<UUID> claimers, boolean expired, java.time.LocalDate due, UUID claimedBy, String claimedByName,
        Instant at) {

    public HardCaseClaimEnded {
        claimers = List.copyOf(claimers);
    }
}
