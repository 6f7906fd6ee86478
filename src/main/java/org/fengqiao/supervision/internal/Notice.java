package org.fengqiao.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Refused;

/**
 * A supervision notice (督察通报) as its steps see it: its state, the last day of rectification, the responsible
 * leader and officer, who answered last and when it went overdue. Each step is a guarded method that asks
 * {@link RectificationPolicy} and answers the step to write; the notice changes only through them.
 */
public final class Notice {

    public enum State {
        /** Issued, waiting for the unit's rectification (待整改). */
        ISSUED,
        /** The unit answered, waiting for the inspector (待验收). */
        ANSWERED,
        /** Past its last day without an answer (逾期未整改). */
        OVERDUE,
        /** The inspector accepted the rectification (整改完成). */
        RECTIFIED;

        public boolean open() {
            return this != RECTIFIED;
        }
    }

    @ChoiceNames("supervision.severity.")
    public enum Severity { GENERAL, SERIOUS, GRAVE }

    /** The measures of accountability (追究责任): 通报批评, 诫勉谈话, 责令检查, 调离岗位. */
    @ChoiceNames("supervision.measure.")
    public enum Measure { CRITICISM, ADMONITION, SELF_EXAMINATION, REMOVAL }

    public enum StepKind { ISSUED, ANSWERED, ACCEPTED, SENT_BACK, OVERDUE, ACCOUNTABILITY }

    /** A step to write on the notice's timeline. */
    public record Step(StepKind kind, UUID byId, String byName, String note, LocalDate doneOn, String evidence,
            Measure measure, UUID targetId, Instant at) {
    }

    private final UUID id;
    private final UUID leaderId;
    private final UUID officerId;
    private final LocalDate dueOn;
    private State state;
    private UUID answeredBy;
    private Instant overdueAt;
    private Instant closedAt;

    public Notice(UUID id, State state, UUID leaderId, UUID officerId, LocalDate dueOn, UUID answeredBy,
            Instant overdueAt, Instant closedAt) {
        this.id = id;
        this.state = state;
        this.leaderId = leaderId;
        this.officerId = officerId;
        this.dueOn = dueOn;
        this.answeredBy = answeredBy;
        this.overdueAt = overdueAt;
        this.closedAt = closedAt;
    }

    private static void require(RectificationPolicy.Decision d) {
        if (d.allowed()) {
            return;
        }
        if (d.refusal() == RectificationPolicy.Refusal.STATE) {
            throw new Conflict(d.reason());
        }
        throw new Refused(d.reason());
    }

    /** The unit answers with what it did (整改情况), on a day, with optional evidence. */
    public Step answer(RectificationPolicy.Actor by, String text, LocalDate doneOn, String evidence, Instant now) {
        require(RectificationPolicy.answer(this, by));
        state = State.ANSWERED;
        answeredBy = by.staffId();
        return new Step(StepKind.ANSWERED, by.staffId(), by.name(), text, doneOn, evidence, null, null, now);
    }

    /** The inspector accepts the rectification: the notice is closed (整改完成). */
    public Step accept(RectificationPolicy.Actor by, String note, Instant now) {
        require(RectificationPolicy.decide(this, by));
        state = State.RECTIFIED;
        closedAt = now;
        return new Step(StepKind.ACCEPTED, by.staffId(), by.name(), note, null, null, null, null, now);
    }

    /**
     * The inspector sends the rectification back with his reason: the unit is at it again, under the same last day,
     * and overdue at once when that day has passed.
     */
    public Step sendBack(RectificationPolicy.Actor by, String reason, LocalDate today, Instant now) {
        require(RectificationPolicy.decide(this, by));
        state = today.isAfter(dueOn) ? State.OVERDUE : State.ISSUED;
        if (state == State.OVERDUE && overdueAt == null) {
            overdueAt = now;
        }
        return new Step(StepKind.SENT_BACK, by.staffId(), by.name(), reason, null, null, null, null, now);
    }

    /** The daily job: past its last day without an answer, the notice is overdue (逾期未整改). */
    public Step markOverdue(LocalDate today, String byName, Instant now) {
        require(RectificationPolicy.overdue(this, today));
        state = State.OVERDUE;
        overdueAt = now;
        return new Step(StepKind.OVERDUE, null, byName, null, null, null, null, null, now);
    }

    /** Accountability (追究责任) against the responsible leader or officer, with the measure and the reason. */
    public Step holdAccountable(RectificationPolicy.Actor by, UUID target, Measure measure, String reason,
            Instant now) {
        require(RectificationPolicy.holdAccountable(this, by, target));
        return new Step(StepKind.ACCOUNTABILITY, by.staffId(), by.name(), reason, null, null, measure, target, now);
    }

    public UUID id() {
        return id;
    }

    public State state() {
        return state;
    }

    public UUID leaderId() {
        return leaderId;
    }

    public UUID officerId() {
        return officerId;
    }

    public LocalDate dueOn() {
        return dueOn;
    }

    public UUID answeredBy() {
        return answeredBy;
    }

    public Instant overdueAt() {
        return overdueAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
