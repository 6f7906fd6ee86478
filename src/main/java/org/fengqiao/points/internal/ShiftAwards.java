package org.fengqiao.points.internal;

import org.fengqiao.forces.ShiftCompleted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A shift at a fixed post that one of the community's own forces checked out of becomes a pending award of
 * the patrol-hour rule for the hours he was checked in (seed 002: 一事一积分), in the post's grid, for the grid
 * chief to approve. Runs after the check-out commits; a second delivery of the same event proposes nothing
 * (one award per holder and shift).
 */
@Component
class ShiftAwards {

    static final String PATROL_HOUR = "patrol-hour";

    private final Ledger ledger;
    private final Awards awards;

    ShiftAwards(Ledger ledger, Awards awards) {
        this.ledger = ledger;
        this.awards = awards;
    }

    @ApplicationModuleListener
    void on(ShiftCompleted shift) {
        if (shift.gridId() == null || shift.hours() == null) {
            return;
        }
        ledger.holder(shift.staffId())
                .filter(h -> h.active() && Awards.FORCES.contains(h.role()))
                .ifPresent(h -> awards.propose(h.id(), shift.gridId(), PATROL_HOUR, shift.hours(), "force_shift",
                        shift.shiftId().toString(), shift.hours().toPlainString() + " h", null));
    }
}
