package org.fengqiao.forces;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.TestStaff;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On a phone: a volunteer opens his own page, checks in to the shift at his post and checks out again. */
class ForcesBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    ForcesLoader forces;
    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }


    @Test
    void aVolunteerChecksInAndOutOfHisShiftOnAPhone() {
        String username = TestStaff.uniqueUsername("bvol");
        Staff registered = TestStaff.volunteerWithSignIn(staff, jurisdictions, username, "浏览器志愿者");
        UUID volunteer = registered.id().value();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-05'").query(UUID.class).single();
        String postName = "浏览器测试岗" + username.substring(4);
        UUID post = forces.post(grid, postName, "村委会门口", null, null);
        UUID team = forces.team(registered.unitId().value(), grid, TeamKind.POST_VOLUNTEERS, "浏览器平安志愿者" + username, null);
        forces.join(team, volunteer, false, java.time.LocalDate.of(2025, 1, 1));
        OffsetDateTime start = OffsetDateTime.now().minusMinutes(5);
        UUID shift = forces.shift(post, volunteer, start, start.plusHours(2), null, null);

        login(username, TestStaff.PASSWORD);
        page.navigate(url("/me/forces"));
        Locator card = page.locator("[data-shift='" + shift + "']");
        assertThat(card).containsText(postName);
        assertThat(page.locator("body")).containsText("浏览器平安志愿者" + username);
        assertThat(page.locator("#report-what-i-see")).hasAttribute("href", "/incidents/new");
        assertThat(fitsTheScreen()).as("the page fits a phone's width").isTrue();

        card.locator("button.check-in").click();
        assertThat(page.locator(".notice")).hasText("已签到");
        card = page.locator("[data-shift='" + shift + "']");
        assertThat(card.locator(".checked-in")).containsText("已签到");
        assertThat(card.locator("button.check-in")).hasCount(0);

        card.locator("button.check-out").click();
        assertThat(page.locator(".notice")).hasText("已签退");
        assertThat(page.locator("[data-shift='" + shift + "'] .done")).containsText("已完成");
        assertThat(fitsTheScreen()).isTrue();
        assertThat(jdbc.sql("SELECT checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at FROM force_shift WHERE id = ?")
                .param(shift).query(Boolean.class).single()).isTrue();

        page.click("#report-what-i-see");
        page.waitForURL(u -> u.endsWith("/incidents/new"));
        assertThat(page.locator("#description")).isVisible();
    }
}
