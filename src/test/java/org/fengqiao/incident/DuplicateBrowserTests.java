package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.incident.internal.Duplicates;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.IncidentProperties;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Owners;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * On a phone: the officer files a report next to an open one, the page after filing offers it as a possible
 * duplicate, he merges it from there, answers the primary, and the merged report shows the answer. And the
 * response-times page of a test grid whose items were handled at known moments (a movable clock) shows the
 * endpoint's figures, with those over target marked, for the period chosen.
 */
class DuplicateBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncidentDesk desk;
    @Autowired
    Incidents incidents;
    @Autowired
    Owners owners;
    @Autowired
    PersonalDataCipher cipher;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    IncidentProperties properties;
    @Autowired
    Duplicates duplicates;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    org.fengqiao.incident.internal.StandardAddresses addresses;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }


    /** With -Dfengqiao.screenshots=DIR, a picture of the page for a person to look at. */
    void shot(String name) {
        String dir = System.getProperty("fengqiao.screenshots");
        if (dir != null) {
            page.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setFullPage(true)
                    .setPath(java.nio.file.Path.of(dir, name + ".png")));
        }
    }

    String n = String.valueOf(100000 + new Random().nextInt(899999));
    double lon = 110 + new Random().nextInt(4000) / 1000.0;
    double lat = 20 + new Random().nextInt(4000) / 1000.0;

    Grid testGrid(String prefix) {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, prefix + "-V-" + n,
                "合并测试村" + n, null, null, null);
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.005, lat, lon + 0.005, lat + 0.005, lon, lat + 0.005, lon, lat);
        return jurisdictions.createGrid(village.id(), GridNetwork.POLICE, prefix + "-" + n, "合并测试网格" + n, square,
                null, null, null);
    }

    Submitter officer() {
        UUID id = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        return new Submitter("staff:" + id, id, "李建国", null);
    }

    @Test
    void theOfficerMergesTheReportHeJustFiledIntoTheOpenOneAndItsReporterGetsTheAnswer() {
        Grid grid = testGrid("IT-MB");
        Incidents.Incident first = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "先报：老人走失" + n,
                null, lon + 0.002, lat + 0.002, "合并测试村东头", grid.id().value(), null, null, null, null), officer())
                .incident();

        login("officer");
        page.navigate(url("/incidents/new"));
        page.selectOption("#category", "HELP");
        page.fill("#description", "后报：老人走失" + n);
        page.selectOption("#gridId", grid.id().value().toString());
        page.fill("#lon", String.valueOf(lon + 0.002));
        page.fill("#lat", String.valueOf(lat + 0.0024));
        page.click("#submit-incident");
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        String second = page.url().substring(page.url().lastIndexOf('/') + 1);

        Locator offered = page.locator("#duplicate-candidates li");
        assertThat(offered).hasCount(1);
        assertThat(offered).containsText(first.trackingCode());
        assertThat(offered.locator(".distance")).hasText("约44米");
        assertThat(offered).containsText("先报：老人走失" + n);
        assertThat(fitsTheScreen()).as("the page with its duplicates fits a phone").isTrue();
        shot("duplicate-offered");

        page.click("#merge-into-" + first.trackingCode());
        assertThat(page.locator("#incident-status")).hasText("已合并");
        assertThat(page.locator("#merged-into")).containsText(first.trackingCode());
        assertThat(page.locator("#incident-timeline li").last()).containsText("作为重复报告合并");
        assertThat(page.locator("#action-acknowledge")).hasCount(0);

        page.locator("#merged-into a").click();
        page.waitForURL(u -> u.endsWith(first.id().toString()));
        assertThat(page.locator("#merged-duplicates")).containsText(
                jdbc.sql("SELECT tracking_code FROM incident WHERE id = ?").param(UUID.fromString(second))
                        .query(String.class).single());
        page.click("#action-acknowledge");
        page.click("#action-arrive");
        page.fill("#resolve-note", "老人已找到");
        page.click("#action-resolve");
        page.fill("#answer-note", "老人已在村东头找到并送回家中");
        page.click("#action-answer");
        assertThat(page.locator("#incident-status")).hasText("已回复办结");

        page.navigate(url("/incidents/" + second));
        assertThat(page.locator("#incident-status")).hasText("已回复办结");
        assertThat(page.locator("#incident-timeline li").last()).containsText("老人已在村东头找到并送回家中");
        shot("duplicate-answered");
        assertThat(jdbc.sql("SELECT answered_at IS NOT NULL FROM incident WHERE id = ?").param(UUID.fromString(second))
                .query(Boolean.class).single()).isTrue();
    }

    /** Files an item at {@code start} and takes it through its steps at the given seconds after, by a movable clock. */
    void handled(Grid grid, Submitter by, Instant start, long ack, long dispatch, long arrive, long resolve) {
        MovableClock clock = new MovableClock(start, ZoneOffset.UTC);
        try (IncidentDesk timed = new IncidentDesk(incidents, owners, jurisdictions, cipher, events, clock, properties,
                duplicates, transactions, addresses)) {
            UUID id = timed.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "时效测试" + n + "-" + start, null,
                    null, null, null, grid.id().value(), null, null, null, null), by).incident().id();
            clock.advance(Duration.ofSeconds(ack));
            timed.acknowledge(id, by);
            clock.advance(Duration.ofSeconds(dispatch - ack));
            timed.dispatch(id, null, by);
            clock.advance(Duration.ofSeconds(arrive - dispatch));
            timed.arrive(id, IncidentDesk.Arrival.MANAGER, by);
            clock.advance(Duration.ofSeconds(resolve - arrive));
            timed.resolve(id, "已处置", by);
        }
    }

    Locator cell(String table, UUID row, String step) {
        return page.locator("#times-" + table + " tr[data-id='" + row + "'] td[data-step='" + step + "']");
    }

    static double attr(Locator cell, String name) {
        return Double.parseDouble(cell.getAttribute(name));
    }

    @Test
    void theResponseTimesPageShowsTheEndpointsFiguresAndMarksWhatIsOverTarget() {
        Grid grid = testGrid("IT-RT");
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Staff person = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, "时效测试员" + n, null, null, "辅警", null,
                null);
        Submitter by = new Submitter("staff:" + person.id().value(), person.id().value(), person.name(), null);
        Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        handled(grid, by, t0, 30, 60, 200, 3600);
        handled(grid, by, t0.plus(Duration.ofHours(1)), 50, 150, 400, 18000);
        handled(grid, by, t0.plus(Duration.ofHours(2)), 90, 170, 290, 7200);
        handled(grid, by, t0.minus(Duration.ofDays(8)), 600, 700, 800, 9000);

        login("officer");
        page.navigate(url("/incidents"));
        page.click("#response-times");
        page.waitForURL(u -> u.endsWith("/incidents/response-times"));
        assertThat(page.locator("#period-30")).hasClass(java.util.regex.Pattern.compile(".*active.*"));
        assertThat(fitsTheScreen()).as("the figures fit a phone").isTrue();

        // the last 30 days: all four items, the same figures as the endpoint's (default: the last 30 days)
        ApiClient api = new ApiClient(port);
        JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times", api.token("officer", DEMO_PASSWORD)));
        JsonNode row = null;
        for (JsonNode g : figures.get("grids")) {
            if (g.get("id").asText().equals(grid.id().value().toString())) {
                row = g;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("incidents").asLong()).isEqualTo(4);
        assertThat(page.locator("#times-grids tr[data-id='" + grid.id().value() + "'] td.count")).hasText("4");
        for (String step : new String[] {"acknowledge", "dispatch", "arrive", "resolve"}) {
            Locator c = cell("grids", grid.id().value(), step);
            assertThat(attr(c, "data-median")).as(step).isCloseTo(row.get(step).get("medianSeconds").asDouble(), within(1e-6));
            assertThat(attr(c, "data-p90")).as(step).isCloseTo(row.get(step).get("p90Seconds").asDouble(), within(1e-6));
            assertThat(attr(c, "data-count")).isEqualTo(4.0);
        }
        assertThat(row.get("acknowledge").get("medianSeconds").asDouble()).isEqualTo(70.0);

        // the last 7 days: the three recent items, whose figures are known
        page.click("#period-7");
        page.waitForURL(u -> u.endsWith("days=7"));
        Object[][] expected = {
                {"acknowledge", 50.0, 82.0, "0:50", "1:22", true},
                {"dispatch", 150.0, 166.0, "2:30", "2:46", false},
                {"arrive", 290.0, 378.0, "4:50", "6:18", true},
                {"resolve", 7200.0, 15840.0, "2:00:00", "4:24:00", true}};
        for (UUID rowId : new UUID[] {grid.id().value(), person.id().value()}) {
            String table = rowId.equals(grid.id().value()) ? "grids" : "people";
            for (Object[] e : expected) {
                Locator c = cell(table, rowId, (String) e[0]);
                assertThat(attr(c, "data-median")).as(table + " " + e[0]).isCloseTo((Double) e[1], within(1e-6));
                assertThat(attr(c, "data-p90")).as(table + " " + e[0]).isCloseTo((Double) e[2], within(1e-6));
                assertThat(c.locator(".median")).hasText((String) e[3]);
                assertThat(c.locator(".p90")).hasText((String) e[4]);
                assertThat(c.getAttribute("data-over")).as(table + " " + e[0] + " over").isEqualTo(String.valueOf(e[5]));
                assertThat(c.locator(".badge.warn")).hasCount((Boolean) e[5] ? 1 : 0);
            }
        }
        assertThat(cell("grids", grid.id().value(), "acknowledge").locator(".within")).hasText("达标 2/3");
        assertThat(page.locator("#times-people tr[data-id='" + person.id().value() + "']")).containsText("时效测试员" + n);
        var weekly = api.get("/api/v1/incidents/response-times?from=" + Instant.now().minus(Duration.ofDays(7)),
                api.token("officer", DEMO_PASSWORD));
        assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(200);
        JsonNode week = null;
        for (JsonNode g : ApiClient.json(weekly).get("grids")) {
            if (g.get("id").asText().equals(grid.id().value().toString())) {
                week = g;
            }
        }
        assertThat(week).isNotNull();
        assertThat(week.get("incidents").asLong()).isEqualTo(3);
        assertThat(week.get("arrive").get("p90Seconds").asDouble()).isEqualTo(378.0);
        assertThat(fitsTheScreen()).isTrue();
        shot("response-times");
        if (System.getProperty("fengqiao.screenshots") != null) {
            page.locator("#times-grids tr[data-id='" + grid.id().value() + "']").screenshot(new Locator.ScreenshotOptions()
                    .setPath(java.nio.file.Path.of(System.getProperty("fengqiao.screenshots"), "response-times-row.png")));
        }

        // officer2 does not see the grid's figures
        context.clearCookies();
        login("officer2");
        page.navigate(url("/incidents/response-times?days=7"));
        assertThat(page.locator("tr[data-id='" + grid.id().value() + "']")).hasCount(0);
    }
}
