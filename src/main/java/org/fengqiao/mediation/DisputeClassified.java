package org.fengqiao.mediation;

import java.util.UUID;

/**
 * What a dispute case is about was set or changed (a 110 push arrives as OTHER until the officer hears the parties),
 * published in the transaction that changed it, so that a list showing the kind (a board of hard cases) follows.
 */
public record DisputeClassified(UUID caseId, String code, DisputeKind kind) {
}
