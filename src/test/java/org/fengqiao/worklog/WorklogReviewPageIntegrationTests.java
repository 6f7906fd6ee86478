package org.fengqiao.worklog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chief picks a day on the log review page to look back at an earlier week: the entries listed are then those of
 * the periods the page shows for that day (the week's analysis, the month's and the quarter's summaries, the day's
 * diaries), beside who has not submitted them, not every entry of every period. An officer who came after a week
 * began is not listed as owing its analysis, as his duty checklist does not hold him to that week's duties.
 */
class WorklogReviewPageIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    /** The unit of the demo's community officer, where the tests' authors work beside him. */
    UUID officersUnit() {
        return jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
    }

    /** A community officer of the unit who came 400 days ago, so every period the tests choose is owed by him. */
    UUID officerOf(UUID unit, String name) {
        UUID author = UUID.randomUUID();
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name, created_at)"
                        + " VALUES (?, ?, 'COMMUNITY_OFFICER', ?, now() - interval '400 days')")
                .params(author, unit, name).update();
        return author;
    }

    @Test
    void theDayChosenFiltersTheEntriesListedAsItFiltersWhoHasNotSubmitted() {
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        String tag = String.valueOf(System.nanoTime());
        UUID unit = officersUnit();
        UUID author = officerOf(unit, "筛选民警" + tag);
        try {
            LocalDate thatWeek = today.minusWeeks(20).with(DayOfWeek.MONDAY);
            LocalDate otherWeek = today.minusWeeks(30).with(DayOfWeek.MONDAY);
            entry(author, unit, thatWeek, "那一周的分析" + tag);
            entry(author, unit, otherWeek, "另一周的分析" + tag);
            ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);

            String page = chief.get("/worklog/review?kind=WEEKLY_ANALYSIS&day=" + thatWeek.plusDays(2), null).body();
            int at = page.indexOf("id=\"missing-WEEKLY_ANALYSIS\"");
            assertThat(page.substring(at, page.indexOf("</h2>", at))).as("the week the page lists as due")
                    .contains(thatWeek.toString());
            assertThat(page).as("the entries of the week chosen").contains("那一周的分析" + tag)
                    .doesNotContain("另一周的分析" + tag);
            assertThat(page).contains("只列出上面各期的分析和总结及 " + thatWeek.plusDays(2) + " 当天的日志");
        } finally {
            jdbc.sql("DELETE FROM worklog_entry WHERE author_id = ?").param(author).update();
            jdbc.sql("UPDATE staff SET active = false WHERE id = ?").param(author).update();
        }
    }

    /**
     * The API a chief's own tools read takes the page's day filter: the same entries for the same day, and a day that
     * is no date refused naming the field, in the caller's language, rather than ignored (every period listed).
     */
    @Test
    void theReviewApiTakesTheDayThePageFiltersByAndRefusesABadOneInTheCallersLanguage() {
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        String tag = String.valueOf(System.nanoTime());
        UUID unit = officersUnit();
        UUID author = officerOf(unit, "接口筛选民警" + tag);
        try {
            LocalDate thatWeek = today.minusWeeks(21).with(DayOfWeek.MONDAY);
            LocalDate otherWeek = today.minusWeeks(31).with(DayOfWeek.MONDAY);
            entry(author, unit, thatWeek, "接口那一周" + tag);
            entry(author, unit, otherWeek, "接口另一周" + tag);
            ApiClient api = new ApiClient(port);
            String chief = api.token("chief", DEMO_PASSWORD);

            var r = api.get("/api/v1/worklog/review?kind=WEEKLY_ANALYSIS&size=100&day=" + thatWeek.plusDays(2),
                    chief);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ApiClient.json(r).get("items").findValuesAsText("title")).as("the entries of the week chosen")
                    .contains("接口那一周" + tag).doesNotContain("接口另一周" + tag);

            var en = api.get("/api/v1/worklog/review?day=2026-13-45", chief, "Accept-Language", "en");
            assertThat(en.statusCode()).as(en.body()).isEqualTo(400);
            assertThat(en.body()).contains("day").doesNotContainPattern("\\p{IsHan}");
            var zh = api.get("/api/v1/worklog/review?day=2026-13-45", chief, "Accept-Language", "zh-CN");
            assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
            assertThat(zh.body()).containsPattern("\\p{IsHan}");

            // the day lists nothing outside the caller's scope: the chief of a neighbouring workstation reads none
            UUID station = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'chief'").query(UUID.class).single();
            Unit neighbour = jurisdictions.createUnit(new UnitId(station), UnitKind.WORKSTATION, "WRD-" + tag,
                    "日志筛选邻站" + tag, null);
            staff.register(neighbour.id(), StaffRole.STATION_CHIEF, "邻站站长" + tag, null, null, "站长",
                    "wrd" + tag, DEMO_PASSWORD);
            var theirs = api.get("/api/v1/worklog/review?kind=WEEKLY_ANALYSIS&size=100&day=" + thatWeek.plusDays(2),
                    api.token("wrd" + tag, DEMO_PASSWORD));
            assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(200);
            assertThat(ApiClient.json(theirs).get("items").findValuesAsText("title"))
                    .doesNotContain("接口那一周" + tag);
        } finally {
            jdbc.sql("DELETE FROM worklog_entry WHERE author_id = ?").param(author).update();
            jdbc.sql("UPDATE staff SET active = false WHERE id = ?").param(author).update();
        }
    }

    /**
     * A day the review cannot read (text that is no date, the year 1 or 99999) is said above the review in the
     * reader's language, naming the field once (日期：…, where it read 日期：“abc”不是日期 and 日期：日期 0001-01-01) and
     * the day typed, the filter keeping it and the kind chosen, with 400; not the error page that lost the form. The
     * first and last days the filters take are read.
     */
    @Test
    void aDayOutOfReachOrNoDayAtAllIsSaidAboveTheReviewNamingItAndTheFormKeepsIt() {
        String browser = "text/html,application/xhtml+xml";
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        java.util.Map<String, String> zh = java.util.Map.of(
                "abc", "<li>日期：“abc”不是有效的年-月-日，请写成 2026-05-01 这样</li>",
                "0001-01-01", "<li>日期：0001-01-01 不在可查的 1900-01-01 至 2099-12-31 之间，请检查年份</li>",
                "+99999-01-01", "<li>日期：+99999-01-01 不在可查的 1900-01-01 至 2099-12-31 之间，请检查年份</li>");
        for (var e : zh.entrySet()) {
            var page = chief.get("/worklog/review?kind=WEEKLY_ANALYSIS&day="
                    + java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8), null,
                    "Accept", browser);
            assertThat(page.statusCode()).as(e.getKey()).isEqualTo(400);
            assertThat(page.body()).as(e.getKey()).contains("class=\"problems\"", e.getValue())
                    .contains("id=\"filter-day\" value=\"" + e.getKey() + "\"")
                    .containsPattern("<option value=\"WEEKLY_ANALYSIS\" selected")
                    .contains("id=\"missing-WEEKLY_ANALYSIS\"");
        }
        var english = chief.languageCookie("en").get("/worklog/review?day=1899-12-31", null, "Accept", browser);
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("<li>Date: 1899-12-31 is not between 1900-01-01 and 2099-12-31, the days that "
                + "can be asked for: check its year</li>");
        assertThat(chief.get("/worklog/review?day=2O26-05-01", null, "Accept", browser).body())
                .contains("<li>Date: &quot;2O26-05-01&quot; is not a valid year-month-day: write it as 2026-05-01</li>");
        for (String day : new String[] {"1900-01-01", "2099-12-31"}) {
            var read = chief.get("/worklog/review?day=" + day, null, "Accept", browser);
            assertThat(read.statusCode()).as(day).isEqualTo(200);
            assertThat(read.body()).as(day).doesNotContain("class=\"problems\"");
        }
    }

    @Test
    void anOfficerWhoCameInTheMiddleOfLastWeekIsNotListedAsOwingItsAnalysis() {
        LocalDate today = LocalDate.now(LocalTimes.ZONE);
        LocalDate lastMonday = today.with(DayOfWeek.MONDAY).minusWeeks(1);
        UUID unit = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        UUID midweek = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        String tag = String.valueOf(System.nanoTime());
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name, created_at) VALUES (?, ?, 'COMMUNITY_OFFICER', ?, ?)")
                .params(midweek, unit, "周中到岗" + tag,
                        lastMonday.plusDays(2).atTime(10, 0).atZone(LocalTimes.ZONE).toOffsetDateTime()).update();
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name, created_at) VALUES (?, ?, 'COMMUNITY_OFFICER', ?, ?)")
                .params(before, unit, "周一到岗" + tag,
                        lastMonday.atTime(8, 0).atZone(LocalTimes.ZONE).toOffsetDateTime()).update();
        try {
            ApiClient api = new ApiClient(port);
            var missing = ApiClient.json(api.get("/api/v1/worklog/missing?kind=WEEKLY_ANALYSIS",
                    api.token("chief", DEMO_PASSWORD)));
            assertThat(missing.get("first").asText()).isEqualTo(lastMonday.toString());
            assertThat(missing.get("staff").findValuesAsText("staffId")).as("on duty from the week's Monday owes it")
                    .contains(before.toString()).as("came on its Wednesday: not held to it")
                    .doesNotContain(midweek.toString());
        } finally {
            jdbc.sql("UPDATE staff SET active = false WHERE id IN (?, ?)").params(midweek, before).update();
        }
    }

    void entry(UUID author, UUID unit, LocalDate week, String title) {
        OffsetDateTime at = OffsetDateTime.now();
        jdbc.sql("""
                INSERT INTO worklog_entry (id, author_id, unit_id, kind, period_start, title, body, created_at,
                                           updated_at)
                VALUES (?, ?, ?, 'WEEKLY_ANALYSIS', ?, ?, '本周辖区警情平稳', ?, ?)""")
                .params(UUID.randomUUID(), author, unit, week, title, at, at).update();
    }
}
