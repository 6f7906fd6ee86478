package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.population.internal.VisitLinkPolicy.Refusal;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * Which visit a change may be linked to: only the one who recorded it, only on its day (the jurisdiction's), only for a
 * record of its grid; each refusal with its reason.
 */
class VisitLinkPolicyTests {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    static final UUID GRID = UUID.randomUUID();
    static final UUID OFFICER = UUID.randomUUID();
    static final UUID COLLEAGUE = UUID.randomUUID();

    /** 10:00 in Beijing on 3 December 2026. */
    final MovableClock clock = new MovableClock(LocalDateTime.of(2026, 12, 3, 10, 0).atZone(LOCAL).toInstant(), LOCAL);
    final VisitLinkPolicy policy = new VisitLinkPolicy(clock);

    static Optional<VisitLog.Visit> visit(UUID grid, UUID by, LocalDateTime localTime) {
        OffsetDateTime at = localTime.atZone(LOCAL).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        return Optional.of(new VisitLog.Visit(UUID.randomUUID(), grid, UUID.randomUUID(), by, "李建国", at, "入户核对",
                false, new ArrayList<>()));
    }

    @Test
    void theOfficersOwnVisitOfTodayTakesHisChanges() {
        Optional<VisitLog.Visit> own = visit(GRID, OFFICER, LocalDateTime.of(2026, 12, 3, 9, 15));
        assertThat(policy.refusal(own, GRID, OFFICER)).isEmpty();
        assertThat(policy.open(own.get(), OFFICER)).isTrue();
    }

    @Test
    void aColleaguesVisitOfTodayIsNotHis() {
        Optional<VisitLog.Visit> colleagues = visit(GRID, COLLEAGUE, LocalDateTime.of(2026, 12, 3, 9, 15));
        assertThat(policy.refusal(colleagues, GRID, OFFICER)).contains(Refusal.NOT_YOURS);
        assertThat(policy.open(colleagues.get(), OFFICER)).isFalse();
        assertThat(policy.refusal(colleagues, GRID, null)).as("nobody signed in is nobody's").contains(Refusal.NOT_YOURS);
    }

    @Test
    void theOfficersOwnVisitOfYesterdayIsClosed() {
        Optional<VisitLog.Visit> yesterdays = visit(GRID, OFFICER, LocalDateTime.of(2026, 12, 2, 23, 50));
        assertThat(policy.refusal(yesterdays, GRID, OFFICER)).contains(Refusal.CLOSED);
        assertThat(policy.open(yesterdays.get(), OFFICER)).isFalse();
    }

    @Test
    void theDayIsTheJurisdictionsNotTheServersUtcDay() {
        // 00:30 in Beijing is still the day before in UTC: the visit is of today all the same
        clock.advance(java.time.Duration.ofHours(14).plusMinutes(30));
        Optional<VisitLog.Visit> justAfterMidnight = visit(GRID, OFFICER, LocalDateTime.of(2026, 12, 4, 0, 10));
        assertThat(policy.refusal(justAfterMidnight, GRID, OFFICER)).isEmpty();
        // and the visit of 10 minutes before midnight has closed
        Optional<VisitLog.Visit> beforeMidnight = visit(GRID, OFFICER, LocalDateTime.of(2026, 12, 3, 23, 50));
        assertThat(policy.refusal(beforeMidnight, GRID, OFFICER)).contains(Refusal.CLOSED);
    }

    @Test
    void aVisitOfAnotherGridOrNoneAtAllIsUnknownWhoeverRecordedIt() {
        Optional<VisitLog.Visit> elsewhere = visit(UUID.randomUUID(), OFFICER, LocalDateTime.of(2026, 12, 3, 9, 15));
        assertThat(policy.refusal(elsewhere, GRID, OFFICER)).contains(Refusal.UNKNOWN);
        Optional<VisitLog.Visit> colleaguesElsewhere = visit(UUID.randomUUID(), COLLEAGUE,
                LocalDateTime.of(2026, 12, 1, 9, 15));
        assertThat(policy.refusal(colleaguesElsewhere, GRID, OFFICER)).as("says nothing of a visit elsewhere")
                .contains(Refusal.UNKNOWN);
        assertThat(policy.refusal(Optional.empty(), GRID, OFFICER)).contains(Refusal.UNKNOWN);
    }

    @Test
    void eachRefusalSaysWhyInItsOwnMessage() {
        assertThat(Refusal.UNKNOWN.key()).isEqualTo("housing.visit.unknown");
        assertThat(Refusal.NOT_YOURS.key()).isEqualTo("housing.visit.notYours");
        assertThat(Refusal.CLOSED.key()).isEqualTo("housing.visit.closed");
    }
}
