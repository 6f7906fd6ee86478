package org.fengqiao.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page writes dates one way, in either language: 2026-12-01, as the pages print them. A native date field showed
 * the browser's format beside them (2026/12/2 in Chinese, 12/02/2026 in English); the date fields now show and take
 * the pages' own format, and what is typed another way is written back in it.
 */
class DatesBrowserTests extends BrowserTest {

    /** Dates written the other ways: 2026/12/2, 12/02/2026, 12/2/26, 2026年12月2日, 2026.12.2, Dec 2, 2026. */
    static final Pattern OTHER_FORMAT = Pattern.compile("\\b\\d{4}/\\d{1,2}/\\d{1,2}\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b"
            + "|\\d{4}年\\d{1,2}月\\d{1,2}日|\\b\\d{4}\\.\\d{1,2}\\.\\d{1,2}\\b"
            + "|\\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \\d{1,2}, \\d{4}\\b");
    static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Autowired
    JdbcClient jdbc;

    String language = "zh-CN";

    boolean onPhone;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return onPhone ? phone() : new Browser.NewContextOptions().setLocale(language).setViewportSize(1280, 800);
    }

    /** A rental of a demo address in the officer's village, with its contract's days and its police registration. */
    String rental() {
        UUID address = jdbc.sql("""
                SELECT a.id FROM address a JOIN grid g ON g.id = a.grid_id
                WHERE g.code LIKE 'FS-%' AND g.network = 'POLICE'
                  AND NOT EXISTS (SELECT 1 FROM rental r WHERE r.address_id = a.id)
                ORDER BY a.full_text DESC LIMIT 1""").query(UUID.class).single();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Map<String, Object> body = new HashMap<>();
        body.put("addressId", address);
        body.put("landlordName", "日期房东");
        body.put("landlordPhone", "13900001111");
        body.put("purpose", "RESIDENCE");
        body.put("contractFrom", today.minusMonths(1).toString());
        body.put("contractTo", today.plusMonths(11).toString());
        body.put("policeRegisteredOn", today.minusDays(20).toString());
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.send("POST", "/api/v1/rentals", api.token("officer", DEMO_PASSWORD), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String id = ApiClient.json(r).get("id").asText();
        // a tenant from a day, shown with his period beside the contract's
        UUID tenant = jdbc.sql("""
                SELECT p.id FROM person p JOIN grid g ON g.id = p.grid_id
                WHERE g.code LIKE 'FS-%' AND NOT EXISTS (SELECT 1 FROM rental_tenant t WHERE t.person_id = p.id)
                ORDER BY p.id LIMIT 1""").query(UUID.class).single();
        HttpResponse<String> moved = api.send("POST", "/api/v1/rentals/" + id + "/tenants", api.token("officer", DEMO_PASSWORD),
                Map.of("personId", tenant, "from", today.minusDays(10).toString()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(201);
        return id;
    }

    /** Every date the page shows: its text, and the values of its fields as the reader sees them. */
    List<String> shownDates() {
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) page.evaluate("""
                () => [document.body.innerText].concat(Array.from(document.querySelectorAll('input'))
                    .filter(i => i.offsetParent !== null && i.type !== 'hidden').map(i => i.value))""");
        return shown;
    }

    void checkPage(String path) {
        page.navigate(url(path));
        // the browser's calendar behind each field's button stays a native field, drawn invisible
        assertThat(page.locator("input[type=date]:not(.date-picker):visible").count())
                .as(path + ": a native date field shows the browser's format").isZero();
        for (String shown : shownDates()) {
            assertThat(OTHER_FORMAT.matcher(shown).find()).as(path + ": " + shown).isFalse();
        }
        List<?> values = (List<?>) page.locator("input[data-iso-date]").evaluateAll("l => l.map(i => i.value)");
        assertThat(values).as(path).allSatisfy(v -> assertThat(v.toString().isEmpty() || ISO.matcher(v.toString()).matches()).as(v.toString()).isTrue());
    }

    void pagesWriteDatesOneWay(String lang) {
        login("officer");
        String rental = rental();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        for (String path : List.of("/rentals/" + rental, "/rentals", "/rentals/new", "/recovery/new", "/mediation/screenings",
                "/forces?tab=members", "/points/leaderboard")) {
            checkPage(path + (path.contains("?") ? "&" : "?") + "lang=" + lang);
        }
        page.navigate(url("/rentals/" + rental + "?lang=" + lang));
        assertThat(page.locator("input[data-iso-date]:visible").count()).as("the rental's date fields").isPositive();
        assertThat(((Number) page.locator("input.date-picker").first().evaluate("i => Number(getComputedStyle(i).opacity)"))
                .doubleValue()).isZero();
        // the tenant's day defaults to today, shown in the pages' format
        assertThat(page.locator("#tenant-form input[name=from]").inputValue()).isEqualTo(today);
        // typed the other way, it is written back the pages' way when the field is left
        page.fill("#tenant-form input[name=from]", "2026/12/2");
        page.locator("#tenant-form input[name=from]").press("Tab");
        assertThat(page.locator("#tenant-form input[name=from]").inputValue()).isEqualTo("2026-12-02");
        page.fill("#tenant-form input[name=from]", "2026年1月5日");
        page.locator("#tenant-form input[name=from]").blur();
        assertThat(page.locator("#tenant-form input[name=from]").inputValue()).isEqualTo("2026-01-05");
    }

    @Test
    void theRentalAndOtherPagesWriteEveryDateAsYearMonthDayInChinese() {
        pagesWriteDatesOneWay("zh-CN");
    }

    @Test
    void theRentalAndOtherPagesWriteEveryDateAsYearMonthDayInEnglishToo() {
        context.close();
        language = "en-US";
        openPage();
        pagesWriteDatesOneWay("en");
    }

    @Test
    void theDateFieldsWithTheirCalendarButtonStillFitAPhone() {
        context.close();
        onPhone = true;
        openPage();
        login("officer");
        page.navigate(url("/rentals/" + rental()));
        assertThat(page.locator("#tenant-form input[name=from] + button.date-button").isVisible()).isTrue();
        // the button's calendar is drawn by the page, not a character that needs an emoji font this machine lacks
        var icon = page.locator("#tenant-form input[name=from] + button.date-button svg.date-icon").boundingBox();
        assertThat(icon).as("the calendar icon is drawn").isNotNull();
        assertThat(icon.width).isGreaterThan(10);
        assertThat(page.locator("#tenant-form input[name=from] + button.date-button").textContent()).isBlank();
        assertThat(fitsTheScreen()).as("the rental page fits a phone").isTrue();
        page.navigate(url("/recovery/new"));
        assertThat(fitsTheScreen()).as("the new recovery file fits a phone").isTrue();
    }
}
