package org.fengqiao.points.internal;

import java.util.LinkedHashSet;
import java.util.UUID;
import org.fengqiao.mediation.DisputeSettled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A dispute settled by an agreement becomes a pending award of the dispute-settled rule for each member of its
 * mediation team who is one of the community's own forces (the community mediator, the social-work volunteer, a grid
 * member), in the case's grid, for the grid chief to approve; the officer and paid auxiliaries earn nothing for their
 * work, as for shifts. Runs after the agreement commits; a second delivery of the same event proposes nothing (one
 * award per holder and case).
 */
@Component
class DisputeAwards {

    static final String DISPUTE_SETTLED = "dispute-settled";

    private final Ledger ledger;
    private final Awards awards;

    DisputeAwards(Ledger ledger, Awards awards) {
        this.ledger = ledger;
        this.awards = awards;
    }

    @ApplicationModuleListener
    void on(DisputeSettled settled) {
        if (settled.gridId() == null) {
            return;
        }
        for (UUID helper : new LinkedHashSet<>(settled.helpers())) {
            ledger.holder(helper)
                    .filter(h -> h.active() && Awards.FORCES.contains(h.role()))
                    .ifPresent(h -> awards.propose(h.id(), settled.gridId(), DISPUTE_SETTLED, "dispute",
                            settled.caseId().toString(), settled.caseCode(), null));
        }
    }
}
