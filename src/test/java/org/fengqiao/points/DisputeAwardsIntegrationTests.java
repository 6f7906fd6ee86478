package org.fengqiao.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.DisputeSettled;
import org.fengqiao.mediation.MediationLoader;
import org.fengqiao.mediation.SettledLevel;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A dispute settled by an agreement proposes the dispute-settled award (seed 002: 一事一积分) to each member of the
 * mediation team who is one of the community's own forces, in the case's grid, pending the grid chief's approval;
 * the officer earns nothing for his work, and the same settlement announced twice proposes nothing more.
 */
class DisputeAwardsIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory directory;
    @Autowired
    MediationLoader mediation;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;

    record Pending(UUID holder, String rule, int points, String status, UUID grid, String note) {
    }

    List<Pending> awards(UUID caseId) {
        return jdbc.sql("""
                SELECT holder_id, rule, points, status, grid_id, note FROM points_award
                WHERE source_type = 'dispute' AND source_id = ? ORDER BY holder_id""")
                .param(caseId.toString())
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6)))
                .list();
    }

    List<Pending> await(UUID caseId, int expected) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Pending> found = awards(caseId);
            if (found.size() >= expected) {
                return found;
            }
            Thread.sleep(100);
        }
        return awards(caseId);
    }

    @Test
    void theTeamsOwnForcesGetAPendingAwardOncePerCaseAndTheOfficerNone() throws Exception {
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-05");
        UUID officer = PointsFixtures.staffId(jdbc, "officer");
        Staff mediator = PointsFixtures.holder(directory, jurisdictions, StaffRole.MEDIATOR, "调解积分");
        Staff volunteer = PointsFixtures.holder(directory, jurisdictions, StaffRole.VOLUNTEER, "社工积分");
        UUID caseId = mediation.open(DisputeOrigin.WALK_IN, DisputeKind.NEIGHBOURS, grid,
                "积分调解-" + UUID.randomUUID(), null, List.of(new String[] {"甲", null}, new String[] {"乙", null}),
                Map.of(officer, TeamRole.OFFICER, mediator.id().value(), TeamRole.COMMUNITY_MEDIATOR,
                        volunteer.id().value(), TeamRole.SOCIAL_WORK_VOLUNTEER), "test");
        String code = jdbc.sql("SELECT code FROM dispute_case WHERE id = ?").param(caseId).query(String.class).single();
        assertThat(awards(caseId)).isEmpty();

        mediation.session(caseId, java.time.LocalDate.now(), "村委会", "甲、乙", "各自陈述", null, "test");
        mediation.agree(caseId, SettledLevel.GRID, "互相谅解，邻里和好", false, List.of(), "test");

        int points = 15; // fengqiao.points.rules.dispute-settled
        List<Pending> expected = java.util.stream.Stream.of(
                new Pending(mediator.id().value(), "dispute-settled", points, "PENDING", grid, code),
                new Pending(volunteer.id().value(), "dispute-settled", points, "PENDING", grid, code))
                .sorted(java.util.Comparator.comparing(p -> p.holder().toString())).toList();
        List<Pending> found = await(caseId, 2);
        assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(found).extracting(Pending::holder).doesNotContain(officer);

        // the same settlement delivered again proposes nothing new
        tx.executeWithoutResult(s -> events.publishEvent(new DisputeSettled(caseId, code, grid, "x",
                List.of(officer, mediator.id().value(), volunteer.id().value()), SettledLevel.GRID)));
        Thread.sleep(1500);
        assertThat(awards(caseId)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFailedDisputeProposesNothing() throws Exception {
        UUID grid = PointsFixtures.grid(jdbc, "FS-1-05");
        Staff mediator = PointsFixtures.holder(directory, jurisdictions, StaffRole.MEDIATOR, "调解失败");
        UUID caseId = mediation.open(DisputeOrigin.WALK_IN, DisputeKind.LAND, grid, "积分失败-" + UUID.randomUUID(), null,
                List.<String[]>of(new String[] {"甲", null}), Map.of(PointsFixtures.staffId(jdbc, "officer"),
                        TeamRole.OFFICER, mediator.id().value(), TeamRole.COMMUNITY_MEDIATOR), "test");
        mediation.fail(caseId, "双方不让步", List.of(LocalDate.now().plusDays(3)), "test");
        Thread.sleep(1500);
        assertThat(awards(caseId)).isEmpty();
    }
}
