package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.fengqiao.account.ApiClient;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 002's care as the demo loads it: the helper teams of the rural key persons (四帮一 / 三帮一 by
 * type), their visits with a few overdue for the grid chief, and the care agreements of the 209
 * left-behind children. Counts are of the demo's rural persons only (demo addresses in FS grids).
 */
class DemoCareIntegrationTests extends IntegrationTest {

    static final String DEMO_KEY_PERSONS = """
            person_category c JOIN person p ON p.id = c.person_id JOIN household h ON h.id = p.household_id
            JOIN address a ON a.id = h.address_id JOIN grid g ON g.id = p.grid_id
            WHERE c.category = 'KEY_PERSON' AND g.code LIKE 'FS-%' AND a.full_text LIKE '江苏省连云港市东海县房山镇%村%组%号'""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoCare demoCare;

    /** Roles of each demo key person's current team, sorted, per sub-type. */
    Map<String, List<String>> teamsByType() {
        Map<String, List<String>> teams = new java.util.HashMap<>();
        jdbc.sql("SELECT c.subtype, (SELECT string_agg(m.role, ',' ORDER BY m.role) FROM helper_membership m"
                + " WHERE m.person_id = p.id AND m.left_on IS NULL) FROM " + DEMO_KEY_PERSONS)
                .query(rs -> {
                    teams.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(String.valueOf(rs.getString(2)));
                });
        return teams;
    }

    @Test
    void everyDemoKeyPersonHasTheTeamSeed002NamesForHisType() {
        Map<String, List<String>> teams = teamsByType();
        assertThat(teams.get("DRUG")).hasSize(20);
        assertThat(teams.get("MENTAL")).hasSize(6);
        assertThat(teams.get("STABILITY")).hasSize(3);
        for (String type : List.of("DRUG", "MENTAL")) {
            // 四帮一: grid chief, family member, community doctor, volunteer (三帮一 where nobody else lives at home)
            assertThat(teams.get(type)).allSatisfy(t -> assertThat(t).isIn(
                    "DOCTOR,FAMILY,GRID_CHIEF,VOLUNTEER", "DOCTOR,GRID_CHIEF,VOLUNTEER"));
            assertThat(teams.get(type)).contains("DOCTOR,FAMILY,GRID_CHIEF,VOLUNTEER");
        }
        assertThat(teams.get("STABILITY")).containsOnly("CADRE,GRID_CHIEF,GRID_MANAGER,INFORMANT");
        assertThat(teams.get("EX_OFFENDER")).hasSize(36).containsOnly("CADRE,GRID_MANAGER,GRID_MEMBER");
        assertThat(teams.get("OTHER")).hasSize(24).containsOnly("CADRE,GRID_MANAGER,GRID_MEMBER");
        // the grid chief in the teams is the demo officer 李建国, the family member a real member of the household
        assertThat(jdbc.sql("SELECT DISTINCT s.username FROM helper_membership m JOIN staff s ON s.id = m.staff_id WHERE m.role = 'GRID_CHIEF'")
                .query(String.class).list()).contains("officer");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM helper_membership m JOIN person kp ON kp.id = m.person_id
                WHERE m.role = 'FAMILY' AND kp.id IN (SELECT p.id FROM\s""" + DEMO_KEY_PERSONS + """
                ) AND NOT EXISTS (SELECT 1 FROM person r WHERE r.household_id = kp.household_id AND r.name = m.name AND r.id <> kp.id)""")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aFewDemoKeyPersonsAreOverdueAndTheOfficerSeesThemFirst() {
        ApiClient api = new ApiClient(port);
        String officer = api.token("officer", DEMO_PASSWORD);
        HttpResponse<String> mine = api.get("/api/v1/key-persons?mine=true&size=200", officer);
        assertThat(mine.statusCode()).isEqualTo(200);
        JsonNode page = ApiClient.json(mine);
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(89);
        assertThat(page.path("overdue").asInt()).isGreaterThanOrEqualTo(DemoCare.OVERDUE).isLessThan(89);
        // overdue ones first: the flags run true … true, false … false
        List<Boolean> flags = new java.util.ArrayList<>();
        page.path("items").forEach(i -> flags.add(i.path("overdue").asBoolean()));
        assertThat(flags.indexOf(false)).isEqualTo(page.path("overdue").asInt());
        // the demo's own overdue persons are exactly those it made so, each with a team of three or four
        java.util.Set<String> demo = new java.util.HashSet<>(jdbc.sql("SELECT p.id::text FROM " + DEMO_KEY_PERSONS)
                .query(String.class).list());
        long demoOverdue = 0;
        for (JsonNode item : page.path("items")) {
            if (item.path("overdue").asBoolean() && demo.contains(item.path("personId").asText())) {
                demoOverdue++;
                assertThat(item.path("teamSize").asInt()).isBetween(3, 4);
            }
        }
        assertThat(demoOverdue).isEqualTo(DemoCare.OVERDUE);
    }

    @Test
    void everyLeftBehindChildHasASignedAgreementWithTheGuardianAndTwoOrThreeHelpers() {
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT a.guardian_name, a.guardian_relation, a.guardian_phone_masked, a.father_whereabouts,
                       (SELECT count(*) FROM care_helper h WHERE h.agreement_id = a.id) AS helpers
                FROM person_category c JOIN person p ON p.id = c.person_id JOIN grid g ON g.id = p.grid_id
                JOIN household hh ON hh.id = p.household_id JOIN address ad ON ad.id = hh.address_id
                JOIN care_agreement a ON a.person_id = p.id AND a.ended_on IS NULL
                WHERE c.category = 'LEFT_BEHIND_CHILD' AND g.code LIKE 'FS-%' AND ad.full_text LIKE '江苏省连云港市东海县房山镇%'""")
                .query().listOfRows();
        assertThat(rows).hasSize(209);
        assertThat(rows).allSatisfy(r -> {
            assertThat(((Number) r.get("helpers")).intValue()).isBetween(2, 3);
            assertThat((String) r.get("guardian_relation")).isIn("祖父", "祖母", "亲属");
        });
        assertThat(rows).anySatisfy(r -> assertThat(((Number) r.get("helpers")).intValue()).isEqualTo(3));
        assertThat(rows).anySatisfy(r -> assertThat((String) r.get("guardian_phone_masked")).matches("1[0-9]{2}\\*{4}[0-9]{4}"));
        assertThat(rows).anySatisfy(r -> assertThat((String) r.get("father_whereabouts")).startsWith("在").endsWith("务工"));
    }

    @Test
    void loadingAgainChangesNothing() {
        long memberships = jdbc.sql("SELECT count(*) FROM helper_membership").query(Long.class).single();
        long agreements = jdbc.sql("SELECT count(*) FROM care_agreement").query(Long.class).single();
        demoCare.prepare();
        assertThat(jdbc.sql("SELECT count(*) FROM helper_membership").query(Long.class).single()).isEqualTo(memberships);
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement").query(Long.class).single()).isEqualTo(agreements);
    }
}
