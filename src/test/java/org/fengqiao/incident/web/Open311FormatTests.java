package org.fengqiao.incident.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Open311FormatTests {

    @Test
    void xmlTextDropsWhatXmlCannotCarryAndKeepsEverythingElse() {
        assertThat(Open311Format.xmlText("路灯\u0001坏了\u0000")).isEqualTo("路灯坏了");
        assertThat(Open311Format.xmlText("a\tb\nc\rd")).isEqualTo("a\tb\nc\rd");
        assertThat(Open311Format.xmlText("表情😀 <&> \"'")).isEqualTo("表情😀 <&> \"'");
        assertThat(Open311Format.xmlText("x\uFFFEy\uD800z")).isEqualTo("xyz");
        String plain = "没有要删的";
        assertThat(Open311Format.xmlText(plain)).isSameAs(plain);
    }
}
