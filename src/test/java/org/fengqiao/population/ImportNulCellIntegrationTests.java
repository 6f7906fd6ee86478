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

    private long count(String name, String idNumber) {
        return jdbc.sql("SELECT count(*) FROM person WHERE name LIKE ? AND id_masked = ?")
                .params(name, idNumber.substring(0, 6) + "********" + idNumber.substring(14)).query(Long.class).single();
    }
}
