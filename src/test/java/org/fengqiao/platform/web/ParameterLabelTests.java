package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;

/**
 * The error page names a parameter it could not read as the page's form labels it: the controller's own labels
 * first, then the shared ones, with or without a trailing Id, and by its raw name only when nothing labels it.
 */
class ParameterLabelTests {

    @FieldLabels({"things.field.", "things.search."})
    static class ThingPages {
    }

    static class UnlabelledPages {
    }

    final StaticMessageSource messages = new StaticMessageSource();
    final ProblemDetails details = new ProblemDetails(messages, List.of());

    ParameterLabelTests() {
        messages.addMessage("things.field.kind", Locale.CHINA, "物品类型");
        messages.addMessage("things.search.owner", Locale.CHINA, "保管人");
        messages.addMessage("field.kind", Locale.CHINA, "类型");
        messages.addMessage("field.grid", Locale.CHINA, "网格");
        messages.addMessage("field.grid", Locale.ENGLISH, "Grid");
        messages.addMessage("things.field.due", Locale.CHINA, "完成期限（最晚 {0}）");
        messages.addMessage("things.field.description", Locale.CHINA, "损失物品");
        messages.addMessage("things.field.amountYuan", Locale.CHINA, "金额（元）");
        messages.addMessage("things.field.due", Locale.ENGLISH, "Due on (at the latest {0})");
        LocaleContextHolder.setLocale(Locale.CHINA);
    }

    @AfterEach
    void forgetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void thePagesOwnLabelComesBeforeTheSharedOne() {
        assertThat(details.label(ThingPages.class, "kind")).isEqualTo("物品类型");
        assertThat(details.label(UnlabelledPages.class, "kind")).isEqualTo("类型");
    }

    @Test
    void anIdParameterIsLabelledAsTheThingItNames() {
        assertThat(details.label(ThingPages.class, "ownerId")).isEqualTo("保管人");
        assertThat(details.label(UnlabelledPages.class, "gridId")).isEqualTo("网格");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(details.label(UnlabelledPages.class, "gridId")).isEqualTo("Grid");
    }

    @Test
    void aParameterNothingLabelsKeepsItsName() {
        assertThat(details.label(ThingPages.class, "acrossCategories")).isEqualTo("acrossCategories");
        assertThat(details.label(null, "Id")).isEqualTo("Id");
    }

    @Test
    void aLabelWhoseFormFillsInAValueIsNamedWithoutIt() {
        // the claim form's "完成期限（最晚 2026-12-10）": the error page has no date to put there, and showed "{0}"
        assertThat(details.label(ThingPages.class, "due")).isEqualTo("完成期限");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(details.label(ThingPages.class, "due")).isEqualTo("Due on");
    }

    @Test
    void aFieldOfANestedFormAndAnAmountKeptInFenAreNamedAsTheFormLabelsThem() {
        // the recovery case's loss form was refused with "loss.description：必填" and "loss.amountFen：必填"
        assertThat(details.label(ThingPages.class, "loss.description")).isEqualTo("损失物品");
        assertThat(details.label(ThingPages.class, "amountFen")).isEqualTo("金额（元）");
        assertThat(details.label(ThingPages.class, "loss.amountFen")).isEqualTo("金额（元）");
        assertThat(details.label(ThingPages.class, "parties[1].description")).isEqualTo("损失物品");
        assertThat(details.label(ThingPages.class, "loss.nothing")).isEqualTo("loss.nothing");
    }
}
