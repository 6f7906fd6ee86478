package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Amounts in capital figures as the People's Bank rules for vouchers write them, on the cases people get wrong. */
class YuanInCapitalsTests {

    @ParameterizedTest(name = "{0} fen = {1}")
    @CsvSource({
            "1480000, 壹万肆仟捌佰元整", // whole yuan close with 整
            "800056, 捌仟元伍角陆分",
            "1000, 壹拾元整", // the 壹 of 壹拾 is written, so nobody can put a figure before 拾
            "1500, 壹拾伍元整",
            "0, 零元整",
            "50, 伍角整", // jiao without fen
            "150, 壹元伍角整",
            "105, 壹元零伍分", // fen without jiao: the empty jiao is written 零
            "5, 伍分",
            "56, 伍角陆分",
            "800006, 捌仟元零陆分",
            "100100, 壹仟零壹元整", // zeros inside: one 零
            "10000100, 壹拾万零壹元整",
            "10001000, 壹拾万零壹拾元整",
            "100100000, 壹佰万壹仟元整", // 1,001,000: the zeros of the thousands' section lead it, read once
            "1000000000, 壹仟万元整",
            "10000000000, 壹亿元整",
            "10000100000, 壹亿零壹仟元整",
            "10100000000, 壹亿零壹佰万元整",
            "523456, 伍仟贰佰叁拾肆元伍角陆分",
            "2000000, 贰万元整",
            "2000010, 贰万元壹角整" // a zero yuan place before the jiao needs no 零
    })
    void amountsInCapitals(long fen, String capitals) {
        assertThat(YuanInCapitals.of(fen)).isEqualTo(capitals);
    }

    @Test
    void negativeAmountsAreNoAmounts() {
        assertThatThrownBy(() -> YuanInCapitals.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
