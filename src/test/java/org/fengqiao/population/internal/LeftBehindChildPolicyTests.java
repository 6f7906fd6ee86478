package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A left-behind child is under 16: allowed until the day before his sixteenth birthday, refused from it on. */
class LeftBehindChildPolicyTests {

    static final LocalDate BORN = LocalDate.of(2010, 5, 17);

    @Test
    void aChildIsOneUntilTheDayBeforeHeTurns16() {
        assertThat(LeftBehindChildPolicy.on(BORN, LocalDate.of(2026, 5, 16)).allowed()).isTrue();
        LeftBehindChildPolicy.Decision birthday = LeftBehindChildPolicy.on(BORN, LocalDate.of(2026, 5, 17));
        assertThat(birthday.allowed()).as("16 today").isFalse();
        assertThat(birthday.turns16On()).isEqualTo("2026-05-17");
        assertThat(LeftBehindChildPolicy.on(BORN, LocalDate.of(2040, 1, 1)).allowed()).isFalse();
    }

    @Test
    void aPersonWhoseBirthDateIsUnknownIsRefusedUntilHisAgeIsKnown() {
        LeftBehindChildPolicy.Decision unknown = LeftBehindChildPolicy.on(null, LocalDate.of(2026, 5, 17));
        assertThat(unknown.allowed()).isFalse();
        assertThat(unknown.ageUnknown()).isTrue();
        assertThat(LeftBehindChildPolicy.on(BORN, LocalDate.of(2040, 1, 1)).ageUnknown()).isFalse();
    }

    @Test
    void theSweepTakesEveryoneBornOnOrBeforeTheDaySixteenYearsAgo() {
        LocalDate today = LocalDate.of(2026, 5, 17);
        LocalDate limit = LeftBehindChildPolicy.bornOnOrBefore(today);
        assertThat(limit).isEqualTo(BORN);
        assertThat(LeftBehindChildPolicy.on(limit, today).allowed()).isFalse();
        assertThat(LeftBehindChildPolicy.on(limit.plusDays(1), today).allowed()).isTrue();
    }

    @Test
    void aChildBornOn29FebruaryTurns16On29FebruaryOfALeapYear() {
        assertThat(LeftBehindChildPolicy.turns16On(LocalDate.of(2012, 2, 29))).isEqualTo("2028-02-29");
        assertThat(LeftBehindChildPolicy.on(LocalDate.of(2012, 2, 29), LocalDate.of(2028, 2, 28)).allowed()).isTrue();
    }
}
