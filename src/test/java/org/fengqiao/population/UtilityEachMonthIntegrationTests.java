package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fengqiao.population.UtilityFixtures.HEADER;
import static org.fengqiao.population.UtilityFixtures.LAST;
import static org.fengqiao.population.UtilityFixtures.month;
import static org.fengqiao.population.UtilityFixtures.row;

import java.util.UUID;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every month an import brings is judged, not only the latest: a supplier's file of a quarter, or months that come in
 * out of order, open the task their anomaly calls for, once, over the months it lasted.
 */
class UtilityEachMonthIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    UtilityFixtures u;

    @BeforeEach
    void setUp() {
        u = new UtilityFixtures(port, jdbc);
    }

    @Test
    void aFileOfThreeMonthsJudgesEachOfThemNotOnlyTheLatest() throws Exception {
        UUID grid = u.fx.gridId("FS-1-01");
        UUID building = u.fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = u.buildingName(building);
        UUID empty = u.fx.room(building, 1, "101");
        UUID idle = u.fx.room(building, 1, "102");
        u.fx.person(grid, u.fx.household(grid, idle, false, false), "钱甲", "HEAD", null, null);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        // 101, nobody registered: power in use the first month, then nothing (the owner came by once)
        csv.append(row("电", LAST.minusMonths(2), "FS-1-01", name, "101", "150")).append('\n');
        csv.append(row("电", LAST.minusMonths(1), "FS-1-01", name, "101", "2")).append('\n');
        csv.append(row("电", LAST, "FS-1-01", name, "101", "3")).append('\n');
        // 102, a resident registered: three idle months, then the family came back
        for (int i = 5; i >= 0; i--) {
            String water = i >= 3 ? "0" : "6";
            String power = i >= 3 ? "2" : "120";
            csv.append(row("水", LAST.minusMonths(i), "FS-1-01", name, "102", water)).append('\n');
            csv.append(row("电", LAST.minusMonths(i), "FS-1-01", name, "102", power)).append('\n');
        }

        assertThat(u.importAndWait("officer", csv.toString(), true).path("tasksOpened").asLong())
                .as("the dry run counts what the real import opens").isEqualTo(2);
        assertThat(u.importAndWait("officer", csv.toString(), false).path("tasksOpened").asLong()).isEqualTo(2);

        assertThat(u.tasks(empty)).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("kind", "UNREGISTERED_USE");
            assertThat(month(t.get("period_from"))).isEqualTo(LAST.minusMonths(2).toString());
            assertThat(month(t.get("period_to"))).isEqualTo(LAST.minusMonths(2).toString());
        });
        assertThat(u.tasks(idle)).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("kind", "REGISTERED_NO_USE");
            assertThat(month(t.get("period_from"))).as("three idle months counted back from the third")
                    .isEqualTo(LAST.minusMonths(5).toString());
            assertThat(month(t.get("period_to"))).isEqualTo(LAST.minusMonths(3).toString());
        });
        assertThat(u.importAndWait("officer", csv.toString(), false).path("tasksOpened").asLong())
                .as("the same file again opens nothing").isZero();
    }

    @Test
    void monthsImportedOutOfOrderAreEachJudgedAndAContinuingUseStaysOneTask() throws Exception {
        UUID building = u.fx.building("officer", "FS-1-01", 1, 1, 2);
        String name = u.buildingName(building);
        UUID later = u.fx.room(building, 1, "101");
        UUID earlier = u.fx.room(building, 1, "102");
        // the latest month first: 101 in use, 102 not
        u.importAndWait("officer", HEADER + "\n" + row("电", LAST, "FS-1-01", name, "101", "150") + "\n"
                + row("电", LAST, "FS-1-01", name, "102", "2") + "\n", false);
        assertThat(u.tasks(later)).hasSize(1);
        assertThat(u.tasks(earlier)).isEmpty();

        // then the two months before it: both rooms in use
        String before = HEADER + "\n";
        for (int i = 2; i >= 1; i--) {
            before += row("电", LAST.minusMonths(i), "FS-1-01", name, "101", "140") + "\n"
                    + row("电", LAST.minusMonths(i), "FS-1-01", name, "102", "90") + "\n";
        }
        assertThat(u.importAndWait("officer", before, false).path("tasksOpened").asLong()).isEqualTo(1);

        assertThat(u.tasks(later)).as("the open task reaches back over the months that came late").singleElement()
                .satisfies(t -> {
                    assertThat(month(t.get("period_from"))).isEqualTo(LAST.minusMonths(2).toString());
                    assertThat(month(t.get("period_to"))).isEqualTo(LAST.toString());
                });
        assertThat(u.tasks(earlier)).as("an older month's use is judged though a later month came first")
                .singleElement().satisfies(t -> {
                    assertThat(month(t.get("period_from"))).isEqualTo(LAST.minusMonths(2).toString());
                    assertThat(month(t.get("period_to"))).isEqualTo(LAST.minusMonths(1).toString());
                });
        UUID task = (UUID) u.tasks(earlier).get(0).get("id");
        assertThat(jdbc.sql("SELECT action FROM verification_task_event WHERE task_id = ? ORDER BY id").param(task)
                .query(String.class).list()).as("opened once over both months").containsExactly("OPENED", "ASSIGNED");
    }
}
