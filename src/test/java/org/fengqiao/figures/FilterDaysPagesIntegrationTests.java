package org.fengqiao.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.BROWSER;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pages of the figures, supervision, forces, duties, persons helped and recovery that filter by days or a year,
 * sent what is no day or year (typed by hand into the address, cut short, a month 13, a year of five digits or nine):
 * each answers itself, 400 with the reason in the reader's language above its filter form, not the error page that
 * loses the form. The supervision list, like the lists the figures link to, refuses days to come.
 */
class FilterDaysPagesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    static final String[] DAY_PAGES = {"/forces/defence-people", "/supervision/accountability", "/supervision",
        "/duties/done", "/duties/results", "/persons/helped"};

    ApiClient signedIn(String language) {
        return new ApiClient(port).signedIn("chief", DEMO_PASSWORD, language);
    }

    /** The page itself refused what it was sent: 400, its filter form there, the reason said, no error page. */
    static void refusedOnThePage(HttpResponse<String> r, String what, String... reasons) {
        assertThat(r.statusCode()).as(what).isEqualTo(400);
        assertThat(r.body()).as(what + ": its own filter form, not the error page").contains("id=\"filter\"")
                .doesNotContain("class=\"status\"");
        assertThat(r.body()).as(what).contains(reasons);
    }

    @Test
    void daysThatAreNoDaysAreRefusedOnTheListPageInTheReadersLanguage() {
        ApiClient zh = signedIn("zh-CN");
        ApiClient en = signedIn("en");
        for (String page : DAY_PAGES) {
            for (String bad : new String[] {"from=abc", "to=2026-13-40", "from=2026-02-30", "to=99999-01-01"}) {
                refusedOnThePage(zh.get(page + "?" + bad, null, "Accept", BROWSER), page + "?" + bad,
                        "不是有效的年-月-日，请写成 2026-05-01 这样");
                refusedOnThePage(en.get(page + "?" + bad, null, "Accept", BROWSER), page + "?" + bad + " (en)",
                        "Not a valid year-month-day: write it as 2026-05-01");
            }
            // a day of a far year that is a date all the same: before anything was recorded, or still to come
            refusedOnThePage(zh.get(page + "?from=0001-01-01&to=2026-01-31", null, "Accept", BROWSER),
                    page + " from the year 1", "0001-01-01", "1900-01-01");
            refusedOnThePage(en.get(page + "?to=%2B999999999-12-31", null, "Accept", BROWSER),
                    page + " to the last year there is", "is after today");
        }
    }

    @Test
    void theDutyAndHelpedListsKeepTheDaysTypedInTheirFormToBePutRight() {
        ApiClient zh = signedIn("zh-CN");
        for (String page : new String[] {"/duties/done", "/duties/results", "/persons/helped",
            "/forces/defence-people", "/supervision/accountability"}) {
            HttpResponse<String> r = zh.get(page + "?from=2026-13-40&to=99999-01-01", null, "Accept", BROWSER);
            refusedOnThePage(r, page, "不是有效的年-月-日，请写成 2026-05-01 这样");
            assertThat(r.body()).as(page + ": what was typed, in the form")
                    .contains("value=\"2026-13-40\"", "value=\"99999-01-01\"");
        }
    }

    @Test
    void theDutyOverviewRefusesADayThatIsNoDayAboveItsFormKeepingWhatWasTyped() {
        for (String bad : new String[] {"abc", "2026-13-40", "99999-01-01"}) {
            HttpResponse<String> r = signedIn("zh-CN").get("/duties/overview?period=WEEK&day=" + bad, null, "Accept",
                    BROWSER);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad + ": its own form, not the error page").doesNotContain("class=\"status\"")
                    .contains("class=\"problems\"", "不是有效的年-月-日，请写成 2026-05-01 这样", "name=\"day\" value=\"" + bad + "\"",
                            "id=\"overview\"");
        }
        assertThat(signedIn("en").get("/duties/overview?day=abc", null, "Accept", BROWSER).body())
                .contains("Not a valid year-month-day: write it as 2026-05-01");
        assertThat(signedIn("zh-CN").get("/duties/overview?day=2026-02-01", null, "Accept", BROWSER).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aChecklistAskedForADayThatIsNoDaySaysSoAboveTodaysChecklistInTheReadersLanguage() {
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        String today = LocalDate.now(PeriodFigures.ZONE).toString();
        for (String bad : new String[] {"abc", "2026-13-40", "99999-01-01"}) {
            HttpResponse<String> own = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN")
                    .get("/duties?day=" + bad, null, "Accept", BROWSER);
            assertThat(own.statusCode()).as("/duties?day=" + bad).isEqualTo(400);
            assertThat(own.body()).as("/duties?day=" + bad + ": his checklist, not the error page")
                    .doesNotContain("class=\"status\"").contains("class=\"problems\"", "不是有效的年-月-日，请写成 2026-05-01 这样",
                            "id=\"record-form\"");
            HttpResponse<String> his = signedIn("zh-CN").get("/duties/officers/" + officer + "?day=" + bad, null,
                    "Accept", BROWSER);
            assertThat(his.statusCode()).as("/duties/officers/{id}?day=" + bad).isEqualTo(400);
            assertThat(his.body()).as("/duties/officers/{id}?day=" + bad + ": today's checklist, not the error page")
                    .doesNotContain("class=\"status\"").contains("class=\"problems\"", "不是有效的年-月-日，请写成 2026-05-01 这样",
                            " · " + today);
        }
        assertThat(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get("/duties?day=abc", null, "Accept",
                BROWSER).body()).contains("Not a valid year-month-day: write it as 2026-05-01");
        assertThat(signedIn("en").get("/duties/officers/" + officer + "?day=abc", null, "Accept", BROWSER).body())
                .contains("Not a valid year-month-day: write it as 2026-05-01");
        assertThat(signedIn("zh-CN").get("/duties/officers/" + officer + "?day=2026-02-01", null, "Accept", BROWSER)
                .statusCode()).isEqualTo(200);
    }

    /**
     * A checklist or overview of the year 1 or 9999 answered as a day to work on, every duty due: refused as the
     * coverage tab refuses it, the day as typed in the reason in the reader's language, the overview's form keeping
     * it; the API as the pages. The last day of 2099 is still a day.
     */
    @Test
    void aChecklistOrOverviewOfAFarOffYearIsRefusedNamingTheDayTyped() {
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        ApiClient own = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "zh-CN");
        ApiClient chief = signedIn("zh-CN");
        for (String far : new String[] {"0001-01-01", "1899-12-31", "2100-01-01", "9999-12-31"}) {
            String reason = far + " 不在可查的 1900-01-01 至 2099-12-31 之间";
            for (HttpResponse<String> r : List.of(own.get("/duties?day=" + far, null, "Accept", BROWSER),
                    chief.get("/duties/officers/" + officer + "?day=" + far, null, "Accept", BROWSER),
                    chief.get("/duties/overview?period=WEEK&day=" + far, null, "Accept", BROWSER))) {
                assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(400);
                assertThat(r.body()).as(r.uri() + ": the page, not the error page").doesNotContain("class=\"status\"")
                        .contains("class=\"problems\"", reason);
            }
            assertThat(chief.get("/duties/overview?day=" + far, null, "Accept", BROWSER).body()).as("typed, kept")
                    .contains("name=\"day\" value=\"" + far + "\"");
            ApiClient api = new ApiClient(port);
            String token = api.token("chief", DEMO_PASSWORD);
            for (String path : new String[] {"/api/v1/duties/overview?day=", "/api/v1/duties/officers/" + officer
                    + "?day="}) {
                HttpResponse<String> r = api.get(path + far, token, "Accept-Language", "en");
                assertThat(r.statusCode()).as(path + far).isEqualTo(400);
                assertThat(r.body()).as(path + far).contains(far + " is not between 1900-01-01 and "
                        + "2099-12-31");
            }
            assertThat(api.get("/api/v1/duties/mine?day=" + far, api.token("officer", DEMO_PASSWORD)).statusCode())
                    .as("/api/v1/duties/mine?day=" + far).isEqualTo(400);
        }
        assertThat(new ApiClient(port).signedIn("officer", DEMO_PASSWORD, "en").get("/duties?day=0001-01-01", null,
                "Accept", BROWSER).body()).contains("0001-01-01 is not between 1900-01-01 and 2099-12-31");
        assertThat(own.get("/duties?day=2099-12-31", null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        assertThat(chief.get("/duties/overview?day=1900-01-01", null, "Accept", BROWSER).statusCode()).isEqualTo(200);
    }

    /**
     * The other pages and APIs that look at a day took the year 1 too, and answered it as days nothing happened on
     * (or, as a first day, summed everything ever): each refuses it naming the day typed.
     */
    @Test
    void theOtherDayFiltersRefuseAFarOffYearNamingTheDayTyped() {
        ApiClient zh = signedIn("zh-CN");
        String reason = "0001-01-01 不在可查的 1900-01-01 至 2099-12-31 之间";
        HttpResponse<String> screenings = zh.get("/mediation/screenings?week=0001-01-01", null, "Accept", BROWSER);
        assertThat(screenings.statusCode()).isEqualTo(400);
        assertThat(screenings.body()).as("this week's screenings under the reason, the week typed kept")
                .doesNotContain("class=\"status\"").contains(reason, "value=\"0001-01-01\"");
        for (String page : new String[] {"/points/leaderboard?from=0001-01-01", "/supplies/issues?from=0001-01-01",
            "/incidents/satisfaction?from=0001-01-01"}) {
            assertThat(zh.get(page, null, "Accept", BROWSER).body()).as(page).doesNotContain("class=\"status\"")
                    .contains(reason);
        }
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        for (String path : new String[] {"/api/v1/mediation/screenings?week=0001-01-01",
            "/api/v1/mediation/screenings/unscreened?week=9999-12-31", "/api/v1/worklog/review?day=0001-01-01",
            "/api/v1/supplies/summary?from=0001-01-01"}) {
            assertThat(api.get(path, chief).statusCode()).as(path).isEqualTo(400);
        }
        assertThat(api.get("/api/v1/mediation/screenings?week=2026-03-02", chief).statusCode()).isEqualTo(200);
    }

    @Test
    void theSupervisionListRefusesDaysToComeAndKeepsItsForm() {
        LocalDate today = LocalDate.now(PeriodFigures.ZONE);
        LocalDate tomorrow = today.plusDays(1);
        HttpResponse<String> ahead = signedIn("zh-CN").get("/supervision?dated=OVERDUE&from=" + today + "&to="
                + tomorrow, null, "Accept", BROWSER);
        refusedOnThePage(ahead, "to tomorrow", "日期 " + tomorrow + " 在今天（" + today + "）之后");
        assertThat(ahead.body()).contains("value=\"" + tomorrow + "\"", "value=\"" + today + "\"")
                .doesNotContain("id=\"notices\"");
        refusedOnThePage(signedIn("en").get("/supervision?from=" + tomorrow, null, "Accept", BROWSER), "from tomorrow",
                "The day " + tomorrow + " is after today (" + today + ")");
        ApiClient api = new ApiClient(port);
        HttpResponse<String> apiAhead = api.get("/api/v1/supervision/notices?to=" + tomorrow,
                api.token("chief", DEMO_PASSWORD), "Accept-Language", "en");
        assertThat(apiAhead.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(apiAhead).get("errors").get(0).get("field").asText()).isEqualTo("to");
        assertThat(signedIn(null).get("/supervision?to=" + today, null, "Accept", BROWSER).statusCode())
                .as("up to today").isEqualTo(200);
    }

    @Test
    void thePublishedNoticesApiRefusesAYearOutOfRangeAsItsPageDoes() {
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        for (String year : new String[] {"1", "1899", "9999"}) {
            HttpResponse<String> zh = api.get("/api/v1/supervision/published?year=" + year, chief,
                    "Accept-Language", "zh-CN");
            assertThat(zh.statusCode()).as("year " + year).isEqualTo(400);
            assertThat(ApiClient.json(zh).get("errors").get(0).get("field").asText()).isEqualTo("year");
            assertThat(zh.body()).contains("年度须在 1900 至 2099 之间");
            assertThat(api.get("/api/v1/supervision/published?year=" + year, chief, "Accept-Language", "en").body())
                    .contains("The year must be between 1900 and 2099");
        }
        assertThat(api.get("/api/v1/supervision/published?year=2026", chief).statusCode()).isEqualTo(200);
    }

    @Test
    void yearsThatAreNoYearsAreRefusedOnTheListPageInTheReadersLanguage() {
        ApiClient zh = signedIn("zh-CN");
        ApiClient en = signedIn("en");
        for (String page : new String[] {"/supervision", "/supervision/published", "/recovery", "/recovery/rates"}) {
            for (String bad : new String[] {"year=abc", "year=3000000000", "year=2026.5"}) {
                HttpResponse<String> r = zh.get(page + "?" + bad, null, "Accept", BROWSER);
                assertThat(r.statusCode()).as(page + "?" + bad).isEqualTo(400);
                assertThat(r.body()).as(page + "?" + bad).doesNotContain("class=\"status\"")
                        .contains("class=\"problems\"", "年度须在");
                assertThat(en.get(page + "?" + bad, null, "Accept", BROWSER).body()).as(page + "?" + bad + " (en)")
                        .doesNotContain("class=\"status\"").contains("must be between");
            }
        }
    }
}
