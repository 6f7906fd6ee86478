package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
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

/** The xlsx export holds what the caller may see, masked, and nothing else. */
class ExportIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    void register(ApiClient api, String token, String name, String grid) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("gridId", jdbc.sql("SELECT id FROM grid WHERE code = ?").param(grid).query(String.class).single());
        body.put("name", name);
        body.put("idNumber", TestIdentityNumbers.next(Sex.MALE));
        body.put("phone", "13912345678");
        body.put("residence", "PERMANENT");
        assertThat(api.send("POST", "/api/v1/persons", token, body).statusCode()).isEqualTo(201);
    }

    @Test
    void anOfficerExportsTheMaskedPersonsOfHisGridsOnly() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        register(api, officer, "导出甲", "FS-1-01");
        register(api, officer2, "导出乙", "NS-1-01");
        HttpResponse<byte[]> response = api.download("/api/v1/persons/export.xlsx", officer);
        assertThat(response.statusCode()).isEqualTo(200);
        long visible = jdbc.sql("""
                SELECT count(*) FROM person p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE (SELECT su.path || '%' FROM staff s JOIN unit su ON su.id = s.unit_id
                                   WHERE s.username = 'officer')""")
                .query(Long.class).single();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名");
            assertThat((long) sheet.getLastRowNum()).isEqualTo(visible);
            Set<String> grids = new HashSet<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                grids.add(row.getCell(6).getStringCellValue().substring(0, 3));
                if (row.getCell(1) != null) {
                    assertThat(row.getCell(1).getStringCellValue()).matches("[0-9]{6}\\*{8}[0-9]{3}[0-9X]");
                }
                if (row.getCell(5) != null) {
                    assertThat(row.getCell(5).getStringCellValue()).matches("1[0-9]{2}\\*{4}[0-9]{4}");
                }
            }
            // his station's demo grids (and test grids under his office), never officer2's station's (NS-)
            assertThat(grids).contains("FS-").doesNotContain("NS-");
        }
        assertThat(visible).isPositive();
    }
}
