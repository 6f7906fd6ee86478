package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.Open311Client.Form;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A report placed by its address alone goes to the grid the address names, and only when it names one: a village or
 * community written alone (吴场村, 房山镇吴场村) whose standard addresses lie in several grids is refused on the address,
 * in the filer's language, whichever way it comes (staff API, the public report page, the 110 centre's push, Open311),
 * instead of landing in the grid of whichever address matched first; a village of one grid, a group or a full address
 * is placed; and nobody is placed in a grid outside where he may report.
 */
class AddressOfSeveralGridsIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    IncidentDesk desk;
    @Autowired
    MessageSource messages;

    ApiClient api;
    String n;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        n = UUID.randomUUID().toString().substring(0, 8);
    }

    /** The grids of the demo village's standard addresses that the rural central office sees. */
    long gridsOf(String village) {
        return jdbc.sql("""
                SELECT count(DISTINCT a.grid_id) FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE a.full_text LIKE ? AND u.path LIKE (SELECT path FROM unit WHERE code = '320722010100') || '%'""")
                .param("%" + village + "%").query(Long.class).single();
    }

    long filed(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class).single();
    }

    UUID gridOfAddress(String fullText) {
        return jdbc.sql("SELECT grid_id FROM address WHERE full_text = ?").param(fullText).query(UUID.class).single();
    }

    Map<String, Object> report(String address, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("description", description);
        body.put("address", address);
        return body;
    }

    String zh(long grids) {
        return messages.getMessage("incident.address.severalGrids", new Object[] {grids}, Locale.SIMPLIFIED_CHINESE);
    }

    String en(long grids) {
        return messages.getMessage("incident.address.severalGrids", new Object[] {grids}, Locale.ENGLISH);
    }

    @Test
    void aVillageNamedAloneWhoseAddressesLieInSeveralGridsIsRefusedOnTheAddressInTheFilersLanguage() {
        long wuchang = gridsOf("吴场村");
        assertThat(wuchang).as("the demo's 吴场村 has its addresses in several grids").isGreaterThan(1);
        assertThat(zh(wuchang)).contains("分属" + wuchang + "个网格", "村民组", "门牌号", "位置");
        assertThat(en(wuchang)).contains("lies in " + wuchang + " grids", "group", "door number", "point");
        String officer = api.token("officer", DEMO_PASSWORD);
        for (String typed : List.of("吴场村", "房山镇吴场村", "江苏省连云港市东海县房山镇吴场村")) {
            String description = "整村-" + typed + "-" + n;
            HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, report(typed, description));
            assertThat(r.statusCode()).as(typed + ": " + r.body()).isEqualTo(400);
            JsonNode error = ApiClient.json(r).get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo("address");
            assertThat(error.get("message").asText()).isEqualTo(zh(wuchang));
            assertThat(filed(description)).as(typed + ": nothing filed").isZero();
        }
        HttpResponse<String> english = api.send("POST", "/api/v1/incidents", officer, report("吴场村", "整村英文-" + n),
                "Accept-Language", "en");
        assertThat(ApiClient.json(english).get("errors").get(0).get("message").asText()).isEqualTo(en(wuchang));
    }

    @Test
    void theResidentsReportPageRefusesAVillageOfSeveralGridsAndKeepsWhatWasTyped() {
        long wuchang = gridsOf("吴场村");
        String description = "居民整村-" + n;
        Map<String, String> form = new HashMap<>();
        form.put("category", "HELP");
        form.put("description", description);
        form.put("address", "吴场村");
        form.put("reporterName", "王先生");
        form.put("idempotencyKey", UUID.randomUUID().toString());
        String address = "203.0.113." + (1 + new Random().nextInt(250));
        HttpResponse<String> zh = new PublicClient(port, address, null).post("/report", "/report", form, List.of());
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        assertThat(zh.body()).contains("<li>" + zh(wuchang) + "</li>")
                .contains("name=\"address\" maxlength=\"500\" value=\"吴场村\"")
                .contains(description + "</textarea>").contains("value=\"王先生\"");
        form.put("idempotencyKey", UUID.randomUUID().toString());
        HttpResponse<String> en = new PublicClient(port, address, "en").post("/report", "/report", form, List.of());
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("<li>" + en(wuchang) + "</li>").contains("value=\"吴场村\"");
        assertThat(filed(description)).isZero();
    }

    @Test
    void theCallCentresAddressOnlyPushAndOpen311sAddressStringAreRefusedLikewise() {
        long luwei = gridsOf("陆圩村");
        assertThat(luwei).isGreaterThan(1);
        String description = "110整村-" + n;
        Map<String, Object> push = report("陆圩村", description);
        push.put("category", "DISPUTE");
        push.put("caseNumber", "110-" + n);
        HttpResponse<String> pushed = api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key");
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(400);
        JsonNode error = ApiClient.json(pushed).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("address");
        assertThat(error.get("message").asText()).isEqualTo(zh(luwei));
        assertThat(filed(description)).isZero();
        // the same case pushed with its point is taken
        push.put("lon", 118.70);
        push.put("lat", 34.52);
        assertThat(api.send("POST", "/api/v1/incidents/110", null, push, "X-Api-Key", "demo-110-key").statusCode())
                .isEqualTo(201);

        Open311Client open311 = new Open311Client(port);
        String help = "Open311整村-" + n;
        HttpResponse<String> requested = open311.post("requests.json", new Form().add("api_key", "demo-open311-key")
                .add("service_code", "HELP").add("address_string", "兴东村").add("description", help));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(400);
        assertThat(Open311Client.json(requested).get(0).get("description").asText()).contains("address_string")
                .contains(messages.getMessage("open311.error.address.severalGrids", new Object[] {gridsOf("兴东村")},
                        Locale.SIMPLIFIED_CHINESE));
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE description LIKE ?").param("%" + help + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aGroupOrAFullAddressOfThatVillageIsPlacedInItsGrid() {
        String officer = api.token("officer", DEMO_PASSWORD);
        String full = "江苏省连云港市东海县房山镇吴场村1组40号";
        for (String typed : List.of("吴场村1组40号", full, "吴场村1组")) {
            HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, report(typed, "有组-" + typed + n));
            assertThat(r.statusCode()).as(typed + ": " + r.body()).isEqualTo(201);
            assertThat(ApiClient.json(r).get("incident").get("gridId").asText()).as(typed)
                    .isEqualTo(gridOfAddress(full).toString());
        }
    }

    /** A village of one grid, with two standard addresses in it, under the rural central office. */
    Grid villageOfOneGrid(String name) {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-1G-" + n, name, null,
                null, null);
        double lon = 87 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,44],[%s,44],[%s,44.004],[%s,44.004],[%s,44]]]}"
                .formatted(lon, lon + 0.004, lon + 0.004, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-1G-" + n, name + "第1网格", square,
                null, null, null);
        for (String door : List.of("1", "2")) {
            jdbc.sql("INSERT INTO address (id, grid_id, full_text) VALUES (?, ?, ?)")
                    .params(UUID.randomUUID(), grid.id().value(), "江苏省连云港市东海县房山镇" + name + "1组" + door + "号")
                    .update();
        }
        return grid;
    }

    static String hanzi(String hex) {
        StringBuilder b = new StringBuilder();
        for (char c : hex.toCharArray()) {
            b.append("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳".charAt(Character.digit(c, 16)));
        }
        return b.toString();
    }

    @Test
    void aVillageOfOneGridIsPlacedInItByItsNameAloneAndOnlyForWhoMayReportThere() {
        String name = "独格" + hanzi(n.substring(0, 4)) + "村";
        Grid grid = villageOfOneGrid(name);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, report(name, "一格村-" + n));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(ApiClient.json(r).get("incident").get("gridId").asText()).isEqualTo(grid.id().value().toString());
        // the urban officer may not report there: the name is not found for him, nothing placed
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        String outside = "一格村越界-" + n;
        HttpResponse<String> refused = api.send("POST", "/api/v1/incidents", officer2, report(name, outside));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).get("errors").get(0).get("message").asText())
                .isEqualTo(messages.getMessage("incident.address.notFound", null, Locale.SIMPLIFIED_CHINESE));
        assertThat(filed(outside)).isZero();
    }

    @Test
    void aFilerIsNeverPlacedOutsideWhereHeMayReport() {
        // one who may report in one grid of 吴场村 alone: the village's name names that grid for him, none other
        String point = jdbc.sql("""
                SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.code = 'FS-1-02' AND g.network = 'POLICE'""")
                .query(String.class).single();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-02' AND network = 'POLICE'").query(UUID.class).single();
        Submitter onePoint = new Submitter("test:" + n, null, "工作点", List.of(point));
        NewIncident village = new NewIncident(Source.FIELD, Category.HELP, null, null, "一点整村-" + n, null, null, null,
                "吴场村", null, null, null, null, null);
        assertThat(desk.file(village, onePoint).incident().gridId()).isEqualTo(grid);
        // the urban officer: 吴场村 is nowhere he may report, so not found rather than several grids
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        HttpResponse<String> urban = api.send("POST", "/api/v1/incidents", officer2, report("吴场村", "城区整村-" + n));
        assertThat(urban.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(urban).get("errors").get(0).get("message").asText())
                .isEqualTo(messages.getMessage("incident.address.notFound", null, Locale.SIMPLIFIED_CHINESE));
    }
}
