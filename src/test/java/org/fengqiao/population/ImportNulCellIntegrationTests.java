package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A damaged cell (a NUL character, which PostgreSQL's text cannot hold) refuses its own row with a reason in the
 * error file, as any bad cell does: the other rows are imported. It used to fail the whole job with the database's
 * message.
 */
class ImportNulCellIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCellHoldingANulRefusesItsRowAndTheOthersAreImported() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String good = TestIdentityNumbers.next(Sex.FEMALE);
        String damaged = TestIdentityNumbers.next(Sex.MALE);
        String csv = "\uFEFF姓名,身份证号,性别,电话,网格编码,居住类型\n"
                + "导入完好," + good + ",女,,FS-1-01,常住\n"
                + "导入\u0000损坏," + damaged + ",男,,FS-1-01,常住\n";

        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, "damaged.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(20));

        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).isEqualTo(1);
        assertThat(count("导入完好", good)).isEqualTo(1);
        assertThat(count("导入%损坏", damaged)).isZero();
        HttpResponse<byte[]> errors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/imports/" + job.path("id").asText() + "/errors"))
                .header("Authorization", "Bearer " + officer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(errors.statusCode()).isEqualTo(200);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors.body()))) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat((long) row.getCell(0).getNumericCellValue()).isEqualTo(3);
            assertThat(row.getCell(row.getLastCellNum() - 1).getStringCellValue()).contains("姓名").contains("控制字符");
        }
    }

    @Test
    void aUtilityReadingCellHoldingANulRefusesItsRowAndTheOthersAreImported() throws Exception {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single();
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1).toString();
        String csv = "类别,月份,网格编码,楼栋,单元,房号,用量,供应单位\n"
                + "电," + month + ",FS-1-01," + name + ",1,101,50,供电公司\n"
                + "电," + month + ",FS-1-01," + name + ",1,102,50,供电\u0000公司\n";
        String token = new ApiClient(port).token("officer", DEMO_PASSWORD);
        String boundary = "----fq" + UUID.randomUUID();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\nfalse\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"readings.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/utility-readings/imports"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = ApiClient.json(accepted).path("id").asText();
        JsonNode job = null;
        for (int i = 0; i < 200; i++) {
            job = ApiClient.json(new ApiClient(port).get("/api/v1/utility-readings/imports/" + id, token));
            if (job.path("status").asText().equals("DONE") || job.path("status").asText().equals("FAILED")) {
                break;
            }
            Thread.sleep(100);
        }

        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM utility_reading r JOIN room m ON m.id = r.room_id WHERE m.building_id = ?")
                .param(building).query(Long.class).single()).isEqualTo(1);
    }

    private long count(String name, String idNumber) {
        return jdbc.sql("SELECT count(*) FROM person WHERE name LIKE ? AND id_masked = ?")
                .params(name, idNumber.substring(0, 6) + "********" + idNumber.substring(14)).query(Long.class).single();
    }
}
