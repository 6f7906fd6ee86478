package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A mediation team is formed of the grid's and the office's people: the team form offers those who serve the case's
 * grid first, each with his place on its roster and the grid, then the office's, then the station's and the bureau's;
 * a grid member of another grid of the same office, who cannot read the case, is neither offered nor seated, and the
 * refusal names him in the reader's language. One seated earlier stays on the team as it is formed again.
 */
class MediationTeamPickerIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    MediationLoader mediation;
    @Autowired
    JdbcClient jdbc;

    UUID staffId(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    @Test
    void theFormOffersTheGridsPeopleFirstAndRefusesAMemberOfAnotherGridOfTheOfficeInBothLanguages() {
        GridsAtTheOffice fixture = GridsAtTheOffice.of(jurisdictions, "TP", "组调");
        Staff here = fixture.serving(directory, StaffRole.VOLUNTEER, GridRole.MEMBER, "tp", "本格组员");
        Staff there = directory.register(fixture.office().id(), StaffRole.GRID_MEMBER, "别格组员" + fixture.n(), null,
                null, "村民组长", "tpx" + fixture.n(), GridsAtTheOffice.PASSWORD);
        directory.assignGridRole(fixture.other().id(), there.id(), GridRole.MEMBER, LocalDate.of(2025, 1, 1), null);
        UUID officer = staffId("officer");
        UUID caseId = mediation.open(DisputeOrigin.WALK_IN, DisputeKind.NEIGHBOURS, fixture.served().id().value(),
                "组调纠纷" + fixture.n(), null, List.<String[]>of(new String[] {"甲", null}, new String[] {"乙", null}),
                Map.of(officer, TeamRole.OFFICER), "test");

        // the form: the grid's member first, with his place on its roster and the grid; the office's officer next;
        // the station's chief after; the other grid's member not at all
        ApiClient pages = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        String html = pages.get("/mediation/" + caseId, null, "Accept", BROWSER).body();
        String select = html.substring(html.indexOf("id=\"team-staff-0\""), html.indexOf("id=\"team-role-0\""));
        String hereLabel = here.name() + "（平安志愿者，网格员·" + fixture.served().name() + "）";
        assertThat(select).contains("服务本网格（" + fixture.served().name() + "）的人员", hereLabel,
                "本警务室的人员", "派出所及上级单位的人员").doesNotContain(there.name());
        assertThat(select.indexOf(hereLabel)).as("the grid's member before the office's officer")
                .isLessThan(select.indexOf("value=\"" + officer + "\""));
        assertThat(select.indexOf("value=\"" + officer + "\"")).as("the office's officer before the station's chief")
                .isLessThan(select.indexOf("value=\"" + staffId("chief") + "\""));

        // seating the other grid's member is refused, named, in Chinese and in English; the team is as it was
        ApiClient api = new ApiClient(port);
        String token = api.token("officer", DEMO_PASSWORD);
        Map<String, Object> team = Map.of("team", List.of(Map.of("staffId", officer, "role", "OFFICER"),
                Map.of("staffId", there.id().value(), "role", "SOCIAL_WORK_VOLUNTEER")));
        HttpResponse<String> zh = api.send("PUT", "/api/v1/mediation/cases/" + caseId + "/team", token, team);
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(400);
        assertThat(zh.body()).contains("team[1]", there.name() + " 不能查看本案");
        HttpResponse<String> en = api.send("PUT", "/api/v1/mediation/cases/" + caseId + "/team", token, team,
                "Accept-Language", "en");
        assertThat(en.statusCode()).isEqualTo(400);
        assertThat(en.body()).contains(there.name() + " cannot read this case");
        assertThat(jdbc.sql("SELECT staff_id FROM dispute_team WHERE case_id = ?").param(caseId).query(UUID.class)
                .list()).containsExactly(officer);

        // the grid's own member is seated
        HttpResponse<String> seated = api.send("PUT", "/api/v1/mediation/cases/" + caseId + "/team", token,
                Map.of("team", List.of(Map.of("staffId", officer, "role", "OFFICER"),
                        Map.of("staffId", here.id().value(), "role", "SOCIAL_WORK_VOLUNTEER"))));
        assertThat(seated.statusCode()).as(seated.body()).isEqualTo(200);

        // one seated while he read it (his grid merged away since, say) is offered and kept as the team is formed again
        GridsAtTheOffice.seatedEarlier(jdbc, caseId, there, "COMMUNITY_MEDIATOR");
        String later = pages.get("/mediation/" + caseId, null, "Accept", BROWSER).body();
        assertThat(later.substring(later.indexOf("id=\"team-staff-0\""), later.indexOf("id=\"team-role-0\"")))
                .contains("value=\"" + there.id().value() + "\"");
        HttpResponse<String> again = api.send("PUT", "/api/v1/mediation/cases/" + caseId + "/team", token,
                Map.of("team", List.of(Map.of("staffId", officer, "role", "OFFICER"),
                        Map.of("staffId", there.id().value(), "role", "COMMUNITY_MEDIATOR"))));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }
}
