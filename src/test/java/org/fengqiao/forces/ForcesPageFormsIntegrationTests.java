package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The forms of the forces pages, posted as a browser posts them (signed in, with the page's CSRF token): a member's
 * profile (status, availability, phone, with the full phone shown only for a reason that is audited), a training, a
 * security company created and edited (licence expiry), a post created and edited, a shift moved before check-in.
 * Each change is audited, bad input is answered on the page in the user's language and changes nothing, and a record
 * of officer2's station answers 404 to officer (and the other way round) while the bureau may change either.
 */
class ForcesPageFormsIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String HEPING = "320722020100";
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    PlatformTransactionManager transactions;

    Browser officer;
    Browser officer2;
    Browser bureau;

    /** A signed-in browser: a session cookie, and the CSRF token each page's forms carry. */
    final class Browser {
        final ApiClient client = new ApiClient(port);
        final HttpClient http;

        Browser(String username) {
            client.formLogin(username, DEMO_PASSWORD);
            http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(client.cookies())
                    .build();
        }

        String page(String path, String... headers) {
            HttpResponse<String> r = client.get(path, null, headers);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            return r.body();
        }

        int status(String path) {
            return client.get(path, null).statusCode();
        }

        /** Posts the form fields (a name may repeat) with the CSRF token of the page it sits on. */
        HttpResponse<String> post(String path, String formPage, List<String[]> fields, String language) {
            return post(path, formPage, fields, language, null);
        }

        /** The form posted as a browser's navigation, which asks for a page (text/html) when accept says so. */
        HttpResponse<String> post(String path, String formPage, List<String[]> fields, String language, String accept) {
            Matcher m = CSRF.matcher(client.get(formPage, null).body());
            String csrf = m.find() ? m.group(1) : client.csrfFrom("/login");
            List<String[]> all = new ArrayList<>(fields);
            all.add(new String[] {"_csrf", csrf});
            String body = all.stream().map(f -> URLEncoder.encode(f[0], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(f[1], StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            try {
                // the language chosen as the page's language switch chooses it (the session's cookie wins over
                // Accept-Language), so the answer comes in it and the page after the redirect too
                String chosen = path + (path.contains("?") ? "&" : "?") + "lang=" + language;
                // from the form's page, as a browser names it (the site's Referrer-Policy is same-origin)
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + chosen))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept-Language", language).header("Referer", "http://localhost:" + port + formPage);
                if (accept != null) {
                    request.header("Accept", accept);
                }
                return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        HttpResponse<String> post(String path, String formPage, List<String[]> fields) {
            return post(path, formPage, fields, "zh-CN");
        }
    }

    static List<String[]> form(String[]... fields) {
        return new ArrayList<>(java.util.Arrays.asList(fields));
    }

    static String[] f(String name, Object value) {
        return new String[] {name, String.valueOf(value)};
    }

    static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    @BeforeEach
    void signIn() {
        officer = new Browser("officer");
        officer2 = new Browser("officer2");
        bureau = new Browser("bureau");
    }

    static String n() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    Staff volunteer(String unitCode) {
        String username = TestStaff.uniqueUsername("fvol");
        return directory.register(jurisdictions.unitByCode(unitCode).orElseThrow().id(), StaffRole.VOLUNTEER,
                "表单志愿者" + n(), null, null, "平安志愿者", username, TestStaff.PASSWORD);
    }

    long audits(String type, Object id, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = ? AND record_id = ? AND action = ?")
                .params(type, id.toString(), action).query(Long.class).single();
    }

    static String licenceState(String page) {
        Matcher m = Pattern.compile("id=\"licence-state\"[^>]*>([^<]+)<").matcher(page);
        assertThat(m.find()).as("the licence state badge").isTrue();
        return m.group(1).trim();
    }

    record Profile(String status, String availability, String phoneMasked, String skills) {
    }

    Profile profile(UUID staff) {
        return jdbc.sql("""
                SELECT status, availability, phone_masked, array_to_string(skills, ',') FROM force_member WHERE staff_id = ?""")
                .param(staff).query((rs, i) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).optional().orElse(null);
    }

    /**
     * A guard of 和平 works for a company the demo registered at the 牛山 station, above officer2's workstation: his
     * member page names the company without a link to a page that answers him 404, and the bureau's links to it.
     */
    @Test
    void aGuardsCompanyIsLinkedOnlyForWhomItsPageOpens() {
        UUID guard = jdbc.sql("""
                SELECT m.staff_id FROM force_member m JOIN security_company c ON c.id = m.company_id
                JOIN staff s ON s.id = m.staff_id JOIN unit u ON u.id = s.unit_id
                WHERE u.code = ? AND c.name = '东海县平安保安服务有限公司' LIMIT 1""").param(HEPING)
                .query(UUID.class).single();
        UUID company = jdbc.sql("SELECT id FROM security_company WHERE name = '东海县平安保安服务有限公司'")
                .query(UUID.class).single();
        String companyPage = "/forces/companies/" + company;
        assertThat(officer2.status(companyPage)).isEqualTo(404);
        String his = officer2.page("/forces/members/" + guard);
        assertThat(his).contains("东海县平安保安服务有限公司").doesNotContain("href=\"" + companyPage + "\"");
        assertThat(bureau.status(companyPage)).isEqualTo(200);
        assertThat(bureau.page("/forces/members/" + guard)).contains("href=\"" + companyPage + "\"");
    }

    @Test
    void aMembersProfileIsEditedOnHisPageAndHisFullPhoneShownOnlyForAReason() {
        Staff member = volunteer(RURAL_OFFICE);
        String page = "/forces/members/" + member.id();
        assertThat(officer.page(page)).contains("id=\"profile-form\"").contains("id=\"add-training\"");

        List<String[]> form = form(f("phone", "135 1234 5678"), f("status", "PAUSED"),
                f("availability", "周六上午"), f("skills", "急救、消防"), f("gridId", grid("FS-1-02")));
        assertThat(location(officer.post(page + "/profile", page, form))).endsWith(page);
        assertThat(profile(member.id().value())).isEqualTo(new Profile("PAUSED", "周六上午", "135****5678", "急救,消防"));
        String shown = officer.page(page);
        assertThat(shown).contains("id=\"member-phone\">135****5678<").contains("value=\"周六上午\"")
                .doesNotContain("13512345678");
        assertThat(audits("force_member", member.id(), "UPDATE")).isEqualTo(1);

        // a bad phone: said on the page in the user's language, nothing changed
        List<String[]> bad = form(f("phone", "12345"), f("status", "ACTIVE"), f("availability", "随时"));
        officer.post(page + "/profile", page, bad);
        assertThat(officer.page(page)).contains("电话号码格式不正确");
        officer.post(page + "/profile", page, bad, "en");
        assertThat(officer.page(page, "Accept-Language", "en")).contains("The phone number is not valid");
        assertThat(profile(member.id().value()).status()).isEqualTo("PAUSED");
        assertThat(audits("force_member", member.id(), "UPDATE")).isEqualTo(1);

        // a blank phone keeps the one on record
        officer.post(page + "/profile", page, form(f("phone", ""), f("status", "ACTIVE"), f("availability", "周末")));
        assertThat(profile(member.id().value())).isEqualTo(new Profile("ACTIVE", "周末", "135****5678", ""));

        // the full number: for a reason of four characters or more, audited
        officer.post(page + "/reveal", page, form(f("reason", "查")));
        assertThat(officer.page(page)).contains("请说明查看完整号码的理由").doesNotContain("13512345678");
        officer.post(page + "/reveal", page, form(f("reason", "联系核实巡逻情况")));
        assertThat(officer.page(page)).contains("13512345678");
        assertThat(officer.page(page)).as("shown once, not kept on the page").doesNotContain("13512345678");
        assertThat(audits("force_member", member.id(), "REVEAL")).isEqualTo(1);

        // outside the subtree: 404, nothing changed; the bureau may
        assertThat(officer2.post(page + "/profile", "/forces", form(f("status", "LEFT"))).statusCode()).isEqualTo(404);
        assertThat(officer2.post(page + "/reveal", "/forces", form(f("reason", "联系核实巡逻情况"))).statusCode())
                .isEqualTo(404);
        assertThat(profile(member.id().value()).status()).isEqualTo("ACTIVE");
        assertThat(location(bureau.post(page + "/profile", page, form(f("status", "LEFT"))))).endsWith(page);
        assertThat(profile(member.id().value()).status()).isEqualTo("LEFT");

        Staff theirs = volunteer(HEPING);
        assertThat(officer.post("/forces/members/" + theirs.id() + "/profile", "/forces", form(f("status", "PAUSED")))
                .statusCode()).isEqualTo(404);
        assertThat(profile(theirs.id().value())).isNull();
    }

    @Test
    void aNewTeamRefusedComesBackWithWhatWasTypedAndNothingSaved() {
        UUID unit = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value();
        String name = "同名队" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(location(officer.post("/forces/teams", "/forces?tab=teams", form(f("unitId", unit),
                f("kind", "FIRE_PATROL"), f("gridId", ""), f("name", name), f("note", "第一支"))))).contains("/forces/teams/");

        String note = "每周二、四晚巡查沿街商铺消防通道" + UUID.randomUUID().toString().substring(0, 4);
        assertThat(location(officer.post("/forces/teams", "/forces?tab=teams", form(f("unitId", unit),
                f("kind", "COMPOUND_PATROL"), f("gridId", ""), f("name", name), f("note", note)))))
                .endsWith("/forces?tab=teams");
        assertThat(jdbc.sql("SELECT count(*) FROM force_team WHERE note = ?").param(note).query(Long.class).single())
                .as("nothing saved").isZero();

        String page = officer.page("/forces?tab=teams");
        assertThat(page).contains("本单位已有同名队伍");
        assertThat(page).contains("id=\"team-name\" name=\"name\" maxlength=\"100\" value=\"" + name + "\"",
                "id=\"team-note\" name=\"note\" maxlength=\"500\" value=\"" + note + "\"");
        assertThat(page).containsPattern("value=\"COMPOUND_PATROL\"[^>]*selected")
                .containsPattern("value=\"" + unit + "\"[^>]*selected")
                .as("the form is open, not folded away").containsPattern("<details[^>]*open[^>]*>\\s*<summary[^>]*>新建");
        assertThat(officer.page("/forces?tab=teams")).as("shown once").doesNotContain(note);
    }

    /**
     * Two officers name a new team alike at the same moment: the first one's team is written, not yet committed, when
     * the second's is checked (the name is free) and written; the database refuses the second, and his form comes
     * back as typed with the line the name's check gives when nothing races (the unit has a team of that name), in
     * his language.
     */
    @Test
    void aNewTeamNamedAsOneSavedMeanwhileComesBackWithWhatWasTypedAndTheNamesOwnLine() {
        UUID unit = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value();
        Race race = new Race(jdbc, transactions);
        Map<String, String> expected = Map.of("zh-CN", "本单位已有同名队伍", "en", "The unit already has a team of that name");
        for (String language : List.of("zh-CN", "en")) {
            String name = "同时队" + n();
            String note = "同时建队" + n();
            HttpResponse<String> answer = race.run(
                    () -> jdbc.sql("INSERT INTO force_team (id, unit_id, kind, name) VALUES (?, ?, 'FIRE_PATROL', ?)")
                            .params(UUID.randomUUID(), unit, name).update(),
                    () -> officer.post("/forces/teams", "/forces?tab=teams", form(f("unitId", unit),
                            f("kind", "COMPOUND_PATROL"), f("gridId", ""), f("name", name), f("note", note)), language));

            assertThat(location(answer)).endsWith("/forces?tab=teams");
            assertThat(jdbc.sql("SELECT count(*) FROM force_team WHERE note = ?").param(note).query(Long.class)
                    .single()).as("nothing saved").isZero();
            String page = officer.page("/forces?tab=teams");
            assertThat(page).contains(expected.get(language)).doesNotContain("本次未保存", "nothing was saved")
                    .contains("id=\"team-name\" name=\"name\" maxlength=\"100\" value=\"" + name + "\"",
                            "id=\"team-note\" name=\"note\" maxlength=\"500\" value=\"" + note + "\"");
        }
    }

    /**
     * Two officers add the same person to a team at the same moment (or one presses "add" twice): the first one's
     * membership is written, not yet committed, when the second's is checked (not in the team yet) and written; the
     * database refuses the second, who reads the line the check gives when nothing races, in his language.
     */
    @Test
    void aMemberAddedToATeamMeanwhileIsAnsweredAsAlreadyInTheTeam() {
        UUID unit = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value();
        Race race = new Race(jdbc, transactions);
        Map<String, String> expected = Map.of("zh-CN", "该人员已在本队伍中", "en", "This person is already in the team");
        for (String language : List.of("zh-CN", "en")) {
            UUID team = UUID.randomUUID();
            jdbc.sql("INSERT INTO force_team (id, unit_id, kind, name) VALUES (?, ?, 'FIRE_PATROL', ?)")
                    .params(team, unit, "同时入队" + n()).update();
            UUID member = volunteer(RURAL_OFFICE).id().value();
            String page = "/forces/teams/" + team;
            HttpResponse<String> answer = race.run(
                    () -> jdbc.sql("INSERT INTO force_team_member (id, team_id, staff_id, joined_on) "
                            + "VALUES (?, ?, ?, current_date)").params(UUID.randomUUID(), team, member).update(),
                    () -> officer.post(page + "/members", page, form(f("staffId", member)), language));

            assertThat(location(answer)).endsWith(page);
            assertThat(jdbc.sql("SELECT count(*) FROM force_team_member WHERE team_id = ? AND staff_id = ?")
                    .params(team, member).query(Long.class).single()).isOne();
            assertThat(officer.page(page)).contains(expected.get(language))
                    .doesNotContain("本次未保存", "nothing was saved");
        }
    }

    @Test
    void aTrainingIsAddedOnTheMembersPage() {
        Staff member = volunteer(RURAL_OFFICE);
        String page = "/forces/members/" + member.id();
        LocalDate today = LocalDate.now(CHINA);
        String topic = "消防器材使用" + n();
        assertThat(location(officer.post(page + "/trainings", page, form(f("heldOn", today), f("topic", topic),
                f("hours", "2.5"))))).endsWith(page);
        assertThat(jdbc.sql("SELECT hours FROM force_training WHERE staff_id = ? AND topic = ?")
                .params(member.id().value(), topic).query(java.math.BigDecimal.class).single()).isEqualByComparingTo("2.5");
        assertThat(officer.page(page)).contains(topic);

        String later = "急救" + n();
        officer.post(page + "/trainings", page, form(f("heldOn", today.plusDays(3)), f("topic", later),
                f("hours", "两小时")), "en");
        String answered = officer.page(page, "Accept-Language", "en");
        assertThat(answered).contains("Hours must be above 0 and at most 1000");
        officer.post(page + "/trainings", page, form(f("heldOn", today.plusDays(3)), f("topic", later), f("hours", "2")));
        assertThat(officer.page(page)).contains("培训日期不能晚于今天");
        assertThat(jdbc.sql("SELECT count(*) FROM force_training WHERE topic = ?").param(later).query(Long.class).single())
                .isZero();
        assertThat(officer2.post(page + "/trainings", "/forces", form(f("heldOn", today), f("topic", later),
                f("hours", "1"))).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM force_training WHERE topic = ?").param(later).query(Long.class).single())
                .isZero();
    }

    @Test
    void aSecurityCompanyIsRegisteredAndItsLicenceRenewedOnThePages() {
        UUID office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value();
        String name = "表单保安服务公司" + n();
        String licence = "苏公保服" + n();
        LocalDate soon = LocalDate.now(CHINA).plusDays(20);
        String created = location(officer.post("/forces/companies", "/forces?tab=companies", form(f("unitId", office),
                f("name", name), f("licenceNumber", licence), f("licenceValidUntil", soon), f("contactName", "李经理"),
                f("contactPhone", "13612345678"), f("address", "房山镇工业园"))));
        assertThat(created).matches(".*/forces/companies/[0-9a-f-]{36}$");
        String id = created.substring(created.lastIndexOf('/') + 1);
        String page = "/forces/companies/" + id;
        String shown = officer.page(page);
        assertThat(licenceState(shown)).isEqualTo("即将到期");
        assertThat(shown).contains(name).contains("136****5678").doesNotContain("13612345678")
                .contains("id=\"company-edit\"");
        assertThat(audits("security_company", id, "CREATE")).isEqualTo(1);

        // renewed: a year on, the phone kept
        LocalDate renewed = LocalDate.now(CHINA).plusYears(1);
        assertThat(location(officer.post(page, page, form(f("name", name), f("licenceNumber", licence),
                f("licenceValidUntil", renewed), f("contactName", "李经理"), f("contactPhone", ""),
                f("address", "房山镇工业园"))))).endsWith(page);
        assertThat(jdbc.sql("SELECT licence_valid_until FROM security_company WHERE id = ?").param(UUID.fromString(id))
                .query(LocalDate.class).single()).isEqualTo(renewed);
        assertThat(licenceState(officer.page(page))).isEqualTo("有效");
        assertThat(officer.page(page)).contains("136****5678");
        assertThat(audits("security_company", id, "UPDATE")).isEqualTo(1);

        // another company's licence number is refused, nothing changed
        String other = "苏公保服" + n();
        officer.post("/forces/companies", "/forces?tab=companies", form(f("unitId", office), f("name", name + "乙"),
                f("licenceNumber", other), f("licenceValidUntil", renewed)));
        officer.post(page, page, form(f("name", name), f("licenceNumber", other), f("licenceValidUntil", soon)), "en");
        assertThat(officer.page(page, "Accept-Language", "en")).contains("This licence number is already registered");
        assertThat(jdbc.sql("SELECT licence_number FROM security_company WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).isEqualTo(licence);

        // a bad create says why on the roster page
        officer.post("/forces/companies", "/forces?tab=companies", form(f("unitId", office), f("name", ""),
                f("licenceNumber", "")));
        assertThat(officer.page("/forces?tab=companies")).contains("请填写公司名称").contains("请填写保安服务许可证号");

        // officer2 neither sees nor changes it; the bureau may
        assertThat(officer2.status(page)).isEqualTo(404);
        assertThat(officer2.post(page, "/forces", form(f("name", "改名"), f("licenceNumber", licence),
                f("licenceValidUntil", soon))).statusCode()).isEqualTo(404);
        assertThat(location(bureau.post(page, page, form(f("name", name + "（更名）"), f("licenceNumber", licence),
                f("licenceValidUntil", renewed))))).endsWith(page);
        assertThat(jdbc.sql("SELECT name FROM security_company WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).isEqualTo(name + "（更名）");
    }

    @Test
    void aPostIsSetUpAndItsShiftMovedBeforeCheckInButNotAfter() {
        String name = "表单岗" + n();
        String created = location(officer.post("/forces/posts", "/forces?tab=posts", form(f("gridId", grid("FS-1-02")),
                f("name", name), f("place", "村口"), f("lon", "118.77"), f("lat", "34.52"))));
        String postId = created.substring(created.lastIndexOf('/') + 1);
        String page = "/forces/posts/" + postId;
        assertThat(officer.page(page)).contains(name).contains("id=\"post-edit\"");
        assertThat(audits("force_post", postId, "CREATE")).isEqualTo(1);

        assertThat(location(officer.post(page, page, form(f("gridId", grid("FS-1-03")), f("name", name + "东"),
                f("place", "村东桥头"), f("lon", ""), f("lat", ""))))).endsWith(page);
        assertThat(jdbc.sql("SELECT name || '|' || place || '|' || (lon IS NULL) FROM force_post WHERE id = ?")
                .param(UUID.fromString(postId)).query(String.class).single()).isEqualTo(name + "东|村东桥头|true");
        assertThat(audits("force_post", postId, "UPDATE")).isEqualTo(1);
        officer.post(page, page, form(f("gridId", grid("FS-1-03")), f("name", name), f("lon", "118.7")), "en");
        assertThat(officer.page(page, "Accept-Language", "en")).contains("Longitude and latitude come together");
        assertThat(jdbc.sql("SELECT name FROM force_post WHERE id = ?").param(UUID.fromString(postId))
                .query(String.class).single()).isEqualTo(name + "东");
        assertThat(officer2.status(page)).isEqualTo(404);
        assertThat(officer2.post(page, "/forces", form(f("gridId", grid("FS-1-03")), f("name", "改"))).statusCode())
                .isEqualTo(404);

        // a shift at the post, moved to another post and time before the member checks in
        String otherCreated = location(officer.post("/forces/posts", "/forces?tab=posts",
                form(f("gridId", grid("FS-1-03")), f("name", name + "西"))));
        String otherPost = otherCreated.substring(otherCreated.lastIndexOf('/') + 1);
        Staff member = volunteer(RURAL_OFFICE);
        LocalDateTime start = LocalDateTime.now(CHINA).plusDays(2).truncatedTo(ChronoUnit.HOURS);
        assertThat(location(officer.post(page + "/shifts", page, form(f("staffId", member.id()),
                f("startsAt", start), f("endsAt", start.plusHours(3)))))).endsWith(page);
        UUID shift = jdbc.sql("SELECT id FROM force_shift WHERE staff_id = ?").param(member.id().value())
                .query(UUID.class).single();
        assertThat(officer.page(page)).contains("data-shift=\"" + shift + "\"").contains("shift-post-" + shift);

        LocalDateTime moved = start.plusDays(1).withHour(19);
        assertThat(location(officer.post("/forces/shifts/" + shift, page, form(f("postId", otherPost),
                f("startsAt", moved), f("endsAt", moved.plusHours(2)))))).endsWith("/forces/posts/" + otherPost);
        assertThat(officer.page("/forces/posts/" + otherPost)).contains("已保存").contains("data-shift=\"" + shift + "\"");
        record Times(UUID post, OffsetDateTime start, OffsetDateTime end) {
        }
        Times now = jdbc.sql("SELECT post_id, starts_at, ends_at FROM force_shift WHERE id = ?").param(shift)
                .query((rs, i) -> new Times(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class),
                        rs.getObject(3, OffsetDateTime.class))).single();
        assertThat(now.post()).isEqualTo(UUID.fromString(otherPost));
        assertThat(now.start().toInstant()).isEqualTo(moved.atZone(CHINA).toInstant());
        assertThat(now.end().toInstant()).isEqualTo(moved.plusHours(2).atZone(CHINA).toInstant());
        assertThat(audits("force_shift", shift, "UPDATE")).isEqualTo(1);

        // ending before it starts: refused in the user's language
        officer.post("/forces/shifts/" + shift, page, form(f("postId", otherPost), f("startsAt", moved),
                f("endsAt", moved.minusHours(1))));
        assertThat(officer.page("/forces/posts/" + otherPost)).contains("结束时间须晚于开始时间");
        assertThat(officer2.post("/forces/shifts/" + shift, "/forces", form(f("postId", otherPost),
                f("startsAt", moved), f("endsAt", moved.plusHours(1)))).statusCode()).isEqualTo(404);

        // once he has checked in, the shift is what happened and stays
        jdbc.sql("UPDATE force_shift SET checked_in_at = now() WHERE id = ?").param(shift).update();
        assertThat(officer.page("/forces/posts/" + otherPost)).doesNotContain("shift-post-" + shift);
        officer.post("/forces/shifts/" + shift, page, form(f("postId", postId), f("startsAt", start),
                f("endsAt", start.plusHours(1))), "en");
        assertThat(officer.page("/forces/posts/" + otherPost, "Accept-Language", "en")).contains("Already checked in");
        assertThat(jdbc.sql("SELECT post_id FROM force_shift WHERE id = ?").param(shift).query(UUID.class).single())
                .isEqualTo(UUID.fromString(otherPost));
        assertThat(audits("force_shift", shift, "UPDATE")).isEqualTo(1);
    }

    @Test
    void aShiftsTimesAreReadAsThePageWritesThemAndInIsoFormAndOneThatIsNoTimeChangesNothing() {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        DateTimeFormatter typed = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        String created = location(officer.post("/forces/posts", "/forces?tab=posts", form(f("gridId", grid("FS-1-02")),
                f("name", "时间岗" + n()))));
        String postId = created.substring(created.lastIndexOf('/') + 1);
        String page = "/forces/posts/" + postId;
        Staff member = volunteer(RURAL_OFFICE);
        LocalDateTime start = LocalDateTime.now(CHINA).plusDays(3).truncatedTo(ChronoUnit.HOURS).withHour(8);

        // as the page's field writes it: 2026-12-02 08:00
        assertThat(location(officer.post(page + "/shifts", page, form(f("staffId", member.id()),
                f("startsAt", start.format(typed)), f("endsAt", start.plusHours(4).format(typed)))))).endsWith(page);
        UUID shift = jdbc.sql("SELECT id FROM force_shift WHERE staff_id = ?").param(member.id().value())
                .query(UUID.class).single();
        assertThat(startAndEnd(shift)).containsExactly(start.atZone(CHINA).toInstant(),
                start.plusHours(4).atZone(CHINA).toInstant());

        // with seconds, and in the ISO form (T) the browser's own field and older clients send
        LocalDateTime later = start.plusHours(1).plusMinutes(30);
        assertThat(location(officer.post("/forces/shifts/" + shift, page, form(f("postId", postId),
                f("startsAt", later.format(typed) + ":00"), f("endsAt", later.plusHours(2) + ":00"))))).endsWith(page);
        assertThat(startAndEnd(shift)).containsExactly(later.atZone(CHINA).toInstant(),
                later.plusHours(2).atZone(CHINA).toInstant());
        assertThat(audits("force_shift", shift, "UPDATE")).isEqualTo(1);

        // a time that is no time: back on the form, the field named as the form names it in the reader's language and
        // what was typed kept (the error page lost the form)
        HttpResponse<String> zh = officer.post("/forces/shifts/" + shift, page, form(f("postId", postId),
                f("startsAt", "2026-12-02 25:00"), f("endsAt", later.plusHours(3).format(typed))), "zh-CN", browser);
        assertThat(zh.statusCode()).isEqualTo(302);
        assertThat(location(zh)).endsWith(page);
        assertThat(officer.page(page)).contains("<li>开始时间：不是有效的年-月-日 时:分，请写成 2026-05-01 08:30 这样</li>")
                .contains("value=\"2026-12-02 25:00\"");
        HttpResponse<String> en = officer.post(page + "/shifts", page, form(f("staffId", member.id()),
                f("startsAt", later.format(typed)), f("endsAt", "tomorrow 9am")), "en", browser);
        assertThat(en.statusCode()).isEqualTo(302);
        assertThat(officer.page(page)).contains("<li>End time: Not a valid year-month-day hour:minute: write it as 2026-05-01 08:30</li>")
                .contains("value=\"tomorrow 9am\"");
        assertThat(startAndEnd(shift)).as("nothing changed").containsExactly(later.atZone(CHINA).toInstant(),
                later.plusHours(2).atZone(CHINA).toInstant());
        assertThat(jdbc.sql("SELECT count(*) FROM force_shift WHERE staff_id = ?").param(member.id().value())
                .query(Long.class).single()).as("no shift added").isEqualTo(1);
        assertThat(audits("force_shift", shift, "UPDATE")).isEqualTo(1);
    }

    @Test
    void aShiftsEditRefusedComesBackInItsOwnRowOnlyAndNothingIsSaved() {
        String created = location(officer.post("/forces/posts", "/forces?tab=posts", form(f("gridId", grid("FS-1-02")),
                f("name", "调整岗" + n()))));
        String postId = created.substring(created.lastIndexOf('/') + 1);
        String page = "/forces/posts/" + postId;
        String other = location(officer.post("/forces/posts", "/forces?tab=posts", form(f("gridId", grid("FS-1-03")),
                f("name", "调整岗西" + n()))));
        String otherPost = other.substring(other.lastIndexOf('/') + 1);
        LocalDateTime start = LocalDateTime.now(CHINA).plusDays(4).truncatedTo(ChronoUnit.HOURS).withHour(8);
        UUID first = shiftAt(page, volunteer(RURAL_OFFICE), start);
        UUID second = shiftAt(page, volunteer(RURAL_OFFICE), start.plusHours(4));
        List<java.time.Instant> before = startAndEnd(second);

        // moved to the other post, but ending before it starts
        String from = start.plusDays(1).withHour(19) + "";
        String to = start.plusDays(1).withHour(18) + "";
        assertThat(location(officer.post("/forces/shifts/" + second, page, form(f("postId", otherPost),
                f("startsAt", from), f("endsAt", to))))).endsWith(page);
        assertThat(startAndEnd(second)).as("nothing saved").isEqualTo(before);
        assertThat(jdbc.sql("SELECT post_id FROM force_shift WHERE id = ?").param(second).query(UUID.class).single())
                .isEqualTo(UUID.fromString(postId));

        String again = officer.page(page);
        assertThat(again).contains("结束时间须晚于开始时间");
        String refused = shiftRow(again, second);
        assertThat(refused).as("the row refused is open").containsPattern("<details[^>]*open[^>]*>\\s*<summary");
        assertThat(refused).containsPattern("value=\"" + otherPost + "\"[^>]*selected")
                .contains("value=\"" + from + "\"", "value=\"" + to + "\"");
        String untouched = shiftRow(again, first);
        assertThat(untouched).as("another row stays folded, with its own values").doesNotContainPattern("<details[^>]*open")
                .containsPattern("value=\"" + postId + "\"[^>]*selected")
                .contains("value=\"" + start.toString().substring(0, 16) + "\"")
                .doesNotContain(from, to);
        assertThat(officer.page(page)).as("shown once").doesNotContain("value=\"" + from + "\"");
    }

    /** A shift added through the post's page for this member, three hours from {@code start}. */
    UUID shiftAt(String page, Staff member, LocalDateTime start) {
        assertThat(location(officer.post(page + "/shifts", page, form(f("staffId", member.id()), f("startsAt", start),
                f("endsAt", start.plusHours(3)))))).endsWith(page);
        return jdbc.sql("SELECT id FROM force_shift WHERE staff_id = ?").param(member.id().value()).query(UUID.class)
                .single();
    }

    /** The table row of this shift on a post's page. */
    static String shiftRow(String html, UUID shift) {
        int from = html.indexOf("data-shift=\"" + shift + "\"");
        assertThat(from).as("row of " + shift).isNotNegative();
        return html.substring(from, html.indexOf("</tr>", from));
    }

    List<java.time.Instant> startAndEnd(UUID shift) {
        return jdbc.sql("SELECT starts_at, ends_at FROM force_shift WHERE id = ?").param(shift)
                .query((rs, i) -> List.of(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getObject(2, OffsetDateTime.class).toInstant())).single();
    }

    /**
     * A joint-patrol zone merged away (retired on the groupings page) takes no new company or member, by the API or
     * the page, in the user's language and with the form kept; a company or member that served it keeps it while
     * its other fields change, and its form shows it marked, so that a save does not drop it unseen.
     */
    @Test
    void aRetiredJointPatrolZoneTakesNobodyNewButWhoServedItKeepsItUntilTakenOut() {
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        String bureauToken = api.token("bureau", DEMO_PASSWORD);
        UUID office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value();
        String zoneCode = "IT-RZ-" + n();
        String zoneName = "撤销联防区" + n();
        HttpResponse<String> made = api.send("POST", "/api/v1/groupings", bureauToken, Map.of("kind",
                "JOINT_PATROL_ZONE", "code", zoneCode, "name", zoneName, "unitId", office, "communityIds", List.of()));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String zone = ApiClient.json(made).get("id").asText();
        String name = "联防保安" + n();
        java.util.function.Function<String, Map<String, Object>> company = companyName -> Map.of("unitId", office,
                "name", companyName, "licenceNumber", "联防" + n(), "licenceValidUntil",
                LocalDate.now(CHINA).plusYears(1).toString(), "address", "房山镇", "zoneIds", List.of(zone));
        HttpResponse<String> serving = api.send("POST", "/api/v1/forces/companies", token, company.apply(name));
        assertThat(serving.statusCode()).as(serving.body()).isEqualTo(201);
        String id = ApiClient.json(serving).get("id").asText();
        UUID member = volunteer(RURAL_OFFICE).id().value();
        assertThat(api.send("PUT", "/api/v1/forces/members/" + member, token, Map.of("zoneId", zone)).statusCode())
                .isEqualTo(200);
        assertThat(api.send("DELETE", "/api/v1/groupings/" + zone, bureauToken, null).statusCode()).isEqualTo(204);

        // nobody new: a company or a member placed in it is refused, naming it, and nothing is written
        HttpResponse<String> zh = api.send("POST", "/api/v1/forces/companies", token, company.apply(name + "乙"));
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(zh).get("errors").findValuesAsText("field")).containsExactly("zoneIds");
        assertThat(ApiClient.json(zh).get("errors").findValuesAsText("message"))
                .containsExactly("联勤联防区“" + zoneName + "”（" + zoneCode + "）已撤销，不能再安排：请选择在用的联防区");
        HttpResponse<String> en = api.send("POST", "/api/v1/forces/companies", token, company.apply(name + "乙"),
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message")).containsExactly("The joint-patrol zone "
                + zoneName + " (" + zoneCode + ") was retired and takes nobody new: choose a zone in use");
        UUID newcomer = volunteer(RURAL_OFFICE).id().value();
        HttpResponse<String> placed = api.send("PUT", "/api/v1/forces/members/" + newcomer, token, Map.of("zoneId", zone));
        assertThat(placed.statusCode()).isEqualTo(400);
        assertThat(placed.body()).contains("已撤销");
        assertThat(jdbc.sql("SELECT count(*) FROM security_company WHERE name = ?").param(name + "乙")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM force_member WHERE staff_id = ?").param(newcomer).query(Long.class)
                .single()).isZero();

        // on the page: refused with the form kept as typed
        officer.post("/forces/companies", "/forces?tab=companies", form(f("unitId", office), f("name", name + "丙"),
                f("licenceNumber", "联防" + n()), f("licenceValidUntil", LocalDate.now(CHINA).plusYears(1)),
                f("zoneIds", zone)));
        assertThat(officer.page("/forces?tab=companies")).contains("“" + zoneName + "”（" + zoneCode + "）已撤销")
                .contains("value=\"" + name + "丙\"");

        // who served it keeps it while the rest changes; its form shows it ticked and marked
        Map<String, Object> moved = new java.util.HashMap<>(company.apply(name));
        moved.put("licenceNumber", jdbc.sql("SELECT licence_number FROM security_company WHERE id = ?::uuid")
                .param(id).query(String.class).single());
        moved.put("address", "房山镇新址");
        HttpResponse<String> kept = api.send("PUT", "/api/v1/forces/companies/" + id, token, moved);
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(ApiClient.json(kept).get("zones").toString()).contains(zoneName);
        assertThat(api.send("PUT", "/api/v1/forces/members/" + member, token, Map.of("zoneId", zone,
                "availability", "周末")).statusCode()).isEqualTo(200);
        String page = officer.page("/forces/companies/" + id);
        Matcher box = Pattern.compile("<input[^>]*value=\"" + zone + "\"[^>]*>\\s*<span[^>]*>([^<]*)</span>")
                .matcher(page);
        assertThat(box.find()).as(page).isTrue();
        assertThat(box.group()).contains("checked");
        assertThat(box.group(1)).isEqualTo(zoneName + "（已撤销）");
        assertThat(officer.page("/forces/members/" + member)).contains(zoneName + "（已撤销）");
    }

    /**
     * A company serving a zone retired since names it marked on the companies' list and on its own page, in Chinese
     * and in English, beside its zone in use unmarked; the API says which of its zones was retired.
     */
    @Test
    void aCompanysRetiredZoneIsMarkedOnTheCompaniesListAndItsPageInBothLanguages() {
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        String bureauToken = api.token("bureau", DEMO_PASSWORD);
        UUID office = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value();
        java.util.function.Function<String, String> zone = zoneName -> {
            HttpResponse<String> made = api.send("POST", "/api/v1/groupings", bureauToken, Map.of("kind",
                    "JOINT_PATROL_ZONE", "code", "IT-MZ-" + n(), "name", zoneName, "unitId", office,
                    "communityIds", List.of()));
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            return ApiClient.json(made).get("id").asText();
        };
        String retiredName = "甲撤销联防区" + n();
        String inUseName = "乙在用联防区" + n();
        String retired = zone.apply(retiredName);
        String inUse = zone.apply(inUseName);
        String name = "标注保安" + n();
        HttpResponse<String> made = api.send("POST", "/api/v1/forces/companies", token, Map.of("unitId", office,
                "name", name, "licenceNumber", "标注" + n(), "licenceValidUntil",
                LocalDate.now(CHINA).plusYears(1).toString(), "address", "房山镇", "zoneIds", List.of(retired, inUse)));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String id = ApiClient.json(made).get("id").asText();
        assertThat(api.send("DELETE", "/api/v1/groupings/" + retired, bureauToken, null).statusCode()).isEqualTo(204);

        Pattern listRow = Pattern.compile("href=\"/forces/companies/" + id + "\"[\\s\\S]*?class=\"company-zones\"[^>]*>"
                + "([\\s\\S]*?)</td>");
        Pattern detail = Pattern.compile("id=\"company-zones\">([\\s\\S]*?)</dd>");
        String list = "/forces?tab=companies&q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
        Map<String, String> marked = Map.of("zh-CN", retiredName + "（已撤销）", "en", retiredName + " (retired)");
        for (String language : List.of("zh-CN", "en")) {
            // the language the reader chose (the header's cookie), which the signed-in pages read before the browser's
            officer.client.languageCookie(language);
            for (Matcher cell : List.of(listRow.matcher(officer.page(list)),
                    detail.matcher(officer.page("/forces/companies/" + id)))) {
                assertThat(cell.find()).as(language).isTrue();
                String zones = cell.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", "");
                assertThat(zones).as(language).contains(marked.get(language).replace(" ", ""))
                        .contains(inUseName).doesNotContain(inUseName + "（").doesNotContain(inUseName + "(");
            }
        }
        com.fasterxml.jackson.databind.JsonNode served = ApiClient.json(api.send("GET", "/api/v1/forces/companies/" + id,
                token, null)).get("company").get("servedZones");
        Map<String, Boolean> retiredByName = new java.util.HashMap<>();
        served.forEach(z -> retiredByName.put(z.get("name").asText(), z.get("retired").asBoolean()));
        assertThat(retiredByName).containsExactlyInAnyOrderEntriesOf(Map.of(retiredName, true, inUseName, false));
    }

    @Test
    void theApiChangesCompaniesPostsAndShiftsWithTheSameRules() {
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        String token2 = api.token("officer2", DEMO_PASSWORD);
        String company = ApiClient.json(api.send("POST", "/api/v1/forces/companies", token, Map.of("unitId",
                jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow().id().value(), "name", "接口保安" + n(),
                "licenceNumber", "接口" + n(), "licenceValidUntil", LocalDate.now(CHINA).plusDays(10).toString())))
                .get("id").asText();
        Map<String, Object> renewal = Map.of("name", "接口保安续", "licenceNumber", "接口" + n(), "licenceValidUntil",
                LocalDate.now(CHINA).plusYears(2).toString());
        assertThat(api.send("PUT", "/api/v1/forces/companies/" + company, token2, renewal).statusCode()).isEqualTo(404);
        HttpResponse<String> ok = api.send("PUT", "/api/v1/forces/companies/" + company, token, renewal);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ApiClient.json(ok).get("licenceState").asText()).isEqualTo("VALID");

        String post = ApiClient.json(api.send("POST", "/api/v1/forces/posts", token, Map.of("gridId", grid("FS-1-02"),
                "name", "接口岗" + n()))).get("id").asText();
        assertThat(api.send("PUT", "/api/v1/forces/posts/" + post, token2, Map.of("gridId", grid("FS-1-02"), "name", "改"))
                .statusCode()).isEqualTo(404);
        HttpResponse<String> badPost = api.send("PUT", "/api/v1/forces/posts/" + post, token, Map.of("gridId",
                grid("NS-1-01"), "name", "改"), "Accept-Language", "en");
        assertThat(badPost.statusCode()).isEqualTo(400);
        assertThat(badPost.body()).contains("gridId");

        Staff member = volunteer(RURAL_OFFICE);
        OffsetDateTime start = OffsetDateTime.now(CHINA).plusDays(3).truncatedTo(ChronoUnit.HOURS);
        String shift = ApiClient.json(api.send("POST", "/api/v1/forces/shifts", token, Map.of("postId", post, "staffId",
                member.id().value(), "startsAt", start.toString(), "endsAt", start.plusHours(2).toString()))).get("id")
                .asText();
        Map<String, Object> later = Map.of("postId", post, "startsAt", start.plusHours(4).toString(), "endsAt",
                start.plusHours(6).toString());
        assertThat(api.send("PUT", "/api/v1/forces/shifts/" + shift, token2, later).statusCode()).isEqualTo(404);
        HttpResponse<String> moved = api.send("PUT", "/api/v1/forces/shifts/" + shift, token, later);
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(ApiClient.json(moved).get("startsAt").asText()).toInstant())
                .isEqualTo(start.plusHours(4).toInstant());
    }
}
