package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An amount as an officer types it: digits, at most two decimals; nothing else is read as money. */
class YuanTests {

    @Test
    void digitsWithUpToTwoDecimalsAreReadAsFen() {
        assertThat(Yuan.fen("12", "f", "k")).isEqualTo(1_200L);
        assertThat(Yuan.fen(" 12 ", "f", "k")).isEqualTo(1_200L);
        assertThat(Yuan.fen("12.3", "f", "k")).isEqualTo(1_230L);
        assertThat(Yuan.fen("0.05", "f", "k")).isEqualTo(5L);
        assertThat(Yuan.fen("012", "f", "k")).isEqualTo(1_200L);
        assertThat(Yuan.fen("1,000", "f", "k")).isEqualTo(100_000L);
        assertThat(Yuan.fen("1，000.50", "f", "k")).isEqualTo(100_050L);
        assertThat(Yuan.fen("  ", "f", "k")).isNull();
        assertThat(Yuan.fen(null, "f", "k")).isNull();
    }

    @Test
    void fullWidthDigitsOfAChineseKeyboardAreTheSameDigits() {
        assertThat(Yuan.fen("０１２", "f", "k")).isEqualTo(1_200L);
        assertThat(Yuan.fen("１２．５", "f", "k")).isEqualTo(1_250L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "1E2", "1e-2", "12.345", "-0", "-5", "+5", "NaN", "Infinity", "-Infinity", "0x10",
            "12.", ".5", "1,00", "10,0000", ",100", "1,000,", "1 000", "12元", "十二", "١٢", "१२",
            "99999999999999999999999999", "92233720368547758.08"})
    void anythingElseIsRefusedOnItsFieldWithTheModulesMessage(String typed) {
        assertThatThrownBy(() -> Yuan.fen(typed, "amountYuan", "recovery.amount.format"))
                .isInstanceOfSatisfying(Invalid.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("amountYuan");
                    assertThat(p.key()).isEqualTo("recovery.amount.format");
                }));
    }
}
