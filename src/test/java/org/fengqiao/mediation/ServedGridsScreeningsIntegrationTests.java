package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grid coordinator who serves one grid placed at its central office (whose unit path is the office's) reads the
 * weekly screenings of that grid, not those of the office's other grid: the week's list (API and page), a screening
 * (404 beyond), the grids not yet screened; he records screenings for his grid only. The mediation ladder counts the
 * cases his list holds: those of his grid and those whose team he sits on. The community officer still reads all.
 * And, on the same two grids, a grid retired is no longer one to screen.
 */
class ServedGridsScreeningsIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    ApiClient api;
    GridsAtTheOffice fixture;
    Staff coordinator;
    String officer;
    String his;

    @BeforeEach
    void aCoordinatorServingOneOfTwoGridsAtTheOffice() {
        api = new ApiClient(port);
        fixture = twoGridsAtTheOffice("SQ", "驻所排");
        coordinator = fixture.serving(directory, StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR, "sq", "驻所排查");
        officer = api.token("officer", DEMO_PASSWORD);
        his = api.token(coordinator.username(), GridsAtTheOffice.PASSWORD);
    }

    HttpResponse<String> screen(String token, Grid grid, String findings) {
        Map<String, Object> body = new HashMap<>();
        body.put("gridId", grid.id().value());
        body.put("participants", "村警、网格员");
        body.put("findings", findings);
        return api.send("POST", "/api/v1/mediation/screenings", token, body);
    }

    String screened(String token, Grid grid, String findings) {
        HttpResponse<String> r = screen(token, grid, findings);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("id").asText();
    }

    JsonNode get(String path, String token) {
        HttpResponse<String> r = api.get(path, token);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiClient.json(r);
    }

    @Test
    void aCoordinatorReadsTheScreeningsOfTheGridHeServesNotTheOfficesOthers() {
        String n = fixture.n();
        String mine = screened(officer, fixture.served(), "本格排查" + n);
        String theirs = screened(officer, fixture.other(), "别格排查" + n);
        String week = LocalDate.now(LocalTimes.ZONE).toString();

        assertThat(get("/api/v1/mediation/screenings?week=" + week, his).findValuesAsText("findings"))
                .contains("本格排查" + n).doesNotContain("别格排查" + n);
        assertThat(api.get("/api/v1/mediation/screenings/" + theirs, his).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/mediation/screenings/" + mine, his).statusCode()).isEqualTo(200);
        ApiClient pages = new ApiClient(port).signedIn(coordinator.username(), GridsAtTheOffice.PASSWORD, null);
        HttpResponse<String> page = pages.get("/mediation/screenings?week=" + week, null, "Accept", BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("本格排查" + n).doesNotContain("别格排查" + n);

        // a week neither grid was screened: he is told of his own grid, not of the office's other
        String lastWeek = LocalDate.now(LocalTimes.ZONE).minusWeeks(1).toString();
        assertThat(get("/api/v1/mediation/screenings/unscreened?week=" + lastWeek, his).findValuesAsText("gridCode"))
                .contains(fixture.served().code()).doesNotContain(fixture.other().code());
        assertThat(pages.get("/mediation/screenings?week=" + lastWeek, null, "Accept", BROWSER).body())
                .contains("data-grid=\"" + fixture.served().code() + "\"")
                .doesNotContain("data-grid=\"" + fixture.other().code() + "\"");

        // he records his own grid's screening, not the other grid's, which is refused as a grid he does not know
        HttpResponse<String> elsewhere = screen(his, fixture.other(), "越格排查" + n);
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("gridId");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_screening WHERE findings = ?").param("越格排查" + n)
                .query(Long.class).single()).isZero();
        screened(his, fixture.served(), "自查" + n);

        // the community officer reads them all
        assertThat(get("/api/v1/mediation/screenings?week=" + week, officer).findValuesAsText("findings"))
                .contains("本格排查" + n, "别格排查" + n, "自查" + n);
        assertThat(api.get("/api/v1/mediation/screenings/" + theirs, officer).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/mediation/screenings/unscreened?week=" + lastWeek, officer)
                .findValuesAsText("gridCode")).contains(fixture.served().code(), fixture.other().code());
    }

    /**
     * A grid retired (merged away, redrawn) cannot be screened any more, so it is no longer listed as not screened this
     * week; a week before its retirement still names it.
     */
    @Test
    void aRetiredGridIsNotListedAsUnscreenedFromTheWeekItWasRetired() {
        String thisWeek = LocalDate.now(LocalTimes.ZONE).toString();
        String lastWeek = LocalDate.now(LocalTimes.ZONE).minusWeeks(1).toString();
        assertThat(get("/api/v1/mediation/screenings/unscreened?week=" + thisWeek, officer).findValuesAsText("gridCode"))
                .contains(fixture.served().code(), fixture.other().code());
        jdbc.sql("UPDATE grid SET retired_at = now() WHERE id = ?").param(fixture.other().id().value()).update();

        assertThat(get("/api/v1/mediation/screenings/unscreened?week=" + thisWeek, officer).findValuesAsText("gridCode"))
                .contains(fixture.served().code()).doesNotContain(fixture.other().code());
        assertThat(get("/api/v1/mediation/screenings/unscreened?week=" + lastWeek, officer).findValuesAsText("gridCode"))
                .contains(fixture.served().code(), fixture.other().code());
    }

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** A case the officer opens in a grid (the coordinator on its team if asked) and ends agreed at a level. */
    void settled(Grid grid, String level, boolean coordinatorOnTeam) {
        Map<String, Object> body = new HashMap<>();
        body.put("origin", "WALK_IN");
        body.put("kind", "NEIGHBOURS");
        body.put("gridId", grid.id().value());
        body.put("summary", "阶梯" + level + fixture.n());
        body.put("parties", List.of(Map.of("name", "甲" + level), Map.of("name", "乙" + level)));
        body.put("team", List.of(Map.of("staffId", staffId("officer"), "role", "OFFICER")));
        HttpResponse<String> opened = api.send("POST", "/api/v1/mediation/cases", officer, body);
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String id = ApiClient.json(opened).get("dispute").get("id").asText();
        if (coordinatorOnTeam) {
            GridsAtTheOffice.seatedEarlier(jdbc, java.util.UUID.fromString(id), coordinator, "COMMUNITY_MEDIATOR");
        }
        assertThat(api.send("POST", "/api/v1/mediation/cases/" + id + "/sessions", officer, Map.of("heldOn",
                LocalDate.now(LocalTimes.ZONE).toString(), "place", "村委会", "attendees", "双方", "said", "各自陈述"))
                .statusCode()).isEqualTo(200);
        Map<String, Object> end = new HashMap<>();
        end.put("outcome", "AGREEMENT");
        end.put("level", level);
        end.put("agreementText", "和解" + level);
        end.put("officerWitness", true);
        end.put("partiesConsent", true);
        HttpResponse<String> ended = api.send("POST", "/api/v1/mediation/cases/" + id + "/end", officer, end);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
    }

    /** The office's row of the ladder by central office, this year, as the reader reads it: grid, village, station. */
    long[] officeRow(String token) {
        for (JsonNode r : get("/api/v1/mediation/ladder?by=CENTRAL_OFFICE", token).get("rows")) {
            if (r.get("unitCode").asText().equals(fixture.office().code())) {
                return new long[] {r.get("grid").asLong(), r.get("village").asLong(), r.get("station").asLong()};
            }
        }
        return new long[3];
    }

    @Test
    void theLadderCountsForACoordinatorTheCasesOfHisGridAndOfHisTeamsOnly() {
        long[] hisBefore = officeRow(his);
        long[] officersBefore = officeRow(officer);
        settled(fixture.served(), "GRID", false);
        settled(fixture.other(), "VILLAGE", false);
        settled(fixture.other(), "STATION", true);

        long[] hisAfter = officeRow(his);
        long[] officersAfter = officeRow(officer);
        assertThat(hisAfter[0] - hisBefore[0]).as("his grid's case").isEqualTo(1);
        assertThat(hisAfter[1] - hisBefore[1]).as("the other grid's case, not his").isZero();
        assertThat(hisAfter[2] - hisBefore[2]).as("the other grid's case on his team").isEqualTo(1);
        assertThat(new long[] {officersAfter[0] - officersBefore[0], officersAfter[1] - officersBefore[1],
                officersAfter[2] - officersBefore[2]}).as("the officer counts all three").containsExactly(1, 1, 1);
        // the ladder page counts as the API does
        ApiClient pages = new ApiClient(port).signedIn(coordinator.username(), GridsAtTheOffice.PASSWORD, null);
        HttpResponse<String> page = pages.get("/mediation/ladder?by=CENTRAL_OFFICE", null, "Accept", BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(cells(page.body(), fixture.office().code())).startsWith(hisAfter[0], hisAfter[1], hisAfter[2]);
    }

    /** The counts in a unit's row of the ladder page, left to right. */
    static List<Long> cells(String page, String unitCode) {
        int row = page.indexOf("data-unit=\"" + unitCode + "\"");
        assertThat(row).as("the unit's row").isPositive();
        String tr = page.substring(row, page.indexOf("</tr>", row));
        return Pattern.compile(">(\\d+)</td>").matcher(tr).results().map(m -> Long.parseLong(m.group(1))).toList();
    }
}
