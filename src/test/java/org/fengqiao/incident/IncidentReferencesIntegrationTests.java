package org.fengqiao.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The references of an incident, its timeline and the inbox are checked once per statement by triggers (V113), not
 * by foreign keys: the same guarantees must hold. Each case makes its own rows (a staff member, a unit, a grid
 * nothing else refers to), so that a declarative foreign key of another table cannot be what refuses the change.
 * The changes are rolled back, or undone at the end where a case needs two connections.
 */
class IncidentReferencesIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;

    /** A demo incident copied with a new id and tracking code and the given columns changed (a JSON object). */
    static final String COPY = """
            INSERT INTO incident
            SELECT (jsonb_populate_record(NULL::incident, to_jsonb(i) || CAST(:changes AS jsonb)
                    || jsonb_build_object('id', CAST(:id AS uuid), 'tracking_code', CAST(:code AS text),
                                          'idempotency_key', NULL))).*
            FROM incident i WHERE i.id = (SELECT id FROM incident WHERE answered_at IS NULL ORDER BY received_at LIMIT 1)""";

    UUID copy(String changes) {
        UUID id = UUID.randomUUID();
        jdbc.sql(COPY).param("changes", changes).param("id", id).param("code", "REF-" + id.toString().substring(0, 8))
                .update();
        return id;
    }

    UUID newStaff() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name) SELECT ?, unit_id, 'AUXILIARY_POLICE', '引用测试' FROM grid LIMIT 1")
                .param(id).update();
        return id;
    }

    /** Work in a transaction rolled back at its end. */
    void rolledBack(java.util.function.Consumer<TransactionStatus> work) {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            work.accept(status);
        });
    }

    /** A statement expected to fail inside a transaction, behind a savepoint so the transaction goes on. */
    static AbstractThrowableAssert<?, ? extends Throwable> refused(TransactionStatus status, ThrowingCallable statement) {
        Object savepoint = status.createSavepoint();
        try {
            return assertThatThrownBy(statement);
        } finally {
            status.rollbackToSavepoint(savepoint);
        }
    }

    long incidents() {
        return jdbc.sql("SELECT count(*) FROM incident").query(Long.class).single();
    }

    @Test
    void aStatementWritingOneReportThatRefersToNothingStoresNoneOfItsReports() {
        long before = incidents();
        UUID grid = jdbc.sql("SELECT grid_id FROM incident LIMIT 1").query(UUID.class).single();
        // two reports in one statement, the second in a grid that does not exist
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO incident
                SELECT (jsonb_populate_record(NULL::incident, to_jsonb(i) || jsonb_build_object('id', gen_random_uuid(),
                        'tracking_code', 'REF-' || n, 'idempotency_key', NULL, 'grid_id', g))).*
                FROM incident i,
                     (VALUES (1, CAST(:grid AS uuid)), (2, CAST(:nowhere AS uuid))) AS v (n, g)
                WHERE i.id = (SELECT id FROM incident ORDER BY received_at LIMIT 1)""")
                .param("grid", grid).param("nowhere", UUID.randomUUID()).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("incident_grid_id_fkey")
                .hasMessageContaining("is not present in table \"grid\"");
        assertThat(incidents()).isEqualTo(before);

        assertThatThrownBy(() -> copy("{\"owner_unit_id\": \"" + UUID.randomUUID() + "\"}"))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_owner_unit_id_fkey");
        assertThatThrownBy(() -> copy("{\"created_by\": \"" + UUID.randomUUID() + "\"}"))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_created_by_fkey");
        assertThat(incidents()).isEqualTo(before);
    }

    @Test
    void anUpdateThatPointsANewReferenceAtNobodyIsRefused() {
        rolledBack(tx -> {
            UUID incident = copy("{}");
            UUID staff = newStaff();
            jdbc.sql("UPDATE incident SET acknowledged_by = ?, description = '已接警' WHERE id = ?").params(staff, incident)
                    .update();
            refused(tx, () -> jdbc.sql("UPDATE incident SET arrived_by = ? WHERE id = ?")
                    .params(UUID.randomUUID(), incident).update())
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_arrived_by_fkey");
            refused(tx, () -> jdbc.sql("UPDATE incident SET merged_into = ? WHERE id = ?")
                    .params(UUID.randomUUID(), incident).update())
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_merged_into_fkey");
        });
    }

    @Test
    void aStepOrAnInboxEntryForNobodyIsRefused() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO incident_event (incident_id, kind, at) VALUES (?, 'RECEIVED', now())")
                .param(UUID.randomUUID()).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_event_incident_id_fkey");
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO inbox_entry (id, recipient_id, kind, record_type, record_id, link, unit_path, subject, created_at)
                VALUES (gen_random_uuid(), ?, 'INCIDENT_ASSIGNED', 'Incident', gen_random_uuid(), '/incidents', '/', '测试', now())""")
                .param(UUID.randomUUID()).update())
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("inbox_entry_recipient_id_fkey");
    }

    @Test
    void aGridUnitOrStaffMemberAReportRefersToCannotBeDeletedAndAReportTakesItsTimelineAlong() {
        rolledBack(tx -> {
            UUID staff = newStaff();
            UUID unit = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO unit (id, parent_id, kind, code, name, path, depth)
                    SELECT CAST(:id AS uuid), id, 'STATION', 'REF-TEST', '引用测试派出所', path || :id || '/', depth + 1
                    FROM unit WHERE parent_id IS NULL""").param("id", unit).update();
            UUID grid = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO grid (id, network, code, name, community_id, unit_id, boundary, area_m2,
                                      min_lon, min_lat, max_lon, max_lat)
                    SELECT ?, network, 'REF-TEST', '引用测试网格', community_id, unit_id, boundary, area_m2,
                           min_lon, min_lat, max_lon, max_lat FROM grid LIMIT 1""").param(grid).update();
            UUID incident = copy("{\"grid_id\": \"" + grid + "\", \"owner_unit_id\": \"" + unit + "\", \"owner_staff_id\": \""
                    + staff + "\"}");
            jdbc.sql("INSERT INTO incident_event (incident_id, kind, at) VALUES (?, 'RECEIVED', now())").param(incident).update();

            refused(tx, () -> jdbc.sql("DELETE FROM grid WHERE id = ?").param(grid).update())
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_grid_id_fkey")
                    .hasMessageContaining("is still referenced from table \"incident\"");
            refused(tx, () -> jdbc.sql("DELETE FROM unit WHERE id = ?").param(unit).update())
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_owner_unit_id_fkey");
            refused(tx, () -> jdbc.sql("DELETE FROM staff WHERE id = ?").param(staff).update())
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_owner_staff_id_fkey");
            refused(tx, () -> jdbc.sql("UPDATE staff SET id = ? WHERE id = ?").params(UUID.randomUUID(), staff).update())
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("incident_owner_staff_id_fkey");

            jdbc.sql("DELETE FROM incident WHERE id = ?").param(incident).update();
            assertThat(jdbc.sql("SELECT count(*) FROM incident_event WHERE incident_id = ?").param(incident)
                    .query(Long.class).single()).isZero();
            // nothing refers to them any more
            jdbc.sql("DELETE FROM grid WHERE id = ?").param(grid).update();
            jdbc.sql("DELETE FROM unit WHERE id = ?").param(unit).update();
            jdbc.sql("DELETE FROM staff WHERE id = ?").param(staff).update();
        });
    }

    /**
     * The lock a foreign key takes: a staff member that a report still being filed refers to cannot be deleted until
     * the filing ends, and then not at all; a staff member being deleted cannot be referred to until the delete ends,
     * and then not at all.
     */
    @Test
    void aReportBeingFiledAndADeleteOfWhatItRefersToWaitForEachOther() throws SQLException {
        UUID staff = newStaff();
        UUID incident = UUID.randomUUID();
        // connections of their own, not the pool's: the lock timeouts set on them end with them
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        try (Connection filer = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                Connection deleter = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
            deleter.createStatement().execute("SET lock_timeout = '300ms'");
            filer.setAutoCommit(false);
            try (PreparedStatement copy = filer.prepareStatement(COPY.replace("CAST(:changes AS jsonb)", "CAST(? AS jsonb)")
                    .replace("CAST(:id AS uuid)", "CAST(? AS uuid)").replace("CAST(:code AS text)", "CAST(? AS text)"))) {
                copy.setString(1, "{\"owner_staff_id\": \"" + staff + "\"}");
                copy.setObject(2, incident);
                copy.setString(3, "REF-" + incident.toString().substring(0, 8));
                copy.executeUpdate();
            }
            assertThatThrownBy(() -> delete(deleter, staff)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03")); // lock timeout
            filer.commit();
            assertThatThrownBy(() -> delete(deleter, staff)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));

            // the other way round: with the report gone the delete goes through, and a write that refers to the
            // staff member meanwhile waits for it, then is refused
            filer.createStatement().execute("DELETE FROM incident WHERE id = '" + incident + "'");
            filer.commit();
            deleter.setAutoCommit(false);
            delete(deleter, staff);
            filer.createStatement().execute("SET lock_timeout = '300ms'");
            assertThatThrownBy(() -> filer.createStatement().execute(
                    "UPDATE incident SET acknowledged_by = '" + staff + "' WHERE id = (SELECT id FROM incident LIMIT 1)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55P03"));
            filer.rollback();
            deleter.commit();
            assertThatThrownBy(() -> filer.createStatement().execute(
                    "UPDATE incident SET acknowledged_by = '" + staff + "' WHERE id = (SELECT id FROM incident LIMIT 1)"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
            filer.rollback();
        } finally {
            jdbc.sql("DELETE FROM incident WHERE id = ?").param(incident).update();
            jdbc.sql("DELETE FROM staff WHERE id = ?").param(staff).update();
        }
    }

    private static void delete(Connection connection, UUID staff) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM staff WHERE id = ?")) {
            delete.setObject(1, staff);
            delete.executeUpdate();
        }
    }
}
