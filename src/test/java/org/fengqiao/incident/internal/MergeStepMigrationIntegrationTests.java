package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.fengqiao.incident.IntakeCrashIntegrationTests;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.OwnDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V190 on a database holding merges as the code before it wrote them: the step on the duplicate (MERGED_INTO) named
 * nothing, the report it joined was the one holding the MERGED step written right after it, at the same moment by
 * the same person, with the intake's steps of other reports in between. Migrated to V190, each merge step names the
 * report it joined: also a duplicate reopened since (no longer merged), and one that went along when the report it
 * was merged into was merged on (merged into the third report now, its step names the one it joined). Then the
 * reference holds as the others do: a step cannot name a report that does not exist, nor a report named be deleted.
 */
class MergeStepMigrationIntegrationTests extends IntegrationTest {

    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 5, 8, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    DataSource dataSource;

    @Test
    void v190NamesOnEveryMergeStepTheReportItJoined() throws Exception {
        try (OwnDatabase database = OwnDatabase.create(dataSource, "v190_")) {
            DataSource own = database.dataSource();
            ReopenedRatingsMigrationIntegrationTests.flyway(own, MigrationVersion.fromVersion("189")).migrate();
            JdbcClient db = JdbcClient.create(own);
            UUID grid = IntakeCrashIntegrationTests.fixtures(db);
            UUID unit = db.sql("SELECT unit_id FROM grid WHERE id = ?").param(grid).query(UUID.class).single();
            UUID officer = db.sql("SELECT id FROM staff WHERE unit_id = ?").param(unit).query(UUID.class).single();
            ReopenedRatingsMigrationIntegrationTests.Reports reports =
                    new ReopenedRatingsMigrationIntegrationTests.Reports(db, grid, unit, officer);

            // (a) merged and still merged, another report filed between the merge's two steps
            UUID primary = reports.open("A1");
            UUID duplicate = reports.open("A2");
            long a = merged(db, duplicate, primary, 1, officer, () -> reports.open("A3"));
            // (b) the same person merges another pair at the same moment, after (a)
            UUID otherPrimary = reports.open("B1");
            UUID otherDuplicate = reports.open("B2");
            long b = merged(db, otherDuplicate, otherPrimary, 1, officer, () -> null);
            // (c) merged, answered with the other and reopened by its reporter: no longer merged
            UUID kept = reports.open("C1");
            UUID reopened = reports.open("C2");
            long c = merged(db, reopened, kept, 2, null, () -> null);
            db.sql("UPDATE incident SET status = 'RECEIVED', merged_into = NULL, merged_at = NULL WHERE id = ?").param(reopened).update();
            reports.step(reopened, "REOPENED", 4);
            // (d) merged into a report that was merged on after: it went along, its step names the first
            UUID third = reports.open("D1");
            UUID middle = reports.open("D2");
            UUID along = reports.open("D3");
            long d = merged(db, along, middle, 2, officer, () -> null);
            long dOn = merged(db, middle, third, 3, officer, () -> null);
            db.sql("UPDATE incident SET merged_into = ? WHERE id = ?").params(third, along).update();

            ReopenedRatingsMigrationIntegrationTests.flyway(own, MigrationVersion.fromVersion("190")).migrate();

            Duplicates duplicates = new Duplicates(db, new DuplicateProperties(200, Duration.ofHours(2)));
            assertThat(duplicates.mergedBy(a)).contains(primary);
            assertThat(duplicates.mergedBy(b)).contains(otherPrimary);
            assertThat(duplicates.mergedBy(c)).as("reopened since").contains(kept);
            assertThat(duplicates.mergedBy(d)).as("went along with the report it joined").contains(middle);
            assertThat(duplicates.mergedBy(dOn)).contains(third);
            assertThat(duplicates.mergedAfter(middle, d)).as("the merge that carried it on")
                    .hasValueSatisfying(m -> assertThat(m.into()).isEqualTo(third));
            assertThat(db.sql("SELECT count(*) FROM incident_event WHERE merged_into IS NOT NULL").query(Long.class)
                    .single()).as("only the merge steps name a report").isEqualTo(5);

            assertThatThrownBy(() -> db.sql("""
                    INSERT INTO incident_event (incident_id, kind, at, merged_into) VALUES (?, 'MERGED_INTO', ?, ?)""")
                    .params(duplicate, T0, UUID.randomUUID()).update())
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("incident_event_merged_into_fkey");
            assertThatThrownBy(() -> db.sql("DELETE FROM incident WHERE id = ?").param(kept).update())
                    .as("named by the step of a report no longer merged into it")
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("incident_event_merged_into_fkey");
        }
    }

    /**
     * A merge as the code before V190 wrote it: the duplicate closed, MERGED_INTO on it, whatever {@code between}
     * writes (another transaction's steps), then MERGED on the primary, both at T0 plus the hours and by one person.
     */
    static long merged(JdbcClient db, UUID duplicate, UUID primary, int hour, UUID by,
            java.util.function.Supplier<UUID> between) {
        OffsetDateTime at = T0.plusHours(hour);
        db.sql("UPDATE incident SET status = 'MERGED', merged_into = ?, merged_at = ? WHERE id = ?")
                .params(primary, at, duplicate).update();
        long step = db.sql("""
                INSERT INTO incident_event (incident_id, kind, at, actor_id, actor_name, reason)
                VALUES (?, 'MERGED_INTO', ?, ?, '合并人', 'incident.merge.mergedInto') RETURNING id""")
                .params(duplicate, at, by).query(Long.class).single();
        between.get();
        db.sql("""
                INSERT INTO incident_event (incident_id, kind, at, actor_id, actor_name, reason)
                VALUES (?, 'MERGED', ?, ?, '合并人', 'incident.merge.merged')""")
                .params(primary, at, by).update();
        return step;
    }
}
