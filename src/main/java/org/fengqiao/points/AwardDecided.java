package org.fengqiao.points;

import java.time.Instant;
import java.util.UUID;

/** A pending points award was approved or rejected ({@code approved}), in the transaction that decided it. */
public record AwardDecided(UUID awardId, boolean approved, Instant at) {
}
