package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two people put the same volunteer on a grid's roster as a grid member at the same moment (or one presses twice):
 * the first one's term is written, not yet committed, when the second's is checked (he holds no such term) and
 * written; the database refuses the second, who reads what the check says once the first is there, in his language.
 */
class RosterRaceIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aGridMemberPutOnTheRosterMeanwhileIsAnsweredAsHoldingTheRoleAlready() {
        String n = UUID.randomUUID().toString().substring(0, 8);
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions,
                jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow(), "IT-RR-" + n, "名册", 114);
        ApiClient api = new ApiClient(port);
        String token = api.token("chief", DEMO_PASSWORD);
        Map<String, String> expected = Map.of("zh-CN", "此人已担任该网格的这一职务",
                "en", "This person already holds this role in the grid");
        for (String language : List.of("zh-CN", "en")) {
            UUID volunteer = TestStaff.volunteerWithSignIn(directory, jurisdictions, TestStaff.uniqueUsername("rr"),
                    "名册志愿者").id().value();
            Map<String, Object> body = Map.of("staffId", volunteer, "role", "MEMBER", "from", "2026-01-01");
            HttpResponse<String> answer = new Race(jdbc, transactions).run(
                    () -> jdbc.sql("INSERT INTO grid_role (id, grid_id, staff_id, role, started_on) "
                            + "VALUES (?, ?, ?, 'MEMBER', DATE '2026-01-01')")
                            .params(UUID.randomUUID(), grid.id().value(), volunteer).update(),
                    () -> api.send("POST", "/api/v1/grids/" + grid.id().value() + "/roster", token, body,
                            "Accept-Language", language));

            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(ApiClient.json(answer).get("detail").asText()).isEqualTo(expected.get(language));
            HttpResponse<String> again = api.send("POST", "/api/v1/grids/" + grid.id().value() + "/roster", token,
                    body, "Accept-Language", language);
            assertThat(ApiClient.json(again).get("detail")).isEqualTo(ApiClient.json(answer).get("detail"));
            assertThat(jdbc.sql("SELECT count(*) FROM grid_role WHERE grid_id = ? AND staff_id = ?")
                    .params(grid.id().value(), volunteer).query(Long.class).single()).isOne();
        }
    }
}
