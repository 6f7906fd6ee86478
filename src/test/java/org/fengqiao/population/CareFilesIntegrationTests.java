package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 一户一册 and 一人一档 as PDF, read back with PDFBox: the Chinese names and section titles are there
 * as text, identity numbers and phones are masked for every role unless one allowed to reveal gives a
 * reason, each export is audited per person, and a record outside the caller's subtree is 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CareFilesIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    HousingFixtures fx;
    final Map<String, String> tokens = new HashMap<>();
    UUID household;
    UUID head;
    UUID child;
    String headNumber;
    String childNumber;
    String auxiliary;

    String token(String user) {
        return tokens.computeIfAbsent(user, u -> api.token(u, u.startsWith("aux") ? TestStaff.PASSWORD : DEMO_PASSWORD));
    }

    UUID register(String name, String number, Sex sex, String relation, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", fx.gridId("FS-4-01").toString());
        body.put("householdId", household.toString());
        body.put("name", name);
        body.put("idNumber", number);
        body.put("sex", sex.name());
        body.put("relation", relation);
        body.put("residence", "PERMANENT");
        body.put("phone", phone);
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", token("officer"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(created).path("id").asText());
    }

    @BeforeAll
    void household() {
        api = new ApiClient(port);
        fx = new HousingFixtures(port, jdbc);
        household = fx.household(fx.gridId("FS-4-01"), null, false, false);
        headNumber = TestIdentityNumbers.next(Sex.MALE);
        // a child of nine born in 海州区 (320706): the demo's residents are all 320722, so no demo resident holds it
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 9;
        childNumber = TestIdentityNumbers.of("320706", LocalDate.of(year, 1 + (year - 1950) % 12, 1 + (year - 1950) % 4),
                (int) (System.nanoTime() % 400), Sex.FEMALE);
        head = register("欧阳振华", headNumber, Sex.MALE, "HEAD", "13922223333");
        child = register("欧阳小雪", childNumber, Sex.FEMALE, "GRANDCHILD", null);
        jdbc.sql("INSERT INTO person_category (person_id, category, subtype, risk, since) VALUES (?, 'KEY_PERSON', 'DRUG', 'HIGH', ?)")
                .params(head, LocalDate.now().minusMonths(3)).update();
        jdbc.sql("INSERT INTO person_category (person_id, category) VALUES (?, 'LEFT_BEHIND_CHILD')").param(child).update();
        fx.call("officer", "POST", "/api/v1/key-persons/" + head + "/team", Map.of("name", "华佗医", "role", "DOCTOR",
                "relation", "林疃村卫生室", "phone", "13944445555"));
        fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", household, "findings", "入户核对人口信息",
                "contactCard", true));
        Map<String, Object> agreement = new HashMap<>();
        agreement.put("signedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        agreement.put("reviewOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(6).toString());
        agreement.put("guardianName", "欧阳振华");
        agreement.put("guardianRelation", "祖父");
        agreement.put("helpers", List.of(Map.of("name", "网管甲", "role", "GRID_MANAGER"),
                Map.of("name", "志愿乙", "role", "VOLUNTEER")));
        assertThat(fx.call("officer", "POST", "/api/v1/persons/" + child + "/care-agreements", agreement).status()).isEqualTo(201);

        auxiliary = TestStaff.uniqueUsername("aux");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        directory.register(office.id(), StaffRole.AUXILIARY_POLICE, "测试辅警", null, null, null, auxiliary, TestStaff.PASSWORD);
    }

    /** The PDF in the platform's default language: the request names none. */
    HttpResponse<byte[]> pdf(String user, String path) {
        return pdf(user, path, null);
    }

    static String text(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (PDDocument doc = Loader.loadPDF(response.body())) {
            // a cell's text may wrap onto a second line: read it as it would be read aloud, lines joined
            return new PDFTextStripper().getText(doc).replaceAll("\\s*\\R\\s*", "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String masked(String number) {
        return number.substring(0, 6) + "********" + number.substring(14);
    }

    long audits(String action, UUID person, String export) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND record_type = 'person' AND record_id = ? AND after->>'export' = ?")
                .params(action, person.toString(), export).query(Long.class).single();
    }

    @Test
    void theHouseholdRegisterCarriesTheMembersCategoriesVisitsAndContactCardInChineseWithNumbersMasked() {
        long before = audits("READ", head, "household-register");
        String text = text(pdf("officer", "/api/v1/households/" + household + "/register.pdf"));
        assertThat(text).contains("一户一册", "户信息", "家庭成员", "走访记录", "警民联系卡");
        assertThat(text).contains("欧阳振华", "欧阳小雪", "户主", "孙子女", "涉毒人员（高风险）", "留守儿童", "入户核对人口信息");
        assertThat(text).contains(masked(headNumber), masked(childNumber), "139****3333");
        assertThat(text).doesNotContain(headNumber, childNumber, "13922223333");
        assertThat(audits("READ", head, "household-register")).isEqualTo(before + 1);
        assertThat(audits("READ", child, "household-register")).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'household' AND record_id = ?")
                .param(household.toString()).query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    /** 人数 counts those living in the household; a member recorded as left is listed but counted apart. */
    /**
     * The household register read masked is audited as the household page is: the household's entry and one per
     * member, written in one statement rather than one round trip per member (a household of eight printed at the
     * door was nine). Rows one statement inserted share the transaction that wrote them (xmin).
     */
    @Test
    void theMaskedHouseholdRegisterIsAuditedInOneStatementWithAnEntryForEachMember() {
        long before = jdbc.sql("SELECT coalesce(max(seq), 0) FROM audit_entry").query(Long.class).single();
        text(pdf("officer", "/api/v1/households/" + household + "/register.pdf"));
        List<String> ids = List.of(household.toString(), head.toString(), child.toString());
        assertThat(jdbc.sql("""
                SELECT record_type || ':' || record_id FROM audit_entry WHERE seq > ? AND action = 'READ'
                AND actor = 'officer' AND record_id = ANY(?) ORDER BY seq""")
                .params(before, ids.toArray(String[]::new)).query(String.class).list())
                .as("the household's entry, then each member's")
                .containsExactly("household:" + household, "person:" + head, "person:" + child);
        assertThat(jdbc.sql("""
                SELECT count(DISTINCT xmin::text) FROM audit_entry WHERE seq > ? AND action = 'READ'
                AND actor = 'officer' AND record_id = ANY(?)""").params(before, ids.toArray(String[]::new))
                .query(Long.class).single())
                .as("the household and its members written together").isEqualTo(1);
    }

    @Test
    void theRegistersMemberCountLeavesOutThoseWhoLeft() {
        UUID moved = fx.household(fx.gridId("FS-4-01"), null, false, false);
        for (String name : List.of("留户甲", "迁出乙")) {
            Map<String, Object> body = new HashMap<>();
            body.put("gridId", fx.gridId("FS-4-01").toString());
            body.put("householdId", moved.toString());
            body.put("name", name);
            body.put("idNumber", TestIdentityNumbers.next(Sex.MALE));
            body.put("sex", "MALE");
            body.put("relation", name.equals("留户甲") ? "HEAD" : "CHILD");
            body.put("residence", name.equals("留户甲") ? "PERMANENT" : "LEFT");
            body.put("leftOn", name.equals("留户甲") ? null : LocalDate.now(ZoneId.of("Asia/Shanghai")).minusMonths(2)
                    .toString());
            HttpResponse<String> created = api.send("POST", "/api/v1/persons", token("officer"), body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        String text = text(pdf("officer", "/api/v1/households/" + moved + "/register.pdf"));
        assertThat(text).contains("留户甲", "迁出乙", "已离开").contains("人数 1（另有 1 人已离开）").doesNotContain("人数 2");
        assertThat(text(pdf("officer", "/api/v1/households/" + moved + "/register.pdf", "en")))
                .contains("Members 1 (and 1 who left)");
        // the fixture's household, nobody left: the count alone
        assertThat(text(pdf("officer", "/api/v1/households/" + household + "/register.pdf"))).contains("人数 2");
    }

    @Test
    void theRegisterInEnglishHasEnglishTitlesAndTheChineseNames() {
        try {
            HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                            + "/api/v1/households/" + household + "/register.pdf"))
                    .header("Authorization", "Bearer " + token("officer")).header("Accept-Language", "en").GET().build();
            String text = text(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()));
            assertThat(text).contains("Household register", "Members", "欧阳振华");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRoleThatMayRevealGetsFullNumbersOnlyWithAReasonAndEachMemberIsAuditedAsARevealWithIt() {
        String reason = URLEncoder.encode("办理户籍迁移核对", StandardCharsets.UTF_8);
        String text = text(pdf("officer", "/api/v1/households/" + household + "/register.pdf?reason=" + reason));
        assertThat(text).contains(headNumber, childNumber, "13922223333", "办理户籍迁移核对");
        assertThat(jdbc.sql("SELECT after->>'reason' FROM audit_entry WHERE action = 'REVEAL' AND record_id = ? AND after->>'export' = 'household-register'")
                .param(head.toString()).query(String.class).list()).contains("办理户籍迁移核对");
        assertThat(pdf("officer", "/api/v1/households/" + household + "/register.pdf?reason=ab").statusCode())
                .as("a reason of four characters at least").isEqualTo(400);
    }

    /**
     * The pages' 导出（含完整号码） posts the reason in the form's body to a new tab, so that it stands in no address
     * (the browser's history, access logs); the file answered to that form has the full numbers, audited with the
     * reason, as the API's GET with the reason does.
     */
    @Test
    void thePagesPostTheReasonForFullNumbersInTheFormsBody() {
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        Map<String, String> forms = Map.of("/households/" + household, "register-reveal", "/persons/" + head, "file-reveal");
        for (Map.Entry<String, String> e : forms.entrySet()) {
            String page = browser.get(e.getKey(), null, "Accept", accept).body();
            java.util.regex.Matcher form = java.util.regex.Pattern.compile("<form[^>]*id=\"" + e.getValue() + "\"[^>]*>")
                    .matcher(page);
            assertThat(form.find()).as(e.getValue() + " on " + e.getKey()).isTrue();
            assertThat(form.group()).contains("method=\"post\"", "target=\"_blank\"").doesNotContain("data-url");
            java.util.regex.Matcher actionOf = java.util.regex.Pattern.compile("action=\"([^\"]*)\"").matcher(form.group());
            assertThat(actionOf.find()).isTrue();
            String action = actionOf.group(1);
            assertThat(action).endsWith(".pdf").doesNotContain("reason").startsWith(e.getKey() + "/");

            String reason = "核对户籍信息-" + e.getValue();
            HttpResponse<String> file = browser.form(action, Map.of("reason", reason, "_csrf", browser.csrfFrom(e.getKey())));
            assertThat(file.statusCode()).as(action).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'REVEAL' AND record_id = ? "
                    + "AND after->>'reason' = ?").param(head.toString()).param(reason).query(Long.class).single())
                    .as("the reveal audited with the posted reason").isPositive();
        }
        ApiClient otherStation = new ApiClient(port).signedIn("officer2", DEMO_PASSWORD, null);
        String csrf = otherStation.csrfFrom("/persons");
        assertThat(otherStation.form("/households/" + household + "/register.pdf",
                Map.of("reason", "核对户籍信息", "_csrf", csrf)).statusCode()).as("another station's household").isEqualTo(404);
        assertThat(otherStation.form("/persons/" + head + "/file.pdf",
                Map.of("reason", "核对户籍信息", "_csrf", csrf)).statusCode()).as("another station's person").isEqualTo(404);
        assertThat(otherStation.download("/persons/" + head + "/file.pdf", null, "Accept", accept).statusCode())
                .as("another station's person, masked").isEqualTo(404);
    }

    /**
     * The pages' file links go with the session, not a token: the masked files named in the session's language, a
     * reason of spaces refused back on the page the form is on, in the reader's language, the reason as typed kept in
     * its field (not a problem in JSON in the new tab), nothing revealed; signed out, to the sign-in page.
     */
    @Test
    void thePagesFileLinksGoWithTheSessionInItsLanguageAndARefusedReasonComesBackOnThePage() {
        String accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String householdPage = browser.get("/households/" + household, null, "Accept", accept).body();
        assertThat(householdPage).contains("id=\"register-pdf\" class=\"button-link\" href=\"/households/" + household
                + "/register.pdf\"");
        HttpResponse<byte[]> register = browser.download("/households/" + household + "/register.pdf", null,
                "Accept", accept);
        assertThat(text(register)).contains("一户一册").contains("欧阳振华").doesNotContain(headNumber);
        assertThat(register.headers().firstValue("Content-Disposition").orElse("")).contains(
                java.net.URLEncoder.encode(messages("care.pdf.register.file", Locale.SIMPLIFIED_CHINESE),
                        StandardCharsets.UTF_8) + "-" + household + ".pdf");
        assertThat(browser.get("/persons/" + head, null, "Accept", accept).body())
                .contains("href=\"/persons/" + head + "/file.pdf\"");

        long reveals = audits("REVEAL", head, "file.pdf");
        HttpResponse<String> refused = browser.form("/persons/" + head + "/file.pdf",
                Map.of("reason", "    ", "_csrf", browser.csrfFrom("/persons/" + head)));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/persons/" + head + "#file-reveal");
        assertThat(refused.headers().firstValue("Content-Disposition")).as("no file").isEmpty();
        String back = browser.get("/persons/" + head, null, "Accept", accept).body();
        assertThat(back).contains("请说明查看完整信息的理由（至少 4 个字）");
        assertThat(audits("REVEAL", head, "file.pdf")).isEqualTo(reveals);

        browser.languageCookie("en");
        HttpResponse<byte[]> english = browser.download("/persons/" + head + "/file.pdf", null, "Accept", accept,
                "Accept-Language", "zh-CN");
        assertThat(english.headers().firstValue("Content-Disposition").orElse(""))
                .contains(messages("care.pdf.file.file", Locale.ENGLISH) + "-" + head + ".pdf");
        browser.form("/households/" + household + "/register.pdf",
                Map.of("reason", "ab", "_csrf", browser.csrfFrom("/households/" + household)));
        String again = browser.get("/households/" + household, null, "Accept", accept).body();
        assertThat(again).contains("Give a reason for seeing the full value (at least 4 characters)")
                .containsPattern("name=\"reason\"[^>]*value=\"ab\"");

        HttpResponse<byte[]> signedOut = new ApiClient(port).download("/persons/" + head + "/file.pdf", null,
                "Accept", accept);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Autowired
    org.springframework.context.MessageSource messageSource;

    String messages(String key, Locale locale) {
        return messageSource.getMessage(key, null, locale);
    }

    @Test
    void aReasonOfSpacesIsRefusedInsteadOfAnsweredWithTheMaskedFile() {
        long reveals = audits("REVEAL", head, "file.pdf");
        for (String path : List.of("/api/v1/persons/" + head + "/file.pdf", "/api/v1/households/" + household + "/register.pdf")) {
            HttpResponse<byte[]> blank = pdf("officer", path + "?reason=%20%20%20%20");
            assertThat(blank.statusCode()).as(path).isEqualTo(400);
            assertThat(new String(blank.body(), StandardCharsets.UTF_8)).contains("请说明查看完整信息的理由（至少 4 个字）");
            assertThat(pdf("officer", path + "?reason=").statusCode()).as(path + " with an empty reason").isEqualTo(400);
            assertThat(pdf("officer", path).statusCode()).as(path + " without a reason: the masked file").isEqualTo(200);
        }
        assertThat(audits("REVEAL", head, "file.pdf")).isEqualTo(reveals);
    }

    @Test
    void aRoleWithoutRevealSeesMaskedNumbersInBothFilesAndMayNotAskForFullOnes() {
        String register = text(pdf(auxiliary, "/api/v1/households/" + household + "/register.pdf"));
        assertThat(register).contains(masked(headNumber)).doesNotContain(headNumber);
        String file = text(pdf(auxiliary, "/api/v1/persons/" + head + "/file.pdf"));
        assertThat(file).contains(masked(headNumber), "139****3333").doesNotContain(headNumber, "13922223333");
        String reason = URLEncoder.encode("想看完整号码", StandardCharsets.UTF_8);
        assertThat(pdf(auxiliary, "/api/v1/persons/" + head + "/file.pdf?reason=" + reason).statusCode()).isEqualTo(403);
        assertThat(pdf(auxiliary, "/api/v1/households/" + household + "/register.pdf?reason=" + reason).statusCode()).isEqualTo(403);
    }

    @Test
    void theKeyPersonsFileHasHisTeamRhythmAndVisitsAndTheChildsFileHerCareAgreement() {
        long before = audits("READ", head, "file.pdf");
        String file = text(pdf("officer", "/api/v1/persons/" + head + "/file.pdf"));
        assertThat(file).contains("一人一档", "基本信息", "欧阳振华", masked(headNumber), "帮扶小组", "华佗医", "社区医生",
                "林疃村卫生室", "139****5555", "高风险", "走访频次", "每周", "走访记录", "入户核对人口信息");
        assertThat(file).doesNotContain("13944445555");
        assertThat(audits("READ", head, "file.pdf")).isEqualTo(before + 1);

        String childFile = text(pdf("officer", "/api/v1/persons/" + child + "/file.pdf"));
        assertThat(childFile).contains("一人一档", "欧阳小雪", "留守儿童", "现行帮扶协议（三帮一）", "实际监护人", "网管甲", "志愿乙",
                "平安志愿者");
    }

    /**
     * The household's register says whose key-person visit a row is and how he was found: its findings are about him,
     * and read under the household alone they would pass for the head's or the whole family's.
     */
    @Test
    void theRegisterNamesTheKeyPersonAVisitWasForAndHowHeWasFound() {
        assertThat(fx.call("officer", "POST", "/api/v1/key-persons/" + head + "/visits", Map.of("state", "ABSENT",
                "findings", "外出赶集未见，电话联系在集市", "helperIds", List.of())).status()).isEqualTo(201);

        assertThat(text(pdf("officer", "/api/v1/households/" + household + "/register.pdf")))
                .contains("重点人员走访：欧阳振华（外出未见）外出赶集未见，电话联系在集市");
        assertThat(text(pdf("officer", "/api/v1/households/" + household + "/register.pdf", "en")))
                .contains("Key-person visit: 欧阳振华 (Away)外出赶集未见，电话联系在集市");
    }

    /**
     * A visit recorded for the grandfather as a key person is about him: his file and the household's register carry
     * its findings, his grandchild's file (handed to her teacher and volunteer) does not, while the visit to the whole
     * household stays in it.
     */
    @Test
    void aMembersFileLeavesOutTheFindingsOfAnotherMembersKeyPersonVisit() {
        assertThat(fx.call("officer", "POST", "/api/v1/key-persons/" + head + "/visits", Map.of("state", "UNSTABLE",
                "findings", "美沙酮维持治疗中断两次已提醒", "helperIds", List.of())).status()).isEqualTo(201);

        assertThat(text(pdf("officer", "/api/v1/persons/" + head + "/file.pdf"))).contains("美沙酮维持治疗中断两次已提醒");
        assertThat(text(pdf("officer", "/api/v1/households/" + household + "/register.pdf")))
                .contains("美沙酮维持治疗中断两次已提醒");
        String childFile = text(pdf("officer", "/api/v1/persons/" + child + "/file.pdf"));
        assertThat(childFile).contains("欧阳小雪", "入户核对人口信息").doesNotContain("美沙酮维持治疗中断两次已提醒");
    }

    /**
     * The file with full numbers, asked for with a reason by a role that may reveal them, carries the phone of the
     * left-behind child's guardian in full too (the number the officer calls about the child), audited as revealed
     * with the reason; without a reason it stays masked.
     */
    @Test
    void theFileWithFullNumbersCarriesTheGuardiansPhoneInFullAndTheMaskedFileMasksIt() {
        UUID kid = leftBehindChild("留守丁", 8, LocalDate.of(2000, 3, 12), Sex.MALE);
        Map<String, Object> agreement = new HashMap<>();
        agreement.put("signedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        agreement.put("reviewOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(6).toString());
        agreement.put("guardianName", "留守丁奶奶");
        agreement.put("guardianRelation", "祖母");
        agreement.put("guardianPhone", "13966667777");
        agreement.put("helpers", List.of(Map.of("name", "网管丙", "role", "GRID_MANAGER"),
                Map.of("name", "志愿丁", "role", "VOLUNTEER")));
        assertThat(fx.call("officer", "POST", "/api/v1/persons/" + kid + "/care-agreements", agreement).status())
                .isEqualTo(201);

        assertThat(text(pdf("officer", "/api/v1/persons/" + kid + "/file.pdf")))
                .contains("留守丁奶奶", "139****7777").doesNotContain("13966667777");
        String reason = "联系监护人核实";
        String full = text(pdf("officer", "/api/v1/persons/" + kid + "/file.pdf?reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8)));
        assertThat(full).contains("留守丁奶奶", "13966667777").doesNotContain("139****7777");
        assertThat(jdbc.sql("SELECT after->>'field' FROM audit_entry WHERE action = 'REVEAL' AND record_id = ? "
                + "AND after->>'reason' = ?").param(kid.toString()).param(reason).query(String.class).list())
                .as("the guardian's phone revealed with the reason")
                .anySatisfy(f -> assertThat(f).contains("guardianPhone"));
        assertThat(text(pdf(auxiliary, "/api/v1/persons/" + kid + "/file.pdf")))
                .as("a role that may not reveal").contains("139****7777").doesNotContain("13966667777");
    }

    /**
     * The file with full numbers carries the helpers' phones in full as well, the N帮一 team's of a key person and the
     * care agreement's of a left-behind child: the numbers the officer calls to get the help going. Each file's
     * REVEAL names them with the reason; the masked file keeps them masked.
     */
    @Test
    void theFileWithFullNumbersCarriesTheHelpersPhonesInFullAndItsRevealNamesThem() {
        String reason = "联系帮扶人员";
        String query = "?reason=" + URLEncoder.encode(reason, StandardCharsets.UTF_8);
        String keyPersonFile = text(pdf("officer", "/api/v1/persons/" + head + "/file.pdf" + query));
        assertThat(keyPersonFile).contains("华佗医", "13944445555").doesNotContain("139****5555");

        UUID kid = leftBehindChild("留守戊", 7, LocalDate.of(2000, 5, 14), Sex.FEMALE);
        Map<String, Object> agreement = new HashMap<>();
        agreement.put("signedOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        agreement.put("reviewOn", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusMonths(6).toString());
        agreement.put("guardianName", "留守戊外婆");
        agreement.put("guardianRelation", "外祖母");
        agreement.put("helpers", List.of(Map.of("name", "网管戊", "role", "GRID_MANAGER", "phone", "13955551111"),
                Map.of("name", "志愿戊", "role", "VOLUNTEER"),
                Map.of("name", "教师戊", "role", "TEACHER", "phone", "13955552222")));
        HttpResponse<String> signed = api.send("POST", "/api/v1/persons/" + kid + "/care-agreements",
                token("officer"), agreement);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);

        assertThat(text(pdf("officer", "/api/v1/persons/" + kid + "/file.pdf")))
                .contains("网管戊", "139****1111", "139****2222").doesNotContain("13955551111", "13955552222");
        String full = text(pdf("officer", "/api/v1/persons/" + kid + "/file.pdf" + query));
        assertThat(full).contains("网管戊", "13955551111", "教师戊", "13955552222")
                .doesNotContain("139****1111", "139****2222");
        for (UUID person : List.of(head, kid)) {
            assertThat(jdbc.sql("SELECT after->>'field' FROM audit_entry WHERE action = 'REVEAL' AND record_id = ? "
                    + "AND after->>'reason' = ?").param(person.toString()).param(reason).query(String.class).list())
                    .as("the helpers' phones revealed with the reason").singleElement()
                    .asString().contains("helperPhone");
        }
    }

    /** Seed 000: a floating resident may apply for a residence permit six months after he registered. */
    @Test
    void aFloatingResidentsFileSaysFromWhichDayHeMayApplyForAResidencePermit() {
        LocalDate registered = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusMonths(2).withDayOfMonth(10);
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", fx.gridId("FS-4-01").toString());
        body.put("householdId", household.toString());
        body.put("name", "暂住丙");
        body.put("idNumber", TestIdentityNumbers.next(Sex.MALE));
        body.put("sex", "MALE");
        body.put("relation", "NON_RELATIVE");
        body.put("residence", "FLOATING");
        body.put("registeredOn", registered.toString());
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", token("officer"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        UUID floating = UUID.fromString(ApiClient.json(created).path("id").asText());

        String permit = registered.plusMonths(6).toString();
        assertThat(text(pdf("officer", "/api/v1/persons/" + floating + "/file.pdf")))
                .contains("暂住丙", "可申领居住证日期 " + permit);
        assertThat(lines(pdf("officer", "/api/v1/persons/" + floating + "/file.pdf", "en")).replaceAll("\\s+", " "))
                .contains("May apply for a residence permit from " + permit);
        assertThat(text(pdf("officer", "/api/v1/persons/" + head + "/file.pdf")))
                .as("a permanent resident applies for no residence permit").doesNotContain("可申领居住证");
    }

    @Test
    void bothFilesAre404OutsideTheCallersSubtreeAndForTheBureauThere() {
        UUID urbanGrid = fx.gridId("NS-1-03");
        UUID urbanHousehold = fx.household(urbanGrid, null, false, false);
        UUID urbanPerson = fx.person(urbanGrid, urbanHousehold, "城人", "HEAD", null, null);
        assertThat(pdf("officer2", "/api/v1/households/" + household + "/register.pdf").statusCode()).isEqualTo(404);
        assertThat(pdf("officer2", "/api/v1/persons/" + head + "/file.pdf").statusCode()).isEqualTo(404);
        assertThat(pdf("officer", "/api/v1/households/" + urbanHousehold + "/register.pdf").statusCode()).isEqualTo(404);
        assertThat(pdf("officer", "/api/v1/persons/" + urbanPerson + "/file.pdf").statusCode()).isEqualTo(404);
        assertThat(pdf("officer", "/api/v1/persons/" + UUID.randomUUID() + "/file.pdf").statusCode()).isEqualTo(404);
        assertThat(text(pdf("officer2", "/api/v1/persons/" + urbanPerson + "/file.pdf"))).contains("城人");
        assertThat(text(pdf("bureau", "/api/v1/households/" + household + "/register.pdf"))).contains("欧阳振华");
        assertThat(text(pdf("bureau", "/api/v1/households/" + urbanHousehold + "/register.pdf"))).contains("城人");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? AND after->>'export' IS NOT NULL")
                .param(urbanPerson.toString()).query(Long.class).single()).as("the 404s read nothing").isEqualTo(2);
    }

    static final String NOTE_EN = "Elderly couple living alone since their son moved to Shanghai; the daughter-in-law "
            + "calls every Sunday evening. Remind them about the winter heating subsidy application before December.";
    static final String FINDINGS_EN = "Checked the household members against the register, explained the anti-fraud "
            + "leaflet and the contact card, and noted that the gas meter in the kitchen needs replacing soon.";
    static final String NOTE_ZH = "老两口独居，儿子在上海务工，儿媳每周日晚上打电话回家；冬季取暖补贴申请须在十二月前提醒其办理，"
            + "另需关注老人用电安全和防范电信网络诈骗。";

    /** The PDF in the language asked for (Accept-Language), or in the default one when language is null. */
    HttpResponse<byte[]> pdf(String user, String path, String language) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token(user));
            if (language != null) {
                request.header("Accept-Language", language);
            }
            return HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String lines(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(response.body())) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static java.util.Set<String> latinWords(String text) {
        java.util.Set<String> words = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z]+").matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** Every Latin word of every English message: what the English PDFs may print besides the data. */
    static java.util.Set<String> englishMessageWords() throws IOException {
        java.util.Set<String> words = new java.util.HashSet<>();
        for (org.springframework.core.io.Resource r : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath*:i18n/*_en.properties")) {
            java.util.Properties p = new java.util.Properties();
            try (var in = new java.io.InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                p.load(in);
            }
            p.values().forEach(v -> words.addAll(latinWords(v.toString())));
        }
        return words;
    }

    @Test
    void theEnglishRegisterAndFileBreakLinesBetweenWordsAndTheChineseOnesStillWrapWithoutLosingACharacter() throws IOException {
        UUID longHousehold = fx.household(fx.gridId("FS-4-01"), null, true, true);
        jdbc.sql("UPDATE household SET note = ? WHERE id = ?").params(NOTE_EN, longHousehold).update();
        UUID member = fx.person(fx.gridId("FS-4-01"), longHousehold, "吴场", "CHILD_IN_LAW", "KEY_PERSON", "DRUG");
        jdbc.sql("UPDATE person SET sex = 'FEMALE' WHERE id = ?").param(member).update();
        fx.call("officer", "POST", "/api/v1/visits", Map.of("householdId", longHousehold, "findings", FINDINGS_EN,
                "contactCard", true));
        String number = jdbc.sql("SELECT number FROM household WHERE id = ?").param(longHousehold).query(String.class).single();

        java.util.Set<String> known = englishMessageWords();
        known.addAll(latinWords(NOTE_EN + " " + FINDINGS_EN + " FS " + number));
        String register = lines(pdf("officer", "/api/v1/households/" + longHousehold + "/register.pdf", "en"));
        String file = lines(pdf("officer", "/api/v1/persons/" + member + "/file.pdf", "en"));
        assertThat(register).contains("Household register", "Female", "Child-in-law", "Trusted");
        assertThat(file).contains("Personal file");
        // a word cut in two leaves pieces that are no word of the messages or the data ("Mal", "t", "ouseho")
        assertThat(latinWords(register)).as("words split across lines in the register").isSubsetOf(known);
        assertThat(latinWords(file)).as("words split across lines in the personal file").isSubsetOf(known);
        assertThat(register.replaceAll("\\s*\\R\\s*", " ")).contains(NOTE_EN.substring(0, 40));

        jdbc.sql("UPDATE household SET note = ? WHERE id = ?").params(NOTE_ZH, longHousehold).update();
        String chinese = lines(pdf("officer", "/api/v1/households/" + longHousehold + "/register.pdf", "zh-CN"));
        assertThat(chinese.lines().filter(l -> NOTE_ZH.contains(l.strip()) && l.strip().length() > 3).count())
                .as("the note wraps over several lines").isGreaterThan(1);
        assertThat(chinese.replaceAll("\\s*\\R\\s*", "")).contains(NOTE_ZH);
    }

    /**
     * A left-behind child registered by the officer in a new household of FS-4-01, {@code age} years old this year on
     * the month and day of {@code birthday}: his id.
     */
    private UUID leftBehindChild(String name, int age, LocalDate birthday, Sex sex) {
        UUID home = fx.household(fx.gridId("FS-4-01"), null, false, false);
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - age;
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", fx.gridId("FS-4-01").toString());
        body.put("householdId", home.toString());
        body.put("name", name);
        body.put("idNumber", TestIdentityNumbers.of("320706", birthday.withYear(year),
                (int) (System.nanoTime() % 400), sex));
        body.put("sex", sex.name());
        body.put("relation", "GRANDCHILD");
        body.put("residence", "PERMANENT");
        body.put("categories", List.of("LEFT_BEHIND_CHILD"));
        HttpResponse<String> created = api.send("POST", "/api/v1/persons", token("officer"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(created).path("id").asText());
    }
}
