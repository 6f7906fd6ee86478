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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A birth date is a day that has been: one typed without an identity number (whose own date is checked) may not be to
 * come, on the API as in an import; and an import refuses a day its month does not have (1980-02-30) instead of
 * storing the month's last day in its place.
 */
class ImpossibleBirthDatesIntegrationTests extends IntegrationTest {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    long named(String name) {
        return jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name).query(Long.class).single();
    }

    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 4);
    }

    @Test
    void aPersonBornOnADayToComeIsRefusedInTheCallersLanguageAndNothingIsRegistered() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        String name = name("未生");
        LocalDate tomorrow = LocalDate.now(LOCAL).plusDays(1);

        HousingFixtures.Answer zh = fx.call("officer", "POST", "/api/v1/persons",
                Map.of("gridId", grid, "name", name, "sex", "MALE", "birthDate", tomorrow.toString()));
        assertThat(zh.status()).as(String.valueOf(zh.body())).isEqualTo(400);
        assertThat(HousingFixtures.errors(zh.body())).containsEntry("birthDate", "日期不能晚于今天");
        HousingFixtures.Answer en = fx.call("officer", "POST", "/api/v1/persons",
                Map.of("gridId", grid, "name", name, "sex", "MALE", "birthDate", "2099-01-01"), "Accept-Language", "en");
        assertThat(en.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(en.body())).containsEntry("birthDate", "The date may not be after today");
        assertThat(named(name)).isZero();

        // a change to such a day is refused as well, the person as he was
        HousingFixtures.Answer born = fx.call("officer", "POST", "/api/v1/persons",
                Map.of("gridId", grid, "name", name, "sex", "MALE", "birthDate", "1980-05-06"));
        assertThat(born.status()).as(String.valueOf(born.body())).isEqualTo(201);
        HousingFixtures.Answer changed = fx.call("officer", "PUT", "/api/v1/persons/" + born.body().get("id").asText(),
                Map.of("gridId", grid, "name", name, "sex", "MALE", "birthDate", tomorrow.toString()));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT birth_date FROM person WHERE name = ?").param(name).query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(1980, 5, 6));
    }

    @Test
    void anImportRefusesABirthDateItsMonthDoesNotHaveOrToComeAndNamesItInTheErrorFile() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String good = name("导入好");
        String february = name("二月");
        String slashes = name("斜线");
        String future = name("将来");
        String csv = "\uFEFF姓名,性别,出生日期,网格编码,居住类型\n"
                + good + ",女,1980-2-29,FS-1-01,常住\n"
                + february + ",女,1980-02-30,FS-1-01,常住\n"
                + slashes + ",男,1981/2/29,FS-1-01,常住\n"
                + future + ",男," + LocalDate.now(LOCAL).plusYears(1) + ",FS-1-01,常住\n";

        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, "dates.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(20));
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT birth_date FROM person WHERE name = ?").param(good).query(LocalDate.class).single())
                .isEqualTo(LocalDate.of(1980, 2, 29));
        assertThat(named(february) + named(slashes) + named(future)).isZero();

        HttpResponse<byte[]> errors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/imports/" + job.path("id").asText() + "/errors"))
                .header("Authorization", "Bearer " + officer).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(errors.statusCode()).isEqualTo(200);
        List<String> problems = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = sheet.getRow(0).getLastCellNum() - 1;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                problems.add(sheet.getRow(r).getCell(1).getStringCellValue() + " "
                        + sheet.getRow(r).getCell(last).getStringCellValue());
            }
        }
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith(february).contains("无法识别的出生日期：1980-02-30");
        assertThat(problems.get(1)).startsWith(slashes).contains("无法识别的出生日期：1981/2/29");
        assertThat(problems.get(2)).startsWith(future).contains("日期不能晚于今天");
    }
}
