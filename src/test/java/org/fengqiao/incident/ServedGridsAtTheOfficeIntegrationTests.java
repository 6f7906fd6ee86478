package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grid placed at its central office (no work point of its own, as a grid drawn or imported without one is) has the
 * office's unit path: the grid members, coordinators and informants who serve it report in that grid itself, not in
 * every grid of the office its path covers. Each filing path is checked: the form's list, the form, the API by grid,
 * by point and by address, and an informant's clue; another grid is refused in the filer's language, nothing filed.
 */
class ServedGridsAtTheOfficeIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    static final String PASSWORD = GridsAtTheOffice.PASSWORD;

    ApiClient api;
    String n;
    Unit office;
    double lon;
    Grid served;
    Grid other;
    String otherAddress;
    GridsAtTheOffice fixture;

    @BeforeEach
    void twoGridsAtTheOffice() {
        api = new ApiClient(port);
        GridsAtTheOffice at = twoGridsAtTheOffice("SO", "驻所");
        n = at.n();
        office = at.office();
        lon = at.lon();
        served = at.served();
        other = at.other();
        fixture = at;
        otherAddress = "江苏省连云港市东海县房山镇驻所村" + n + "二组" + n + "号";
        jdbc.sql("INSERT INTO address (id, grid_id, full_text, lon, lat) VALUES (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), other.id().value(), otherAddress, lon + 0.012, 43.002).update();
    }

    /** One who serves the first grid, seated at the office, as the roster puts him. */
    String serving(StaffRole role, GridRole as) {
        return fixture.serving(directory, role, as, "so", "驻所人员").username();
    }

    UUID demoGrid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE code = ? AND network = 'POLICE'").param(code).query(UUID.class).single();
    }

    long filed(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class).single();
    }

    Map<String, Object> report(String source, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("source", source);
        body.put("category", "HELP");
        body.put("description", description);
        body.put("address", "村道旁");
        return body;
    }

    /** Sent in Chinese and in English: refused in each with the message given, and nothing filed. */
    void refused(String token, Map<String, Object> body, String zh, String en) {
        HttpResponse<String> chinese = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(chinese.statusCode()).as(chinese.body()).isEqualTo(400);
        assertThat(chinese.body()).contains(zh);
        HttpResponse<String> english = api.send("POST", "/api/v1/incidents", token, body, "Accept-Language", "en");
        assertThat(english.statusCode()).as(english.body()).isEqualTo(400);
        assertThat(english.body()).contains(en);
        assertThat(filed((String) body.get("description"))).as("nothing filed").isZero();
    }

    void onlyInTheGridHeServes(String username, String source) {
        String token = api.token(username, PASSWORD);

        // in the grid he serves, by the grid and by a point in it
        Map<String, Object> mine = report(source, "本格所见-" + n + source);
        mine.put("gridId", served.id().value());
        HttpResponse<String> filed = api.send("POST", "/api/v1/incidents", token, mine);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
        Map<String, Object> here = report(source, "本格定位-" + n + source);
        here.put("lon", lon + 0.002);
        here.put("lat", 43.002);
        HttpResponse<String> located = api.send("POST", "/api/v1/incidents", token, here);
        assertThat(located.statusCode()).as(located.body()).isEqualTo(201);
        assertThat(ApiClient.json(located).get("incident").get("gridId").asText()).isEqualTo(served.id().value().toString());

        // the other grid at the office, and a grid of the office under a work point: by grid
        for (UUID grid : new UUID[] {other.id().value(), demoGrid("FS-5-01")}) {
            Map<String, Object> body = report(source, "别格所见-" + UUID.randomUUID());
            body.put("gridId", grid);
            refused(token, body, "网格不存在或不在您的辖区", "outside your jurisdiction");
        }
        // by a point in the other grid
        Map<String, Object> there = report(source, "别格定位-" + UUID.randomUUID());
        there.put("lon", lon + 0.012);
        there.put("lat", 43.002);
        refused(token, there, "该位置不在您的辖区内", "The location lies outside your jurisdiction");
        // by the other grid's standard address alone
        Map<String, Object> named = report(source, "别格地址-" + UUID.randomUUID());
        named.put("address", otherAddress);
        refused(token, named, "未能按这个地址找到所在网格", "No grid could be found for this address");

        // the form offers the grid he serves, not the office's others, and refuses another in his language
        ApiClient pages = new ApiClient(port).signedIn(username, PASSWORD, null);
        String form = pages.get("/incidents/new", null, "Accept", BROWSER).body();
        assertThat(form).contains(served.id().value().toString()).doesNotContain(other.id().value().toString())
                .doesNotContain(demoGrid("FS-5-01").toString());
        String description = "表单别格-" + UUID.randomUUID();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("idempotencyKey", UUID.randomUUID().toString());
        fields.put("source", source);
        fields.put("category", "HELP");
        fields.put("description", description);
        fields.put("gridId", other.id().value().toString());
        fields.put("address", "村道旁");
        fields.put("_csrf", pages.csrfFrom("/incidents/new"));
        HttpResponse<String> sent = pages.form("/incidents", fields);
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/incidents/new");
        assertThat(pages.get("/incidents/new", null, "Accept", BROWSER).body()).contains("网格不存在或不在您的辖区");
        assertThat(filed(description)).isZero();
    }

    @Test
    void aGridMemberReportsInTheGridHeServesNotInTheOfficesOthers() {
        onlyInTheGridHeServes(serving(StaffRole.GRID_MEMBER, GridRole.MEMBER), "FIELD");
    }

    @Test
    void aCoordinatorReportsInTheGridHeServesNotInTheOfficesOthers() {
        onlyInTheGridHeServes(serving(StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR), "FIELD");
    }

    @Test
    void anInformantsClueIsFiledInTheGridHeServesNotInTheOfficesOthers() {
        onlyInTheGridHeServes(serving(StaffRole.INFORMANT, GridRole.INFORMANT), "INFORMANT");
    }

    /** The community officer, who heads the office's grids, keeps his reach over all of them. */
    @Test
    void theOfficerStillReportsInEveryGridOfTheOffice() {
        String token = api.token("officer", DEMO_PASSWORD);
        Map<String, Object> body = report("FIELD", "民警别格-" + n);
        body.put("gridId", other.id().value());
        HttpResponse<String> filed = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    }
}
