package org.fengqiao.points.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.claims.HardCaseCompleted;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hard case confirmed on time proposes the whole hard-case-on-time rule to each claimer, once per claim and holder
 * however often the event is delivered; a late one, or an administrator on the team, gets nothing.
 */
class HardCaseAwardsIntegrationTests extends IntegrationTest {

    @Autowired
    HardCaseAwards listener;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;

    /** The listener itself, not its asynchronous proxy: each delivery is handled before the next line. */
    HardCaseAwards direct() {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(listener);
    }

    List<Integer> points(UUID claim) {
        return jdbc.sql("""
                SELECT points FROM points_award WHERE rule = 'hard-case-on-time' AND source_type = 'claim'
                  AND source_id = ? AND status = 'PENDING' ORDER BY holder_id""").param(claim.toString())
                .query(Integer.class).list();
    }

    @Test
    void eachClaimerGetsTheWholeRuleOnceAndALateCompletionNothing() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = UUID.randomUUID().toString().substring(0, 6);
        UUID member = directory.register(office.id(), StaffRole.GRID_MEMBER, "认领甲" + n, null, null, "网格员", null, null)
                .id().value();
        UUID manager = directory.register(office.id(), StaffRole.AUXILIARY_POLICE, "认领乙" + n, null, null, "辅警", null,
                null).id().value();
        UUID admin = jdbc.sql("SELECT id FROM staff WHERE username = 'admin'").query(UUID.class).single();
        UUID grid = jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = 'FS-1-02'").query(UUID.class).single();

        UUID onTime = UUID.randomUUID();
        HardCaseCompleted done = new HardCaseCompleted(onTime, office.path(), grid, List.of(member, manager, admin), true,
                UUID.randomUUID(), "HAZARD", "FQ-TEST", Instant.now().plusSeconds(3600), Instant.now());
        direct().on(done);
        direct().on(done);
        assertThat(points(onTime)).containsExactly(30, 30);
        assertThat(jdbc.sql("SELECT count(*) FROM points_award WHERE source_id = ? AND holder_id = ?")
                .params(onTime.toString(), admin).query(Long.class).single()).isZero();

        UUID late = UUID.randomUUID();
        direct().on(new HardCaseCompleted(late, office.path(), grid, List.of(member), false, UUID.randomUUID(),
                "INCIDENT", "FQ-LATE", Instant.now().minusSeconds(60), Instant.now()));
        assertThat(points(late)).isEmpty();
    }
}
