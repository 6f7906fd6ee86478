package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.fengqiao.support.VerificationTaskFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two grids of a village are merged: the station chief hands the old one over to the other (移交至网格…) and
 * everything that kept it in use moves there in one go (addresses, residents, open incidents, roster places), the old
 * grid then retired, audited with the counts. A target he cannot use (the same grid, one retired, one outside his
 * jurisdiction or of another village) is refused in his language, nothing changed.
 */
class GridHandoverIntegrationTests extends IntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    JurisdictionApi api;
    String n;
    Community village;
    Grid old;
    Grid target;
    Grid retired;
    Grid otherVillage;

    @BeforeEach
    void setUp() {
        api = new JurisdictionApi(http, jdbc);
        n = TreeFixtures.unique();
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Unit office = tree.unit("320722010100");
        village = tree.village(office, "T-HO-", "移交村");
        Community neighbour = tree.village(office, "T-HN-", "邻村");
        // south of the demo district, apart from the other retirement tests' spots (lat 34.24–34.29)
        double lon = TreeFixtures.lonSouthOfTheDistrict();
        double lat = 34.23;
        old = tree.gridAt(village, "IT-HO-" + n, "旧网格" + n, lon, lat);
        target = tree.gridAt(village, "IT-HT-" + n, "新网格" + n, lon + 0.005, lat);
        retired = tree.gridAt(village, "IT-HR-" + n, "已撤网格" + n, lon + 0.010, lat);
        otherVillage = tree.gridAt(neighbour, "IT-HV-" + n, "邻村网格" + n, lon + 0.015, lat);
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + retired.id().value() + "/retirement", null,
                null).status()).isEqualTo(200);
    }

    static String handover(Grid grid) {
        return "/api/v1/grids/" + grid.id().value() + "/handover";
    }

    static Map<String, Object> body(Grid target) {
        Map<String, Object> body = new HashMap<>();
        body.put("targetGridId", target == null ? null : target.id().value().toString());
        return body;
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    void file(String url, Map<String, Object> record) {
        JurisdictionApi.Answer a = api.call("chief", HttpMethod.POST, url, record, null);
        assertThat(a.status()).as(url + " " + a.body()).isEqualTo(201);
    }

    void place(Grid grid, String username, String role) {
        Map<String, Object> place = Map.of("staffId", staff(username).toString(), "role", role,
                "from", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        JurisdictionApi.Answer a = api.call("chief", HttpMethod.POST, "/api/v1/grids/" + grid.id().value() + "/roster",
                place, null);
        assertThat(a.status()).as(String.valueOf(a.body())).isBetween(200, 201);
    }

    /** What lies in a grid: addresses, persons, open incidents and the roster places held there, by whom. */
    String contents(Grid grid) {
        UUID id = grid.id().value();
        return jdbc.sql("SELECT count(*) FROM address WHERE grid_id = ?").param(id).query(Long.class).single() + "/"
                + jdbc.sql("SELECT count(*) FROM person WHERE grid_id = ?").param(id).query(Long.class).single() + "/"
                + jdbc.sql("SELECT count(*) FROM incident WHERE grid_id = ? AND status NOT IN ('ANSWERED', 'MERGED')")
                        .param(id).query(Long.class).single() + "/"
                + jdbc.sql("""
                        SELECT string_agg(s.username || ':' || r.role, ',' ORDER BY s.username, r.role)
                        FROM grid_role r JOIN staff s ON s.id = r.staff_id WHERE r.grid_id = ? AND r.ended_on IS NULL""")
                        .param(id).query(String.class).optional().orElse(null);
    }

    boolean isRetired(Grid grid) {
        return jdbc.sql("SELECT retired_at IS NOT NULL FROM grid WHERE id = ?").param(grid.id().value())
                .query(Boolean.class).single();
    }

    void fillOldGrid() {
        Map<String, Object> address = new HashMap<>();
        address.put("countyCode", "320722");
        address.put("townshipCode", "320722112000");
        address.put("community", "吴场村");
        address.put("street", "移交路" + n);
        address.put("doorNumber", "1号");
        address.put("gridId", old.id().value().toString());
        file("/api/v1/addresses", address);
        Map<String, Object> person = new HashMap<>();
        person.put("gridId", old.id().value().toString());
        person.put("name", "移交" + n);
        person.put("idNumber", TestIdentityNumbers.next(Sex.MALE));
        person.put("sex", "MALE");
        person.put("residence", "PERMANENT");
        file("/api/v1/persons", person);
        Map<String, Object> report = new HashMap<>();
        report.put("category", "HELP");
        report.put("gridId", old.id().value().toString());
        report.put("description", "移交前求助" + n);
        report.put("address", "移交路" + n + "1号");
        file("/api/v1/incidents", report);
        place(old, "officer", "MEMBER");
        place(old, "chief", "GRID_CHIEF");
        // the grid it goes to has its own chief, who stays
        place(target, "officer", "GRID_CHIEF");
    }

    @Test
    void everythingInTheOldGridMovesToTheOtherGridOfItsVillageWhichIsRetiredAuditedWithTheCounts() {
        fillOldGrid();
        assertThat(contents(old)).isEqualTo("1/1/1/chief:GRID_CHIEF,officer:MEMBER");

        JurisdictionApi.Answer done = api.call("chief", HttpMethod.POST, handover(old), body(target), null);

        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);
        JsonNode moved = done.body().get("moved");
        assertThat(moved.get("addresses").asLong()).isEqualTo(1);
        assertThat(moved.get("persons").asLong()).isEqualTo(1);
        assertThat(moved.get("openIncidents").asLong()).isEqualTo(1);
        assertThat(moved.get("rosterPlaces").asLong()).isEqualTo(1);
        assertThat(moved.get("rosterPlacesEnded").asLong()).isEqualTo(1);
        assertThat(done.body().get("retired").get("retiredAt").isNull()).isFalse();
        assertThat(isRetired(old)).isTrue();
        assertThat(contents(old)).isEqualTo("0/0/0/null");
        // the member serves the new grid from today; its own chief stays, the old grid's chief only left office
        assertThat(contents(target)).isEqualTo("1/1/1/officer:GRID_CHIEF,officer:MEMBER");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE r.grid_id = ? AND s.username = 'chief' AND r.ended_on IS NOT NULL""")
                .param(old.id().value()).query(Long.class).single()).isEqualTo(1);
        List<String> audited = jdbc.sql("""
                SELECT after::text FROM audit_entry WHERE record_type = 'grid' AND record_id = ? AND action = 'UPDATE'""")
                .param(old.id().value().toString()).query(String.class).list();
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0)).contains("\"handedOverTo\": \"IT-HT-" + n + "\"").contains("\"persons\": 1")
                .contains("\"openIncidents\": 1").contains("\"addresses\": 1");
    }

    @Test
    void aTargetTheChiefCannotUseIsRefusedInHisLanguageAndNothingMoves() {
        fillOldGrid();
        String before = contents(old) + "|" + contents(target);

        refused(api.call("chief", HttpMethod.POST, handover(old), body(old), null),
                "网格 IT-HO-" + n + " 不能移交给自身，请另选同一社区/村的网格");
        refused(api.call("chief", HttpMethod.POST, handover(old), body(retired), null),
                "网格“已撤网格" + n + "”（IT-HR-" + n + "）已撤销，不能再向其中登记或移入记录，请另选网格");
        refused(api.call("chief", HttpMethod.POST, handover(old), body(otherVillage), "en"), "Grid 邻村网格" + n
                + " (IT-HV-" + n + ") is not a grid of " + village.name()
                + ": a grid is handed over only to another grid of its own community");
        // the urban station's grid lies outside the rural chief's jurisdiction: unknown to him, as a grid not there
        Map<String, Object> outside = Map.of("targetGridId", api.gridId("NS-1-01").toString());
        refused(api.call("chief", HttpMethod.POST, handover(old), outside, "en"),
                "The receiving grid does not exist or lies outside your jurisdiction");
        refused(api.call("chief", HttpMethod.POST, handover(old), body(null), null), "必填");
        assertThat(api.call("chief", HttpMethod.POST, "/api/v1/grids/" + api.gridId("NS-1-01") + "/handover",
                body(target), null).status()).isEqualTo(404);
        assertThat(api.call("officer", HttpMethod.POST, handover(old), body(target), null).status()).isEqualTo(403);

        assertThat(contents(old) + "|" + contents(target)).isEqualTo(before);
        assertThat(isRetired(old)).isFalse();
    }

    @Test
    void theGridPageOffersTheOtherGridsOfItsVillageInUseToHandOverTo() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(api.token("chief"));
        headers.setAccept(List.of(MediaType.TEXT_HTML));
        String page = http.exchange("/grids/" + old.id().value(), HttpMethod.GET, new HttpEntity<>(headers),
                String.class).getBody();
        assertThat(page).contains("id=\"handover-form\"").contains("IT-HT-" + n)
                .doesNotContain("IT-HR-" + n).doesNotContain("IT-HV-" + n);
    }

    void refused(JurisdictionApi.Answer answer, String message) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("message")).contains(message);
        assertThat(answer.body().get("errors").findValuesAsText("field")).contains("targetGridId");
    }

    @Test
    void theOpenVerificationTasksHandedOverGoToTheNewGridsChiefWhoIsToldOfThemAndAResolvedOneStays() {
        place(old, "chief", "GRID_CHIEF");
        place(target, "officer", "GRID_CHIEF");
        UUID open = VerificationTaskFixtures.task(jdbc, old.id().value(), "ASSIGNED", staff("chief"));
        UUID resolved = VerificationTaskFixtures.task(jdbc, old.id().value(), "RESOLVED", staff("chief"));

        JurisdictionApi.Answer done = api.call("chief", HttpMethod.POST, handover(old), body(target), null);

        assertThat(done.status()).as(String.valueOf(done.body())).isEqualTo(200);
        assertThat(VerificationTaskFixtures.assignee(jdbc, open)).isEqualTo(staff("officer"));
        assertThat(VerificationTaskFixtures.told(jdbc, staff("officer"), open)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT action || ':' || detail FROM verification_task_event WHERE task_id = ?")
                .param(open).query(String.class).list()).containsExactly("ASSIGNED:"
                        + jdbc.sql("SELECT name FROM staff WHERE username = 'officer'").query(String.class).single());
        // the resolved one stays in the old grid's history, with who resolved it
        assertThat(VerificationTaskFixtures.assignee(jdbc, resolved)).isEqualTo(staff("chief"));
    }
}
