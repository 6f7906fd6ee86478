package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.platform.AddressQuery;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A report naming its address the short way a person writes it (吴场村1组40号, without 江苏省连云港市东海县房山镇) finds
 * the demo district's standard address as the full text does, best match first, within the filer's scope only, and
 * through the trigram index.
 */
class AddressMatchingIntegrationTests extends IntegrationTest {

    static final String FULL = "江苏省连云港市东海县房山镇吴场村1组40号";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StandardAddresses addresses;

    UUID id(String fullText) {
        return jdbc.sql("SELECT id FROM address WHERE full_text = ?").param(fullText).query(UUID.class).single();
    }

    String pathOf(String fullText) {
        return jdbc.sql("""
                SELECT u.path FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE a.full_text = ?""").param(fullText).query(String.class).single();
    }

    @Test
    void theShortFormsAPersonTypesFindTheDemoAddressTheFullTextFinds() {
        UUID expected = id(FULL);
        List<String> scope = List.of(pathOf(FULL));
        for (String typed : List.of(FULL, "房山镇吴场村1组40号", "吴场村1组40号", "东海县吴场村1组40号", "连云港市东海县吴场村1组40号",
                "东海县房山镇吴场村1组40号", "吴场村一组四十号", "吴场村1组40", "吴场村１组４０号", " 吴场村 1组 40号 ")) {
            assertThat(addresses.matching(typed, scope)).as(typed).hasValueSatisfying(m -> assertThat(m.address().id()).isEqualTo(expected));
        }
    }

    @Test
    void theBestMatchComesFirstAmongAddressesThatShareMostOfTheText() {
        List<String> scope = List.of(pathOf(FULL));
        for (String door : List.of("4", "14", "41")) {
            String full = "江苏省连云港市东海县房山镇吴场村1组" + door + "号";
            if (jdbc.sql("SELECT count(*) FROM address WHERE full_text = ?").param(full).query(Long.class).single() == 1) {
                assertThat(addresses.matching("吴场村1组" + door + "号", scope)).as(door)
                        .hasValueSatisfying(m -> assertThat(m.address().fullText()).isEqualTo(full));
            }
        }
        assertThat(addresses.matching("吴场村1组4号", scope)).hasValueSatisfying(m ->
                assertThat(m.address().fullText()).isEqualTo("江苏省连云港市东海县房山镇吴场村1组4号"));
    }

    @Test
    void aMatchSaysInHowManyGridsLieTheAddressesMatchingAsWellAsTheBest() {
        List<String> office = List.of(jdbc.sql("SELECT path FROM unit WHERE code = '320722010100'").query(String.class).single());
        long wuchang = jdbc.sql("""
                SELECT count(DISTINCT a.grid_id) FROM address a JOIN grid g ON g.id = a.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE a.full_text LIKE '%吴场村%' AND u.path LIKE ? || '%'""").param(office.get(0)).query(Long.class).single();
        for (String village : List.of("吴场村", "房山镇吴场村", "东海县房山镇吴场村")) {
            assertThat(addresses.matching(village, office)).as(village).hasValueSatisfying(m -> {
                assertThat(m.grids()).isEqualTo(wuchang).isGreaterThan(1);
                assertThat(m.tellsGridApart()).isFalse();
            });
        }
        UUID first = jdbc.sql("SELECT grid_id FROM address WHERE full_text = ?").param(FULL).query(UUID.class).single();
        for (String one : List.of(FULL, "吴场村1组40号", "吴场村1组", "吴场村一组四十号")) {
            assertThat(addresses.matching(one, office)).as(one).hasValueSatisfying(m -> {
                assertThat(m.grids()).isEqualTo(1);
                assertThat(m.address().gridId()).isEqualTo(first);
            });
        }
    }

    @Test
    void anAddressOutsideTheCallersSubtreeIsNotFoundByAnyForm() {
        String urban = jdbc.sql("SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.code = 'NS-1-03' AND g.network = 'POLICE'")
                .query(String.class).single();
        assertThat(pathOf(FULL)).doesNotStartWith(urban);
        for (String typed : List.of(FULL, "吴场村1组40号", "东海县吴场村1组40号")) {
            assertThat(addresses.matching(typed, List.of(urban))).as(typed).isEmpty();
        }
    }

    @Test
    void anOfficerFilingWithTheShortAddressGetsItsGridAndPoint() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        Map<String, Object> body = new HashMap<>();
        body.put("category", "HELP");
        body.put("description", "短地址测试-" + UUID.randomUUID());
        body.put("address", "吴场村1组40号");
        HttpResponse<String> r = api.send("POST", "/api/v1/incidents", officer, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode filed = ApiClient.json(r).get("incident");
        UUID grid = jdbc.sql("SELECT grid_id FROM address WHERE full_text = ?").param(FULL).query(UUID.class).single();
        assertThat(filed.get("gridId").asText()).isEqualTo(grid.toString());
        // the urban officer does not see the village: the same words are not found for him
        String officer2 = api.token("officer2", DEMO_PASSWORD);
        body.put("description", "短地址越界-" + UUID.randomUUID());
        HttpResponse<String> outside = api.send("POST", "/api/v1/incidents", officer2, body);
        assertThat(outside.statusCode()).as(outside.body()).isEqualTo(400);
        assertThat(ApiClient.json(outside).get("errors").findValuesAsText("field")).contains("address");
    }

    String plan(AddressQuery q, String scopePattern, boolean analyze) {
        return String.join("\n", jdbc.sql((analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + StandardAddresses.matchingSql(q))
                .params(q.params()).param("scope", new String[] {scopePattern}).query(String.class).list());
    }

    @Test
    void theMatchIsAnsweredThroughAnIndexOnTheDemoDistrictNeverByReadingEveryAddress() {
        // the plan is the planner's reading of the tables' statistics: as the tests before this one left them (their
        // villages and addresses added since autovacuum last looked) it once chose to read every address, as it
        // would not on a database whose statistics are current, which is what this test is about
        jdbc.sql("ANALYZE address, grid, unit").update();
        for (String typed : List.of("吴场村1组40号", "东海县吴场村1组40号", "吴场村一组四十号")) {
            AddressQuery q = AddressQuery.of(typed);
            // the whole county (the bureau): the trigram index on the text finds the few candidates
            String county = plan(q, "%", false);
            assertThat(county).as(county).contains("address_text_trgm").doesNotContain("Seq Scan on address");
            // one workstation: its grids' addresses by the grid index, or the trigram index, never all of them
            String workstation = plan(q, pathOf(FULL) + "%", false);
            assertThat(workstation).as(workstation).containsAnyOf("address_text_trgm", "address_grid")
                    .doesNotContain("Seq Scan on address");
            System.out.println("EXPLAIN ANALYZE " + typed + "\n" + plan(q, "%", true));
        }
    }
}
