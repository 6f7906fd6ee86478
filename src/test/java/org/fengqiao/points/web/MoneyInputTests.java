package org.fengqiao.points.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

/** Yuan typed on the store's forms become fen exactly, never through a float. */
class MoneyInputTests {

    @Test
    void yuanWithUpToTwoDecimalsBecomeFen() {
        assertThat(PointsPages.fen("398", "costFen")).isEqualTo(39_800L);
        assertThat(PointsPages.fen(" 0.1 ", "costFen")).isEqualTo(10L);
        assertThat(PointsPages.fen("20000.05", "amountFen")).isEqualTo(2_000_005L);
        assertThat(PointsPages.fen("", "amountFen")).isNull();
    }

    @Test
    void thousandsSeparatorsAreReadAsTheRecoveryFormsReadThem() {
        assertThat(PointsPages.fen("10,000", "amountFen")).isEqualTo(1_000_000L);
        assertThat(PointsPages.fen("1，234.50", "amountFen")).isEqualTo(123_450L);
        assertThat(PointsPages.fen("1,000,000.05", "costFen")).isEqualTo(100_000_005L);
    }

    @Test
    void whatIsStillUnreadableIsRefusedOnItsFieldSayingHowToTypeIt() {
        assertThatThrownBy(() -> PointsPages.fen("10,000元", "amountFen")).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("amountFen");
                    assertThat(p.key()).isEqualTo("points.error.amount.format");
                }));
    }

    @Test
    void fractionsOfAFenAndWordsAreRefused() {
        assertThatThrownBy(() -> PointsPages.fen("1.005", "amountFen")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> PointsPages.fen("十元", "amountFen")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> PointsPages.fen("1e30", "amountFen")).isInstanceOf(Invalid.class);
    }
}
