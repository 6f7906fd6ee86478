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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
 * The 类别 (categories) column of a persons import, in the words the export writes it: a file with the column sets
 * each person's categories to what his cell lists, a file without it leaves them alone; a key person added so is a
 * key person from the day of the import, visited at the rhythm of one not yet assessed; a word that is no category
 * refuses its row, in the user's language, and nothing of that row is written.
 */
class PersonImportCategoriesIntegrationTests extends IntegrationTest {

    static final String HEADERS = "姓名,身份证号,性别,网格编码,居住类型,职业";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String officer;
    String tag;
    LocalDate today;

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        tag = UUID.randomUUID().toString().substring(0, 4);
        today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    static byte[] csv(String headers, String... rows) {
        return ("\uFEFF" + headers + "\n" + String.join("\n", rows) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static String row(String... cells) {
        return String.join(",", cells);
    }

    JsonNode imported(byte[] file, boolean dryRun) throws Exception {
        JsonNode job = ImportIntegrationTests.importAndWait(api, port, officer, "persons.csv", file, dryRun,
                Duration.ofSeconds(30));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("DONE");
        return job;
    }

    UUID person(String name) {
        return jdbc.sql("SELECT id FROM person WHERE name = ?").param(name).query(UUID.class).single();
    }

    List<String> categories(UUID person) {
        return jdbc.sql("""
                SELECT category || coalesce(':' || subtype, '') FROM person_category WHERE person_id = ? ORDER BY 1""")
                .param(person).query(String.class).list();
    }

    String occupation(UUID person) {
        return jdbc.sql("SELECT occupation FROM person WHERE id = ?").param(person).query(String.class).single();
    }

    @Test
    void aKeyPersonTypeWrittenInTheColumnMakesHimAKeyPersonFromTodayAndAFileWithoutTheColumnLeavesHimOne()
            throws Exception {
        String name = "类别甲" + tag;
        String number = TestIdentityNumbers.next(Sex.MALE);
        assertThat(imported(csv(HEADERS, row(name, number, "男", "FS-1-01", "常住", "农民")), false)
                .path("createdRows").asLong()).isEqualTo(1);
        UUID id = person(name);
        // registered long ago: were his rhythm counted from then, he would be overdue the day he became a key person
        jdbc.sql("UPDATE person SET created_at = now() - interval '120 days' WHERE id = ?").param(id).update();

        JsonNode keyPerson = imported(csv(HEADERS + ",类别", row(name, number, "男", "FS-1-01", "常住", "农民", "涉毒人员")), false);
        assertThat(keyPerson.path("updatedRows").asLong()).as(keyPerson.toString()).isEqualTo(1);
        assertThat(categories(id)).containsExactly("KEY_PERSON:DRUG");
        JsonNode care = ApiClient.json(api.get("/api/v1/key-persons/" + id, officer));
        assertThat(care.path("person").path("type").asText()).isEqualTo("DRUG");
        assertThat(care.path("rhythm").path("countedFrom").asText()).isEqualTo(today.toString());
        assertThat(care.path("rhythm").path("overdue").asBoolean()).isFalse();
        assertThat(care.path("person").hasNonNull("risk")).as("not assessed yet").isFalse();
        assertThat(ApiClient.json(api.get("/api/v1/key-persons?size=200", officer)).path("items")
                .findValuesAsText("personId")).contains(id.toString());
        String job = keyPerson.path("id").asText();
        String audit = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE action = 'IMPORT' AND record_type = 'person-batch' AND record_id = ?""")
                .param(job).query(String.class).single();
        assertThat(audit).contains(id.toString(), "KEY_PERSON:DRUG");

        // the grid chief assesses him; a file naming him with another type keeps his risk and his day
        jdbc.sql("UPDATE person_category SET risk = 'MEDIUM', since = DATE '2025-01-02' WHERE person_id = ?").param(id).update();
        assertThat(imported(csv(HEADERS + ",类别", row(name, number, "男", "FS-1-01", "常住", "农民", "涉稳人员")), false)
                .path("updatedRows").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT subtype || ' ' || risk || ' ' || since FROM person_category WHERE person_id = ?")
                .param(id).query(String.class).single()).isEqualTo("STABILITY MEDIUM 2025-01-02");

        // a file without the column changes what it has and leaves his categories as they are
        JsonNode without = imported(csv(HEADERS, row(name, number, "男", "FS-1-01", "常住", "个体经营")), false);
        assertThat(without.path("updatedRows").asLong()).isEqualTo(1);
        assertThat(occupation(id)).isEqualTo("个体经营");
        assertThat(categories(id)).containsExactly("KEY_PERSON:STABILITY");

        // the same cell again changes nothing; nor does a blank cell (a file made from the template says nothing of
        // categories); "无" takes every category away
        JsonNode same = imported(csv(HEADERS + ",类别", row(name, number, "男", "FS-1-01", "常住", "个体经营", "涉稳人员")), false);
        assertThat(same.path("unchangedRows").asLong()).as(same.toString()).isEqualTo(1);
        assertThat(same.path("updatedRows").asLong()).isZero();
        JsonNode blank = imported(csv(HEADERS + ",类别", row(name, number, "男", "FS-1-01", "常住", "个体经营", "")), false);
        assertThat(blank.path("unchangedRows").asLong()).as(blank.toString()).isEqualTo(1);
        assertThat(categories(id)).containsExactly("KEY_PERSON:STABILITY");
        JsonNode none = imported(csv(HEADERS + ",类别", row(name, number, "男", "FS-1-01", "常住", "个体经营", "无")), false);
        assertThat(none.path("updatedRows").asLong()).isEqualTo(1);
        assertThat(categories(id)).isEmpty();
        assertThat(api.get("/api/v1/key-persons/" + id, officer).statusCode()).isEqualTo(404);
    }

    @Test
    void aWordThatIsNoCategoryRefusesItsRowInTheUsersLanguageAndWritesNothingOfIt() throws Exception {
        String child = "类别乙" + tag;
        String other = "类别丙" + tag;
        String childNumber = TestIdentityNumbers.child(Sex.FEMALE);
        String otherNumber = TestIdentityNumbers.next(Sex.MALE);
        imported(csv(HEADERS + ",类别", row(child, childNumber, "女", "FS-1-01", "常住", "学生", "留守儿童"),
                row(other, otherNumber, "男", "FS-1-01", "常住", "农民", "")), false);
        UUID childId = person(child);
        UUID otherId = person(other);
        assertThat(categories(childId)).containsExactly("LEFT_BEHIND_CHILD");

        // 涉黑人员 is no category here: refused with the words that are; the row beside it is imported
        byte[] file = csv(HEADERS + ",类别", row(child, childNumber, "女", "FS-1-01", "常住", "无业", "留守儿童、涉黑人员"),
                row(other, otherNumber, "男", "FS-1-01", "常住", "工人", "困难群众"));
        JsonNode dry = imported(file, true);
        assertThat(dry.path("failedRows").asLong()).as(dry.toString()).isEqualTo(1);
        assertThat(dry.path("updatedRows").asLong()).isEqualTo(1);
        assertThat(problems(dry.path("id").asText(), "zh")).singleElement().asString()
                .contains("类别", "涉黑人员", "涉毒人员", "留守儿童");
        assertThat(categories(otherId)).as("a dry run writes nothing").isEmpty();

        JsonNode job = imported(file, false);
        assertThat(job.path("failedRows").asLong()).isEqualTo(1);
        assertThat(job.path("updatedRows").asLong()).isEqualTo(1);
        assertThat(occupation(childId)).as("nothing of the refused row").isEqualTo("学生");
        assertThat(categories(childId)).containsExactly("LEFT_BEHIND_CHILD");
        assertThat(occupation(otherId)).isEqualTo("工人");
        assertThat(categories(otherId)).containsExactly("IN_DIFFICULTY");

        JsonNode english = ApiClient.JSON.readTree(upload(file, "en").body());
        JsonNode englishJob = waitFor(english.path("id").asText());
        assertThat(problems(englishJob.path("id").asText(), "en")).singleElement().asString()
                .contains("Unknown category: 涉黑人员", "Drug-involved", "Left-behind child");

        // a person is one key person, of one type
        JsonNode two = imported(csv(HEADERS + ",类别", row(other, otherNumber, "男", "FS-1-01", "常住", "工人", "涉毒人员、涉稳人员")), false);
        assertThat(two.path("failedRows").asLong()).isEqualTo(1);
        assertThat(problems(two.path("id").asText(), "zh")).singleElement().asString()
                .contains("一种重点人口类型", "涉毒人员", "涉稳人员");
        assertThat(categories(otherId)).containsExactly("IN_DIFFICULTY");
    }

    @Test
    void aLeftBehindChildOf16OrOlderRefusesItsRowInTheUsersLanguageAndTheChildBesideItIsImported() throws Exception {
        String adult = "类别成" + tag;
        String child = "类别童" + tag;
        String adultNumber = TestIdentityNumbers.of("320722", today.minusYears(16), 7, Sex.MALE);
        byte[] file = csv(HEADERS + ",类别", row(adult, adultNumber, "男", "FS-1-01", "常住", "学生", "留守儿童"),
                row(child, TestIdentityNumbers.child(Sex.FEMALE), "女", "FS-1-01", "常住", "学生", "留守儿童"));
        JsonNode job = imported(file, false);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(problems(job.path("id").asText(), "zh")).singleElement().asString()
                .contains("留守儿童须未满16周岁", today.minusYears(16).toString());
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(adult).query(Long.class).single())
                .as("nothing of the refused row").isZero();
        assertThat(categories(person(child))).containsExactly("LEFT_BEHIND_CHILD");

        JsonNode english = waitFor(ApiClient.JSON.readTree(upload(csv(HEADERS + ",类别",
                row(adult, adultNumber, "男", "FS-1-01", "常住", "学生", "留守儿童")), "en").body()).path("id").asText());
        assertThat(problems(english.path("id").asText(), "en")).singleElement().asString()
                .contains("A left-behind child is under 16");
    }

    @Test
    void aLeftBehindChildWithoutBirthDateOrIdentityNumberRefusesItsRowInTheUsersLanguage() throws Exception {
        String unknown = "无龄童" + tag;
        String child = "有龄童" + tag;
        byte[] file = csv(HEADERS + ",类别", row(unknown, "", "男", "FS-1-01", "常住", "学生", "留守儿童"),
                row(child, TestIdentityNumbers.child(Sex.FEMALE), "女", "FS-1-01", "常住", "学生", "留守儿童"));
        JsonNode job = imported(file, false);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(problems(job.path("id").asText(), "zh")).singleElement().asString()
                .contains("留守儿童须未满16周岁：请填写出生日期或身份证号码");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(unknown).query(Long.class).single())
                .as("nothing of the refused row").isZero();
        assertThat(categories(person(child))).containsExactly("LEFT_BEHIND_CHILD");

        JsonNode english = waitFor(ApiClient.JSON.readTree(upload(csv(HEADERS + ",类别",
                row(unknown, "", "男", "FS-1-01", "常住", "学生", "留守儿童")), "en").body()).path("id").asText());
        assertThat(problems(english.path("id").asText(), "en")).singleElement().asString()
                .contains("A left-behind child is under 16: give the birth date or the identity number");
    }

    @Test
    void anElderlyPersonLivingAloneWithoutBirthDateOrIdentityNumberRefusesItsRowInTheUsersLanguage() throws Exception {
        String unknown = "无龄老" + tag;
        String elder = "有龄老" + tag;
        byte[] file = csv(HEADERS + ",类别", row(unknown, "", "女", "FS-1-01", "常住", "", "独居老人"),
                row(elder, TestIdentityNumbers.elderly(Sex.FEMALE), "女", "FS-1-01", "常住", "", "独居老人"));
        JsonNode job = imported(file, false);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(problems(job.path("id").asText(), "zh")).singleElement().asString()
                .contains("独居老人须年满60周岁：请填写出生日期或身份证号码");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(unknown).query(Long.class).single())
                .as("nothing of the refused row").isZero();
        assertThat(categories(person(elder))).containsExactly("ELDERLY_ALONE");

        JsonNode english = waitFor(ApiClient.JSON.readTree(upload(csv(HEADERS + ",类别",
                row(unknown, "", "女", "FS-1-01", "常住", "", "独居老人")), "en").body()).path("id").asText());
        assertThat(problems(english.path("id").asText(), "en")).singleElement().asString()
                .contains("An elderly person living alone is 60 or older: give the birth date or the identity number");
    }

    @Test
    void elderlyLivingAloneUnder60RefusesItsRowInTheUsersLanguageAndTheElderBesideItIsImported() throws Exception {
        String young = "独居少" + tag;
        String elder = "独居老" + tag;
        String youngNumber = TestIdentityNumbers.child(Sex.MALE);
        String born = youngNumber.substring(6, 10) + "-" + youngNumber.substring(10, 12) + "-"
                + youngNumber.substring(12, 14);
        byte[] file = csv(HEADERS + ",类别", row(young, youngNumber, "男", "FS-1-01", "常住", "学生", "独居老人、困难群众"),
                row(elder, TestIdentityNumbers.elderly(Sex.FEMALE), "女", "FS-1-01", "常住", "", "独居老人"));
        JsonNode job = imported(file, false);
        assertThat(job.path("failedRows").asLong()).as(job.toString()).isEqualTo(1);
        assertThat(job.path("createdRows").asLong()).isEqualTo(1);
        assertThat(problems(job.path("id").asText(), "zh")).singleElement().asString()
                .contains("独居老人须年满60周岁", born);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(young).query(Long.class).single())
                .as("nothing of the refused row").isZero();
        assertThat(categories(person(elder))).containsExactly("ELDERLY_ALONE");

        JsonNode english = waitFor(ApiClient.JSON.readTree(upload(csv(HEADERS + ",类别",
                row(young, youngNumber, "男", "FS-1-01", "常住", "学生", "独居老人")), "en").body()).path("id").asText());
        assertThat(problems(english.path("id").asText(), "en")).singleElement().asString()
                .contains("An elderly person living alone is 60 or older", born);
    }

    @Test
    void newPersonsComeWithTheirCategoriesReadFromChineseOrEnglishHeadersNamesAndSeparators() throws Exception {
        String a = "类别丁" + tag;
        String b = "Leibie" + tag;
        JsonNode chinese = imported(csv(HEADERS + ",类别", row(a, TestIdentityNumbers.elderly(Sex.FEMALE), "女",
                "FS-1-01", "常住", "", "独居老人，困难群众")), false);
        assertThat(chinese.path("createdRows").asLong()).as(chinese.toString()).isEqualTo(1);
        assertThat(categories(person(a))).containsExactly("ELDERLY_ALONE", "IN_DIFFICULTY");

        JsonNode english = imported(csv("name,idNumber,sex,gridCode,residence,categories", row(b,
                TestIdentityNumbers.child(Sex.MALE), "male", "FS-1-01", "PERMANENT", "\"left-behind child; Mentally ill with incidents\"")), false);
        assertThat(english.path("createdRows").asLong()).as(english.toString()).isEqualTo(1);
        assertThat(categories(person(b))).containsExactly("KEY_PERSON:MENTAL", "LEFT_BEHIND_CHILD");
    }

    HttpResponse<byte[]> upload(byte[] content, String language) throws Exception {
        String boundary = "----fq" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"persons.csv\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/imports"))
                .header("Authorization", "Bearer " + officer).header("Accept-Language", language)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        HttpResponse<byte[]> accepted = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(accepted.statusCode()).isEqualTo(202);
        return accepted;
    }

    JsonNode waitFor(String id) throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonNode job = ApiClient.json(api.get("/api/v1/imports/" + id, officer));
            if (job.path("status").asText().equals("DONE") || job.path("status").asText().equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    /** The problems column of the job's error file, one cell per refused row. */
    List<String> problems(String job, String language) throws Exception {
        HttpResponse<byte[]> errors = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/imports/" + job + "/errors"))
                .header("Authorization", "Bearer " + officer).header("Accept-Language", language).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(errors.statusCode()).isEqualTo(200);
        List<String> problems = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(errors.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = sheet.getRow(0).getLastCellNum() - 1;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                problems.add(formatter.formatCellValue(row.getCell(last)));
            }
        }
        return problems;
    }
}
