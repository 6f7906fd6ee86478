package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The 类别 cell: every name the export writes is read back as the category it names, alone or with others; what
 * names no category, or a second type of key person, is a problem of the cell and gives no categories at all.
 */
class PersonCategoriesTests {

    static final PersonCategories CATEGORIES = new PersonCategories(null, Clock.systemUTC(), messages(), null, null,
            new CareProperties(new CareProperties.Rhythm(java.time.Period.ofWeeks(1), java.time.Period.ofWeeks(2),
                    java.time.Period.ofMonths(1)), "0 5 * * * *", 30));

    static ResourceBundleMessageSource messages() {
        return messages("i18n/persons", "i18n/imports");
    }

    /** The message bundles named, read as the application reads them. */
    static ResourceBundleMessageSource messages(String... basenames) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames(basenames);
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Test
    void everyCategoryTheExportNamesIsReadBackAsItselfAndAllOfThemTogetherSaveASecondKeyPersonType() {
        for (Locale reader : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
            for (String code : PersonCategories.codes()) {
                PersonCategories.Cell cell = CATEGORIES.read(CATEGORIES.names(List.of(code), reader));
                assertThat(cell.problems()).as(code + " " + reader).isEmpty();
                assertThat(cell.codes()).as(code + " " + reader).containsExactly(code);
            }
        }
        List<String> several = List.of("ELDERLY_ALONE", "IN_DIFFICULTY", "KEY_PERSON:DRUG", "LEFT_BEHIND_CHILD");
        assertThat(CATEGORIES.names(several, Locale.SIMPLIFIED_CHINESE)).isEqualTo("独居老人、困难群众、涉毒人员、留守儿童");
        assertThat(CATEGORIES.read(CATEGORIES.names(several, Locale.SIMPLIFIED_CHINESE)).codes()).isEqualTo(several);
        assertThat(CATEGORIES.names(several, Locale.ENGLISH))
                .isEqualTo("Elderly living alone, In difficulty, Drug-involved, Left-behind child");
        assertThat(CATEGORIES.read(CATEGORIES.names(several, Locale.ENGLISH)).codes()).isEqualTo(several);
    }

    @Test
    void namesAreReadInAnyOrderWithCommasSemicolonsEnglishNamesOrCodesNoneIsWrittenAndBlankKeeps() {
        assertThat(CATEGORIES.read(" 留守儿童 ，涉稳人员;独居老人；困难群众,").codes())
                .containsExactly("ELDERLY_ALONE", "IN_DIFFICULTY", "KEY_PERSON:STABILITY", "LEFT_BEHIND_CHILD");
        assertThat(CATEGORIES.read("Left-behind child, ex-offender").codes())
                .containsExactly("KEY_PERSON:EX_OFFENDER", "LEFT_BEHIND_CHILD");
        assertThat(CATEGORIES.read("key_person:mental、LEFT_BEHIND_CHILD、留守儿童").codes())
                .containsExactly("KEY_PERSON:MENTAL", "LEFT_BEHIND_CHILD");
        assertThat(CATEGORIES.read("吸毒人员、留守儿童").codes()).as("what officers also call it")
                .containsExactly("KEY_PERSON:DRUG", "LEFT_BEHIND_CHILD");
        assertThat(CATEGORIES.read(" 无 ").codes()).isEmpty();
        assertThat(CATEGORIES.read("None").codes()).isEmpty();
        // blank says nothing: the stored categories stay (a template's empty column must not clear key persons)
        assertThat(CATEGORIES.read("").codes()).isNull();
        assertThat(CATEGORIES.read("  ").codes()).isNull();
        assertThat(CATEGORIES.read("  ").problems()).isEmpty();
        assertThat(CATEGORIES.read(null).codes()).isNull();
    }

    @Test
    void aWordThatIsNoCategoryOrASecondKeyPersonTypeIsAProblemSayingWhatMayBeWritten() {
        PersonCategories.Cell unknown = CATEGORIES.read("留守儿童、涉黑人员");
        assertThat(unknown.codes()).isEmpty();
        assertThat(unknown.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("categories");
            String zh = messages().getMessage(p.key(), p.args(), Locale.SIMPLIFIED_CHINESE);
            assertThat(zh).startsWith("无法识别的类别：涉黑人员").contains("涉毒人员、肇事肇祸精神病人", "留守儿童");
            String en = messages().getMessage(p.key(), p.args(), Locale.ENGLISH);
            assertThat(en).startsWith("Unknown category: 涉黑人员").contains("Drug-involved", "Left-behind child");
        });

        PersonCategories.Cell two = CATEGORIES.read("涉毒人员、留守儿童、Stability-related");
        assertThat(two.codes()).isEmpty();
        assertThat(two.problems()).singleElement().satisfies(p -> assertThat(messages().getMessage(p.key(), p.args(),
                Locale.SIMPLIFIED_CHINESE)).contains("一种重点人口类型", "涉毒人员", "Stability-related"));
        assertThat(CATEGORIES.read("涉毒人员、涉毒人员").codes()).containsExactly("KEY_PERSON:DRUG");
    }
}
