package org.fengqiao.population.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key-person page's way back to the list keeps the list's filters and leads nowhere else. */
class KeyPersonListReturnTests {

    @Test
    void keepsTheListsOwnFiltersInTheOrderGiven() {
        UUID grid = UUID.randomUUID();
        assertThat(KeyPersonListReturn.link("mine=false&overdue=true&gridId=" + grid))
                .isEqualTo("/key-persons?mine=false&overdue=true&gridId=" + grid);
        assertThat(KeyPersonListReturn.link("/key-persons?overdue=true")).isEqualTo("/key-persons?overdue=true");
        assertThat(KeyPersonListReturn.link("gridId=" + grid.toString().toUpperCase()))
                .as("rewritten from what was parsed").isEqualTo("/key-persons?gridId=" + grid);
    }

    @Test
    void withoutFiltersLeadsToTheListItself() {
        assertThat(KeyPersonListReturn.link(null)).isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("")).isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("  ")).isEqualTo("/key-persons");
    }

    @Test
    void anotherSitePathOrParameterIsDroppedSoTheLinkNeverLeavesTheList() {
        assertThat(KeyPersonListReturn.link("https://evil.example/?mine=true")).isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("//evil.example")).isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("/admin?overdue=true")).isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("overdue=true&next=https://evil.example"))
                .isEqualTo("/key-persons?overdue=true");
        assertThat(KeyPersonListReturn.link("overdue=true%26next%3D%2F%2Fevil.example")).isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("mine=yes&overdue=javascript:alert(1)&gridId=../../x"))
                .isEqualTo("/key-persons");
        assertThat(KeyPersonListReturn.link("overdue=true&overdue=false&mine=%ZZ"))
                .as("the first value of each, a malformed one dropped").isEqualTo("/key-persons?overdue=true");
    }
}
