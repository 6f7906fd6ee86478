package org.fengqiao.mediation.internal;

import java.util.List;
import org.fengqiao.incident.IncidentDisputeForMediation;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Opens a case for each dispute the 110 centre pushed to a grid's mediation office, in the incident's own transaction
 * just before it commits: the case exists when the 110 push is answered, and the incident and its case are stored
 * together or not at all (a case that cannot be opened fails the push, which the 110 centre sends again with its
 * idempotency key). A second delivery of the same incident finds its case and opens none.
 * <p>
 * Not after the commit in a transaction of its own, as before: the thread then still held the incident's connection
 * while it asked the pool for another, so a burst of 110 disputes holding every connection of the pool waited for
 * each other until the pool's 30 s timeout (the intake bench with a pool of 6 did).
 */
@Component
class IncidentDisputes {

    private final MediationDesk desk;
    private final Disputes disputes;

    IncidentDisputes(MediationDesk desk, Disputes disputes) {
        this.desk = desk;
        this.disputes = disputes;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
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
