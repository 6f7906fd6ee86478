package org.fengqiao.points.internal;

import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentFacts;
import org.fengqiao.incident.IncidentReference;
import org.fengqiao.incident.IncidentResolved;
import org.fengqiao.incident.Source;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A report from the field filed by one of the community's own forces that is resolved (found true and dealt
 * with) becomes a pending award for him: a verified clue for a case, a hazard reported for anything else. The
 * grid chief approves it. The award's note names the incident by its {@link IncidentReference}, never its tracking
 * code (the resident's key to his public page). Runs after the incident's transaction commits, so a failure here
 * never undoes the incident's step, and the event is kept and delivered again until it is handled.
 */
@Component
class IncidentAwards {

    static final String VERIFIED_CLUE = "verified-clue";
    static final String HAZARD_REPORTED = "hazard-reported";

    private final IncidentFacts incidents;
    private final Ledger ledger;
    private final Awards awards;

    IncidentAwards(IncidentFacts incidents, Ledger ledger, Awards awards) {
        this.incidents = incidents;
        this.ledger = ledger;
        this.awards = awards;
    }

    @ApplicationModuleListener
    void on(IncidentResolved step) {
        if (step.merged()) {
            return;
        }
        incidents.filed(step.incidentId())
                .filter(f -> f.source() == Source.FIELD && f.filedBy() != null)
                .ifPresent(f -> ledger.holder(f.filedBy())
                        .filter(h -> h.active() && Awards.FORCES.contains(h.role()))
                        .ifPresent(h -> awards.propose(h.id(), f.gridId(),
                                f.category() == Category.CASE ? VERIFIED_CLUE : HAZARD_REPORTED, "incident",
                                f.id().toString(), incidents.reference(f.id()), null)));
    }
}
