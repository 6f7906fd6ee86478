package org.fengqiao.mediation.web;

import java.util.UUID;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.GridReach;
import org.springframework.stereotype.Component;

/**
 * The mediation case a 110 dispute opened, for the link on the staff's incident page (the case page links back to the
 * incident). Called from that template ({@code @incidentMediation.of(id)}), as the layout calls the inbox badge: the
 * incident module cannot depend on mediation, which listens to it. Only for a reader who may read cases
 * (MEDIATION_READ) and sees the case's grid; the link carries no personal data, so it is not audited as a read.
 */
@Component("incidentMediation")
public class IncidentCaseLinks {

    public record Link(UUID id, String code, Disputes.Status status) {
    }

    private final Disputes disputes;

    IncidentCaseLinks(Disputes disputes) {
        this.disputes = disputes;
    }

    /** The incident's case as the current reader may see it, or null. */
    public Link of(UUID incidentId) {
        return Callers.current().filter(c -> c.may("MEDIATION_READ"))
                .flatMap(c -> disputes.byIncident(incidentId).flatMap(id -> disputes.findVisible(id, c.unitPaths(), GridReach.of(c))))
                .map(c -> new Link(c.id(), c.code(), c.status())).orElse(null);
    }
}
