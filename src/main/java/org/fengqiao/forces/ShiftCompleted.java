package org.fengqiao.forces;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A member checked out of a shift at a fixed post: the hours are the checked-in time (two decimals), the
 * unit path is that of the post's grid, so a listener can scope and reward it (一事一积分).
 */
public record ShiftCompleted(UUID staffId, String unitPath, BigDecimal hours, UUID shiftId, UUID postId, UUID gridId,
        OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt) {
}
