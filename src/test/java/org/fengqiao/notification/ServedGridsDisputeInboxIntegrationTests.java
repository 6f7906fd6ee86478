package org.fengqiao.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.MediationLoader;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.notification.internal.Inbox;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A grid coordinator who serves one of two grids placed at the same office (both with the office's unit path) hears of
 * the dispute cases his case list reads: those of his grid and those whose team he sits on, never another grid's of
 * the office, which is neither listed, counted nor marked read (404), as the case itself is not found by him.
 */
class ServedGridsDisputeInboxIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    @Autowired
    MediationLoader mediation;
    @Autowired
    Inbox inbox;

    UUID openCase(Grid grid, Map<UUID, TeamRole> team, String summary) {
        return mediation.open(DisputeOrigin.PATROL, DisputeKind.NEIGHBOURS, grid.id().value(), summary, null,
                List.<String[]>of(new String[] {"甲", null}, new String[] {"乙", null}), team, "test");
    }

    UUID entry(Staff to, UUID caseId, GridsAtTheOffice fixture) {
        return inbox.add(new Inbox.New(to.id().value(), Inbox.Kind.DISPUTE_AT_RISK, "dispute", caseId,
                "/mediation/" + caseId, fixture.office().path(), "TJ-" + caseId.toString().substring(0, 6), null,
                "扬言报复", false, null, Instant.now()));
    }

    @Test
    void aCoordinatorHearsOfHisGridsDisputesAndHisTeamsNotOfAnotherGridOfTheOffice() {
        GridsAtTheOffice fixture = twoGridsAtTheOffice("DI", "纠纷消息");
        Staff coordinator = fixture.serving(directory, StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR, "di", "消息协调");
        UUID officer = jdbcStaff("officer");
        String n = fixture.n();
        UUID mine = openCase(fixture.served(), Map.of(officer, TeamRole.OFFICER), "本格纠纷" + n);
        UUID theirs = openCase(fixture.other(), Map.of(officer, TeamRole.OFFICER), "别格纠纷" + n);
        UUID onHisTeam = openCase(fixture.other(), Map.of(officer, TeamRole.OFFICER), "同组纠纷" + n);
        GridsAtTheOffice.seatedEarlier(jdbc, onHisTeam, coordinator, "COMMUNITY_MEDIATOR");
        UUID mineEntry = entry(coordinator, mine, fixture);
        UUID theirsEntry = entry(coordinator, theirs, fixture);
        UUID teamEntry = entry(coordinator, onHisTeam, fixture);

        ApiClient api = new ApiClient(port);
        String token = api.token(coordinator.username(), GridsAtTheOffice.PASSWORD);
        var listed = ApiClient.json(api.get("/api/v1/inbox?size=100", token));
        assertThat(listed.findValuesAsText("recordId")).contains(mine.toString(), onHisTeam.toString())
                .doesNotContain(theirs.toString());
        assertThat(listed.get("total").asLong()).as("counted as listed").isEqualTo(listed.get("items").size());
        assertThat(api.get("/mediation/" + theirs, token).statusCode()).as("the case is not his to open").isEqualTo(404);

        assertThat(api.send("POST", "/api/v1/inbox/" + theirsEntry + "/read", token, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(api.send("POST", "/api/v1/inbox/" + mineEntry + "/read", token, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(api.send("POST", "/api/v1/inbox/" + teamEntry + "/read", token, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(api.get("/inbox", token).body()).doesNotContain("data-record=\"" + theirs + "\"")
                .contains("data-record=\"" + mine + "\"");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    UUID jdbcStaff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }
}
