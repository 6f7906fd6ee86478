package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.population.UtilityFixtures.HEADER;
import static org.fengqiao.population.UtilityFixtures.LAST;
import static org.fengqiao.population.UtilityFixtures.month;
import static org.fengqiao.population.UtilityFixtures.row;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.population.internal.VerificationTasks;
import org.fengqiao.population.internal.Verifications;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * An import that would extend a verification task while an officer resolves it: one waits for the other. The officer
 * first: the import finds the task resolved and opens a new one for its month (before, it extended the resolved task,
 * and the month was never checked). The import first: the officer's resolution covers the task as the import left it.
 */
class VerificationTaskRaceIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Verifications verifications;
    @Autowired
    PlatformTransactionManager transactions;

    UtilityFixtures u;
    Caller officer;

    @BeforeEach
    void setUp() {
        u = new UtilityFixtures(port, jdbc);
        Map<String, Object> staff = jdbc.sql("""
                SELECT s.id, u.path FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.username = 'officer'""")
                .query().singleRow();
        officer = new Caller((UUID) staff.get("id"), "officer", "李建国", "COMMUNITY_OFFICER",
                List.of((String) staff.get("path")), Set.of("POPULATION_READ", "POPULATION_WRITE"));
    }

    /** A room without residents whose power use opened a task for the month before last. */
    UUID roomWithTask(String number) throws Exception {
        UUID building = u.fx.building("officer", "FS-1-01", 1, 1, 1);
        UUID room = u.fx.room(building, 1, number);
        u.importAndWait("officer", HEADER + "\n" + row("电", LAST.minusMonths(1), "FS-1-01", u.buildingName(building),
                number, "150") + "\n", false);
        assertThat(u.tasks(room)).hasSize(1);
        return room;
    }

    String nextMonth(UUID room) {
        Map<String, Object> r = jdbc.sql("""
                SELECT b.name, r.number FROM room r JOIN building b ON b.id = r.building_id WHERE r.id = ?""")
                .param(room).query().singleRow();
        return HEADER + "\n" + row("电", LAST, "FS-1-01", (String) r.get("name"), (String) r.get("number"), "160") + "\n";
    }

    @Test
    void anImportReachingATaskAnOfficerIsResolvingWaitsAndOpensANewTaskForItsMonth() throws Exception {
        UUID room = roomWithTask("101");
        UUID task = (UUID) u.tasks(room).get(0).get("id");

        new Race(jdbc, transactions).run(
                () -> verifications.resolve(task, new Verifications.Resolution(VerificationTasks.Finding.VACANT,
                        "门锁已换", null), officer),
                () -> u.importAndWait("officer", nextMonth(room), false));

        List<Map<String, Object>> tasks = u.tasks(room);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0)).containsEntry("id", task).containsEntry("status", "RESOLVED");
        assertThat(month(tasks.get(0).get("period_to"))).as("the resolved task is left as it was resolved")
                .isEqualTo(LAST.minusMonths(1).toString());
        assertThat(tasks.get(1).get("status")).isNotEqualTo("RESOLVED");
        assertThat(month(tasks.get(1).get("period_from"))).as("the import's month is checked by a task of its own")
                .isEqualTo(LAST.toString());
    }

    @Test
    void anOfficerResolvingATaskAnImportIsExtendingWaitsAndResolvesItAsTheImportLeftIt() throws Exception {
        UUID room = roomWithTask("101");
        UUID task = (UUID) u.tasks(room).get(0).get("id");
        UUID grid = u.fx.gridId("FS-1-01");
        jdbc.sql("""
                INSERT INTO utility_reading (id, grid_id, room_id, utility, month, consumption)
                VALUES (gen_random_uuid(), ?, ?, 'POWER', ?, 160)""").params(grid, room, LAST.atDay(1)).update();

        VerificationTasks.Task resolved = new Race(jdbc, transactions).run(
                () -> verifications.evaluate(Map.of(room, Set.of(LAST)), officer),
                () -> verifications.resolve(task, new Verifications.Resolution(VerificationTasks.Finding.VACANT,
                        "门锁已换", null), officer));

        assertThat(resolved.status()).isEqualTo(VerificationTasks.Status.RESOLVED);
        assertThat(resolved.periodTo()).isEqualTo(LAST);
        assertThat(u.tasks(room)).singleElement().satisfies(t -> assertThat(t).containsEntry("status", "RESOLVED"));
    }
}
