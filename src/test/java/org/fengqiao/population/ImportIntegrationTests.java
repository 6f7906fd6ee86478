package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Importing persons from xlsx and CSV: counts, the error file, nothing of a bad row saved, idempotency, scope. */
public class ImportIntegrationTests extends IntegrationTest {

    static final String[] HEADERS = {"姓名", "身份证号", "性别", "电话", "网格编码", "户号", "与户主关系", "居住类型", "地址"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    static byte[] xlsx(List<String[]> rows) throws Exception {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("persons");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.length; i++) {
                header.createCell(i).setCellValue(HEADERS[i]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int i = 0; i < rows.get(r).length; i++) {
                    row.createCell(i).setCellValue(rows.get(r)[i]);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    HttpResponse<byte[]> upload(String token, String fileName, byte[] content, boolean dryRun) throws Exception {
        return upload(port, token, fileName, content, dryRun);
    }

    /** The file posted to the import job API as the page posts it. */
    /** Uploads a file for import, with any further headers (Accept-Language) as name, value pairs. */
    public static HttpResponse<byte[]> upload(int port, String token, String fileName, byte[] content, boolean dryRun,
            String... headers) throws Exception {
        return upload(port, "/api/v1/imports", token, fileName, content, dryRun, headers);
    }

    /** Uploads a file to the import at {@code imports} (persons, utility readings), with any further headers. */
    static HttpResponse<byte[]> upload(int port, String imports, String token, String fileName, byte[] content,
            boolean dryRun, String... headers) throws Exception {
        String boundary = "----fq" + UUID.randomUUID();
        byte[] body = uploadBody(boundary, fileName, content, dryRun);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + imports))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** An upload's multipart body: the dry-run flag and the file under its name. */
    static byte[] uploadBody(String boundary, String fileName, byte[] content, boolean dryRun) throws java.io.IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\n" + dryRun + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    JsonNode importAndWait(ApiClient api, String token, String fileName, byte[] content, boolean dryRun) throws Exception {
        return importAndWait(api, port, token, fileName, content, dryRun, java.time.Duration.ofSeconds(20));
    }

    /**
     * Uploads the file (with any further headers, such as Accept-Language) and follows its job until it is DONE or
     * FAILED, for at most {@code patience}.
     */
    public static JsonNode importAndWait(ApiClient api, int port, String token, String fileName, byte[] content,
            boolean dryRun, java.time.Duration patience, String... headers) throws Exception {
        return importAndWait(api, port, "/api/v1/imports", token, fileName, content, dryRun, patience, headers);
    }

    /** The same for the import at {@code imports}, whose jobs are read at {@code imports/{id}}. */
    static JsonNode importAndWait(ApiClient api, int port, String imports, String token, String fileName, byte[] content,
            boolean dryRun, java.time.Duration patience, String... headers) throws Exception {
        HttpResponse<byte[]> accepted = upload(port, imports, token, fileName, content, dryRun, headers);
        assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = ApiClient.JSON.readTree(accepted.body()).path("id").asText();
        for (long i = 0; i < patience.toMillis() / 100; i++) {
            JsonNode job = ApiClient.json(api.get(imports + "/" + id, token));
            if (job.path("status").asText().equals("DONE") || job.path("status").asText().equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    long persons(String idNumber) {
        return jdbc.sql("SELECT count(*) FROM person WHERE id_masked = ? AND name LIKE '导入%'")
                .param(idNumber.substring(0, 6) + "********" + idNumber.substring(14)).query(Long.class).single();
    }

    @Test
    void importsGoodRowsRejectsBadOnesWithAnErrorFileAndChangesNothingTheSecondTime() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        String household = "IMP-" + UUID.randomUUID().toString().substring(0, 8);
        String a = TestIdentityNumbers.next(Sex.MALE);
        String b = TestIdentityNumbers.next(Sex.FEMALE);
        String c = TestIdentityNumbers.next(Sex.MALE);
        String outside = TestIdentityNumbers.next(Sex.FEMALE);
        String badNumber = a.substring(0, 17) + (a.charAt(17) == '1' ? '2' : '1');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"导入甲", a, "男", "13900000001", "FS-1-01", household, "户主", "常住", "东海县导入村 " + household});
        rows.add(new String[] {"导入乙", b, "女", "13900000002", "FS-1-01", household, "配偶", "常住", "东海县导入村 " + household});
        rows.add(new String[] {"导入丙", c, "男", "13900000003", "FS-1-02", "", "", "常住", ""});
        rows.add(new String[] {"导入丁", badNumber, "男", "13900000004", "FS-1-01", "", "", "常住", ""});
        rows.add(new String[] {"导入戊", outside, "女", "13900000005", "NS-1-01", "", "", "常住", ""});
        byte[] file = xlsx(rows);

        JsonNode dry = importAndWait(api, officer, "persons.xlsx", file, true);
        assertThat(dry.path("createdRows").asLong()).isEqualTo(3);
        assertThat(dry.path("failedRows").asLong()).isEqualTo(2);
        assertThat(persons(a)).isZero();

        JsonNode job = importAndWait(api, officer, "persons.xlsx", file, false);
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("totalRows").asLong()).isEqualTo(5);
        assertThat(job.path("createdRows").asLong()).isEqualTo(3);
        assertThat(job.path("failedRows").asLong()).isEqualTo(2);
        assertThat(persons(a) + persons(b) + persons(c)).isEqualTo(3);
        assertThat(persons(badNumber)).isZero();
        assertThat(persons(outside)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id WHERE h.number = ?")
                .param(household).query(Long.class).single()).isEqualTo(2);
        // the household of the address the import made carries its text, as the persons list shows it (V154)
        assertThat(jdbc.sql("""
                SELECT h.address_text FROM household h JOIN address a ON a.id = h.address_id
                WHERE h.number = ? AND h.address_text = a.full_text""").param(household).query(String.class).single())
                .contains(household);

        String id = job.path("id").asText();
        HttpResponse<byte[]> errors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/imports/" + id + "/errors"))
                .header("Authorization", "Bearer " + officer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(errors.statusCode()).isEqualTo(200);
        // saved under the uploaded file's name and "errors" in the reader's language (RFC 5987 filename*)
        assertThat(errors.headers().firstValue("Content-Disposition").orElseThrow())
                .endsWith("filename*=UTF-8''persons-" + java.net.URLEncoder.encode("错误行", StandardCharsets.UTF_8)
                        + ".xlsx");
        assertThat(api.download("/api/v1/imports/" + id + "/errors", officer, "Accept-Language", "en").headers()
                .firstValue("Content-Disposition").orElseThrow()).endsWith("filename*=UTF-8''persons-errors.xlsx");
        // the job's errorFileName is the name the download saves it under, in the same language
        assertThat(ApiClient.json(api.get("/api/v1/imports/" + id, officer)).path("errorFileName").asText())
                .isEqualTo("persons-错误行.xlsx");
        assertThat(ApiClient.json(api.get("/api/v1/imports/" + id, officer, "Accept-Language", "en"))
                .path("errorFileName").asText()).isEqualTo("persons-errors.xlsx");
        JsonNode recent = ApiClient.json(api.get("/api/v1/imports", officer, "Accept-Language", "en"));
        assertThat(java.util.stream.StreamSupport.stream(recent.spliterator(), false)
                .filter(j -> j.path("id").asText().equals(id)).map(j -> j.path("errorFileName").asText()))
                .containsExactly("persons-errors.xlsx");

        // the import page's links are its own: with the session, named in its language, 404 outside its jurisdiction
        String html = "text/html,application/xhtml+xml";
        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String imports = page.get("/imports", null, "Accept", html).body();
        assertThat(imports).contains("href=\"/imports/" + id + "/errors.xlsx\"")
                .contains("href=\"/imports/template.xlsx\"").doesNotContain("href=\"/api/v1/");
        HttpResponse<byte[]> fromPage = page.download("/imports/" + id + "/errors.xlsx", null, "Accept", html);
        assertThat(fromPage.statusCode()).isEqualTo(200);
        assertThat(fromPage.headers().firstValue("Content-Disposition").orElseThrow())
                .endsWith("filename*=UTF-8''persons-" + java.net.URLEncoder.encode("错误行", StandardCharsets.UTF_8)
                        + ".xlsx");
        assertThat(fromPage.body()).isEqualTo(errors.body());
        page.languageCookie("en");
        assertThat(page.download("/imports/" + id + "/errors.xlsx", null, "Accept", html, "Accept-Language", "zh-CN")
                .headers().firstValue("Content-Disposition").orElseThrow()).endsWith("''persons-errors.xlsx");
        assertThat(new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null)
                .download("/imports/" + id + "/errors.xlsx", null, "Accept", html).statusCode()).isEqualTo(404);
        // the form sent without the page's script: a refusal back on the page in its language, not JSON
        HttpResponse<String> none = page.form("/imports", Map.of("dryRun", "true", "_csrf", page.csrfFrom("/imports")));
        assertThat(none.statusCode()).isEqualTo(302);
        assertThat(none.headers().firstValue("Location").orElseThrow()).endsWith("/imports");
        assertThat(page.get("/imports", null, "Accept", html).body())
                .contains("The file is empty (0 bytes); choose the file to import");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("行号");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            Row five = sheet.getRow(1);
            Row six = sheet.getRow(2);
            int problems = HEADERS.length + 1;
            assertThat((long) five.getCell(0).getNumericCellValue()).isEqualTo(5);
            assertThat(five.getCell(1).getStringCellValue()).isEqualTo("导入丁");
            assertThat(five.getCell(problems).getStringCellValue()).contains("身份证号").contains("校验码");
            assertThat((long) six.getCell(0).getNumericCellValue()).isEqualTo(6);
            assertThat(six.getCell(problems).getStringCellValue()).contains("NS-1-01").contains("辖区");
        }

        assertThat(api.get("/api/v1/imports/" + id, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/imports/" + id + "/errors", officer2).statusCode()).isEqualTo(404);

        JsonNode again = importAndWait(api, officer, "persons.xlsx", file, false);
        assertThat(again.path("createdRows").asLong()).isZero();
        assertThat(again.path("updatedRows").asLong()).isZero();
        assertThat(again.path("unchangedRows").asLong()).isEqualTo(3);

        String csv = "\uFEFF" + String.join(",", HEADERS) + "\n"
                + String.join(",", "导入丙", c, "男", "13900000099", "FS-1-02", "", "", "常住", "") + "\n";
        JsonNode changed = importAndWait(api, officer, "change.csv", csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(changed.path("updatedRows").asLong()).isEqualTo(1);
        assertThat(changed.path("createdRows").asLong()).isZero();
        assertThat(jdbc.sql("SELECT phone_masked FROM person WHERE id_masked = ? AND name = '导入丙'")
                .param(c.substring(0, 6) + "********" + c.substring(14)).query(String.class).single()).isEqualTo("139****0099");

        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'IMPORT' AND record_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anImportedPersonIsFoundByAnyTwoCharactersOfTheName() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        // two given-name characters drawn at random, so the fragment is (almost surely) new to the dictionary
        String rare = "琰翀珺玥昶焜淼芃曌蔻";
        java.util.Random random = new java.util.Random();
        int first = random.nextInt(rare.length());
        int second = (first + 1 + random.nextInt(rare.length() - 1)) % rare.length();
        String name = "导入" + rare.charAt(first) + rare.charAt(second);
        String number = TestIdentityNumbers.next(Sex.FEMALE);
        String csv = "\uFEFF" + String.join(",", HEADERS) + "\n"
                + String.join(",", name, number, "女", "", "FS-1-01", "", "", "常住", "") + "\n";
        JsonNode job = importAndWait(api, officer, "fragment.csv", csv.getBytes(StandardCharsets.UTF_8), false);
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);

        String fragment = name.substring(2);
        JsonNode found = ApiClient.json(api.get("/api/v1/persons?size=50&q="
                + java.net.URLEncoder.encode(fragment, StandardCharsets.UTF_8), officer));
        List<String> names = new ArrayList<>();
        found.path("items").forEach(p -> names.add(p.path("name").asText()));
        assertThat(names).as("search for %s", fragment).contains(name);
    }

    /**
     * Excel and WPS on a Chinese Windows save a sheet "as CSV" in GBK: its Chinese headers are found and its names and
     * addresses stored as written, not refused for missing headers nor saved as replacement characters (U+FFFD).
     */
    @Test
    void aCsvSavedInGbkIsReadAsWritten() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(Sex.MALE);
        String household = "IMPG-" + UUID.randomUUID().toString().substring(0, 8);
        String csv = String.join(",", HEADERS) + "\r\n"
                + String.join(",", "导入欧阳", number, "男", "", "FS-1-01", household, "户主", "常住",
                        "东海县吴场村1组 " + household) + "\r\n";
        JsonNode job = importAndWait(api, officer, "gbk.csv", csv.getBytes(java.nio.charset.Charset.forName("GBK")),
                false);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).isZero();
        JsonNode found = ApiClient.json(api.get("/api/v1/persons?q=" + number, officer)).path("items");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("name").asText()).isEqualTo("导入欧阳");
        assertThat(found.get(0).path("address").asText()).contains("吴场村1组").doesNotContain("\uFFFD");
    }

    @Test
    void theListOfRecentJobsShowsOnlyJobsInsideTheCallersJurisdiction() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String csv = String.join(",", HEADERS) + "\n"
                + String.join(",", "导入列表", TestIdentityNumbers.next(Sex.FEMALE), "女", "", "FS-1-01", "", "", "常住", "") + "\n";
        String name = "list-" + UUID.randomUUID() + ".csv";
        JsonNode job = importAndWait(api, officer, name, csv.getBytes(StandardCharsets.UTF_8), true);
        String id = job.path("id").asText();
        assertThat(job.path("totalRows").asLong()).isEqualTo(1);

        assertThat(jobIds(api, officer)).contains(id);
        assertThat(jobIds(api, api.token("bureau", DEMO_PASSWORD))).contains(id);
        assertThat(jobIds(api, api.token("officer2", DEMO_PASSWORD))).doesNotContain(id);
        String page = api.get("/imports", officer).body();
        assertThat(page).contains(name);
        // the job's row names who imported it as other pages name staff: by his name, not his username
        String officerName = jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class).single();
        String row = page.substring(page.indexOf("data-job-id=\"" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(">" + officerName + "</td>").doesNotContain(">officer</td>");
        assertThat(job.path("createdByName").asText()).isEqualTo(officerName);
        assertThat(api.get("/imports", api.token("officer2", DEMO_PASSWORD)).body()).doesNotContain(name);
        assertThat(api.get("/imports", api.token("volunteer", DEMO_PASSWORD)).statusCode()).isEqualTo(403);
    }

    List<String> jobIds(ApiClient api, String token) {
        HttpResponse<String> list = api.get("/api/v1/imports", token);
        assertThat(list.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        ApiClient.json(list).forEach(j -> ids.add(j.path("id").asText()));
        return ids;
    }

    @Test
    void aVolunteerMayNotImport() throws Exception {
        ApiClient api = new ApiClient(port);
        String volunteer = api.token("volunteer", DEMO_PASSWORD);
        assertThat(upload(volunteer, "p.csv", "姓名,网格编码\n".getBytes(StandardCharsets.UTF_8), false).statusCode())
                .isEqualTo(403);
    }
}
