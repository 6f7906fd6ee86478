package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.RolePolicy;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Permission;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Calling a reporter back: the phone is masked on the incident, and the police who handle items reveal the full
 * number of a report in their scope with a reason, on the API and the page, each reveal audited with its reason;
 * outside the scope 404, without a reason a clear error in the reader's language and nothing revealed or audited;
 * the grid coordinator and the mediators call back too, on the items of their own line of work; grid members,
 * volunteers and administrators may not; an
 * informant's phone stays hidden from whoever may not know him.
 */
class ReporterPhoneIntegrationTests extends IntegrationTest {

    static final String PHONE = "13912345678";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory staff;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    String token(String username) {
        return api.token(username, DEMO_PASSWORD);
    }

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    /** A request for help from the field with the reporter's phone, filed by {@code username}. */
    String file(String username, String source) {
        return file(username, source, "HELP");
    }

    /** A report of the category with the reporter's phone, filed by {@code username}. */
    String file(String username, String source, String category) {
        return file(username, source, category, "FS-2-03");
    }

    /** A report of the category with the reporter's phone, filed by {@code username} in the grid of that code. */
    String file(String username, String source, String category, String gridCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("source", source);
        body.put("category", category);
        if (category.equals("DEPARTMENT")) {
            body.put("department", "城管");
        }
        body.put("gridId", grid(gridCode));
        body.put("description", "回拨测试-" + UUID.randomUUID());
        body.put("address", "测试地址");
        body.put("reporterName", "王大妈");
        body.put("reporterPhone", PHONE);
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", token(username), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("incident").get("id").asText();
    }

    HttpResponse<String> reveal(String token, String id, Object body, String... headers) {
        return api.send("POST", "/api/v1/incidents/" + id + "/reporter-phone", token, body, headers);
    }

    long reveals(String id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'REVEAL' AND record_type = 'incident' AND record_id = ?")
                .param(id).query(Long.class).single();
    }

    @Test
    void theOfficerRevealsTheFullPhoneWithAReasonAndTheRevealIsAudited() {
        String id = file("officer", "FIELD");
        String officer = token("officer");
        JsonNode shown = ApiClient.json(api.get("/api/v1/incidents/" + id, officer)).get("incident");
        assertThat(shown.get("reporterPhone").asText()).isEqualTo("139****5678");
        assertThat(api.get("/api/v1/incidents/" + id, officer).body()).doesNotContain(PHONE);

        HttpResponse<String> r = reveal(officer, id, Map.of("reason", "回访报告人核实情况"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(ApiClient.json(r).get("phone").asText()).isEqualTo(PHONE);

        Map<String, Object> audit = jdbc.sql("""
                SELECT actor, after->>'reason' AS reason, after->>'field' AS field, unit_path FROM audit_entry
                WHERE action = 'REVEAL' AND record_type = 'incident' AND record_id = ?""").param(id).query().singleRow();
        assertThat(audit.get("actor")).isEqualTo("officer");
        assertThat(audit.get("reason")).isEqualTo("回访报告人核实情况");
        assertThat(audit.get("field")).isEqualTo("reporterPhone");
        assertThat((String) audit.get("unit_path")).isNotBlank();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_id = ? AND after::text LIKE ?")
                .params(id, "%" + PHONE + "%").query(Long.class).single()).as("the number itself is never audited")
                .isZero();
    }

    @Test
    void withoutAReasonNothingIsRevealedAndTheErrorSpeaksTheReadersLanguage() {
        String id = file("officer", "FIELD");
        String officer = token("officer");
        for (Object body : new Object[] {null, Map.of(), Map.of("reason", "  "), Map.of("reason", "回访")}) {
            HttpResponse<String> r = reveal(officer, id, body);
            assertThat(r.statusCode()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(r.body()).doesNotContain(PHONE);
            assertThat(ApiClient.json(r).get("errors").findValuesAsText("message"))
                    .containsExactly("请说明显示完整号码的理由（至少 4 个字）");
        }
        assertThat(ApiClient.json(reveal(officer, id, Map.of("reason", "abc"), "Accept-Language", "en")).get("errors")
                .findValuesAsText("message")).containsExactly("Say why you need the full number (at least 4 characters)");
        assertThat(reveals(id)).isZero();
    }

    @Test
    void outsideTheScopeItIsNotFoundAndRolesThatDoNotCallBackMayNot() {
        String id = file("officer", "FIELD");
        assertThat(reveal(token("officer2"), id, Map.of("reason", "回访报告人核实")).statusCode())
                .as("another station's officer").isEqualTo(404);
        assertThat(reveal(token("officer"), UUID.randomUUID().toString(), Map.of("reason", "回访报告人核实")).statusCode())
                .isEqualTo(404);
        for (String refused : List.of("volunteer", "admin", "auditor")) {
            assertThat(reveal(token(refused), id, Map.of("reason", "回访报告人核实")).statusCode()).as(refused)
                    .isEqualTo(403);
        }
        assertThat(reveals(id)).isZero();

        // the station chief, the bureau and the grid manager (auxiliary police) call back too
        assertThat(ApiClient.json(reveal(token("chief"), id, Map.of("reason", "所长回访报告人"))).get("phone").asText())
                .isEqualTo(PHONE);
        assertThat(ApiClient.json(reveal(token("bureau"), id, Map.of("reason", "指挥中心回访"))).get("phone").asText())
                .isEqualTo(PHONE);
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        UUID office = jdbc.sql("SELECT id FROM unit WHERE code = '320722010100'").query(UUID.class).single();
        staff.register(new UnitId(office), StaffRole.AUXILIARY_POLICE, "回拨辅警" + n, null, null, "辅警", "callback" + n,
                DEMO_PASSWORD);
        assertThat(ApiClient.json(reveal(token("callback" + n), id, Map.of("reason", "网格管理员回访")))
                .get("phone").asText()).isEqualTo(PHONE);
        assertThat(reveals(id)).isEqualTo(3);

        for (StaffRole role : StaffRole.values()) {
            boolean callsBack = role == StaffRole.BUREAU_COMMAND || role == StaffRole.STATION_CHIEF
                    || role == StaffRole.COMMUNITY_OFFICER || role == StaffRole.AUXILIARY_POLICE
                    || role == StaffRole.GRID_COORDINATOR || role == StaffRole.MEDIATOR;
            assertThat(RolePolicy.permissionsOf(role).contains(Permission.INCIDENT_REPORTER_REVEAL)).as(role.name())
                    .isEqualTo(callsBack);
        }
    }

    /** A person of the given role working in the unit of that code, signed in through the API. */
    String signedIn(StaffRole role, String unitCode, String prefix) {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        UUID unit = jdbc.sql("SELECT id FROM unit WHERE code = ?").param(unitCode).query(UUID.class).single();
        staff.register(new UnitId(unit), role, prefix + n, null, null, null, prefix + n, DEMO_PASSWORD);
        return token(prefix + n);
    }

    String unitCodeOf(String username) {
        return jdbc.sql("SELECT u.code FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = ?")
                .param(username).query(String.class).single();
    }

    /**
     * The grid coordinator brings other departments in on referrals and the mediators mediate the disputes 110 pushes
     * to the grid: both must call the reporter back on those items, within their subtree, each reveal audited in their
     * name, and an informant's phone stays hidden from them as from the bureau.
     */
    @Test
    void theGridCoordinatorAndTheMediatorCallTheReporterBackWithinTheirSubtree() {
        String office = unitCodeOf("officer");
        List<String> items = new java.util.ArrayList<>();
        for (StaffRole role : List.of(StaffRole.GRID_COORDINATOR, StaffRole.MEDIATOR)) {
            String category = role == StaffRole.MEDIATOR ? "DISPUTE" : "DEPARTMENT";
            String id = file("officer", "FIELD", category);
            String clue = file("officer", "INFORMANT", category);
            items.add(id);
            String prefix = role == StaffRole.MEDIATOR ? "callmed" : "callcoord";
            String token = signedIn(role, office, prefix);
            HttpResponse<String> shown = reveal(token, id, Map.of("reason", "回访报告人了解纠纷情况"));
            assertThat(shown.statusCode()).as(role + ": " + shown.body()).isEqualTo(200);
            assertThat(ApiClient.json(shown).get("phone").asText()).as(role.name()).isEqualTo(PHONE);

            HttpResponse<String> informant = reveal(token, clue, Map.of("reason", "回访信息员了解情况"));
            assertThat(informant.statusCode()).as(role.name()).isEqualTo(400);
            assertThat(informant.body()).doesNotContain(PHONE);

            String elsewhere = signedIn(role, unitCodeOf("officer2"), prefix + "x");
            assertThat(reveal(elsewhere, id, Map.of("reason", "回访报告人了解纠纷情况")).statusCode())
                    .as(role + " of another station").isEqualTo(404);
            assertThat(reveals(clue)).isZero();
        }
        List<String> actors = jdbc.sql("""
                SELECT actor FROM audit_entry WHERE action = 'REVEAL' AND record_type = 'incident'
                AND record_id = ANY(CAST(? AS text[])) ORDER BY seq""").param(items.toArray(String[]::new))
                .query(String.class).list();
        assertThat(actors).hasSize(2).anyMatch(a -> a.startsWith("callcoord")).anyMatch(a -> a.startsWith("callmed"));
    }

    /**
     * Outside their line of work the two civilian roles may not, although they read the item: a mediator has no reason
     * to learn who reported a request for help or a burglary, a coordinator who reported a dispute. The answer says
     * why in the reader's language, and nothing is revealed or audited. An item one of them owns himself is his to
     * call back whatever its category.
     */
    @Test
    void theMediatorAndTheGridCoordinatorMayNotOutsideTheirLineOfWork() {
        String office = unitCodeOf("officer");
        String help = file("officer", "FIELD", "HELP");
        String dispute = file("officer", "FIELD", "DISPUTE");
        String mediator = signedIn(StaffRole.MEDIATOR, office, "linemed");
        String coordinator = signedIn(StaffRole.GRID_COORDINATOR, office, "linecoord");

        HttpResponse<String> byMediator = reveal(mediator, help, Map.of("reason", "回访报告人了解情况"));
        assertThat(byMediator.statusCode()).isEqualTo(403);
        assertThat(byMediator.body()).doesNotContain(PHONE).contains("调解员只能查看纠纷事项报告人的完整号码");
        assertThat(reveal(mediator, help, Map.of("reason", "回访报告人了解情况"), "Accept-Language", "en").body())
                .contains("A mediator may see the reporter's full number on disputes only");
        assertThat(api.get("/api/v1/incidents/" + help, mediator).statusCode()).as("he still reads it").isEqualTo(200);

        HttpResponse<String> byCoordinator = reveal(coordinator, dispute, Map.of("reason", "回访报告人了解情况"));
        assertThat(byCoordinator.statusCode()).isEqualTo(403);
        assertThat(byCoordinator.body()).doesNotContain(PHONE).contains("网格协调员只能查看其他部门事项报告人的完整号码");
        assertThat(reveals(help) + reveals(dispute)).isZero();

        UUID coordinatorId = jdbc.sql("SELECT id FROM staff WHERE username LIKE 'linecoord%' ORDER BY created_at DESC LIMIT 1")
                .query(UUID.class).single();
        jdbc.sql("UPDATE incident SET owner_staff_id = ? WHERE id = CAST(? AS uuid)").params(coordinatorId, dispute).update();
        HttpResponse<String> owned = reveal(coordinator, dispute, Map.of("reason", "经办人回访报告人"));
        assertThat(owned.statusCode()).as(owned.body()).isEqualTo(200);
        assertThat(ApiClient.json(owned).get("phone").asText()).isEqualTo(PHONE);
    }

    @Test
    void onTheMediatorsIncidentPageTheRevealFormStandsBesideTheMaskedPhoneOfADispute() {
        String id = file("officer", "FIELD", "DISPUTE");
        String help = file("officer", "FIELD", "HELP");
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        UUID office = jdbc.sql("SELECT unit_id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        staff.register(new UnitId(office), StaffRole.MEDIATOR, "回拨调解员" + n, null, null, "调解员", "pagemed" + n,
                DEMO_PASSWORD);
        ApiClient page = new ApiClient(port);
        assertThat(page.formLogin("pagemed" + n, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String path = "/incidents/" + id;
        assertThat(page.get(path, null).body()).contains("139****5678", "id=\"reveal-reason\"").doesNotContain(PHONE);
        assertThat(page.get("/incidents/" + help, null).body()).as("a request for help is not his to call back")
                .contains("139****5678").doesNotContain("id=\"reveal-reason\"", PHONE);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("reason", "调解前电话回访报告人");
        form.put("_csrf", page.csrfFrom(path));
        assertThat(page.form(path + "/reporter-phone", form).statusCode()).isEqualTo(302);
        assertThat(page.get(path, null).body()).contains("href=\"tel:" + PHONE + "\"");
        assertThat(reveals(id)).isEqualTo(1);
    }

    /** Grid members, volunteers, informants, guards and inspectors still may not, in their own subtree either. */
    @Test
    void rolesThatDoNotCallBackStillMayNot() {
        String id = file("officer", "FIELD");
        String office = unitCodeOf("officer");
        for (StaffRole role : List.of(StaffRole.GRID_MEMBER, StaffRole.VOLUNTEER, StaffRole.INFORMANT,
                StaffRole.SECURITY_GUARD, StaffRole.INSPECTOR)) {
            HttpResponse<String> r = reveal(signedIn(role, office, "nocall"), id, Map.of("reason", "回访报告人核实"));
            assertThat(r.statusCode()).as(role.name()).isEqualTo(403);
            assertThat(r.body()).doesNotContain(PHONE);
        }
        assertThat(reveals(id)).isZero();
    }

    @Test
    void anInformantsPhoneStaysHiddenFromWhoeverMayNotKnowHim() {
        String id = file("officer", "INFORMANT");
        HttpResponse<String> byBureau = reveal(token("bureau"), id, Map.of("reason", "回访信息员"));
        assertThat(byBureau.statusCode()).isEqualTo(400);
        assertThat(byBureau.body()).doesNotContain(PHONE).contains("此报告没有可显示的报告人电话");
        assertThat(ApiClient.json(reveal(token("officer"), id, Map.of("reason", "经办人回访信息员"))).get("phone").asText())
                .as("his handler, who filed the clue").isEqualTo(PHONE);
        assertThat(ApiClient.json(reveal(token("chief"), id, Map.of("reason", "所长回访信息员"))).get("phone").asText())
                .isEqualTo(PHONE);
        assertThat(reveals(id)).isEqualTo(2);
    }

    @Test
    void onThePageTheFormBesideTheMaskedPhoneShowsTheNumberOnceAndAMissingReasonIsTheFormsError() {
        String id = file("officer", "FIELD");
        ApiClient page = new ApiClient(port);
        assertThat(page.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        String path = "/incidents/" + id;
        String before = page.get(path, null).body();
        assertThat(before).contains("139****5678", "显示完整号码", "id=\"reveal-reason\"").doesNotContain(PHONE);

        Map<String, String> blank = new LinkedHashMap<>();
        blank.put("reason", "");
        blank.put("_csrf", page.csrfFrom(path));
        HttpResponse<String> refused = page.form(path + "/reporter-phone", blank);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(page.get(path, null).body()).contains("请说明显示完整号码的理由（至少 4 个字）").doesNotContain(PHONE);
        assertThat(reveals(id)).isZero();

        Map<String, String> form = new LinkedHashMap<>();
        form.put("reason", "电话回访报告人");
        form.put("_csrf", page.csrfFrom(path));
        HttpResponse<String> posted = page.form(path + "/reporter-phone", form);
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith(path);
        assertThat(page.get(path, null).body()).contains("href=\"tel:" + PHONE + "\"");
        assertThat(page.get(path, null).body()).as("once: a reload shows it masked again").doesNotContain(PHONE);
        assertThat(reveals(id)).isEqualTo(1);

        ApiClient other = new ApiClient(port);
        other.formLogin("officer2", DEMO_PASSWORD);
        Map<String, String> outside = new LinkedHashMap<>();
        outside.put("reason", "电话回访报告人");
        outside.put("_csrf", other.csrfFrom("/incidents"));
        assertThat(other.form(path + "/reporter-phone", outside).statusCode()).isEqualTo(404);

        // the volunteer serves 吴场村's first grid: she sees its items, with the phone masked and no form
        String hers = "/incidents/" + file("officer", "FIELD", "HELP", "FS-1-01");
        ApiClient volunteer = new ApiClient(port);
        volunteer.formLogin("volunteer", DEMO_PASSWORD);
        assertThat(volunteer.get(hers, null).body()).as("no form for those who may not").contains("139****5678")
                .doesNotContain("id=\"reveal-reason\"");
    }
}
