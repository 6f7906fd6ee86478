package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * On a page that repeats a form on every row, a refused form's fields come back to the row whose id was sent and to
 * no other, and a form sharing its path with another is told apart by a field only it sends.
 */
class TypedFormTests {

    static TypedForm sent(String path, String... fields) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.addParameter(fields[i], fields[i + 1]);
        }
        return TypedForm.of(request);
    }

    @Test
    void onlyTheRowWhoseIdWasSentGetsItsFieldsBack() {
        TypedForm form = sent("/recovery/f1/state", "assetId", "a2", "state", "FROZEN", "on", "2026-12-03");

        TypedForm refused = form.sentTo("/recovery/f1/state").row("assetId", "a2");
        assertThat(refused.typed()).isTrue();
        assertThat(refused.get("state")).isEqualTo("FROZEN");
        TypedForm other = form.sentTo("/recovery/f1/state").row("assetId", "a1");
        assertThat(other.typed()).isFalse();
        assertThat(other.get("state")).isNull();
        assertThat(form.sentTo("/recovery/f1/state").row("assetId", null).typed()).isFalse();
        assertThat(form.sentTo("/recovery/f2/state").row("assetId", "a2").typed()).as("another file's page").isFalse();
    }

    @Test
    void aFormIsToldFromAnotherSentToTheSamePathByAFieldOnlyItSends() {
        TypedForm picked = sent("/recovery/f1/victim", "personId", "p1", "personQ", "王", "amountYuan", "1.234");
        TypedForm typed = sent("/recovery/f1/victim", "name", "张三", "amountYuan", "1.234");

        assertThat(picked.unless("personQ").typed()).as("the form typed by hand gets nothing").isFalse();
        assertThat(typed.unless("personQ").get("name")).isEqualTo("张三");
    }
}
