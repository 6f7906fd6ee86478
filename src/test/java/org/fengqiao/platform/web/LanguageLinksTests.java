package org.fengqiao.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The header's language links lead to the same page, filters and page number kept, in the other language. */
class LanguageLinksTests {

    @Test
    void aPageWithoutAQueryGetsTheLanguageAlone() {
        assertThat(new LanguageLinks.Links(null).to("en")).isEqualTo("?lang=en");
        assertThat(new LanguageLinks.Links("").to("zh-CN")).isEqualTo("?lang=zh-CN");
    }

    @Test
    void aListsFiltersAndPageAreKeptAndAnEarlierLanguageReplaced() {
        assertThat(new LanguageLinks.Links("role=COMMUNITY_OFFICER&q=%E6%9D%8E&page=2").to("en"))
                .isEqualTo("?role=COMMUNITY_OFFICER&q=%E6%9D%8E&page=2&lang=en");
        assertThat(new LanguageLinks.Links("lang=en&q=%E6%9D%8E").to("zh-CN")).isEqualTo("?q=%E6%9D%8E&lang=zh-CN");
    }

    @Test
    void aQuerySentUnencodedStillLeadsToThePageInTheOtherLanguage() {
        assertThat(new LanguageLinks.Links("q=a b\"").to("en")).isEqualTo("?lang=en");
    }
}
