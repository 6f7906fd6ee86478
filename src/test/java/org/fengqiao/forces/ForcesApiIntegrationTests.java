package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.TestStaff;
import org.fengqiao.forces.internal.ForcesDesk;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class ForcesApiIntegrationTests extends IntegrationTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String HEPING = "320722020100";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ConfigurableApplicationContext context;
    @Autowired
    ForcesDesk desk;
    @Autowired
    PlatformTransactionManager transactions;

    ApiClient api;
    String officer;
    String officer2;
    String bureau;
    String chief;
    final List<ShiftCompleted> completed = new CopyOnWriteArrayList<>();
    final ApplicationListener<ApplicationEvent> listener = e -> {
        if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof ShiftCompleted done) {
            completed.add(done);
        }
    };

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token("officer", DEMO_PASSWORD);
        officer2 = api.token("officer2", DEMO_PASSWORD);
        bureau = api.token("bureau", DEMO_PASSWORD);
        chief = api.token("chief", DEMO_PASSWORD);
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String n() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Unit unit(String code) {
        return jurisdictions.unitByCode(code).orElseThrow();
    }

    /** A joint-patrol zone of its own over the grid's community, under the grid's unit. */
    UUID zoneOver(UUID gridId, String codePrefix, String name) {
        UUID zone = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO grouping (id, kind, code, name, unit_id)
                SELECT ?, 'JOINT_PATROL_ZONE', ?, ?, unit_id FROM grid WHERE id = ?""")
                .params(zone, codePrefix + n(), name + n(), gridId).update();
        jdbc.sql("INSERT INTO grouping_community (grouping_id, community_id) SELECT ?, community_id FROM grid WHERE id = ?")
                .params(zone, gridId).update();
        return zone;
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return ApiClient.json(r);
    }

    Map<String, Object> team(String unitCode, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("unitId", unit(unitCode).id().value());
        body.put("kind", "FIRE_PATROL");
        body.put("name", name);
        return body;
    }

    Map<String, Object> profile(String phone) {
        Map<String, Object> p = new HashMap<>();
        p.put("phone", phone);
        p.put("skills", List.of("急救"));
        p.put("availability", "周末");
        p.put("status", "ACTIVE");
        return p;
    }

    @Test
    void aTeamOfOneStationIsNotFoundFromTheOtherAndTheBureauSeesBoth() {
        String mine = ok(api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, "测试消防巡查队" + n())), 201)
                .get("id").asText();
        String theirs = ok(api.send("POST", "/api/v1/forces/teams", officer2, team(HEPING, "测试护院队" + n())), 201)
                .get("id").asText();

        assertThat(api.get("/api/v1/forces/teams/" + mine, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/forces/teams/" + theirs, officer).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/forces/teams/" + mine, bureau).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/forces/teams/" + theirs, bureau).statusCode()).isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/forces/teams/" + theirs + "/members", officer,
                Map.of("staffId", staffId("volunteer"))).statusCode()).isEqualTo(404);
        assertThat(ok(api.get("/api/v1/forces/teams?q=测试护院队", officer), 200).findValuesAsText("id")).doesNotContain(theirs);
        // a team in a unit outside one's subtree cannot be created there
        HttpResponse<String> outside = api.send("POST", "/api/v1/forces/teams", officer2, team(RURAL_OFFICE, "越界队" + n()));
        assertThat(ok(outside, 400).get("errors").findValuesAsText("field")).containsExactly("unitId");
    }

    @Test
    void aPersonJoinsSeveralTeamsAndLeavesOneWithTheTermKept() {
        String name = "测试志愿者" + n();
        Staff person = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, name, null, null, "志愿者", null, null);
        UUID id = person.id().value();
        String a = ok(api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, "甲队" + n())), 201).get("id").asText();
        Map<String, Object> other = team(RURAL_OFFICE, "乙队" + n());
        other.put("kind", "PUBLICITY");
        String b = ok(api.send("POST", "/api/v1/forces/teams", officer, other), 201).get("id").asText();
        ok(api.send("POST", "/api/v1/forces/teams/" + a + "/members", officer,
                Map.of("staffId", id, "joinedOn", "2025-01-01")), 201);
        ok(api.send("POST", "/api/v1/forces/teams/" + b + "/members", officer, Map.of("staffId", id, "leader", true)), 201);

        HttpResponse<String> again = api.send("POST", "/api/v1/forces/teams/" + a + "/members", officer, Map.of("staffId", id));
        assertThat(ok(again, 400).get("errors").findValuesAsText("message")).containsExactly("该人员已在本队伍中");

        JsonNode left = ok(api.send("POST", "/api/v1/forces/teams/" + a + "/members/" + id + "/leave", officer,
                Map.of("leftOn", "2025-06-30")), 200);
        assertThat(left.get("leftOn").asText()).isEqualTo("2025-06-30");
        JsonNode teamA = ok(api.get("/api/v1/forces/teams/" + a, officer), 200);
        assertThat(teamA.get("team").get("members").asLong()).isZero();
        assertThat(teamA.get("members").get(0).get("leftOn").asText()).isEqualTo("2025-06-30");
        JsonNode member = ok(api.get("/api/v1/forces/members?teamId=" + b, officer), 200);
        assertThat(member.get("items").findValuesAsText("name")).containsExactly(name);
        assertThat(ok(api.get("/api/v1/forces/members?teamId=" + a, officer), 200).get("total").asLong()).isZero();
        assertThat(member.get("items").get(0).get("teams")).extracting(JsonNode::asText)
                .containsExactly(other.get("name").toString());
    }

    @Test
    void aProfileKeepsThePhoneEncryptedShowsItMaskedAndAuditsReadsAndChanges() {
        String name = "档案测试" + n();
        UUID id = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, name, null, null, "志愿者", null, null)
                .id().value();
        Map<String, Object> p = profile("13912345678");
        p.put("gridId", grid("FS-1-03"));
        JsonNode saved = ok(api.send("PUT", "/api/v1/forces/members/" + id, officer, p), 200);
        assertThat(saved.get("phoneMasked").asText()).isEqualTo("139****5678");
        assertThat(saved.get("gridName").asText()).isNotBlank();
        byte[] stored = jdbc.sql("SELECT phone_cipher FROM force_member WHERE staff_id = ?").param(id)
                .query((rs, i) -> rs.getBytes(1)).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");

        ok(api.send("POST", "/api/v1/forces/members/" + id + "/trainings", officer,
                Map.of("heldOn", "2025-05-01", "topic", "消防器材使用", "hours", 2.5)), 201);
        JsonNode detail = ok(api.get("/api/v1/forces/members/" + id, officer), 200);
        assertThat(detail.get("trainings").findValuesAsText("topic")).containsExactly("消防器材使用");
        assertThat(detail.toString()).doesNotContain("13912345678");
        assertThat(ok(api.send("POST", "/api/v1/forces/members/" + id + "/reveal", officer,
                Map.of("reason", "联系排班事宜")), 200).get("phone").asText()).isEqualTo("13912345678");
        assertThat(jdbc.sql("""
                SELECT string_agg(action, ',' ORDER BY action) FROM audit_entry
                WHERE record_type = 'force_member' AND record_id = ?""").param(id.toString()).query(String.class).single())
                .isEqualTo("READ,REVEAL,UPDATE");
        assertThat(api.get("/api/v1/forces/members/" + id, officer2).statusCode()).isEqualTo(404);
        assertThat(api.send("PUT", "/api/v1/forces/members/" + id, officer2, p).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/forces/members/" + id, bureau).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsRefusedInTheCallersLanguageWithNothingWritten() {
        UUID id = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "校验测试" + n(), null, null, null,
                null, null).id().value();
        Map<String, Object> p = profile("12345");
        p.put("gridId", grid("NS-1-01"));
        HttpResponse<String> zh = api.send("PUT", "/api/v1/forces/members/" + id, officer, p);
        JsonNode errors = ok(zh, 400).get("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("phone", "gridId");
        assertThat(errors.findValuesAsText("message")).contains("电话号码格式不正确（手机11位或固定电话）");
        HttpResponse<String> en = api.send("PUT", "/api/v1/forces/members/" + id, officer, p, "Accept-Language", "en");
        assertThat(ok(en, 400).get("errors").findValuesAsText("message"))
                .contains("The phone number is not valid (11-digit mobile or fixed line)",
                        "The grid does not exist or lies outside your jurisdiction");
        assertThat(jdbc.sql("SELECT count(*) FROM force_member WHERE staff_id = ?").param(id).query(Long.class).single())
                .isZero();

        HttpResponse<String> training = api.send("POST", "/api/v1/forces/members/" + id + "/trainings", officer,
                Map.of("heldOn", LocalDate.now().plusDays(5).toString(), "topic", " ", "hours", 0), "Accept-Language", "en");
        assertThat(ok(training, 400).get("errors").findValuesAsText("field")).containsExactly("heldOn", "topic", "hours");
        HttpResponse<String> noName = api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, ""));
        assertThat(ok(noName, 400).get("errors").findValuesAsText("message")).containsExactly("请填写队伍名称");
    }

    @Test
    void anInformantIsKnownOnlyToHisHandlerAndTheStationChief() {
        String name = "信息员测试" + n();
        UUID informant = directory.register(unit(RURAL_OFFICE).id(), StaffRole.INFORMANT, name, null, null, "五老人员",
                null, null).id().value();
        // without a handler only the chief knows him; the chief gives him the officer as handler
        assertThat(api.get("/api/v1/forces/members/" + informant, officer).statusCode()).isEqualTo(404);
        Map<String, Object> p = profile("13700001111");
        p.put("handlerId", staffId("officer"));
        ok(api.send("PUT", "/api/v1/forces/members/" + informant, chief, p), 200);
        String team = ok(api.send("POST", "/api/v1/forces/teams", chief, team(RURAL_OFFICE, "信息员队" + n())), 201)
                .get("id").asText();
        ok(api.send("POST", "/api/v1/forces/teams/" + team + "/members", chief, Map.of("staffId", informant)), 201);

        JsonNode byHandler = ok(api.get("/api/v1/forces/members/" + informant, officer), 200).get("member");
        assertThat(byHandler.get("name").asText()).isEqualTo(name);
        assertThat(byHandler.get("phoneMasked").asText()).isEqualTo("137****1111");
        assertThat(ok(api.get("/api/v1/forces/members/" + informant, chief), 200).get("member").get("name").asText())
                .isEqualTo(name);
        assertThat(ok(api.get("/api/v1/forces/members?q=" + name, officer), 200).get("total").asLong()).isEqualTo(1);

        String otherOfficer = TestStaff.uniqueUsername("fo");
        TestStaff.officerWithSignIn(directory, jurisdictions, otherOfficer);
        String colleague = api.token(otherOfficer, TestStaff.PASSWORD);
        for (String token : List.of(bureau, colleague, officer2)) {
            assertThat(api.get("/api/v1/forces/members/" + informant, token).statusCode()).isEqualTo(404);
            assertThat(api.send("PUT", "/api/v1/forces/members/" + informant, token, p).statusCode()).isEqualTo(404);
            assertThat(api.get("/api/v1/forces/members?size=200&role=INFORMANT", token).body()).doesNotContain(name);
            assertThat(api.get("/api/v1/forces/members?q=" + name, token).body()).doesNotContain(name);
        }
        JsonNode seenByBureau = ok(api.get("/api/v1/forces/teams/" + team, bureau), 200);
        assertThat(seenByBureau.toString()).doesNotContain(name);
        assertThat(seenByBureau.get("team").get("members").asLong()).isZero();
        assertThat(ok(api.get("/api/v1/forces/teams/" + team, officer), 200).get("members").findValuesAsText("name"))
                .containsExactly(name);
        // the demo's 75 informants are not in the bureau's roster either
        assertThat(ok(api.get("/api/v1/forces/members?role=INFORMANT", bureau), 200).get("total").asLong()).isZero();
    }

    @Test
    void aSecurityCompanyWithAnExpiringLicenceIsFlaggedAndListsItsGuards() {
        String name = "测试保安公司" + n();
        Map<String, Object> company = new HashMap<>();
        company.put("unitId", unit(HEPING).id().value());
        company.put("name", name);
        company.put("licenceNumber", "苏公保服字T" + n());
        company.put("licenceValidUntil", LocalDate.now().plusDays(20).toString());
        company.put("contactName", "王经理");
        company.put("contactPhone", "13800002222");
        JsonNode created = ok(api.send("POST", "/api/v1/forces/companies", officer2, company), 201);
        assertThat(created.get("licenceState").asText()).isEqualTo("EXPIRING");
        assertThat(created.get("contactPhoneMasked").asText()).isEqualTo("138****2222");
        String id = created.get("id").asText();
        assertThat(ok(api.get("/api/v1/forces/companies?expiring=true", officer2), 200).findValuesAsText("id")).contains(id);

        UUID guard = directory.register(unit(HEPING).id(), StaffRole.SECURITY_GUARD, "保安测试" + n(), null, null,
                "保安员", null, null).id().value();
        Map<String, Object> p = profile("13800003333");
        p.put("companyId", id);
        p.put("licenceNumber", "苏保证T" + n());
        ok(api.send("PUT", "/api/v1/forces/members/" + guard, officer2, p), 200);
        JsonNode detail = ok(api.get("/api/v1/forces/companies/" + id, officer2), 200);
        assertThat(detail.get("company").get("guards").asLong()).isEqualTo(1);
        assertThat(detail.get("guards").findValuesAsText("staffId")).containsExactly(guard.toString());

        UUID notAGuard = directory.register(unit(HEPING).id(), StaffRole.VOLUNTEER, "非保安" + n(), null, null, null, null,
                null).id().value();
        assertThat(ok(api.send("PUT", "/api/v1/forces/members/" + notAGuard, officer2, p), 400).get("errors")
                .findValuesAsText("field")).containsExactly("companyId");
        assertThat(api.get("/api/v1/forces/companies/" + id, officer).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/forces/companies/" + id, bureau).statusCode()).isEqualTo(200);
        company.put("name", name + "二");
        assertThat(ok(api.send("POST", "/api/v1/forces/companies", officer2, company), 400).get("errors")
                .findValuesAsText("field")).containsExactly("licenceNumber");
        // the demo's companies serve the joint-patrol zone, one of them with a licence about to run out
        JsonNode demo = ok(api.get("/api/v1/forces/companies?q=东海县", bureau), 200);
        assertThat(demo.size()).isGreaterThanOrEqualTo(3);
        List<String> zones = new ArrayList<>();
        demo.forEach(c -> c.get("zones").forEach(z -> zones.add(z.asText())));
        assertThat(zones).contains("牛山城区第一联勤联防区");
        assertThat(demo.findValuesAsText("licenceState")).contains("EXPIRING");
    }

    /**
     * A grid's fixed posts are numbered as volunteers walk them (2号岗, 10号岗, 十二号岗): listed so on the API and on
     * the posts page, not as text (10号岗 before 2号岗); and only in the caller's jurisdiction.
     */
    @Test
    void theFixedPostsOfAGridComeByTheirNumbers() {
        String tag = "门岗" + n() + "站";
        for (String number : List.of("十二号岗", "2号岗", "10号岗")) {
            Map<String, Object> post = new HashMap<>();
            post.put("gridId", grid("FS-1-04"));
            post.put("name", tag + number);
            post.put("place", "村口");
            ok(api.send("POST", "/api/v1/forces/posts", officer, post), 201);
        }
        List<String> expected = List.of(tag + "2号岗", tag + "10号岗", tag + "十二号岗");
        assertThat(ok(api.get("/api/v1/forces/posts?q=" + enc(tag), officer), 200).findValuesAsText("name"))
                .containsExactlyElementsOf(expected);
        assertThat(ok(api.get("/api/v1/forces/posts?q=" + enc(tag), officer2), 200).findValuesAsText("name")).isEmpty();

        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String html = browser.get("/forces?tab=posts&q=" + enc(tag), null).body();
        assertThat(expected.stream().map(name -> html.indexOf(">" + name + "<")).toList()).as(html)
                .allMatch(at -> at > 0).isSorted();
    }

    @Test
    void aVolunteerChecksInAndOutOfHisOwnShiftAndItsHoursArePublished() {
        String username = TestStaff.uniqueUsername("vol");
        UUID volunteer = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "签到测试" + n(), null, null,
                "平安志愿者", username, TestStaff.PASSWORD).id().value();
        String token = api.token(username, TestStaff.PASSWORD);
        Map<String, Object> post = new HashMap<>();
        post.put("gridId", grid("FS-1-04"));
        post.put("name", "测试岗" + n());
        post.put("place", "村口");
        post.put("lon", 118.70);
        post.put("lat", 34.51);
        String postId = ok(api.send("POST", "/api/v1/forces/posts", officer, post), 201).get("id").asText();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        Map<String, Object> shift = Map.of("postId", postId, "staffId", volunteer, "startsAt", start.toString(),
                "endsAt", start.plusHours(2).toString());
        String shiftId = ok(api.send("POST", "/api/v1/forces/shifts", officer, shift), 201).get("id").asText();
        Map<String, Object> overlapping = new HashMap<>(shift);
        overlapping.put("startsAt", start.plusHours(1).toString());
        overlapping.put("endsAt", start.plusHours(3).toString());
        assertThat(ok(api.send("POST", "/api/v1/forces/shifts", officer, overlapping, "Accept-Language", "en"), 400)
                .get("errors").findValuesAsText("message")).containsExactly("This person already has a shift at that time");

        assertThat(api.get("/api/v1/forces/posts/" + postId, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/forces/shifts/" + shiftId, officer2).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/forces/shifts/" + shiftId, bureau).statusCode()).isEqualTo(200);
        assertThat(ok(api.get("/api/v1/forces/posts/" + postId, bureau), 200).get("shifts").findValuesAsText("id"))
                .containsExactly(shiftId);
        // only the member himself checks in
        assertThat(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", officer, null).statusCode())
                .isEqualTo(404);
        assertThat(ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-out", token, null), 400)
                .get("errors").findValuesAsText("message")).containsExactly("尚未签到");
        JsonNode in = ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", token, null), 200);
        assertThat(in.get("checkedInAt").isNull()).isFalse();
        assertThat(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", token, null).statusCode())
                .isEqualTo(400);
        // an hour and a half on patrol, since the shift began (the hours count from its booked start at the earliest)
        jdbc.sql("""
                UPDATE force_shift SET starts_at = now() - interval '90 minutes', checked_in_at = now() - interval '90 minutes'
                WHERE id = ?""")
                .param(UUID.fromString(shiftId)).update();
        JsonNode out = ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-out", token, null), 200);
        assertThat(out.get("checkedOutAt").isNull()).isFalse();

        List<ShiftCompleted> mine = new ArrayList<>(completed.stream()
                .filter(e -> e.shiftId().toString().equals(shiftId)).toList());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).staffId()).isEqualTo(volunteer);
        assertThat(mine.get(0).hours().doubleValue()).isBetween(1.49, 1.52);
        assertThat(mine.get(0).unitPath()).startsWith(unit(RURAL_OFFICE).path());
        assertThat(ok(api.get("/api/v1/forces/me", token), 200).get("shifts").findValuesAsText("id")).contains(shiftId);
    }

    /**
     * Patrol hours become points (ShiftAwards): a guard who checked in for an eight-hour shift and checks out two
     * hours after it ended is credited the eight hours he kept the post, not ten, on the event and on his page.
     */
    @Test
    void aMemberWhoChecksOutAfterHisShiftEndedIsCreditedTheHoursUntilItsEnd() {
        String username = TestStaff.uniqueUsername("late");
        UUID guard = volunteerWithLogin("迟签退", username);
        String token = api.token(username, TestStaff.PASSWORD);
        String postId = postOnFs104("迟签退岗" + n());
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        String shiftId = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId, "staffId",
                guard, "startsAt", start.toString(), "endsAt", start.plusHours(2).toString())), 201).get("id").asText();
        ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", token, null), 200);
        // he checked in at the start of an eight-hour shift that ended two hours ago, and checks out only now
        jdbc.sql("""
                UPDATE force_shift SET starts_at = now() - interval '10 hours', ends_at = now() - interval '2 hours',
                       checked_in_at = now() - interval '10 hours' WHERE id = ?""")
                .param(UUID.fromString(shiftId)).update();
        ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-out", token, null), 200);

        List<ShiftCompleted> done = completed.stream().filter(e -> e.shiftId().toString().equals(shiftId)).toList();
        assertThat(done).hasSize(1);
        assertThat(done.get(0).hours()).isEqualByComparingTo("8.00");
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(username, TestStaff.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/me/forces", null).body()).contains("已完成，巡逻 8 小时").doesNotContain("巡逻 10 小时");
    }

    /**
     * A guard may check in up to an hour early to be at his post on time, but his patrol hours, and so his points,
     * count from the booked start: checked in half an hour early to a shift that began half an hour ago, he has
     * patrolled half an hour, not an hour.
     */
    @Test
    void anEarlyCheckInCountsPatrolHoursFromTheBookedStart() {
        String username = TestStaff.uniqueUsername("early");
        UUID guard = volunteerWithLogin("早签到", username);
        String token = api.token(username, TestStaff.PASSWORD);
        String postId = postOnFs104("早签到岗" + n());
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
        String shiftId = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId, "staffId",
                guard, "startsAt", start.toString(), "endsAt", start.plusHours(3).toString())), 201).get("id").asText();
        ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", token, null), 200);
        // an hour later: the shift began half an hour ago
        jdbc.sql("""
                UPDATE force_shift SET starts_at = starts_at - interval '1 hour', ends_at = ends_at - interval '1 hour',
                       checked_in_at = checked_in_at - interval '1 hour' WHERE id = ?""")
                .param(UUID.fromString(shiftId)).update();
        ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-out", token, null), 200);

        List<ShiftCompleted> done = completed.stream().filter(e -> e.shiftId().toString().equals(shiftId)).toList();
        assertThat(done).hasSize(1);
        assertThat(done.get(0).hours().doubleValue()).isBetween(0.49, 0.52);
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(username, TestStaff.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/me/forces", null).body()).contains("已完成，巡逻 0.5 小时");
    }

    /**
     * His page offers the check-in only once it is taken, an hour before the start: the evening before a morning
     * shift it says from when he may check in instead of a button that would only be refused.
     */
    @Test
    void theMembersPageOffersTheCheckInFromAnHourBeforeTheStartAndSaysWhenBefore() {
        String username = TestStaff.uniqueUsername("soon");
        UUID guard = volunteerWithLogin("明早岗", username);
        String postId = postOnFs104("明早岗" + n());
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(8);
        String soonId = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId, "staffId",
                guard, "startsAt", soon.toString(), "endsAt", soon.plusHours(2).toString())), 201).get("id").asText();
        String laterId = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId, "staffId",
                guard, "startsAt", later.toString(), "endsAt", later.plusHours(2).toString())), 201).get("id").asText();
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(username, TestStaff.PASSWORD).statusCode()).isEqualTo(302);
        String page = browser.get("/me/forces", null).body();
        assertThat(page).contains("/me/forces/shifts/" + soonId + "/check-in");
        assertThat(page).as("no check-in button eight hours ahead").doesNotContain("/me/forces/shifts/" + laterId + "/check-in");
        String opens = later.minusHours(1).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm"));
        assertThat(page).contains(opens + " 起可签到");
    }

    /**
     * A volunteer's start page, his first screen on the phone, names the shift that matters now and leads to his page:
     * the one he may check in to, then the one he stands; nothing when he has none.
     */
    @Test
    void theMembersStartPageNamesTheShiftToCheckInToAndThenTheOneHeStands() {
        String username = TestStaff.uniqueUsername("home");
        UUID guard = volunteerWithLogin("首页岗", username);
        String post = "首页岗" + n();
        String postId = postOnFs104(post);
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(username, TestStaff.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/", null).body()).as("no shift, no tile").doesNotContain("tile-shift");

        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
        String shiftId = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId, "staffId",
                guard, "startsAt", soon.toString(), "endsAt", soon.plusHours(2).toString())), 201).get("id").asText();
        java.time.ZoneId china = java.time.ZoneId.of("Asia/Shanghai");
        String range = soon.atZoneSameInstant(china).format(java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm"))
                + "–" + soon.plusHours(2).atZoneSameInstant(china).format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
        String home = browser.get("/", null).body();
        assertThat(home).contains("id=\"tile-shift\" href=\"/me/forces\"").contains(post + " " + range + "，现在可签到上岗");

        ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", api.token(username, TestStaff.PASSWORD),
                null), 200);
        assertThat(browser.get("/", null).body()).contains("在岗中：" + post);
        ApiClient english = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, "en");
        assertThat(english.get("/", null).body()).contains("On duty: " + post);
    }

    /**
     * A shift checked in and never checked out does not stay open for ever: twelve hours after its booked end (the
     * time he may still check out and be credited to the end) the sweep closes it at that end, marked so, with no
     * patrol hours and no ShiftCompleted (so no points, no duty tick): only his check-out says he stood the post to
     * the end. A check-out that late is refused in his language; a shift still within its time is left alone.
     */
    @Test
    void aShiftNeverCheckedOutIsClosedAtItsBookedEndWithNoHoursOnceTheTimeToCheckOutRanOut() {
        String username = TestStaff.uniqueUsername("open");
        UUID guard = volunteerWithLogin("未签退", username);
        String token = api.token(username, TestStaff.PASSWORD);
        String postId = postOnFs104("未签退岗" + n());
        // two shifts he checked in to: one ended thirteen hours ago, one two hours ago
        Map<String, String> ended = new java.util.LinkedHashMap<>();
        for (int hoursAgo : new int[] {13, 2}) {
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
            String shiftId = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId,
                    "staffId", guard, "startsAt", start.toString(), "endsAt", start.plusHours(2).toString())), 201)
                    .get("id").asText();
            ok(api.send("POST", "/api/v1/forces/shifts/" + shiftId + "/check-in", token, null), 200);
            jdbc.sql("""
                    UPDATE force_shift SET starts_at = now() - make_interval(hours => ? + 4),
                           ends_at = now() - make_interval(hours => ?), checked_in_at = now() - make_interval(hours => ? + 4)
                    WHERE id = ?""").params(hoursAgo, hoursAgo, hoursAgo, UUID.fromString(shiftId)).update();
            ended.put(hoursAgo == 13 ? "old" : "recent", shiftId);
        }
        String old = ended.get("old");
        String recent = ended.get("recent");
        assertThat(ok(api.send("POST", "/api/v1/forces/shifts/" + old + "/check-out", token, null, "Accept-Language",
                "en"), 400).get("errors").findValuesAsText("message")).singleElement().asString()
                .startsWith("Too late to check out");

        assertThat(new org.fengqiao.forces.internal.OpenShiftSweep(desk, java.time.Clock.systemUTC()).sweep())
                .isPositive();

        assertThat(jdbc.sql("""
                SELECT closed_unchecked AND checked_out_at = ends_at FROM force_shift WHERE id = ?""")
                .param(UUID.fromString(old)).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT checked_out_at IS NULL AND NOT closed_unchecked FROM force_shift WHERE id = ?")
                .param(UUID.fromString(recent)).query(Boolean.class).single()).as("still his to check out").isTrue();
        assertThat(completed.stream().filter(e -> e.shiftId().toString().equals(old))).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE source_type = 'force_shift' AND source_id = ?")
                .param(old).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'force_shift' AND record_id = ?
                AND actor = 'forces-shift-close'""").param(old).query(Long.class).single()).isEqualTo(1);
        JsonNode closed = ok(api.get("/api/v1/forces/shifts/" + old, officer), 200);
        assertThat(closed.get("closedUnchecked").asBoolean()).isTrue();
        assertThat(closed.get("checkedOutAt").isNull()).isFalse();
        assertThat(api.get("/api/v1/forces/shifts/" + old, officer2).statusCode()).isEqualTo(404);
        ApiClient page = new ApiClient(port);
        assertThat(page.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(page.get("/forces/posts/" + postId, null).body()).contains("未签退，系统已按排班结束关闭，不计巡逻时长");
        // his own page still lists the closed shift (it ended thirteen hours ago), and says why it earned nothing
        ApiClient own = new ApiClient(port);
        assertThat(own.formLogin(username, TestStaff.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(own.get("/me/forces", null).body()).contains("data-shift=\"" + old + "\"")
                .contains("班次结束后 12 小时内未签退，系统已于排班结束时间");
        assertThat(ok(api.get("/api/v1/forces/me", token), 200).get("shifts").findValuesAsText("id")).contains(old);
        // closed is closed: the sweep again changes nothing, a check-out now is refused
        assertThat(new org.fengqiao.forces.internal.OpenShiftSweep(desk, java.time.Clock.systemUTC()).sweep())
                .isZero();
        assertThat(api.send("POST", "/api/v1/forces/shifts/" + old + "/check-out", token, null).statusCode())
                .isEqualTo(400);
        ok(api.send("POST", "/api/v1/forces/shifts/" + recent + "/check-out", token, null), 200);
        assertThat(completed.stream().filter(e -> e.shiftId().toString().equals(recent)).toList()).singleElement()
                .extracting(ShiftCompleted::hours).satisfies(h -> assertThat(h).isEqualByComparingTo("4.00"));
    }

    /**
     * The roster workbook's shifts read as an officer's watch does, in China time: a shift from 00:00 was written
     * as 16:00 of the day before, with a Z.
     */
    @Test
    void theWorkbooksShiftsAreInChinaTime() throws Exception {
        String username = TestStaff.uniqueUsername("xls");
        UUID guard = volunteerWithLogin("导出班次", username);
        String postName = "导出班次岗" + n();
        String postId = postOnFs104(postName);
        java.time.LocalDate tomorrow = java.time.LocalDate.now(ForcesDesk.CHINA_ZONE).plusDays(1);
        OffsetDateTime midnight = tomorrow.atStartOfDay(ForcesDesk.CHINA_ZONE).toOffsetDateTime();
        ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", postId, "staffId", guard,
                "startsAt", midnight.toString(), "endsAt", midnight.plusHours(8).toString())), 201);
        HttpResponse<byte[]> r = api.download("/api/v1/forces/export.xlsx", officer);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            org.apache.poi.ss.usermodel.Sheet shifts = book.getSheet("班次");
            org.apache.poi.ss.usermodel.Row row = null;
            for (org.apache.poi.ss.usermodel.Row each : shifts) {
                if (postName.equals(each.getCell(0).getStringCellValue())) {
                    row = each;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo(tomorrow + " 00:00");
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo(tomorrow + " 08:00");
        }
    }

    @Test
    void theRosterExportOpensAsAWorkbookScopedToTheCaller() throws Exception {
        String mine = "导出测试队" + n();
        String theirs = "导出他队" + n();
        ok(api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, mine)), 201);
        ok(api.send("POST", "/api/v1/forces/teams", officer2, team(HEPING, theirs)), 201);
        HttpResponse<byte[]> r = api.download("/api/v1/forces/export.xlsx", officer);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("队伍");
            List<String> teams = column(book.getSheet("队伍"), 0);
            assertThat(teams).contains(mine, "吴场村平安志愿者").doesNotContain(theirs);
            List<String> members = column(book.getSheet("队员"), 0);
            assertThat(members).contains("陈红梅");
            assertThat(book.getSheet("队员").getRow(0).getCell(5).getStringCellValue()).isEqualTo("联系电话");
            assertThat(column(book.getSheet("岗点与班次"), 0)).contains("吴场村村口固定岗");
        }
        assertThat(api.get("/api/v1/forces/export.xlsx", api.token("volunteer", DEMO_PASSWORD)).statusCode()).isEqualTo(403);
    }

    /**
     * The roster page's export link is a page's, not the API's: it goes with the session (no token), in the session's
     * language (file name, sheets, headers), the reader's jurisdiction only; a role without the rosters gets the error
     * page, not a problem in JSON, and a signed-out reader is sent to sign in.
     */
    @Test
    void theRosterPagesExportLinkGoesWithTheSessionInItsLanguageAndScope() throws Exception {
        String mine = "页导出队" + n();
        String theirs = "页导出他队" + n();
        ok(api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, mine)), 201);
        ok(api.send("POST", "/api/v1/forces/teams", officer2, team(HEPING, theirs)), 201);
        String html = "text/html,application/xhtml+xml";
        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"export\" href=\"([^\"]*)\"")
                .matcher(browser.get("/forces", null, "Accept", html).body());
        assertThat(link.find()).as("the export link").isTrue();
        assertThat(link.group(1)).isEqualTo("/forces/export.xlsx");
        HttpResponse<byte[]> zh = browser.download(link.group(1), null, "Accept", html);
        assertThat(zh.statusCode()).isEqualTo(200);
        assertThat(zh.headers().firstValue("Content-Disposition").orElse("")).contains(java.net.URLEncoder.encode(
                "群防群治力量名册", java.nio.charset.StandardCharsets.UTF_8) + ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(zh.body()))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("队伍");
            assertThat(column(book.getSheet("队伍"), 0)).contains(mine).doesNotContain(theirs);
        }
        // the session's language, chosen on a page (its cookie), not the browser's header nor a token's
        browser.languageCookie("en");
        HttpResponse<byte[]> en = browser.download("/forces/export.xlsx", null, "Accept", html,
                "Accept-Language", "zh-CN");
        assertThat(en.headers().firstValue("Content-Disposition").orElse("")).contains("forces-roster.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(en.body()))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Teams");
            assertThat(column(book.getSheet("Teams"), 0)).contains(mine).doesNotContain(theirs);
        }

        HttpResponse<String> volunteer = new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, null)
                .get("/forces/export.xlsx", null, "Accept", html);
        assertThat(volunteer.statusCode()).isEqualTo(403);
        assertThat(volunteer.headers().firstValue("Content-Type").orElse("")).contains("text/html");
        HttpResponse<byte[]> signedOut = new ApiClient(port).download("/forces/export.xlsx", null, "Accept", html);
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void thePagesAnswer404OutsideTheSubtreeAndShowTheRosterInside() {
        String theirs = ok(api.send("POST", "/api/v1/forces/teams", officer2, team(HEPING, "页面他队" + n())), 201)
                .get("id").asText();
        String mineName = "页面本队" + n();
        String mine = ok(api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, mineName)), 201)
                .get("id").asText();
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/forces/teams/" + theirs, null).statusCode()).isEqualTo(404);
        HttpResponse<String> page = browser.get("/forces/teams/" + mine, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(mineName);
        String csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body())
                .results().findFirst().orElseThrow().group(1);
        HttpResponse<String> joined = browser.form("/forces/teams/" + mine + "/members",
                Map.of("staffId", staffId("volunteer").toString(), "joinedOn", "2025-02-01", "_csrf", csrf));
        assertThat(joined.statusCode()).isEqualTo(302);
        assertThat(ok(api.get("/api/v1/forces/teams/" + mine, officer), 200).get("members").findValuesAsText("name"))
                .containsExactly("陈红梅");
        HttpResponse<String> roster = browser.get("/forces?tab=teams&q=" + java.net.URLEncoder.encode(mineName,
                java.nio.charset.StandardCharsets.UTF_8), null);
        assertThat(roster.body()).contains(mineName);
        String companies = browser.get("/forces?tab=companies", null).body();
        assertThat(companies).doesNotContain("东海县平安保安服务有限公司");
        ApiClient volunteer = new ApiClient(port);
        volunteer.formLogin("volunteer", DEMO_PASSWORD);
        assertThat(volunteer.get("/forces", null).statusCode()).isEqualTo(403);
        String mePage = volunteer.get("/me/forces", null).body();
        assertThat(mePage).contains("吴场村平安志愿者", "吴场村村口固定岗", "/incidents/new");
    }

    static List<String> column(Sheet sheet, int col) {
        List<String> values = new ArrayList<>();
        for (Row row : sheet) {
            Cell cell = row.getCell(col);
            if (cell != null) {
                values.add(cell.toString());
            }
        }
        return values;
    }

    HttpResponse<byte[]> export(String language) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/forces/export.xlsx"))
                .header("Authorization", "Bearer " + officer).header("Accept-Language", language).GET().build();
        return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String cellOf(Sheet sheet, String first, int col) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && first.equals(row.getCell(0).toString())) {
                return row.getCell(col).toString();
            }
        }
        throw new AssertionError(first + " is not in " + sheet.getSheetName());
    }

    @Test
    void aMembersTeamsComeAsAListFromTheApiAndAreJoinedInTheReadersLanguageOnThePagesAndInTheExport() throws Exception {
        String name = "列表测试" + n();
        UUID id = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, name, null, null, "志愿者", null, null)
                .id().value();
        String first = "列表甲队" + n();
        String second = "列表乙队" + n();
        for (String team : List.of(first, second)) {
            String teamId = ok(api.send("POST", "/api/v1/forces/teams", officer, team(RURAL_OFFICE, team)), 201).get("id").asText();
            ok(api.send("POST", "/api/v1/forces/teams/" + teamId + "/members", officer, Map.of("staffId", id)), 201);
        }
        Map<String, Object> p = profile("13912340000");
        p.put("skills", List.of("急救", "游泳"));
        ok(api.send("PUT", "/api/v1/forces/members/" + id, officer, p), 200);

        JsonNode item = ok(api.get("/api/v1/forces/members?q=" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8), officer, "Accept-Language", "en"), 200).get("items").get(0);
        assertThat(item.get("teams").isArray()).as(item.toString()).isTrue();
        List<String> teams = new ArrayList<>();
        item.get("teams").forEach(t -> teams.add(t.asText()));
        assertThat(teams).containsExactlyInAnyOrder(first, second);

        for (String language : List.of("zh-CN", "en")) {
            String separator = language.equals("en") ? ", " : "、";
            HttpResponse<byte[]> r = export(language);
            assertThat(r.statusCode()).isEqualTo(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                Sheet members = book.getSheetAt(1);
                assertThat(cellOf(members, name, 6)).as(language).isEqualTo(String.join(separator, teams));
                assertThat(cellOf(members, name, 7)).as(language).isEqualTo("急救" + separator + "游泳");
                assertThat(cellOf(members, name, 6) + cellOf(members, name, 7)).as(language)
                        .doesNotContain(language.equals("en") ? "、" : ", ");
            }
        }

        ApiClient browser = new ApiClient(port);
        browser.formLogin("officer", DEMO_PASSWORD);
        assertThat(browser.get("/forces/members/" + id + "?lang=en", null).body()).contains(String.join(", ", teams))
                .doesNotContain(String.join("、", teams));
        assertThat(browser.get("/forces/members/" + id + "?lang=zh-CN", null).body()).contains(String.join("、", teams));
    }

    /**
     * 全时段保安联勤 (seed 001): the station chief sees whether the shifts at a joint-patrol zone's posts cover a whole
     * China day, each post complementing the others, a shift over midnight counting for its part in the day, and
     * which times nobody is on duty; on the API and on the roster's coverage tab. A member who left covers nothing
     * with the shifts he did not check in to. Another station's officer gets 404 for the zone and does not find it
     * in his list.
     */
    @Test
    void aJointPatrolZonesDayIsCoveredAroundTheClockOnlyWhenItsPostsShiftsLeaveNoGap() {
        UUID gridId = grid("FS-1-04");
        UUID zone = zoneOver(gridId, "IT-LQ-", "测试联勤区");
        List<UUID> guards = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guards.add(directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "联勤" + i + n(), null, null,
                    "平安志愿者", TestStaff.uniqueUsername("cov"), TestStaff.PASSWORD).id().value());
        }
        List<String> posts = new java.util.ArrayList<>();
        for (String name : List.of("联勤东岗", "联勤西岗")) {
            posts.add(ok(api.send("POST", "/api/v1/forces/posts", officer,
                    Map.of("gridId", gridId, "name", name + n())), 201).get("id").asText());
        }
        // a day of its own, far ahead, so no other test's shifts fall into it
        java.time.LocalDate day = java.time.LocalDate.now(ForcesDesk.CHINA_ZONE)
                .plusDays(2000 + new java.util.Random().nextInt(3000));
        java.util.function.BiFunction<Integer, Integer, String> at = (d, h) -> day.plusDays(d).atStartOfDay(
                ForcesDesk.CHINA_ZONE).plusHours(h).toOffsetDateTime().toString();
        java.util.function.Consumer<Object[]> shift = x -> ok(api.send("POST", "/api/v1/forces/shifts", officer,
                Map.of("postId", x[0], "staffId", x[1], "startsAt", x[2], "endsAt", x[3])), 201);
        shift.accept(new Object[] {posts.get(0), guards.get(0), at.apply(-1, 22), at.apply(0, 6)});
        shift.accept(new Object[] {posts.get(1), guards.get(1), at.apply(0, 8), at.apply(0, 16)});
        shift.accept(new Object[] {posts.get(0), guards.get(2), at.apply(0, 12), at.apply(0, 20)});
        String path = "/api/v1/forces/coverage?day=" + day + "&zoneId=" + zone;

        JsonNode gappy = ok(api.get(path, officer), 200).get(0);
        assertThat(gappy.get("shifts").asInt()).isEqualTo(3);
        assertThat(gappy.get("coveredMinutes").asLong()).isEqualTo(18 * 60);
        assertThat(gappy.get("full").asBoolean()).isFalse();
        assertThat(gappy.get("gaps").findValuesAsText("from").stream().map(t -> OffsetDateTime.parse(t).toInstant())
                .toList()).containsExactly(OffsetDateTime.parse(at.apply(0, 6)).toInstant(),
                OffsetDateTime.parse(at.apply(0, 20)).toInstant());
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("06:00–08:00", "20:00–24:00", "18.0 小时");

        shift.accept(new Object[] {posts.get(1), guards.get(0), at.apply(0, 20), at.apply(1, 2)});
        shift.accept(new Object[] {posts.get(1), guards.get(1), at.apply(0, 6), at.apply(0, 8)});
        JsonNode full = ok(api.get(path, officer), 200).get(0);
        assertThat(full.get("full").asBoolean()).isTrue();
        assertThat(full.get("gaps")).isEmpty();
        assertThat(full.get("coveredMinutes").asLong()).isEqualTo(24 * 60);
        assertThat(browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null).body()).contains("全天覆盖");
        // the guard of 06:00-08:00 and 08:00-16:00 leaves: his shifts, not checked in, cover nothing any more
        ok(api.send("PUT", "/api/v1/forces/members/" + guards.get(1), officer, Map.of("status", "LEFT")), 200);
        JsonNode left = ok(api.get(path, officer), 200).get(0);
        assertThat(left.get("full").asBoolean()).isFalse();
        assertThat(left.get("coveredMinutes").asLong()).isEqualTo(18 * 60);
        assertThat(browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null).body())
                .contains("06:00–12:00");

        assertThat(api.get(path, officer2).statusCode()).isEqualTo(404);
        assertThat(ok(api.get("/api/v1/forces/coverage?day=" + day, officer2), 200).findValuesAsText("id"))
                .doesNotContain(zone.toString());
        assertThat(ok(api.get(path, bureau), 200).get(0).get("coveredMinutes").asLong()).isEqualTo(18 * 60);
        assertThat(api.get("/api/v1/forces/coverage?day=tomorrow", officer).statusCode()).isEqualTo(400);
    }

    /**
     * Two officers book the same volunteer for overlapping shifts at the same moment: the first one's shift is
     * written, not yet committed, when the second's is checked; the second waits for it, sees it and is refused with
     * the overlap check's own line, in his language, and the volunteer keeps one shift (or one time, when moved).
     */
    @Test
    void twoOverlappingShiftsOfOnePersonBookedOrMovedAtOnceAreCheckedOneAfterTheOther() {
        UUID volunteer = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "同时排班" + n(), null, null,
                "平安志愿者", TestStaff.uniqueUsername("vol"), TestStaff.PASSWORD).id().value();
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", grid("FS-1-04"), "name", "同时岗" + n())), 201).get("id").asText());
        Caller other = new Caller(null, "chief", "所长", "STATION_CHIEF", List.of("/"), Set.of());
        Race race = new Race(jdbc, transactions);
        Map<String, String> expected = Map.of("zh-CN", "该人员在此时段已有班次",
                "en", "This person already has a shift at that time");
        OffsetDateTime day = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).truncatedTo(ChronoUnit.HOURS);
        for (String language : List.of("zh-CN", "en")) {
            OffsetDateTime start = language.equals("en") ? day.plusHours(8) : day;
            HttpResponse<String> answer = race.run(
                    () -> desk.createShift(other, post, volunteer, start, start.plusHours(4)),
                    () -> api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId",
                            volunteer, "startsAt", start.plusHours(2).toString(), "endsAt",
                            start.plusHours(6).toString()), "Accept-Language", language));
            assertThat(ok(answer, 400).get("errors").findValuesAsText("message"))
                    .containsExactly(expected.get(language));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM force_shift WHERE staff_id = ?").param(volunteer).query(Long.class)
                .single()).isEqualTo(2);

        // a shift moved onto the time of another one booked meanwhile
        OffsetDateTime late = day.plusHours(16);
        String shift = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId",
                volunteer, "startsAt", late.plusHours(4).toString(), "endsAt", late.plusHours(6).toString())), 201)
                .get("id").asText();
        HttpResponse<String> moved = race.run(
                () -> desk.createShift(other, post, volunteer, late, late.plusHours(2)),
                () -> api.send("PUT", "/api/v1/forces/shifts/" + shift, officer, Map.of("postId", post,
                        "startsAt", late.plusHours(1).toString(), "endsAt", late.plusHours(3).toString())));
        assertThat(ok(moved, 400).get("errors").findValuesAsText("message")).containsExactly(expected.get("zh-CN"));
        assertThat(jdbc.sql("SELECT count(*) FROM force_shift WHERE staff_id = ? AND starts_at < ? AND ends_at > ?")
                .params(volunteer, late.plusHours(3), late.plusHours(1)).query(Long.class).single()).isOne();
    }

    /**
     * Moving a booked shift (another time, another post) books it anew: a volunteer who has left since is refused
     * there too, in the caller's language, on the person's field, and the shift stays as it was.
     */
    @Test
    void aShiftIsMovedOnlyWhileItsPersonIsStillActive() {
        UUID volunteer = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "改班" + n(), null, null,
                "平安志愿者", null, null).id().value();
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", grid("FS-1-04"), "name", "改班岗" + n())), 201).get("id").asText());
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).truncatedTo(ChronoUnit.HOURS);
        String shift = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId",
                volunteer, "startsAt", start.toString(), "endsAt", start.plusHours(4).toString())), 201)
                .get("id").asText();
        ok(api.send("PUT", "/api/v1/forces/members/" + volunteer, officer, Map.of("status", "LEFT")), 200);
        Map<String, Object> later = Map.of("postId", post, "startsAt", start.plusHours(1).toString(), "endsAt",
                start.plusHours(5).toString());
        JsonNode refused = ok(api.send("PUT", "/api/v1/forces/shifts/" + shift, officer, later), 400);
        assertThat(refused.get("errors").findValuesAsText("field")).containsExactly("staffId");
        assertThat(refused.get("errors").findValuesAsText("message")).containsExactly("该人员当前不在岗，不能排班");
        assertThat(ok(api.send("PUT", "/api/v1/forces/shifts/" + shift, officer, later, "Accept-Language", "en"), 400)
                .get("errors").findValuesAsText("message"))
                .containsExactly("This person is not active and cannot be given shifts");
        assertThat(jdbc.sql("SELECT starts_at FROM force_shift WHERE id = ?").param(UUID.fromString(shift))
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(start.toInstant());
    }

    /**
     * A security guard stands a shift only while his company's licence (保安服务许可证) is valid to its last day:
     * booking or moving one past it is refused in the caller's language, naming the day it ran out, and nothing
     * changes.
     */
    @Test
    void aGuardIsBookedOnlyWhileHisCompanysLicenceHolds() {
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", grid("FS-1-04"), "name", "保安岗" + n())), 201).get("id").asText());
        LocalDate today = LocalDate.now(ForcesDesk.CHINA_ZONE);
        LocalDate lastDay = today.plusDays(10);
        Map<String, Object> company = new HashMap<>();
        company.put("unitId", unit(RURAL_OFFICE).id().value());
        company.put("name", "到期保安公司" + n());
        company.put("licenceNumber", "苏公保服字E" + n());
        company.put("licenceValidUntil", lastDay.toString());
        String companyId = ok(api.send("POST", "/api/v1/forces/companies", officer, company), 201).get("id").asText();
        UUID guard = directory.register(unit(RURAL_OFFICE).id(), StaffRole.SECURITY_GUARD, "到期保安" + n(), null, null,
                "保安员", null, null).id().value();
        Map<String, Object> p = profile("13800004444");
        p.put("companyId", companyId);
        ok(api.send("PUT", "/api/v1/forces/members/" + guard, officer, p), 200);
        java.util.function.Function<Integer, String> at = d -> today.plusDays(d).atStartOfDay(ForcesDesk.CHINA_ZONE)
                .plusHours(8).toOffsetDateTime().toString();
        java.util.function.Function<Integer, String> until = d -> today.plusDays(d).atStartOfDay(ForcesDesk.CHINA_ZONE)
                .plusHours(16).toOffsetDateTime().toString();
        String within = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId", guard,
                "startsAt", at.apply(10), "endsAt", until.apply(10))), 201).get("id").asText();
        JsonNode after = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId", guard,
                "startsAt", at.apply(11), "endsAt", until.apply(11)), "Accept-Language", "en"), 400);
        assertThat(after.get("errors").findValuesAsText("message")).containsExactly("The licence of this guard's"
                + " company ran out on " + lastDay + ": he cannot be given shifts after it");
        JsonNode moved = ok(api.send("PUT", "/api/v1/forces/shifts/" + within, officer, Map.of("postId", post,
                "startsAt", at.apply(12), "endsAt", until.apply(12))), 400);
        assertThat(moved.get("errors").findValuesAsText("message"))
                .containsExactly("该保安员所在保安公司的许可证已于 " + lastDay + " 到期，不能排在此后的班次");
        assertThat(jdbc.sql("SELECT count(*) FROM force_shift WHERE staff_id = ?").param(guard).query(Long.class)
                .single()).isOne();
        assertThat(jdbc.sql("SELECT starts_at FROM force_shift WHERE id = ?").param(UUID.fromString(within))
                .query(OffsetDateTime.class).single().toInstant()).isEqualTo(OffsetDateTime.parse(at.apply(10))
                .toInstant());
    }

    /**
     * A shift booked while its person could stand it is not stood once he cannot: a volunteer marked as left, and a
     * guard whose company's licence was found to have run out, are refused at check-in in their language (no patrol
     * hours, no points), and the guard's booked shift no longer counts as covering his joint-patrol zone.
     */
    @Test
    void noOneChecksInOrCoversAZoneAfterLeavingOrWithHisCompanysLicenceRunOut() {
        UUID gridId = grid("FS-1-04");
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", gridId, "name", "停岗" + n())), 201).get("id").asText());
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        Map<String, Object> times = Map.of("startsAt", start.toString(), "endsAt", start.plusHours(2).toString());

        String leaver = TestStaff.uniqueUsername("left");
        UUID volunteer = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "离队" + n(), null, null,
                "平安志愿者", leaver, TestStaff.PASSWORD).id().value();
        Map<String, Object> booking = new HashMap<>(times);
        booking.put("postId", post);
        booking.put("staffId", volunteer);
        String left = ok(api.send("POST", "/api/v1/forces/shifts", officer, booking), 201).get("id").asText();
        ok(api.send("PUT", "/api/v1/forces/members/" + volunteer, officer, Map.of("status", "LEFT")), 200);
        String leaverToken = api.token(leaver, TestStaff.PASSWORD);
        assertThat(ok(api.send("POST", "/api/v1/forces/shifts/" + left + "/check-in", leaverToken, null), 400)
                .get("errors").findValuesAsText("message"))
                .containsExactly("您已不在岗（离队、暂停或停用），不能签到，请联系负责民警");

        LocalDate today = LocalDate.now(ForcesDesk.CHINA_ZONE);
        Map<String, Object> company = new HashMap<>();
        company.put("unitId", unit(RURAL_OFFICE).id().value());
        company.put("name", "吊销保安公司" + n());
        company.put("licenceNumber", "苏公保服字R" + n());
        company.put("licenceValidUntil", today.plusDays(30).toString());
        String companyId = ok(api.send("POST", "/api/v1/forces/companies", officer, company), 201).get("id").asText();
        String guardName = TestStaff.uniqueUsername("lic");
        UUID guard = directory.register(unit(RURAL_OFFICE).id(), StaffRole.SECURITY_GUARD, "许可过期" + n(), null, null,
                "保安员", guardName, TestStaff.PASSWORD).id().value();
        Map<String, Object> p = profile("13800005555");
        p.put("companyId", companyId);
        ok(api.send("PUT", "/api/v1/forces/members/" + guard, officer, p), 200);
        booking.put("staffId", guard);
        String now = ok(api.send("POST", "/api/v1/forces/shifts", officer, booking), 201).get("id").asText();
        // a shift of a day of its own in a zone of its own, far enough ahead that no other test's shifts fall in it
        LocalDate day = today.plusDays(20);
        UUID zone = zoneOver(gridId, "IT-LIC-", "许可联勤区");
        UUID zonePost = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", gridId, "name", "许可岗" + n())), 201).get("id").asText());
        ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", zonePost, "staffId", guard,
                "startsAt", day.atStartOfDay(ForcesDesk.CHINA_ZONE).toOffsetDateTime().toString(),
                "endsAt", day.atStartOfDay(ForcesDesk.CHINA_ZONE).plusHours(8).toOffsetDateTime().toString())), 201);
        String path = "/api/v1/forces/coverage?day=" + day + "&zoneId=" + zone;
        assertThat(ok(api.get(path, officer), 200).get(0).get("coveredMinutes").asLong()).isEqualTo(8 * 60);
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/forces/posts/" + zonePost, null).body()).doesNotContain("licence-lapsed");

        // the licence turns out to have run out yesterday
        company.put("licenceValidUntil", today.minusDays(1).toString());
        ok(api.send("PUT", "/api/v1/forces/companies/" + companyId, officer, company), 200);
        String guardToken = api.token(guardName, TestStaff.PASSWORD);
        assertThat(ok(api.send("POST", "/api/v1/forces/shifts/" + now + "/check-in", guardToken, null,
                "Accept-Language", "en"), 400).get("errors").findValuesAsText("message"))
                .containsExactly("The licence of your security company ran out on " + today.minusDays(1)
                        + ": you cannot check in to this shift");
        // the officer sees it on the post page, on the guard's booked shift, while there is time to book someone else
        HttpResponse<String> postPage = browser.get("/forces/posts/" + zonePost, null);
        assertThat(postPage.statusCode()).isEqualTo(200);
        assertThat(postPage.body()).contains("licence-lapsed").contains("该保安员所在保安公司的许可证已于 "
                + today.minusDays(1) + " 到期，不能签到此班次，请改排他人");
        assertThat(browser.get("/forces/posts/" + post, null).body()).contains("licence-lapsed");
        JsonNode zoneDay = ok(api.get(path, officer), 200).get(0);
        assertThat(zoneDay.get("coveredMinutes").asLong()).isZero();
        assertThat(zoneDay.get("shifts").asInt()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM force_shift WHERE id IN (?, ?) AND checked_in_at IS NOT NULL")
                .params(UUID.fromString(left), UUID.fromString(now)).query(Long.class).single()).isZero();
    }

    /**
     * A day gone by is covered only by the shifts someone stood: a shift that ended without its person ever checking
     * in (nobody came) leaves its hours as a gap on the coverage, on the API and on the roster's tab, while the shift
     * checked in covers its time.
     */
    @Test
    void aShiftThatEndedWithoutACheckInCoversNothing() {
        UUID gridId = grid("FS-1-04");
        UUID zone = zoneOver(gridId, "IT-NS-", "缺岗联勤区");
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", gridId, "name", "缺岗" + n())), 201).get("id").asText());
        List<UUID> people = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            people.add(directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "缺岗" + i + n(), null, null,
                    "平安志愿者", null, null).id().value());
        }
        // a day of its own, long past, so no other test's shifts fall into it
        LocalDate day = LocalDate.now(ForcesDesk.CHINA_ZONE).minusDays(1000 + new java.util.Random().nextInt(3000));
        java.util.function.IntFunction<String> at = h -> day.atStartOfDay(ForcesDesk.CHINA_ZONE).plusHours(h)
                .toOffsetDateTime().toString();
        ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId", people.get(0),
                "startsAt", at.apply(0), "endsAt", at.apply(12))), 201);
        String stood = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId",
                people.get(1), "startsAt", at.apply(12), "endsAt", at.apply(24))), 201).get("id").asText();
        jdbc.sql("UPDATE force_shift SET checked_in_at = starts_at, checked_out_at = ends_at WHERE id = ?")
                .param(UUID.fromString(stood)).update();

        JsonNode covered = ok(api.get("/api/v1/forces/coverage?day=" + day + "&zoneId=" + zone, officer), 200).get(0);
        assertThat(covered.get("coveredMinutes").asLong()).isEqualTo(12 * 60);
        assertThat(covered.get("full").asBoolean()).isFalse();
        assertThat(covered.get("gaps").findValuesAsText("from").stream().map(t -> OffsetDateTime.parse(t).toInstant())
                .toList()).containsExactly(OffsetDateTime.parse(at.apply(0)).toInstant());
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null).body())
                .contains("00:00–12:00").doesNotContain("全天覆盖");
    }

    /**
     * A day gone by is covered by the time each guard stood: from his check-in (or the booked start) to his
     * check-out (or the booked end), so a guard who came late or left early leaves the rest of his shift as a gap;
     * a shift the sweep closed without a check-out covers from its check-in to its booked end.
     */
    @Test
    void aPastDayIsCoveredOnlyFromEachCheckInToItsCheckOut() {
        UUID gridId = grid("FS-1-04");
        UUID zone = zoneOver(gridId, "IT-ST-", "在岗联勤区");
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", gridId, "name", "在岗" + n())), 201).get("id").asText());
        // a day of its own, long past, so no other test's shifts fall into it
        LocalDate day = LocalDate.now(ForcesDesk.CHINA_ZONE).minusDays(1000 + new java.util.Random().nextInt(3000));
        java.util.function.IntFunction<String> at = h -> day.atStartOfDay(ForcesDesk.CHINA_ZONE).plusHours(h)
                .toOffsetDateTime().toString();
        List<UUID> shifts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID who = directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, "在岗" + i + n(), null, null,
                    "平安志愿者", null, null).id().value();
            shifts.add(UUID.fromString(ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post,
                    "staffId", who, "startsAt", at.apply(8 * i), "endsAt", at.apply(8 * i + 8))), 201)
                    .get("id").asText()));
        }
        // 00:00-08:00 stood in full; 08:00-16:00 checked in at 09:00, out at 13:00; 16:00-24:00 checked in at 18:00
        // and closed by the sweep at its booked end
        String stand = "UPDATE force_shift SET checked_in_at = ?::timestamptz, checked_out_at = ?::timestamptz,"
                + " closed_unchecked = ? WHERE id = ?";
        jdbc.sql(stand).params(at.apply(0), at.apply(8), false, shifts.get(0)).update();
        jdbc.sql(stand).params(at.apply(9), at.apply(13), false, shifts.get(1)).update();
        jdbc.sql(stand).params(at.apply(18), at.apply(24), true, shifts.get(2)).update();

        JsonNode covered = ok(api.get("/api/v1/forces/coverage?day=" + day + "&zoneId=" + zone, officer), 200).get(0);
        assertThat(covered.get("coveredMinutes").asLong()).isEqualTo((8 + 4 + 6) * 60);
        assertThat(covered.get("full").asBoolean()).isFalse();
        // the shift the sweep closed is not counted among the shifts stood, but apart
        assertThat(covered.get("shifts").asInt()).isEqualTo(2);
        assertThat(covered.get("closedUnchecked").asInt()).isEqualTo(1);
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null).body())
                .contains("08:00–09:00", "13:00–18:00", "18.0 小时").doesNotContain("全天覆盖")
                .contains("另有 1 班未签退（系统按排班结束关闭）");
    }

    /**
     * A shift running now that nobody checked in to leaves its post empty: the chief reading today's coverage sees
     * the time since its start uncovered and the shift named as started with nobody checked in, on the API and on
     * the roster's tab; once the guard checks in, it covers from his check-in and is no longer named.
     */
    @Test
    void aShiftRunningNowWithNobodyCheckedInDoesNotCoverItsTimeSoFarAndIsNamed() {
        UUID gridId = grid("FS-1-04");
        UUID zone = zoneOver(gridId, "IT-UA-", "空岗联勤区");
        String postName = "空岗" + n();
        UUID post = UUID.fromString(ok(api.send("POST", "/api/v1/forces/posts", officer,
                Map.of("gridId", gridId, "name", postName)), 201).get("id").asText());
        String username = TestStaff.uniqueUsername("ua");
        UUID who = volunteerWithLogin("空岗", username);
        OffsetDateTime now = OffsetDateTime.now(ForcesDesk.CHINA_ZONE).withNano(0);
        String shift = ok(api.send("POST", "/api/v1/forces/shifts", officer, Map.of("postId", post, "staffId", who,
                "startsAt", now.minusHours(2).toString(), "endsAt", now.plusHours(2).toString())), 201)
                .get("id").asText();
        LocalDate day = now.toLocalDate();
        String path = "/api/v1/forces/coverage?day=" + day + "&zoneId=" + zone;

        JsonNode empty = ok(api.get(path, officer), 200).get(0);
        assertThat(empty.get("unattended").findValuesAsText("shiftId")).contains(shift);
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null).body())
                .contains("已开班无人签到", postName);

        ok(api.send("POST", "/api/v1/forces/shifts/" + shift + "/check-in", api.token(username, TestStaff.PASSWORD),
                null), 200);
        JsonNode manned = ok(api.get(path, officer), 200).get(0);
        assertThat(manned.get("unattended").findValuesAsText("shiftId")).doesNotContain(shift);
        assertThat(browser.get("/forces?tab=coverage&day=" + day + "&zoneId=" + zone, null).body())
                .doesNotContain(postName);
        assertThat(api.get(path, officer2).statusCode()).isEqualTo(404);
    }

    /**
     * A post's longitude or latitude sent as NaN or as a number past any double (1e999, read as Infinity) is refused
     * with its range named in the caller's language, on the API and on the post form, and no post is saved.
     */
    @Test
    void aPostsLonAndLatRefuseNaNAndInfinityNamingTheirRange() {
        UUID gridId = grid("FS-1-04");
        String name = "经纬岗" + n();
        Map<String, Object> post = new HashMap<>(Map.of("gridId", gridId, "name", name, "lon", 118.7, "lat", "NaN"));
        HttpResponse<String> nan = api.send("POST", "/api/v1/forces/posts", officer, post, "Accept-Language", "en");
        assertThat(nan.statusCode()).as(nan.body()).isEqualTo(400);
        assertThat(ApiClient.json(nan).get("errors").findValuesAsText("message"))
                .containsExactly("The latitude is a number from -90 to 90");
        post.put("lon", "Infinity");
        post.put("lat", 34.5);
        HttpResponse<String> infinite = api.send("POST", "/api/v1/forces/posts", officer, post);
        assertThat(infinite.statusCode()).as(infinite.body()).isEqualTo(400);
        assertThat(ApiClient.json(infinite).get("errors").findValuesAsText("message"))
                .containsExactly("经度须为 -180 至 180 之间的数");

        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String csrf = browser.csrfFrom("/forces?tab=posts");
        browser.form("/forces/posts", Map.of("_csrf", csrf, "gridId", gridId.toString(), "name", name, "lon", "1e999",
                "lat", "NaN"));
        assertThat(browser.get("/forces?tab=posts", null).body()).contains("经度须为 -180 至 180 之间的数",
                "纬度须为 -90 至 90 之间的数");
        assertThat(jdbc.sql("SELECT count(*) FROM force_post WHERE name = ?").param(name).query(Long.class).single())
                .isZero();
    }

    /** A volunteer of the rural office who signs in as {@code username}: a guard to book on shifts. */
    private UUID volunteerWithLogin(String namePrefix, String username) {
        return directory.register(unit(RURAL_OFFICE).id(), StaffRole.VOLUNTEER, namePrefix + n(), null, null,
                "平安志愿者", username, TestStaff.PASSWORD).id().value();
    }

    /** A new patrol post on the rural grid FS-1-04, set up by the officer; its id. */
    private String postOnFs104(String name) {
        return ok(api.send("POST", "/api/v1/forces/posts", officer, Map.of("gridId", grid("FS-1-04"), "name", name)),
                201).get("id").asText();
    }
}
