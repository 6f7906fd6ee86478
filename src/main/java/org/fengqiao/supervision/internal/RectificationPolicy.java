package org.fengqiao.supervision.internal;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Who may take which step on a supervision notice, and in which state: the inspectors (督察) and the bureau's
 * command issue, accept and send back and hold to account; the unit's police answer; nobody decides on a
 * rectification he answered himself or is responsible for; a notice is overdue only past its last day without an
 * answer; accountability only once the notice went overdue. Answers a decision with its reason (a message key).
 */
public final class RectificationPolicy {

    private RectificationPolicy() {
    }

    /** Why a step was refused: the notice's state does not allow it (409), or the person may not take it (403). */
    public enum Refusal { STATE, ACTOR }

    public record Decision(boolean allowed, Refusal refusal, String reason) {

        static final Decision OK = new Decision(true, null, null);

        static Decision state(String reason) {
            return new Decision(false, Refusal.STATE, reason);
        }

        static Decision actor(String reason) {
            return new Decision(false, Refusal.ACTOR, reason);
        }
    }

    /**
     * The person taking a step: {@code inspects}, whether his role issues notices (督察, the bureau's command);
     * {@code answers}, whether his role answers them for a unit (the unit's police).
     */
    public record Actor(UUID staffId, String name, boolean inspects, boolean answers) {
    }

    public static Decision issue(Actor a) {
        return a.inspects() ? Decision.OK : Decision.actor("supervision.error.notInspector");
    }

    public static Decision answer(Notice n, Actor a) {
        if (!a.answers()) {
            return Decision.actor("supervision.error.notOfUnit");
        }
        if (n.state() != Notice.State.ISSUED && n.state() != Notice.State.OVERDUE) {
            return Decision.state("supervision.error.state");
        }
        return Decision.OK;
    }

    /** Accept or send back an answered rectification: an inspector who neither answered it nor answers for it. */
    public static Decision decide(Notice n, Actor a) {
        if (!a.inspects()) {
            return Decision.actor("supervision.error.notInspector");
        }
        if (a.staffId().equals(n.answeredBy()) || a.staffId().equals(n.leaderId())
                || a.staffId().equals(n.officerId())) {
            return Decision.actor("supervision.error.ownRectification");
        }
        if (n.state() != Notice.State.ANSWERED) {
            return Decision.state("supervision.error.state");
        }
        return Decision.OK;
    }

    /** Overdue: still waiting for the unit's answer after its last day. */
    public static Decision overdue(Notice n, LocalDate today) {
        if (n.state() != Notice.State.ISSUED) {
            return Decision.state("supervision.error.state");
        }
        if (!today.isAfter(n.dueOn())) {
            return Decision.state("supervision.error.notDue");
        }
        return Decision.OK;
    }

    /** Accountability (追究责任): by an inspector, for a notice that went overdue, against one of those it names. */
    public static Decision holdAccountable(Notice n, Actor a, UUID target) {
        if (!a.inspects()) {
            return Decision.actor("supervision.error.notInspector");
        }
        if (a.staffId().equals(n.leaderId()) || a.staffId().equals(n.officerId())) {
            return Decision.actor("supervision.error.ownRectification");
        }
        if (n.overdueAt() == null) {
            return Decision.state("supervision.error.notOverdue");
        }
        if (target == null || !(target.equals(n.leaderId()) || target.equals(n.officerId()))) {
            return Decision.actor("supervision.error.target");
        }
        return Decision.OK;
    }
}
