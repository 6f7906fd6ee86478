package org.fengqiao.forces;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.TestStaff;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a phone: the community officer gives a volunteer a shift at a post, typing its start and end as people type
 * them. The fields show and take the pages' one form (2026-12-02 08:00) with a button for the browser's own picker,
 * not the browser's format (2026/12/02 08:00 in Chinese); what is typed another way is written back in that form
 * when the field is left, and the shift is saved at those times, China time.
 */
class ShiftTimesBrowserTests extends BrowserTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ForcesLoader forces;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theOfficerTypesAShiftsStartAndEndAsHeLikesAndTheShiftIsSavedAtThoseTimes() {
        String username = TestStaff.uniqueUsername("bsft");
        Staff registered = TestStaff.volunteerWithSignIn(staff, jurisdictions, username, "排班志愿者");
        UUID volunteer = registered.id().value();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-05'").query(UUID.class).single();
        UUID post = forces.post(grid, "排班岗" + username.substring(4), "村委会门口", null, null);
        UUID team = forces.team(registered.unitId().value(), grid, TeamKind.POST_VOLUNTEERS, "排班志愿队" + username, null);
        forces.join(team, volunteer, false, LocalDate.of(2025, 1, 1));
        LocalDateTime start = LocalDateTime.now(CHINA).plusDays(2).truncatedTo(ChronoUnit.DAYS).withHour(8);
        LocalDateTime end = start.withHour(12).withMinute(30);

        login("officer");
        page.navigate(url("/forces/posts/" + post));
        page.locator("details.card:has(#add-shift) > summary").click();
        page.selectOption("#shift-staff", volunteer.toString());
        Locator from = page.locator("#shift-start");
        Locator to = page.locator("#shift-end");
        assertThat(from.getAttribute("type")).as("a text field, not the browser's own").isEqualTo("text");
        assertThat(page.locator("#shift-start + button.date-button")).isVisible();
        assertThat(page.locator("#shift-end + button.date-button")).isVisible();
        assertThat(page.locator("input[type=datetime-local]:not(.date-picker):visible")).hasCount(0);

        // 2026/12/4 8:00 and 2026年12月4日 12时30分, written back the pages' way when the field is left
        from.fill(start.getYear() + "/" + start.getMonthValue() + "/" + start.getDayOfMonth() + " 8:00");
        from.press("Tab");
        assertThat(from).hasValue(start.toLocalDate() + " 08:00");
        to.fill(end.getYear() + "年" + end.getMonthValue() + "月" + end.getDayOfMonth() + "日 12时30分");
        to.blur();
        assertThat(to).hasValue(end.toLocalDate() + " 12:30");
        assertThat(fitsTheScreen()).as("the open form with its picker buttons fits a phone").isTrue();
        page.click("#add-shift");

        assertThat(page.locator(".notice")).hasText("已保存");
        List<Instant> saved = jdbc.sql("SELECT starts_at, ends_at FROM force_shift WHERE staff_id = ? AND post_id = ?")
                .params(volunteer, post).query((rs, i) -> List.of(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant())).single();
        assertThat(saved).containsExactly(start.atZone(CHINA).toInstant(), end.atZone(CHINA).toInstant());

        // the shift's own edit form shows its times the same way
        UUID shift = jdbc.sql("SELECT id FROM force_shift WHERE staff_id = ?").param(volunteer).query(UUID.class).single();
        assertThat(page.locator("#shift-start-" + shift)).hasValue(start.toLocalDate() + " 08:00");
        assertThat(page.locator("#shift-end-" + shift)).hasValue(end.toLocalDate() + " 12:30");
        assertThat(fitsTheScreen()).isTrue();
    }
}
