package org.fengqiao.claims;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A claimed hard case reported done still waits for a decision, and who decides it changed (the grid's chief was
 * replaced): {@code deciders} are now those asked, chosen as for {@link HardCaseReported}; published in the
 * transaction of the roster change.
 */
public record HardCaseDecidersChanged(UUID claimId, String unitPath, List<UUID> deciders, Instant at) {

    public HardCaseDecidersChanged {
        deciders = List.copyOf(deciders);
    }
}
