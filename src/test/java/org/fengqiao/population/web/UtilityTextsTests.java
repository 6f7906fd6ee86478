package org.fengqiao.population.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A verification task's reason is kept as a key and its numbers as text; the page reads it in the reader's language,
 * counting residents and months in the singular for one.
 */
class UtilityTextsTests {

    final UtilityTexts texts = new UtilityTexts(bundles());

    static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasenames("i18n/utilities");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void aRoomWithOneRegisteredResidentAndNoUseReadsInTheSingularInEnglishAndAsBeforeInChinese() {
        List<String> kept = List.of("1", "3", "2026-08", "2026-10");
        assertThat(texts.reason("utilities.reason.noUse", kept, Locale.ENGLISH)).isEqualTo(
                "1 registered resident, almost no water or power for 3 months (2026-08 to 2026-10)");
        assertThat(texts.reason("utilities.reason.noUse", List.of("4", "3", "2026-08", "2026-10"), Locale.ENGLISH))
                .startsWith("4 registered residents,");
        assertThat(texts.reason("utilities.reason.hasResidents", List.of("1"), Locale.ENGLISH))
                .isEqualTo("1 resident registered");
        assertThat(texts.reason("utilities.reason.hasResidents", List.of("1"), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("有登记住户 1 人");
    }

    @Test
    void aReadingKeepsItsUtilityAndUnitAndIsNotTakenForACount() {
        String shown = texts.reason("utilities.reason.inUse", List.of("2026-10", "WATER", "12"), Locale.ENGLISH);
        assertThat(shown).startsWith("2026-10 water 12");
    }
}
