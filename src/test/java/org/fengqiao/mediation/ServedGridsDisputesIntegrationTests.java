package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.support.Workbooks.firstColumn;
import static org.fengqiao.support.Workbooks.rows;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A volunteer who serves one grid placed at its central office (whose unit path is the office's) reads the dispute
 * cases of that grid and those whose team he sits on, not the office's other cases: the list (API and page), the case
 * (API and page, 404 beyond) and the ledger alike; he opens cases in his grid only. The officer still reads them all.
 */
class ServedGridsDisputesIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    ApiClient api;

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    /** A case opened by the officer in a grid, the volunteer on its team if named; its id and code. */
    HttpResponse<String> open(String token, Grid grid, String summary, Staff onTeam) {
        Map<String, Object> body = new HashMap<>();
        body.put("origin", "WALK_IN");
        body.put("kind", "NEIGHBOURS");
        body.put("gridId", grid.id().value());
        body.put("summary", summary);
        body.put("parties", List.of(Map.of("name", "甲" + summary), Map.of("name", "乙" + summary)));
        List<Map<String, Object>> team = new ArrayList<>();
        team.add(Map.of("staffId", staffId("officer"), "role", "OFFICER"));
        if (onTeam != null) {
            team.add(Map.of("staffId", onTeam.id().value(), "role", "SOCIAL_WORK_VOLUNTEER"));
        }
        body.put("team", team);
        return api.send("POST", "/api/v1/mediation/cases", token, body);
    }

    String[] opened(String token, Grid grid, String summary, Staff onTeam) {
        HttpResponse<String> r = open(token, grid, summary, onTeam);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var dispute = ApiClient.json(r).get("dispute");
        return new String[] {dispute.get("id").asText(), dispute.get("code").asText()};
    }

    List<String> listed(String token) {
        // the open cases not at risk, newest first: these tests' own at the top of the demo office's many
        HttpResponse<String> list = api.get("/api/v1/mediation/cases?status=OPEN&atRisk=false&size=100", token);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        ApiClient.json(list).get("items").forEach(c -> codes.add(c.get("code").asText()));
        return codes;
    }

    @Test
    void aVolunteerReadsTheCasesOfTheGridHeServesAndOfHisTeamsNotTheOfficesOthers() {
        api = new ApiClient(port);
        GridsAtTheOffice fixture = twoGridsAtTheOffice("SD", "驻所调");
        Staff volunteer = fixture.serving(directory, StaffRole.VOLUNTEER, GridRole.MEMBER, "sd", "驻所调解");
        String officer = api.token("officer", DEMO_PASSWORD);
        String[] mine = opened(officer, fixture.served(), "本格纠纷" + fixture.n(), null);
        String[] theirs = opened(officer, fixture.other(), "别格纠纷" + fixture.n(), null);
        String[] onHisTeam = opened(officer, fixture.other(), "别格同调" + fixture.n(), null);
        GridsAtTheOffice.seatedEarlier(jdbc, UUID.fromString(onHisTeam[0]), volunteer, "SOCIAL_WORK_VOLUNTEER");
        String token = api.token(volunteer.username(), GridsAtTheOffice.PASSWORD);

        // the list, by API
        assertThat(listed(token)).contains(mine[1], onHisTeam[1]).doesNotContain(theirs[1]);
        // the case, by API and page
        assertThat(api.get("/api/v1/mediation/cases/" + theirs[0], token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/mediation/cases/" + mine[0], token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/mediation/cases/" + onHisTeam[0], token).statusCode()).isEqualTo(200);
        ApiClient pages = new ApiClient(port).signedIn(volunteer.username(), GridsAtTheOffice.PASSWORD, null);
        assertThat(pages.get("/mediation/" + theirs[0], null, "Accept", BROWSER).statusCode()).isEqualTo(404);
        assertThat(pages.get("/mediation/" + mine[0], null, "Accept", BROWSER).statusCode()).isEqualTo(200);
        // nor may he write on it: a session on the other grid's case is refused as for a case that does not exist
        HttpResponse<String> session = api.send("POST", "/api/v1/mediation/cases/" + theirs[0] + "/sessions", token,
                Map.of("heldOn", java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE).toString(),
                        "place", "村委会", "attendees", "双方当事人", "said", "越格记录"));
        assertThat(session.statusCode()).isEqualTo(404);
        // the list page and the ledger, opened as the file it is
        assertThat(pages.get("/mediation?show=all", null, "Accept", BROWSER).body()).contains(mine[0])
                .doesNotContain(theirs[0]);
        HttpResponse<byte[]> ledger = api.download("/api/v1/mediation/cases/export", token);
        assertThat(ledger.statusCode()).isEqualTo(200);
        assertThat(firstColumn(rows(ledger))).contains(mine[1], onHisTeam[1])
                .doesNotContain(theirs[1]);
        // he opens cases in his grid, not in the office's other grid
        assertThat(open(token, fixture.served(), "志愿者开" + fixture.n(), null).statusCode()).isEqualTo(201);
        HttpResponse<String> elsewhere = open(token, fixture.other(), "志愿者越格" + fixture.n(), null);
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(400);
        assertThat(elsewhere.body()).contains("gridId");

        // the community officer reads them all
        assertThat(listed(officer)).contains(mine[1], theirs[1], onHisTeam[1]);
        assertThat(api.get("/api/v1/mediation/cases/" + theirs[0], officer).statusCode()).isEqualTo(200);
    }
}
