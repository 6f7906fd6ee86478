package org.fengqiao.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.row;
import static org.fengqiao.support.Workbooks.rows;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The recovery ledger (追赃挽损台账): the list of a tab, year and search as xlsx, row for row what the list shows, the
 * amounts in yuan, the caller's jurisdiction only, headers in the reader's language, each export audited, the list
 * page linking to the ledger of what it shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryLedgerIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    String n;
    String title;
    String officer;
    String officer2;
    RecoveryFixtures fx;
    String lost;

    @BeforeAll
    void twoFilesOfTheOfficerAndOneOfAnotherStation() {
        n = RecoveryFixtures.n();
        title = "台账盗窃案" + n;
        ApiClient api = new ApiClient(port);
        fx = new RecoveryFixtures(api, jdbc, port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        lost = fx.file(officer, "FS-1-01", "officer", title + "甲", "2026-03-02");
        fx.victim(officer, lost, "台账被害人" + n, 12_345);
        fx.file(officer, "FS-1-01", "officer", title + "乙", "2025-11-20");
        fx.file(officer2, "NS-1-01", "officer2", title + "丙", "2026-04-01");
    }

    String q() {
        return URLEncoder.encode(title, StandardCharsets.UTF_8);
    }

    @Test
    void theLedgerHoldsTheRowsTheListShowsForTheSameTabYearAndSearch() {
        for (String[] same : List.of(new String[] {"show=all&q=" + q(), "q=" + q()},
                new String[] {"show=open&q=" + q(), "status=OPEN&q=" + q()},
                new String[] {"show=all&year=2026&q=" + q(), "year=2026&q=" + q()})) {
            List<String> listed = new ArrayList<>();
            ApiClient.json(fx.api.get("/api/v1/recovery/files?size=100&" + same[1], officer)).get("items")
                    .forEach(f -> listed.add(f.get("code").asText()));
            List<List<String>> ledger = rows(fx.api.download("/api/v1/recovery/files/export?" + same[0], officer));
            assertThat(firstColumn(ledger)).as(same[0]).containsExactlyElementsOf(listed).isNotEmpty();
        }
        List<List<String>> all = rows(fx.api.download("/api/v1/recovery/files/export?show=all&q=" + q(), officer));
        assertThat(all.get(0)).containsExactly("档案编号", "案件编号", "案件名称", "立案日期", "网格", "单位", "主办民警", "状态",
                "损失（元）", "追缴（元）", "已返还（元）", "来源事项", "结档结论", "结论说明", "结档时间");
        String code = jdbc.sql("SELECT code FROM recovery_file WHERE id = ?").param(UUID.fromString(lost))
                .query(String.class).single();
        assertThat(row(all, code).subList(2, 11)).containsExactly(title + "甲", "2026-03-02",
                jdbc.sql("SELECT name FROM grid WHERE network = 'POLICE' AND code = 'FS-1-01'").query(String.class)
                        .single(), row(all, code).get(5), row(all, code).get(6), "办理中", "123.45", "0", "0");
        assertThat(all).extracting(r -> r.get(2)).doesNotContain(title + "丙");
    }

    /**
     * A closed file's row says how it ended (结档结论), with the officer's note and when it was closed, as its page
     * does; a file closed before conclusions were recorded says it has none; an open file leaves those cells empty.
     */
    @Test
    void aClosedFilesRowCarriesItsConclusionNoteAndClosingTime() {
        String done = "台账结档" + n;
        String closed = fx.file(officer, "FS-1-01", "officer", done + "甲", "2025-06-01");
        fx.send("POST", "/api/v1/recovery/files/" + closed + "/close", officer, Map.of("outcome",
                "NOTHING_RECOVERABLE", "note", "嫌疑人已挥霍，无财产可供执行" + n), 200);
        String old = fx.file(officer, "FS-1-01", "officer", done + "乙", "2025-06-02");
        jdbc.sql("UPDATE recovery_file SET status = 'CLOSED' WHERE id = ?").param(UUID.fromString(old)).update();
        String open = fx.file(officer, "FS-1-01", "officer", done + "丙", "2025-06-03");
        String q = URLEncoder.encode(done, StandardCharsets.UTF_8);

        List<List<String>> zh = rows(fx.api.download("/api/v1/recovery/files/export?show=all&q=" + q, officer));
        assertThat(zh.get(0).subList(12, zh.get(0).size())).containsExactly("结档结论", "结论说明", "结档时间");
        String closedAt = jdbc.sql("SELECT to_char(closed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') "
                + "FROM recovery_file WHERE id = ?").param(UUID.fromString(closed)).query(String.class).single();
        assertThat(row(zh, code(closed)).subList(7, 15)).containsExactly("已结档", "0", "0", "0", "",
                "无可追缴", "嫌疑人已挥霍，无财产可供执行" + n, closedAt);
        assertThat(row(zh, code(old)).subList(12, 15)).containsExactly("结档时未记录结论", "", "");
        assertThat(row(zh, code(open)).subList(12, 15)).containsExactly("", "", "");

        List<List<String>> en = rows(fx.api.download("/api/v1/recovery/files/export?show=all&q=" + q, officer,
                "Accept-Language", "en"));
        assertThat(en.get(0).subList(12, en.get(0).size())).containsExactly("Conclusion", "Why", "Closed at");
        assertThat(row(en, code(closed)).get(12)).isEqualTo("Nothing recoverable");
        assertThat(row(en, code(old)).get(12)).isEqualTo("No conclusion recorded when it was closed");
    }

    String code(String file) {
        return jdbc.sql("SELECT code FROM recovery_file WHERE id = ?").param(UUID.fromString(file))
                .query(String.class).single();
    }

    @Test
    void headersAreInTheReadersLanguageAndTheListPageLinksToItsLedger() {
        List<String> english = rows(fx.api.download("/api/v1/recovery/files/export?show=all&q=" + q(), officer,
                "Accept-Language", "en")).get(0);
        assertThat(english).startsWith("File number", "Case number", "Case", "Registered", "Grid", "Unit",
                "Officer in charge", "Status", "Lost (yuan)");
        // a client of its own: the lang parameter leaves a language cookie behind for the client's next requests
        assertThat(rows(new ApiClient(port).download("/api/v1/recovery/files/export?lang=en&show=all&q=" + q(),
                officer)).get(0))
                .isEqualTo(english);

        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String html = page.get("/recovery?show=all&year=2026&q=" + q(), null, "Accept", BROWSER).body();
        Matcher link = Pattern.compile("id=\"export-xlsx\"[^>]*href=\"([^\"]*)\"").matcher(html);
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).startsWith("/recovery/export.xlsx?show=all&year=2026&q=");
        HttpResponse<byte[]> file = page.download(href, null, "Accept", BROWSER);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(java.net.URLEncoder.encode("追赃挽损台账", java.nio.charset.StandardCharsets.UTF_8) + ".xlsx");
        assertThat(rows(file)).extracting(r -> r.get(2)).containsExactly("案件名称", title + "甲");

        // the page's link goes with the session and its language, not the browser's header nor a token
        page.languageCookie("en");
        HttpResponse<byte[]> inEnglish = page.download(href, null, "Accept", BROWSER, "Accept-Language", "zh-CN");
        assertThat(inEnglish.headers().firstValue("Content-Disposition").orElse("")).contains("recovery.xlsx");
        assertThat(rows(inEnglish).get(0)).isEqualTo(english);
        // a year the list refuses comes back on the list, which says why, nothing written
        HttpResponse<byte[]> refused = page.download("/recovery/export.xlsx?show=all&year=1800", null, "Accept",
                BROWSER);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/recovery?show=all&year=1800");
        assertThat(refused.headers().firstValue("Content-Disposition")).isEmpty();
        // another station's officer reads none of these files by the page's link either
        List<List<String>> theirs = rows(new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null)
                .download("/recovery/export.xlsx?show=all&q=" + q(), null, "Accept", BROWSER));
        assertThat(theirs).extracting(r -> r.get(2)).containsExactly("案件名称", title + "丙");
        HttpResponse<byte[]> signedOut = new ApiClient(port).download(href, null, "Accept", BROWSER);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void anotherStationsOfficerExportsNoneOfTheseFilesAndEachExportIsAudited() {
        List<List<String>> his = rows(fx.api.download("/api/v1/recovery/files/export?show=all&q=" + q(), officer2));
        assertThat(his).extracting(r -> r.get(2)).containsExactly("案件名称", title + "丙");
        UUID actor = fx.staff("officer2");
        String after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'recovery-file'
                AND actor_id = ? ORDER BY seq DESC LIMIT 1""").param(actor).query(String.class).single();
        assertThat(after).contains("\"rows\": 1").contains(title);
        HttpResponse<String> both = fx.api.get("/api/v1/recovery/files/export?show=open&status=CLOSED", officer2);
        assertThat(both.statusCode()).isEqualTo(400);
    }
}
