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
import java.util.List;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A persons file written before two grids were merged names the old grid's code: each row filing or moving someone
 * into it is refused saying the grid was retired (in the officer's language), not that the code does not exist, which
 * sent him looking for a typo; a person who still lives on the records there (he moved away before it was retired) is
 * updated where he stands. A grid retired while the import runs is waited for and read again, not filed into.
 */
class PersonImportRetiredGridIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    GridChanges changes;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * A village of the rural central office with a grid of its own far from the demo district, the station chief's
     * token, and the chief as the caller of a retirement run beside an import.
     */
    record Setting(String n, TreeFixtures tree, Community village, Grid grid, Caller retiring, ApiClient api,
            String chief) {
    }

    Setting setting(String tag, String villageName, String gridName) {
        String n = TreeFixtures.unique();
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Unit office = tree.unit("320722010100");
        Community village = tree.village(office, "T-" + tag + "-", villageName);
        Grid grid = tree.grid(village, null, "IT-" + tag + "-", gridName);
        Caller retiring = new Caller(java.util.UUID.randomUUID(), tag.toLowerCase() + n, "所长", "STATION_CHIEF",
                List.of(office.path()), java.util.Set.of());
        ApiClient api = new ApiClient(port);
        return new Setting(n, tree, village, grid, retiring, api, api.token("chief", DEMO_PASSWORD));
    }

    /** The grid retired by the chief through the API, as its page does. */
    static void retire(Setting s, Grid grid) {
        HttpResponse<String> retired = s.api().send("POST", "/api/v1/grids/" + grid.id().value() + "/retirement",
                s.chief(), null);
        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
    }

    @Test
    void aRowNamingARetiredGridIsToldTheGridWasRetiredInChineseAndEnglish() throws Exception {
        Setting s = setting("PI", "导入撤销村", "已并导入网格");
        Grid grid = s.grid();
        retire(s, grid);
        String csv = file(row("迟导" + s.n(), TestIdentityNumbers.next(Sex.MALE), "", grid.code(), "常住"));

        assertThat(problem(s.api(), s.chief(), csv, "zh-CN")).contains("网格 " + grid.code() + "（" + grid.name()
                + "）已撤销，不能再向其中导入人员，请填写其现在所在网格的编码");
        assertThat(problem(s.api(), s.chief(), csv, "en")).contains("Grid " + grid.code() + " (" + grid.name()
                + ") was retired: nobody can be imported into it; give the code of the grid the person lives in now");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ?").param(grid.id().value())
                .query(Long.class).single()).isZero();
    }

    static String row(String name, String idNumber, String phone, String gridCode, String residence) {
        return String.join(",", name, idNumber, "男", phone, gridCode, "", "", residence, "") + "\n";
    }

    static String file(String... rows) {
        return "\uFEFF" + String.join(",", ImportIntegrationTests.HEADERS) + "\n" + String.join("", rows);
    }

    @Test
    void aPersonWhoMovedAwayFromARetiredGridIsUpdatedThereWhileNobodyMovesIntoIt() throws Exception {
        Setting s = setting("PK", "导入保留村", "已并网格");
        String n = s.n();
        Grid retiredGrid = s.grid();
        Grid inUse = s.tree().grid(s.village(), null, "IT-PKU-", "在用网格");
        ApiClient api = s.api();
        String chief = s.chief();
        String leftId = TestIdentityNumbers.next(Sex.MALE);
        String stayingId = TestIdentityNumbers.next(Sex.MALE);
        String returningId = TestIdentityNumbers.next(Sex.MALE);
        register(api, chief, retiredGrid, "迁走" + n, leftId, "LEFT");
        register(api, chief, retiredGrid, "回迁" + n, returningId, "LEFT");
        register(api, chief, inUse, "在住" + n, stayingId, "PERMANENT");
        // he moved away before the grid was retired: a history pointer, which does not keep it in use
        retire(s, retiredGrid);

        String csv = file(row("迁走" + n, leftId, "13912345678", retiredGrid.code(), "离开"),
                row("在住" + n, stayingId, "", retiredGrid.code(), "常住"),
                // nobody lives in a retired grid: one who moved away does not come back to live in it
                row("回迁" + n, returningId, "", retiredGrid.code(), "常住"));
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, chief, "persons.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(30), "Accept-Language", "en");

        assertThat(job.path("updatedRows").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT residence FROM person WHERE name = ?").param("回迁" + n).query(String.class)
                .single()).isEqualTo("LEFT");
        assertThat(jdbc.sql("SELECT phone_masked FROM person WHERE name = ?").param("迁走" + n).query(String.class)
                .single()).isEqualTo("139****5678");
        assertThat(gridOf("在住" + n)).isEqualTo(inUse.id().value());
        assertThat(errors(api, chief, job)).contains("Grid " + retiredGrid.code() + " (" + retiredGrid.name()
                + ") was retired: nobody can be imported into it; give the code of the grid the person lives in now");
    }

    @Test
    void aGridRetiredWhileAnImportFilesIntoItIsWaitedForAndItsRowsAreRefused() throws Exception {
        Setting s = setting("PW", "导入竞争村", "竞争网格");
        Grid grid = s.grid();
        ApiClient api = s.api();
        String chief = s.chief();
        String csv = file(row("迟导" + s.n(), TestIdentityNumbers.next(Sex.MALE), "", grid.code(), "常住"));

        // the import reads the grid in use (the retirement is not committed yet) and waits for it as it writes
        JsonNode job = new Race(jdbc, transactions).run(() -> changes.retire(grid.id(), s.retiring()),
                () -> ImportIntegrationTests.importAndWait(api, port, chief, "persons.csv",
                        csv.getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(30)));

        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("createdRows").asLong()).as(job.toString()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ?").param(grid.id().value())
                .query(Long.class).single()).isZero();
        assertThat(errors(api, chief, job)).contains("网格 " + grid.code() + "（" + grid.name()
                + "）已撤销，不能再向其中导入人员，请填写其现在所在网格的编码");
    }

    @Test
    void aHouseholdPlannedByAnEarlierBatchInAGridRetiredMeanwhileRefusesItsLaterRowsOnTheirRows() throws Exception {
        Setting s = setting("PH", "分批撤销村", "分批撤销网格");
        String n = s.n();
        Grid grid = s.grid();
        ApiClient api = s.api();
        String chief = s.chief();
        // two who moved away: the grid may be retired over them, and both stay on its records
        String joiningId = TestIdentityNumbers.next(Sex.MALE);
        String returningId = TestIdentityNumbers.next(Sex.MALE);
        register(api, chief, grid, "入户" + n, joiningId, "LEFT");
        register(api, chief, grid, "回住" + n, returningId, "LEFT");
        String household = "IT-PH-" + n;
        StringBuilder csv = new StringBuilder(file(String.join(",", "新户" + n, TestIdentityNumbers.next(Sex.MALE), "男",
                "", grid.code(), household, "户主", "常住", "") + "\n"));
        // the first batch's other rows (2,000 rows a batch), each refused at once for a grid code nobody has
        for (int i = 1; i < 2000; i++) {
            csv.append(String.join(",", "补位" + i, "", "男", "", "NONE-" + n, "", "", "常住", "")).append('\n');
        }
        // the second batch: one who left joins the household the first batch planned, one comes back to live there
        csv.append(String.join(",", "入户" + n, joiningId, "男", "", grid.code(), household, "子女", "离开", ""))
                .append('\n');
        csv.append(String.join(",", "回住" + n, returningId, "男", "", grid.code(), "", "", "常住", "")).append('\n');

        // read in use; the first batch waits for the retirement as it writes, the second is planned meanwhile
        JsonNode job = new Race(jdbc, transactions).run(() -> changes.retire(grid.id(), s.retiring()),
                () -> ImportIntegrationTests.importAndWait(api, port, chief, "persons.csv",
                        csv.toString().getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(60)));

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(2002);
        assertThat(job.path("createdRows").asLong() + job.path("updatedRows").asLong()).as(job.toString()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM household WHERE number = ?").param(household).query(Long.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT residence || ':' || coalesce(household_id::text, '-') FROM person "
                + "WHERE grid_id = ? ORDER BY name").param(grid.id().value()).query(String.class).list())
                .as("nobody lives in the retired grid, nobody was put in a household never made")
                .containsExactly("LEFT:-", "LEFT:-");
        String retired = "网格 " + grid.code() + "（" + grid.name() + "）已撤销，不能再向其中导入人员，请填写其现在所在网格的编码";
        List<String> rows = errorRows(api, chief, job);
        assertThat(rows.get(0)).startsWith("2:").contains(retired);
        assertThat(rows.subList(rows.size() - 2, rows.size())).allSatisfy(row -> assertThat(row).contains(retired))
                .extracting(row -> row.substring(0, row.indexOf(':'))).containsExactly("2002", "2003");
    }

    /** Each refused row of the job's error file as its number, a colon and its problems. */
    List<String> errorRows(ApiClient api, String token, JsonNode job) throws Exception {
        HttpResponse<byte[]> errors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/imports/" + job.path("id").asText() + "/errors"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(errors.statusCode()).isEqualTo(200);
        List<String> rows = new java.util.ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.getSheetAt(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
                rows.add((long) row.getCell(0).getNumericCellValue() + ":"
                        + row.getCell(ImportIntegrationTests.HEADERS.length + 1).getStringCellValue());
            }
        }
        return rows;
    }

    void register(ApiClient api, String token, Grid grid, String name, String idNumber, String residence)
            throws Exception {
        java.util.Map<String, Object> person = new java.util.HashMap<>();
        person.put("gridId", grid.id().value().toString());
        person.put("name", name);
        person.put("idNumber", idNumber);
        person.put("sex", "MALE");
        person.put("residence", residence);
        HttpResponse<String> r = api.send("POST", "/api/v1/persons", token, person);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    java.util.UUID gridOf(String name) {
        return jdbc.sql("SELECT grid_id FROM person WHERE name = ?").param(name).query(java.util.UUID.class).single();
    }

    /** The first refused row's problems as the job's error file gives them. */
    String errors(ApiClient api, String token, JsonNode job) throws Exception {
        String first = errorRows(api, token, job).get(0);
        return first.substring(first.indexOf(':') + 1);
    }

    /** The one row's problems as the error file gives them to an officer reading the language. */
    String problem(ApiClient api, String token, String csv, String language) throws Exception {
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, token, "persons.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, Duration.ofSeconds(30), "Accept-Language", language);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        return errors(api, token, job);
    }
}
