package org.fengqiao.claims.internal;

import java.time.Instant;
import java.util.UUID;
import org.fengqiao.claims.HardCaseClaimEnded;
import org.fengqiao.claims.HardCaseClaimed;
import org.fengqiao.claims.HardCaseCompleted;
import org.fengqiao.claims.HardCaseSentBack;
import org.fengqiao.incident.IncidentSettlements;
import org.fengqiao.incident.IncidentSettlements.ClaimStep;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the incident a board item stands for what its claim came to, in the claim's own transaction (a synchronous
 * listener, as mediation resolves the 110 item its agreement settled): a completion the grid chief confirmed resolves
 * the incident with the claimers' report as its note, so its owner does not keep, and escalate to the bureau, an item
 * the grid has finished; its reporter is answered as for any resolved item. A claim taken up, sent back, given up or
 * expired is a note on the incident's timeline, which stays open. A confirmation that rolls back leaves the incident as
 * it was; the incident's side is idempotent (an incident resolved already stays as it is, a step told twice is written
 * once). Here and not in the incident module: this module listens to incidents, so incidents may not listen to it.
 * Disputes on the board are the mediation's: their cases are closed there.
 */
@Component
class IncidentsOnClaims {

    private final IncidentSettlements incidents;
    private final Board board;

    IncidentsOnClaims(IncidentSettlements incidents, Board board) {
        this.incidents = incidents;
        this.board = board;
    }

    @EventListener
    public void on(HardCaseCompleted completed) {
        UUID incident = incidentOf(completed.itemId());
        if (incident == null) {
            return;
        }
        Board.Claim c = board.claim(completed.claimId()).orElseThrow();
        incidents.completedByClaim(incident, c.reportNote(), c.claimedBy(), c.claimedByName());
    }

    @EventListener
    public void on(HardCaseClaimed claimed) {
        step(claimed.itemId(), claimed.claimId(), ClaimStep.CLAIMED, null, claimed.at());
    }

    @EventListener
    public void on(HardCaseSentBack sentBack) {
        step(sentBack.itemId(), sentBack.claimId(), ClaimStep.SENT_BACK, sentBack.note(), sentBack.at());
    }

    @EventListener
    public void on(HardCaseClaimEnded ended) {
        step(ended.itemId(), ended.claimId(), ended.expired() ? ClaimStep.EXPIRED : ClaimStep.GIVEN_UP, null,
                ended.at());
    }

    private void step(UUID itemId, UUID claimId, ClaimStep step, String note, Instant at) {
        UUID incident = incidentOf(itemId);
        if (incident == null) {
            return;
        }
        Board.Claim c = board.claim(claimId).orElseThrow();
        String text = note;
        if (step == ClaimStep.CLAIMED) {
            // the claimers and their deadline, as the board names them, and the claimer's own words
            String team = String.join("、", c.members().stream().map(Board.Member::name).toList());
            text = team + " · " + ClaimDesk.dueDay(c) + (c.note() == null ? "" : " · " + c.note());
        }
        switch (step) {
            case SENT_BACK -> incidents.claimStep(incident, step, text, null, c.decidedByName(), at);
            case EXPIRED -> incidents.claimStep(incident, step, text, null,
                    org.fengqiao.audit.SystemActor.CLAIMS_EXPIRY, at);
            default -> incidents.claimStep(incident, step, text, c.claimedBy(), c.claimedByName(), at);
        }
    }

    /** The incident an item stands for; null for a dispute's (mediation's) or an item gone. */
    private UUID incidentOf(UUID itemId) {
        return board.item(itemId).filter(i -> i.kind() != Board.Kind.DISPUTE).map(Board.Item::sourceId).orElse(null);
    }
}
