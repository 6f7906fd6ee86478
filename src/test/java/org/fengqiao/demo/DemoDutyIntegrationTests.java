package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A visitor opens the fresh demo as the chief of 房山: the share of due duties done (职责完成率) of the last month whose
 * duties are all settled is there, rated from the results of the demo officer's own records as the nightly job would
 * have kept them, not "—" until the job has run for eight nights; days whose last results are not written yet show
 * no rate, with a line saying when they will.
 */
class DemoDutyIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    final LocalDate today = LocalDate.now(LocalTimes.ZONE);
    /** The last day whose periods are settled (backdate-days 7): its results are written. */
    final LocalDate settled = today.minusDays(8);
    /** The last month whose periods are all settled: the duty overview's month. */
    final YearMonth month = YearMonth.from(settled.plusDays(1)).minusMonths(1);

    JsonNode get(String username, String path) {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.get(path, api.token(username, DEMO_PASSWORD));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    static JsonNode share(JsonNode figures) {
        for (JsonNode f : figures.get("sections").get("duty")) {
            if (f.get("key").asText().equals("dutyCompletion")) {
                return f;
            }
        }
        throw new AssertionError("no dutyCompletion in " + figures);
    }

    @Test
    void theChiefReadsTheShareOfTheLastSettledMonthFromTheDemoOfficersOwnRecords() {
        JsonNode share = share(get("chief", "/api/v1/figures?month=" + month));
        assertThat(share.hasNonNull("rate")).as("the demo's last settled month has a rate: " + share).isTrue();
        JsonNode listed = get("chief", share.get("list").asText());
        assertThat(listed.get("due").asLong()).isPositive();
        assertThat(share.get("rate").asDouble())
                .isEqualTo((double) listed.get("done").asLong() / listed.get("due").asLong());

        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        List<LocalDate> patrolled = jdbc.sql("""
                SELECT DISTINCT done_on FROM duty_record WHERE officer_id = ? AND item = 'patrol'
                   AND withdrawn_at IS NULL AND done_on BETWEEN ? AND ?""")
                .params(officer, month.atDay(1), month.atEndOfMonth()).query(LocalDate.class).list();
        Set<LocalDate> done = new HashSet<>();
        Set<LocalDate> missed = new HashSet<>();
        Set<String> monthly = new HashSet<>();
        List<JsonNode> his = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode p = get("chief", share.get("list").asText() + "&officerId=" + officer + "&size=100&page=" + page);
            p.get("items").forEach(his::add);
            if (p.get("items").size() < 100) {
                break;
            }
        }
        for (JsonNode line : his) {
            JsonNode r = line.get("result");
            if (r.get("item").asText().equals("patrol")) {
                (r.get("state").asText().equals("DONE") ? done : missed).add(LocalDate.parse(r.get("start").asText()));
            }
            if (r.get("period").asText().equals("MONTH")) {
                monthly.add(r.get("item").asText() + " " + r.get("state").asText());
            }
        }
        assertThat(done).as("his patrols of the month, as he recorded them").containsExactlyInAnyOrderElementsOf(
                patrolled);
        assertThat(done.size() + missed.size()).as("every day of the month owed").isEqualTo(month.lengthOfMonth());
        assertThat(missed).as("the days he did not patrol").isNotEmpty();
        assertThat(monthly).as("the month's four").hasSize(4).contains("safety-inspection DONE",
                "convenience-service DONE");
    }

    @Test
    void daysWhoseLastResultsAreNotWrittenShowNoRateAndSayWhen() {
        LocalDate from = today.minusDays(20);
        LocalDate to = today.minusDays(1);
        JsonNode share = share(get("chief", "/api/v1/figures?from=" + from + "&to=" + to));
        assertThat(share.hasNonNull("rate"))
                .as("a rate of the days written so far would leave out the last ones: " + share).isFalse();
        assertThat(share.get("note").asText()).isEqualTo("本期的职责结果尚未全部记下，职责完成率暂不显示（只算已记下的几天会漏掉本期"
                + "最后几天和月度、季度职责）：结果已记至 " + settled + "，本期最后一天 " + to + " 结束的职责在 "
                + to.plusDays(8) + " 记下后显示。");

        JsonNode written = share(get("chief", "/api/v1/figures?from=" + from + "&to=" + settled));
        assertThat(written.hasNonNull("rate")).as("the same days up to the last written: " + written).isTrue();
    }

    /**
     * The chief opens the figures on this month, as the page does first: its last days are never written yet, so no
     * rate; the line under the figures says when it will be, and gives beside it the share of the last month whose
     * results are all written (the duty overview's month), which he would otherwise have to go and ask for.
     */
    @Test
    void thisMonthSaysWhenItsShareIsKnownAndGivesTheLastWrittenMonthsBeside() {
        JsonNode share = share(get("chief", "/api/v1/figures"));
        assertThat(share.hasNonNull("rate")).as(share.toString()).isFalse();
        double last = share(get("chief", "/api/v1/figures?month=" + month)).get("rate").asDouble();
        String rate = String.format(java.util.Locale.ROOT, "%.1f%%", last * 100);
        assertThat(share.get("note").asText()).isEqualTo("本期的职责结果尚未全部记下，职责完成率暂不显示（只算已记下的几天会漏掉本期"
                + "最后几天和月度、季度职责）：结果已记至 " + settled + "，本期最后一天 " + today + " 结束的职责在 "
                + today.plusDays(8) + " 记下后显示。结果已全部记下的最近一个月 " + month + " 的职责完成率为 " + rate + "。");
        String en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en").get("/figures", null).body();
        assertThat(en).contains("The share of the last month whose results are all written, " + month + ", is "
                + rate + ".");
    }

    /**
     * The list the share links to says the same as the figures when the days chosen reach past the last written: its
     * totals leave out the duties ending later, and a chief reading "12 due, 10 done" for this month would take them
     * for the month's.
     */
    @Test
    void theResultsOfDaysNotAllWrittenSayWhenTheyWillBe() {
        LocalDate from = today.minusDays(20);
        LocalDate to = today.minusDays(1);
        String zh = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN")
                .get("/duties/results?from=" + from + "&to=" + to, null).body();
        assertThat(zh).contains("id=\"results-pending\"", "所选日期中的职责结果尚未全部记下（职责周期结束并过了补录期限后才记下）"
                + "：结果已记至 " + settled + "，此后结束的周期暂不列出、不计入；所选最后一天 " + to + " 结束的职责在 "
                + to.plusDays(8) + " 记下。");
        String en = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en")
                .get("/duties/results?from=" + from + "&to=" + to, null).body();
        assertThat(en).contains("written up to " + settled + ", the periods ending later are not listed or counted "
                + "yet; those ending on the last day chosen, " + to + ", are written on " + to.plusDays(8) + ".");
        JsonNode api = get("chief", "/api/v1/duties/results?from=" + from + "&to=" + to);
        assertThat(api.get("writtenUpTo").asText()).isEqualTo(settled.toString());
        assertThat(api.get("writtenOn").asText()).isEqualTo(to.plusDays(8).toString());

        String written = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "zh-CN")
                .get("/duties/results?from=" + from + "&to=" + settled, null).body();
        assertThat(written).as("days all written say nothing more").doesNotContain("results-pending");
        assertThat(get("chief", "/api/v1/duties/results?from=" + from + "&to=" + settled).hasNonNull("writtenOn"))
                .isFalse();
    }
}
