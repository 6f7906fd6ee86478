package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.GridsAtTheOffice;
import org.fengqiao.support.GridsAtTheOfficeIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A grid member who serves one of two grids placed at their central office reads the verification tasks and the
 * utility readings of his grid only, as he reads its persons: the office's other grid's tasks are neither listed nor
 * counted nor found (404), nor its rooms' readings; a task of that grid given to him by name stays his to read. The
 * community officer still reads both grids.
 */
class ServedGridsVerificationTasksIntegrationTests extends GridsAtTheOfficeIntegrationTest {

    record Placed(UUID room, UUID task) {
    }

    Placed placed(Grid grid, String n, String which, UUID assignee) {
        UUID grid_ = grid.id().value();
        UUID building = UUID.randomUUID();
        jdbc.sql("INSERT INTO building (id, grid_id, name, floors, units, rooms_per_floor) VALUES (?, ?, ?, 1, 1, 1)")
                .params(building, grid_, "核格楼" + which + n).update();
        UUID room = UUID.randomUUID();
        jdbc.sql("INSERT INTO room (id, building_id, unit_no, floor, number) VALUES (?, ?, 1, 1, '101')")
                .params(room, building).update();
        LocalDate month = LocalDate.now(LocalTimes.ZONE).withDayOfMonth(1).minusMonths(1);
        jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, utility, month, consumption)
                VALUES (?, ?, ?, 'POWER', ?, 200)""").params(UUID.randomUUID(), grid_, room, month).update();
        UUID task = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO verification_task (id, grid_id, room_id, kind, period_from, period_to, reason_key, reason_args,
                                               status, assignee_id)
                VALUES (?, ?, ?, 'UNREGISTERED_USE', ?, ?, 'utilities.reason.unregistered', '{}', ?, ?)""")
                .params(task, grid_, room, month, month, assignee == null ? "OPEN" : "ASSIGNED", assignee).update();
        return new Placed(room, task);
    }

    static long total(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return ApiClient.json(page).get("total").asLong();
    }

    @Test
    void aGridMemberReadsTheTasksAndReadingsOfTheGridHeServesNotTheOfficesOthersSaveOneGivenToHim() {
        ApiClient api = new ApiClient(port);
        GridsAtTheOffice fixture = twoGridsAtTheOffice("SV", "核格");
        Staff member = fixture.serving(directory, StaffRole.GRID_MEMBER, GridRole.MEMBER, "sv", "核格网格员");
        Placed mine = placed(fixture.served(), fixture.n(), "甲", null);
        Placed theirs = placed(fixture.other(), fixture.n(), "乙", null);
        Placed givenToHim = placed(fixture.other(), fixture.n(), "丙", member.id().value());
        String token = api.token(member.username(), GridsAtTheOffice.PASSWORD);
        String officer = api.token("officer", DEMO_PASSWORD);
        String served = fixture.served().id().value().toString();
        String other = fixture.other().id().value().toString();

        // the list, filtered to either grid, and the count of what is still to do his start page shows
        assertThat(total(api.get("/api/v1/verification-tasks?gridId=" + served, token))).isEqualTo(1);
        assertThat(total(api.get("/api/v1/verification-tasks?gridId=" + other, token))).isEqualTo(1);
        String all = api.get("/api/v1/verification-tasks?size=200", token).body();
        assertThat(all).contains(mine.task().toString(), givenToHim.task().toString())
                .doesNotContain(theirs.task().toString());
        // a single task, and the readings of a room
        assertThat(api.get("/api/v1/verification-tasks/" + theirs.task(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/verification-tasks/" + mine.task(), token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/verification-tasks/" + givenToHim.task(), token).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/utility-readings?roomId=" + theirs.room(), token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/utility-readings?roomId=" + mine.room(), token).statusCode()).isEqualTo(200);
        // the pages read the same tasks
        ApiClient pages = new ApiClient(port).signedIn(member.username(), GridsAtTheOffice.PASSWORD, null);
        assertThat(pages.get("/verification-tasks/" + theirs.task(), null, "Accept",
                ServedGridsRegistersIntegrationTests.BROWSER).statusCode()).isEqualTo(404);

        // the community officer, who heads the office's grids, reads both
        assertThat(total(api.get("/api/v1/verification-tasks?gridId=" + other, officer))).isEqualTo(2);
        assertThat(api.get("/api/v1/verification-tasks/" + theirs.task(), officer).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/utility-readings?roomId=" + theirs.room(), officer).statusCode()).isEqualTo(200);
    }
}
