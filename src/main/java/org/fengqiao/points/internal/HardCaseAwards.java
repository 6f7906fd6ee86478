package org.fengqiao.points.internal;

import org.fengqiao.claims.HardCaseCompleted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A hard case from the board (疑难案事件清单认领, seed 002) whose completion the grid chief confirmed by the deadline
 * becomes a pending award of the {@code hard-case-on-time} rule for each claimer: every member of the team earns the
 * whole rule (一案一奖 for everyone who did the work, as 同功同奖 does for clue givers), not a share, so that taking
 * a hard case up together never pays less than taking it alone. A late completion earns nothing. Runs after the
 * confirmation commits; a second delivery proposes nothing new (one award per holder and claim).
 */
@Component
class HardCaseAwards {

    static final String HARD_CASE_ON_TIME = "hard-case-on-time";

    private final Ledger ledger;
    private final Awards awards;

    HardCaseAwards(Ledger ledger, Awards awards) {
        this.ledger = ledger;
        this.awards = awards;
    }

    @ApplicationModuleListener
    void on(HardCaseCompleted done) {
        if (!done.onTime()) {
            return;
        }
        for (var claimer : done.claimers()) {
            ledger.holder(claimer)
                    .filter(h -> h.active() && awards.earns(h.role()))
                    .ifPresent(h -> awards.propose(h.id(), done.gridId(), HARD_CASE_ON_TIME, "claim",
                            done.claimId().toString(), done.sourceCode(), null));
        }
    }
}
