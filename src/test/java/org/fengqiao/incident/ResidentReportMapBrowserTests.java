package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.Geolocation;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resident on a phone who cannot name his grid marks on the report form's map where the matter is: his position
 * found by the phone, then a tap beside it, a tap where no police grid lies, and the report goes to the grid the map
 * named, with the point tapped.
 */
class ResidentReportMapBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void aTapOnTheMapMarksThePlaceNamesItsGridAndTheReportGoesThere() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "R-MAP-" + n, "地图村" + n,
                null, null, null);
        // a square of 0.005° of its own, in a latitude band no other test draws in
        double lon = 105 + new Random().nextInt(400) / 100.0;
        double lat = 26;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}"
                .formatted(lon, lat, lon + 0.005, lat, lon + 0.005, lat + 0.005, lon, lat + 0.005, lon, lat);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-MAP-" + n, "地图网格" + n, square,
                null, null, null);

        context.grantPermissions(List.of("geolocation"));
        context.setGeolocation(new Geolocation(lat + 0.0025, lon + 0.0025));
        page.navigate(url("/report"));
        assertThat(page.locator("#report-map[data-ready=true]")).hasCount(1);
        assertThat(page.locator("#report-map-hint")).hasText("或在地图上点一下事发位置（可放大缩小）");

        // his phone's position: marked on the map, its grid named
        page.click("#use-location");
        assertThat(page.locator("#report-map-status")).hasText("已在地图上标出位置，报告将交给：地图村" + n + " · 地图网格" + n);
        assertThat(page.locator("path.report-point")).hasCount(1);

        // a tap where no police grid lies, south of his grid: said so, and the point is kept as tapped
        // the map wholly on the screen, as his thumb finds it (a box's place is the screen's, not the page's)
        page.locator("#report-map-status").scrollIntoViewIfNeeded();
        BoundingBox box = page.locator("path.grid-" + grid.id().value()).boundingBox();
        page.mouse().click(box.x + 10, box.y + box.height + 25);
        assertThat(page.locator("#report-map-status")).hasText("该位置不在任何警务网格内，请选择所在社区/网格");
        assertThat(Double.parseDouble(page.inputValue("#lat"))).isLessThan(lat);

        // a tap inside, to the north-west of his position: that point, and his grid named again
        page.selectOption("#gridId", "");
        page.mouse().click(box.x + box.width / 4, box.y + box.height / 4);
        assertThat(page.locator("#report-map-status")).containsText("地图网格" + n);
        double tappedLat = Double.parseDouble(page.inputValue("#lat"));
        double tappedLon = Double.parseDouble(page.inputValue("#lon"));
        assertThat(tappedLat).isBetween(lat + 0.0025, lat + 0.005);
        assertThat(tappedLon).isBetween(lon, lon + 0.0025);
        assertThat(page.inputValue("#gridId")).as("the point decides the grid").isEmpty();
        assertThat(fitsTheScreen()).as("the form with its map fits a phone's width").isTrue();

        page.selectOption("#category", "HELP");
        page.fill("#description", "路灯坏了，晚上很黑" + n);
        page.click("#submit-report");
        page.waitForURL(u -> u.matches(".*/track/FQ[0-9A-Z]{10}$"));
        String code = page.locator("#tracking-code").textContent().trim();
        Map<String, Object> filed = jdbc.sql("SELECT grid_id, lat, lon FROM incident WHERE tracking_code = ?")
                .param(code).query().singleRow();
        assertThat(filed.get("grid_id")).isEqualTo(grid.id().value());
        assertThat(((Number) filed.get("lat")).doubleValue()).isCloseTo(tappedLat, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(((Number) filed.get("lon")).doubleValue()).isCloseTo(tappedLon, org.assertj.core.data.Offset.offset(1e-6));

        // in English, the map says the same in his words
        page.navigate(url("/report?lang=en"));
        assertThat(page.locator("#report-map[data-ready=true]")).hasCount(1);
        page.click("#use-location");
        assertThat(page.locator("#report-map-status")).hasText("Marked on the map; the report goes to: 地图村" + n
                + " · 地图网格" + n);
    }
}
