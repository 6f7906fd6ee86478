package org.fengqiao.mediation.internal;

import org.fengqiao.incident.IncidentMerged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Ends the mediation case of a 110 dispute whose report was merged into another as a duplicate, in the merge's own
 * transaction (a synchronous listener, as {@link IncidentDisputes} opens it): mediators stop working on a duplicate the
 * moment it is merged, and a merge that rolls back leaves the case open. The case ends in the name of whoever merged
 * the report; the merge already checked that the report lies in his scope.
 */
@Component
class IncidentMerges {

    private final MediationDesk desk;

    IncidentMerges(MediationDesk desk) {
        this.desk = desk;
    }

    @EventListener
    public void on(IncidentMerged merged) {
        desk.endAsDuplicate(merged.mergedId(), merged.primaryCode(),
                new Actor(merged.mergedBy(), merged.mergedByName(), null, false));
    }
}
