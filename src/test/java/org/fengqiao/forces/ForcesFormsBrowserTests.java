package org.fengqiao.forces;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.TestStaff;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On a phone: the community officer pauses a volunteer and notes when he can serve, from the volunteer's page. */
class ForcesFormsBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theOfficerEditsAVolunteersProfileOnAPhone() {
        String username = TestStaff.uniqueUsername("bpro");
        UUID volunteer = TestStaff.volunteerWithSignIn(staff, jurisdictions, username, "资料志愿者").id().value();

        login("officer");
        page.navigate(url("/forces/members/" + volunteer));
        page.click("#profile-card summary");
        page.fill("#profile-phone", "13598765432");
        page.selectOption("#profile-status", "PAUSED");
        page.fill("#profile-availability", "周日下午");
        page.fill("#profile-skills", "急救，调解");
        assertThat(fitsTheScreen()).as("the open form fits a phone's width").isTrue();
        page.click("#save-profile");

        assertThat(page.locator(".notice")).hasText("已保存");
        assertThat(page.locator("#member-phone")).hasText("135****5432");
        assertThat(page.locator("body")).not().containsText("13598765432");
        assertThat(fitsTheScreen()).isTrue();
        assertThat(jdbc.sql("SELECT status || '|' || availability || '|' || array_to_string(skills, ',') FROM force_member WHERE staff_id = ?")
                .param(volunteer).query(String.class).single()).isEqualTo("PAUSED|周日下午|急救,调解");
    }
}
