package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The response times per grid and person against the targets rate the police's work, like the satisfaction page: the
 * volunteers, informants and grid members who file and follow items may not open the page or the API and see no link
 * to it; the police who handle the items do, each over his own subtree only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseTimesAccessIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    IncidentDesk desk;

    String n;
    Grid grid;
    Grid theirs;
    String manager;
    String informant;
    String member;

    @BeforeAll
    void itemsHandledInTwoStations() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit unit = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "RT-" + n, "时效工作站" + n, null);
        grid = grid(unit, "IT-RT-" + n, 104);
        manager = "rtmgr" + n;
        Staff auxiliary = staff.register(unit.id(), StaffRole.AUXILIARY_POLICE, "时效管理员" + n, null, null, "辅警",
                manager, DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), auxiliary.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        informant = "rtinf" + n;
        staff.register(unit.id(), StaffRole.INFORMANT, "时效信息员" + n, null, null, "信息员", informant, DEMO_PASSWORD);
        member = "rtmem" + n;
        staff.register(unit.id(), StaffRole.GRID_MEMBER, "时效网格员" + n, null, null, "网格员", member, DEMO_PASSWORD);
        // 牛山派出所, another station: officer2's workstation
        theirs = grid(jurisdictions.unitByCode("320722020100").orElseThrow(), "IT-RT2-" + n, 106);
        handled(grid);
        handled(theirs);
    }

    Grid grid(Unit owner, String code, double lonBase) {
        return SatisfactionPageIntegrationTests.testGrid(jurisdictions, owner, code, "时效", lonBase);
    }

    void handled(Grid where) {
        Submitter by = Submitter.system("test");
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, "求助" + n, null, null, null,
                "时效村口", where.id().value(), null, null, null, null), by).incident().id();
        desk.acknowledge(id, by);
        desk.resolve(id, "已处理", by);
    }

    ApiClient signedIn(String username) {
        ApiClient c = new ApiClient(port);
        assertThat(c.formLogin(username, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        return c;
    }

    static String page(ApiClient c, String path) {
        HttpResponse<String> r = c.get(path, null, "Accept", BROWSER);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void volunteersInformantsAndGridMembersAreForbiddenThePageTheApiAndTheLink() {
        ApiClient api = new ApiClient(port);
        for (String username : List.of("volunteer", informant, member)) {
            ApiClient c = signedIn(username);
            assertThat(page(c, "/incidents")).as(username + " still reads the incidents")
                    .doesNotContain("href=\"/incidents/response-times\"").doesNotContain("id=\"response-times\"");
            for (String path : List.of("/incidents/response-times", "/incidents/response-times?days=90")) {
                HttpResponse<String> forbidden = c.get(path, null, "Accept", BROWSER);
                assertThat(forbidden.statusCode()).as(username + " " + path).isEqualTo(403);
                assertThat(forbidden.body()).doesNotContain("IT-RT-" + n).doesNotContain("times-grids");
            }
            HttpResponse<String> json = api.get("/api/v1/incidents/response-times", api.token(username, DEMO_PASSWORD));
            assertThat(json.statusCode()).as(username).isEqualTo(403);
            assertThat(json.body()).doesNotContain(grid.id().value().toString());
        }
    }

    @Test
    void thePoliceWhoHandleTheItemsSeeTheLinkAndTheirOwnSubtreesFiguresOnly() {
        ApiClient api = new ApiClient(port);
        // the grid's manager (auxiliary police), the station chief and the bureau: the link, the page, the figures
        for (String username : List.of(manager, "chief", "bureau")) {
            ApiClient c = signedIn(username);
            assertThat(page(c, "/incidents")).as(username).contains("href=\"/incidents/response-times\"");
            assertThat(page(c, "/incidents/response-times")).as(username).contains("data-code=\"IT-RT-" + n + "\"");
            JsonNode figures = ApiClient.json(api.get("/api/v1/incidents/response-times",
                    api.token(username, DEMO_PASSWORD)));
            assertThat(figures.get("grids").findValuesAsText("id")).as(username).contains(grid.id().value().toString());
        }
        // another station's grid is never on the chief's page, nor his on its officer's
        assertThat(page(signedIn("chief"), "/incidents/response-times?days=90")).doesNotContain("IT-RT2-" + n);
        ApiClient officer2 = signedIn("officer2");
        assertThat(page(officer2, "/incidents")).contains("href=\"/incidents/response-times\"");
        assertThat(page(officer2, "/incidents/response-times?days=90")).contains("data-code=\"IT-RT2-" + n + "\"")
                .doesNotContain("IT-RT-" + n + "\"");
        JsonNode theirFigures = ApiClient.json(api.get("/api/v1/incidents/response-times",
                api.token("officer2", DEMO_PASSWORD)));
        assertThat(theirFigures.get("grids").findValuesAsText("id")).contains(theirs.id().value().toString())
                .doesNotContain(grid.id().value().toString());
        assertThat(ApiClient.json(api.get("/api/v1/incidents/response-times", api.token(manager, DEMO_PASSWORD)))
                .get("grids").findValuesAsText("id")).doesNotContain(theirs.id().value().toString());
    }
}
