package org.fengqiao.supervision;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notice's history set back by some days after it was issued (the demo's notices, issued as it loads and dated days
 * before): each moment one of its steps was written at, with the moment it now says. What announced a step (an inbox
 * entry) is dated as the step is, so it moves with it.
 */
public record SupervisionNoticeBackdated(UUID noticeId, Map<Instant, Instant> moved) {

    public SupervisionNoticeBackdated {
        moved = Map.copyOf(moved);
    }
}
