package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A case's offence (案由), which decides whether it counts among the preventable cases (可防性案件): the 110 centre
 * pushes it with the case, staff give it when they file one, and whoever handles the case sets or corrects it on the
 * API and on the incident's page, a step on the timeline and an audited change. A value that is none of the list,
 * or an offence on what is not a case, is refused in the reader's language and changes nothing; outside the caller's
 * subtree the case is not found.
 */
class OffenceIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;

    String n;
    Grid grid;
    String manager;
    ApiClient api;

    @BeforeEach
    void aGridWithItsManager() {
        ManagedGrid g = ManagedGrid.create(jurisdictions, staff, "OF", "案由", 33);
        n = g.n();
        grid = g.grid();
        manager = g.manager();
        api = new ApiClient(port);
    }

    @Test
    void the110CentrePushesACaseWithItsOffenceAndABadOneIsRefusedInTheCallersLanguage() {
        Map<String, Object> push = push("BURGLARY", "110入室盗窃-" + n);
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode filed = ApiClient.json(r).get("incident");
        assertThat(filed.get("offence").asText()).isEqualTo("BURGLARY");
        assertThat(offenceOf(UUID.fromString(filed.get("id").asText()))).isEqualTo("BURGLARY");
        // without one, a case is filed unclassified
        Map<String, Object> unclassified = push(null, "110未定案由-" + n);
        HttpResponse<String> without = api.send("POST", "/api/v1/incidents/110", null, unclassified, "X-Api-Key",
                "demo-110-key");
        assertThat(without.statusCode()).as(without.body()).isEqualTo(201);
        assertThat(ApiClient.json(without).get("incident").hasNonNull("offence")).isFalse();

        Map<String, Object> misspelt = push("BURGLERY", "110错误案由-" + n);
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents/110", null, misspelt, "X-Api-Key", "demo-110-key");
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode error = ApiClient.json(zh).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("offence");
        assertThat(error.get("message").asText()).contains("BURGLARY（入室盗窃）", "TELECOM_FRAUD（电信网络诈骗）");
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents/110", null, misspelt, "X-Api-Key", "demo-110-key",
                "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText()).contains("Burglary of a home")
                .doesNotContain("入室盗窃");

        Map<String, Object> help = push("BURGLARY", "110求助带案由-" + n);
        help.put("category", "HELP");
        help.remove("subtype");
        HttpResponse<String> notACase = api.send("POST", "/api/v1/incidents/110", null, help, "X-Api-Key",
                "demo-110-key");
        assertThat(notACase.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(notACase).get("errors").get(0).get("message").asText()).isEqualTo("只有案事件才有案由");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description IN (?, ?)")
                .params("110错误案由-" + n, "110求助带案由-" + n).query(Long.class).single()).as("nothing filed").isZero();
    }

    @Test
    void staffFileACaseWithItsOffenceOnTheApiAndThePage() {
        String officer = api.token("officer", DEMO_PASSWORD);
        Map<String, Object> body = new HashMap<>();
        body.put("category", "CASE");
        body.put("subtype", "PUBLIC_ORDER");
        body.put("offence", "NON_MOTOR_VEHICLE_THEFT");
        body.put("gridId", grid.id().value());
        body.put("description", "电动车被盗-" + n);
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(ApiClient.json(r).get("incident").get("offence").asText()).isEqualTo("NON_MOTOR_VEHICLE_THEFT");

        ApiClient c = signedIn(manager, null);
        HttpResponse<String> filed = c.form("/incidents", Map.of("_csrf", c.csrfFrom("/incidents/new"),
                "category", "CASE", "subtype", "CRIMINAL", "offence", "TELECOM_FRAUD", "gridId",
                grid.id().value().toString(), "description", "页面电诈-" + n));
        String location = filed.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/incidents/[0-9a-f-]{36}");
        String page = page(c, location.substring(location.indexOf("/incidents/")));
        assertThat(page).contains("电信网络诈骗", "可防性案件");
    }

    @Test
    void theHandlingOfficerSetsAndCorrectsTheOffenceOnTheApiEachStepOnTheTimelineAndAudited() {
        UUID id = aCase("待定案由-" + n);
        String token = api.token(manager, DEMO_PASSWORD);
        long audited = audited(id);

        HttpResponse<String> set = api.send("POST", "/api/v1/incidents/" + id + "/offence", token,
                Map.of("offence", "NON_MOTOR_VEHICLE_THEFT"));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode d = ApiClient.json(set);
        assertThat(d.get("incident").get("offence").asText()).isEqualTo("NON_MOTOR_VEHICLE_THEFT");
        JsonNode step = last(d.get("timeline"));
        assertThat(step.get("kind").asText()).isEqualTo("OFFENCE_SET");
        assertThat(step.get("label").asText()).isEqualTo("认定案由");
        assertThat(step.get("reason").asText()).isEqualTo("盗窃电动自行车等非机动车");
        assertThat(step.hasNonNull("note")).as("nothing replaced").isFalse();
        assertThat(audited(id)).isEqualTo(audited + 1);

        HttpResponse<String> corrected = api.send("POST", "/api/v1/incidents/" + id + "/offence", token,
                Map.of("offence", "OTHER_THEFT"), "Accept-Language", "en");
        JsonNode fixed = last(ApiClient.json(corrected).get("timeline"));
        assertThat(fixed.get("reason").asText()).isEqualTo("Other theft");
        assertThat(fixed.get("note").asText()).isEqualTo("Was: Theft of an e-bike or other non-motor vehicle");
        assertThat(offenceOf(id)).isEqualTo("OTHER_THEFT");
        assertThat(jdbc.sql("SELECT after ->> 'offence' FROM audit_entry WHERE record_type = 'incident' AND record_id = ? "
                + "ORDER BY seq DESC LIMIT 1").param(id.toString()).query(String.class).single()).isEqualTo("OTHER_THEFT");

        // the same again writes nothing
        api.send("POST", "/api/v1/incidents/" + id + "/offence", token, Map.of("offence", "OTHER_THEFT"));
        assertThat(steps(id)).isEqualTo(2);
    }

    @Test
    void aBadValueOrAnItemThatIsNoCaseIsRefusedInTheReadersLanguageAndChangesNothing() {
        UUID id = aCase("错误案由-" + n);
        String token = api.token(manager, DEMO_PASSWORD);
        HttpResponse<String> zh = api.send("POST", "/api/v1/incidents/" + id + "/offence", token,
                Map.of("offence", "THEFT"));
        assertThat(zh.statusCode()).isEqualTo(400);
        JsonNode error = ApiClient.json(zh).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("offence");
        assertThat(error.get("message").asText()).contains("入室盗窃", "故意伤害");
        HttpResponse<String> en = api.send("POST", "/api/v1/incidents/" + id + "/offence", token,
                Map.of("offence", "THEFT"), "Accept-Language", "en");
        assertThat(ApiClient.json(en).get("errors").get(0).get("message").asText()).contains("Intentional injury");
        HttpResponse<String> none = api.send("POST", "/api/v1/incidents/" + id + "/offence", token, Map.of());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(none).get("errors").get(0).get("message").asText()).isEqualTo("请选择案由");

        UUID help = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "求助-" + n, null, null, null,
                "案由村口", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
        HttpResponse<String> notACase = api.send("POST", "/api/v1/incidents/" + help + "/offence", token,
                Map.of("offence", "BURGLARY"), "Accept-Language", "en");
        assertThat(notACase.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(notACase).get("errors").get(0).get("message").asText())
                .isEqualTo("Only a case has an offence");
        assertThat(offenceOf(id)).isNull();
        assertThat(offenceOf(help)).isNull();
        assertThat(steps(id) + steps(help)).isZero();
    }

    @Test
    void outsideTheSubtreeTheCaseIsNotFoundAndKeepsItsOffence() {
        UUID id = aCase("辖区外-" + n);
        String other = api.token("officer2", DEMO_PASSWORD); // 牛山派出所
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents/" + id + "/offence", other,
                Map.of("offence", "BURGLARY"));
        assertThat(r.statusCode()).isEqualTo(404);
        ApiClient c = signedIn("officer2", null);
        HttpResponse<String> page = c.form("/incidents/" + id + "/offence",
                Map.of("_csrf", c.csrfFrom("/incidents"), "offence", "BURGLARY"), "Accept", BROWSER);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(offenceOf(id)).isNull();
        assertThat(steps(id)).isZero();
    }

    @Test
    void onThePageTheOfficerSetsTheOffenceAndABadValueComesBackInHisLanguage() {
        UUID id = aCase("页面案由-" + n);
        ApiClient c = signedIn(manager, null);
        String before = page(c, "/incidents/" + id);
        assertThat(before).contains("id=\"incident-offence\"", "未认定", "id=\"action-offence\"");

        HttpResponse<String> set = c.form("/incidents/" + id + "/offence",
                Map.of("_csrf", c.csrfFrom("/incidents/" + id), "offence", "BURGLARY"));
        assertThat(set.statusCode()).isEqualTo(302);
        String after = page(c, "/incidents/" + id);
        assertThat(after).contains("data-offence=\"BURGLARY\"", "可防性案件", "更正案由")
                .containsPattern("data-kind=\"OFFENCE_SET\"[\\s\\S]*?认定案由[\\s\\S]*?入室盗窃");
        assertThat(offenceOf(id)).isEqualTo("BURGLARY");

        c.form("/incidents/" + id + "/offence", Map.of("_csrf", c.csrfFrom("/incidents/" + id), "offence", "THEFT"));
        assertThat(page(c, "/incidents/" + id)).contains("案由不在列表中，请从列表中选择");
        ApiClient english = signedIn(manager, "en");
        english.form("/incidents/" + id + "/offence",
                Map.of("_csrf", english.csrfFrom("/incidents/" + id), "offence", "THEFT"));
        assertThat(page(english, "/incidents/" + id)).contains("That offence is not on the list")
                .contains("Burglary of a home");
        assertThat(offenceOf(id)).isEqualTo("BURGLARY");
        assertThat(steps(id)).isEqualTo(1);
    }

    @Test
    void onThePageTheSameOffenceAgainOrNoneIsNotSavedAndSaysSo() {
        UUID id = aCase("未改案由-" + n);
        ApiClient c = signedIn(manager, null);
        c.form("/incidents/" + id + "/offence", Map.of("_csrf", c.csrfFrom("/incidents/" + id), "offence", "BURGLARY"));
        assertThat(page(c, "/incidents/" + id)).contains("已保存");
        long audited = audited(id);

        // the offence it has, sent again: nothing on the timeline or in the trail, and the officer is told so
        HttpResponse<String> same = c.form("/incidents/" + id + "/offence",
                Map.of("_csrf", c.csrfFrom("/incidents/" + id), "offence", "BURGLARY"));
        assertThat(same.statusCode()).isEqualTo(302);
        assertThat(page(c, "/incidents/" + id)).contains("未作改动").doesNotContain("已保存");
        ApiClient english = signedIn(manager, "en");
        english.form("/incidents/" + id + "/offence",
                Map.of("_csrf", english.csrfFrom("/incidents/" + id), "offence", "BURGLARY"));
        assertThat(page(english, "/incidents/" + id)).contains("Nothing changed").doesNotContain(">Saved<");

        // none chosen: refused, the field named
        c.form("/incidents/" + id + "/offence", Map.of("_csrf", c.csrfFrom("/incidents/" + id), "offence", ""));
        assertThat(page(c, "/incidents/" + id)).contains("请选择案由").doesNotContain("已保存");

        assertThat(offenceOf(id)).isEqualTo("BURGLARY");
        assertThat(steps(id)).isEqualTo(1);
        assertThat(audited(id)).isEqualTo(audited);
    }

    // ------------------------------------------------------------------ fixtures and reading

    Map<String, Object> push(String offence, String description) {
        Map<String, Object> push = new HashMap<>();
        push.put("caseNumber", "110-" + UUID.randomUUID());
        push.put("category", "CASE");
        push.put("subtype", "CRIMINAL");
        if (offence != null) {
            push.put("offence", offence);
        }
        push.put("gridId", grid.id().value());
        push.put("description", description);
        return push;
    }

    UUID aCase(String description) {
        return desk.file(new NewIncident(Source.FIELD, Category.CASE, Subtype.CRIMINAL, null, description, null, null,
                null, "案由村口", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();
    }

    String offenceOf(UUID id) {
        return jdbc.sql("SELECT offence FROM incident WHERE id = ?").param(id).query(String.class).list().get(0);
    }

    long steps(UUID id) {
        return jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ? AND kind = 'OFFENCE_SET'").param(id)
                .query(Long.class).single();
    }

    long audited(UUID id) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'incident' AND record_id = ?")
                .param(id.toString()).query(Long.class).single();
    }

    static JsonNode last(JsonNode timeline) {
        return timeline.get(timeline.size() - 1);
    }

    ApiClient signedIn(String username, String language) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, language);
    }

    String page(ApiClient c, String path) {
        HttpResponse<String> r = c.get(path, null, "Accept", BROWSER);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }
}
