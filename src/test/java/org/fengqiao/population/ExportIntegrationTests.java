package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

/**
 * The xlsx export holds what the caller may see, masked, and nothing else; it is written in the person import's
 * columns and values, so exported and imported back it changes nothing, and edited it updates its persons while
 * their masked numbers keep the stored ones; a category added to or taken from a 类别 cell is added or taken away.
 */
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

    /**
     * The persons list's export link is a page's: with the session, in its language (file name, headers), the
     * reader's jurisdiction only; a search the list cannot read comes back on the list, which says why; signed out,
     * to the sign-in page.
     */
    @Test
    void theListsExportLinkGoesWithTheSessionItsLanguageAndScope() throws Exception {
        String html = "text/html,application/xhtml+xml";
        ApiClient api = new ApiClient(port);
        String name = "页导出" + (char) ('甲' + new java.util.Random().nextInt(200));
        register(api, api.token("officer", DEMO_PASSWORD), name, "FS-1-01");
        String q = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
        ApiClient page = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"export-xlsx\"[^>]*href=\"([^\"]*)\"")
                .matcher(page.get("/persons?q=" + q, null, "Accept", html).body());
        assertThat(link.find()).as("the export link").isTrue();
        String href = link.group(1).replace("&amp;", "&");
        assertThat(href).startsWith("/persons/export.xlsx?q=");
        HttpResponse<byte[]> file = page.download(href, null, "Accept", html);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(java.net.URLEncoder.encode("实有人口台账", java.nio.charset.StandardCharsets.UTF_8) + ".xlsx");
        assertThat(rows(file.body())).extracting(r -> r.get("姓名")).contains(name);

        page.languageCookie("en");
        HttpResponse<byte[]> english = page.download(href, null, "Accept", html, "Accept-Language", "zh-CN");
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("persons.xlsx");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english.body()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("name");
        }
        HttpResponse<byte[]> unreadable = page.download("/persons/export.xlsx?q=x", null, "Accept", html);
        assertThat(unreadable.statusCode()).isEqualTo(302);
        assertThat(unreadable.headers().firstValue("Location").orElseThrow()).endsWith("/persons?q=x");
        assertThat(unreadable.headers().firstValue("Content-Disposition")).isEmpty();

        HttpResponse<byte[]> theirs = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null).download(href,
                null, "Accept", html);
        assertThat(theirs.statusCode()).isEqualTo(200);
        assertThat(rows(theirs.body())).extracting(r -> r.get("姓名")).doesNotContain(name);
        HttpResponse<byte[]> signedOut = new ApiClient(port).download(href, null, "Accept", html);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void theExportOpensWithItsHeaderKeptInViewAndItsNumbersAndAddressesWideEnoughToReadWhole() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        register(api, officer, "宽列甲", "FS-1-01");
        HttpResponse<byte[]> response = api.download("/api/v1/persons/export.xlsx?q="
                + java.net.URLEncoder.encode("宽列甲", java.nio.charset.StandardCharsets.UTF_8), officer);
        assertThat(response.statusCode()).isEqualTo(200);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("宽列甲");
            // the header row stays on screen while the rows scroll under it
            assertThat(sheet.getPaneInformation()).isNotNull();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            // a masked identity number (18 characters), a full address and the person's id read whole as opened
            String idNumber = sheet.getRow(1).getCell(1).getStringCellValue();
            String address = "江苏省连云港市东海县房山镇吴场村1组10号";
            String personId = sheet.getRow(1).getCell(15).getStringCellValue();
            assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo(idNumber.length() * 256);
            assertThat(sheet.getColumnWidth(11)).as("Chinese characters take two widths each")
                    .isGreaterThanOrEqualTo(address.length() * 2 * 256);
            assertThat(sheet.getColumnWidth(15)).isGreaterThanOrEqualTo(personId.length() * 256);
        }
    }

    @Test
    void theExportIsNamedInTheReadersLanguageAndItsAuditEntryNamesTheFiltersItWasAskedFor() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        register(api, officer, "名录甲", "FS-1-01");
        String grid = jdbc.sql("SELECT id::text FROM grid WHERE code = 'FS-1-01'").query(String.class).single();
        String filters = "?q=" + java.net.URLEncoder.encode("名录甲", StandardCharsets.UTF_8) + "&address="
                + java.net.URLEncoder.encode("东海", StandardCharsets.UTF_8) + "&residence=PERMANENT&gridId=" + grid;

        HttpResponse<byte[]> chinese = api.download("/api/v1/persons/export.xlsx" + filters, officer);
        assertThat(chinese.statusCode()).isEqualTo(200);
        assertThat(java.net.URLDecoder.decode(chinese.headers().firstValue("Content-Disposition").orElseThrow(),
                StandardCharsets.UTF_8)).contains("实有人口台账.xlsx");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(chinese.body()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("实有人口");
        }
        Map<String, Object> audited = jdbc.sql("""
                SELECT after::text AS after FROM audit_entry
                WHERE record_type = 'person-export' AND actor = 'officer' ORDER BY seq DESC LIMIT 1""")
                .query().singleRow();
        JsonNode after = ApiClient.JSON.readTree((String) audited.get("after"));
        assertThat(after.path("text").asText()).isEqualTo("名录甲");
        assertThat(after.path("address").asText()).isEqualTo("东海");
        assertThat(after.path("residence").asText()).isEqualTo("PERMANENT");
        assertThat(after.path("gridId").asText()).isEqualTo(grid);
        assertThat(after.path("rows").asLong()).isEqualTo(rows(chinese.body()).size());

        HttpResponse<byte[]> english = api.download("/api/v1/persons/export.xlsx" + filters, officer,
                "Accept-Language", "en");
        assertThat(english.headers().firstValue("Content-Disposition").orElseThrow()).contains("persons.xlsx");
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(english.body()))) {
            assertThat(workbook.getSheetName(0)).isEqualTo("Persons");
        }

        // an identity number searched for is named in the trail by its kind, never written there
        String number = TestIdentityNumbers.next(Sex.MALE);
        assertThat(api.download("/api/v1/persons/export.xlsx?q=" + number, officer).statusCode()).isEqualTo(200);
        String byNumber = jdbc.sql("""
                SELECT after::text FROM audit_entry
                WHERE record_type = 'person-export' AND actor = 'officer' ORDER BY seq DESC LIMIT 1""")
                .query(String.class).single();
        assertThat(byNumber).contains("ID_NUMBER").doesNotContain(number);
    }

    @Test
    void anExportOfLettersTheListReadAsASurnameSpelledOutListsWhatTheListListed() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        // a Latin name whose letters start with wang as if they were initials, and a 王 of his grids
        register(api, officer, "Wang Lee", "FS-1-01");
        register(api, officer, "王导出", "FS-1-01");

        JsonNode listed = ApiClient.json(api.get("/api/v1/persons?q=wang", officer));
        assertThat(listed.path("searchedAs").asText()).isEqualTo("PINYIN");
        List<String> shown = listed.path("items").findValuesAsText("name");
        assertThat(shown).anyMatch(n -> n.startsWith("王") || n.startsWith("汪"));

        HttpResponse<byte[]> response = api.download("/api/v1/persons/export.xlsx?q=wang", officer);
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> exported = rows(response.body()).stream().map(r -> r.get("姓名")).toList();
        // the list's page first, in its order, then the rest of what it counted
        assertThat(exported.size()).isGreaterThanOrEqualTo(shown.size());
        assertThat(exported.subList(0, shown.size())).containsExactlyElementsOf(shown);
        if (listed.path("totalIsLowerBound").asBoolean()) {
            assertThat((long) exported.size()).isGreaterThanOrEqualTo(listed.path("total").asLong());
        } else {
            assertThat((long) exported.size()).isEqualTo(listed.path("total").asLong());
        }
        assertThat(exported).contains("王导出", "Wang Lee")
                .allMatch(n -> n.startsWith("王") || n.startsWith("汪") || n.toLowerCase().contains("wang"));

        // his 王 is not another station's officer's to export
        List<String> theirs = rows(api.download("/api/v1/persons/export.xlsx?q=wang", officer2).body()).stream()
                .map(r -> r.get("姓名")).toList();
        assertThat(theirs).doesNotContain("王导出");
    }

    static final String IMPORT_HEADERS = "姓名,身份证号,性别,出生日期,民族,电话,网格编码,户号,与户主关系,居住类型,登记日期,地址,职业,工作单位";

    /** The first sheet as rows of cells by header, for assertions and for editing a cell before importing again. */
    static List<Map<String, String>> rows(byte[] xlsx) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter(java.util.Locale.ROOT);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.getLastCellNum(); i++) {
                    row.put(header.getCell(i).getStringCellValue(), formatter.formatCellValue(sheet.getRow(r).getCell(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<String> headers(byte[] xlsx) throws Exception {
        List<String> headers = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            workbook.getSheetAt(0).getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
        }
        return headers;
    }

    /** The workbook with one cell of the row of the named person set to a value (a blank value removes the cell). */
    static byte[] edited(byte[] xlsx, String name, String header, String value) throws Exception {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.getSheetAt(0);
            int column = headers(xlsx).indexOf(header);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row.getCell(0).getStringCellValue().equals(name)) {
                    if (value.isEmpty()) {
                        row.removeCell(row.getCell(column));
                    } else {
                        row.createCell(column).setCellValue(value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    Map<String, Object> stored(String name, String place) {
        return stored(jdbc, name, place);
    }

    /** What is stored of the person of that name at an address holding {@code place}, the time of his last change too. */
    static Map<String, Object> stored(JdbcClient jdbc, String name, String place) {
        return jdbc.sql("""
                SELECT p.id_index, p.id_masked, p.phone_index, p.phone_masked, p.sex, p.ethnicity, p.relation,
                       p.residence, p.occupation, p.household_id, p.content_hash, p.updated_at
                FROM person p JOIN household h ON h.id = p.household_id JOIN address a ON a.id = h.address_id
                WHERE p.name = ? AND a.full_text LIKE ?""").params(name, "%" + place + "%").query().singleRow();
    }

    List<String> categories(String name, String place) {
        return categories(jdbc, name, place);
    }

    /** The category codes of the person of that name at an address holding {@code place}, sorted. */
    static List<String> categories(JdbcClient jdbc, String name, String place) {
        return jdbc.sql("""
                SELECT c.category || coalesce(':' || c.subtype, '') FROM person_category c JOIN person p ON p.id = c.person_id
                JOIN household h ON h.id = p.household_id JOIN address a ON a.id = h.address_id
                WHERE p.name = ? AND a.full_text LIKE ? ORDER BY 1""").params(name, "%" + place + "%")
                .query(String.class).list();
    }

    @Test
    void anExportedFileImportedBackUnchangedChangesNothingAndEditedKeepsTheStoredNumbersBehindTheMasks() throws Exception {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String place = "东海县往返村 " + tag + " 号";
        String household = "RT-" + tag;
        // elderly: the head is given 独居老人 below, for a person of 60 or older
        String head = TestIdentityNumbers.elderly(Sex.MALE);
        String wife = TestIdentityNumbers.next(Sex.FEMALE);
        String sonInLaw = TestIdentityNumbers.next(Sex.MALE);
        String csv = "\uFEFF" + IMPORT_HEADERS + "\n"
                + String.join(",", "往返甲", head, "男", "", "汉", "15800001111", "FS-1-01", household, "户主", "常住", "", place, "农民", "") + "\n"
                + String.join(",", "往返乙", wife, "女", "", "回族", "", "FS-1-01", household, "配偶", "常住", "", place, "", "") + "\n"
                + String.join(",", "往返丙", sonInLaw, "男", "", "汉", "15800003333", "FS-1-01", household, "女婿", "流动", "2026-01-05", place, "", "东海县某厂") + "\n"
                + String.join(",", "往返丁", "", "女", "2015-06-01", "汉", "", "FS-1-01", household, "子女", "常住", "", place, "学生", "") + "\n";
        JsonNode created = ImportIntegrationTests.importAndWait(api, port, officer, "family.csv",
                csv.getBytes(StandardCharsets.UTF_8), false, java.time.Duration.ofSeconds(30));
        assertThat(created.path("createdRows").asLong()).as(created.toString()).isEqualTo(4);
        jdbc.sql("INSERT INTO person_category (person_id, category) SELECT id, 'LEFT_BEHIND_CHILD' FROM person WHERE name = '往返丁' AND household_id = ?")
                .param(stored("往返甲", tag).get("household_id")).update();
        jdbc.sql("""
                INSERT INTO person_category (person_id, category, subtype, risk, since)
                SELECT id, 'KEY_PERSON', 'EX_OFFENDER', 'LOW', DATE '2025-03-01' FROM person WHERE name = '往返丙' AND household_id = ?""")
                .param(stored("往返甲", tag).get("household_id")).update();
        Map<String, Map<String, Object>> before = new HashMap<>();
        for (String name : List.of("往返甲", "往返乙", "往返丙", "往返丁")) {
            before.put(name, stored(name, tag));
        }

        HttpResponse<byte[]> export = api.download("/api/v1/persons/export.xlsx?address="
                + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8), officer);
        assertThat(export.statusCode()).isEqualTo(200);
        byte[] file = export.body();
        assertThat(headers(file)).startsWith(IMPORT_HEADERS.split(",")).endsWith("类别", "人员编号");
        Map<String, Map<String, String>> byName = new HashMap<>();
        rows(file).forEach(r -> byName.put(r.get("姓名"), r));
        assertThat(byName).containsOnlyKeys("往返甲", "往返乙", "往返丙", "往返丁");
        assertThat(byName.get("往返甲")).containsEntry("性别", "男").containsEntry("与户主关系", "户主")
                .containsEntry("居住类型", "常住").containsEntry("民族", "汉族").containsEntry("户号", household)
                .containsEntry("电话", "158****1111").containsEntry("身份证号", head.substring(0, 6) + "********" + head.substring(14));
        assertThat(byName.get("往返乙")).containsEntry("性别", "女").containsEntry("与户主关系", "配偶").containsEntry("民族", "回族");
        assertThat(byName.get("往返丙")).containsEntry("与户主关系", "女婿").containsEntry("居住类型", "流动")
                .containsEntry("登记日期", "2026-01-05");
        assertThat(byName.get("往返丁")).containsEntry("类别", "留守儿童").containsEntry("与户主关系", "子女");
        assertThat(byName.get("往返丙")).containsEntry("类别", "刑满释放人员");
        assertThat(byName.get("往返甲")).containsEntry("类别", "");

        // imported back as it is: nothing new, nothing refused, nothing changed
        JsonNode back = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx", file, false,
                java.time.Duration.ofSeconds(30));
        assertThat(back.path("status").asText()).isEqualTo("DONE");
        assertThat(back.path("createdRows").asLong()).as(back.toString()).isZero();
        assertThat(back.path("failedRows").asLong()).as(back.toString()).isZero();
        assertThat(back.path("updatedRows").asLong()).as(back.toString()).isZero();
        assertThat(back.path("unchangedRows").asLong()).isEqualTo(4);
        for (String name : before.keySet()) {
            assertThat(stored(name, tag)).as(name).isEqualTo(before.get(name));
        }
        assertThat(categories("往返丁", tag)).containsExactly("LEFT_BEHIND_CHILD");
        assertThat(categories("往返丙", tag)).containsExactly("KEY_PERSON:EX_OFFENDER");
        assertThat(categories("往返甲", tag)).isEmpty();

        // edited: the change is written, the masked numbers stand for the stored ones and are never written over them
        JsonNode edited = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx",
                edited(file, "往返甲", "职业", "个体经营"), false, java.time.Duration.ofSeconds(30));
        assertThat(edited.path("updatedRows").asLong()).as(edited.toString()).isEqualTo(1);
        assertThat(edited.path("unchangedRows").asLong()).isEqualTo(3);
        assertThat(edited.path("failedRows").asLong()).isZero();
        Map<String, Object> after = stored("往返甲", tag);
        assertThat(after.get("occupation")).isEqualTo("个体经营");
        assertThat(after).containsEntry("id_index", before.get("往返甲").get("id_index"))
                .containsEntry("phone_index", before.get("往返甲").get("phone_index"))
                .containsEntry("id_masked", before.get("往返甲").get("id_masked"));
        assertThat(ApiClient.json(api.get("/api/v1/persons?q=" + head, officer)).path("items").findValuesAsText("name"))
                .as("still found by the full number").containsExactly("往返甲");

        // a masked number without the person's id says which person it stands for no more: refused, nothing written
        JsonNode anonymous = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx",
                edited(edited(file, "往返乙", "人员编号", ""), "往返乙", "职业", "教师"), false, java.time.Duration.ofSeconds(30));
        assertThat(anonymous.path("failedRows").asLong()).isEqualTo(1);
        assertThat(anonymous.path("createdRows").asLong()).isZero();
        assertThat(stored("往返乙", tag)).isEqualTo(before.get("往返乙"));

        // the categories edited in the file as exported now: a name written in gives the category, a name taken
        // out takes it away ("无": none), a key person's type changed keeps his risk and the day he became one
        byte[] now = api.download("/api/v1/persons/export.xlsx?address="
                + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8), officer).body();
        Map<String, Object> hashes = new HashMap<>();
        for (String name : before.keySet()) {
            hashes.put(name, stored(name, tag).get("content_hash"));
        }
        byte[] recategorised = edited(edited(edited(now, "往返甲", "类别", "涉毒人员、独居老人"), "往返丁", "类别", "无"),
                "往返丙", "类别", "涉稳人员");
        JsonNode dry = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx", recategorised, true,
                java.time.Duration.ofSeconds(30));
        assertThat(dry.path("updatedRows").asLong()).as(dry.toString()).isEqualTo(3);
        assertThat(categories("往返甲", tag)).as("a dry run writes nothing").isEmpty();
        JsonNode recategorisedJob = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx",
                recategorised, false, java.time.Duration.ofSeconds(30));
        assertThat(recategorisedJob.path("updatedRows").asLong()).as(recategorisedJob.toString()).isEqualTo(3);
        assertThat(recategorisedJob.path("unchangedRows").asLong()).isEqualTo(1);
        assertThat(recategorisedJob.path("failedRows").asLong()).isZero();
        assertThat(recategorisedJob.path("createdRows").asLong()).isZero();
        assertThat(categories("往返甲", tag)).containsExactly("ELDERLY_ALONE", "KEY_PERSON:DRUG");
        assertThat(categories("往返丁", tag)).isEmpty();
        assertThat(categories("往返丙", tag)).containsExactly("KEY_PERSON:STABILITY");
        assertThat(jdbc.sql("""
                SELECT c.risk || ' ' || c.since FROM person_category c JOIN person p ON p.id = c.person_id
                WHERE p.name = '往返丙' AND p.household_id = ?""").param(before.get("往返甲").get("household_id"))
                .query(String.class).single()).isEqualTo("LOW 2025-03-01");
        for (String name : before.keySet()) {
            assertThat(stored(name, tag).get("content_hash")).as(name + ": only the categories changed")
                    .isEqualTo(hashes.get(name));
        }

        // and that file exported again and imported back changes nothing
        byte[] again = api.download("/api/v1/persons/export.xlsx?address="
                + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8), officer).body();
        Map<String, Map<String, String>> exportedAgain = new HashMap<>();
        rows(again).forEach(r -> exportedAgain.put(r.get("姓名"), r));
        assertThat(exportedAgain.get("往返甲")).containsEntry("类别", "独居老人、涉毒人员");
        JsonNode unchanged = ImportIntegrationTests.importAndWait(api, port, officer, "persons.xlsx", again, false,
                java.time.Duration.ofSeconds(30));
        assertThat(unchanged.path("createdRows").asLong()).as(unchanged.toString()).isZero();
        assertThat(unchanged.path("updatedRows").asLong()).as(unchanged.toString()).isZero();
        assertThat(unchanged.path("failedRows").asLong()).as(unchanged.toString()).isZero();
        assertThat(unchanged.path("unchangedRows").asLong()).isEqualTo(4);
    }
}
