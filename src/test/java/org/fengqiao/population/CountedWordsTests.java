package org.fengqiao.population;

import java.util.Locale;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The counts the population pages show, in English: one thing is counted in the singular ("1 unit", "1 day overdue"),
 * never "1 units"; several in the plural; in Chinese the count words have no plural and read as they always did.
 */
class CountedWordsTests {

    static final Locale EN = Locale.ENGLISH;
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages", "i18n/persons", "i18n/housing", "i18n/care", "i18n/utilities",
                "i18n/places");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    static String text(String key, Locale locale, Object... args) {
        return messages().getMessage(key, args, locale);
    }

    @Test
    void oneThingIsCountedInTheSingularAndSeveralInThePlural() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(text("housing.buildings.counts", EN, 1, 1, 1, 1)).isEqualTo("1 floor · 1 unit · 1 room · 1 household");
        softly.assertThat(text("housing.buildings.counts", EN, 16, 3, 144, 123))
                .isEqualTo("16 floors · 3 units · 144 rooms · 123 households");
        softly.assertThat(text("places.addresses.count", EN, 1)).isEqualTo("1 address");
        softly.assertThat(text("places.addresses.count", EN, 12)).isEqualTo("12 addresses");
        softly.assertThat(text("places.rentals.count", EN, 1)).isEqualTo("1 rental");
        softly.assertThat(text("places.rentals.count", EN, 0)).isEqualTo("0 rentals");
        softly.assertThat(text("places.organisations.count", EN, 1)).isEqualTo("1 organisation");
        softly.assertThat(text("places.organisations.count", EN, 2)).isEqualTo("2 organisations");
        softly.assertThat(text("care.overdueDays", EN, 1)).isEqualTo("1 day overdue");
        softly.assertThat(text("care.overdueDays", EN, 3)).isEqualTo("3 days overdue");
        softly.assertThat(text("population.persons.count", EN, 1)).isEqualTo("1 person");
        softly.assertThat(text("population.persons.count", EN, 21295)).isEqualTo("21,295 people");
        softly.assertThat(text("population.departure.householdSaved", EN, 1))
                .isEqualTo("1 member of the household recorded as left");
        softly.assertThat(text("population.departure.householdSaved", EN, 5))
                .isEqualTo("5 members of the household recorded as left");
        softly.assertThat(text("utilities.tasks.count", EN, 1)).isEqualTo("1 task");
        softly.assertThat(text("utilities.tasks.count", EN, 7)).isEqualTo("7 tasks");
        softly.assertAll();
    }

    @Test
    void theChineseCountsReadAsBefore() {
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(text("housing.buildings.counts", ZH, 1, 1, 1, 1)).isEqualTo("1 层 · 1 个单元 · 1 间房 · 1 户");
        softly.assertThat(text("care.overdueDays", ZH, 1)).isEqualTo("逾期 1 天");
        softly.assertAll();
    }
}
