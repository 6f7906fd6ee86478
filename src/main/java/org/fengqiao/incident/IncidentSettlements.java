package org.fengqiao.incident;

import java.util.UUID;
import org.fengqiao.incident.internal.IncidentDesk;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a module an incident was handed to tells it when the matter is settled there: the mediation module, which
 * opened a case for a 110 dispute ({@link IncidentDisputeForMediation}), says its agreement here, and the 110 item is
 * resolved with a step on its timeline saying why. A facade and not a listener of mediation's events: mediation listens
 * to this module, so this module may not depend on it (no cycle between modules).
 */
@Service
public class IncidentSettlements {

    private final IncidentDesk desk;

    IncidentSettlements(IncidentDesk desk) {
        this.desk = desk;
    }

    /**
     * The dispute of the incident was settled by an agreement in mediation: the incident is resolved in the name of
     * the person who recorded it ({@code byStaffId} null for the application), with the agreement's terms as the step's
     * note, in the caller's transaction. An incident resolved, answered or merged already is left as it is.
     */
    @Transactional
    public void settledByMediation(UUID incidentId, String agreement, UUID byStaffId, String byName) {
        desk.resolveSettled(incidentId, "incident.resolve.settledByMediation", agreement, byStaffId, byName);
    }
}
