package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The officer at the door registers and corrects persons on the pages, posted as a browser posts them (signed in, with
 * the form's CSRF token): a newborn registered into a household, his phone corrected and his moving out recorded, a
 * wrong identity number refused beside its field in Chinese and in English with everything typed still in the form, a
 * form made from a version someone has since changed refused with nothing overwritten, the identity number kept when
 * left blank on the edit form (it is never in the page). Another station's officer gets 404, a volunteer 403, and a
 * role that may only read sees no link to the forms.
 */
class PersonFormPagesIntegrationTests extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern LOCATION_ID = Pattern.compile("/persons/([0-9a-f-]{36})$");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    org.fengqiao.population.internal.LeftBehindAgeSweep sweep;

    /** A signed-in browser: its session cookie, and the CSRF token of the page a form sits on. */
    final class Browser {
        final ApiClient client = new ApiClient(port);
        final HttpClient http;

        Browser(String username, String password) {
            client.formLogin(username, password);
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(client.cookies())
                    .build();
        }

        HttpResponse<String> get(String path) {
            return client.get(path, null);
        }

        String page(String path) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return r.body();
        }

        /** Posts the fields (a name may repeat) with the CSRF token of {@code formPage}. */
        HttpResponse<String> post(String path, String formPage, List<String[]> fields) {
            Matcher m = CSRF.matcher(get(formPage).body());
            String csrf = m.find() ? m.group(1) : client.csrfFrom("/login");
            List<String[]> all = new ArrayList<>(fields);
            all.add(new String[] {"_csrf", csrf});
            String body = all.stream().map(f -> URLEncoder.encode(f[0], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(f[1], StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static List<String[]> fields(String[]... f) {
        return new ArrayList<>(Arrays.asList(f));
    }

    static String[] f(String name, Object value) {
        return new String[] {name, String.valueOf(value)};
    }

    static List<String[]> replaced(List<String[]> fields, String name, Object value) {
        List<String[]> copy = new ArrayList<>();
        for (String[] x : fields) {
            if (!x[0].equals(name)) {
                copy.add(x);
            }
        }
        copy.add(f(name, value));
        return copy;
    }

    UUID household() {
        return household("FS-1-01");
    }

    UUID household(String gridCode) {
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = ? AND network = 'POLICE'").param(gridCode)
                .query(UUID.class).single();
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number) VALUES (?, ?, ?)")
                .params(id, grid, "PF-" + id.toString().substring(0, 8)).update();
        return id;
    }

    Map<String, Object> stored(UUID person) {
        return jdbc.sql("""
                SELECT p.name, p.household_id, p.phone_masked, p.id_masked, p.id_index, p.residence, p.left_on,
                       p.relation, p.version, g.code AS grid
                FROM person p JOIN grid g ON g.id = p.grid_id WHERE p.id = ?""").param(person).query().singleRow();
    }

    String revealed(UUID person, String field) {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> r = api.send("POST", "/api/v1/persons/" + person + "/reveal",
                api.token("officer", DEMO_PASSWORD), Map.of("field", field, "reason", "核对登记结果"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return ApiClient.json(r).get("value").asText();
    }

    static String version(String page) {
        Matcher m = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(m.find()).as("the edit form carries the version it was made from").isTrue();
        return m.group(1);
    }

    /** A boy registered into a household on the register form; answers his id. */
    UUID registerNewborn(Browser officer, UUID household, String name, String number, List<String[]> extra) {
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", number),
                f("phone", "13912340001"), f("sex", "MALE"), f("ethnicity", "01"), f("relation", "CHILD"),
                f("residence", "PERMANENT"));
        form.addAll(extra);
        HttpResponse<String> r = officer.post("/persons/new", "/persons/new?householdId=" + household, form);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        String location = r.headers().firstValue("Location").orElseThrow();
        Matcher m = LOCATION_ID.matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return UUID.fromString(m.group(1));
    }

    @Test
    void anOfficerRegistersAMemberOfAHouseholdThenCorrectsHisPhoneAndRecordsHisMovingOut() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        assertThat(officer.page("/households/" + household)).contains("id=\"add-member\"")
                .contains("/persons/new?householdId=" + household);
        assertThat(officer.page("/persons")).contains("id=\"register-person\"");
        String form = officer.page("/persons/new?householdId=" + household);
        assertThat(form).contains("name=\"_csrf\"").contains("name=\"householdId\" value=\"" + household + "\"");

        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "钱" + "多多";
        UUID id = registerNewborn(officer, household, name, number, fields(f("categories", "IN_DIFFICULTY")));

        Map<String, Object> row = stored(id);
        assertThat(row.get("household_id")).isEqualTo(household);
        assertThat(row.get("grid")).isEqualTo("FS-1-01");
        assertThat(row.get("relation")).isEqualTo("CHILD");
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
        assertThat(jdbc.sql("SELECT category FROM person_category WHERE person_id = ?").param(id).query(String.class)
                .list()).containsExactly("IN_DIFFICULTY");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? "
                + "AND action = 'CREATE' AND actor = 'officer'").param(id.toString()).query(Integer.class).single())
                .as("registered on the page, audited as through the API").isEqualTo(1);
        String personPage = officer.page("/persons/" + id);
        assertThat(personPage).contains("已登记：" + name).contains("id=\"edit-person\"");
        assertThat(officer.page("/households/" + household)).contains(name);

        // the edit form never holds the full identity number or phone
        String edit = officer.page("/persons/" + id + "/edit");
        assertThat(edit).doesNotContain(number).doesNotContain("13912340001")
                .contains(number.substring(0, 6)).contains("name=\"name\"").contains(name);
        String version = version(edit);

        List<String[]> change = fields(f("householdId", household), f("name", name), f("idNumber", ""),
                f("phone", "13800001111"), f("sex", "MALE"), f("birthDate", birth(number)),
                f("ethnicity", "01"), f("relation", "CHILD"), f("residence", "LEFT"),
                f("leftOn", LocalDate.now().minusDays(1)), f("keyPersonType", "OTHER"),
                f("categories", "IN_DIFFICULTY"), f("version", version));
        HttpResponse<String> saved = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit", change);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/persons/" + id);

        row = stored(id);
        assertThat(row.get("residence")).isEqualTo("LEFT");
        assertThat(row.get("left_on").toString()).isEqualTo(LocalDate.now().minusDays(1).toString());
        assertThat(revealed(id, "phone")).isEqualTo("13800001111");
        assertThat(revealed(id, "idNumber")).as("a blank identity number on the edit form keeps the stored one")
                .isEqualTo(number);
        assertThat(jdbc.sql("SELECT category || coalesce(':' || subtype, '') FROM person_category WHERE person_id = ?")
                .param(id).query(String.class).list()).containsExactlyInAnyOrder("KEY_PERSON:OTHER", "IN_DIFFICULTY");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? "
                + "AND action = 'UPDATE' AND actor = 'officer'").param(id.toString()).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(officer.page("/persons/" + id)).contains("已保存 " + name + " 的信息").contains("已离开");

        // the form he had open is now stale: refused, what he typed still there, nothing overwritten
        HttpResponse<String> stale = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(change, "phone", "13700002222"), "occupation", "木匠"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("该人员的信息在您编辑期间已被他人修改，本次未保存")
                .contains("value=\"13700002222\"").contains("value=\"木匠\"");
        assertThat(revealed(id, "phone")).isEqualTo("13800001111");
        assertThat(stored(id).get("version")).isEqualTo(row.get("version"));
    }

    List<String> categoriesOf(UUID person) {
        return jdbc.sql("SELECT category || coalesce(':' || subtype, '') FROM person_category WHERE person_id = ? "
                + "ORDER BY 1").param(person).query(String.class).list();
    }

    /** A child with no identity number registered on the form, born on the day given; answers his id. */
    UUID registerChild(Browser officer, UUID household, String name, LocalDate born) {
        HttpResponse<String> r = officer.post("/persons/new", "/persons/new?householdId=" + household,
                fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                        f("sex", "FEMALE"), f("birthDate", born), f("ethnicity", "01"), f("relation", "GRANDCHILD"),
                        f("residence", "PERMANENT")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        Matcher m = LOCATION_ID.matcher(r.headers().firstValue("Location").orElseThrow());
        assertThat(m.find()).isTrue();
        return UUID.fromString(m.group(1));
    }

    @Test
    void aFormOpenedBeforeTheAgeSweepTookLeftBehindChildIsRefusedAsChangedMeanwhileAndNothingIsWritten() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String name = "满龄" + UUID.randomUUID().toString().substring(0, 4);
        UUID id = registerChild(officer, household, name, today.minusYears(16));
        // the category as it was given before her sixteenth birthday
        jdbc.sql("INSERT INTO person_category (person_id, category) VALUES (?, 'LEFT_BEHIND_CHILD')").param(id).update();
        String edit = officer.page("/persons/" + id + "/edit");
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                f("sex", "FEMALE"), f("birthDate", today.minusYears(16)), f("ethnicity", "01"),
                f("relation", "GRANDCHILD"), f("residence", "PERMANENT"), f("occupation", "学生"),
                f("categories", "LEFT_BEHIND_CHILD"), f("version", version(edit)));

        UUID grid = jdbc.sql("SELECT grid_id FROM household WHERE id = ?").param(household).query(UUID.class).single();
        assertThat(sweep.sweep(grid)).isGreaterThanOrEqualTo(1);
        Map<String, Object> swept = stored(id);
        assertThat(swept.get("version")).as("the sweep changed her record").isNotEqualTo(Long.valueOf(version(edit)));

        // saved after the sweep, as the form was opened: the record changed meanwhile, not the age rule
        HttpResponse<String> saved = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit", form);
        assertThat(saved.statusCode()).isEqualTo(409);
        assertThat(saved.body()).contains("该人员的信息在您编辑期间已被他人修改，本次未保存").contains("value=\"学生\"")
                .doesNotContain("留守儿童须未满16周岁");
        assertThat(stored(id)).isEqualTo(swept);
        assertThat(categoriesOf(id)).isEmpty();

        // the sweep again: nothing more changes
        sweep.sweep(grid);
        assertThat(stored(id)).isEqualTo(swept);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? "
                + "AND action = 'UPDATE'").param(id.toString()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theFormRefusesElderlyLivingAloneForAChildBesideTheCategoriesInBothLanguagesAndRegistersNothing() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        LocalDate born = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusYears(9);
        String name = "童" + UUID.randomUUID().toString().substring(0, 4);
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""),
                f("phone", ""), f("sex", "FEMALE"), f("birthDate", born), f("ethnicity", "01"),
                f("relation", "GRANDCHILD"), f("residence", "PERMANENT"), f("categories", "ELDERLY_ALONE"));

        HttpResponse<String> zh = officer.post("/persons/new", "/persons/new?householdId=" + household, form);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("独居老人须年满60周岁：此人生于 " + born).contains("value=\"" + name + "\"");
        HttpResponse<String> en = officer.post("/persons/new?lang=en", "/persons/new?householdId=" + household, form);
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body())
                .contains("An elderly person living alone is 60 or older: this person was born on " + born);
        officer.get("/persons?lang=zh-CN");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name).query(Long.class).single())
                .as("nothing registered").isZero();
    }

    @Test
    void theFormRefusesElderlyLivingAloneWithNeitherBirthDateNorIdentityNumberBesideTheBirthDateInBothLanguages() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String name = "老" + UUID.randomUUID().toString().substring(0, 4);
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""),
                f("phone", ""), f("sex", "MALE"), f("birthDate", ""), f("ethnicity", "01"),
                f("relation", "HEAD"), f("residence", "PERMANENT"), f("categories", "ELDERLY_ALONE"));

        HttpResponse<String> zh = officer.post("/persons/new", "/persons/new?householdId=" + household, form);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).containsPattern("data-error-for=\"birthDate\">独居老人须年满60周岁：请填写出生日期或身份证号码")
                .contains("value=\"" + name + "\"");
        HttpResponse<String> en = officer.post("/persons/new?lang=en", "/persons/new?householdId=" + household, form);
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains(
                "An elderly person living alone is 60 or older: give the birth date or the identity number");
        officer.get("/persons?lang=zh-CN");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name).query(Long.class).single())
                .as("nothing registered").isZero();
    }

    /**
     * A form with several wrong fields comes back with every one of them marked at once, each beside its field, what
     * was typed kept: the officer corrects them in one go, not one refusal after another.
     */
    @Test
    void everyWrongFieldOfTheRegisterFormIsRefusedAtOnceBesideItsFieldWithEverythingTypedKept() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String taken = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        registerNewborn(officer, household, "占号" + UUID.randomUUID().toString().substring(0, 4), taken, List.of());
        String name = "多错" + UUID.randomUUID().toString().substring(0, 4);
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", taken),
                f("phone", "12345"), f("sex", "FEMALE"), f("birthDate", "2001-01-01"), f("ethnicity", "01"),
                f("relation", "CHILD"), f("residence", "FLOATING"), f("registeredOn", ""), f("occupation", "木匠"));

        HttpResponse<String> zh = officer.post("/persons/new", "/persons/new?householdId=" + household, form);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).as("the sex and birth date that disagree with the number, the number taken, the phone, the day")
                .contains("data-error-for=\"idNumber\">填写的性别与公民身份号码不符")
                .contains("data-error-for=\"idNumber\">填写的出生日期与公民身份号码不符")
                .contains("data-error-for=\"idNumber\">该身份证号已登记")
                .contains("data-error-for=\"phone\">电话号码格式不正确")
                .containsPattern("data-error-for=\"registeredOn\">[^<]+")
                .contains("value=\"" + name + "\"").contains("value=\"12345\"").contains("value=\"木匠\"");
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name).query(Long.class).single())
                .as("nothing registered").isZero();
    }

    @Test
    void everyWrongFieldOfTheEditFormIsRefusedAtOnceTheFormsOwnFindingsWithTheRegistersAndNothingChanges() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        UUID id = registerNewborn(officer, household, "改错" + UUID.randomUUID().toString().substring(0, 4), number,
                List.of());
        Map<String, Object> before = stored(id);
        String edit = officer.page("/persons/" + id + "/edit");
        List<String[]> change = fields(f("householdId", household), f("name", before.get("name")),
                f("idNumber", ""), f("phone", "12345"), f("sex", "MALE"), f("ethnicity", "01"),
                f("relation", "CHILD"), f("residence", "LEFT"), f("leftOn", LocalDate.now().plusDays(3)),
                f("householdNumber", "无此户号-" + UUID.randomUUID().toString().substring(0, 6)),
                f("version", version(edit)));

        HttpResponse<String> zh = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit", change);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).as("the household number, the phone and the day he left, all at once")
                .containsPattern("data-error-for=\"householdNumber\">[^<]+")
                .contains("data-error-for=\"phone\">电话号码格式不正确")
                .containsPattern("data-error-for=\"leftOn\">[^<]+")
                .contains("value=\"12345\"");
        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void aChangeOfCategoriesAloneMakesAFormOpenedBeforeItStale() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "类别" + UUID.randomUUID().toString().substring(0, 4);
        UUID id = registerNewborn(officer, household, name, number, List.of());
        String version = version(officer.page("/persons/" + id + "/edit"));
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"), f("relation", "CHILD"),
                f("residence", "PERMANENT"), f("version", version));

        // one officer marks him in difficulty, and nothing else
        HttpResponse<String> marked = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "categories", "IN_DIFFICULTY"));
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(302);
        Map<String, Object> after = stored(id);

        // the other, with the form opened before, would have taken the category away unknowingly: refused
        HttpResponse<String> stale = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "occupation", "木匠"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("该人员的信息在您编辑期间已被他人修改，本次未保存");
        assertThat(stored(id)).isEqualTo(after);
        assertThat(categoriesOf(id)).containsExactly("IN_DIFFICULTY");
    }

    @Test
    void aChangeOfRiskLevelMakesAFormOpenedBeforeItStaleAndTheSameLevelAgainChangesNothing() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "风险" + UUID.randomUUID().toString().substring(0, 4);
        UUID id = registerNewborn(officer, household, name, number, fields(f("keyPersonType", "DRUG")));
        String version = version(officer.page("/persons/" + id + "/edit"));
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"), f("relation", "CHILD"),
                f("residence", "PERMANENT"), f("keyPersonType", "DRUG"), f("version", version));

        // the grid chief assesses him as high risk while the form is open
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> assessed = api.send("PUT", "/api/v1/key-persons/" + id + "/risk", token,
                Map.of("risk", "HIGH", "reason", "多次复吸，需重点关注"));
        assertThat(assessed.statusCode()).as(assessed.body()).isEqualTo(200);
        Map<String, Object> after = stored(id);
        assertThat(after.get("version")).as("the risk change raised his version").isNotEqualTo(Long.valueOf(version));

        // the form opened before, which would take him off the key persons with his risk: refused, nothing lost
        HttpResponse<String> stale = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(form, "keyPersonType", ""), "occupation", "木匠"));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("该人员的信息在您编辑期间已被他人修改，本次未保存").contains("value=\"木匠\"");
        assertThat(stored(id)).isEqualTo(after);
        assertThat(categoriesOf(id)).containsExactly("KEY_PERSON:DRUG");
        assertThat(risk(id)).isEqualTo("HIGH");

        // the same level again is refused as unchanged and raises nothing; a form saved unchanged changes nothing
        HttpResponse<String> again = api.send("PUT", "/api/v1/key-persons/" + id + "/risk", token,
                Map.of("risk", "HIGH", "reason", "再次评估，仍为高风险"));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("风险等级没有变化");
        String fresh = version(officer.page("/persons/" + id + "/edit"));
        assertThat(fresh).isEqualTo(String.valueOf(after.get("version")));
        HttpResponse<String> unchanged = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "version", fresh));
        assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(302);
        assertThat(stored(id)).isEqualTo(after);
        assertThat(risk(id)).isEqualTo("HIGH");
        assertThat(jdbc.sql("SELECT count(*) FROM risk_change WHERE person_id = ?").param(id).query(Integer.class)
                .single()).isEqualTo(1);
    }

    String risk(UUID person) {
        return jdbc.sql("SELECT risk FROM person_category WHERE person_id = ? AND category = 'KEY_PERSON'").param(person)
                .query(String.class).single();
    }

    static String birth(String number) {
        return number.substring(6, 10) + "-" + number.substring(10, 12) + "-" + number.substring(12, 14);
    }

    @Test
    void aWrongIdentityNumberIsRefusedBesideItsFieldInChineseAndEnglishWithEverythingTypedKept() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String good = TestIdentityNumbers.next(org.fengqiao.population.Sex.FEMALE);
        String wrong = good.substring(0, 17) + (good.charAt(17) == '0' ? '1' : '0');
        List<String[]> form = fields(f("householdId", household), f("name", "孙" + "小红"), f("idNumber", wrong),
                f("phone", "13912340002"), f("sex", "FEMALE"), f("ethnicity", "01"), f("relation", "SPOUSE"),
                f("residence", "FLOATING"), f("registeredOn", "2025-03-01"), f("occupation", "裁缝"),
                f("categories", "ELDERLY_ALONE"));
        long before = jdbc.sql("SELECT count(*) FROM person WHERE household_id = ?").param(household)
                .query(Long.class).single();

        HttpResponse<String> zh = officer.post("/persons/new", "/persons/new?householdId=" + household, form);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("公民身份号码校验码不正确")
                .contains("data-error-for=\"idNumber\"")
                .contains("value=\"" + wrong + "\"").contains("value=\"孙小红\"").contains("value=\"13912340002\"")
                .contains("value=\"裁缝\"").contains("value=\"2025-03-01\"")
                .containsPattern("value=\"ELDERLY_ALONE\"\\s+checked")
                .containsPattern("<option value=\"SPOUSE\" selected")
                .containsPattern("<option value=\"FLOATING\" selected");
        assertThat(zh.body()).as("the error sits beside the identity number field")
                .containsPattern("name=\"idNumber\"[^>]*>\\s*<span class=\"field-error\" data-error-for=\"idNumber\">"
                        + "公民身份号码校验码不正确");

        HttpResponse<String> en = officer.post("/persons/new?lang=en", "/persons/new?householdId=" + household, form);
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The check character of the identity number is wrong")
                .contains("value=\"" + wrong + "\"").contains("value=\"孙小红\"").contains("value=\"裁缝\"");
        officer.get("/persons?lang=zh-CN");

        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE household_id = ?").param(household)
                .query(Long.class).single()).as("nothing registered").isEqualTo(before);
    }

    @Test
    void anotherStationsOfficerGets404AndAVolunteer403AndAReaderNoLinks() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        UUID id = registerNewborn(officer, household, "周" + "一鸣", number, List.of());
        Map<String, Object> before = stored(id);

        Browser officer2 = new Browser("officer2", DEMO_PASSWORD);
        assertThat(officer2.get("/persons/" + id + "/edit").statusCode()).isEqualTo(404);
        assertThat(officer2.get("/persons/new?householdId=" + household).statusCode()).isEqualTo(404);
        assertThat(officer2.post("/persons/" + id + "/edit", "/persons/new", fields(f("householdId", household),
                f("name", "改名"), f("residence", "LEFT"), f("version", before.get("version")))).statusCode())
                .isEqualTo(404);
        assertThat(officer2.post("/persons/new", "/persons/new", fields(f("householdId", household),
                f("name", "冒名"), f("residence", "PERMANENT"))).statusCode()).isEqualTo(404);
        assertThat(stored(id)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE household_id = ?").param(household)
                .query(Long.class).single()).isEqualTo(1L);

        Browser volunteer = new Browser("volunteer", DEMO_PASSWORD);
        assertThat(volunteer.get("/persons/new").statusCode()).isEqualTo(403);
        assertThat(volunteer.get("/persons/" + id + "/edit").statusCode()).isEqualTo(403);
        assertThat(volunteer.post("/persons/new", "/", fields(f("householdId", household), f("name", "志愿"),
                f("residence", "PERMANENT"))).statusCode()).isEqualTo(403);

        String reader = TestStaff.uniqueUsername("gm");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        directory.register(office.id(), StaffRole.GRID_MEMBER, "测试网格员", null, null, null, reader, TestStaff.PASSWORD);
        Browser gridMember = new Browser(reader, TestStaff.PASSWORD);
        assertThat(gridMember.page("/households/" + household)).contains("周一鸣").doesNotContain("add-member")
                .doesNotContain("/persons/new");
        assertThat(gridMember.page("/persons/" + id)).doesNotContain("edit-person").doesNotContain("/edit");
        assertThat(gridMember.page("/persons")).doesNotContain("register-person");
        assertThat(gridMember.get("/persons/new?householdId=" + household).statusCode()).isEqualTo(403);
        assertThat(stored(id)).isEqualTo(before);
    }

    /** A household without a number (as one registered from the floor plan), in a room of a new building. */
    UUID unnumberedHouseholdInARoom(String gridCode, HousingFixtures fx, UUID building) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, room_id) VALUES (?, ?, ?)")
                .params(id, fx.gridId(gridCode), fx.room(building, 1, "101")).update();
        return id;
    }

    @Test
    void anOfficerMovesAPersonIntoAHouseholdWithoutANumberChosenByWhereItIsThenOutOfEveryHouseholdEachAudited() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID household = household("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        String buildingName = jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class)
                .single();
        UUID unnumbered = unnumberedHouseholdInARoom("FS-1-01", fx, building);
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "无号" + UUID.randomUUID().toString().substring(0, 3);
        UUID id = registerNewborn(officer, household, name, number, List.of());
        String edit = officer.page("/persons/" + id + "/edit");
        // his grid's households, the one without a number told by its building and room; his own not offered
        assertThat(edit).contains("name=\"moveTo\"").contains("value=\"NONE\"").contains("不属于任何户")
                .containsPattern("value=\"" + unnumbered + "\">" + buildingName + " 1-101</option>")
                .doesNotContain("<option value=\"" + household + "\"");
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"), f("relation", "HEAD"),
                f("residence", "PERMANENT"));

        HttpResponse<String> moved = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(form, "moveTo", unnumbered), "version", version(edit)));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
        assertThat(stored(id).get("household_id")).isEqualTo(unnumbered);
        assertThat(stored(id).get("grid")).isEqualTo("FS-1-01");
        assertThat(audited(id, "householdId")).isEqualTo(household + " -> " + unnumbered);
        assertThat(officer.page("/households/" + unnumbered)).contains(name);
        assertThat(officer.page("/households/" + household)).doesNotContain(name);
        assertThat(officer.page("/buildings/" + building)).as("the floor plan shows him at the room's household")
                .contains(name);
        // the household he is in now offers leaving it, and the one he left
        edit = officer.page("/persons/" + id + "/edit");
        assertThat(edit).contains("<option value=\"" + household + "\"")
                .doesNotContain("<option value=\"" + unnumbered + "\"");

        // registered in the wrong household after all: in none now, still in his grid
        HttpResponse<String> left = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(replaced(form, "householdId", unnumbered), "moveTo", "NONE"), "version",
                        version(edit)));
        assertThat(left.statusCode()).as(left.body()).isEqualTo(302);
        assertThat(stored(id).get("household_id")).isNull();
        assertThat(stored(id).get("grid")).isEqualTo("FS-1-01");
        assertThat(audited(id, "householdId")).isEqualTo(unnumbered + " -> -");
        assertThat(officer.page("/households/" + unnumbered)).doesNotContain(name);
        assertThat(officer.page("/buildings/" + building)).doesNotContain(name);
        assertThat(officer.page("/persons/" + id)).contains(name);
        assertThat(officer.page("/persons/" + id + "/edit")).as("no household to leave any more")
                .doesNotContain("value=\"NONE\"").contains("name=\"gridId\"");
    }

    /** A head of the household, straight into the table as the bulk paths write him; answers his name. */
    String headOf(UUID household, String gridCode) {
        String name = "甄" + "甲乙丙丁戊己庚辛壬癸".charAt((int) (Math.random() * 10)) + UUID.randomUUID().toString()
                .substring(0, 4).chars().mapToObj(c -> String.valueOf((char) ('鸠' + c % 16))).collect(Collectors.joining());
        org.fengqiao.population.internal.ChineseNames.Pinyin pinyin = org.fengqiao.population.internal.ChineseNames.pinyin(name);
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, residence, relation,
                                    content_hash)
                VALUES (gen_random_uuid(), (SELECT id FROM grid WHERE code = ? AND network = 'POLICE'), ?, ?, ?, ?,
                        'PERMANENT', 'HEAD', 'household-lookup')""")
                .params(gridCode, household, name, pinyin.initials(), pinyin.full()).update();
        return name;
    }

    static String encoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aHouseholdIsLookedUpByThePinyinInitialsOfItsHeadAsAPersonIsAndOnlyWithinTheCallersJurisdiction() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-02", 1, 1, 1);
        UUID household = unnumberedHouseholdInARoom("FS-1-02", fx, building);
        String head = headOf(household, "FS-1-02");
        String initials = org.fengqiao.population.internal.ChineseNames.pinyin(head).initials().substring(0, 4);
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        // the person search finds him by them: the household lookup does too, typed small, capital or full-width
        assertThat(ApiClient.json(api.get("/api/v1/persons?size=100&q=" + initials, token)).path("items")
                .findValuesAsText("name")).contains(head);
        String fullWidth = initials.toUpperCase(java.util.Locale.ROOT).chars()
                .mapToObj(c -> String.valueOf((char) (c - 'A' + 'Ａ'))).collect(Collectors.joining());
        for (String typed : List.of(initials, initials.toUpperCase(java.util.Locale.ROOT), fullWidth)) {
            com.fasterxml.jackson.databind.JsonNode found = ApiClient.json(api.get("/api/v1/households?size=50&q="
                    + encoded(typed), token));
            assertThat(found.path("items").findValuesAsText("id")).as(typed).contains(household.toString());
        }
        assertThat(ApiClient.json(api.get("/api/v1/households?size=50&q=" + initials,
                api.token("officer2", DEMO_PASSWORD))).path("items").findValuesAsText("id"))
                .as("another station's officer finds none of his households").doesNotContain(household.toString());
    }

    @Test
    void anOfficerLooksUpAHouseholdWithoutANumberInAnotherGridOfHisAndMovesAPersonIntoItWhoTakesItsGrid() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID household = household("FS-1-01");
        UUID building = fx.building("officer", "FS-1-02", 2, 1, 2);
        String buildingName = jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class)
                .single();
        UUID elsewhere = unnumberedHouseholdInARoom("FS-1-02", fx, building);
        String head = headOf(elsewhere, "FS-1-02");
        UUID numbered = household("FS-1-02");
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "跨格" + UUID.randomUUID().toString().substring(0, 3);
        UUID id = registerNewborn(officer, household, name, number, List.of());
        String edit = officer.page("/persons/" + id + "/edit");
        assertThat(edit).as("another grid's households are not in his grid's list; they are looked up")
                .doesNotContain("<option value=\"" + elsewhere + "\"").contains("id=\"move-lookup\"")
                .contains("data-picker=\"households\"").contains("data-except=\"" + household + "\"");

        // looked up by its building, by its head, or by a number: only what he may see, his own household left out
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        com.fasterxml.jackson.databind.JsonNode byBuilding = ApiClient.json(api.get("/api/v1/households?q="
                + encoded(buildingName) + "&except=" + household, token));
        assertThat(byBuilding.path("items").findValuesAsText("id")).containsExactly(elsewhere.toString());
        assertThat(byBuilding.path("items").get(0).path("label").asText())
                .isEqualTo(buildingName + " 1-101 · 户主 " + head + " · FS-1-02");
        assertThat(byBuilding.path("items").get(0).path("gridCode").asText()).isEqualTo("FS-1-02");
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(head), token)).path("items")
                .findValuesAsText("id")).containsExactly(elsewhere.toString());
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(number(numbered)), token)).path("items")
                .findValuesAsText("id")).first().isEqualTo(numbered.toString());
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(number(household)) + "&except=" + household,
                token)).path("items").findValuesAsText("id")).doesNotContain(household.toString());
        // and by its address, from the addresses' trigram index
        List<String> atAddress = jdbc.sql("SELECT h.id::text, a.full_text FROM household h "
                + "JOIN address a ON a.id = h.address_id JOIN grid g ON g.id = h.grid_id "
                + "WHERE g.code LIKE 'FS-1-%' AND h.id <> ? ORDER BY h.id LIMIT 1")
                .param(household).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
        String address = atAddress.get(1);
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(address) + "&size=50", token)).path("items")
                .findValuesAsText("id")).contains(atAddress.get(0));
        String token2 = api.token("officer2", DEMO_PASSWORD);
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(address), token2)).path("items")).isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(buildingName), token2)).path("items"))
                .as("another station's officer finds none of his households").isEmpty();
        assertThat(ApiClient.json(api.get("/api/v1/households?q=" + encoded(head), token2)).path("items")).isEmpty();
        HttpResponse<String> tooShort = api.get("/api/v1/households?q=" + encoded("甄"), token);
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("请至少输入 2 个字查找住户");
        assertThat(api.get("/api/v1/households?q=x", token, "Accept-Language", "en").body())
                .contains("Type at least 2 characters to look up a household");

        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"), f("relation", "CHILD"),
                f("residence", "PERMANENT"), f("version", version(edit)));
        // refused for another field: the household looked up stays chosen in the list, named with its grid
        Map<String, Object> before = stored(id);
        HttpResponse<String> refused = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(form, "moveTo", elsewhere), "registeredOn", "昨天"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).containsPattern("<option value=\"" + elsewhere + "\"\\s+selected=\"selected\">"
                + Pattern.quote(buildingName + " 1-101 · 户主 " + head + " · FS-1-02") + "</option>");
        assertThat(stored(id)).isEqualTo(before);

        // moved into it: he takes its grid, as a person is always in his household's grid
        HttpResponse<String> moved = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "moveTo", elsewhere));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
        assertThat(stored(id).get("household_id")).isEqualTo(elsewhere);
        assertThat(stored(id).get("grid")).isEqualTo("FS-1-02");
        assertThat(audited(id, "householdId")).isEqualTo(household + " -> " + elsewhere);
        assertThat(audited(id, "gridCode")).isEqualTo("FS-1-01 -> FS-1-02");
        assertThat(officer.page("/households/" + elsewhere)).contains(name).contains(head);

        // another station's officer cannot move him back, nor anywhere: 404, nothing changed
        Map<String, Object> after = stored(id);
        Browser officer2 = new Browser("officer2", DEMO_PASSWORD);
        assertThat(officer2.post("/persons/" + id + "/edit", "/persons/new",
                replaced(replaced(form, "householdId", elsewhere), "moveTo", household)).statusCode()).isEqualTo(404);
        assertThat(stored(id)).isEqualTo(after);
    }

    @Test
    void aChosenHouseholdOutsideHisJurisdictionOrNotAHouseholdIsRefusedInHisLanguageAndNothingChanges() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID household = household("FS-1-01");
        UUID foreign = household("NS-2-01");
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "错选" + UUID.randomUUID().toString().substring(0, 3);
        UUID id = registerNewborn(officer, household, name, number, List.of());
        Map<String, Object> before = stored(id);
        String edit = officer.page("/persons/" + id + "/edit");
        assertThat(edit).as("another station's household is never offered").doesNotContain(foreign.toString());
        List<String[]> form = fields(f("householdId", household), f("name", name), f("idNumber", ""), f("phone", ""),
                f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"), f("relation", "CHILD"),
                f("residence", "PERMANENT"), f("version", version(edit)));

        // another station's household, as a forged form would choose it: refused beside the field, as if none
        HttpResponse<String> zh = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "moveTo", foreign));
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).containsPattern("data-error-for=\"moveTo\">所选的户不存在或不在您的辖区，未作迁移");
        HttpResponse<String> en = officer.post("/persons/" + id + "/edit?lang=en", "/persons/" + id + "/edit",
                replaced(form, "moveTo", "not-a-household"));
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("The household chosen does not exist or is not in your jurisdiction");
        officer.get("/persons?lang=zh-CN");
        // a number typed and a household chosen: which did he mean? refused
        HttpResponse<String> both = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(form, "moveTo", "NONE"), "householdNumber", number(household("FS-1-02"))));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("请只填写户号或只从列表中选择一户");
        assertThat(stored(id)).isEqualTo(before);

        // another station's officer cannot take him out of his household either
        Browser officer2 = new Browser("officer2", DEMO_PASSWORD);
        assertThat(officer2.post("/persons/" + id + "/edit", "/persons/new", replaced(form, "moveTo", "NONE"))
                .statusCode()).isEqualTo(404);
        assertThat(stored(id)).isEqualTo(before);
        assertThat(fx.gridId("FS-1-01")).isNotNull();
    }

    String number(UUID household) {
        return jdbc.sql("SELECT number FROM household WHERE id = ?").param(household).query(String.class).single();
    }

    /** The person's last change in the audit trail: a field of his record before and after. */
    String audited(UUID person, String field) {
        return jdbc.sql("""
                SELECT coalesce(before->>CAST(:field AS text), '-') || ' -> ' || coalesce(after->>CAST(:field AS text), '-')
                FROM audit_entry
                WHERE record_type = 'person' AND record_id = :id AND action = 'UPDATE' AND actor = 'officer'
                ORDER BY seq DESC LIMIT 1""").param("field", field).param("id", person.toString())
                .query(String.class).single();
    }

    @Test
    void anOfficerMovesAPersonToAnotherHouseholdOfHisAndDeletesHisPhoneEachAudited() {
        UUID household = household("FS-1-01");
        UUID next = household("FS-1-02");
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String name = "迁" + "户" + UUID.randomUUID().toString().substring(0, 3);
        UUID id = registerNewborn(officer, household, name, number, List.of());
        String edit = officer.page("/persons/" + id + "/edit");
        assertThat(edit).contains("name=\"householdNumber\"").contains("id=\"clear-phone\"").contains("删除电话");

        // moved to the household next door, in another grid of his: blank phone and number stay as stored
        List<String[]> move = fields(f("householdId", household), f("householdNumber", number(next)), f("name", name),
                f("idNumber", ""), f("phone", ""), f("sex", "MALE"), f("birthDate", birth(number)),
                f("ethnicity", "01"), f("relation", "CHILD"), f("residence", "PERMANENT"), f("version", version(edit)));
        HttpResponse<String> moved = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit", move);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
        Map<String, Object> row = stored(id);
        assertThat(row.get("household_id")).isEqualTo(next);
        assertThat(row.get("grid")).as("he takes his new household's grid").isEqualTo("FS-1-02");
        assertThat(row.get("phone_masked")).as("a blank phone keeps the stored one").isEqualTo("139****0001");
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
        assertThat(audited(id, "householdId")).isEqualTo(household + " -> " + next);
        assertThat(officer.page("/households/" + next)).contains(name);
        assertThat(officer.page("/households/" + household)).doesNotContain(name);

        // the phone deleted by its checkbox, the identity number still kept
        edit = officer.page("/persons/" + id + "/edit");
        List<String[]> clear = fields(f("householdId", next), f("name", name), f("idNumber", ""), f("phone", ""),
                f("clearPhone", "true"), f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"),
                f("relation", "CHILD"), f("residence", "PERMANENT"), f("version", version(edit)));
        HttpResponse<String> cleared = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit", clear);
        assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(302);
        assertThat(stored(id).get("phone_masked")).isNull();
        assertThat(jdbc.sql("SELECT phone_cipher IS NULL AND phone_index IS NULL FROM person WHERE id = ?").param(id)
                .query(Boolean.class).single()).isTrue();
        assertThat(revealed(id, "idNumber")).isEqualTo(number);
        assertThat(audited(id, "phoneMasked")).isEqualTo("139****0001 -> -");
        assertThat(officer.page("/persons/" + id + "/edit")).as("no phone left to delete").doesNotContain("id=\"clear-phone\"");
    }

    @Test
    void aHouseholdOutsideHisJurisdictionOrAPhoneBothTypedAndDeletedIsRefusedAndNothingChanges() {
        UUID household = household("FS-1-01");
        UUID foreign = household("NS-2-01");
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        UUID id = registerNewborn(officer, household, "拒" + "迁", number, List.of());
        Map<String, Object> before = stored(id);
        String edit = officer.page("/persons/" + id + "/edit");
        List<String[]> form = fields(f("householdId", household), f("name", "拒迁"), f("idNumber", ""), f("phone", ""),
                f("sex", "MALE"), f("birthDate", birth(number)), f("ethnicity", "01"), f("relation", "CHILD"),
                f("residence", "PERMANENT"), f("version", version(edit)));

        // another station's household, by its number: refused beside the field as if it did not exist
        HttpResponse<String> zh = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "householdNumber", number(foreign)));
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).containsPattern("data-error-for=\"householdNumber\">找不到户号为“" + number(foreign))
                .contains("value=\"" + number(foreign) + "\"");
        HttpResponse<String> en = officer.post("/persons/" + id + "/edit?lang=en", "/persons/" + id + "/edit",
                replaced(form, "householdNumber", "NO-SUCH-" + UUID.randomUUID()));
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("No household numbered “NO-SUCH-");
        officer.get("/persons?lang=zh-CN");
        // named by its id, as a forged form would: 404
        assertThat(officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(form, "householdId", foreign)).statusCode()).isEqualTo(404);

        // a new phone typed and the phone deleted at once: which did he mean? refused
        HttpResponse<String> both = officer.post("/persons/" + id + "/edit", "/persons/" + id + "/edit",
                replaced(replaced(form, "phone", "13700003333"), "clearPhone", "true"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("请填写新电话或勾选“删除电话”");

        assertThat(stored(id)).isEqualTo(before);
    }

    /** A visit the user records now at the household, through the API; answers its id. */
    UUID visitNow(String user, UUID household) {
        return visitAt(user, household, null);
    }

    /** A visit the user records at the household, made at the time given (null: now); answers its id. */
    UUID visitAt(String user, UUID household, java.time.OffsetDateTime at) {
        ApiClient api = new ApiClient(port);
        Map<String, Object> body = new java.util.HashMap<>(
                Map.of("householdId", household, "findings", "入户核对人口", "contactCard", false));
        if (at != null) {
            body.put("visitedAt", at.toString());
        }
        HttpResponse<String> r = api.send("POST", "/api/v1/visits", api.token(user, DEMO_PASSWORD), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return UUID.fromString(ApiClient.json(r).get("id").asText());
    }

    @Test
    void duringAVisitANewbornAndAMemberCorrectedOnThePagesAreListedUnderTheVisitAndTheFormsLeadBackToIt() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String mother = "页母" + UUID.randomUUID().toString().substring(0, 4);
        LocalDate born = LocalDate.now().minusYears(30);
        UUID motherId = registerChild(officer, household, mother, born);
        assertThat(officer.page("/households/" + household)).as("no visit today: the plain links")
                .doesNotContain("visitId=");
        UUID visit = visitNow("officer", household);

        // the household page during the visit opens the forms with it
        String page = officer.page("/households/" + household);
        assertThat(page).contains("/persons/new?householdId=" + household + "&amp;visitId=" + visit)
                .contains("/persons/" + motherId + "/edit?visitId=" + visit);
        // so does the member's own page, reached by his name
        assertThat(page).contains("href=\"/persons/" + motherId + "?visitId=" + visit + "\"");
        assertThat(officer.page("/persons/" + motherId + "?visitId=" + visit))
                .contains("href=\"/persons/" + motherId + "/edit?visitId=" + visit + "\"").contains("修改（记入本次走访）");
        String form = officer.page("/persons/new?householdId=" + household + "&visitId=" + visit);
        assertThat(form).contains("name=\"visitId\" value=\"" + visit + "\"").contains("id=\"during-visit\"")
                .contains("href=\"/households/" + household + "\"");

        String number = TestIdentityNumbers.next(org.fengqiao.population.Sex.MALE);
        String baby = "页婴" + UUID.randomUUID().toString().substring(0, 4);
        HttpResponse<String> registered = officer.post("/persons/new",
                "/persons/new?householdId=" + household + "&visitId=" + visit,
                fields(f("householdId", household), f("name", baby), f("idNumber", number), f("phone", ""),
                        f("sex", "MALE"), f("ethnicity", "01"), f("relation", "CHILD"), f("residence", "PERMANENT"),
                        f("visitId", visit)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        assertThat(registered.headers().firstValue("Location").orElseThrow()).endsWith("/households/" + household);

        String edit = officer.page("/persons/" + motherId + "/edit?visitId=" + visit);
        assertThat(edit).contains("name=\"visitId\" value=\"" + visit + "\"");
        HttpResponse<String> corrected = officer.post("/persons/" + motherId + "/edit",
                "/persons/" + motherId + "/edit?visitId=" + visit,
                fields(f("householdId", household), f("name", mother), f("idNumber", ""), f("phone", "13800002222"),
                        f("sex", "FEMALE"), f("birthDate", born), f("ethnicity", "01"), f("relation", "GRANDCHILD"),
                        f("residence", "PERMANENT"), f("version", version(edit)), f("visitId", visit)));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(302);
        assertThat(corrected.headers().firstValue("Location").orElseThrow()).endsWith("/households/" + household);

        String after = officer.page("/households/" + household);
        assertThat(after).contains("<li>新登记人员 " + baby + "</li>")
                .contains("<li>" + mother + "：电话已更新为 138****2222</li>")
                .doesNotContain("13800002222").doesNotContain(number);
        assertThat(officer.page("/households/" + household + "?lang=en"))
                .contains("<li>" + mother + ": Phone changed to 138****2222</li>");
        assertThat(revealed(motherId, "phone")).isEqualTo("13800002222");
    }

    @Test
    void aVisitOfAnotherGridOrStationAColleaguesOrTheOfficersOwnOfYesterdayOpensNoPageAndWhenPostedIsRefusedWithWhy() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        String name = "外访" + UUID.randomUUID().toString().substring(0, 4);
        UUID member = registerChild(officer, household, name, LocalDate.now().minusYears(20));
        Map<String, Object> before = stored(member);
        UUID building = new HousingFixtures(port, jdbc).building("officer", "FS-1-01", 1, 1, 1);
        UUID otherGrid = visitNow("officer", household("FS-2-01"));
        UUID otherStation = visitNow("officer2", household("NS-1-01"));
        UUID colleagues = visitNow("chief", household);
        UUID yesterdays = visitAt("officer", household,
                java.time.OffsetDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(1));
        String[] unknown = {"走访记录不存在或不属于该网格", "no such visit in this grid"};
        Map<UUID, String[]> why = Map.of(otherGrid, unknown, otherStation, unknown,
                colleagues, new String[] {"这次走访不是您记录的，不能把修改记入其中",
                        "This visit was recorded by another staff member; changes cannot be added to it"},
                yesterdays, new String[] {"只能在走访当天把修改记入该次走访",
                        "Changes can be added to a visit only on the day it was recorded"});

        for (Map.Entry<UUID, String[]> e : why.entrySet()) {
            UUID visit = e.getKey();
            assertThat(officer.get("/persons/new?householdId=" + household + "&visitId=" + visit).statusCode())
                    .isEqualTo(404);
            assertThat(officer.get("/persons/" + member + "/edit?visitId=" + visit).statusCode()).isEqualTo(404);
            assertThat(officer.get("/persons/" + member + "?visitId=" + visit).statusCode()).isEqualTo(404);
            assertThat(officer.get("/buildings/" + building + "?visitId=" + visit).statusCode()).isEqualTo(404);

            HttpResponse<String> registered = officer.post("/persons/new?lang=zh-CN",
                    "/persons/new?householdId=" + household, fields(f("householdId", household), f("name", name + "弟"), f("sex", "MALE"),
                            f("residence", "PERMANENT"), f("visitId", visit)));
            assertThat(registered.statusCode()).isEqualTo(400);
            assertThat(registered.body()).contains(e.getValue()[0]).contains("value=\"" + name + "弟\"");
            HttpResponse<String> changed = officer.post("/persons/" + member + "/edit?lang=en",
                    "/persons/" + member + "/edit",
                    fields(f("householdId", household), f("name", name), f("sex", "FEMALE"),
                            f("birthDate", LocalDate.now().minusYears(20)), f("relation", "GRANDCHILD"),
                            f("residence", "LEFT"), f("phone", "13800003333"), f("visitId", visit)));
            assertThat(changed.statusCode()).isEqualTo(400);
            assertThat(changed.body()).contains(e.getValue()[1]);
        }
        assertThat(officer.page("/households/" + household)).as("neither visit is offered on the household page")
                .doesNotContain("visitId=");
        assertThat(stored(member)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM person WHERE name = ?").param(name + "弟").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id IN (?, ?, ?, ?)")
                .params(otherGrid, otherStation, colleagues, yesterdays).query(Long.class).single()).isZero();
    }

    @Test
    void anOfficerRecordsADepartureFromTheHouseholdPageAndIsBroughtBackThereWithEverythingElseKept() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String name = "迁出" + UUID.randomUUID().toString().substring(0, 4);
        UUID id = registerChild(officer, household, name, today.minusYears(30));
        Map<String, Object> before = stored(id);

        // offered on his row of the household page and on his own page
        String householdPage = officer.page("/households/" + household);
        assertThat(householdPage).contains("href=\"/persons/" + id + "/departure?back=household\"")
                .contains("id=\"depart-household\"");
        assertThat(officer.page("/persons/" + id)).contains("id=\"depart-person\"")
                .contains("href=\"/persons/" + id + "/departure\"");
        String form = officer.page("/persons/" + id + "/departure?back=household");
        assertThat(form).contains("name=\"leftOn\" type=\"date\"").contains("value=\"" + today + "\"")
                .contains("name=\"version\" value=\"" + before.get("version") + "\"")
                .contains("name=\"back\" value=\"household\"");

        // a day to come: refused beside the day, what he typed kept, nothing changed
        List<String[]> typed = fields(f("leftOn", today.plusDays(2)), f("destination", "江苏省南京市"),
                f("note", "随子女生活"), f("version", before.get("version")), f("back", "household"));
        HttpResponse<String> future = officer.post("/persons/" + id + "/departure", "/persons/" + id + "/departure",
                typed);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("日期不能晚于今天").contains("value=\"江苏省南京市\"").contains("随子女生活");
        assertThat(stored(id)).isEqualTo(before);

        HttpResponse<String> saved = officer.post("/persons/" + id + "/departure", "/persons/" + id + "/departure",
                replaced(typed, "leftOn", today.minusDays(2)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/households/" + household);
        Map<String, Object> after = stored(id);
        assertThat(after.get("residence")).isEqualTo("LEFT");
        assertThat(after.get("left_on").toString()).isEqualTo(today.minusDays(2).toString());
        assertThat(after.get("household_id")).isEqualTo(before.get("household_id"));
        assertThat(after.get("relation")).isEqualTo(before.get("relation"));
        assertThat(officer.page("/households/" + household)).contains("已登记 " + name + " 离开")
                .doesNotContain("/persons/" + id + "/departure");
        String personPage = officer.page("/persons/" + id);
        assertThat(personPage).contains("已离开").contains(today.minusDays(2) + " 离开，去向：江苏省南京市；随子女生活")
                .doesNotContain("id=\"depart-person\"");

        // already left: the form is not offered, and a post is refused with nothing changed
        assertThat(officer.page("/persons/" + id + "/departure")).contains("该人员已登记离开，无需再次登记")
                .doesNotContain("id=\"departure-form\"");
        HttpResponse<String> again = officer.post("/persons/" + id + "/departure?lang=en", "/persons/" + id,
                fields(f("leftOn", today)));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("This person is already recorded as left");
        assertThat(stored(id)).isEqualTo(after);
    }

    @Test
    void duringAVisitADepartureAndAWholeHouseholdsAreListedUnderItAndOutsideTheJurisdiction404() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String head = "户离" + UUID.randomUUID().toString().substring(0, 4);
        String spouse = "偶离" + UUID.randomUUID().toString().substring(0, 4);
        UUID headId = registerChild(officer, household, head, today.minusYears(40));
        UUID spouseId = registerChild(officer, household, spouse, today.minusYears(38));
        Map<String, Object> before = stored(headId);

        Browser officer2 = new Browser("officer2", DEMO_PASSWORD);
        assertThat(officer2.get("/persons/" + headId + "/departure").statusCode()).isEqualTo(404);
        assertThat(officer2.get("/households/" + household + "/departure").statusCode()).isEqualTo(404);
        assertThat(officer2.post("/persons/" + headId + "/departure", "/persons/new", fields(f("leftOn", today)))
                .statusCode()).isEqualTo(404);
        assertThat(officer2.post("/households/" + household + "/departure", "/persons/new", fields(f("leftOn", today)))
                .statusCode()).isEqualTo(404);
        Browser volunteer = new Browser("volunteer", DEMO_PASSWORD);
        assertThat(volunteer.get("/persons/" + headId + "/departure").statusCode()).isEqualTo(403);
        assertThat(stored(headId)).isEqualTo(before);

        UUID visit = visitNow("officer", household);
        String page = officer.page("/households/" + household);
        assertThat(page).contains("/persons/" + headId + "/departure?visitId=" + visit)
                .contains("/households/" + household + "/departure?visitId=" + visit);
        String form = officer.page("/households/" + household + "/departure?visitId=" + visit);
        assertThat(form).contains("id=\"during-visit\"").contains(head).contains(spouse)
                .contains("name=\"visitId\" value=\"" + visit + "\"");
        HttpResponse<String> saved = officer.post("/households/" + household + "/departure",
                "/households/" + household + "/departure?visitId=" + visit,
                fields(f("leftOn", today), f("destination", "上海市"), f("visitId", visit)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/households/" + household);
        assertThat(stored(headId).get("residence")).isEqualTo("LEFT");
        assertThat(stored(spouseId).get("residence")).isEqualTo("LEFT");
        assertThat(officer.page("/households/" + household)).contains("已登记该户 2 人离开")
                .contains("<li>" + head + "：居住状态改为已离开（" + today + "）</li>")
                .contains("<li>" + spouse + "：居住状态改为已离开（" + today + "）</li>")
                .doesNotContain("id=\"depart-household\"");
    }

    @Test
    void aDepartureFormSentWithoutTheDayIsRefusedBesideItInBothLanguagesAndNobodyIsRecordedAsLeft() {
        UUID household = household();
        Browser officer = new Browser("officer", DEMO_PASSWORD);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        UUID id = registerChild(officer, household, "空离" + UUID.randomUUID().toString().substring(0, 4),
                today.minusYears(30));
        Map<String, Object> before = stored(id);

        // the form's required day left empty (or not sent at all): no departure is taken for today in its place
        HttpResponse<String> empty = officer.post("/persons/" + id + "/departure", "/persons/" + id + "/departure",
                fields(f("leftOn", ""), f("destination", "江苏省南京市"), f("version", before.get("version"))));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("data-error-for=\"leftOn\">请填写离开日期").contains("value=\"江苏省南京市\"");
        HttpResponse<String> whole = officer.post("/households/" + household + "/departure",
                "/households/" + household + "/departure", fields(f("leftOn", " ")));
        assertThat(whole.statusCode()).isEqualTo(400);
        assertThat(whole.body()).contains("data-error-for=\"leftOn\">请填写离开日期");
        // nothing sent at all, in English (the language then stays the session's)
        HttpResponse<String> none = officer.post("/persons/" + id + "/departure?lang=en",
                "/persons/" + id + "/departure", fields());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("data-error-for=\"leftOn\">Enter the day he left");

        assertThat(stored(id)).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'person' AND record_id = ? "
                + "AND action = 'UPDATE'").param(id.toString()).query(Long.class).single()).isZero();
    }
}
