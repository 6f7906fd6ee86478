package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** An elderly person living alone is 60 or older: refused until the day before he turns 60, allowed from that day. */
class ElderlyAlonePolicyTests {

    static final LocalDate BORN = LocalDate.of(1966, 5, 17);

    @Test
    void aPersonIsElderlyFromTheDayHeTurns60() {
        ElderlyAlonePolicy.Decision eve = ElderlyAlonePolicy.on(BORN, LocalDate.of(2026, 5, 16));
        assertThat(eve.allowed()).as("59 until today").isFalse();
        assertThat(eve.turns60On()).isEqualTo("2026-05-17");
        assertThat(ElderlyAlonePolicy.on(BORN, LocalDate.of(2026, 5, 17)).allowed()).as("60 today").isTrue();
        assertThat(ElderlyAlonePolicy.on(BORN, LocalDate.of(2040, 1, 1)).allowed()).isTrue();
    }

    @Test
    void aChildIsNeverOne() {
        assertThat(ElderlyAlonePolicy.on(LocalDate.of(2016, 3, 1), LocalDate.of(2026, 5, 17)).allowed()).isFalse();
    }

    @Test
    void aPersonWhoseBirthDateIsUnknownIsRefusedUntilHisAgeIsKnown() {
        ElderlyAlonePolicy.Decision unknown = ElderlyAlonePolicy.on(null, LocalDate.of(2026, 5, 17));
        assertThat(unknown.allowed()).isFalse();
        assertThat(unknown.ageUnknown()).isTrue();
        assertThat(ElderlyAlonePolicy.on(LocalDate.of(1950, 1, 1), LocalDate.of(2026, 5, 17)).ageUnknown()).isFalse();
    }

    @Test
    void aPersonBornOn29FebruaryTurns60On29FebruaryOfALeapYearAndOn28FebruaryOtherwise() {
        assertThat(ElderlyAlonePolicy.turns60On(LocalDate.of(1968, 2, 29))).isEqualTo("2028-02-29");
        assertThat(ElderlyAlonePolicy.turns60On(LocalDate.of(1964, 2, 29))).isEqualTo("2024-02-29");
        assertThat(ElderlyAlonePolicy.turns60On(LocalDate.of(1967, 2, 28))).isEqualTo("2027-02-28");
        assertThat(ElderlyAlonePolicy.on(LocalDate.of(1968, 2, 29), LocalDate.of(2028, 2, 28)).allowed()).isFalse();
    }
}
