package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.population.ExportIntegrationTests.categories;
import static org.fengqiao.population.ExportIntegrationTests.stored;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
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
 * What the population module writes for a reader of English: the persons export and the import templates are in the
 * English headers and codes the imports read (male, head, permanent, Han, Left-behind child), so an English export
 * imported back by the same reader, as a dry run or for real, changes nothing, and each English template's headers are
 * read by its import; the import's own words about a file (a header missing, the error file) are English too.
 */
class ExportImportInEnglishIntegrationTests extends IntegrationTest {

    static final String[] ENGLISH = {"Accept-Language", "en"};
    /** The persons import's columns by their English names, in the export's order. */
    static final List<String> PERSON_HEADERS = List.of("name", "idNumber", "sex", "birthDate", "ethnicity", "phone",
            "gridCode", "householdNumber", "relation", "residence", "registeredOn", "address", "occupation", "workplace",
            "categories", "personId");
    static final List<String> READING_HEADERS = List.of("utility", "month", "gridCode", "building", "unit", "floor",
            "room", "address", "meter", "reading", "consumption", "supplier");
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anEnglishReadersExportIsInTheImportsEnglishHeadersAndCodesAndImportedBackChangesNothing() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String place = "东海县英文村 " + tag + " 号";
        String household = "EN-" + tag;
        String csv = "\uFEFF" + ExportIntegrationTests.IMPORT_HEADERS + "\n"
                + String.join(",", "英文甲", TestIdentityNumbers.elderly(Sex.MALE), "男", "", "汉", "15800001111", "FS-1-01", household, "户主", "常住", "", place, "农民", "") + "\n"
                + String.join(",", "英文乙", TestIdentityNumbers.next(Sex.FEMALE), "女", "", "回族", "", "FS-1-01", household, "配偶", "常住", "", place, "", "") + "\n"
                + String.join(",", "英文丙", TestIdentityNumbers.next(Sex.MALE), "男", "", "汉", "15800003333", "FS-1-01", household, "女婿", "流动", "2026-01-05", place, "", "东海县某厂") + "\n"
                + String.join(",", "英文丁", "", "女", "2015-06-01", "汉", "", "FS-1-01", household, "子女", "常住", "", place, "学生", "") + "\n";
        JsonNode created = ImportIntegrationTests.importAndWait(api, port, officer, "family.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, PATIENCE);
        assertThat(created.path("createdRows").asLong()).as(created.toString()).isEqualTo(4);
        Object householdId = stored(jdbc, "英文甲", tag).get("household_id");
        jdbc.sql("INSERT INTO person_category (person_id, category) SELECT id, 'LEFT_BEHIND_CHILD' FROM person WHERE name = '英文丁' AND household_id = ?")
                .param(householdId).update();
        jdbc.sql("INSERT INTO person_category (person_id, category) SELECT id, c FROM person, unnest(ARRAY['ELDERLY_ALONE', 'IN_DIFFICULTY']) c WHERE name = '英文甲' AND household_id = ?")
                .param(householdId).update();
        jdbc.sql("""
                INSERT INTO person_category (person_id, category, subtype, risk, since)
                SELECT id, 'KEY_PERSON', 'EX_OFFENDER', 'LOW', DATE '2025-03-01' FROM person WHERE name = '英文丙' AND household_id = ?""")
                .param(householdId).update();
        List<String> names = List.of("英文甲", "英文乙", "英文丙", "英文丁");
        Map<String, Map<String, Object>> before = new HashMap<>();
        Map<String, List<String>> categoriesBefore = new HashMap<>();
        for (String name : names) {
            before.put(name, stored(jdbc, name, tag));
            categoriesBefore.put(name, categories(jdbc, name, tag));
        }
        String search = "/api/v1/persons/export.xlsx?address=" + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8);

        HttpResponse<byte[]> export = api.download(search, officer, ENGLISH);
        assertThat(export.statusCode()).isEqualTo(200);
        byte[] file = export.body();
        assertThat(ExportIntegrationTests.headers(file)).containsExactlyElementsOf(PERSON_HEADERS);
        Map<String, Map<String, String>> byName = new HashMap<>();
        ExportIntegrationTests.rows(file).forEach(r -> byName.put(r.get("name"), r));
        assertThat(byName).containsOnlyKeys(names);
        assertThat(byName.get("英文甲")).containsEntry("sex", "male").containsEntry("relation", "head")
                .containsEntry("residence", "permanent").containsEntry("ethnicity", "Han")
                .containsEntry("householdNumber", household).containsEntry("phone", "158****1111")
                .containsEntry("categories", "Elderly living alone, In difficulty");
        assertThat(byName.get("英文乙")).containsEntry("sex", "female").containsEntry("relation", "spouse")
                .containsEntry("ethnicity", "Hui").containsEntry("categories", "");
        assertThat(byName.get("英文丙")).containsEntry("relation", "child_in_law").containsEntry("residence", "floating")
                .containsEntry("registeredOn", "2026-01-05").containsEntry("categories", "Ex-offender");
        assertThat(byName.get("英文丁")).containsEntry("relation", "child").containsEntry("categories", "Left-behind child");
        for (Map<String, String> row : byName.values()) {
            for (String coded : List.of("sex", "ethnicity", "relation", "residence", "categories")) {
                assertThat(row.get(coded)).as(coded + " in English").doesNotContainPattern("\\p{IsHan}");
            }
        }

        // imported back by the same reader: as a dry run and for real, nothing new, nothing refused, nothing changed
        for (boolean dryRun : List.of(true, false)) {
            JsonNode back = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx", file, dryRun,
                    PATIENCE, ENGLISH);
            assertThat(back.path("status").asText()).as(back.toString()).isEqualTo("DONE");
            assertThat(back.path("failedRows").asLong()).as(back.toString()).isZero();
            assertThat(back.path("createdRows").asLong()).as(back.toString()).isZero();
            assertThat(back.path("updatedRows").asLong()).as(back.toString()).isZero();
            assertThat(back.path("unchangedRows").asLong()).as(back.toString()).isEqualTo(4);
            for (String name : names) {
                assertThat(stored(jdbc, name, tag)).as(name).isEqualTo(before.get(name));
                assertThat(categories(jdbc, name, tag)).as(name).isEqualTo(categoriesBefore.get(name));
            }
        }

        // edited in English, the English words are read as what they say
        byte[] edited = ExportIntegrationTests.edited(ExportIntegrationTests.edited(file, "英文甲", "categories",
                "Drug-involved, Elderly living alone"), "英文丁", "relation", "grandchild");
        JsonNode changed = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx", edited, false,
                PATIENCE, ENGLISH);
        assertThat(changed.path("updatedRows").asLong()).as(changed.toString()).isEqualTo(2);
        assertThat(changed.path("unchangedRows").asLong()).as(changed.toString()).isEqualTo(2);
        assertThat(categories(jdbc, "英文甲", tag)).containsExactly("ELDERLY_ALONE", "KEY_PERSON:DRUG");
        assertThat(stored(jdbc, "英文丁", tag).get("relation")).isEqualTo("GRANDCHILD");

        // a reader of Chinese still gets the Chinese file
        Map<String, String> chinese = ExportIntegrationTests.rows(api.download(search, officer).body()).stream()
                .filter(r -> r.get("姓名").equals("英文甲")).findFirst().orElseThrow();
        assertThat(chinese).containsEntry("性别", "男").containsEntry("与户主关系", "户主").containsEntry("民族", "汉族")
                .containsEntry("类别", "独居老人、涉毒人员");
    }

    @Test
    void thePersonsTemplateInEnglishHasTheEnglishHeadersAndCodesItsImportReads() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<byte[]> template = api.download("/api/v1/imports/template.xlsx", officer, ENGLISH);
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Disposition").orElse(""))
                .contains("persons-import-template.xlsx").doesNotContain("%E6");
        List<String> headers = ExportIntegrationTests.headers(template.body());
        assertThat(headers).containsExactlyElementsOf(PERSON_HEADERS);
        List<Map<String, String>> rows = ExportIntegrationTests.rows(template.body());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("sex", "male").containsEntry("relation", "head")
                .containsEntry("residence", "permanent").containsEntry("ethnicity", "Han");

        JsonNode dry = ImportIntegrationTests.importAndWait(api, port, officer, "template.xlsx", template.body(), true,
                PATIENCE, ENGLISH);
        assertThat(dry.path("status").asText()).as(dry.toString()).isEqualTo("DONE");
        assertThat(dry.path("totalRows").asLong()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.path("failedRows").asLong()).as(dry.toString()).isZero();

        // the Chinese reader's template is as it was
        byte[] chinese = api.download("/api/v1/imports/template.xlsx", officer).body();
        assertThat(ExportIntegrationTests.headers(chinese)).startsWith("姓名", "身份证号", "性别");
        assertThat(ExportIntegrationTests.rows(chinese).get(0)).containsEntry("性别", "男").containsEntry("与户主关系", "户主");
    }

    @Test
    void theReadingsTemplatesInEnglishHaveTheEnglishHeadersTheirImportReads() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        for (String path : List.of("/utility-readings/template.xlsx", "/api/v1/utility-readings/template.xlsx",
                "/utility-readings/template.csv", "/api/v1/utility-readings/template.csv")) {
            HttpResponse<byte[]> template = api.download(path, officer, ENGLISH);
            assertThat(template.statusCode()).as(path).isEqualTo(200);
            assertThat(template.headers().firstValue("Content-Disposition").orElse("")).as(path)
                    .contains("utility-readings-template.");
            boolean xlsx = path.endsWith(".xlsx");
            List<List<String>> rows = xlsx ? UtilityXlsxImportIntegrationTests.rows(template.body())
                    : csvRows(template.body());
            assertThat(rows.get(0)).as(path).containsExactlyElementsOf(READING_HEADERS);
            assertThat(rows).as(path).hasSize(3);
            assertThat(rows.get(1).get(0)).as(path).isEqualTo("power");
            assertThat(rows.get(2).get(0)).as(path).isEqualTo("water");

            // its headers read by the import: the job runs its rows instead of failing on missing headers, and no row
            // is refused for its utility
            JsonNode job = ImportIntegrationTests.importAndWait(api, port, "/api/v1/utility-readings/imports", officer,
                    xlsx ? "readings.xlsx" : "readings.csv", template.body(), true, PATIENCE, ENGLISH);
            assertThat(job.path("status").asText()).as(path + " " + job).isEqualTo("DONE");
            assertThat(job.path("totalRows").asLong()).as(path + " " + job).isEqualTo(2);
            if (job.path("hasErrorFile").asBoolean()) {
                byte[] errors = api.download("/api/v1/utility-readings/imports/" + job.path("id").asText() + "/errors",
                        officer, ENGLISH).body();
                assertThat(UtilityXlsxImportIntegrationTests.rows(errors).toString()).as(path)
                        .doesNotContain("unknown utility").doesNotContain("required");
            }
        }
        byte[] chinese = api.download("/utility-readings/template.xlsx", officer).body();
        assertThat(UtilityXlsxImportIntegrationTests.rows(chinese).get(0)).startsWith("类别", "月份", "网格编码");
        assertThat(UtilityXlsxImportIntegrationTests.rows(chinese).get(1).get(0)).isEqualTo("电");
    }

    @Test
    void theImportSpeaksEnglishToAnEnglishReaderAboutHisFile() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        // a file without its required columns is refused naming them as he writes them
        JsonNode missing = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv",
                "idNumber,sex\n,male\n".getBytes(StandardCharsets.UTF_8), true, PATIENCE, ENGLISH);
        assertThat(missing.path("status").asText()).isEqualTo("FAILED");
        assertThat(missing.path("message").asText()).as(missing.toString()).contains("name").contains("gridCode")
                .doesNotContainPattern("\\p{IsHan}");

        // a rejected row comes back with English headers of its own and its problems in English
        String csv = "name,sex,gridCode\n英文错,x,FS-1-01\n";
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv",
                csv.getBytes(StandardCharsets.UTF_8), true, PATIENCE, ENGLISH);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        byte[] errors = api.download("/api/v1/imports/" + job.path("id").asText() + "/errors", officer, ENGLISH).body();
        assertEnglishErrorFile(errors);
    }

    @Test
    void theErrorFileSpeaksTheLanguageOfWhoeverStartedTheImportWhoeverFetchesIt() throws Exception {
        // an officer who chose English on his profile, importing through the API without naming a language
        jdbc.sql("UPDATE staff SET locale = 'en' WHERE username = 'officer'").update();
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String chief = api.token("chief", DEMO_PASSWORD);
        byte[] file = "name,sex,gridCode\n英文错,x,FS-1-01\n".getBytes(StandardCharsets.UTF_8);

        JsonNode missing = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv",
                "idNumber,sex\n,male\n".getBytes(StandardCharsets.UTF_8), true, PATIENCE);
        assertThat(missing.path("message").asText()).as(missing.toString()).contains("gridCode")
                .doesNotContainPattern("\\p{IsHan}");
        JsonNode english = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv", file, true,
                PATIENCE);
        assertThat(english.path("failedRows").asLong()).as(english.toString()).isEqualTo(1);
        // fetched by his station chief, who reads Chinese: the file is still the officer's English
        byte[] errors = api.download("/api/v1/imports/" + english.path("id").asText() + "/errors", chief).body();
        assertEnglishErrorFile(errors);

        // the chief, whose profile is Chinese, imports the same file: his file is Chinese, fetched in English or not
        JsonNode chinese = ImportIntegrationTests.importAndWait(api, port, chief, "persons.csv", file, true, PATIENCE);
        assertThat(chinese.path("failedRows").asLong()).as(chinese.toString()).isEqualTo(1);
        errors = api.download("/api/v1/imports/" + chinese.path("id").asText() + "/errors", chief, ENGLISH).body();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors))) {
            // his file's English headers named in his language, as the utility import's error file names them
            assertThat(ExportIntegrationTests.headers(errors)).containsExactly("行号", "姓名", "性别", "网格编码", "错误");
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(4).getStringCellValue()).containsPattern("\\p{IsHan}")
                    .doesNotContain("Unreadable");
        }
    }

    /** The error file of the one row {@code 英文错,x,FS-1-01}, in English: its sheet, headers and problem. */
    private static void assertEnglishErrorFile(byte[] errors) throws Exception {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Rejected rows");
            assertThat(ExportIntegrationTests.headers(errors)).containsExactly("Row", "name", "sex", "gridCode", "Problems");
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).contains("sex: Unreadable sex: x (male or female)")
                    .doesNotContainPattern("\\p{IsHan}");
        }
    }

    /** A CSV template's lines as cells: a byte-order mark first, no quoted cells in the templates. */
    static List<List<String>> csvRows(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        return text.substring(1).lines().map(l -> List.of(l.split(",", -1))).toList();
    }
}
