package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a phone: an officer uploads a month of readings, watches the job finish, opens the task it raised
 * and closes it with a finding, without the page ever scrolling sideways.
 */
class UtilityBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }


    @Test
    void anOfficerImportsReadingsAndResolvesTheTaskTheyRaiseOnAPhone() throws Exception {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
        UUID room = fx.room(building, 1, "101");
        YearMonth last = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1);
        Path csv = Files.createTempFile("readings-", ".csv");
        Files.writeString(csv, UtilityIntegrationTests.HEADER + "\n"
                + UtilityIntegrationTests.row("电", last, "FS-1-01", name, "1", "101", "", "", "240") + "\n",
                StandardCharsets.UTF_8);

        login("officer");
        page.navigate(url("/utility-readings/import"));
        assertThat(fitsTheScreen()).isTrue();
        page.setInputFiles("#utility-file", csv);
        page.locator("input[name=dryRun]").uncheck();
        page.click("#utility-upload button[type=submit]");
        page.waitForURL("**/utility-readings/imports/**");
        assertThat(page.locator("#job-counts")).containsText("新增 1", new com.microsoft.playwright.assertions
                .LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        assertThat(page.locator("main")).containsText("新建核查任务 1 个");

        page.click("text=查看核查任务");
        page.waitForURL("**/verification-tasks");
        assertThat(fitsTheScreen()).isTrue();
        UUID task = jdbc.sql("SELECT id FROM verification_task WHERE room_id = ?").param(room).query(UUID.class).single();
        page.click("a[href$='/verification-tasks/" + task + "']");
        page.waitForURL("**/verification-tasks/" + task);
        assertThat(page.locator("#task-reason")).containsText("用电 240 kWh");
        assertThat(fitsTheScreen()).isTrue();

        page.locator("input[name=finding][value=NO_ISSUE]").check();
        page.fill("#resolve-note", "房东自住，已核实");
        page.click("#resolve-form button[type=submit]");
        assertThat(page.locator("#task-status")).hasText("已办结");
        assertThat(page.locator("#task-finding")).hasText("无异常");
        assertThat(page.locator("#task-finding-note")).hasText("房东自住，已核实");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "utility-task-phone.png")).setFullPage(true));
        assertThat(jdbc.sql("SELECT status FROM verification_task WHERE id = ?").param(task).query(String.class).single())
                .isEqualTo("RESOLVED");
        Files.deleteIfExists(csv);
    }
}
