package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Utility readings come in from CSV (dry run, error file, idempotency, scope) and open verification tasks
 * once per anomaly; the tasks are scoped, masked by role, assigned and resolved with audited changes.
 * Each test builds its own building in a demo grid under a unique name.
 */
class UtilityIntegrationTests extends IntegrationTest {

    static final String HEADER = "类别,月份,网格编码,楼栋,单元,楼层,房号,地址,表号,本期读数,用量,供应单位";
    static final YearMonth LAST = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai")).minusMonths(1);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    HousingFixtures fx;
    final Map<String, String> tokens = new HashMap<>();

    @BeforeEach
    void setUp() {
        fx = new HousingFixtures(port, jdbc);
    }

    String token(String user) {
        return tokens.computeIfAbsent(user, u -> new ApiClient(port).token(u, DEMO_PASSWORD));
    }

    HttpResponse<String> upload(String user, String csv, boolean dryRun, String... headers) throws Exception {
        String boundary = "----fq" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\n" + dryRun + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"readings.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(csv.getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/utility-readings/imports"))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode importAndWait(String user, String csv, boolean dryRun, String... headers) throws Exception {
        HttpResponse<String> accepted = upload(user, csv, dryRun, headers);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = ApiClient.json(accepted).get("id").asText();
        for (int i = 0; i < 300; i++) {
            JsonNode job = fx.get(user, "/api/v1/utility-readings/imports/" + id).body();
            String status = job.path("status").asText();
            if (status.equals("DONE") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    /** The error file, an xlsx like the person import's, its rows written out as CSV lines to read them easily. */
    String errors(String user, String jobId) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + port + "/api/v1/utility-readings/imports/" + jobId + "/errors"))
                .header("Authorization", "Bearer " + token(user)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return asCsv(r.body());
    }

    /** The first sheet of a workbook as CSV lines (cells quoted as CSV quotes them), for assertions on its rows. */
    static String asCsv(byte[] xlsx) throws Exception {
        StringBuilder out = new StringBuilder();
        org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT);
        try (org.apache.poi.ss.usermodel.Workbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            for (org.apache.poi.ss.usermodel.Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.getLastCellNum(); i++) {
                    String v = formatter.formatCellValue(row.getCell(i));
                    cells.add(v.contains(",") || v.contains("\"") ? '"' + v.replace("\"", "\"\"") + '"' : v);
                }
                out.append(String.join(",", cells)).append("\r\n");
            }
        }
        return out.toString();
    }

    static String row(String utility, YearMonth month, String grid, String building, String unit, String room,
            String address, String reading, String consumption) {
        return String.join(",", utility, month.toString(), grid, building, unit, "", room, address, "M-1", reading,
                consumption, "东海县自来水公司");
    }

    String buildingName(UUID building) {
        return jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
    }

    long readings(UUID room) {
        return jdbc.sql("SELECT count(*) FROM utility_reading WHERE room_id = ?").param(room).query(Long.class).single();
    }

    List<Map<String, Object>> tasks(UUID room) {
        return jdbc.sql("SELECT id, kind, status, period_from, period_to FROM verification_task WHERE room_id = ? ORDER BY created_at")
                .param(room).query().listOfRows();
    }

    long auditSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
    }

    /** A registered resident with a masked identity number and phone, as the register stores them. */
    UUID resident(UUID grid, UUID household, String name) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation,
                                    residence, id_masked, phone_masked, content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', 'PERMANENT', '320722********0017', '139****0001', 'fixture')""")
                .params(id, grid, household, name).update();
        return id;
    }

    @Test
    void theErrorFileOfAReaderOfEnglishIsInEnglishHeadersAndProblemsAlikeAndOfAReaderOfChineseInChinese()
            throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = buildingName(building);
        // every kind of problem a row may have, the file's headers in Chinese as the suppliers write them
        String csv = HEADER + "\n"
                + row("油", LAST, "FS-1-01", name, "1", "101", "", "", "4.5") + "\n"
                + row("水", LAST.plusMonths(2), "FS-1-01", name, "一", "909", "", "", "-3") + "\n"
                + row("水", LAST, "", name, "1", "", "", "abc", "") + "\n"
                + row("电", LAST, "", "", "", "", "", "", "") + "\n"
                + row("电", LAST, "FS-1-01", name, "1", "101", "", "10", "") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "102", "", "", "4.5") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "102", "", "", "4.6") + "\n";
        List<String> english = List.of(errors("officer", importAndWait("officer", csv, true, "Accept-Language", "en")
                .path("id").asText()).replace("\uFEFF", "").split("\r\n"));
        assertThat(english.get(0)).isEqualTo("Row,utility,month,gridCode,building,unit,floor,room,address,meter,"
                + "reading,consumption,supplier,Problems");
        assertThat(english).hasSize(7);
        for (String line : english.subList(1, english.size())) {
            String problems = line.substring(line.indexOf(",\"") < 0 ? line.lastIndexOf(',') : line.indexOf(",\""));
            assertThat(problems).as(line).doesNotContainPattern("[\\p{IsHan}&&[^油水电一]]");
        }
        List<String> chinese = List.of(errors("officer", importAndWait("officer", csv, true, "Accept-Language",
                "zh-CN").path("id").asText()).replace("\uFEFF", "").split("\r\n"));
        assertThat(chinese.get(0)).isEqualTo("行号,类别,月份,网格编码,楼栋,单元,楼层,房号,地址,表号,本期读数,用量,供应单位,问题");
        for (String line : chinese.subList(1, chinese.size())) {
            assertThat(line.substring(line.lastIndexOf(',') + 1)).as(line).doesNotContainPattern("[a-z]{4,}");
        }
    }

    @Test
    void importsChecksEveryRowReportsBadOnesAndChangesNothingTheSecondTime() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        String name = buildingName(building);
        UUID r101 = fx.room(building, 1, "101");
        UUID r102 = fx.room(building, 1, "102");
        fx.person(fx.gridId("FS-1-01"), fx.household(fx.gridId("FS-1-01"), r102, false, false), "孙甲", "HEAD", null, null);
        UUID other = fx.building("officer2", "NS-1-01", 1, 1, 1);
        String otherName = buildingName(other);
        YearMonth m1 = LAST.minusMonths(1);
        String csv = HEADER + "\n"
                + row("电", m1, "FS-1-01", name, "1", "101", "", "1000", "20") + "\n"
                + row("电", LAST, "FS-1-01", name, "1", "101", "", "1025", "") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "102室", "", "", "4.5") + "\n"
                + row("油", LAST, "FS-1-01", name, "1", "102", "", "", "4.5") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "909", "", "", "4.5") + "\n"
                + row("水", LAST, "NS-1-01", otherName, "1", "101", "", "", "4.5") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "102", "", "", "-3") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "102", "", "", "4.6") + "\n";

        JsonNode dry = importAndWait("officer", csv, true);
        assertThat(dry.path("status").asText()).isEqualTo("DONE");
        assertThat(dry.path("createdRows").asLong()).isEqualTo(3);
        assertThat(dry.path("failedRows").asLong()).isEqualTo(5);
        assertThat(readings(r101) + readings(r102)).isZero();

        JsonNode job = importAndWait("officer", csv, false);
        assertThat(job.path("totalRows").asLong()).isEqualTo(8);
        assertThat(job.path("createdRows").asLong()).isEqualTo(3);
        assertThat(job.path("failedRows").asLong()).isEqualTo(5);
        assertThat(readings(r101)).isEqualTo(2);
        assertThat(readings(r102)).isEqualTo(1);
        // the power consumption of the last month came from the meter readings: 1025 - 1000
        assertThat(jdbc.sql("SELECT consumption FROM utility_reading WHERE room_id = ? AND month = ?")
                .params(r101, LAST.atDay(1)).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("25");
        assertThat(jdbc.sql("SELECT consumption FROM utility_reading WHERE room_id = ?").param(r102)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("4.5");
        assertThat(readings(fx.room(other, 1, "101"))).isZero();

        List<String> lines = List.of(errors("officer", job.path("id").asText()).replace("\uFEFF", "").split("\r\n"));
        assertThat(lines.get(0)).startsWith("行号,类别,月份").endsWith(",问题");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(1)).startsWith("5,油,").contains("类别: 无法识别的类别“油”");
        assertThat(lines.get(2)).startsWith("6,水,").contains("房号: 找不到该房屋或地址");
        // a room of another station's grid reads exactly like a room that does not exist
        assertThat(lines.get(3)).startsWith("7,水,").contains("房号: 找不到该房屋或地址");
        assertThat(lines.get(3).substring(lines.get(3).lastIndexOf(',')))
                .isEqualTo(lines.get(2).substring(lines.get(2).lastIndexOf(',')));
        assertThat(lines.get(4)).startsWith("8,水,").contains("用量: 数值不能为负");
        assertThat(lines.get(5)).startsWith("9,水,").contains("与第 4 行的房屋、类别和月份相同");

        String english = errors("officer", importAndWait("officer", csv, true, "Accept-Language", "en").path("id").asText());
        assertThat(english).contains("utility: unknown utility \"\"油\"\"").contains("room: no such room or address");

        List<Map<String, Object>> before = jdbc.sql("SELECT id, version, updated_at FROM utility_reading WHERE room_id IN (?, ?) ORDER BY id")
                .params(r101, r102).query().listOfRows();
        long seq = auditSeq();
        JsonNode again = importAndWait("officer", csv, false);
        assertThat(again.path("createdRows").asLong()).isZero();
        assertThat(again.path("updatedRows").asLong()).isZero();
        assertThat(again.path("unchangedRows").asLong()).isEqualTo(3);
        assertThat(again.path("tasksOpened").asLong()).isZero();
        assertThat(jdbc.sql("SELECT id, version, updated_at FROM utility_reading WHERE room_id IN (?, ?) ORDER BY id")
                .params(r101, r102).query().listOfRows()).isEqualTo(before);
        // the second run leaves only its own import entry in the trail
        assertThat(jdbc.sql("SELECT record_type FROM audit_entry WHERE seq > ? AND actor = 'officer' AND record_type LIKE 'utility%'")
                .param(seq).query(String.class).list()).containsOnly("utility-import");
    }

    @Test
    void aCorrectedReadingReplacesTheOldOneAndIsAudited() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        fx.person(fx.gridId("FS-1-01"), fx.household(fx.gridId("FS-1-01"), room, false, false), "孙乙", "HEAD", null, null);
        importAndWait("officer", HEADER + "\n" + row("水", LAST, "FS-1-01", name, "1", "101", "", "", "3.5") + "\n", false);
        UUID id = jdbc.sql("SELECT id FROM utility_reading WHERE room_id = ?").param(room).query(UUID.class).single();
        long seq = auditSeq();

        JsonNode job = importAndWait("officer", HEADER + "\n" + row("水", LAST, "FS-1-01", name, "1", "101", "", "", "5") + "\n", false);
        assertThat(job.path("updatedRows").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT consumption FROM utility_reading WHERE room_id = ?").param(room)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("5");
        Map<String, Object> audit = jdbc.sql("""
                SELECT action, actor, before->>'consumption' AS before, after->>'consumption' AS after FROM audit_entry
                WHERE seq > ? AND record_type = 'utility-reading' AND record_id = ?""")
                .params(seq, id.toString()).query().singleRow();
        assertThat(audit).containsEntry("action", "UPDATE").containsEntry("actor", "officer")
                .containsEntry("before", "3.500").containsEntry("after", "5");
    }

    @Test
    void importingAgainAFileWhoseJobWasCutOffOpensTheTasksItsReadingsCallFor() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        String csv = HEADER + "\n" + row("电", LAST, "FS-1-01", name, "1", "101", "", "", "200") + "\n";
        // what a job stopped after writing its rows and before judging them leaves: the reading, and no task
        jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, utility, month, meter, consumption, supplier)
                VALUES (?, ?, ?, 'POWER', ?, 'M-1', 200, '东海县自来水公司')""")
                .params(UUID.randomUUID(), fx.gridId("FS-1-01"), room, LAST.atDay(1)).update();

        JsonNode dry = importAndWait("officer", csv, true);
        assertThat(dry.path("unchangedRows").asLong()).isEqualTo(1);
        assertThat(dry.path("tasksOpened").asLong()).as("what the real run will open").isEqualTo(1);
        assertThat(tasks(room)).isEmpty();

        JsonNode again = importAndWait("officer", csv, false);
        assertThat(again.path("unchangedRows").asLong()).isEqualTo(1);
        assertThat(again.path("tasksOpened").asLong()).isEqualTo(1);
        assertThat(tasks(room)).singleElement().satisfies(t -> assertThat(t).containsEntry("kind", "UNREGISTERED_USE"));
        assertThat(readings(room)).isEqualTo(1);
    }

    @Test
    void aFileWithoutThePlaceColumnsFailsWithAClearMessageAndWritesNothing() throws Exception {
        JsonNode job = importAndWait("officer", "类别,月份,用量\n水," + LAST + ",3\n", false);
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.path("message").asText()).contains("文件缺少必需的列").contains("地址");
        HttpResponse<String> notCsv = new ApiClient(port).send("GET", "/api/v1/utility-readings/template.csv", token("officer"), null);
        assertThat(notCsv.body()).contains("类别,月份,网格编码,楼栋");
    }

    @Test
    void anomaliesOpenOneTaskEachAndAContinuingOneExtendsIt() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = buildingName(building);
        UUID empty = fx.room(building, 1, "101");
        UUID idle = fx.room(building, 1, "102");
        fx.person(grid, fx.household(grid, idle, false, false), "孙丙", "HEAD", null, null);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 3; i >= 1; i--) {
            YearMonth m = LAST.minusMonths(i);
            csv.append(row("电", m, "FS-1-01", name, "1", "101", "", "", i == 1 ? "150" : "2")).append('\n');
            csv.append(row("水", m, "FS-1-01", name, "1", "102", "", "", "0.1")).append('\n');
            csv.append(row("电", m, "FS-1-01", name, "1", "102", "", "", "4")).append('\n');
        }
        JsonNode dry = importAndWait("officer", csv.toString(), true);
        assertThat(dry.path("tasksOpened").asLong()).as("a dry run tells what it would open").isEqualTo(2);
        assertThat(tasks(empty)).isEmpty();
        assertThat(readings(idle)).isZero();
        JsonNode job = importAndWait("officer", csv.toString(), false);
        assertThat(job.path("tasksOpened").asLong()).isEqualTo(2);
        assertThat(tasks(empty)).singleElement().satisfies(t -> {
            // given at once to the grid's chief, who checks its doors
            assertThat(t).containsEntry("kind", "UNREGISTERED_USE").containsEntry("status", "ASSIGNED");
            assertThat(t.get("period_from").toString()).isEqualTo(LAST.minusMonths(1).atDay(1).toString());
        });
        assertThat(tasks(idle)).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("kind", "REGISTERED_NO_USE");
            assertThat(t.get("period_from").toString()).isEqualTo(LAST.minusMonths(3).atDay(1).toString());
        });
        UUID taskId = (UUID) tasks(empty).get(0).get("id");
        JsonNode detail = fx.get("officer", "/api/v1/verification-tasks/" + taskId).body();
        assertThat(detail.at("/task/reason").asText()).contains("用电 150 kWh").contains("高于有人居住阈值 30 kWh");

        // the same readings once more open nothing
        assertThat(importAndWait("officer", csv.toString(), false).path("tasksOpened").asLong()).isZero();
        assertThat(tasks(empty)).hasSize(1);
        assertThat(tasks(idle)).hasSize(1);

        // another month of the same: the open task covers it, no second task
        String next = HEADER + "\n" + row("电", LAST, "FS-1-01", name, "1", "101", "", "", "160") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "102", "", "", "0") + "\n"
                + row("电", LAST, "FS-1-01", name, "1", "102", "", "", "3") + "\n";
        assertThat(importAndWait("officer", next, false).path("tasksOpened").asLong()).isZero();
        assertThat(tasks(empty)).singleElement().satisfies(t ->
                assertThat(t.get("period_to").toString()).isEqualTo(LAST.atDay(1).toString()));
        assertThat(tasks(idle)).singleElement().satisfies(t ->
                assertThat(t.get("period_to").toString()).isEqualTo(LAST.atDay(1).toString()));
        List<String> history = new ArrayList<>();
        fx.get("officer", "/api/v1/verification-tasks/" + taskId).body().get("history")
                .forEach(e -> history.add(e.get("action").asText()));
        assertThat(history).containsExactly("OPENED", "ASSIGNED", "EXTENDED");
    }

    /** A task of an empty room in the officer's grid FS-1-01 (the volunteer serves that grid as a member). */
    UUID openTask(UUID room, String buildingName) throws Exception {
        importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", buildingName, "1",
                jdbc.sql("SELECT number FROM room WHERE id = ?").param(room).query(String.class).single(), "", "", "200")
                + "\n", false);
        return (UUID) tasks(room).get(0).get("id");
    }

    UUID demoTaskOfOfficer2() {
        return jdbc.sql("""
                SELECT t.id FROM verification_task t JOIN grid g ON g.id = t.grid_id
                WHERE g.code LIKE 'NS-1-%' OR g.code LIKE 'NS-2-%' ORDER BY t.created_at LIMIT 1""").query(UUID.class).single();
    }

    @Test
    void everyEndpointWithAnIdAnswers404OutsideTheCallersStation() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = fx.room(building, 1, "101");
        UUID mine = openTask(room, buildingName(building));
        UUID theirs = demoTaskOfOfficer2();
        UUID theirRoom = jdbc.sql("SELECT room_id FROM verification_task WHERE id = ?").param(theirs).query(UUID.class).single();
        JsonNode job = importAndWait("officer", HEADER + "\n" + row("油", LAST, "FS-1-01", "x", "1", "101", "", "", "1") + "\n", false);
        String jobId = job.path("id").asText();

        for (Object[] c : new Object[][] {{"officer2", mine}, {"officer", theirs}}) {
            String user = (String) c[0];
            UUID task = (UUID) c[1];
            assertThat(fx.get(user, "/api/v1/verification-tasks/" + task).status()).as(user + " GET task").isEqualTo(404);
            assertThat(fx.call(user, "POST", "/api/v1/verification-tasks/" + task + "/assign",
                    Map.of("assigneeId", UUID.randomUUID())).status()).as(user + " assign").isEqualTo(404);
            assertThat(fx.call(user, "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                    Map.of("finding", "NO_ISSUE")).status()).as(user + " resolve").isEqualTo(404);
        }
        // the answer outside the scope is the answer for a task that does not exist
        assertThat(HousingFixtures.withoutInstance(fx.get("officer2", "/api/v1/verification-tasks/" + mine).body()))
                .isEqualTo(HousingFixtures.withoutInstance(fx.get("officer2", "/api/v1/verification-tasks/" + UUID.randomUUID()).body()));
        assertThat(fx.get("officer2", "/api/v1/utility-readings/imports/" + jobId).status()).isEqualTo(404);
        assertThat(new ApiClient(port).get("/api/v1/utility-readings/imports/" + jobId + "/errors", token("officer2"))
                .statusCode()).isEqualTo(404);
        assertThat(fx.get("officer2", "/api/v1/utility-readings?roomId=" + room).status()).isEqualTo(404);
        assertThat(fx.get("officer", "/api/v1/utility-readings?roomId=" + theirRoom).status()).isEqualTo(404);
        assertThat(new ApiClient(port).get("/verification-tasks/" + mine, token("officer2")).statusCode()).isEqualTo(404);

        assertThat(fx.get("officer", "/api/v1/verification-tasks/" + mine).status()).isEqualTo(200);
        assertThat(fx.get("officer2", "/api/v1/verification-tasks/" + theirs).status()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/verification-tasks/" + mine).status()).isEqualTo(200);
        assertThat(fx.get("bureau", "/api/v1/verification-tasks/" + theirs).status()).isEqualTo(200);
        assertThat(fx.get("officer", "/api/v1/utility-readings?roomId=" + room).body()).hasSize(1);
        assertThat(fx.get("bureau", "/api/v1/utility-readings?roomId=" + theirRoom).body().size()).isGreaterThan(0);

        List<String> listed = new ArrayList<>();
        fx.get("officer2", "/api/v1/verification-tasks?size=100").body().get("items")
                .forEach(t -> listed.add(t.get("id").asText()));
        assertThat(listed).contains(theirs.toString()).doesNotContain(mine.toString());
    }

    @Test
    void residentsAreMaskedByRoleAndAVolunteerSeesOnlyWhatHeIsAssigned() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        UUID household = fx.household(grid, room, false, false);
        UUID person = resident(grid, household, "欧阳明");
        jdbc.sql("UPDATE person SET residence = 'LEFT' WHERE id = ?").param(person).update();
        UUID task = openTask(room, name);
        UUID volunteer = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single();

        JsonNode officerView = fx.get("officer", "/api/v1/verification-tasks/" + task).body();
        JsonNode seen = officerView.get("residents").get(0);
        assertThat(seen.get("name").asText()).isEqualTo("欧阳明");
        assertThat(seen.get("idMasked").asText()).isEqualTo("320722********0017");
        assertThat(seen.get("phoneMasked").asText()).isEqualTo("139****0001");

        // not assigned: the volunteer (no population records at all) does not see the task
        assertThat(fx.get("volunteer", "/api/v1/verification-tasks/" + task).status()).isEqualTo(404);
        assertThat(fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                Map.of("assigneeId", volunteer)).status()).isEqualTo(200);

        HousingFixtures.Answer volunteerView = fx.get("volunteer", "/api/v1/verification-tasks/" + task);
        assertThat(volunteerView.status()).isEqualTo(200);
        JsonNode masked = volunteerView.body().get("residents").get(0);
        assertThat(masked.get("name").asText()).isEqualTo("欧**");
        assertThat(masked.has("idMasked")).isFalse();
        assertThat(masked.has("phoneMasked")).isFalse();
        assertThat(masked.has("id")).isFalse();
        assertThat(volunteerView.body().toString()).doesNotContain("320722********").doesNotContain("139****")
                .doesNotContain("欧阳明");
        List<String> listed = new ArrayList<>();
        fx.get("volunteer", "/api/v1/verification-tasks?size=100").body().get("items")
                .forEach(t -> listed.add(t.get("id").asText()));
        assertThat(listed).contains(task.toString());
        assertThat(jdbc.sql("SELECT count(*) FROM verification_task WHERE assignee_id = ?").param(volunteer)
                .query(Long.class).single()).isEqualTo(listed.size());

        // the volunteer may record a finding that changes no record, and not one that does
        HousingFixtures.Answer refused = fx.call("volunteer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "VACANT"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body())).containsKey("finding");
        assertThat(fx.call("volunteer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "NO_ISSUE", "note", "亲属偶尔来住")).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT finding FROM verification_task WHERE id = ?").param(task).query(String.class).single())
                .isEqualTo("NO_ISSUE");
        // reading a task lists residents: each read is in the trail (reads are committed asynchronously)
        long reads = 0;
        for (int i = 0; i < 50 && reads < 2; i++) {
            reads = jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'verification-task' AND record_id = ?")
                    .param(task.toString()).query(Long.class).single();
            Thread.sleep(100);
        }
        assertThat(reads).isGreaterThanOrEqualTo(2);
    }

    /**
     * A task's page lists the residents registered at the place, each with his masked identity number and phone: a
     * read of each person's record, in the audit trail as a read of him (reads are committed asynchronously).
     */
    @Test
    void readingATaskIsAuditedAsAReadOfEachResidentItShows() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        UUID room = fx.room(building, 1, "101");
        UUID household = fx.household(grid, room, false, false);
        UUID person = resident(grid, household, "上官明");
        // he left: the power used there is nobody's, and the task lists him as the one registered there
        jdbc.sql("UPDATE person SET residence = 'LEFT' WHERE id = ?").param(person).update();
        UUID task = openTask(room, buildingName(building));

        HousingFixtures.Answer read = fx.get("officer", "/api/v1/verification-tasks/" + task);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("residents").get(0).get("name").asText()).isEqualTo("上官明");
        long reads = 0;
        for (int i = 0; i < 50 && reads < 1; i++) {
            reads = jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'person' "
                    + "AND record_id = ? AND after->>'verificationTask' = ?").param(person.toString())
                    .param(task.toString()).query(Long.class).single();
            Thread.sleep(100);
        }
        assertThat(reads).as("the resident's read in the trail").isEqualTo(1);
    }

    @Test
    void assigningIsLimitedToTheGridsPeopleAndAudited() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID task = openTask(fx.room(building, 1, "101"), buildingName(building));
        UUID officer2 = jdbc.sql("SELECT id FROM staff WHERE username = 'officer2'").query(UUID.class).single();
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();

        HousingFixtures.Answer outsider = fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                Map.of("assigneeId", officer2), "Accept-Language", "en");
        assertThat(outsider.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(outsider.body())).containsEntry("assigneeId",
                "only the grid's current chief, coordinator, manager or members can be assigned");
        assertThat(fx.call("volunteer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                Map.of("assigneeId", officer)).status()).isIn(403, 404);
        // appointed to the grid from tomorrow, he does not serve it yet
        UUID term = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO grid_role (id, grid_id, staff_id, role, started_on)
                SELECT ?, id, ?, 'MEMBER', CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date) + 1 FROM grid
                WHERE code = 'FS-1-01' AND network = 'POLICE'""").params(term, officer2).update();
        try {
            assertThat(fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                    Map.of("assigneeId", officer2)).status()).isEqualTo(400);
        } finally {
            jdbc.sql("DELETE FROM grid_role WHERE id = ?").param(term).update();
        }

        // the task went to the grid's chief (the officer) as it opened; he gives it to the grid's volunteer member
        UUID volunteer = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single();
        String volunteerName = jdbc.sql("SELECT name FROM staff WHERE id = ?").param(volunteer).query(String.class).single();
        long seq = auditSeq();
        HousingFixtures.Answer assigned = fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                Map.of("assigneeId", volunteer));
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.body().get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.body().get("assigneeName").asText()).isEqualTo(volunteerName);
        Map<String, Object> audit = jdbc.sql("""
                SELECT action, actor, before->>'assigneeId' AS before, after->>'assigneeId' AS after FROM audit_entry
                WHERE seq > ? AND record_type = 'verification-task' AND record_id = ? AND action = 'UPDATE'""")
                .params(seq, task.toString()).query().singleRow();
        assertThat(audit).containsEntry("actor", "officer").containsEntry("before", officer.toString())
                .containsEntry("after", volunteer.toString());
    }

    @Test
    void resolvingAsVacantMarksTheRoomAndAsLeftMarksTheResidentsEachAuditedAndLinkedToTheVisit() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = buildingName(building);
        UUID empty = fx.room(building, 1, "101");
        UUID task = openTask(empty, name);
        long seq = auditSeq();

        HousingFixtures.Answer wrong = fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "TENANTS_REGISTERED"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(wrong.body())).containsEntry("finding", "该处目前没有登记住户");
        HousingFixtures.Answer vacant = fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "VACANT", "note", "房主出差，偶尔回来"));
        assertThat(vacant.status()).isEqualTo(200);
        assertThat(vacant.body().get("status").asText()).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(empty).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT record_type FROM audit_entry WHERE seq > ? AND actor = 'officer' AND action = 'UPDATE'")
                .param(seq).query(String.class).list()).contains("room", "verification-task");
        assertThat(fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "NO_ISSUE")).status()).isEqualTo(409);

        // registered residents who used nothing for three months: found gone during a visit
        UUID idle = fx.room(building, 1, "102");
        UUID household = fx.household(grid, idle, false, false);
        UUID head = fx.person(grid, household, "周甲", "HEAD", null, null);
        UUID spouse = fx.person(grid, household, "周乙", "SPOUSE", null, null);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 2; i >= 0; i--) {
            csv.append(row("水", LAST.minusMonths(i), "FS-1-01", name, "1", "102", "", "", "0")).append('\n');
            csv.append(row("电", LAST.minusMonths(i), "FS-1-01", name, "1", "102", "", "", "1")).append('\n');
        }
        importAndWait("officer", csv.toString(), false);
        UUID gone = (UUID) tasks(idle).get(0).get("id");
        JsonNode visit = fx.call("officer", "POST", "/api/v1/visits",
                Map.of("householdId", household, "findings", "邻居称已搬走三个月")).body();
        UUID visitId = UUID.fromString(visit.get("id").asText());
        seq = auditSeq();

        HousingFixtures.Answer left = fx.call("officer", "POST", "/api/v1/verification-tasks/" + gone + "/resolve",
                Map.of("finding", "RESIDENTS_LEFT", "visitId", visitId));
        assertThat(left.status()).as(String.valueOf(left.body())).isEqualTo(200);
        assertThat(left.body().get("visitId").asText()).isEqualTo(visitId.toString());
        assertThat(jdbc.sql("SELECT residence FROM person WHERE id IN (?, ?)").params(head, spouse).query(String.class).list())
                .containsOnly("LEFT");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE id IN (?, ?) AND left_on IS NOT NULL")
                .params(head, spouse).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(idle).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE seq > ? AND record_type = 'person' AND action = 'UPDATE'
                  AND before->>'residence' = 'PERMANENT' AND after->>'residence' = 'LEFT' AND record_id IN (?, ?)""")
                .params(seq, head.toString(), spouse.toString()).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT record_type FROM visit_change WHERE visit_id = ?").param(visitId).query(String.class).list())
                .contains("person", "room", "verification-task");
        List<String> history = new ArrayList<>();
        fx.get("officer", "/api/v1/verification-tasks/" + gone).body().get("history")
                .forEach(e -> history.add(e.get("action").asText()));
        assertThat(history).containsExactly("OPENED", "ASSIGNED", "RESOLVED");
    }

    @Test
    void resolvingDuringAColleaguesVisitIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID empty = fx.room(building, 1, "101");
        UUID task = openTask(empty, buildingName(building));
        UUID household = fx.household(fx.gridId("FS-1-01"), null, false, false);
        HousingFixtures.Answer visit = fx.call("chief", "POST", "/api/v1/visits",
                Map.of("householdId", household, "findings", "所长入户核对", "contactCard", false));
        assertThat(visit.status()).isEqualTo(201);
        UUID colleagues = UUID.fromString(visit.body().get("id").asText());

        HousingFixtures.Answer refused = fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "VACANT", "visitId", colleagues), "Accept-Language", "en");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(refused.body()))
                .containsEntry("visitId", "This visit was recorded by another staff member; changes cannot be added to it");
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(empty).query(Boolean.class).single()).isFalse();
        assertThat(tasks(empty).get(0).get("status")).isNotEqualTo("RESOLVED");
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id = ?").param(colleagues)
                .query(Long.class).single()).isZero();
    }

    @Test
    void theDemoHasOpenTasksOfBothKindsInTheUrbanCompounds() {
        List<Map<String, Object>> kinds = jdbc.sql("""
                SELECT t.kind, count(*) AS n FROM verification_task t JOIN grid g ON g.id = t.grid_id
                JOIN building b ON b.id = (SELECT building_id FROM room WHERE id = t.room_id)
                WHERE g.code LIKE 'NS-%' AND b.name ~ '^[0-9]+号楼$' AND t.status <> 'RESOLVED'
                GROUP BY t.kind ORDER BY t.kind""").query().listOfRows();
        assertThat(kinds).extracting(k -> k.get("kind")).containsExactly("REGISTERED_NO_USE", "UNREGISTERED_USE");
        assertThat(kinds).allSatisfy(k -> assertThat((Long) k.get("n")).isBetween(3L, 5L));
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT month) FROM utility_reading ur JOIN grid g ON g.id = ur.grid_id WHERE g.code LIKE 'NS-%'""")
                .query(Long.class).single()).isEqualTo(6);
        // officer2's compounds have some of them, and his list shows them
        JsonNode list = fx.get("officer2", "/api/v1/verification-tasks?open=true&size=100").body();
        assertThat(list.get("total").asLong()).isGreaterThan(0);
    }

    @Test
    void thePagesShowTheTasksTheImportAndTheMarkOnTheFloorPlan() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer2 = token("officer2");
        Map<String, Object> demo = jdbc.sql("""
                SELECT t.id, r.building_id, r.number FROM verification_task t JOIN room r ON r.id = t.room_id
                JOIN grid g ON g.id = t.grid_id WHERE g.code LIKE 'NS-1-%' AND t.status <> 'RESOLVED'
                ORDER BY t.created_at LIMIT 1""").query().singleRow();

        HttpResponse<String> list = api.get("/verification-tasks", officer2);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("核查任务").contains("/verification-tasks/" + demo.get("id"));
        UUID grid = jdbc.sql("SELECT grid_id FROM verification_task WHERE id = ?").param(demo.get("id")).query(UUID.class).single();
        HttpResponse<String> ofGrid = api.get("/verification-tasks?gridId=" + grid, officer2);
        assertThat(ofGrid.body()).contains("/verification-tasks/" + demo.get("id")).contains("name=\"gridId\"");
        long others = jdbc.sql("SELECT count(*) FROM verification_task t JOIN grid g ON g.id = t.grid_id WHERE t.grid_id <> ? AND g.code LIKE 'NS-1-%' AND t.status <> 'RESOLVED'")
                .param(grid).query(Long.class).single();
        assertThat(others).isPositive();
        assertThat(ofGrid.body()).contains("共 " + jdbc.sql("SELECT count(*) FROM verification_task WHERE grid_id = ? AND status <> 'RESOLVED'")
                .param(grid).query(Long.class).single() + " 个");
        // a client of its own: the language choice sticks to the client's cookies
        HttpResponse<String> en = new ApiClient(port).get("/verification-tasks?kind=UNREGISTERED_USE&lang=en", officer2);
        assertThat(en.body()).contains("Use, nobody registered").doesNotContain("Registered, no use</span>");

        HttpResponse<String> task = api.get("/verification-tasks/" + demo.get("id"), officer2);
        assertThat(task.statusCode()).isEqualTo(200);
        assertThat(task.body()).contains("id=\"task-reason\"").contains("分派给").contains("办结").contains("读数（近 12 个月）");

        HttpResponse<String> plan = api.get("/buildings/" + demo.get("building_id"), officer2);
        assertThat(plan.statusCode()).isEqualTo(200);
        assertThat(plan.body()).contains("mark-TASK");

        HttpResponse<String> page = api.get("/utility-readings/import", token("officer"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("水电气读数导入").contains("enctype=\"multipart/form-data\"");
        JsonNode job = importAndWait("officer", HEADER + "\n" + row("油", LAST, "FS-1-01", "x", "1", "101", "", "", "1") + "\n", true);
        HttpResponse<String> result = api.get("/utility-readings/imports/" + job.path("id").asText(), token("officer"));
        assertThat(result.body()).contains("共 1 行：新增 0，更新 0，未变 0，错误 1").contains("errors.xlsx");
        assertThat(api.get("/utility-readings/import", token("volunteer")).statusCode()).isEqualTo(403);
    }

    /** The actors of a task page's history (办理记录), as the page shows them. */
    static List<String> historyActors(String page) {
        List<String> actors = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<span class=\"muted actor\">([^<]*)</span>").matcher(page);
        while (m.find()) {
            actors.add(m.group(1));
        }
        return actors;
    }

    @Test
    void theHistoryNamesThePersonWhoActedOrTheSystemAndAOneMonthPeriodOnce() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID task = openTask(fx.room(building, 1, "101"), buildingName(building));
        UUID officer = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        String officerName = jdbc.sql("SELECT name FROM staff WHERE id = ?").param(officer).query(String.class).single();
        UUID volunteer = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single();
        assertThat(fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                Map.of("assigneeId", volunteer)).status()).isEqualTo(200);

        // opened by the officer's import, given by the system to the grid's chief, then by the officer to another
        String page = new ApiClient(port).get("/verification-tasks/" + task, token("officer")).body();
        assertThat(historyActors(page)).containsExactly(officerName, "系统", officerName);
        String history = page.substring(page.indexOf("class=\"history\""));
        assertThat(history).contains(LAST.toString()).doesNotContain(LAST + " – " + LAST);
        // the API's history reads the same
        assertThat(fx.get("officer", "/api/v1/verification-tasks/" + task).body().get("history").get(0).get("detail")
                .asText()).isEqualTo(LAST.toString());

        // a task the demo load opened (no caller): the system, in the reader's language
        UUID demo = jdbc.sql("""
                SELECT t.id FROM verification_task t JOIN grid g ON g.id = t.grid_id
                WHERE g.code LIKE 'NS-1-%' AND EXISTS (SELECT 1 FROM verification_task_event e
                                                      WHERE e.task_id = t.id AND e.actor_id IS NULL)
                ORDER BY t.created_at LIMIT 1""").query(UUID.class).single();
        assertThat(historyActors(new ApiClient(port).get("/verification-tasks/" + demo, token("officer2")).body()))
                .first().isEqualTo("系统");
        assertThat(historyActors(new ApiClient(port).get("/verification-tasks/" + demo + "?lang=en", token("officer2"))
                .body())).first().isEqualTo("System");
    }

    @Test
    void theImportAndResolveFormsWorkInASignedInSession() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String csrf = browser.csrfFrom("/utility-readings/import");

        String boundary = "----fq" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"读数.csv\""
                + "\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write((HEADER + "\n" + row("电", LAST, "FS-1-01", name, "1", "101", "", "", "300") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().cookieHandler(browser.cookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/utility-readings/import")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/utility-readings/imports/");
        String jobPage = "";
        for (int i = 0; i < 100 && !jobPage.contains("新建核查任务"); i++) {
            Thread.sleep(100);
            jobPage = browser.get(URI.create(location).getPath(), null).body();
        }
        assertThat(jobPage).contains("共 1 行：新增 1").contains("新建核查任务 1 个");

        UUID task = (UUID) tasks(room).get(0).get("id");
        String taskPage = "/verification-tasks/" + task;
        Map<String, String> form = new HashMap<>();
        form.put("_csrf", browser.csrfFrom(taskPage));
        form.put("finding", "VACANT");
        form.put("note", "门锁已换，无人居住");
        HttpResponse<String> resolved = browser.form(taskPage + "/resolve", form);
        assertThat(resolved.statusCode()).isEqualTo(302);
        String after = browser.get(taskPage, null).body();
        assertThat(after).contains("已办结").contains("空置，房间已标记空置").contains("门锁已换，无人居住");
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(room).query(Boolean.class).single()).isTrue();
    }

    @Test
    void aRowMayNameItsPlaceByTheStandardAddress() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        String house = "江苏省连云港市东海县房山镇吴场村1组" + UUID.randomUUID().toString().substring(0, 8) + "号";
        UUID address = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)").params(address, grid, house).update();
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = fx.room(building, 1, "101");
        String flat = "江苏省连云港市东海县房山镇" + buildingName(building) + "101室";
        UUID flatAddress = UUID.randomUUID();
        jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)").params(flatAddress, grid, flat).update();
        jdbc.sql("UPDATE room SET address_id = ? WHERE id = ?").params(flatAddress, room).update();

        JsonNode job = importAndWait("officer", HEADER + "\n"
                + row("水", LAST, "", "", "", "", "\"" + house + "\"", "", "7") + "\n"
                + row("水", LAST, "", "", "", "", flat, "", "0.2") + "\n"
                + row("水", LAST, "FS-1-01", buildingName(building), "1", "101", house, "", "0.2") + "\n", false);
        assertThat(job.path("createdRows").asLong()).isEqualTo(2);
        assertThat(job.path("failedRows").asLong()).isEqualTo(1);
        // an address no room carries is the place itself; the address of a flat is its room
        assertThat(jdbc.sql("SELECT count(*) FROM utility_reading WHERE address_id = ? AND room_id IS NULL").param(address)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(readings(room)).isEqualTo(1);
        assertThat(errors("officer", job.path("id").asText())).contains("地址: 地址与房屋不是同一处");
        // nobody is registered at the house, and 7 m³ were used: a task for the address
        assertThat(jdbc.sql("SELECT kind FROM verification_task WHERE address_id = ?").param(address)
                .query(String.class).list()).containsExactly("UNREGISTERED_USE");
        assertThat(fx.get("officer", "/api/v1/utility-readings?addressId=" + address).body()).hasSize(1);
        assertThat(fx.get("officer2", "/api/v1/utility-readings?addressId=" + address).status()).isEqualTo(404);

        // found empty: an address has no room to mark, so the conclusion does not say one was marked
        UUID task = jdbc.sql("SELECT id FROM verification_task WHERE address_id = ?").param(address).query(UUID.class).single();
        assertThat(fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/resolve",
                Map.of("finding", "VACANT", "note", "现场无人居住")).status()).isEqualTo(200);
        String page = new ApiClient(port).get("/verification-tasks/" + task, token("officer")).body();
        // the page is headed by the place the grid member goes to, as the list names it
        assertThat(page).contains("<h1>" + house + "</h1>");
        assertThat(page).contains("空置（无人居住、无人登记）", "id=\"task-finding-note\">现场无人居住<")
                .doesNotContain("已标记空置");
    }

    @Test
    void useInTheMonthTheResidentsLeftIsTheirsAndOpensNoTask() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = buildingName(building);
        UUID movedOut = fx.room(building, 1, "101");
        UUID longGone = fx.room(building, 1, "102");
        UUID family = resident(grid, fx.household(grid, movedOut, false, false), "周戊");
        UUID earlier = resident(grid, fx.household(grid, longGone, false, false), "吴己");
        // the family moved out on the 20th of last month; the other left the month before
        jdbc.sql("UPDATE person SET residence = 'LEFT', left_on = ? WHERE id = ?").params(LAST.atDay(20), family)
                .update();
        jdbc.sql("UPDATE person SET residence = 'LEFT', left_on = ? WHERE id = ?")
                .params(LAST.minusMonths(1).atEndOfMonth(), earlier).update();

        JsonNode job = importAndWait("officer", HEADER + "\n"
                + row("电", LAST, "FS-1-01", name, "1", "101", "", "", "150") + "\n"
                + row("电", LAST, "FS-1-01", name, "1", "102", "", "", "150") + "\n", false);
        assertThat(job.path("createdRows").asLong()).isEqualTo(2);
        assertThat(tasks(movedOut)).as("they lived there for twenty days of that month").isEmpty();
        assertThat(tasks(longGone)).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("kind", "UNREGISTERED_USE"));
    }

    @Test
    void monthsWithoutUseBeforeTheResidentsRegisteredOpenNoTask() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        // a tenant registered this month, as floating residents do when they move in: the empty months before
        // him are not his
        UUID tenant = resident(grid, fx.household(grid, room, false, false), "郑庚");
        jdbc.sql("UPDATE person SET residence = 'FLOATING', registered_on = ? WHERE id = ?")
                .params(LAST.plusMonths(1).atDay(1), tenant).update();
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 2; i >= 0; i--) {
            csv.append(row("水", LAST.minusMonths(i), "FS-1-01", name, "1", "101", "", "", "0.1")).append('\n');
            csv.append(row("电", LAST.minusMonths(i), "FS-1-01", name, "1", "101", "", "", "4")).append('\n');
        }
        assertThat(importAndWait("officer", csv.toString(), false).path("createdRows").asLong()).isEqualTo(6);
        assertThat(tasks(room)).isEmpty();
    }

    List<String> historyOf(UUID task) {
        List<String> actions = new ArrayList<>();
        fx.get("officer", "/api/v1/verification-tasks/" + task).body().get("history")
                .forEach(e -> actions.add(e.get("action").asText()));
        return actions;
    }

    @Test
    void aCorrectedReadingGivesTheOpenTaskTheReasonOfNowAndItsHistorySaysSo() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        UUID task = openTask(room, name);
        assertThat(fx.get("officer", "/api/v1/verification-tasks/" + task).body().at("/task/reason").asText())
                .contains("用电 200 kWh");

        // the supplier corrects the month: little power, but water enough for someone living there
        long seq = auditSeq();
        importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", name, "1", "101", "", "", "3") + "\n"
                + row("水", LAST, "FS-1-01", name, "1", "101", "", "", "4.5") + "\n", false);
        JsonNode detail = fx.get("officer", "/api/v1/verification-tasks/" + task).body();
        assertThat(detail.at("/task/status").asText()).isEqualTo("ASSIGNED");
        assertThat(detail.at("/task/reason").asText()).as("the figure the readings below it show")
                .contains("用水 4.5 m³").doesNotContain("200");
        assertThat(historyOf(task)).containsExactly("OPENED", "ASSIGNED", "REVISED");
        assertThat(jdbc.sql("""
                SELECT after->>'reasonArgs' FROM audit_entry WHERE seq > ? AND record_type = 'verification-task'
                  AND record_id = ? AND action = 'UPDATE' AND actor = 'officer'""")
                .params(seq, task.toString()).query(String.class).single()).contains("WATER", "4.5");

        // corrected once more, below what anyone living there uses: the task says so, for the grid member to close
        importAndWait("officer", HEADER + "\n" + row("水", LAST, "FS-1-01", name, "1", "101", "", "", "0.2") + "\n", false);
        detail = fx.get("officer", "/api/v1/verification-tasks/" + task).body();
        assertThat(detail.at("/task/reason").asText()).isEqualTo(LAST + " 各项用量均未超过有人居住阈值");
        assertThat(fx.get("officer", "/api/v1/verification-tasks/" + task, "Accept-Language", "en").body()
                .get("history").get(2).get("action").asText()).isEqualTo("REVISED");
        String page = new ApiClient(port).get("/verification-tasks/" + task, token("officer")).body();
        assertThat(page).contains("依新读数重新判断，原因已更新");

        // the same file again changes nothing
        importAndWait("officer", HEADER + "\n" + row("水", LAST, "FS-1-01", name, "1", "101", "", "", "0.2") + "\n", false);
        assertThat(historyOf(task)).containsExactly("OPENED", "ASSIGNED", "REVISED", "REVISED");
    }

    @Test
    void aTaskOverSeveralMonthsIsJudgedOnAllOfThemWhenItsLastMonthIsCorrected() throws Exception {
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        // power used in an empty room three months running: one task, opened and extended twice
        String[] power = {"150", "160", "170"};
        for (int i = 2; i >= 0; i--) {
            importAndWait("officer", HEADER + "\n" + row("电", LAST.minusMonths(i), "FS-1-01", name, "1", "101", "", "",
                    power[2 - i]) + "\n", false);
        }
        assertThat(tasks(room)).singleElement().satisfies(t -> {
            assertThat(t.get("period_from").toString()).isEqualTo(LAST.minusMonths(2).atDay(1).toString());
            assertThat(t.get("period_to").toString()).isEqualTo(LAST.atDay(1).toString());
        });
        UUID task = (UUID) tasks(room).get(0).get("id");

        // the supplier corrects the last month to almost nothing: the two months before it still want explaining
        importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", name, "1", "101", "", "", "3") + "\n", false);
        JsonNode detail = fx.get("officer", "/api/v1/verification-tasks/" + task).body();
        assertThat(detail.at("/task/status").asText()).isEqualTo("ASSIGNED");
        assertThat(detail.at("/task/reason").asText()).as("the latest of its months still above the threshold")
                .isEqualTo(LAST.minusMonths(1) + " 用电 160 kWh，高于有人居住阈值 30 kWh，该处无登记住户");
        assertThat(historyOf(task)).containsExactly("OPENED", "ASSIGNED", "EXTENDED", "EXTENDED", "REVISED");

        // corrected in every month: now nothing is wrong, in the words of its last month
        importAndWait("officer", HEADER + "\n" + row("电", LAST.minusMonths(2), "FS-1-01", name, "1", "101", "", "", "2")
                + "\n" + row("电", LAST.minusMonths(1), "FS-1-01", name, "1", "101", "", "", "2") + "\n", false);
        assertThat(fx.get("officer", "/api/v1/verification-tasks/" + task).body().at("/task/reason").asText())
                .isEqualTo(LAST + " 各项用量均未超过有人居住阈值");
    }

    @Test
    void aFileListingTheNewestMonthFirstTakesLastMonthsMeterReadingFromALaterRow() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        resident(grid, fx.household(grid, room, false, false), "钱辛");
        String csv = HEADER + "\n"
                + row("电", LAST, "FS-1-01", name, "1", "101", "", "1090.5", "") + "\n"
                + row("电", LAST.minusMonths(1), "FS-1-01", name, "1", "101", "", "1000", "80") + "\n";
        JsonNode job = importAndWait("officer", csv, false);
        assertThat(job.path("failedRows").asLong()).isZero();
        assertThat(job.path("createdRows").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT consumption FROM utility_reading WHERE room_id = ? AND month = ?")
                .params(room, LAST.atDay(1)).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("90.5");
    }

    @Test
    void valuesAreReadWithTheirUtilitysUnitAndCommasBetweenThousandsButNoCommaForAPoint() throws Exception {
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = buildingName(building);
        UUID room = fx.room(building, 1, "101");
        resident(grid, fx.household(grid, room, false, false), "孙壬");
        YearMonth m1 = LAST.minusMonths(1);
        YearMonth m2 = LAST.minusMonths(2);
        String csv = HEADER + "\n"
                + row("电", m2, "FS-1-01", name, "1", "101", "", "", "182度") + "\n"
                + row("电", m1, "FS-1-01", name, "1", "101", "", "", "\"1,234.5 kWh\"") + "\n"
                + row("水", m2, "FS-1-01", name, "1", "101", "", "", "6.5吨") + "\n"
                + row("气", m2, "FS-1-01", name, "1", "101", "", "", "3.2 m³") + "\n"
                + row("水", m1, "FS-1-01", name, "1", "101", "", "", "\"12,5\"") + "\n"
                + row("气", m1, "FS-1-01", name, "1", "101", "", "", "5 kWh") + "\n";
        JsonNode job = importAndWait("officer", csv, false);
        assertThat(job.path("createdRows").asLong()).isEqualTo(4);
        assertThat(job.path("failedRows").asLong()).isEqualTo(2);
        Map<String, java.math.BigDecimal> stored = new HashMap<>();
        jdbc.sql("SELECT utility, month, consumption FROM utility_reading WHERE room_id = ?").param(room)
                .query((java.sql.ResultSet rs) -> {
                    stored.put(rs.getString(1) + " " + YearMonth.from(rs.getObject(2, java.time.LocalDate.class)),
                            rs.getBigDecimal(3));
                });
        assertThat(stored).hasSize(4);
        assertThat(stored.get("POWER " + m2)).isEqualByComparingTo("182");
        assertThat(stored.get("POWER " + m1)).isEqualByComparingTo("1234.5");
        assertThat(stored.get("WATER " + m2)).isEqualByComparingTo("6.5");
        assertThat(stored.get("GAS " + m2)).isEqualByComparingTo("3.2");
        assertThat(stored).as("12,5 is no 125").doesNotContainKey("WATER " + m1);

        List<String> lines = List.of(errors("officer", job.path("id").asText()).replace("\uFEFF", "").split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("6,水,").contains("用量: 无法识别的数值“12,5”：小数点请写作“.”（如 12.5）");
        assertThat(lines.get(2)).startsWith("7,气,").contains("用量: “5 kWh”的单位不是用气的单位（应为 m³）");
    }
}
