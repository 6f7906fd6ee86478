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
import java.util.Random;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A persons file written before two grids were merged names the old grid's code: each such row is refused saying the
 * grid was retired (in the officer's language), not that the code does not exist, which sent him looking for a typo.
 */
class PersonImportRetiredGridIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    @Test
    void aRowNamingARetiredGridIsToldTheGridWasRetiredInChineseAndEnglish() throws Exception {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "T-PI-" + n,
                "导入撤销村" + n, null, null, null);
        // south of the demo district, apart from the grid tests' spots (lat 34.23–34.29)
        double lon = 118.00 + new Random().nextInt(300) / 1000.0;
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-PI-" + n, "已并导入网格" + n,
                "{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + ",34.22],[" + (lon + 0.004) + ",34.22],["
                        + (lon + 0.004) + ",34.224],[" + lon + ",34.224],[" + lon + ",34.22]]]}",
                null, null, null);
        ApiClient api = new ApiClient(port);
        String chief = api.token("chief", DEMO_PASSWORD);
        HttpResponse<String> retired = api.send("POST", "/api/v1/grids/" + grid.id().value() + "/retirement", chief,
                null);
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        String csv = "\uFEFF" + String.join(",", ImportIntegrationTests.HEADERS) + "\n"
                + String.join(",", "迟导" + n, TestIdentityNumbers.next(Sex.MALE), "男", "", "IT-PI-" + n, "", "",
                        "常住", "") + "\n";

        assertThat(problem(api, chief, csv, "zh-CN"))
                .contains("网格 IT-PI-" + n + "（已并导入网格" + n + "）已撤销，不能再向其中导入人员，请填写其现在所在网格的编码");
        assertThat(problem(api, chief, csv, "en")).contains("Grid IT-PI-" + n + " (已并导入网格" + n
                + ") was retired: nobody can be imported into it; give the code of the grid the person lives in now");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ?").param(grid.id().value())
                .query(Long.class).single()).isZero();
    }

    /** The one row's problems as the error file gives them to an officer reading the language. */
    String problem(ApiClient api, String token, String csv, String language) throws Exception {
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, token, "persons.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(30), "Accept-Language", language);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        HttpResponse<byte[]> errors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/imports/" + job.path("id").asText() + "/errors"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(errors.statusCode()).isEqualTo(200);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors.body()))) {
            return workbook.getSheetAt(0).getRow(1).getCell(ImportIntegrationTests.HEADERS.length + 1)
                    .getStringCellValue();
        }
    }
}
