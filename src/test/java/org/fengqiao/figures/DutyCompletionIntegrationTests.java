package org.fengqiao.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.BROWSER;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.page;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.rowLabelled;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.rows;
import static org.fengqiao.figures.WorkFiguresIntegrationTests.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.duty.internal.DutyResultSweep;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The station chief reads the share of due duties done (职责完成率) of a closed week in a workstation: the job wrote,
 * when each period closed, each officer's result for each duty he owed (the day's three every day, the week's five
 * on the Sunday), done or missed, in the unit he was in; the figure is the share done of them, and the list it links
 * to counts the same. An officer who moved since stays counted where he was; one not yet on duty owed nothing; the
 * neighbouring office's officer reads his own only. A week long before the results were kept has no rate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DutyCompletionIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    DutyResultSweep sweep;

    String n;
    Unit office;
    Unit neighbour;
    Staff diligent;
    Staff idle;
    Staff newcomer;
    Staff theirs;
    LocalDate monday;
    LocalDate sunday;
    int writtenTwice;

    @BeforeAll
    void aClosedWeekWrittenInTwoOffices() {
        Random random = new Random();
        n = String.valueOf(100000 + random.nextInt(899999));
        // a week of its own long ago, inside one month, that no other run of the job wrote, nor the week before
        do {
            monday = LocalDate.of(2005, 1, 3).plusWeeks(random.nextInt(700));
        } while (monday.getDayOfMonth() > 20 || jdbc.sql("SELECT count(*) FROM duty_result_day WHERE closed_on"
                + " BETWEEN ? AND ?").params(monday.minusDays(7), monday.plusDays(6)).query(Long.class).single() > 0);
        assertThat(monday.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        sunday = monday.plusDays(6);
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "DCR-" + n, "完成率工作站" + n, null);
        neighbour = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "DCRN-" + n, "完成率邻站" + n, null);
        diligent = officer(office, "勤");
        idle = officer(office, "闲");
        newcomer = officer(office, "新");
        theirs = officer(neighbour, "邻");
        // on duty since a month before the week (the newcomer only from today)
        for (Staff s : List.of(diligent, idle, theirs)) {
            duty(s, "patrol", monday.minusDays(30), office, false);
        }
        duty(diligent, "patrol", monday.plusDays(1), office, false);
        duty(diligent, "law-publicity", monday.plusDays(2), office, false);
        duty(diligent, "law-publicity", monday.plusDays(4), office, false);
        duty(diligent, "work-report", monday.plusDays(3), office, true);
        duty(diligent, "dispute-screening", monday.plusDays(7), office, false);
        duty(theirs, "dispute-screening", monday.plusDays(2), neighbour, false);
        for (LocalDate d = monday; !d.isAfter(sunday); d = d.plusDays(1)) {
            sweep.record(d);
        }
        writtenTwice = sweep.record(sunday);
    }

    Staff officer(Unit unit, String name) {
        return staff.register(unit.id(), StaffRole.COMMUNITY_OFFICER, "完成率民警" + name + n, null, null, "社区民警",
                "dcr" + name.hashCode() + "x" + n, DEMO_PASSWORD);
    }

    String username(Staff s) {
        return jdbc.sql("SELECT username FROM staff WHERE id = ?").param(s.id().value()).query(String.class).single();
    }

    void duty(Staff who, String item, LocalDate day, Unit where, boolean withdrawn) {
        OffsetDateTime at = day.atTime(18, 0).atZone(PeriodFigures.ZONE).toOffsetDateTime();
        jdbc.sql("""
                INSERT INTO duty_record (id, officer_id, item, done_on, note, unit_id, recorded_at, withdrawn_at,
                    withdrawn_reason)
                VALUES (?, ?, ?, ?, '记录', ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), who.id().value(), item, day, where.id().value(), at,
                        withdrawn ? at : null, withdrawn ? "误录" : null)
                .update();
    }

    JsonNode get(String username, String path) {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.get(path, api.token(username, DEMO_PASSWORD));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    String week() {
        return "from=" + monday + "&to=" + sunday;
    }

    JsonNode results(String username, String query) {
        return get(username, "/api/v1/duties/results?size=100&" + week() + query);
    }

    static List<String> lines(JsonNode results) {
        List<String> lines = new ArrayList<>();
        for (JsonNode l : results.get("items")) {
            JsonNode r = l.get("result");
            lines.add(r.get("item").asText() + " " + r.get("start").asText() + " " + r.get("state").asText() + " "
                    + r.get("records").asInt());
        }
        return lines;
    }

    @Test
    void eachOfficerWhoOwedADutyIsWrittenDoneOrMissedForTheClosedWeek() {
        JsonNode his = results("chief", "&unitId=" + office.id().value() + "&officerId=" + diligent.id().value());
        List<String> lines = lines(his);
        assertThat(lines).as("the day's three each day, the week's five on the Sunday").hasSize(3 * 7 + 5);
        assertThat(lines).contains("patrol " + monday + " MISSED 0", "patrol " + monday.plusDays(1) + " DONE 1",
                "law-publicity " + monday + " DONE 2", "work-report " + monday + " MISSED 0",
                "dispute-screening " + monday + " MISSED 0", "floating-rental-check " + monday + " MISSED 0");
        assertThat(his.get("done").asLong()).isEqualTo(2);
        assertThat(his.get("due").asLong()).isEqualTo(26);
        JsonNode first = his.get("items").get(0);
        assertThat(first.get("result").get("officerName").asText()).isEqualTo("完成率民警勤" + n);
        assertThat(first.get("result").get("unitId").asText()).isEqualTo(office.id().value().toString());

        JsonNode idles = results("chief", "&unitId=" + office.id().value() + "&officerId=" + idle.id().value());
        assertThat(idles.get("done").asLong()).isZero();
        assertThat(idles.get("due").asLong()).isEqualTo(26);
        JsonNode newcomers = results("chief", "&officerId=" + newcomer.id().value());
        assertThat(newcomers.get("due").asLong()).as("not on duty in that week: owed nothing").isZero();
        JsonNode missed = results("chief", "&unitId=" + office.id().value() + "&state=MISSED");
        assertThat(missed.get("due").asLong()).isEqualTo(50);
        assertThat(lines(missed)).allMatch(l -> l.contains(" MISSED "));
    }

    /** A weekday of its own long ago, outside the class's weeks, that no run of the job listed or wrote. */
    LocalDate aDayOfItsOwn() {
        Random random = new Random();
        LocalDate day;
        do {
            day = LocalDate.of(2005, 1, 4).plusWeeks(random.nextInt(700)).plusDays(random.nextInt(4));
        } while (day.getDayOfMonth() > 27 || !day.isBefore(monday.minusDays(14)) && !day.isAfter(sunday.plusDays(14))
                || jdbc.sql("SELECT count(*) FROM duty_result_day WHERE closed_on = ?").param(day)
                        .query(Long.class).single() > 0);
        return day;
    }

    List<String> kept(Staff who, LocalDate day) {
        return jdbc.sql("SELECT item || ' ' || state || ' ' || unit_id FROM duty_result"
                        + " WHERE officer_id = ? AND period_end = ? ORDER BY item")
                .params(who.id().value(), day).query(String.class).list();
    }

    @Test
    void anOfficerWhoLeftOrMovedAfterThePeriodClosedIsWrittenWhereHeWasThen() {
        LocalDate day = aDayOfItsOwn();
        Staff leaver = officer(office, "离");
        Staff mover = officer(office, "调");
        for (Staff s : List.of(leaver, mover)) {
            duty(s, "patrol", day.minusDays(30), office, false);
        }
        duty(leaver, "patrol", day, office, false);
        Unit later = jurisdictions.createUnit(jurisdictions.unitByCode("320722010000").orElseThrow().id(),
                UnitKind.WORKSTATION, "DCRM-" + n, "完成率调往" + n, null);
        // the morning after the day closed the job notes who owed its duties and where they were
        sweep.rollCall(day);
        // within the eight days before its results are written, one leaves and the other moves
        jdbc.sql("UPDATE staff SET active = false WHERE id = ?").param(leaver.id().value()).update();
        jdbc.sql("UPDATE staff SET unit_id = ? WHERE id = ?").params(later.id().value(), mover.id().value())
                .update();
        sweep.record(day);

        String there = " " + office.id().value();
        assertThat(kept(leaver, day)).as("the day's three, though he left before they were written")
                .containsExactly("info-entry MISSED" + there, "patrol DONE" + there, "review-meeting MISSED" + there);
        assertThat(kept(mover, day)).as("where he was when the day closed, not where he went")
                .containsExactly("info-entry MISSED" + there, "patrol MISSED" + there,
                        "review-meeting MISSED" + there);
        JsonNode listed = get("chief", "/api/v1/duties/results?size=100&from=" + day + "&to=" + day + "&unitId="
                + office.id().value() + "&officerId=" + leaver.id().value());
        assertThat(listed.get("due").asLong()).isEqualTo(3);
        assertThat(listed.get("done").asLong()).isEqualTo(1);
        assertThat(get("chief", "/api/v1/duties/results?from=" + day + "&to=" + day + "&unitId="
                + later.id().value()).get("due").asLong()).as("nothing where he went").isZero();
    }

    @Test
    void writingTheSameDayTwiceWritesNothingMore() {
        assertThat(writtenTwice).isZero();
        duty(idle, "work-report", sunday, office, false);
        assertThat(sweep.record(sunday)).isZero();
        long rows = jdbc.sql("SELECT count(*) FROM duty_result WHERE officer_id = ? AND period_end = ?")
                .params(idle.id().value(), sunday).query(Long.class).single();
        assertThat(rows).as("the Sunday's three and the week's five, once").isEqualTo(8);
        assertThat(jdbc.sql("SELECT state FROM duty_result WHERE officer_id = ? AND item = 'work-report'")
                .param(idle.id().value()).query(String.class).single()).as("never rewritten").isEqualTo("MISSED");
    }

    @Test
    void anOfficerWhoMovedStaysCountedWhereHeWas() {
        Unit later = jurisdictions.createUnit(jurisdictions.unitByCode("320722010000").orElseThrow().id(),
                UnitKind.WORKSTATION, "DCRL-" + n, "完成率后来" + n, null);
        jdbc.sql("UPDATE staff SET unit_id = ? WHERE id = ?").params(later.id().value(), idle.id().value()).update();
        try {
            JsonNode there = results("chief", "&unitId=" + office.id().value() + "&officerId=" + idle.id().value());
            assertThat(there.get("due").asLong()).isEqualTo(26);
            assertThat(there.get("items").get(0).get("result").get("unitId").asText())
                    .isEqualTo(office.id().value().toString());
            JsonNode now = results("chief", "&unitId=" + later.id().value());
            assertThat(now.get("due").asLong()).as("his past results are not where he is now").isZero();
        } finally {
            jdbc.sql("UPDATE staff SET unit_id = ? WHERE id = ?").params(office.id().value(), idle.id().value())
                    .update();
        }
    }

    @Test
    void theFigureIsTheShareDoneOfTheListItLinksTo() {
        JsonNode figures = get("chief", "/api/v1/figures?" + week() + "&unitId=" + office.id().value());
        JsonNode rate = WorkFiguresIntegrationTests.figure(figures, "duty", "dutyCompletion");
        assertThat(rate.get("rate").asDouble()).isEqualTo(2.0 / 52);
        assertThat(rate.hasNonNull("rateYearBefore")).as("a year before the results were kept").isFalse();
        assertThat(rate.get("list").asText()).isEqualTo("/api/v1/duties/results?" + week() + "&unitId="
                + office.id().value());
        assertThat(rate.get("note").asText()).startsWith("职责完成率的结果自 ");
        JsonNode listed = get("chief", rate.get("list").asText());
        assertThat(listed.get("done").asLong()).isEqualTo(2);
        assertThat(listed.get("due").asLong()).isEqualTo(52);

        JsonNode twoWeeks = get("chief", "/api/v1/figures?from=" + monday.minusDays(7) + "&to=" + sunday
                + "&unitId=" + office.id().value());
        assertThat(WorkFiguresIntegrationTests.figure(twoWeeks, "duty", "dutyCompletion").hasNonNull("rate"))
                .as("no rate for days whose results were not all kept, never a made-up one").isFalse();
    }

    @Test
    void theNeighbouringOfficesOfficerReadsHisOwnOnly() {
        String his = username(theirs);
        ApiClient api = new ApiClient(port);
        String token = api.token(his, DEMO_PASSWORD);
        assertThat(api.get("/api/v1/duties/results?" + week() + "&unitId=" + office.id().value(), token)
                .statusCode()).isEqualTo(404);
        ApiClient signed = new ApiClient(port).signedIn(his, DEMO_PASSWORD, null);
        assertThat(signed.get("/duties/results?" + week() + "&unit=" + office.id().value(), null, "Accept", BROWSER)
                .statusCode()).isEqualTo(404);
        JsonNode own = results(his, "");
        assertThat(own.get("due").asLong()).isEqualTo(26);
        assertThat(own.get("done").asLong()).isEqualTo(1);
        for (JsonNode l : own.get("items")) {
            assertThat(l.get("result").get("officerId").asText()).isEqualTo(theirs.id().value().toString());
        }
        JsonNode figures = get(his, "/api/v1/figures?" + week());
        assertThat(WorkFiguresIntegrationTests.figure(figures, "duty", "dutyCompletion").get("rate").asDouble())
                .isEqualTo(1.0 / 26);
    }

    @Test
    void thePageAndTheListSayItInTheReadersLanguage() {
        String path = "/figures?" + week() + "&unit=" + office.id().value();
        String zh = page(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN"), path);
        Map<String, String> row = rows(zh).get("dutyCompletion");
        assertThat(row).containsEntry("labelText", "职责完成率").containsEntry("nowText", "3.8%")
                .containsEntry("beforeText", "—");
        assertThat(row.get("href")).isEqualTo("/duties/results?" + week().replace("&", "&amp;") + "&amp;unit="
                + office.id().value());
        assertThat(zh).contains("data-note=\"dutyCompletion\"", "职责完成率的结果自 ");
        String en = page(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en"), path);
        assertThat(rows(en).get("dutyCompletion")).containsEntry("labelText", "Share of due duties done")
                .containsEntry("nowText", "3.8%");
        assertThat(en).contains("The results the share of due duties done rates are kept from ");

        String list = page(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN"),
                row.get("href").replace("&amp;", "&") + "&state=DONE");
        assertThat(list).contains("职责完成情况", "应完成 2 项，已完成 2 项", "完成率民警勤" + n, "开展一次法治宣传");
        String enList = page(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en"),
                "/duties/results?" + week() + "&unit=" + office.id().value());
        assertThat(enList).contains("Duty results", "52 due, 2 done", "Missed");
    }

    @Test
    void theXlsxCarriesTheShareInTheReadersLanguage() throws IOException {
        for (String language : new String[] {"zh-CN", "en"}) {
            boolean en = language.equals("en");
            HttpResponse<byte[]> r = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, language)
                    .download("/figures/export.xlsx?" + week() + "&unit=" + office.id().value(), null);
            assertThat(r.statusCode()).isEqualTo(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                Row share = rowLabelled(book.getSheetAt(0), en ? "Share of due duties done" : "职责完成率");
                assertThat(text(share.getCell(1))).isEqualTo("3.8%");
                assertThat(text(share.getCell(2))).isEqualTo("—");
                assertThat(text(share.getCell(4))).startsWith(en ? "The results the share" : "职责完成率的结果自 ");
            }
        }
    }
}
