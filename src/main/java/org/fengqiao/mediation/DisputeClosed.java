package org.fengqiao.mediation;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispute case ended (agreement, failure or referral: {@code status}), published in the transaction that ended
 * it, so that whatever lists open disputes (the board of hard cases) takes it off.
 */
public record DisputeClosed(UUID caseId, String unitPath, String status, Instant at) {
}
