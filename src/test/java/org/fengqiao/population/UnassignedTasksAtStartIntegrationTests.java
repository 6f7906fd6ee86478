package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.population.internal.Verifications;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.TreeFixtures;
import org.fengqiao.support.VerificationTaskFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A verification task opened before new tasks went to someone waited unassigned: the start-up step gives it once, by
 * the rule a new task is given by (the grid's chief, else the station's duty person), with an inbox entry, and leaves
 * alone a task given by hand and one resolved.
 */
class UnassignedTasksAtStartIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Verifications verifications;

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    @Test
    void aTaskLeftUnassignedGoesOnceToTheGridsChiefOrTheStationsDutyPersonWhoIsToldOfIt() {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        UUID headed = jdbc.sql("SELECT id FROM grid WHERE code = 'FS-1-01'").query(UUID.class).single();
        UUID chief = directory.gridChiefs(new org.fengqiao.jurisdiction.GridId(headed),
                java.time.LocalDate.now(org.fengqiao.platform.web.LocalTimes.ZONE)).get(0);
        Unit office = tree.unit("320722010100");
        Community village = tree.village(office, "IT-UA-V-", "待派村");
        Grid nobody = tree.grid(village, null, "IT-UA-G-", "无人网格");
        UUID duty = directory.stationDuty(nobody.unitId()).orElseThrow().person().id().value();
        UUID waiting = VerificationTaskFixtures.task(jdbc, headed, "OPEN", null);
        UUID waitingToo = VerificationTaskFixtures.task(jdbc, nobody.id().value(), "OPEN", null);
        UUID byHand = VerificationTaskFixtures.task(jdbc, headed, "ASSIGNED", staff("officer2"));
        UUID resolved = VerificationTaskFixtures.task(jdbc, headed, "RESOLVED", null);

        assertThat(verifications.assignUnassigned()).isGreaterThanOrEqualTo(2);

        assertThat(VerificationTaskFixtures.assignee(jdbc, waiting)).isEqualTo(chief);
        assertThat(VerificationTaskFixtures.told(jdbc, chief, waiting)).isEqualTo(1);
        assertThat(VerificationTaskFixtures.assignee(jdbc, waitingToo)).isEqualTo(duty);
        assertThat(VerificationTaskFixtures.told(jdbc, duty, waitingToo)).isEqualTo(1);
        assertThat(VerificationTaskFixtures.assignee(jdbc, byHand)).isEqualTo(staff("officer2"));
        assertThat(VerificationTaskFixtures.assignee(jdbc, resolved)).isNull();
        // once: a second start gives nothing again and tells nobody twice
        verifications.assignUnassigned();
        assertThat(VerificationTaskFixtures.told(jdbc, chief, waiting)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM verification_task_event WHERE task_id = ? AND action = 'ASSIGNED'")
                .param(waiting).query(Long.class).single()).isEqualTo(1);
    }
}
