package org.fengqiao.mediation.internal;

import org.fengqiao.incident.IncidentSettlements;
import org.fengqiao.mediation.DisputeSettled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Resolves the 110 incident a case came from when the case is settled by an agreement, in the agreement's own
 * transaction (a synchronous listener, as {@link IncidentDisputes} opens the case and {@link IncidentMerges} ends it):
 * the officer does not keep an open 110 item on his incident pages that mediation already settled, and an agreement
 * that rolls back leaves the incident as it was. Its timeline step names the agreement's terms, read from the case here
 * (the event carries no personal data), in the name of whoever recorded the agreement. Here and not in the incident
 * module: mediation listens to incidents, so incidents may not listen to mediation.
 */
@Component
class IncidentSettlementsOnAgreement {

    private final IncidentSettlements incidents;
    private final Disputes disputes;

    IncidentSettlementsOnAgreement(IncidentSettlements incidents, Disputes disputes) {
        this.incidents = incidents;
        this.disputes = disputes;
    }

    @EventListener
    public void on(DisputeSettled settled) {
        if (settled.incidentId() == null) {
            return;
        }
        String terms = disputes.find(settled.caseId()).map(Disputes.Case::agreementText).orElse(null);
        incidents.settledByMediation(settled.incidentId(), terms, settled.settledBy(), settled.settledByName());
    }
}
