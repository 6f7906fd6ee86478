package org.fengqiao.claims;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Someone claimed a hard case of the board, alone or naming co-claimers; published in the transaction of the claim.
 * {@code claimedBy}/{@code claimedByName}: the lead claimer, who acted; {@code coClaimers}: the staff ids he named,
 * who did nothing and are to hear that the case is now theirs too; {@code due}: the last day of the claim;
 * {@code sourceKind} and {@code sourceCode}: as in {@link HardCaseCompleted}.
 */
public record HardCaseClaimed(UUID claimId, UUID itemId, String unitPath, String sourceKind, String sourceCode,
        UUID claimedBy, String claimedByName, List<UUID> coClaimers, LocalDate due, Instant at) {

    public HardCaseClaimed {
        coClaimers = List.copyOf(coClaimers);
    }
}
