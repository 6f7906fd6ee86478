package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocalTimesTests {

    private final LocalTimes times = new LocalTimes(Locale.SIMPLIFIED_CHINESE);

    @Test
    void aPointInTimeFromTheDatabaseShowsInChinaStandardTime() {
        // pgjdbc answers timestamptz at UTC: 02:17 UTC is 10:17 in Beijing, and 20:30 UTC is the next morning
        assertThat(times.format(OffsetDateTime.of(2026, 12, 2, 2, 17, 45, 0, ZoneOffset.UTC), "yyyy-MM-dd HH:mm"))
                .isEqualTo("2026-12-02 10:17");
        assertThat(times.format(OffsetDateTime.of(2026, 12, 2, 20, 30, 0, 0, ZoneOffset.UTC), "MM-dd HH:mm"))
                .isEqualTo("12-03 04:30");
        assertThat(times.format(Instant.parse("2026-12-02T02:17:45Z"), "HH:mm:ss")).isEqualTo("10:17:45");
        assertThat(times.format(OffsetDateTime.of(2026, 12, 2, 10, 17, 0, 0, ZoneOffset.ofHours(8)), "HH:mm"))
                .as("already in Beijing time: unchanged").isEqualTo("10:17");
    }

    @Test
    void aDateIsPrintedAsItIsAndNothingIsNothing() {
        assertThat(times.format(LocalDate.of(2026, 12, 2), "yyyy-MM-dd")).isEqualTo("2026-12-02");
        assertThat(times.format(null, "yyyy-MM-dd")).isNull();
        assertThatThrownBy(() -> times.format("10:17", "HH:mm")).isInstanceOf(IllegalArgumentException.class);
    }
}
