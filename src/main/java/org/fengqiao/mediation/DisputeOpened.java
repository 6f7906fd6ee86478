package org.fengqiao.mediation;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispute case was opened, published in the transaction that opened it, without personal data: its code, kind,
 * grid and when. A board of hard cases registers it here (and puts it up once it is old).
 */
public record DisputeOpened(UUID caseId, String code, DisputeKind kind, UUID gridId, String unitPath, Instant at) {
}
