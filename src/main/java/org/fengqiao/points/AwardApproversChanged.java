package org.fengqiao.points;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A points award still waits for approval, and who is asked to approve it changed (the grid's chief was replaced):
 * {@code approvers} are now those asked, chosen as for {@link AwardProposed}; published in the transaction of the
 * roster change.
 */
public record AwardApproversChanged(UUID awardId, String unitPath, List<UUID> approvers, Instant at) {

    public AwardApproversChanged {
        approvers = List.copyOf(approvers);
    }
}
