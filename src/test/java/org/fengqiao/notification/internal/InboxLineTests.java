package org.fengqiao.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an inbox entry shows of a person's words: one line, cut with an ellipsis when long, never inside a character. */
class InboxLineTests {

    @Test
    void shortWordsStayAsTheyAreOnOneLine() {
        assertThat(InboxListener.line("老人穿蓝色外套")).isEqualTo("老人穿蓝色外套");
        assertThat(InboxListener.line("  老人穿蓝色外套，\r\n\n往河边\t走了\u3000\u3000快来 ")).isEqualTo("老人穿蓝色外套， 往河边 走了 快来");
    }

    @Test
    void nothingOrOnlySpaceIsNoLine() {
        assertThat(InboxListener.line(null)).isNull();
        assertThat(InboxListener.line(" \n\u3000")).isNull();
    }

    @Test
    void longWordsAreCutToTheLineWithAnEllipsis() {
        String words = "一二三四五六七八九十".repeat(20);
        String line = InboxListener.line(words);
        assertThat(line).hasSize(InboxListener.LINE).endsWith("…").startsWith("一二三四五");
        assertThat(InboxListener.line(words.substring(0, InboxListener.LINE))).as("exactly a line is not cut")
                .isEqualTo(words.substring(0, InboxListener.LINE));
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInHalf() {
        String words = "😀".repeat(200);
        String line = InboxListener.line(words);
        assertThat(line.codePointCount(0, line.length())).isEqualTo(InboxListener.LINE);
        assertThat(line).isEqualTo("😀".repeat(InboxListener.LINE - 1) + "…");
    }
}
