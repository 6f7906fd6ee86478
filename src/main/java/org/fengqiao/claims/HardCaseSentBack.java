package org.fengqiao.claims;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The grid chief sent a reported hard case back to its claimers, who are at work on it again, their deadline moved on
 * by the days their report waited for him; published in the transaction that sent it back. {@code claimers}: the staff ids of the team;
 * {@code note}: the chief's words on what is missing.
 */
public record HardCaseSentBack(UUID claimId, UUID itemId, String unitPath, String sourceKind, String sourceCode,
        List<UUID> claimers, String note, Instant at) {

    public HardCaseSentBack {
        claimers = List.copyOf(claimers);
    }
}
