package org.fengqiao.claims;

import java.time.Instant;
import java.util.UUID;

/**
 * A claim on a hard case ended without completion: its claimer gave it up or its deadline passed, and the item is
 * back on the board; published in the transaction that ended it. Nothing is asked of its claimers any more.
 */
public record HardCaseClaimEnded(UUID claimId, String unitPath, Instant at) {
}
