package org.fengqiao.mediation.internal;

import java.util.List;
import org.fengqiao.incident.IncidentDisputeForMediation;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens a case for each dispute the 110 centre pushed to a grid's mediation office, in the incident's own transaction,
 * when the incident publishes it (after its rows are written, in the name of the 110 centre that pushed it): the case
 * exists when the 110 push is answered, and the incident and its case are stored together or not at all (a case that
 * cannot be opened fails the push, which the 110 centre sends again with its idempotency key). A second delivery of
 * the same incident finds its case and opens none. A synchronous listener, not one before the commit: reports filed
 * together are committed together (the intake's group commit), and each case must be opened for its own report.
 * <p>
 * The cases of the disputes a filing writes ({@link IncidentDisputeForMediation#filedNow}: a batch of the 110 push, or
 * a dispute alone) are still checked, built and audited here as each event comes, for its own report and in the name
 * of the 110 centre that pushed it; only their rows wait, to be written together just before the filing commits, one
 * statement for all of them with their teams and parties. Written at each event they cost four statements a dispute
 * (case, team, party, the party read back), a third of all a batch of the 110 push asked the database.
 * <p>
 * Not after the commit in a transaction of its own, as before: the thread then still held the incident's connection
 * while it asked the pool for another, so a burst of 110 disputes holding every connection of the pool waited for
 * each other until the pool's 30 s timeout (the intake bench with a pool of 6 did).
 */
@Component
class IncidentDisputes {

    private final MediationDesk desk;

    IncidentDisputes(MediationDesk desk) {
        this.desk = desk;
    }

    @EventListener
    public void on(IncidentDisputeForMediation e) {
        // a second delivery finds the incident's case at its insert (one case an incident), not by a look-up first
        String summary = e.description().length() > MediationDesk.MAX_TEXT
                ? e.description().substring(0, MediationDesk.MAX_TEXT) : e.description();
        // the caller is a party to the dispute he called about: the mediator need not type him again. A caller who
        // gave no name is not a party yet (a party is named), and his phone alone is left on the incident
        List<MediationDesk.PartyForm> parties = e.callerName() == null || e.callerName().isBlank() ? List.of()
                : List.of(new MediationDesk.PartyForm(e.callerName(), e.callerPhone()));
        desk.open(new MediationDesk.NewCase(DisputeOrigin.CALL_110, DisputeKind.OTHER, e.grid().value(), summary,
                e.address(), parties, List.of()), Actor.system("110"), e.incidentId(), e.trackingCode(), null,
                e.filedNow());
    }
}
