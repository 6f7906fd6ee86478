package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.population.UtilityFixtures.HEADER;
import static org.fengqiao.population.UtilityFixtures.LAST;
import static org.fengqiao.population.UtilityFixtures.row;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A new verification task does not wait unassigned for someone to notice it: it goes to the grid's chief (or the
 * station's duty person where the grid's roster names nobody), into his inbox, and the start page and the grid's page
 * count it. A "use without residents" task resolved with "no issue" (a shop's meter) holds for its room: the same use
 * opens no task every month after, until it rises past the limit the resolution stated.
 */
class VerificationTaskOwnerIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    org.fengqiao.account.StaffDirectory directory;

    UtilityFixtures u;

    @BeforeEach
    void setUp() {
        u = new UtilityFixtures(port, jdbc);
    }

    String username(UUID staff) {
        return jdbc.sql("SELECT username FROM staff WHERE id = ?").param(staff).query(String.class).single();
    }

    UUID gridChief(UUID grid) {
        return jdbc.sql("""
                SELECT staff_id FROM grid_role WHERE grid_id = ? AND role = 'GRID_CHIEF' AND ended_on IS NULL
                  AND started_on <= CAST(now() AT TIME ZONE 'Asia/Shanghai' AS date) ORDER BY started_on LIMIT 1""")
                .param(grid).query(UUID.class).single();
    }

    long unreadEntries(UUID staff, UUID task) {
        return jdbc.sql("""
                SELECT count(*) FROM inbox_entry WHERE recipient_id = ? AND record_id = ?
                  AND kind = 'VERIFICATION_TASK_ASSIGNED' AND read_at IS NULL""")
                .params(staff, task).query(Long.class).single();
    }

    @Test
    void aNewTaskGoesToTheGridChiefWhoFindsItInHisInboxOnHisStartPageAndOnTheGridsPage() throws Exception {
        UUID grid = u.fx.gridId("FS-1-01");
        UUID chief = gridChief(grid);
        String chiefName = username(chief);
        UUID building = u.fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = u.fx.room(building, 1, "101");
        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin(chiefName, DEMO_PASSWORD).statusCode()).isEqualTo(302);
        long mineBefore = u.fx.get(chiefName, "/api/v1/verification-tasks?mine=true&open=true").body()
                .path("total").asLong();

        u.importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", u.buildingName(building), "101", "200")
                + "\n", false);

        Map<String, Object> task = u.tasks(room).get(0);
        UUID id = (UUID) task.get("id");
        assertThat(task).containsEntry("status", "ASSIGNED").containsEntry("assignee_id", chief);
        JsonNode detail = u.fx.get(chiefName, "/api/v1/verification-tasks/" + id).body();
        assertThat(detail.at("/history/1/action").asText()).isEqualTo("ASSIGNED");
        assertThat(detail.at("/history/1/bySystem").asBoolean()).as("the system gave it").isTrue();
        assertThat(unreadEntries(chief, id)).isEqualTo(1);
        JsonNode inbox = u.fx.get(chiefName, "/api/v1/inbox", "Accept-Language", "en").body();
        assertThat(inbox.toString()).contains("Verification task: ").contains("you are the chief of the grid")
                .contains("/verification-tasks/" + id);
        assertThat(u.fx.get(chiefName, "/api/v1/verification-tasks?mine=true&open=true").body().path("total").asLong())
                .isEqualTo(mineBefore + 1);
        assertThat(browser.get("/", null).body()).contains("待我核查 " + (mineBefore + 1) + " 件");
        assertThat(browser.get("/grids/" + grid, null).body()).contains("id=\"grid-verification-tasks\"")
                .containsPattern("水电气核查任务：未办结 \\d+ 件，其中待您核查 \\d+ 件");

        // resolved, it asks nothing more of him
        assertThat(u.fx.call("officer", "POST", "/api/v1/verification-tasks/" + id + "/resolve",
                Map.of("finding", "VACANT")).status()).isEqualTo(200);
        assertThat(unreadEntries(chief, id)).isZero();
    }

    @Test
    void aTaskGivenByHandToAnotherLeavesTheFirstAssigneesInboxForTheNewOnes() throws Exception {
        UUID grid = u.fx.gridId("FS-1-01");
        UUID chief = gridChief(grid);
        UUID volunteer = jdbc.sql("SELECT id FROM staff WHERE username = 'volunteer'").query(UUID.class).single();
        UUID building = u.fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = u.fx.room(building, 1, "101");
        u.importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", u.buildingName(building), "101", "200")
                + "\n", false);
        UUID id = (UUID) u.tasks(room).get(0).get("id");

        assertThat(u.fx.call("officer", "POST", "/api/v1/verification-tasks/" + id + "/assign",
                Map.of("assigneeId", volunteer)).status()).isEqualTo(200);

        assertThat(unreadEntries(chief, id)).isZero();
        assertThat(unreadEntries(volunteer, id)).isEqualTo(1);
    }

    @Test
    void aTaskInAGridWhoseRosterNamesNobodyGoesToTheStationsDutyPerson() throws Exception {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        UUID officeUnit = jdbc.sql("SELECT g.unit_id FROM grid g WHERE g.code = 'FS-1-01' AND g.network = 'POLICE'")
                .query(UUID.class).single();
        var office = jurisdictions.unit(new UnitId(officeUnit)).orElseThrow();
        Grid empty = tree.grid(tree.village(office, "T-VO-", "无人网格村"), null, "IT-VO-", "无人网格");
        UUID building = u.fx.building("officer", empty.code(), 1, 1, 1);
        UUID room = u.fx.room(building, 1, "101");

        u.importAndWait("officer", HEADER + "\n" + row("电", LAST, empty.code(), u.buildingName(building), "101", "200")
                + "\n", false);

        UUID assignee = (UUID) u.tasks(room).get(0).get("assignee_id");
        assertThat(assignee).as("not left unassigned").isNotNull();
        Map<String, Object> who = jdbc.sql("""
                SELECT s.role, u.kind, (SELECT path FROM unit WHERE id = ?) LIKE u.path || '%' AS above
                FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.id = ?""").params(officeUnit, assignee)
                .query().singleRow();
        assertThat(who).containsEntry("role", "STATION_CHIEF").containsEntry("kind", "STATION")
                .containsEntry("above", true);
        assertThat(unreadEntries(assignee, (UUID) u.tasks(room).get(0).get("id"))).isEqualTo(1);
    }

    @Test
    void aNoIssueFindingHoldsForTheRoomUntilUseRisesPastTheLimitItStated() throws Exception {
        UUID building = u.fx.building("officer", "FS-1-01", 1, 1, 1);
        String name = u.buildingName(building);
        UUID room = u.fx.room(building, 1, "101");
        u.importAndWait("officer", HEADER + "\n" + row("电", LAST.minusMonths(2), "FS-1-01", name, "101", "150")
                + "\n", false);
        UUID shop = (UUID) u.tasks(room).get(0).get("id");

        HousingFixtures.Answer bad = u.fx.call("officer", "POST", "/api/v1/verification-tasks/" + shop + "/resolve",
                Map.of("finding", "NO_ISSUE", "holdMonths", 0), "Accept-Language", "en");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(HousingFixtures.errors(bad.body())).containsEntry("holdMonths", "must be a whole number from 1 to 60");
        assertThat(u.tasks(room).get(0).get("status")).isNotEqualTo("RESOLVED");
        HousingFixtures.Answer resolved = u.fx.call("officer", "POST", "/api/v1/verification-tasks/" + shop + "/resolve",
                Map.of("finding", "NO_ISSUE", "note", "一楼商铺的电表", "holdMonths", 6));
        assertThat(resolved.status()).as(String.valueOf(resolved.body())).isEqualTo(200);
        assertThat(resolved.body().get("held").asBoolean()).isTrue();
        assertThat(resolved.body().get("holdUntil").asText()).isEqualTo(LAST.plusMonths(4).toString());
        assertThat(resolved.body().at("/holdAbove/POWER").decimalValue()).as("twice the highest use")
                .isEqualByComparingTo("300");

        // the same shop the next month: nothing new to check
        assertThat(u.importAndWait("officer", HEADER + "\n" + row("电", LAST.minusMonths(1), "FS-1-01", name, "101",
                "280") + "\n", false).path("tasksOpened").asLong()).isZero();
        assertThat(u.tasks(room)).hasSize(1);
        // use rising past the limit: checked again
        assertThat(u.importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", name, "101", "420") + "\n",
                false).path("tasksOpened").asLong()).isEqualTo(1);
        assertThat(u.tasks(room)).hasSize(2);

        ApiClient browser = new ApiClient(port);
        assertThat(browser.formLogin("officer", DEMO_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(browser.get("/verification-tasks/" + shop, null).body()).contains("无异常结论保持")
                .contains("至 " + LAST.plusMonths(4)).contains("用电超过 300 kWh");
        UUID next = (UUID) u.tasks(room).get(1).get("id");
        assertThat(browser.get("/verification-tasks/" + next, null).body()).contains("id=\"hold-fields\"")
                .contains("name=\"holdPower\"").contains("value=\"840\"").contains("name=\"holdMonths\"");
    }

    /** A volunteer with a sign-in, seated at a unit, serving a grid as a member from today. */
    UUID volunteerServing(UUID unit, UUID grid, String name) {
        String login = "itvo" + TreeFixtures.unique();
        org.fengqiao.account.Staff v = directory.register(new UnitId(unit), org.fengqiao.account.StaffRole.VOLUNTEER,
                name, null, null, "志愿者", login, DEMO_PASSWORD);
        directory.assignGridRole(new org.fengqiao.jurisdiction.GridId(grid), v.id(),
                org.fengqiao.account.GridRole.MEMBER, java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE),
                null);
        return v.id().value();
    }

    UUID workPoint(String gridCode) {
        return jdbc.sql("SELECT unit_id FROM grid WHERE code = ? AND network = 'POLICE'").param(gridCode)
                .query(UUID.class).single();
    }

    /**
     * Given by hand, a task goes only to someone who will find it: a volunteer rostered on the grid but seated at the
     * neighbouring grid's work point reads neither the grid's records nor the task's inbox entry there, and is refused
     * (409, in either language, nothing changed), nor does the task page offer him; one seated where he reads the grid
     * gets it, and finds the task and its entry.
     */
    @Test
    void aTaskIsGivenByHandOnlyToSomeoneWhoReadsItsGridAndHeFindsItAndItsEntry() throws Exception {
        UUID grid = u.fx.gridId("FS-1-01");
        UUID task = org.fengqiao.support.VerificationTaskFixtures.task(jdbc, grid, "OPEN", null);
        UUID elsewhere = volunteerServing(workPoint("FS-1-02"), grid, "邻格志愿者");
        UUID here = volunteerServing(workPoint("FS-1-01"), grid, "本格志愿者");
        try {
            givenByHandOnlyToOneWhoReads(task, elsewhere, here);
        } finally {
            // the demo grid's roster as the demo left it: the demo's own tests count its terms and their dates
            jdbc.sql("DELETE FROM grid_role WHERE staff_id IN (?, ?)").params(elsewhere, here).update();
        }
    }

    private void givenByHandOnlyToOneWhoReads(UUID task, UUID elsewhere, UUID here) throws Exception {
        long version = jdbc.sql("SELECT version FROM verification_task WHERE id = ?").param(task).query(Long.class)
                .single();

        ApiClient browser = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null);
        assertThat(browser.get("/verification-tasks/" + task, null).body()).contains("value=\"" + here + "\"")
                .doesNotContain("value=\"" + elsewhere + "\"");
        Map<String, String> expected = Map.of(
                "zh-CN", "邻格志愿者看不到网格“", "en", "邻格志愿者 does not read the records of grid ");
        for (Map.Entry<String, String> language : expected.entrySet()) {
            HousingFixtures.Answer refused = u.fx.call("officer", "POST", "/api/v1/verification-tasks/" + task
                    + "/assign", Map.of("assigneeId", elsewhere), "Accept-Language", language.getKey());
            assertThat(refused.status()).as(String.valueOf(refused.body())).isEqualTo(409);
            assertThat(refused.body().get("detail").asText()).startsWith(language.getValue());
        }
        assertThat(org.fengqiao.support.VerificationTaskFixtures.assignee(jdbc, task)).isNull();
        assertThat(jdbc.sql("SELECT version FROM verification_task WHERE id = ?").param(task).query(Long.class)
                .single()).isEqualTo(version);
        assertThat(jdbc.sql("SELECT count(*) FROM verification_task_event WHERE task_id = ? AND action = 'ASSIGNED'")
                .param(task).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_entry WHERE record_id = ?").param(task).query(Long.class)
                .single()).isZero();

        HousingFixtures.Answer given = u.fx.call("officer", "POST", "/api/v1/verification-tasks/" + task + "/assign",
                Map.of("assigneeId", here));
        assertThat(given.status()).as(String.valueOf(given.body())).isEqualTo(200);
        String login = username(here);
        assertThat(u.fx.get(login, "/api/v1/verification-tasks/" + task).status()).isEqualTo(200);
        assertThat(u.fx.get(login, "/api/v1/inbox?size=100").body().toString()).contains(task.toString());
    }
}
