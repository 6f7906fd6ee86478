package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.RolePolicy;
import org.fengqiao.incident.IncidentDisputeForMediation;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Permission;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

@RecordApplicationEvents
class MediationEventsIntegrationTests extends IntegrationTest {

    @Autowired
    MediationLoader loader;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate tx;

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    UUID staff(String username) {
        return jdbc.sql("SELECT id FROM staff WHERE username = ?").param(username).query(UUID.class).single();
    }

    String path(String unitCode) {
        return jdbc.sql("SELECT path FROM unit WHERE code = ?").param(unitCode).query(String.class).single();
    }

    @Test
    void flaggingARiskTellsTheStationChiefWithTheCasesScopeAndTheListPutsItFirst() {
        UUID g = grid("FS-4-02");
        UUID id = loader.open(DisputeOrigin.PATROL, DisputeKind.LAND, g, "风险测试-" + UUID.randomUUID(), null,
                List.<String[]>of(new String[] {"甲", null}), Map.of(staff("officer"), TeamRole.OFFICER), "test");
        assertThat(events.stream(DisputeAtRisk.class)).isEmpty();
        loader.flagRisk(id, "扬言动刀", "test");
        List<DisputeAtRisk> published = events.stream(DisputeAtRisk.class).toList();
        assertThat(published).hasSize(1);
        DisputeAtRisk e = published.get(0);
        assertThat(e.caseId()).isEqualTo(id);
        String gridPath = jdbc.sql("SELECT u.path FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.id = ?").param(g)
                .query(String.class).single();
        assertThat(e.unitPath()).isEqualTo(gridPath).startsWith(path("320722010000"));
        assertThat(e.stationUnitId()).isEqualTo(jdbc.sql("SELECT id FROM unit WHERE code = '320722010000'")
                .query(UUID.class).single());
        assertThat(e.note()).isEqualTo("扬言动刀");
        UUID first = jdbc.sql("""
                SELECT c.id FROM dispute_case c JOIN grid g ON g.id = c.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE ? AND c.status = 'OPEN'
                ORDER BY (c.status = 'OPEN' AND c.at_risk) DESC, (c.status = 'OPEN') DESC, c.opened_at DESC, c.id LIMIT 1""")
                .param(path("320722010000") + "%").query(UUID.class).single();
        assertThat(jdbc.sql("SELECT at_risk FROM dispute_case WHERE id = ?").param(first).query(Boolean.class).single())
                .as("the chief's list starts with a case at risk").isTrue();
    }

    @Test
    void anAgreementAnnouncesTheSettlementWithTheTeamForPointsAndAFailureDoesNot() {
        UUID officer = staff("officer");
        UUID volunteer = staff("volunteer");
        // a grid the volunteer serves: only those who read a case sit on its team
        UUID g = jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN grid g ON g.id = r.grid_id
                WHERE r.staff_id = ? AND r.role = 'MEMBER' AND r.ended_on IS NULL ORDER BY g.code LIMIT 1""")
                .param(volunteer).query(UUID.class).single();
        UUID agreed = loader.open(DisputeOrigin.WALK_IN, DisputeKind.FAMILY, g, "协议测试-" + UUID.randomUUID(), null,
                List.of(new String[] {"甲", null}, new String[] {"乙", "13912345678"}),
                Map.of(officer, TeamRole.OFFICER, volunteer, TeamRole.SOCIAL_WORK_VOLUNTEER), "test");
        UUID failed = loader.open(DisputeOrigin.WALK_IN, DisputeKind.FAMILY, g, "失败测试-" + UUID.randomUUID(), null,
                List.<String[]>of(new String[] {"甲", null}), Map.of(officer, TeamRole.OFFICER), "test");
        loader.fail(failed, "不成", List.of(), "test");
        loader.session(agreed, LocalDate.now(), "村委会", "甲、乙", "各自陈述", null, "test");
        loader.agree(agreed, SettledLevel.VILLAGE, "和好", true, List.of(LocalDate.now().plusDays(7)), "test");
        List<DisputeSettled> settled = events.stream(DisputeSettled.class).toList();
        assertThat(settled).hasSize(1);
        assertThat(settled.get(0).caseId()).isEqualTo(agreed);
        assertThat(settled.get(0).helpers()).containsExactlyInAnyOrder(officer, volunteer);
        assertThat(settled.get(0).level()).isEqualTo(SettledLevel.VILLAGE);
        assertThat(settled.get(0).unitPath()).startsWith(path("320722010000"));
    }

    @Test
    void theDemoHasDisputesAtSeveralStagesScreeningsAndAnAgreement() {
        assertThat(jdbc.sql("SELECT DISTINCT status FROM dispute_case WHERE opened_by IS NULL").query(String.class).list())
                .contains("OPEN", "AGREED", "FAILED", "REFERRED");
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE origin = 'CALL_110' AND incident_id IS NOT NULL")
                .query(Long.class).single()).as("the demo's 110 dispute opened a case").isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_case WHERE at_risk").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM dispute_screening").query(Long.class).single()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void fieldRolesMediateInspectorsReadAndAdministratorsAndInformantsNeither() {
        assertThat(RolePolicy.permissionsOf(StaffRole.MEDIATOR)).contains(Permission.MEDIATION_WRITE)
                .doesNotContain(Permission.POPULATION_READ);
        assertThat(RolePolicy.permissionsOf(StaffRole.STATION_CHIEF)).contains(Permission.MEDIATION_READ,
                Permission.MEDIATION_WRITE);
        assertThat(RolePolicy.permissionsOf(StaffRole.INSPECTOR)).contains(Permission.MEDIATION_READ)
                .doesNotContain(Permission.MEDIATION_WRITE);
        for (StaffRole r : new StaffRole[] {StaffRole.SYSTEM_ADMIN, StaffRole.SECURITY_ADMIN, StaffRole.AUDIT_ADMIN,
                StaffRole.INFORMANT}) {
            assertThat(RolePolicy.permissionsOf(r)).doesNotContain(Permission.MEDIATION_READ, Permission.MEDIATION_WRITE);
        }
    }

    @Test
    void aSecondDeliveryOfA110DisputeFindsItsCaseAndOpensNone() {
        Map<String, Object> opened = jdbc.sql("""
                SELECT id, incident_id, incident_code, grid_id, summary FROM dispute_case
                WHERE origin = 'CALL_110' AND incident_id IS NOT NULL ORDER BY opened_at LIMIT 1""").query().singleRow();
        UUID incident = (UUID) opened.get("incident_id");
        tx.executeWithoutResult(s -> publisher.publishEvent(new IncidentDisputeForMediation(incident,
                (String) opened.get("incident_code"), new GridId((UUID) opened.get("grid_id")), "/", "再次送达的纠纷", null)));
        assertThat(jdbc.sql("SELECT id, summary FROM dispute_case WHERE incident_id = ?").param(incident).query()
                .listOfRows()).as("the incident's cases").containsExactly(Map.of("id", opened.get("id"),
                        "summary", opened.get("summary")));
    }
}
