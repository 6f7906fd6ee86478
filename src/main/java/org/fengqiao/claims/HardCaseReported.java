package org.fengqiao.claims;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A claimer reported a claimed hard case done, and it waits for the grid chief's confirmation; published in the
 * transaction of the report. {@code deciders}: the staff ids of the grid's chiefs on the roster that day who may
 * decide it, or, with none (the chief claimed it, the grid has none), of the station chiefs above (never a member of
 * the claim); {@code sourceKind} and {@code sourceCode}: the board's kind and name of
 * the source (see {@link HardCaseCompleted}); {@code note}: the claimer's words on what was done.
 */
public record HardCaseReported(UUID claimId, UUID itemId, String unitPath, UUID gridId, String sourceKind,
        String sourceCode, List<UUID> deciders, String note, Instant at) {

    public HardCaseReported {
        deciders = List.copyOf(deciders);
    }
}
