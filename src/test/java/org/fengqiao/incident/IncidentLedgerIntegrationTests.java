package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.row;
import static org.fengqiao.support.Workbooks.rows;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident ledger (事项台账) a station hands over: the list as xlsx for the same tab and filters, row for row what
 * the list shows, only the caller's jurisdiction (404 for an office outside it, as the list answers), the reporter's
 * phone masked and an informant named only to his handler and the station chief, headers in the reader's language,
 * the 1-3-5 times, the rating and the report a duplicate was merged into; each export audited; the list page links to
 * it; more than 50,000 rows refused with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentLedgerIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final OffsetDateTime JULY = OffsetDateTime.of(2026, 7, 2, 1, 0, 0, 0, ZoneOffset.UTC);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;

    String n;
    Unit station;
    Unit office;
    Grid grid;
    Staff handler;
    Staff colleague;
    UUID call;
    UUID duplicate;
    UUID clue;
    ApiClient api;

    @BeforeAll
    void anOfficeWithACallItsDuplicateAndAClue() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        api = new ApiClient(port);
        station = jurisdictions.unitByCode("320722010000").orElseThrow();
        office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "LDG-" + n, "台账工作站" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-LDG-" + n, "台账", 114);
        handler = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "台账民警" + n, null, null, "社区民警",
                "ldghandler" + n, DEMO_PASSWORD);
        colleague = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "台账同事" + n, null, null, "社区民警",
                "ldgcolleague" + n, DEMO_PASSWORD);
        call = incident("LDG" + n + "-1", "CALL_110", "报警人" + n, "138****5678", null, null, JULY);
        jdbc.sql("""
                UPDATE incident SET acknowledged_at = :at + interval '1 minute',
                    dispatched_at = :at + interval '3 minutes',
                    arrived_at = :at + interval '5 minutes', resolved_at = :at + interval '1 hour',
                    answered_at = :at + interval '2 hours', status = 'ANSWERED' WHERE id = :id""")
                .param("at", JULY).param("id", call).update();
        jdbc.sql("INSERT INTO incident_rating (incident_id, score, rated_at) VALUES (?, 5, ?)")
                .params(call, JULY.plusDays(1)).update();
        duplicate = incident("LDG" + n + "-2", "CALL_110", "报警人" + n, "138****5678", call, null, JULY);
        clue = incident("LDG" + n + "-3", "INFORMANT", "线人" + n, "139****0001", null, handler.id().value(),
                JULY.plusHours(3));
    }

    UUID incident(String code, String source, String reporter, String phoneMasked, UUID mergedInto, UUID createdBy,
            OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id, status,
                    owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at, submitter,
                    reporter_name, reporter_phone_masked, created_by, merged_into, merged_at)
                VALUES (:id, :code, :source, 'HELP', '台账测试', :at, :grid, :status, :unit, :staff, :at, 'test', 'test',
                    :at, 'test', :reporter, :phone, :createdBy, :merged, :mergedAt)""")
                .param("id", id).param("code", code).param("source", source).param("at", at)
                .param("grid", grid.id().value()).param("status", mergedInto == null ? "RECEIVED" : "MERGED")
                .param("unit", office.id().value()).param("staff", handler.id().value()).param("reporter", reporter)
                .param("phone", phoneMasked).param("createdBy", createdBy).param("merged", mergedInto)
                .param("mergedAt", mergedInto == null ? null : at).update();
        return id;
    }

    String unit() {
        return office.id().value().toString();
    }

    @Test
    void theLedgerHoldsExactlyTheRowsTheListShowsForTheSameFiltersWithTheResponseTimesRatingAndMerge() {
        String chief = api.token("chief", DEMO_PASSWORD);
        for (String filters : List.of("show=all&unitId=" + unit(), "show=all&source=CALL_110&unitId=" + unit(),
                "show=open&unitId=" + unit(), "show=all&from=2026-07-02&to=2026-07-02&unitId=" + unit())) {
            JsonNode listed = ApiClient.json(api.get("/api/v1/incidents?size=100&" + filters, chief));
            List<String> shown = new ArrayList<>();
            listed.get("items").forEach(i -> shown.add(i.get("trackingCode").asText()));
            List<List<String>> rows = rows(download("/api/v1/incidents/export?" + filters, chief));
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0)).as(filters)
                    .containsExactlyElementsOf(shown);
        }
        List<List<String>> all = rows(download("/api/v1/incidents/export?show=all&unitId=" + unit(), chief));
        assertThat(all.get(0)).startsWith("编号", "接报时间", "类别", "案由", "来源", "网格", "责任单位", "责任人", "状态",
                "上报次数", "受理时间", "派警时间", "到场时间", "处置完毕时间", "回复办结时间", "时限", "群众评价", "并入事项",
                "报告人", "联系电话");
        List<String> answered = row(all, "LDG" + n + "-1");
        // received 09:00 China Standard Time; taken up in a minute, sent out in 3, there in 5
        assertThat(answered.subList(1, 16)).containsExactly("2026-07-02 09:00", "求助", "", "110推送", grid.name(),
                office.name(), "台账民警" + n, "已回复办结", "0", "2026-07-02 09:01", "2026-07-02 09:03",
                "2026-07-02 09:05", "2026-07-02 10:00", "2026-07-02 11:00", "");
        assertThat(answered.get(16)).isEqualTo("5");
        assertThat(answered.get(17)).isEmpty();
        assertThat(row(all, "LDG" + n + "-2").get(8)).isEqualTo("已合并");
        assertThat(row(all, "LDG" + n + "-2").get(17)).as("merged into").isEqualTo("LDG" + n + "-1");
        // the 110 calls as the work figures count them: the duplicate is the same call
        List<List<String>> calls = rows(download("/api/v1/incidents/export?show=all&source=CALL_110&unitId=" + unit(),
                chief));
        assertThat(calls.subList(1, calls.size())).extracting(r -> r.get(0)).containsExactly("LDG" + n + "-1");
    }

    @Test
    void headersAreInTheReadersLanguage() {
        String chief = api.token("chief", DEMO_PASSWORD);
        List<String> byHeader = rows(download("/api/v1/incidents/export?show=all&unitId=" + unit(), chief,
                "Accept-Language", "en")).get(0);
        assertThat(byHeader).startsWith("Number", "Received", "Category", "Offence", "Source", "Grid", "Owning unit",
                "Owner", "Status", "Escalations", "Acknowledged", "Dispatched", "Arrived", "Resolved", "Answered",
                "Due", "Rating", "Merged into", "Reporter", "Phone");
        // a client of its own: the lang parameter leaves a language cookie behind for the client's next requests
        List<List<String>> byParameter = rows(new ApiClient(port).download(
                "/api/v1/incidents/export?lang=en&show=all&unitId=" + unit(), chief).body());
        assertThat(byParameter.get(0)).isEqualTo(byHeader);
        assertThat(row(byParameter, "LDG" + n + "-2").get(8)).isEqualTo("Merged");
    }

    @Test
    void theReporterIsShownAsTheListShowsHimAndTheInformantOnlyToHisHandlerAndTheChief() {
        String filters = "/api/v1/incidents/export?show=all&unitId=" + unit();
        for (String who : List.of("chief", "ldghandler" + n)) {
            List<List<String>> rows = rows(download(filters, api.token(who, DEMO_PASSWORD)));
            assertThat(row(rows, "LDG" + n + "-3").subList(18, 20)).as(who).containsExactly("线人" + n, "139****0001");
            assertThat(row(rows, "LDG" + n + "-1").subList(18, 20)).containsExactly("报警人" + n, "138****5678");
        }
        List<List<String>> theirs = rows(download(filters, api.token("ldgcolleague" + n, DEMO_PASSWORD)));
        assertThat(row(theirs, "LDG" + n + "-3").subList(18, 20)).containsExactly("信息员（身份保密）", "");
        assertThat(theirs).flatExtracting(r -> r).noneMatch(c -> c.contains("线人" + n) || c.contains("0001"))
                .noneMatch(c -> c.matches(".*1[3-9][0-9]{9}.*"));
    }

    @Test
    void anotherStationsOfficerGetsNotFoundForTheOfficeAndNoneOfItsRowsInHisOwn() {
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        HttpResponse<byte[]> outside = api.download("/api/v1/incidents/export?show=all&unitId=" + unit(), officer2);
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/incidents?show=all&unitId=" + unit(), officer2).statusCode()).isEqualTo(404);
        List<List<String>> his = rows(download("/api/v1/incidents/export?show=all", officer2));
        assertThat(his).extracting(r -> r.get(0)).noneMatch(c -> c.startsWith("LDG" + n));
        assertThat(his.size() - 1L).isEqualTo(ApiClient.json(api.get("/api/v1/incidents?show=all", officer2))
                .get("total").asLong());
        // filters the list refuses are refused the same way, nothing exported
        assertThat(api.download("/api/v1/incidents/export?show=everything", officer2).statusCode()).isEqualTo(400);
    }

    /**
     * The bureau merged a report of another station into one of this office: that station's officer reads his own row
     * as merged, not the other station's tracking code (its reporter's key to his report's page); the chief, who sees
     * both, reads it.
     */
    @Test
    void aDuplicateMergedIntoAnotherStationsReportDoesNotNameItToThisStationsReader() {
        Unit niushan = jurisdictions.unit(new UnitId(jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer2'")
                .query(UUID.class).single())).orElseThrow();
        Grid theirs = SatisfactionPageIntegrationTests.testGrid(jurisdictions, niushan, "IT-LDG2-" + n, "台账邻所", 116);
        String code = "XLD" + n + "-9"; // not one of this office's rows, which officer2 must not see
        jdbc.sql("""
                INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id, status,
                    owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at, submitter,
                    merged_into, merged_at)
                VALUES (:id, :code, 'CALL_110', 'HELP', '台账邻所测试', :at, :grid, 'MERGED', :unit,
                    (SELECT id FROM staff WHERE username = 'officer2'), :at, 'test', 'test', :at, 'test', :merged,
                    :at)""")
                .param("id", UUID.randomUUID()).param("code", code).param("at", JULY).param("grid", theirs.id().value())
                .param("unit", niushan.id().value()).param("merged", call).update();
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        List<String> his = row(rows(download("/api/v1/incidents/export?show=all&from=2026-07-02&to=2026-07-02",
                officer2)), code);
        assertThat(his.get(8)).isEqualTo("已合并");
        assertThat(his.get(17)).as("another station's report, not his to know").isEmpty();
        String bureau = api.token("bureau", DEMO_PASSWORD);
        assertThat(row(rows(download("/api/v1/incidents/export?show=all&from=2026-07-02&to=2026-07-02&unitId="
                + niushan.id().value(), bureau)), code).get(17)).as("the bureau sees both").isEqualTo("LDG" + n + "-1");
    }

    @Test
    void eachExportIsAuditedWithItsFiltersAndRowCount() {
        String chief = api.token("chief", DEMO_PASSWORD);
        UUID chiefId = jdbc.sql("SELECT id FROM staff WHERE username = 'chief'").query(UUID.class).single();
        long before = audited(chiefId);
        rows(download("/api/v1/incidents/export?show=all&unitId=" + unit(), chief));
        assertThat(audited(chiefId)).isEqualTo(before + 1);
        String after = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'incident'
                AND actor_id = ? ORDER BY seq DESC LIMIT 1""").param(chiefId).query(String.class).single();
        assertThat(after).contains("\"rows\": 3").contains(office.path());
    }

    long audited(UUID actor) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'EXPORT' AND record_type = 'incident' "
                + "AND actor_id = ?").param(actor).query(Long.class).single();
    }

    @Test
    void theListPageLinksToTheLedgerOfItsTabAndFilters() {
        ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        HttpResponse<String> list = page.get("/incidents?show=all&source=CALL_110&unit=" + unit(), null, "Accept",
                BROWSER);
        assertThat(list.statusCode()).isEqualTo(200);
        Matcher link = Pattern.compile("id=\"export-xlsx\"[^>]*href=\"([^\"]*)\"").matcher(list.body());
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).isEqualTo("/incidents/export.xlsx?show=all&unit=" + unit() + "&source=CALL_110");
        HttpResponse<byte[]> followed = page.download(href, null, "Accept", BROWSER);
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.headers().firstValue("Content-Disposition").orElse(""))
                .contains(URLEncoder.encode("事项台账", StandardCharsets.UTF_8) + ".xlsx");
        List<List<String>> rows = rows(followed.body());
        assertThat(rows.get(0)).startsWith("编号", "接报时间", "类别");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0)).containsExactly("LDG" + n + "-1");
    }

    /**
     * The page's ledger link goes with the session, not a token: in the reader's language (file name and headers),
     * his jurisdiction only (an office outside it is not found, as on the list), a refusal back on the list page in
     * his language instead of a problem in JSON, and signed out he is sent to sign in.
     */
    @Test
    void thePagesLedgerGoesWithTheSessionItsLanguageAndScopeAndARefusalComesBackOnTheList() {
        ApiClient en = new ApiClient(port).signedIn("ldghandler" + n, DEMO_PASSWORD, "en");
        HttpResponse<byte[]> english = en.download("/incidents/export.xlsx?show=all", null, "Accept", BROWSER);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("incidents.xlsx");
        List<List<String>> rows = rows(english.body());
        assertThat(rows.get(0)).startsWith("Number", "Received", "Category");
        assertThat(rows).extracting(r -> r.get(0)).contains("LDG" + n + "-1", "LDG" + n + "-3");

        HttpResponse<byte[]> refused = en.download("/incidents/export.xlsx?show=everything", null, "Accept", BROWSER);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/incidents");
        assertThat(refused.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
        assertThat(en.get("/incidents", null, "Accept", BROWSER).body())
                .contains("There is no tab &quot;everything&quot;: choose mine, open, overdue, all or filed.");

        ApiClient otherStation = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null);
        HttpResponse<byte[]> outside = otherStation.download("/incidents/export.xlsx?show=all&unit=" + unit(), null,
                "Accept", BROWSER);
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.headers().firstValue("Content-Disposition")).isEmpty();
        HttpResponse<byte[]> his = otherStation.download("/incidents/export.xlsx?show=all", null, "Accept", BROWSER);
        assertThat(his.statusCode()).isEqualTo(200);
        assertThat(rows(his.body())).extracting(r -> r.get(0)).noneMatch(c -> c.startsWith("LDG" + n));

        HttpResponse<byte[]> signedOut = new ApiClient(port).download("/incidents/export.xlsx?show=all", null,
                "Accept", BROWSER);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void moreThanFiftyThousandRowsAreRefusedWithTheReasonAndNothingExported() {
        Unit big = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "LDGB-" + n, "台账大点" + n, null);
        Grid bigGrid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, big, "IT-LDGB-" + n, "台账大", 116);
        try {
            jdbc.sql("""
                    INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id,
                        status, owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at,
                        submitter)
                    SELECT gen_random_uuid(), 'LDGB' || :n || '-' || g, 'FIELD', 'HELP', '台账上限', :at, :grid,
                        'RECEIVED', :unit, :staff, :at, 'test', 'test', :at, 'test'
                    FROM generate_series(1, 50001) g""")
                    .param("n", n).param("at", JULY).param("grid", bigGrid.id().value())
                    .param("staff", handler.id().value())
                    .param("unit", big.id().value()).update();
            String chief = api.token("chief", DEMO_PASSWORD);
            HttpResponse<String> zh = api.get("/api/v1/incidents/export?show=all&unitId=" + big.id().value(), chief);
            assertThat(zh.statusCode()).isEqualTo(400);
            assertThat(zh.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
            assertThat(zh.body()).contains("50,001 条").contains("50,000 条").contains("缩小筛选范围");
            HttpResponse<String> en = api.get("/api/v1/incidents/export?show=all&unitId=" + big.id().value(), chief,
                    "Accept-Language", "en");
            assertThat(en.body()).contains("50,001 records match").contains("narrow the filters");
            // fewer, by the days or the tab, and the same office's ledger comes out
            assertThat(api.download("/api/v1/incidents/export?show=mine&unitId=" + big.id().value(), chief)
                    .statusCode()).isEqualTo(200);
            // from the list page's link, the refusal comes back on the list he was looking at, every filter kept
            ApiClient page = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
            HttpResponse<byte[]> fromPage = page.download("/incidents/export.xlsx?show=all&unit=" + big.id().value(),
                    null, "Accept", BROWSER);
            assertThat(fromPage.statusCode()).isEqualTo(302);
            assertThat(fromPage.headers().firstValue("Location").orElseThrow())
                    .endsWith("/incidents?show=all&unit=" + big.id().value());
            assertThat(fromPage.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
            assertThat(page.get("/incidents?show=all&unit=" + big.id().value(), null, "Accept", BROWSER).body())
                    .contains("50,001 条").contains("缩小筛选范围");
        } finally {
            jdbc.sql("DELETE FROM incident WHERE grid_id = ?").param(bigGrid.id().value()).update();
        }
    }

    byte[] download(String path, String token, String... headers) {
        HttpResponse<byte[]> r = api.download(path, token, headers);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        return r.body();
    }
}
