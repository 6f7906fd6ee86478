package org.fengqiao.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The audit administrator takes the trail away as a file (for an inspection, or to keep with a finding): the entries
 * his filters find, as the page shows them, opened as a spreadsheet; the export itself is in the trail, and nobody
 * else may take one.
 */
class AuditExportIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;

    AuditApi api;

    @BeforeEach
    void client() {
        api = new AuditApi(http);
    }

    @Autowired
    org.fengqiao.account.StaffDirectory staff;
    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

    @Test
    void theExportFindsAPersonByAPartOfHisRealNameAsTheListDoes() throws Exception {
        String[] person = AuditActorLanguageIntegrationTests.personSignedIn(staff, jurisdictions, api);
        List<List<String>> rows = rows(download("/api/v1/audit/export?action=SIGN_IN&actor=" + person[2], "auditor",
                null).getBody());
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(2)).containsOnly(person[0]);
        assertThat(rows).hasSize(2);
    }

    @Test
    void theAuditorExportsTheEntriesHisFiltersFindAsASpreadsheetInHisLanguage() throws Exception {
        api.signIn("officer");
        api.signIn("officer");
        ResponseEntity<Map> listed = api.get("/api/v1/audit?actor=officer&action=SIGN_IN&size=200", "auditor", Map.class);
        long total = ((Number) listed.getBody().get("total")).longValue();
        long upTo = ((Number) listed.getBody().get("upTo")).longValue();

        ResponseEntity<byte[]> file = download("/api/v1/audit/export?actor=officer&action=SIGN_IN&upTo=" + upTo,
                "auditor", null);
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        assertThat(file.getHeaders().getContentType().toString()).startsWith(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // the file is named in the reader's language, as its sheet and headers are
        assertThat(file.getHeaders().getContentDisposition().getFilename()).isEqualTo("审计日志.xlsx");
        assertThat(sheetName(file.getBody())).isEqualTo("审计日志");
        List<List<String>> rows = rows(file.getBody());
        assertThat(rows.get(0)).startsWith("序号", "时间", "操作人", "操作人角色", "来源地址", "操作", "记录类型", "记录编号");
        assertThat(rows).hasSize((int) total + 1);
        assertThat(rows.subList(1, rows.size())).allSatisfy(r -> {
            assertThat(r.get(2)).isEqualTo("officer");
            assertThat(r.subList(5, 7)).containsExactly("登录", "工作人员");
            assertThat(r.get(11)).as("the entry's hash, to check the row against the chain").matches("[0-9a-f]{64}");
        });
        // newest first, as the page
        List<Long> seqs = rows.subList(1, rows.size()).stream().map(r -> Long.parseLong(r.get(0))).toList();
        assertThat(seqs).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(seqs.get(0)).isLessThanOrEqualTo(upTo);

        ResponseEntity<byte[]> englishFile = download("/api/v1/audit/export?actor=officer&action=SIGN_IN&upTo=" + upTo,
                "auditor", "en");
        assertThat(englishFile.getHeaders().getContentDisposition().getFilename()).isEqualTo("audit-trail.xlsx");
        byte[] inEnglish = englishFile.getBody();
        assertThat(sheetName(inEnglish)).isEqualTo("Audit trail");
        List<List<String>> english = rows(inEnglish);
        assertThat(english.get(0)).startsWith("No.", "Time", "Actor", "Actor's role", "Address", "Action");
        assertThat(english.get(1).get(5)).isEqualTo("Signed in");
    }

    @Test
    void theExportIsItselfInTheTrailWithItsFiltersAndRows() throws Exception {
        api.signIn("chief");
        List<List<String>> rows = rows(download("/api/v1/audit/export?actor=chief&action=SIGN_IN", "auditor", null)
                .getBody());

        ResponseEntity<Map> trail = api.get("/api/v1/audit?actor=auditor&action=EXPORT&recordType=audit&size=1",
                "auditor", Map.class);
        Map<String, Object> entry = ((List<Map<String, Object>>) trail.getBody().get("items")).get(0);
        assertThat((Map<String, Object>) entry.get("after")).containsEntry("actor", "chief")
                .containsEntry("action", "SIGN_IN").containsEntry("rows", rows.size() - 1);
    }

    @Test
    void theAuditPageOffersTheExportOfWhatItShows() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token("auditor"));
        String page = http.exchange("/audit?actor=officer&action=SIGN_IN", HttpMethod.GET, new HttpEntity<>(headers),
                String.class).getBody();
        assertThat(page).containsPattern("id=\"audit-export\"[^>]* href=\"/audit/export.xlsx\\?actor=officer"
                + "&amp;action=SIGN_IN&amp;upTo=[0-9]+\"").contains("导出 xlsx");
    }

    @Test
    void nobodyButTheAuditAdministratorExportsTheTrailAndABadTimeIsRefused() {
        for (String user : List.of("admin", "security", "bureau", "officer")) {
            assertThat(download("/api/v1/audit/export", user, null).getStatusCode().value()).as(user).isEqualTo(403);
        }
        ResponseEntity<String> bad = http.exchange("/api/v1/audit/export?from=yesterday", HttpMethod.GET,
                new HttpEntity<>(bearer("auditor", null)), String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"field\":\"from\"");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /**
     * The trail page's export link is a page's: it goes with the auditor's session (no token) and its language (file
     * name, sheet, headers), holds what the page counted, and a refusal (a time of the year 1) comes back on the trail
     * with its filters and the reason in his language, not a problem in JSON; nobody else gets a file from it.
     */
    @Test
    void theTrailPagesExportLinkGoesWithTheSessionAndARefusalComesBackOnTheTrail() throws Exception {
        api.signIn("officer");
        String browser = "text/html,application/xhtml+xml";
        org.fengqiao.account.ApiClient auditor = new org.fengqiao.account.ApiClient(port).signedIn("auditor",
                DEMO_PASSWORD, null);
        String page = auditor.get("/audit?actor=officer&action=SIGN_IN", null, "Accept", browser).body();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"audit-export\"[^>]* href=\"([^\"]*)\"")
                .matcher(page);
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).matches("/audit/export\\.xlsx\\?actor=officer&action=SIGN_IN&upTo=[0-9]+");
        java.net.http.HttpResponse<byte[]> file = auditor.download(href, null, "Accept", browser);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(java.net.URLEncoder.encode("审计日志", java.nio.charset.StandardCharsets.UTF_8) + ".xlsx");
        List<List<String>> rows = rows(file.body());
        assertThat(rows.get(0)).startsWith("序号");
        long total = ((Number) api.get("/api/v1/audit?actor=officer&action=SIGN_IN&upTo=" + href.replaceAll(".*upTo=", ""),
                "auditor", Map.class).getBody().get("total")).longValue();
        assertThat(rows).hasSize((int) total + 1);

        auditor.languageCookie("en");
        java.net.http.HttpResponse<byte[]> english = auditor.download(href, null, "Accept", browser,
                "Accept-Language", "zh-CN");
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("audit-trail.xlsx");
        assertThat(sheetName(english.body())).isEqualTo("Audit trail");

        java.net.http.HttpResponse<byte[]> refused = auditor.download("/audit/export.xlsx?actor=officer&from=0001-01-01",
                null, "Accept", browser);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow())
                .endsWith("/audit?actor=officer&from=0001-01-01");
        assertThat(refused.headers().firstValue("Content-Disposition")).as("nothing written").isEmpty();
        assertThat(auditor.get("/audit?actor=officer&from=0001-01-01", null, "Accept", browser).body())
                .contains("The time 0001-01-01 is not between 1900-01-01 and 2099-12-31");

        java.net.http.HttpResponse<byte[]> officer = new org.fengqiao.account.ApiClient(port)
                .signedIn("officer", DEMO_PASSWORD, null).download(href, null, "Accept", browser);
        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(officer.headers().firstValue("Content-Disposition")).isEmpty();
    }

    /**
     * A time of a year far off (the year 1, 99999, one past what the database's times hold, one past what an instant
     * holds) is refused with 400 naming the field, by the search and its export alike, never answered with 500 nor
     * read as no bound; the first and last days the filters take are read.
     */
    @Test
    void aTimeOfAFarOffYearIsRefusedByTheSearchAndTheExportNeverFailing() {
        for (String far : List.of("from=0001-01-01", "to=9999-12-31", "from=%2B99999-01-01T00:00:00Z",
                "to=%2B300000-01-01T00:00", "from=%2B999999999-12-31T23:59:59-18:00", "to=1899-12-31T23:59",
                "from=2100-01-01T00:00:00%2B08:00")) {
            for (String path : List.of("/api/v1/audit?", "/api/v1/audit/export?")) {
                ResponseEntity<String> r = http.exchange(path + far, HttpMethod.GET,
                        new HttpEntity<>(bearer("auditor", "en")), String.class);
                assertThat(r.getStatusCode().value()).as(path + far).isEqualTo(400);
                assertThat(r.getBody()).as(path + far).contains("\"field\":\"" + far.substring(0, far.indexOf('='))
                        + "\"").containsAnyOf("is not between 1900-01-01 and 2099-12-31", "Invalid time");
            }
        }
        ResponseEntity<String> zh = http.exchange("/api/v1/audit?from=0001-01-01", HttpMethod.GET,
                new HttpEntity<>(bearer("auditor", null)), String.class);
        assertThat(zh.getBody()).contains("时间 0001-01-01 不在可查的 1900-01-01 至 2099-12-31 之间");
        for (String near : List.of("from=1900-01-01", "to=2099-12-31", "to=2099-12-31T23:59:59")) {
            assertThat(http.exchange("/api/v1/audit?size=1&" + near, HttpMethod.GET,
                    new HttpEntity<>(bearer("auditor", null)), String.class).getStatusCode().value()).as(near)
                    .isEqualTo(200);
        }
    }

    private ResponseEntity<byte[]> download(String url, String user, String language) {
        return http.exchange(url, HttpMethod.GET, new HttpEntity<>(bearer(user, language)), byte[].class);
    }

    private HttpHeaders bearer(String user, String language) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token(user));
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return headers;
    }

    private static String sheetName(byte[] xlsx) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            return book.getSheetName(0);
        }
    }

    private static List<List<String>> rows(byte[] xlsx) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    cells.add(row.getCell(i) == null ? "" : format.formatCellValue(row.getCell(i)));
                }
                rows.add(cells);
            }
            return rows;
        }
    }
}
