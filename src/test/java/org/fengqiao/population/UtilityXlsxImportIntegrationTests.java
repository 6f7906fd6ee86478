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
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Readings come in from xlsx as well as CSV, through the same table reader, job store and error file as the
 * person import: typed cells (a month typed as a date, numbers as numbers) are read, the anomaly they show
 * opens its task, a bad row comes back in an xlsx error file under its spreadsheet row number, and the two
 * imports' jobs stay apart. Each test builds its own building in a demo grid under a unique name.
 */
class UtilityXlsxImportIntegrationTests extends IntegrationTest {

    static final String[] HEADERS = {"类别", "月份", "网格编码", "楼栋", "单元", "房号", "用量", "供应单位"};
    static final YearMonth LAST = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
    }

    String token(String user) {
        return new ApiClient(port).token(user, DEMO_PASSWORD);
    }

    /** A row as a supplier's spreadsheet has it: the month a date cell shown as yyyy-mm, unit, room and use numbers. */
    record Reading(String utility, YearMonth month, String grid, String building, int unit, int room, double use) {
    }

    /** A readings workbook; a null entry leaves that row of the sheet empty. */
    static byte[] workbook(List<Reading> rows) throws Exception {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("抄表");
            CellStyle month = workbook.createCellStyle();
            month.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADERS.length; i++) {
                header.createCell(i).setCellValue(HEADERS[i]);
            }
            for (int r = 0; r < rows.size(); r++) {
                Reading reading = rows.get(r);
                if (reading == null) {
                    continue;
                }
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(reading.utility());
                row.createCell(1).setCellValue(reading.month().atDay(1));
                row.getCell(1).setCellStyle(month);
                row.createCell(2).setCellValue(reading.grid());
                row.createCell(3).setCellValue(reading.building());
                row.createCell(4).setCellValue(reading.unit());
                row.createCell(5).setCellValue(reading.room());
                row.createCell(6).setCellValue(reading.use());
                row.createCell(7).setCellValue("国网东海县供电公司");
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    HttpResponse<String> upload(String token, String path, String fileName, byte[] content, boolean dryRun,
            String language) throws Exception {
        String boundary = "----fq" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\n" + dryRun + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode importAndWait(String user, String path, String fileName, byte[] content, boolean dryRun, String language)
            throws Exception {
        HttpResponse<String> accepted = upload(token(user), path, fileName, content, dryRun, language);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = ApiClient.json(accepted).get("id").asText();
        for (int i = 0; i < 300; i++) {
            JsonNode job = fx.get(user, path + "/" + id).body();
            String status = job.path("status").asText();
            if (status.equals("DONE") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    JsonNode importReadings(String user, byte[] xlsx, boolean dryRun) throws Exception {
        return importAndWait(user, "/api/v1/utility-readings/imports", "抄表.xlsx", xlsx, dryRun, "zh-CN");
    }

    HttpResponse<byte[]> download(String user, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token(user)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The rows of a workbook's first sheet, their cells as text. */
    static List<List<String>> rows(byte[] xlsx) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    cells.add(formatter.formatCellValue(row.getCell(i)));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    String buildingName(UUID building) {
        return jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
    }

    @Test
    void readingsFromAnXlsxOpenTheTaskOfTheAnomalyTheyShowAndChangeNothingTheSecondTime() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        // nobody is registered in the room, yet it used 240 kWh last month
        byte[] xlsx = workbook(List.of(new Reading("电", LAST, "FS-1-01", name, 1, 101, 240)));

        JsonNode dry = importReadings("officer", xlsx, true);
        assertThat(dry.path("status").asText()).as(dry.toString()).isEqualTo("DONE");
        assertThat(dry.path("createdRows").asLong()).isEqualTo(1);
        assertThat(dry.path("tasksOpened").asLong()).as("a dry run tells what it would open").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM utility_reading WHERE room_id = ?").param(room).query(Long.class).single())
                .isZero();

        JsonNode job = importReadings("officer", xlsx, false);
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("totalRows").asLong()).isEqualTo(1);
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).isZero();
        assertThat(job.path("tasksOpened").asLong()).isEqualTo(1);
        assertThat(job.path("hasErrorFile").asBoolean()).isFalse();
        var stored = jdbc.sql("SELECT utility, month, consumption, import_id FROM utility_reading WHERE room_id = ?")
                .param(room).query().singleRow();
        assertThat(stored).containsEntry("utility", "POWER").containsEntry("month", java.sql.Date.valueOf(LAST.atDay(1)))
                .containsEntry("import_id", UUID.fromString(job.path("id").asText()));
        assertThat((java.math.BigDecimal) stored.get("consumption")).isEqualByComparingTo("240");
        var task = jdbc.sql("SELECT kind, status, period_from FROM verification_task WHERE room_id = ?").param(room)
                .query().singleRow();
        assertThat(task).containsEntry("kind", "UNREGISTERED_USE").containsEntry("status", "ASSIGNED")
                .containsEntry("period_from", java.sql.Date.valueOf(LAST.atDay(1)));

        JsonNode again = importReadings("officer", xlsx, false);
        assertThat(again.path("createdRows").asLong()).isZero();
        assertThat(again.path("updatedRows").asLong()).isZero();
        assertThat(again.path("unchangedRows").asLong()).isEqualTo(1);
        assertThat(again.path("tasksOpened").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM verification_task WHERE room_id = ?").param(room).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aBadXlsxRowComesBackInAnXlsxErrorFileUnderItsRowNumber() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = buildingName(building);
        UUID r101 = fx.room(building, 1, "101");
        List<Reading> rows = new ArrayList<>();
        rows.add(new Reading("电", LAST, "FS-1-01", name, 1, 101, 12));   // row 2: good
        rows.add(new Reading("油", LAST, "FS-1-01", name, 1, 102, 3));    // row 3: no such utility
        rows.add(null);                                                    // row 4: empty, skipped
        rows.add(new Reading("水", LAST, "FS-1-01", name, 1, 909, 4.5));  // row 5: no such room
        byte[] xlsx = workbook(rows);

        JsonNode job = importReadings("officer", xlsx, false);
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).isEqualTo(2);
        // the name the download below saves the rejected rows under, in the reader's language as it names it
        assertThat(job.path("errorFileName").asText()).isEqualTo("抄表-错误行.xlsx");
        assertThat(jdbc.sql("SELECT count(*) FROM utility_reading WHERE room_id = ?").param(r101).query(Long.class)
                .single()).isEqualTo(1);
        String id = job.path("id").asText();
        JsonNode inEnglish = ApiClient.json(new ApiClient(port).get("/api/v1/utility-readings/imports/" + id,
                token("officer"), "Accept-Language", "en"));
        assertThat(inEnglish.path("errorFileName").asText()).isEqualTo("抄表-errors.xlsx");
        JsonNode listed = ApiClient.json(new ApiClient(port).get("/api/v1/utility-readings/imports",
                token("officer")));
        assertThat(listed.findValues("id").stream().map(JsonNode::asText).toList()).contains(id);
        listed.forEach(j -> {
            if (j.path("id").asText().equals(id)) {
                assertThat(j.path("errorFileName").asText()).isEqualTo("抄表-错误行.xlsx");
            }
        });

        HttpResponse<byte[]> errors = download("officer", "/api/v1/utility-readings/imports/" + id + "/errors");
        assertThat(errors.statusCode()).isEqualTo(200);
        assertThat(errors.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
        // named in the reader's language (Chinese here), in UTF-8 as every browser reads it
        assertThat(errors.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename*=UTF-8''" + java.net.URLEncoder.encode("抄表-错误行.xlsx",
                        java.nio.charset.StandardCharsets.UTF_8));
        List<List<String>> sheet = rows(errors.body());
        assertThat(sheet.get(0)).containsExactly("行号", "类别", "月份", "网格编码", "楼栋", "单元", "房号", "用量", "供应单位", "问题");
        assertThat(sheet).hasSize(3);
        assertThat(sheet.get(1).get(0)).isEqualTo("3");
        assertThat(sheet.get(1).get(1)).isEqualTo("油");
        assertThat(sheet.get(1).get(9)).contains("类别: 无法识别的类别“油”");
        assertThat(sheet.get(2).get(0)).isEqualTo("5");
        assertThat(sheet.get(2).get(6)).isEqualTo("909");
        assertThat(sheet.get(2).get(9)).contains("房号: 找不到该房屋或地址");

        // in English, the headers and problems of the error file are English
        JsonNode english = importAndWait("officer", "/api/v1/utility-readings/imports", "readings.xlsx", xlsx, true, "en");
        List<List<String>> en = rows(download("officer", "/api/v1/utility-readings/imports/" + english.path("id").asText()
                + "/errors").body());
        assertThat(en.get(0)).containsExactly("Row", "utility", "month", "gridCode", "building", "unit", "room",
                "consumption", "supplier", "Problems");
        assertThat(en.get(1).get(9)).contains("utility: unknown utility");

        // the page's link to the error file: the same file, and another station's officer finds no such job
        HttpResponse<byte[]> page = download("officer", "/utility-readings/imports/" + id + "/errors.xlsx");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(errors.body());
        assertThat(download("officer2", "/utility-readings/imports/" + id + "/errors.xlsx").statusCode()).isEqualTo(404);
        assertThat(download("officer2", "/api/v1/utility-readings/imports/" + id + "/errors").statusCode()).isEqualTo(404);
        assertThat(download("bureau", "/utility-readings/imports/" + id + "/errors.xlsx").statusCode()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/utility-readings/imports/" + id).status()).isEqualTo(200);
    }

    @Test
    void theTwoImportsShareOneJobStoreButNeverShowEachOthersJobs() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        JsonNode readings = importReadings("officer", workbook(List.of(new Reading("油", LAST, "FS-1-01",
                buildingName(building), 1, 101, 1))), true);
        JsonNode persons = importAndWait("officer", "/api/v1/imports", "persons.csv",
                ("姓名,网格编码\n" + HousingFixtures.unique("甲") + ",XX-9-99\n").getBytes(StandardCharsets.UTF_8), true, "zh-CN");
        assertThat(persons.path("failedRows").asLong()).isEqualTo(1);
        String readingsId = readings.path("id").asText();
        String personsId = persons.path("id").asText();

        assertThat(fx.get("officer", "/api/v1/imports/" + readingsId).status()).isEqualTo(404);
        assertThat(download("officer", "/api/v1/imports/" + readingsId + "/errors").statusCode()).isEqualTo(404);
        assertThat(fx.get("officer", "/api/v1/utility-readings/imports/" + personsId).status()).isEqualTo(404);
        assertThat(download("officer", "/api/v1/utility-readings/imports/" + personsId + "/errors").statusCode())
                .isEqualTo(404);
        List<String> personJobs = new ArrayList<>();
        fx.get("officer", "/api/v1/imports").body().forEach(j -> personJobs.add(j.path("id").asText()));
        assertThat(personJobs).contains(personsId).doesNotContain(readingsId);
        List<String> readingJobs = new ArrayList<>();
        fx.get("officer", "/api/v1/utility-readings/imports").body().forEach(j -> readingJobs.add(j.path("id").asText()));
        assertThat(readingJobs).contains(readingsId).doesNotContain(personsId);
        assertThat(jdbc.sql("SELECT kind FROM import_job WHERE id = ?").param(UUID.fromString(readingsId))
                .query(String.class).single()).isEqualTo("UTILITY_READINGS");
    }

    @Test
    void thePageNamesTheFormatsAndOffersBothTemplates() throws Exception {
        ApiClient api = new ApiClient(port);
        String page = api.get("/utility-readings/import", token("officer")).body();
        assertThat(page).contains("接受的格式：Excel 表格（.xlsx）或 CSV（.csv，UTF-8 或 GBK 编码）")
                .contains("accept=\".xlsx,.csv").contains("/utility-readings/template.xlsx")
                .contains("/utility-readings/template.csv");

        HttpResponse<byte[]> template = download("officer", "/utility-readings/template.xlsx");
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Type").orElse("")).startsWith(XLSX);
        List<List<String>> sheet = rows(template.body());
        assertThat(sheet.get(0)).startsWith("类别", "月份", "网格编码", "楼栋", "单元", "楼层", "房号", "地址");
        assertThat(sheet).hasSize(3);
        assertThat(download("officer", "/api/v1/utility-readings/template.xlsx").body()).isNotEmpty();
        assertThat(download("volunteer", "/utility-readings/template.xlsx").statusCode()).isEqualTo(403);

        // a file that is neither xlsx nor csv is refused at once, in the user's language
        HttpResponse<String> refused = upload(token("officer"), "/api/v1/utility-readings/imports", "readings.txt",
                "x".getBytes(StandardCharsets.UTF_8), false, "en");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("upload an .xlsx file or a .csv file (UTF-8 or GBK)");
    }
}
