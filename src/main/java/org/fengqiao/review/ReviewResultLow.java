package org.fengqiao.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An officer's reviews in one community and month fell below a threshold (once per officer, community and month),
 * published in the transaction of the review that made it so. {@code unitPath}: the community's unit (the scope the
 * result is read in); {@code month}: as the results page names it ({@code 2026-11}); {@code reasons}: which rates
 * were low ({@code satisfaction}, {@code seen}, {@code help}), the lowest-ranked first; {@code recipients}: the station
 * chiefs above who may read the results.
 */
public record ReviewResultLow(UUID alertId, UUID officerId, String officerName, String communityName, String unitPath,
        String month, List<String> reasons, List<UUID> recipients, Instant at) {

    public ReviewResultLow {
        reasons = List.copyOf(reasons);
        recipients = List.copyOf(recipients);
    }
}
