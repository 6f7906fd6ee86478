package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.junit.jupiter.api.Test;

/**
 * A grid member seated at 房山中心警务室, which answers for 65 grids each under a work point of its own, sees the
 * grids he serves and their records, not the other grids of his office: through the API (a token) and the pages
 * (a session) alike. His officer still sees them all.
 */
class ServedGridScopeIntegrationTests extends ServedGridsIntegrationTest {

    static List<String> codes(JsonNode grids) {
        List<String> codes = new ArrayList<>();
        (grids.has("items") ? grids.get("items") : grids).forEach(g -> codes.add(g.get("code").asText()));
        return codes;
    }

    @Test
    void aGridMemberSeesTheGridsHeServesAndTheirPersonsOnly() {
        String username = member("FS-1-02", "FS-2-01").username();
        String token = api.token(username, TestStaff.PASSWORD);

        assertThat(codes(ApiClient.json(api.get("/api/v1/grids?network=POLICE", token))))
                .containsExactlyInAnyOrder("FS-1-02", "FS-2-01");
        assertThat(api.get("/api/v1/grids/" + grid("FS-5-01"), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-2-01"), token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-5-01"), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-1-01"), token).statusCode()).isEqualTo(404);

        // the pages, signed in with a session, are scoped the same way
        ApiClient pages = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        assertThat(pages.get("/persons/" + personIn("FS-1-02"), null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        assertThat(pages.get("/persons/" + personIn("FS-5-01"), null, "Accept", BROWSER).statusCode()).isEqualTo(404);

        // his officer heads every grid of the office and still sees them all
        String officer = api.token("officer", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-5-01"), officer).statusCode()).isEqualTo(200);
    }

    String report(String token, String gridCode, int expected) {
        var r = api.send("POST", "/api/v1/incidents", token, java.util.Map.of("source", "FIELD", "category", "HELP",
                "gridId", grid(gridCode), "description", "巡逻所见-" + UUID.randomUUID(), "address", "村道旁"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return expected == 201 ? ApiClient.json(r).get("incident").get("id").asText() : null;
    }

    /**
     * Seed 002 gives a grid member his grid's work ("负责本网格内的各项工作"): he reports in the grids he serves and
     * follows his report; another grid of his office is refused in his language, nothing filed, and his form offers
     * his grids only. The officer, who heads every grid of the office, keeps his reach.
     */
    @Test
    void heReportsInTheGridsHeServesAndFollowsHisOwnReportOnly() {
        String username = member("FS-1-02").username();
        String token = api.token(username, TestStaff.PASSWORD);

        String mine = report(token, "FS-1-02", 201);
        assertThat(api.get("/api/v1/incidents/" + mine, token).statusCode()).isEqualTo(200);
        ApiClient pages = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        assertThat(pages.get("/incidents/" + mine, null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        // he follows it, and does not handle it: that is the grid's manager's
        assertThat(api.send("POST", "/api/v1/incidents/" + mine + "/acknowledge", token, java.util.Map.of()).statusCode())
                .isIn(403, 404);

        String theirs = report(api.token("officer", DEMO_PASSWORD), "FS-5-01", 201);
        assertThat(api.get("/api/v1/incidents/" + theirs, token).statusCode()).isEqualTo(404);
        // he finds his reports under 我上报的, on the page and in the API, and nobody else's
        String filed = pages.get("/incidents?show=filed", null, "Accept", BROWSER).body();
        assertThat(filed).contains("/incidents/" + mine).doesNotContain("/incidents/" + theirs);
        JsonNode listed = ApiClient.json(api.get("/api/v1/incidents?filed=true", token));
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("items").get(0).get("id").asText()).isEqualTo(mine);
        // the report form offers the grid he serves, not the office's others
        assertThat(pages.get("/incidents/new", null, "Accept", BROWSER).body()).contains(grid("FS-1-02").toString())
                .doesNotContain(grid("FS-5-01").toString());
        // another grid of his office, and another station's: refused in his language, nothing filed
        refusedElsewhere(token, "FS-5-01");
        report(token, "NS-1-01", 400);
    }

    /** A report in a grid he does not serve: refused in Chinese and in English, and nothing filed. */
    void refusedElsewhere(String token, String gridCode) {
        String elsewhere = "别处所见-" + UUID.randomUUID();
        java.util.Map<String, Object> body = java.util.Map.of("source", "FIELD", "category", "HELP", "gridId",
                grid(gridCode), "description", elsewhere, "address", "村道旁");
        var zh = api.send("POST", "/api/v1/incidents", token, body);
        assertThat(zh.statusCode()).isEqualTo(400);
        assertThat(zh.body()).contains("网格不存在或不在您的辖区");
        var en = api.send("POST", "/api/v1/incidents", token, body, "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains("outside your jurisdiction");
        assertThat(filed(elsewhere)).isZero();
    }

    /**
     * An informant gathers what is said in the grid he serves (seed 002): he reports there, and a grid of his office he
     * does not serve is refused in his language; what he hears of elsewhere is his officer's to file.
     */
    @Test
    void anInformantReportsInTheGridHeServesOnly() {
        String username = TestStaff.uniqueUsername("servedinf");
        var office = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff informant = made(directory.register(office.id(), StaffRole.INFORMANT,
                "信息员" + username.substring(username.length() - 4), null, null, "五老人员", username, TestStaff.PASSWORD));
        directory.assignGridRole(new GridId(grid("FS-1-02")), informant.id(), GridRole.INFORMANT,
                java.time.LocalDate.of(2025, 1, 1), null);
        String token = api.token(username, TestStaff.PASSWORD);

        report(token, "FS-1-02", 201);
        refusedElsewhere(token, "FS-5-01");
    }

    @Test
    void theDemoVolunteerSeesTheGridsOfHerVillageSheServesNotTheOtherVillages() {
        String token = api.token("volunteer", DEMO_PASSWORD);
        List<String> served = jdbc.sql("""
                SELECT g.code FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND r.ended_on IS NULL""").query(String.class).list();
        assertThat(served).isNotEmpty().allMatch(c -> c.startsWith("FS-1-"));
        assertThat(codes(ApiClient.json(api.get("/api/v1/grids?network=POLICE", token))))
                .containsExactlyInAnyOrderElementsOf(served);
        assertThat(api.get("/api/v1/grids/" + grid("FS-5-01"), token).statusCode()).isEqualTo(404);
    }

    long filed(String description) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE description = ?").param(description).query(Long.class).single();
    }

    @Test
    void theDemoVolunteerReportsWhatSheSawInTheGridsSheServesAndIsRefusedAnythingElseInHerLanguage() {
        String token = api.token("volunteer", DEMO_PASSWORD);
        List<String> served = jdbc.sql("""
                SELECT g.code FROM grid_role r JOIN grid g ON g.id = r.grid_id JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND r.ended_on IS NULL ORDER BY g.code""").query(String.class).list();
        String hers = served.get(0);

        // the form offers her grids and what she saw (巡查上报), not the office's other grids nor an informant's clue
        ApiClient pages = new ApiClient(port).signedIn("volunteer", DEMO_PASSWORD, null);
        String form = pages.get("/incidents/new", null, "Accept", BROWSER).body();
        for (String code : served) {
            assertThat(form).contains(grid(code).toString());
        }
        assertThat(form).doesNotContain(grid("FS-5-01").toString()).doesNotContain("value=\"INFORMANT\"")
                .contains("name=\"source\" value=\"FIELD\"");

        String seen = "路灯不亮-" + UUID.randomUUID();
        var mine = api.send("POST", "/api/v1/incidents", token, java.util.Map.of("source", "FIELD", "category", "HELP",
                "gridId", grid(hers), "description", seen, "address", "村道旁"));
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(201);

        // another grid of her office, and a clue as if she were an informant: refused in her language, nothing filed
        String elsewhere = "别处所见-" + UUID.randomUUID();
        var other = api.send("POST", "/api/v1/incidents", token, java.util.Map.of("source", "FIELD", "category", "HELP",
                "gridId", grid("FS-5-01"), "description", elsewhere, "address", "村道旁"));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("网格不存在或不在您的辖区");
        var otherEn = api.send("POST", "/api/v1/incidents", token, java.util.Map.of("source", "FIELD", "category", "HELP",
                "gridId", grid("FS-5-01"), "description", elsewhere, "address", "村道旁"), "Accept-Language", "en");
        assertThat(otherEn.statusCode()).isEqualTo(400);
        assertThat(otherEn.body()).contains("outside your jurisdiction");
        String clue = "线索-" + UUID.randomUUID();
        var asInformant = api.send("POST", "/api/v1/incidents", token, java.util.Map.of("source", "INFORMANT",
                "category", "HELP", "gridId", grid(hers), "description", clue, "address", "村道旁"));
        assertThat(asInformant.statusCode()).isEqualTo(400);
        assertThat(asInformant.body()).contains("信息员线索只能由信息员本人或其联系民警登记");
        var asInformantEn = api.send("POST", "/api/v1/incidents", token, java.util.Map.of("source", "INFORMANT",
                "category", "HELP", "gridId", grid(hers), "description", clue, "address", "村道旁"),
                "Accept-Language", "en");
        assertThat(asInformantEn.body()).contains("filed by the informant or the officer who handles him");
        assertThat(filed(elsewhere) + filed(clue)).isZero();

        // the officer is offered the office's grids and the clue he files for an informant
        ApiClient officer = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        assertThat(officer.get("/incidents/new", null, "Accept", BROWSER).body()).contains("value=\"INFORMANT\"")
                .contains(grid("FS-5-01").toString());
    }

    @Test
    void aTermCountsOnTheDaysItCoversNotFromTheDayItWasEnteredOrUntilTheDayItsEndWasEntered() {
        java.time.LocalDate tomorrow = java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE).plusDays(1);
        // appointed today from tomorrow: today he serves FS-1-02 only
        Staff newcomer = member("FS-1-02");
        directory.assignGridRole(new GridId(grid("FS-5-01")), newcomer.id(), GridRole.MEMBER, tomorrow, null);
        try {
            String token = api.token(newcomer.username(), TestStaff.PASSWORD);
            assertThat(codes(ApiClient.json(api.get("/api/v1/grids?network=POLICE", token)))).containsExactly("FS-1-02");
            assertThat(api.get("/api/v1/persons/" + personIn("FS-5-01"), token).statusCode()).isEqualTo(404);
        } finally {
            // a demo grid keeps no term from a later day (DemoDistrictIntegrationTests#datesNoRosterTermInTheFuture)
            jdbc.sql("DELETE FROM grid_role WHERE staff_id = ? AND started_on = ?")
                    .params(newcomer.id().value(), tomorrow).update();
        }

        // his one term ended beforehand from tomorrow: today he still serves it, and his office stays closed to him
        Staff leaving = member("FS-2-01");
        jdbc.sql("UPDATE grid_role SET ended_on = ? WHERE staff_id = ?").params(tomorrow, leaving.id().value()).update();
        String his = api.token(leaving.username(), TestStaff.PASSWORD);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-2-01"), his).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-5-01"), his).statusCode()).isEqualTo(404);
    }

    @Test
    void aGridMemberWhoServesNoGridYetSeesHisOffice() {
        String token = api.token(member().username(), TestStaff.PASSWORD);
        assertThat(api.get("/api/v1/persons/" + personIn("FS-5-01"), token).statusCode()).isEqualTo(200);
    }
}
