package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

class ResponsePeriodPolicyTests {

    /** 2026-05-10 23:30 in China (15:30 UTC): the last half hour of the station's day. */
    static final Instant NOW = Instant.parse("2026-05-10T15:30:00Z");

    static List<String> keys(List<Invalid.Problem> problems) {
        return problems.stream().map(Invalid.Problem::toString).toList();
    }

    @Test
    void theDayEndsAtMidnightInChinaNotInUtc() {
        assertThat(ResponsePeriodPolicy.endOfToday(NOW)).isEqualTo(OffsetDateTime.parse("2026-05-11T00:00+08:00"));
        assertThat(ResponsePeriodPolicy.endOfToday(Instant.parse("2026-05-10T16:00:00Z")))
                .as("midnight in China is a new day").isEqualTo(OffsetDateTime.parse("2026-05-12T00:00+08:00"));
    }

    @Test
    void acceptsInstantsFromThePastUpToTheEndOfToday() {
        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        assertThat(ResponsePeriodPolicy.checkInstants(now.minusDays(30), now.plusSeconds(1), NOW)).isEmpty();
        assertThat(ResponsePeriodPolicy.checkInstants(now, ResponsePeriodPolicy.endOfToday(NOW), NOW)).isEmpty();
    }

    @Test
    void refusesAnEmptyPeriodAStartAfterNowAndAnEndPastToday() {
        OffsetDateTime now = NOW.atOffset(ZoneOffset.UTC);
        assertThat(keys(ResponsePeriodPolicy.checkInstants(now, now, NOW)))
                .containsExactly("to:incident.times.period.reversed");
        assertThat(keys(ResponsePeriodPolicy.checkInstants(now.plusMinutes(1), now.plusMinutes(20), NOW)))
                .containsExactly("from:incident.times.period.future");
        List<Invalid.Problem> past = ResponsePeriodPolicy.checkInstants(now.minusDays(1),
                ResponsePeriodPolicy.endOfToday(NOW).plusSeconds(1), NOW);
        assertThat(keys(past)).containsExactly("to:incident.times.period.beyondToday");
        assertThat(past.get(0).args()).containsExactly("2026-05-11T00:00+08:00");
    }
}
