package org.fengqiao.figures.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fengqiao.figures.internal.WorkFigures.Row;
import org.junit.jupiter.api.Test;

/**
 * The change from the year before, rounded to one decimal the same way up and down: a fall reads as large as the
 * rise of the same size (15 beside 16 is −6.3%, as 17 beside 16 is +6.3%), never a tenth smaller because it is one.
 */
class WorkFiguresChangeTests {

    @Test
    void aFallIsRoundedAsARiseOfTheSameSize() {
        assertThat(WorkFigures.changeOf(17, 16)).isEqualTo(6.3);
        assertThat(WorkFigures.changeOf(15, 16)).isEqualTo(-6.3);
        assertThat(WorkFigures.changeOf(2001, 2000)).isEqualTo(0.1);
        assertThat(WorkFigures.changeOf(1999, 2000)).isEqualTo(-0.1);
        // seed 000's 110 calls and preventable cases, and nothing to compare with
        assertThat(WorkFigures.changeOf(3, 4)).isEqualTo(-25.0);
        assertThat(WorkFigures.changeOf(5, 6)).isEqualTo(-16.7);
        assertThat(WorkFigures.changeOf(5, 0)).isNull();
        assertThat(WorkFigures.changeOf(0, 5)).isEqualTo(-100.0);
    }

    @Test
    void aRatesChangeInPointsIsRoundedAlikeBothWays() {
        // 56.25% beside 50%, and the other way round (both exact in binary, so the half is a half)
        assertThat(rate(0.5625, 0.5).change()).isEqualTo(6.3);
        assertThat(rate(0.5, 0.5625).change()).isEqualTo(-6.3);
        assertThat(rate(0.982, null).change()).isNull();
    }

    static Row rate(Double now, Double before) {
        return new Row("satisfaction", "figures.satisfaction", List.of(), true, null, null, now, before, null, null,
                null, List.of());
    }
}
