package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's loop refuses exactly what Spring Security's default pattern refuses. */
class HeaderTextTests {

    /** StrictHttpFirewall's default for header names and values and parameter names. */
    private static final Pattern DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void everyCodePointIsJudgedAsTheDefaultPatternJudgesIt() {
        int refused = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = "a" + Character.toString(cp) + "b";
            boolean expected = DEFAULT.matcher(one).matches();
            assertThat(HeaderText.allowed(one)).as("U+%04X", cp).isEqualTo(expected);
            if (!expected) {
                refused++;
            }
        }
        // the controls and the many unassigned code points are refused, the rest let through
        assertThat(refused).isGreaterThan(65 + 100_000);
    }

    @Test
    void ordinaryHeadersPassAndControlsAnywhereAreRefused() {
        assertThat(HeaderText.allowed("Bearer abc.DEF-123_~+/=")).isTrue();
        assertThat(HeaderText.allowed("zh-CN,zh;q=0.9,en;q=0.8")).isTrue();
        assertThat(HeaderText.allowed("张三 𠀀")).isTrue();
        assertThat(HeaderText.allowed("")).isTrue();
        assertThat(HeaderText.allowed("abc\u0000")).isFalse();
        assertThat(HeaderText.allowed("a\tb")).isFalse();
        assertThat(HeaderText.allowed("\u0085next line")).isFalse();
        assertThat(HeaderText.allowed("del\u007f")).isFalse();
        assertThat(HeaderText.allowed("unassigned\u0378")).isFalse();
    }
}
