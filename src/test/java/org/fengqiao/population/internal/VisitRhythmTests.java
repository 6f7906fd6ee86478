package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import org.fengqiao.population.Risk;
import org.junit.jupiter.api.Test;

/** The key-person visit rhythm on fixed days: due dates by risk level, overdue, and who has no rhythm. */
class VisitRhythmTests {

    static final VisitRhythm DEFAULTS = new VisitRhythm(new CareProperties.Rhythm(Period.ofWeeks(1), Period.ofWeeks(2),
            Period.ofMonths(1)));
    static final LocalDate SINCE = LocalDate.of(2025, 6, 1);
    static final LocalDate VISITED = LocalDate.of(2026, 3, 2);

    @Test
    void theNextVisitIsDueAWeekTwoWeeksOrAMonthAfterTheLastByRiskLevel() {
        LocalDate today = LocalDate.of(2026, 3, 3);
        assertThat(DEFAULTS.status(Risk.HIGH, SINCE, VISITED, false, today).nextDue()).isEqualTo("2026-03-09");
        assertThat(DEFAULTS.status(Risk.MEDIUM, SINCE, VISITED, false, today).nextDue()).isEqualTo("2026-03-16");
        assertThat(DEFAULTS.status(Risk.LOW, SINCE, VISITED, false, today).nextDue()).isEqualTo("2026-04-02");
        assertThat(DEFAULTS.status(Risk.LOW, SINCE, LocalDate.of(2026, 1, 31), false, today).nextDue())
                .as("a month after 31 January is the last day of February").isEqualTo("2026-02-28");
    }

    @Test
    void aVisitIsOverdueFromTheDayAfterItWasDue() {
        VisitRhythm.Status onTheDay = DEFAULTS.status(Risk.HIGH, SINCE, VISITED, false, LocalDate.of(2026, 3, 9));
        assertThat(onTheDay.overdue()).isFalse();
        assertThat(onTheDay.daysOverdue()).isZero();
        VisitRhythm.Status dayAfter = DEFAULTS.status(Risk.HIGH, SINCE, VISITED, false, LocalDate.of(2026, 3, 10));
        assertThat(dayAfter.overdue()).isTrue();
        assertThat(dayAfter.daysOverdue()).isEqualTo(1);
        assertThat(DEFAULTS.status(Risk.MEDIUM, SINCE, VISITED, false, LocalDate.of(2026, 3, 10)).overdue()).isFalse();
        assertThat(DEFAULTS.status(Risk.LOW, SINCE, VISITED, false, LocalDate.of(2026, 4, 12)).daysOverdue()).isEqualTo(10);
    }

    @Test
    void raisingTheRiskLevelBringsTheDueDateForwardAtOnce() {
        LocalDate today = LocalDate.of(2026, 3, 12);
        assertThat(DEFAULTS.status(Risk.LOW, SINCE, VISITED, false, today).overdue()).isFalse();
        assertThat(DEFAULTS.status(Risk.HIGH, SINCE, VISITED, false, today).overdue()).isTrue();
    }

    @Test
    void neverVisitedCountsFromTheDayThePersonBecameAKeyPersonAndUnassessedMeansHighRisk() {
        VisitRhythm.Status s = DEFAULTS.status(null, LocalDate.of(2026, 3, 1), null, false, LocalDate.of(2026, 3, 10));
        assertThat(s.countedFrom()).isEqualTo("2026-03-01");
        assertThat(s.interval()).isEqualTo(Period.ofWeeks(1));
        assertThat(s.nextDue()).isEqualTo("2026-03-08");
        assertThat(s.daysOverdue()).isEqualTo(2);
    }

    @Test
    void aHouseholdVisitBeforeThePersonBecameAKeyPersonGivesHimTheWholeIntervalForHisFirstVisit() {
        LocalDate designated = LocalDate.of(2026, 3, 20);
        VisitRhythm.Status s = DEFAULTS.status(null, designated, VISITED, false, designated);
        assertThat(s.countedFrom()).isEqualTo(designated);
        assertThat(s.nextDue()).isEqualTo("2026-03-27");
        assertThat(s.overdue()).isFalse();
        assertThat(s.lastVisitOn()).as("the visit is still the last one shown").isEqualTo(VISITED);
        VisitRhythm.Status visitedSince = DEFAULTS.status(null, designated, LocalDate.of(2026, 3, 22), false,
                LocalDate.of(2026, 3, 23));
        assertThat(visitedSince.countedFrom()).as("a visit after he was designated counts from itself")
                .isEqualTo("2026-03-22");
        assertThat(visitedSince.nextDue()).isEqualTo("2026-03-29");
    }

    @Test
    void aPersonWhoLeftTheAreaHasNoRhythmAndIsNeverOverdue() {
        VisitRhythm.Status gone = DEFAULTS.status(Risk.HIGH, SINCE, null, true, LocalDate.of(2026, 12, 31));
        assertThat(gone.exemption()).isEqualTo(VisitRhythm.Exemption.LEFT_AREA);
        assertThat(gone.overdue()).isFalse();
        assertThat(gone.nextDue()).isNull();
        assertThat(gone.interval()).isNull();
    }

    @Test
    void theIntervalsComeFromConfigurationAndReadAsWords() {
        VisitRhythm daily = new VisitRhythm(new CareProperties.Rhythm(Period.ofDays(3), Period.ofDays(10), Period.ofMonths(2)));
        assertThat(daily.status(Risk.HIGH, SINCE, VISITED, false, VISITED).nextDue()).isEqualTo("2026-03-05");
        assertThat(VisitRhythm.describe(Period.ofWeeks(2))).containsExactly("care.period.weeks", 2L);
        assertThat(VisitRhythm.describe(Period.ofMonths(1))).containsExactly("care.period.months", 1L);
        assertThat(VisitRhythm.describe(Period.ofDays(3))).containsExactly("care.period.days", 3L);
    }
}
