package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.junit.jupiter.api.AfterEach;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

class StaffApiIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    ApplicationEventMulticaster multicaster;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    ApiClient api;
    /** Audit events published on the server's request threads while a test runs. */
    final List<Audited> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    final ApplicationListener<ApplicationEvent> recorder = e -> {
        if (e instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof Audited a) {
            audited.add(a);
        }
    };

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        multicaster.addApplicationListener(recorder);
    }

    @AfterEach
    void stopRecording() {
        multicaster.removeApplicationListener(recorder);
    }

    private String token(String username) {
        return api.token(username, DEMO_PASSWORD);
    }

    private String idOf(String username) {
        return directory.byUsername(username).orElseThrow().id().toString();
    }

    private List<JsonNode> items(HttpResponse<String> response) {
        List<JsonNode> list = new ArrayList<>();
        ApiClient.json(response).get("items").forEach(list::add);
        return list;
    }

    @Test
    void officerGets404ForAStaffMemberOfOfficer2sStationExactlyAsForNobody() {
        String officer = token("officer");
        HttpResponse<String> other = api.get("/api/v1/staff/" + idOf("officer2"), officer);
        HttpResponse<String> nobody = api.get("/api/v1/staff/00000000-0000-0000-0000-000000000000", officer);
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(other).get("title")).isEqualTo(ApiClient.json(nobody).get("title"));
        assertThat(api.get("/api/v1/staff/" + idOf("volunteer"), officer).statusCode()).isEqualTo(200);
    }

    private List<String> usernames(String url, String token) {
        return items(api.get(url, token)).stream().map(n -> n.path("username").asText()).toList();
    }

    @Test
    void readingAPersonsRecordIsWrittenToTheAuditTrail() {
        String chief = token("chief");
        String volunteer = idOf("volunteer");
        long before = readsOf(volunteer);
        assertThat(api.get("/api/v1/staff/" + volunteer, chief).statusCode()).isEqualTo(200);
        assertThat(readsOf(volunteer)).isEqualTo(before + 1);
    }

    private long readsOf(String staffId) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'READ' AND record_type = 'staff' AND record_id = ? AND actor = 'chief'")
                .param(staffId).query(Long.class).single();
    }

    @Test
    void theStaffListHoldsOnlyTheCallersSubtree() {
        // the demo district has hundreds of people; look each one up by name rather than page through
        String officer = token("officer");
        String bureau = token("bureau");
        for (String inside : List.of("officer", "volunteer")) {
            assertThat(usernames("/api/v1/staff?q=" + inside, officer)).as(inside).contains(inside);
        }
        for (String outside : List.of("officer2", "chief", "bureau")) {
            assertThat(usernames("/api/v1/staff?q=" + outside, officer)).as(outside).doesNotContain(outside);
            assertThat(usernames("/api/v1/staff?q=" + outside, bureau)).as(outside).contains(outside);
        }
        // by a role both may know every holder of: the bureau's command may not know the informants the officer
        // handles (issue 4), so all roles together the officer may count more than the bureau
        String officers = "/api/v1/staff?role=COMMUNITY_OFFICER";
        assertThat(ApiClient.json(api.get(officers, officer)).path("total").asLong())
                .isLessThan(ApiClient.json(api.get(officers, bureau)).path("total").asLong());
    }

    @Test
    void theStaffListFiltersByRoleAndName() {
        String bureau = token("bureau");
        List<JsonNode> officers = items(api.get("/api/v1/staff?role=COMMUNITY_OFFICER&size=100", bureau));
        assertThat(officers).isNotEmpty().allSatisfy(n -> assertThat(n.get("role").asText()).isEqualTo("COMMUNITY_OFFICER"));
        HttpResponse<String> byName = api.get("/api/v1/staff?q=" + java.net.URLEncoder.encode("张卫东",
                java.nio.charset.StandardCharsets.UTF_8), bureau);
        assertThat(items(byName)).extracting(n -> n.get("username").asText()).containsExactly("officer2");
        assertThat(ApiClient.json(byName).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void phonesAreMaskedInListsAndForOfficersButShownToThePersonAndTheirChief() {
        String officerId = idOf("officer");
        List<JsonNode> list = items(api.get("/api/v1/staff?q=officer&size=100", token("chief")));
        assertThat(list).filteredOn(n -> n.get("username").asText().equals("officer"))
                .singleElement().satisfies(n -> assertThat(n.get("phone").asText()).isEqualTo("138****0001"));
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + officerId, token("chief"))).get("phone").asText())
                .isEqualTo("13805180001");
        assertThat(ApiClient.json(api.get("/api/v1/me", token("officer"))).at("/staff/phone").asText())
                .isEqualTo("13805180001");
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + idOf("volunteer"), token("officer"))).get("phone").asText())
                .isEqualTo("138****0003");
    }

    @Test
    void theSecurityAdministratorSeesStaffPhonesMaskedInTheApiWhileTheChiefStillSeesThemInFull() {
        String security = token("security");
        String officerId = idOf("officer");
        List<JsonNode> list = items(api.get("/api/v1/staff?q=officer&size=100", security));
        assertThat(list).filteredOn(n -> n.get("username").asText().equals("officer"))
                .singleElement().satisfies(n -> assertThat(n.get("phone").asText()).isEqualTo("138****0001"));
        JsonNode one = ApiClient.json(api.get("/api/v1/staff/" + officerId, security));
        assertThat(one.get("phone").asText()).isEqualTo("138****0001");
        assertThat(one.get("phoneMasked").asBoolean()).isTrue();
        // the answer to his own change of the account shows no more than his reading of it
        HttpResponse<String> unlocked = api.send("POST", "/api/v1/staff/" + officerId + "/unlock", security, null);
        assertThat(unlocked.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(unlocked).get("phone").asText()).isEqualTo("138****0001");
        // the chief who answers for the officer keeps it in full
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + officerId, token("chief"))).get("phone").asText())
                .isEqualTo("13805180001");
    }

    @Test
    void theSecurityAdministratorSeesStaffPhonesMaskedOnTheStaffPages() {
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        String officerId = idOf("officer");
        String page = security.get("/staff/" + officerId, null, "Accept", "text/html").body();
        assertThat(page).contains("138****0001").doesNotContain("13805180001");
        String list = security.get("/staff?q=officer", null, "Accept", "text/html").body();
        assertThat(list).contains("138****0001").doesNotContain("13805180001");
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null);
        assertThat(chief.get("/staff/" + officerId, null, "Accept", "text/html").body()).contains("13805180001");
    }

    @Test
    void theSystemAdministratorMayNotManageAccounts() {
        String admin = token("admin");
        String volunteer = idOf("volunteer");
        assertThat(api.send("PUT", "/api/v1/staff/" + volunteer + "/role", admin, Map.of("role", "GRID_MEMBER"))
                .statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/staff/" + volunteer + "/unlock", admin, null).statusCode()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/staff/" + volunteer + "/account", admin,
                Map.of("username", "newname", "password", "Qiao-Test-2026")).statusCode()).isEqualTo(403);
        assertThat(directory.byUsername("volunteer").orElseThrow().role()).isEqualTo(StaffRole.VOLUNTEER);
    }

    @Test
    void anOfficerMayNotCreateStaffButTheStationChiefMayInsideHisStation() {
        String unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().id().value().toString();
        Map<String, Object> person = Map.of("unitId", unit, "role", "GRID_MEMBER", "name", "赵网格",
                "phone", "13912345678");
        assertThat(api.send("POST", "/api/v1/staff", token("officer"), person).statusCode()).isEqualTo(403);

        HttpResponse<String> created = api.send("POST", "/api/v1/staff", token("chief"), person);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(ApiClient.json(created).get("name").asText()).isEqualTo("赵网格");

        String urban = jurisdictions.unitByCode("320722020100").orElseThrow().id().value().toString();
        HttpResponse<String> elsewhere = api.send("POST", "/api/v1/staff", token("chief"),
                Map.of("unitId", urban, "role", "GRID_MEMBER", "name", "钱网格"));
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(elsewhere).get("errors").get(0).get("field").asText()).isEqualTo("unitId");
    }

    @Test
    void theAuditorReadsAStaffPhoneInTheTrailMaskedAsEveryListShowsIt() {
        String unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().id().value().toString();
        HttpResponse<String> created = api.send("POST", "/api/v1/staff", token("chief"),
                Map.of("unitId", unit, "role", "GRID_MEMBER", "name", "周网格", "phone", "13987654321"));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = ApiClient.json(created).get("id").asText();
        // the security administrator's change of his role is written with the whole record before and after
        assertThat(api.send("PUT", "/api/v1/staff/" + id + "/role", token("security"), Map.of("role", "VOLUNTEER"))
                .statusCode()).isEqualTo(200);

        String auditor = token("auditor");
        HttpResponse<String> trail = api.get("/api/v1/audit?recordType=staff&recordId=" + id, auditor);
        assertThat(trail.statusCode()).isEqualTo(200);
        List<String> phones = new ArrayList<>();
        ApiClient.json(trail).get("items").forEach(e -> {
            for (String side : List.of("before", "after")) {
                if (e.hasNonNull(side) && e.get(side).has("phone")) {
                    phones.add(e.get(side).get("phone").asText());
                }
            }
        });
        assertThat(phones).as("the creation, and the role change before and after").hasSize(3)
                .containsOnly("139****4321");
        assertThat(trail.body()).doesNotContain("13987654321");
        ApiClient page = new ApiClient(port).signedIn("auditor", DEMO_PASSWORD, "zh-CN");
        assertThat(page.get("/audit?recordType=staff&recordId=" + id, null).body()).contains("139****4321")
                .doesNotContain("13987654321");
    }

    @Test
    void theSecurityAdministratorGivesAPersonASignInAndChangesTheirRoleAndEachChangeIsAudited() {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff person = directory.register(unit.id(), StaffRole.GRID_MEMBER, "孙网格", null, null, null, null, null);
        String username = TestStaff.uniqueUsername("acct");
        String security = token("security");

        HttpResponse<String> account = api.send("POST", "/api/v1/staff/" + person.id() + "/account", security,
                Map.of("username", username, "password", "Qiao-Test-2026"));
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(api.token(username, "Qiao-Test-2026")).isNotBlank();

        HttpResponse<String> role = api.send("PUT", "/api/v1/staff/" + person.id() + "/role", security,
                Map.of("role", "AUXILIARY_POLICE"));
        assertThat(role.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(role).get("role").asText()).isEqualTo("AUXILIARY_POLICE");

        List<Audited> changes = audited.stream()
                .filter(a -> a.recordId().equals(person.id().toString()) && a.action().equals("UPDATE")).toList();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).before().toString()).contains("GRID_MEMBER");
        assertThat(changes.get(1).after().toString()).contains("AUXILIARY_POLICE");
        assertThat(changes).allSatisfy(a -> {
            assertThat(String.valueOf(a.before())).doesNotContain("argon2").doesNotContainIgnoringCase("hash");
            assertThat(String.valueOf(a.after())).doesNotContain("argon2").doesNotContainIgnoringCase("hash");
        });
    }

    @Test
    void aUserNameGivenWithCapitalsSignsInAsTheSecurityAdministratorTypedIt() {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff person = directory.register(unit.id(), StaffRole.GRID_MEMBER, "王卫", null, null, null, null, null);
        String typed = "Wang." + TestStaff.uniqueUsername("W");

        // the account is kept in lower case, as every user name is; the person is told the name as it was typed
        HttpResponse<String> account = api.send("POST", "/api/v1/staff/" + person.id() + "/account", token("security"),
                Map.of("username", typed, "password", "Qiao-Test-2026"));
        assertThat(ApiClient.json(account).get("username").asText()).isEqualTo(typed.toLowerCase());

        assertThat(api.token(" " + typed, "Qiao-Test-2026")).isNotBlank();
        assertThat(new ApiClient(port).formLogin(typed.toUpperCase(), "Qiao-Test-2026").headers()
                .firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void aNumberGivenAsARoleIsRefusedOnTheRoleAndChangesNothing() {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff person = directory.register(unit.id(), StaffRole.VOLUNTEER, "吴志愿", null, null, null, null, null);
        String security = token("security");

        // a client that sends the enum's position, or any number, must not have it read as the role in that place
        HttpResponse<String> en = api.send("PUT", "/api/v1/staff/" + person.id() + "/role", security,
                Map.of("role", 5), "Accept-Language", "en");

        assertThat(en.statusCode()).isEqualTo(400);
        JsonNode error = ApiClient.json(en).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("role");
        assertThat(error.get("message").asText()).startsWith("Not one of the values allowed");
        HttpResponse<String> zh = api.send("POST", "/api/v1/staff", token("chief"),
                Map.of("unitId", unit.id().value().toString(), "role", 0, "name", "郑数字"));
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(zh).get("errors").get(0).get("field").asText()).isEqualTo("role");
        HttpResponse<String> text = api.send("PUT", "/api/v1/staff/" + person.id() + "/role", security,
                Map.of("role", "5"));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(directory.staff(person.id()).orElseThrow().role()).isEqualTo(StaffRole.VOLUNTEER);
        assertThat(jdbc.sql("SELECT count(*) FROM staff WHERE name = '郑数字'").query(Long.class).single()).isZero();
    }

    @Test
    void theSecurityAdministratorNeitherMakesNorUnmakesAnAdministratorAndItsPageDoesNotOfferIt() {
        // 三员分立: made the audit administrator, a person whose password the security administrator then resets
        // would be his way into the trail that watches him; the audit administrator made a volunteer, nobody watches
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff person = directory.register(unit.id(), StaffRole.GRID_MEMBER, "钱网格", null, null, null, null, null);
        String security = token("security");
        assertThat(api.send("POST", "/api/v1/staff/" + person.id() + "/account", security,
                Map.of("username", TestStaff.uniqueUsername("adm"), "password", "Qiao-Test-2026")).statusCode())
                .isEqualTo(200);

        for (String role : List.of("AUDIT_ADMIN", "SECURITY_ADMIN", "SYSTEM_ADMIN")) {
            HttpResponse<String> made = api.send("PUT", "/api/v1/staff/" + person.id() + "/role", security,
                    Map.of("role", role));
            assertThat(made.statusCode()).as(role).isEqualTo(400);
            JsonNode error = ApiClient.json(made).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("role");
            assertThat(error.get("message").asText())
                    .isEqualTo("三员（系统、安全、审计管理员）在安装时任命，其角色不能在此授予或变更");
        }
        assertThat(directory.staff(person.id()).orElseThrow().role()).isEqualTo(StaffRole.GRID_MEMBER);

        HttpResponse<String> unmade = api.send("PUT", "/api/v1/staff/" + idOf("auditor") + "/role", security,
                Map.of("role", "VOLUNTEER"), "Accept-Language", "en");
        assertThat(unmade.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(unmade).get("errors").get(0).get("message").asText())
                .startsWith("The three administrators (system, security, audit) are appointed at installation");
        assertThat(directory.byUsername("auditor").orElseThrow().role()).isEqualTo(StaffRole.AUDIT_ADMIN);

        // the page offers the roles it may give, and no role change for an administrator
        String page = api.get("/staff/" + person.id(), security, "Accept", "text/html").body();
        assertThat(page).contains("value=\"AUXILIARY_POLICE\"").doesNotContain("value=\"AUDIT_ADMIN\"");
        assertThat(api.get("/staff/" + idOf("auditor"), security, "Accept", "text/html").body())
                .doesNotContain("/staff/" + idOf("auditor") + "/role");
    }

    @Test
    void theSecurityAdministratorNeitherResetsAnAdministratorsPasswordNorDisablesHimAndThePageSaysWhoDoes() {
        // 三员分立: the audit administrator's password set by the security administrator would let him sign in as the
        // one who watches him; the audit administrator disabled, nobody watches
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        String auditor = idOf("auditor");
        String csrf = security.csrfFrom("/staff/" + auditor);

        HttpResponse<String> reset = security.form("/staff/" + auditor + "/password",
                Map.of("password", "Qiao-Reset-2026", "_csrf", csrf));
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(security.get("/staff/" + auditor, null, "Accept", "text/html").body())
                .contains("三员的密码不能在此重置，请服务器运维人员执行 ./run reset-password 用户名");
        assertThat(api.send("POST", "/api/v1/auth/token", null,
                Map.of("username", "auditor", "password", "Qiao-Reset-2026")).statusCode()).isEqualTo(401);
        assertThat(token("auditor")).isNotBlank();

        HttpResponse<String> disabled = security.form("/staff/" + auditor + "/active",
                Map.of("active", "false", "_csrf", csrf));
        assertThat(disabled.statusCode()).isEqualTo(302);
        assertThat(directory.byUsername("auditor").orElseThrow().active()).isTrue();
        assertThat(security.get("/staff/" + auditor, null, "Accept", "text/html").body())
                .contains("三员（系统、安全、审计管理员）在安装时任命，其账号不能在此停用");

        String page = security.get("/staff/" + auditor, null, "Accept", "text/html").body();
        assertThat(page).doesNotContain("/staff/" + auditor + "/password", "/staff/" + auditor + "/active")
                .contains("id=\"administrator-by-operator\"");
        String officer = idOf("officer");
        assertThat(security.get("/staff/" + officer, null, "Accept", "text/html").body())
                .contains("/staff/" + officer + "/password", "/staff/" + officer + "/active")
                .doesNotContain("id=\"administrator-by-operator\"");
    }

    @Test
    void theSecurityAdministratorDisablesAndEnablesAnAccountThroughTheApiAndEachChangeIsAudited() {
        String username = TestStaff.uniqueUsername("off");
        Staff person = TestStaff.volunteerWithSignIn(directory, jurisdictions, username, "停用");
        String held = api.token(username, TestStaff.PASSWORD);
        String security = token("security");

        HttpResponse<String> disabled = api.send("PUT", "/api/v1/staff/" + person.id() + "/active", security,
                Map.of("active", false));
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(disabled).get("active").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/me", held).statusCode()).as("his token ended").isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/auth/token", null, Map.of("username", username, "password",
                TestStaff.PASSWORD)).statusCode()).as("no new one").isEqualTo(401);

        HttpResponse<String> enabled = api.send("PUT", "/api/v1/staff/" + person.id() + "/active", security,
                Map.of("active", true));
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(enabled).get("active").asBoolean()).isTrue();
        assertThat(api.token(username, TestStaff.PASSWORD)).isNotBlank();

        List<Audited> changes = audited.stream()
                .filter(a -> a.recordId().equals(person.id().toString()) && a.action().equals("UPDATE")).toList();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).before().toString()).contains("active=true");
        assertThat(changes.get(0).after().toString()).contains("active=false");
        assertThat(changes.get(1).after().toString()).contains("active=true");
    }

    @Test
    void theSecurityAdministratorResetsAPasswordThroughTheApiWhichThePersonMustChangeFirst() {
        String username = TestStaff.uniqueUsername("rst");
        Staff person = TestStaff.volunteerWithSignIn(directory, jurisdictions, username, "重置");
        String held = api.token(username, TestStaff.PASSWORD);

        HttpResponse<String> reset = api.send("POST", "/api/v1/staff/" + person.id() + "/password", token("security"),
                Map.of("password", "Qiao-Reset-2026"));
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", held).statusCode()).as("his old token ended").isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/auth/token", null, Map.of("username", username, "password",
                TestStaff.PASSWORD)).statusCode()).as("the old password").isEqualTo(401);
        String fresh = api.token(username, "Qiao-Reset-2026");
        HttpResponse<String> elsewhere = api.get("/api/v1/staff?q=x", fresh);
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(elsewhere).get("type").asText()).endsWith("password-must-change");

        List<Audited> changes = audited.stream()
                .filter(a -> a.recordId().equals(person.id().toString()) && a.action().equals("UPDATE")).toList();
        assertThat(changes).singleElement().satisfies(a ->
                assertThat(a.after().toString()).contains("reset").doesNotContain("Qiao-Reset-2026"));
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'UPDATE' AND record_type = 'staff' AND record_id = ?")
                .param(person.id().toString()).query(String.class).list()).containsExactly("security");
    }

    @Test
    void accountsAreDisabledAndPasswordsResetThroughTheApiByTheSecurityAdministratorOnly() {
        String username = TestStaff.uniqueUsername("only");
        Staff person = TestStaff.volunteerWithSignIn(directory, jurisdictions, username, "他人");
        for (String other : List.of("admin", "auditor", "chief", "bureau", "officer")) {
            String t = token(other);
            HttpResponse<String> disable = api.send("PUT", "/api/v1/staff/" + person.id() + "/active", t,
                    Map.of("active", false));
            assertThat(disable.statusCode()).as(other).isEqualTo(403);
            assertThat(ApiClient.json(disable).get("type").asText()).endsWith("forbidden");
            assertThat(api.send("POST", "/api/v1/staff/" + person.id() + "/password", t,
                    Map.of("password", "Qiao-Reset-2026")).statusCode()).as(other).isEqualTo(403);
        }
        assertThat(directory.staff(person.id()).orElseThrow().active()).isTrue();
        assertThat(api.token(username, TestStaff.PASSWORD)).as("the password is his still").isNotBlank();
        assertThat(audited).filteredOn(a -> a.recordId().equals(person.id().toString()) && a.action().equals("UPDATE"))
                .isEmpty();
    }

    @Test
    void aSecurityAdministratorOfOneStationFindsNobodyOfAnotherToDisableOrReset() {
        var rural = jurisdictions.unitByCode("320722010000").orElseThrow();
        String username = TestStaff.uniqueUsername("sec");
        directory.register(rural.id(), StaffRole.SECURITY_ADMIN, "所安全员", null, null, null, username, TestStaff.PASSWORD);
        String stationSecurity = api.token(username, TestStaff.PASSWORD);
        String officer2 = idOf("officer2");

        HttpResponse<String> disable = api.send("PUT", "/api/v1/staff/" + officer2 + "/active", stationSecurity,
                Map.of("active", false));
        HttpResponse<String> nobody = api.send("PUT", "/api/v1/staff/00000000-0000-0000-0000-000000000000/active",
                stationSecurity, Map.of("active", false));
        assertThat(disable.statusCode()).isEqualTo(404);
        assertThat(nobody.statusCode()).isEqualTo(404);
        assertThat(ApiClient.json(disable).get("title")).isEqualTo(ApiClient.json(nobody).get("title"));
        assertThat(api.send("POST", "/api/v1/staff/" + officer2 + "/password", stationSecurity,
                Map.of("password", "Qiao-Reset-2026")).statusCode()).isEqualTo(404);
        assertThat(directory.byUsername("officer2").orElseThrow().active()).isTrue();
        assertThat(token("officer2")).isNotBlank();
        // inside his station he may
        Staff inside = TestStaff.volunteerWithSignIn(directory, jurisdictions, TestStaff.uniqueUsername("in"), "所内");
        assertThat(api.send("PUT", "/api/v1/staff/" + inside.id() + "/active", stationSecurity,
                Map.of("active", false)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadDisableOrResetThroughTheApiIsToldPerFieldInEitherLanguageAndChangesNothing() {
        String username = TestStaff.uniqueUsername("bad");
        Staff person = TestStaff.volunteerWithSignIn(directory, jurisdictions, username, "错误");
        String security = token("security");
        String url = "/api/v1/staff/" + person.id();

        HttpResponse<String> noChoice = api.send("PUT", url + "/active", security, Map.of());
        assertThat(noChoice.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(noChoice).get("errors").get(0).get("field").asText()).isEqualTo("active");
        assertThat(ApiClient.json(noChoice).get("errors").get(0).get("message").asText())
                .isEqualTo("请说明启用还是停用该账号（active: true 或 false）");
        assertThat(ApiClient.json(api.send("PUT", url + "/active", security, Map.of(), "Accept-Language", "en"))
                .get("errors").get(0).get("message").asText()).startsWith("Say whether the account is to be enabled");

        HttpResponse<String> weak = api.send("POST", url + "/password", security, Map.of("password", "short"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(weak).get("errors").findValuesAsText("message")).contains("密码至少 8 个字符");
        assertThat(ApiClient.json(api.send("POST", url + "/password", security, Map.of("password", "short"),
                "Accept-Language", "en")).get("errors").findValuesAsText("message"))
                .contains("The password needs at least 8 characters");

        HttpResponse<String> auditor = api.send("POST", "/api/v1/staff/" + idOf("auditor") + "/password", security,
                Map.of("password", "Qiao-Reset-2026"), "Accept-Language", "en");
        assertThat(auditor.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(auditor).get("errors").get(0).get("message").asText())
                .startsWith("The three administrators' passwords are not reset here");
        HttpResponse<String> disableAuditor = api.send("PUT", "/api/v1/staff/" + idOf("auditor") + "/active", security,
                Map.of("active", false));
        assertThat(disableAuditor.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(disableAuditor).get("errors").get(0).get("message").asText())
                .isEqualTo("三员（系统、安全、审计管理员）在安装时任命，其账号不能在此停用");
        HttpResponse<String> himself = api.send("PUT", "/api/v1/staff/" + idOf("security") + "/active", security,
                Map.of("active", false));
        assertThat(himself.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(himself).get("errors").get(0).get("message").asText()).isEqualTo("不能停用自己的账号");

        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff noAccount = directory.register(unit.id(), StaffRole.GRID_MEMBER, "无账号", null, null, null, null, null);
        HttpResponse<String> missing = api.send("POST", "/api/v1/staff/" + noAccount.id() + "/password", security,
                Map.of("password", "Qiao-Reset-2026"));
        assertThat(missing.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(missing).get("detail").asText()).isEqualTo("此人还没有账号");

        assertThat(directory.staff(person.id()).orElseThrow().active()).isTrue();
        assertThat(directory.byUsername("auditor").orElseThrow().active()).isTrue();
        assertThat(api.token(username, TestStaff.PASSWORD)).isNotBlank();
        assertThat(token("auditor")).isNotBlank();
    }

    @Test
    void aStationChiefMayNotRegisterBureauCommandOrAnInspectorInHisUnits() {
        String unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow().id().value().toString();
        String name = "越级" + java.util.UUID.randomUUID().toString().substring(0, 6);
        for (String role : List.of("BUREAU_COMMAND", "INSPECTOR")) {
            Map<String, Object> person = Map.of("unitId", unit, "role", role, "name", name);
            HttpResponse<String> zh = api.send("POST", "/api/v1/staff", token("chief"), person);
            assertThat(zh.statusCode()).as(role).isEqualTo(400);
            JsonNode error = ApiClient.json(zh).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("role");
            assertThat(error.get("message").asText()).isEqualTo("不能授予高于本人的角色：县局指挥和督察只能由县局登记");
            HttpResponse<String> en = api.send("POST", "/api/v1/staff", token("chief"), person, "Accept-Language", "en");
            assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText())
                    .startsWith("You cannot give a role above your own");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM staff WHERE name = ?").param(name).query(Long.class).single())
                .as("nobody registered").isZero();
        ApiClient page = new ApiClient(port);
        page.formLogin("chief", DEMO_PASSWORD);
        String html = page.get("/staff", null).body();
        int form = html.indexOf("<select id=\"new-role\"");
        assertThat(form).isNotNegative();
        assertThat(html.substring(form, html.indexOf("</select>", form))).as("not offered on the form either")
                .doesNotContain("value=\"BUREAU_COMMAND\"", "value=\"INSPECTOR\"").contains("value=\"STATION_CHIEF\"");
    }

    @Test
    void validationErrorsCarryAMessagePerFieldInChineseByDefaultAndInEnglishOnRequest() {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff person = directory.register(unit.id(), StaffRole.GRID_MEMBER, "周网格", null, null, null, null, null);
        String security = token("security");
        Map<String, String> bad = Map.of("username", "X", "password", "short");

        HttpResponse<String> zh = api.send("POST", "/api/v1/staff/" + person.id() + "/account", security, bad);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode zhErrors = ApiClient.json(zh).get("errors");
        assertThat(zhErrors.findValuesAsText("field")).contains("username", "password");
        assertThat(zhErrors.findValuesAsText("message")).contains("密码至少 8 个字符",
                "密码须包含小写字母、大写字母、数字、符号中的至少 3 种");

        HttpResponse<String> en = api.send("POST", "/api/v1/staff/" + person.id() + "/account", security, bad,
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").findValuesAsText("message")).contains(
                "The password needs at least 8 characters",
                "A user name has 3 to 32 lower-case letters, digits or . _ -, starting with a letter or digit");
    }

    @Test
    void theStaffPageOfAPersonOutsideTheOfficersStationIsNotFound() {
        assertThat(api.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(api.get("/staff/" + idOf("officer2"), null).statusCode()).isEqualTo(404);
        HttpResponse<String> own = api.get("/staff/" + idOf("volunteer"), null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("陈红梅", "138****0003").doesNotContain("13805180003");
    }

    @Test
    void theStaffEndpointsAreDocumentedInTheApiDocs() {
        HttpResponse<String> docs = api.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/staff/{id}/unlock", "/api/v1/staff/{id}/role", "/api/v1/me/password",
                "/api/v1/staff/{id}/password", "/api/v1/staff/{id}/active",
                "\"Staff\"", "/api/v1/grids/locate", "/api/v1/grids/import", "/api/v1/audit/verify");
        // clients learn there how to authenticate: a bearer token
        assertThat(ApiClient.json(docs).path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
    }
}
