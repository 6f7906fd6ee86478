package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.web.LocalTimes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A station chief on his phone goes from the incidents to the satisfaction page, chooses a period by its dates and
 * reads the rate of a grid and the low rating's words, on a page that fits the screen.
 */
class SatisfactionBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    IncidentDesk desk;
    @Autowired
    Ratings ratings;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theChiefChoosesAPeriodAndReadsTheRateAndTheLowRatingsWords() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "SB-V-" + n, "评价村" + n,
                null, null, null);
        double lon = 108 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,26],[%s,26],[%s,26.005],[%s,26.005],[%s,26]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-SB-" + n, "评价网格" + n, square, null,
                null, null);
        // ten days ago, at noon in China: two ratings, a 5 and a 2 with the resident's words
        LocalDate day = LocalDate.now(LocalTimes.ZONE).minusDays(10);
        ratings.put(answered(grid, n), 5, null, day.atTime(12, 0).atZone(LocalTimes.ZONE).toOffsetDateTime());
        ratings.put(answered(grid, n), 2, "民警态度冷淡" + n, day.atTime(12, 5).atZone(LocalTimes.ZONE).toOffsetDateTime());

        login("chief");
        page.navigate(url("/incidents"));
        page.click("#satisfaction");
        page.waitForURL(u -> u.endsWith("/incidents/satisfaction"));
        assertThat(page.locator("h1")).hasText("群众满意率");

        page.fill("#from", day.minusDays(1).toString());
        page.fill("#to", day.plusDays(1).toString());
        page.click("#show");
        page.waitForURL(u -> u.contains("from=" + day.minusDays(1)));
        var row = page.locator("#satisfaction-grids tr[data-id='" + grid.id().value() + "']");
        assertThat(row.locator("td.ratings")).hasText("2");
        assertThat(row.locator("td.rate")).hasText("50.0%");
        assertThat(page.locator("#satisfaction-low")).containsText("民警态度冷淡" + n);
        assertThat(fitsTheScreen()).as("the figures fit a phone").isTrue();

        // the same dates reversed: the reason, and no figures
        page.fill("#from", day.plusDays(1).toString());
        page.fill("#to", day.minusDays(1).toString());
        page.click("#show");
        assertThat(page.locator("#problems")).containsText("起始日期晚于截止日期");
        assertThat(page.locator("#satisfaction-grids")).hasCount(0);
    }

    UUID answered(Grid grid, String n) {
        Submitter by = Submitter.system("test");
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "评价求助" + n, null, null, null,
                "评价村口", grid.id().value(), null, null, null, null), by).incident().id();
        desk.acknowledge(id, by);
        desk.resolve(id, "已处理", by);
        desk.answer(id, "已处理，谢谢", by);
        return id;
    }
}
