package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.RolePolicy;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentDisputeForMediation;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Source;
import org.fengqiao.platform.Permission;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

@RecordApplicationEvents
class MediationAndDemoIntegrationTests extends IntegrationTest {

    @Autowired
    TransactionTemplate tx;
    @Autowired
    IncidentDesk desk;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class).single();
    }

    NewIncident dispute(Source source, String description) {
        return new NewIncident(source, Category.DISPUTE, null, null, description, null, null, null, "测试", grid("FS-4-01"),
                null, null, null, null);
    }

    @Test
    void aDisputeFrom110IsPublishedForTheMediationModuleAndOneFromTheFieldIsNot() {
        String from110 = "调解测试-" + UUID.randomUUID();
        // filed in a transaction of the test's, so on its thread, where its events are recorded (alone, a report is
        // written by the intake's group commit, on a writer's thread)
        UUID id = tx.execute(s -> desk.file(dispute(Source.CALL_110, from110), Submitter.system("test")).incident().id());
        tx.executeWithoutResult(s -> desk.file(dispute(Source.FIELD, "现场纠纷-" + UUID.randomUUID()),
                Submitter.system("test")));
        List<IncidentDisputeForMediation> published = events.stream(IncidentDisputeForMediation.class).toList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).incidentId()).isEqualTo(id);
        assertThat(published.get(0).grid().value()).isEqualTo(grid("FS-4-01"));
        assertThat(published.get(0).description()).isEqualTo(from110);
    }

    @Test
    void theDemoHasOpenAndClosedIncidentsAcrossStationsEachOpenOneOwned() {
        List<String> demo = jdbc.sql("""
                SELECT DISTINCT s.code FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                JOIN unit s ON u.path LIKE s.path || '%' AND s.kind = 'STATION' WHERE i.submitter = 'system'
                  AND EXISTS (SELECT 1 FROM incident_event e WHERE e.incident_id = i.id AND e.kind = 'RECEIVED'
                              AND e.actor_name = 'demo')""")
                .query(String.class).list();
        assertThat(demo).contains("320722010000", "320722020000", "320722030000");
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE status = 'ANSWERED'").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM incident WHERE answered_at IS NULL").query(Long.class).single())
                .isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM incident WHERE answered_at IS NULL AND (owner_unit_id IS NULL OR owner_staff_id IS NULL)""")
                .query(Long.class).single()).isZero();
    }

    @Test
    void fieldRolesFileAndHandleInspectorsReadAndAdministratorsNeither() {
        assertThat(RolePolicy.permissionsOf(StaffRole.AUXILIARY_POLICE)).contains(Permission.INCIDENT_READ,
                Permission.INCIDENT_WRITE);
        assertThat(RolePolicy.permissionsOf(StaffRole.VOLUNTEER)).contains(Permission.INCIDENT_WRITE);
        assertThat(RolePolicy.permissionsOf(StaffRole.INSPECTOR)).contains(Permission.INCIDENT_READ)
                .doesNotContain(Permission.INCIDENT_WRITE);
        for (StaffRole admin : new StaffRole[] {StaffRole.SYSTEM_ADMIN, StaffRole.SECURITY_ADMIN, StaffRole.AUDIT_ADMIN}) {
            assertThat(RolePolicy.permissionsOf(admin)).doesNotContain(Permission.INCIDENT_READ, Permission.INCIDENT_WRITE);
        }
    }
}
