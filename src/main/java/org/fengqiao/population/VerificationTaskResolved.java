package org.fengqiao.population;

import java.time.Instant;
import java.util.UUID;

/**
 * A verification task was resolved with a finding: nothing waits for its assignee any more, so what his inbox told him
 * of it stops asking. Published in the resolution's transaction.
 *
 * @param task the task
 * @param at   when it was resolved
 */
public record VerificationTaskResolved(UUID task, Instant at) {
}
