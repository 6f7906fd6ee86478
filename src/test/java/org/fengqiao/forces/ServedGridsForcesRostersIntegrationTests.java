package org.fengqiao.forces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.forces.internal.ForcesDesk;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Listed without a grid filter, the forces rosters show a grid coordinator who serves one grid placed at its central
 * office the teams, posts and people of that grid (and himself), not those of the office's other grid; a record of
 * the other grid is not found (404), and the roster export holds only what the lists show. The police read the whole
 * office as before.
 */
class ServedGridsForcesRostersIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ForcesDesk desk;

    @Test
    void aGridCoordinatorReadsTheTeamsPostsAndPeopleOfHisGridOnlyAndAnotherGridsAreNotFound() throws Exception {
        GridsAtTheOffice fixture = GridsAtTheOffice.of(jurisdictions, "FR", "名册");
        UUID served = fixture.served().id().value();
        UUID other = fixture.other().id().value();
        UUID officerId = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        Caller officer = new Caller(officerId, "officer", "社区民警", "COMMUNITY_OFFICER",
                List.of(fixture.office().path()), Set.of("FORCES_READ", "FORCES_MANAGE"));
        String n = fixture.n();
        UUID office = fixture.office().id().value();
        UUID myTeam = desk.createTeam(officer, new ForcesDesk.NewTeam(office, served, TeamKind.COMPOUND_PATROL,
                "一格巡逻队" + n, null)).id();
        UUID theirTeam = desk.createTeam(officer, new ForcesDesk.NewTeam(office, other, TeamKind.COMPOUND_PATROL,
                "二格巡逻队" + n, null)).id();
        UUID myPost = desk.createPost(officer, new ForcesDesk.NewPost(served, "一格岗" + n, "村口", null, null)).id();
        UUID theirPost = desk.createPost(officer, new ForcesDesk.NewPost(other, "二格岗" + n, "村口", null, null)).id();
        Staff coordinator = fixture.serving(directory, StaffRole.GRID_COORDINATOR, GridRole.COORDINATOR, "fr",
                "一格协调员");
        Staff neighbour = directory.register(fixture.office().id(), StaffRole.GRID_MEMBER, "二格网格员" + n, null, null, "村民组长",
                ("gm" + n + "fr").toLowerCase(), GridsAtTheOffice.PASSWORD);
        directory.assignGridRole(fixture.other().id(), neighbour.id(), GridRole.MEMBER,
                java.time.LocalDate.of(2025, 1, 1), null);
        Staff mine = directory.register(fixture.office().id(), StaffRole.GRID_MEMBER, "一格网格员" + n, null, null,
                "村民组长", ("gn" + n + "fr").toLowerCase(), GridsAtTheOffice.PASSWORD);
        directory.assignGridRole(fixture.served().id(), mine.id(), GridRole.MEMBER, java.time.LocalDate.of(2025, 1, 1),
                null);
        // the rosters list the people who serve in a team or have a roster profile
        desk.join(officer, myTeam, mine.id().value(), false, null);
        desk.join(officer, theirTeam, neighbour.id().value(), false, null);

        ApiClient api = new ApiClient(port);
        String token = api.token(coordinator.username(), GridsAtTheOffice.PASSWORD);
        assertThat(names(api, "/api/v1/forces/teams", token)).contains("一格巡逻队" + n).doesNotContain("二格巡逻队" + n);
        assertThat(names(api, "/api/v1/forces/posts", token)).contains("一格岗" + n).doesNotContain("二格岗" + n);
        String people = api.send("GET", "/api/v1/forces/members?size=200&q=" + n, token, null).body();
        assertThat(people).contains(mine.id().value().toString()).doesNotContain(neighbour.id().value().toString());
        assertThat(status(api, "/api/v1/forces/members/" + mine.id().value(), token)).isEqualTo(200);
        assertThat(status(api, "/api/v1/forces/teams/" + myTeam, token)).isEqualTo(200);
        assertThat(status(api, "/api/v1/forces/teams/" + theirTeam, token)).isEqualTo(404);
        assertThat(status(api, "/api/v1/forces/posts/" + myPost, token)).isEqualTo(200);
        assertThat(status(api, "/api/v1/forces/posts/" + theirPost, token)).isEqualTo(404);
        assertThat(status(api, "/api/v1/forces/members/" + neighbour.id().value(), token)).isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/forces/defence-people?size=200", token, null).body())
                .contains(mine.id().value().toString()).doesNotContain(neighbour.id().value().toString());
        String workbook = cells(api.download("/api/v1/forces/export.xlsx", token));
        assertThat(workbook).contains("一格巡逻队" + n, "一格岗" + n).doesNotContain("二格巡逻队" + n, "二格岗" + n,
                "二格网格员" + n);

        String police = api.token("officer", DEMO_PASSWORD);
        assertThat(names(api, "/api/v1/forces/teams", police)).as("the police as before")
                .contains("一格巡逻队" + n, "二格巡逻队" + n);
        assertThat(names(api, "/api/v1/forces/posts", police)).contains("一格岗" + n, "二格岗" + n);
        assertThat(status(api, "/api/v1/forces/members/" + neighbour.id().value(), police)).isEqualTo(200);
        assertThat(api.send("GET", "/api/v1/forces/defence-people?size=200", police, null).body())
                .contains(neighbour.id().value().toString());
    }

    static int status(ApiClient api, String path, String token) {
        return api.send("GET", path, token, null).statusCode();
    }

    static List<String> names(ApiClient api, String path, String token) {
        HttpResponse<String> r = api.send("GET", path, token, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return ApiClient.json(r).findValuesAsText("name");
    }

    /** Every cell of every sheet of the workbook, one per line. */
    static String cells(HttpResponse<byte[]> download) throws Exception {
        assertThat(download.statusCode()).isEqualTo(200);
        List<String> all = new ArrayList<>();
        DataFormatter format = new DataFormatter();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    row.forEach(c -> all.add(format.formatCellValue(c)));
                }
            }
        }
        return String.join("\n", all);
    }
}
