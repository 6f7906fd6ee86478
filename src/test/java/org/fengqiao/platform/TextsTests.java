package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What an inbox entry or a list shows of a person's words: one line, cut with an ellipsis when long, never inside a
 * character.
 */
class TextsTests {

    static final int LINE = 120;

    @Test
    void shortWordsStayAsTheyAreOnOneLine() {
        assertThat(Texts.line("老人穿蓝色外套", LINE)).isEqualTo("老人穿蓝色外套");
        assertThat(Texts.line("  老人穿蓝色外套，\r\n\n往河边\t走了\u3000\u3000快来 ", LINE)).isEqualTo("老人穿蓝色外套， 往河边 走了 快来");
    }

    @Test
    void nothingOrOnlySpaceIsNoLine() {
        assertThat(Texts.line(null, LINE)).isNull();
        assertThat(Texts.line(" \n\u3000", LINE)).isNull();
    }

    @Test
    void longWordsAreCutToTheLineWithAnEllipsis() {
        String words = "一二三四五六七八九十".repeat(20);
        String line = Texts.line(words, LINE);
        assertThat(line).hasSize(LINE).endsWith("…").startsWith("一二三四五");
        assertThat(Texts.line(words.substring(0, LINE), LINE)).as("exactly a line is not cut")
                .isEqualTo(words.substring(0, LINE));
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInHalf() {
        String words = "😀".repeat(200);
        String line = Texts.line(words, LINE);
        assertThat(line.codePointCount(0, line.length())).isEqualTo(LINE);
        assertThat(line).isEqualTo("😀".repeat(LINE - 1) + "…");
    }

    @Test
    void namesWithNumbersSortAsPeopleCountThem() {
        java.util.List<String> grids = new java.util.ArrayList<>(java.util.List.of("兴东村第10网格", "兴东村第2网格",
                "兴东村第1网格", "兴东村第11网格", "东风村第3网格", "兴东村第01网格"));
        grids.sort(Texts.NATURAL);
        assertThat(grids).containsExactly("东风村第3网格", "兴东村第1网格", "兴东村第01网格", "兴东村第2网格", "兴东村第10网格",
                "兴东村第11网格");
        assertThat(Texts.NATURAL.compare("1号楼", "1号楼")).isZero();
        assertThat(Texts.NATURAL.compare("A", "A1")).isNegative();
    }

    @Test
    void typedTextMayHoldTabsAndLineBreaksButNoOtherControlCharacter() {
        assertThat(Texts.hasControlCharacters("已电话告知对方，\r\n明天\t回访 𠀀")).isFalse();
        assertThat(Texts.hasControlCharacters("")).isFalse();
        // pasted from another program: the bell, escape, NUL, DEL and the C1 next line
        for (String c : new String[] {"\u0007", "\u001b", "\u0000", "\u007f", "\u0085", "\u000b", "\u000c"}) {
            assertThat(Texts.hasControlCharacters("已电话告知" + c + "对方")).as("U+%04X", (int) c.charAt(0)).isTrue();
        }
    }

    @Test
    void identityAndMobileNumbersInTypedWordsAreMaskedAndOtherNumbersStay() {
        assertThat(Texts.maskedNumbers("邻居电话139 1234 5678，身份证32072219880506123X，案件号20261206001"))
                .isEqualTo("邻居电话139****5678，身份证320722********123X，案件号20261206001");
        assertThat(Texts.maskedNumbers("手机１３９１２３４５６７８")).isEqualTo("手机139****5678");
        assertThat(Texts.maskedNumbers("共12户，流水号1391234567890123")).isEqualTo("共12户，流水号1391234567890123");
        assertThat(Texts.maskedNumbers(null)).isNull();
    }

    @Test
    void typedWordsHoldAPersonalNumberOnlyWhenAnIdentityOrMobileNumberIsInThem() {
        assertThat(Texts.holdsPersonalNumber("邻居电话139-1234-5678")).isTrue();
        assertThat(Texts.holdsPersonalNumber("身份证32072219880506123x已核对")).isTrue();
        assertThat(Texts.holdsPersonalNumber("手机１３９１２３４５６７８")).as("typed full width").isTrue();
        assertThat(Texts.holdsPersonalNumber("巡逻 1.5 小时，案件号20261206001，共12户")).isFalse();
        assertThat(Texts.holdsPersonalNumber("流水号1391234567890123")).as("a longer run is something else").isFalse();
        assertThat(Texts.holdsPersonalNumber(null)).isFalse();
    }
}
