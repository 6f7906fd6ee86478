package org.fengqiao.points;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A points award was proposed and waits for approval, published in the transaction that proposed it.
 * {@code approvers}: the staff ids of the award grid's chiefs who may approve it, or, with none but its holder, of the
 * station chiefs above (never its holder or its proposer);
 * {@code unitPath}: the grid's place in the tree; {@code note}: what the award is for, as the proposer wrote it or the
 * source's name for an award the application proposed.
 */
public record AwardProposed(UUID awardId, String unitPath, UUID gridId, String holderName, String rule, int points,
        String note, List<UUID> approvers, Instant at) {

    public AwardProposed {
        approvers = List.copyOf(approvers);
    }
}
