package org.fengqiao.incident;

import java.util.UUID;
import org.fengqiao.incident.internal.IncidentDesk;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a module an incident was handed to tells it when the matter is settled there: the mediation module, which
 * opened a case for a 110 dispute ({@link IncidentDisputeForMediation}), says its agreement here, and the 110 item is
 * resolved with a step on its timeline saying why; the hard cases' board (claims) says here that a claim on the
 * incident was taken up, sent back, given up, or completed and confirmed, which resolves it. A facade and not a
 * listener of those modules' events: they listen to this module, so this module may not depend on them (no cycle
 * between modules); each calls it from a listener of its own events.
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

    /**
     * A claim on the incident (the hard cases' board) was completed and its completion confirmed: the incident is
     * resolved in the name of its lead claimer, with the claimers' report as the step's note, in the caller's
     * transaction; its reporter is then answered by its owner as for any resolved item. An incident resolved,
     * answered or merged already is left as it is (told twice, it is resolved once). Answers whether it was resolved.
     */
    @Transactional
    public boolean completedByClaim(UUID incidentId, String result, UUID byStaffId, String byName) {
        return desk.resolveSettled(incidentId, "incident.resolve.completedByClaim", result, byStaffId, byName)
                .isPresent();
    }

    /** What happened to a claim on the incident, for its timeline (see {@link ClaimStep}); the item stays open. */
    public enum ClaimStep {
        /** Someone claimed it on the board. */
        CLAIMED,
        /** The grid chief sent the claimers' report back: they work on it again. */
        SENT_BACK,
        /** The claimer gave it up: it is back on the board. */
        GIVEN_UP,
        /** The claim ran past its deadline: it is back on the board. */
        EXPIRED;

        public String reasonKey() {
            return "incident.claim." + name();
        }
    }

    /**
     * A step of a claim on the incident, on its timeline as a note ({@code note}: the words of whoever acted), dated
     * {@code at}, when the claim changed; the incident's state does not change. Told twice, it is written once; a
     * closed incident gets nothing. Answers whether it was written.
     */
    @Transactional
    public boolean claimStep(UUID incidentId, ClaimStep step, String note, UUID byStaffId, String byName,
            java.time.Instant at) {
        return desk.noteFromElsewhere(incidentId, step.reasonKey(), note, byStaffId, byName, at);
    }
}
