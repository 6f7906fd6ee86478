package org.fengqiao.incident.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.fengqiao.incident.internal.ResponseTimes;
import org.junit.jupiter.api.Test;

/**
 * A figure of the response-times page is marked over its target exactly when the time it shows is longer than the
 * target shown beside it: a reader never sees "1:00" marked over a target of "1:00", nor "1:00" for a time over it.
 */
class ResponseTimeCellsTests {

    static DuplicatePages.Cell acknowledged(double median, double p90) {
        return DuplicatePages.Cell.of("acknowledge", new ResponseTimes.Measure(10, median, p90, 5, 60));
    }

    @Test
    void aTimeAFractionOfASecondOverTheTargetShowsLongerThanTheTarget() {
        DuplicatePages.Cell cell = acknowledged(60.4, 180.2);
        assertThat(cell.medianOver()).isTrue();
        assertThat(cell.medianText()).isEqualTo("1:01").isNotEqualTo(cell.targetText());
        assertThat(cell.p90Text()).isEqualTo("3:01");
    }

    @Test
    void aTimeWithinTheTargetNeverShowsLongerThanIt() {
        DuplicatePages.Cell cell = acknowledged(59.6, 60.0);
        assertThat(cell.over()).isFalse();
        assertThat(cell.medianText()).isEqualTo("1:00");
        assertThat(cell.p90Text()).isEqualTo("1:00").isEqualTo(cell.targetText());
        assertThat(acknowledged(3599.2, 3599.2).medianText()).isEqualTo("1:00:00");
    }
}
