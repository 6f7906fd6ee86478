package org.fengqiao.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Refused;
import org.junit.jupiter.api.Test;

/** The lifecycle of a supervision notice, step by step, without Spring. */
class RectificationPolicyTests {

    static final LocalDate DUE = LocalDate.of(2026, 5, 10);
    static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");
    final UUID leader = UUID.randomUUID();
    final UUID officer = UUID.randomUUID();
    final RectificationPolicy.Actor inspector = new RectificationPolicy.Actor(UUID.randomUUID(), "督察", true, false);
    final RectificationPolicy.Actor unitOfficer = new RectificationPolicy.Actor(officer, "民警", false, true);
    final RectificationPolicy.Actor chief = new RectificationPolicy.Actor(leader, "所长", false, true);

    Notice issued() {
        return new Notice(UUID.randomUUID(), Notice.State.ISSUED, leader, officer, DUE, null, null, null);
    }

    @Test
    void onlyInspectorsIssue() {
        assertThat(RectificationPolicy.issue(inspector).allowed()).isTrue();
        RectificationPolicy.Decision byChief = RectificationPolicy.issue(chief);
        assertThat(byChief.allowed()).isFalse();
        assertThat(byChief.refusal()).isEqualTo(RectificationPolicy.Refusal.ACTOR);
    }

    @Test
    void theUnitAnswersAndTheInspectorAcceptsWhichClosesTheNotice() {
        Notice n = issued();
        Notice.Step answer = n.answer(unitOfficer, "已整改", DUE.minusDays(2), null, NOW);
        assertThat(answer.kind()).isEqualTo(Notice.StepKind.ANSWERED);
        assertThat(n.state()).isEqualTo(Notice.State.ANSWERED);
        assertThat(n.answeredBy()).isEqualTo(officer);
        n.accept(inspector, null, NOW);
        assertThat(n.state()).isEqualTo(Notice.State.RECTIFIED);
        assertThat(n.closedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> n.answer(unitOfficer, "再报", DUE, null, NOW)).isInstanceOf(Conflict.class);
    }

    @Test
    void anInspectorDoesNotAnswerAndTheUnitDoesNotDecide() {
        Notice n = issued();
        assertThatThrownBy(() -> n.answer(inspector, "代报", DUE, null, NOW)).isInstanceOf(Refused.class);
        n.answer(chief, "已整改", DUE, null, NOW);
        assertThatThrownBy(() -> n.accept(chief, null, NOW)).isInstanceOf(Refused.class)
                .hasMessage("supervision.error.notInspector");
        assertThat(n.state()).isEqualTo(Notice.State.ANSWERED);
    }

    @Test
    void nobodyAcceptsARectificationHeAnsweredOrIsResponsibleFor() {
        // a bureau commander named responsible leader, who also inspects
        RectificationPolicy.Actor both = new RectificationPolicy.Actor(leader, "局领导", true, true);
        Notice n = issued();
        n.answer(both, "已整改", DUE, null, NOW);
        RectificationPolicy.Decision own = RectificationPolicy.decide(n, both);
        assertThat(own.allowed()).isFalse();
        assertThat(own.reason()).isEqualTo("supervision.error.ownRectification");
        assertThat(RectificationPolicy.decide(n, inspector).allowed()).isTrue();
    }

    @Test
    void sentBackBeforeTheDeadlineItIsToRectifyAgainAfterItOverdueAtOnce() {
        Notice early = issued();
        early.answer(unitOfficer, "已整改", DUE, null, NOW);
        early.sendBack(inspector, "不到位", DUE, NOW);
        assertThat(early.state()).isEqualTo(Notice.State.ISSUED);
        assertThat(early.overdueAt()).isNull();

        Notice late = issued();
        late.answer(unitOfficer, "已整改", DUE, null, NOW);
        late.sendBack(inspector, "不到位", DUE.plusDays(1), NOW);
        assertThat(late.state()).isEqualTo(Notice.State.OVERDUE);
        assertThat(late.overdueAt()).isEqualTo(NOW);
    }

    @Test
    void overdueOnlyAfterTheLastDayAndOnlyWhileUnanswered() {
        Notice n = issued();
        assertThatThrownBy(() -> n.markOverdue(DUE, "job", NOW)).isInstanceOf(Conflict.class)
                .hasMessage("supervision.error.notDue");
        n.markOverdue(DUE.plusDays(1), "job", NOW);
        assertThat(n.state()).isEqualTo(Notice.State.OVERDUE);

        Notice answered = issued();
        answered.answer(unitOfficer, "已整改", DUE, null, NOW);
        assertThat(RectificationPolicy.overdue(answered, DUE.plusDays(5)).allowed()).isFalse();
    }

    @Test
    void anOverdueNoticeIsStillAnsweredLateAndStaysMarkedOverdue() {
        Notice n = issued();
        n.markOverdue(DUE.plusDays(1), "job", NOW);
        n.answer(unitOfficer, "迟报整改", DUE.plusDays(2), null, NOW);
        assertThat(n.state()).isEqualTo(Notice.State.ANSWERED);
        assertThat(n.overdueAt()).isNotNull();
    }

    @Test
    void accountabilityOnlyOnceOverdueAndOnlyAgainstThoseTheNoticeNames() {
        Notice n = issued();
        assertThatThrownBy(() -> n.holdAccountable(inspector, officer, Notice.Measure.ADMONITION, "逾期", NOW))
                .isInstanceOf(Conflict.class).hasMessage("supervision.error.notOverdue");
        n.markOverdue(DUE.plusDays(1), "job", NOW);
        assertThatThrownBy(() -> n.holdAccountable(inspector, UUID.randomUUID(), Notice.Measure.ADMONITION, "逾期",
                NOW)).isInstanceOf(Refused.class).hasMessage("supervision.error.target");
        assertThatThrownBy(() -> n.holdAccountable(chief, officer, Notice.Measure.ADMONITION, "逾期", NOW))
                .isInstanceOf(Refused.class);
        Notice.Step step = n.holdAccountable(inspector, officer, Notice.Measure.ADMONITION, "逾期未整改", NOW);
        assertThat(step.kind()).isEqualTo(Notice.StepKind.ACCOUNTABILITY);
        assertThat(step.targetId()).isEqualTo(officer);
        assertThat(step.measure()).isEqualTo(Notice.Measure.ADMONITION);
    }
}
