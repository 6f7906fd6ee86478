package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.row;
import static org.fengqiao.support.Workbooks.rows;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mediation ledger (矛盾纠纷调解台账): the list of a tab or of the API's filters as xlsx, row for row what the list
 * shows, the caller's jurisdiction only, headers in the reader's language, each export audited, the list page linking
 * to the ledger of its tab by a page link that goes with the session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediationLedgerIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final OffsetDateTime AUGUST = OffsetDateTime.of(2026, 8, 3, 2, 0, 0, 0, ZoneOffset.UTC);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    String n;
    Grid grid;
    String officer;
    ApiClient api;

    @BeforeAll
    void anOfficeWithThreeDisputesAndOneOfAnotherStation() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        api = new ApiClient(port);
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "LDM-" + n, "调解台账站" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-LDM-" + n, "调解台账", 118);
        staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "调解台账民警" + n, null, null, "社区民警",
                "ldmofficer" + n, DEMO_PASSWORD);
        officer = api.token("ldmofficer" + n, DEMO_PASSWORD);
        dispute("LDM" + n + "-1", grid.id().value(), "OPEN", true, null, AUGUST);
        dispute("LDM" + n + "-2", grid.id().value(), "AGREED", false, "VILLAGE", AUGUST.plusDays(1));
        dispute("LDM" + n + "-3", grid.id().value(), "OPEN", false, null, AUGUST.plusDays(2));
        UUID theirs = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'NS-1-01'").query(UUID.class)
                .single();
        dispute("LDM" + n + "-9", theirs, "OPEN", true, null, AUGUST);
    }

    void dispute(String code, UUID gridId, String status, boolean atRisk, String level, OffsetDateTime opened) {
        jdbc.sql("""
                INSERT INTO dispute_case (id, code, origin, kind, grid_id, summary, status, at_risk, settled_level,
                    ended_at, agreement_text, opened_at)
                VALUES (?, ?, 'WALK_IN', 'NEIGHBOURS', ?, '邻里台账纠纷', ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), code, gridId, status, atRisk, level,
                        level == null ? null : opened.plusDays(5), level == null ? null : "双方和解", opened)
                .update();
    }

    @Test
    void theLedgerHoldsTheRowsTheListShowsForEachTabAndFilter() {
        for (String[] same : List.of(new String[] {"show=all", ""}, new String[] {"show=open", "status=OPEN"},
                new String[] {"show=risk", "status=OPEN&atRisk=true"},
                new String[] {"kind=NEIGHBOURS", "kind=NEIGHBOURS"})) {
            List<String> listed = new ArrayList<>();
            ApiClient.json(api.get("/api/v1/mediation/cases?size=100&" + same[1], officer)).get("items")
                    .forEach(c -> listed.add(c.get("code").asText()));
            List<List<String>> ledger = rows(api.download("/api/v1/mediation/cases/export?" + same[0], officer));
            assertThat(firstColumn(ledger)).as(same[0]).containsExactlyElementsOf(listed);
        }
        List<List<String>> risk = rows(api.download("/api/v1/mediation/cases/export?show=risk", officer));
        assertThat(firstColumn(risk)).containsExactly("LDM" + n + "-1");
        List<List<String>> all = rows(api.download("/api/v1/mediation/cases/export?show=all", officer));
        assertThat(all.get(0)).containsExactly("编号", "登记时间", "类型", "来源", "网格", "单位", "纠纷情况", "状态",
                "民转刑风险", "调解次数", "化解层级", "结案时间", "见证人", "来源事项", "并入事项");
        assertThat(row(all, "LDM" + n + "-2")).containsExactly("LDM" + n + "-2", "2026-08-04 10:00", "邻里", "群众来访",
                grid.name(), "调解台账站" + n, "邻里台账纠纷", "达成协议", "", "0", "村（社区）", "2026-08-09 10:00", "", "", "");
        assertThat(row(all, "LDM" + n + "-1").get(8)).isEqualTo("是");
        // the same list on the page, its tab's ledger linked from it
        ApiClient page = new ApiClient(port).signedIn("ldmofficer" + n, DEMO_PASSWORD, null);
        String html = page.get("/mediation?show=risk", null, "Accept", BROWSER).body();
        Matcher link = Pattern.compile("id=\"export-xlsx\"[^>]*href=\"([^\"]*)\"").matcher(html);
        assertThat(link.find()).as("the export link").isTrue();
        assertThat(link.group(1)).isEqualTo("/mediation/export.xlsx?show=risk");
        assertThat(firstColumn(rows(page.download(link.group(1), null)))).containsExactly("LDM" + n + "-1");
        assertThat(html).contains("data-id=");
    }

    @Test
    void headersAreInTheReadersLanguage() {
        List<String> english = rows(api.download("/api/v1/mediation/cases/export?show=all", officer,
                "Accept-Language", "en")).get(0);
        assertThat(english).startsWith("Number", "Opened", "Kind", "Origin", "Grid", "Unit", "Summary", "Status");
        // a client of its own: the lang parameter leaves a language cookie behind for the client's next requests
        List<List<String>> byParameter = rows(new ApiClient(port).download(
                "/api/v1/mediation/cases/export?show=all&lang=en", officer));
        assertThat(byParameter.get(0)).isEqualTo(english);
        assertThat(row(byParameter, "LDM" + n + "-2").get(7)).isEqualTo("Agreement reached");
    }

    @Test
    void anotherStationsOfficerExportsNoneOfTheOfficesCasesAndTheOfficeNoneOfHis() {
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        List<String> his = firstColumn(rows(api.download("/api/v1/mediation/cases/export?show=all", officer2)));
        assertThat(his).contains("LDM" + n + "-9").noneMatch(c -> c.matches("LDM" + n + "-[123]"));
        assertThat(firstColumn(rows(api.download("/api/v1/mediation/cases/export?show=all", officer))))
                .doesNotContain("LDM" + n + "-9");
        // a tab with the filters it stands for is refused, nothing exported
        HttpResponse<String> both = api.get("/api/v1/mediation/cases/export?show=risk&status=OPEN", officer2);
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("页签（show）与 status、atRisk 只能用一种");
    }

    @Test
    void eachExportIsAudited() {
        UUID actor = jdbc.sql("SELECT id FROM staff WHERE username = ?").param("ldmofficer" + n).query(UUID.class)
                .single();
        rows(api.download("/api/v1/mediation/cases/export?show=risk", officer));
        String after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'dispute'
                AND actor_id = ? ORDER BY seq DESC LIMIT 1""").param(actor).query(String.class).single();
        assertThat(after).contains("\"rows\": 1").contains("atRisk=true");
    }

    /**
     * The volunteer exports the ledger from her list page: the link is a page's, not the API's, so it goes with her
     * session and her language (file name, sheet and headers), a refusal comes back on her list page in her language
     * instead of a problem in JSON, and signed out she is sent to sign in, not answered 401 in JSON.
     */
    @Test
    void theVolunteersLedgerLinkGoesWithHerSessionAndHerLanguageAndARefusalComesBackOnHerPage() {
        ApiClient zh = new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, null);
        Matcher link = Pattern.compile("id=\"export-xlsx\"[^>]*href=\"([^\"]*)\"")
                .matcher(zh.get("/mediation", null, "Accept", BROWSER).body());
        assertThat(link.find()).as("the export link").isTrue();
        assertThat(link.group(1)).isEqualTo("/mediation/export.xlsx?show=open");
        HttpResponse<byte[]> file = zh.download(link.group(1), null, "Accept", BROWSER);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(java.net.URLEncoder.encode("矛盾纠纷调解台账", java.nio.charset.StandardCharsets.UTF_8));
        List<List<String>> ledger = rows(file);
        assertThat(ledger.get(0)).startsWith("编号", "登记时间", "类型");
        List<String> listed = new ArrayList<>();
        ApiClient.json(api.get("/api/v1/mediation/cases?size=100&status=OPEN", api.token("volunteer", DEMO_PASSWORD)))
                .get("items").forEach(c -> listed.add(c.get("code").asText()));
        assertThat(listed).as("the demo volunteer has open cases in her jurisdiction").isNotEmpty();
        assertThat(firstColumn(ledger)).containsExactlyElementsOf(listed);

        HttpResponse<byte[]> stale = zh.download("/mediation/export.xlsx?show=closed", null, "Accept", BROWSER);
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/mediation");
        assertThat(stale.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
        assertThat(zh.get("/mediation", null, "Accept", BROWSER).body())
                .contains("没有“closed”这个页签：请选择调解中（open）、回访到期（due）、民转刑风险（risk）或全部（all）。");

        HttpResponse<byte[]> signedOut = new ApiClient(port).download("/mediation/export.xlsx?show=open", null,
                "Accept", BROWSER);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        ApiClient en = new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, "en");
        HttpResponse<byte[]> english = en.download("/mediation/export.xlsx?show=open", null, "Accept", BROWSER);
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("mediation.xlsx");
        assertThat(rows(english).get(0)).startsWith("Number", "Opened", "Kind");
        en.download("/mediation/export.xlsx?show=closed", null, "Accept", BROWSER);
        assertThat(en.get("/mediation", null, "Accept", BROWSER).body())
                .contains("There is no tab &quot;closed&quot;: choose open, due, risk or all.");
    }
}
