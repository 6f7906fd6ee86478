package org.fengqiao.mediation.internal;

import java.util.List;
import org.fengqiao.incident.IncidentDisputeForMediation;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Opens a case for each dispute the 110 centre pushed to a grid's mediation office. Runs after the incident's
 * transaction commits, on the same thread and in a transaction of its own, so the case exists when the 110 push is
 * answered; the event publication registry keeps the event until the case is written, and retries it after a
 * restart. A second delivery of the same incident finds its case and opens none.
 */
@Component
class IncidentDisputes {

    private final MediationDesk desk;
    private final Disputes disputes;

    IncidentDisputes(MediationDesk desk, Disputes disputes) {
        this.desk = desk;
        this.disputes = disputes;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(IncidentDisputeForMediation e) {
        if (disputes.byIncident(e.incidentId()).isPresent()) {
            return;
        }
        String summary = e.description().length() > MediationDesk.MAX_TEXT
                ? e.description().substring(0, MediationDesk.MAX_TEXT) : e.description();
        desk.open(new MediationDesk.NewCase(DisputeOrigin.CALL_110, DisputeKind.OTHER, e.grid().value(), summary,
                e.address(), List.of(), List.of()), Actor.system("110"), e.incidentId(), e.trackingCode(), null);
    }
}
