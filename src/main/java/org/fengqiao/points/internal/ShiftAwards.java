package org.fengqiao.points.internal;

import org.fengqiao.forces.ShiftCompleted;
import org.fengqiao.platform.i18n.LanguageConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A shift at a fixed post that one of the community's own forces checked out of becomes a pending award of
 * the patrol-hour rule for the hours he was checked in (seed 002: 一事一积分), in the post's grid, for the grid
 * chief to approve. Runs after the check-out commits; a second delivery of the same event proposes nothing
 * (one award per holder and shift). The award's note says the hours in words, as the UI's language writes them
 * (巡逻 1.5 小时): it is stored text, read on the approvals page, the holder's history and the ledger's export beside
 * notes people typed in Chinese, so it is written in Chinese too, its number as people write it (1.5, not 1.50).
 */
@Component
class ShiftAwards {

    static final String PATROL_HOUR = "patrol-hour";

    private final Ledger ledger;
    private final Awards awards;
    private final MessageSource messages;

    ShiftAwards(Ledger ledger, Awards awards, MessageSource messages) {
        this.ledger = ledger;
        this.awards = awards;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(ShiftCompleted shift) {
        if (shift.gridId() == null || shift.hours() == null) {
            return;
        }
        ledger.holder(shift.staffId())
                .filter(h -> h.active() && Awards.FORCES.contains(h.role()))
                .ifPresent(h -> awards.propose(h.id(), shift.gridId(), PATROL_HOUR, shift.hours(), "force_shift",
                        shift.shiftId().toString(), note(shift.hours()), null));
    }

    /** The hours as the note says them: 巡逻 1.5 小时. */
    private String note(java.math.BigDecimal hours) {
        return messages.getMessage("points.note.patrolHours",
                new Object[] {hours.stripTrailingZeros().toPlainString()}, LanguageConfiguration.CHINESE);
    }
}
