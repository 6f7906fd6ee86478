package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.fengqiao.incident.IntakeCrashIntegrationTests;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.OwnDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V135 on a database shaped like one in production before it: reports reopened while the reopening did not yet
 * withdraw the rating. On a database of its own in the suite's embedded PostgreSQL, migrated to the version before V135, filled with
 * reports rated and reopened as they were then, and migrated to V135: only the ratings of answers standing count,
 * and every rating given stays on its report's timeline.
 */
class ReopenedRatingsMigrationIntegrationTests extends IntegrationTest {

    static final OffsetDateTime T0 = OffsetDateTime.of(2026, 10, 5, 8, 0, 0, 0, ZoneOffset.UTC);

    @Autowired
    DataSource dataSource;

    @Test
    void v135KeepsOnlyTheRatingsGivenAfterTheLastReopeningAndEveryRatedStep() throws Exception {
        try (OwnDatabase database = OwnDatabase.create(dataSource, "v135_")) {
            DataSource own = database.dataSource();
            // the schema as V135 found it: the last migration before it (V132 to V134 were never written)
            MigrationVersion v135 = MigrationVersion.fromVersion("135");
            MigrationVersion before135 = Arrays.stream(flyway(own, MigrationVersion.LATEST).info().all())
                    .map(MigrationInfo::getVersion).filter(v -> v != null && v.compareTo(v135) < 0)
                    .max(Comparator.naturalOrder()).orElseThrow();
            flyway(own, before135).migrate();
            JdbcClient db = JdbcClient.create(own);
            UUID grid = IntakeCrashIntegrationTests.fixtures(db);
            UUID unit = db.sql("SELECT unit_id FROM grid WHERE id = ?").param(grid).query(UUID.class).single();
            UUID officer = db.sql("SELECT id FROM staff WHERE unit_id = ?").param(unit).query(UUID.class).single();
            Reports reports = new Reports(db, grid, unit, officer);

            // (a) rated 2, reopened, answered again and rated 5: the one row holds the second rating
            UUID ratedAgain = reports.answered("A", 5);
            reports.rated(ratedAgain, 2, 2);
            reports.step(ratedAgain, "REOPENED", 3);
            reports.step(ratedAgain, "ANSWERED", 5);
            reports.rated(ratedAgain, 5, 6);
            // (b) rated 4, never reopened
            UUID neverReopened = reports.answered("B", 1);
            reports.rated(neverReopened, 4, 2);
            // (c) rated 1 and reopened, not answered again: open, its rating given before the reopening
            UUID reopened = reports.open("C");
            reports.rated(reopened, 1, 2);
            reports.step(reopened, "REOPENED", 3);
            // (d) rated, reopened, answered, rated 3 and reopened again: the last rating came before the last reopening
            UUID reopenedTwice = reports.answered("D", 1);
            reports.rated(reopenedTwice, 2, 2);
            reports.step(reopenedTwice, "REOPENED", 3);
            reports.step(reopenedTwice, "ANSWERED", 5);
            reports.rated(reopenedTwice, 3, 6);
            reports.step(reopenedTwice, "REOPENED", 7);
            db.sql("UPDATE incident SET status = 'ACKNOWLEDGED', answered_at = NULL WHERE id = ?").param(reopenedTwice)
                    .update();

            Ratings ratings = new Ratings(db);
            List<String> bureau = List.of(db.sql("SELECT path FROM unit WHERE id = ?").param(unit).query(String.class).single());
            Ratings.Figures before = ratings.byUnit(bureau, T0, T0.plusDays(1)).get(0);
            assertThat(before.ratings()).as("four ratings counted before V135").isEqualTo(4);

            flyway(own, v135).migrate();

            assertThat(ratings.of(ratedAgain)).as("the rating of the answer given after the reopening stays")
                    .hasValueSatisfying(r -> {
                        assertThat(r.score()).isEqualTo(5);
                        assertThat(r.ratedAt()).isEqualTo(T0.plusHours(6));
                    });
            assertThat(ratings.of(neverReopened)).as("a report never reopened keeps its rating")
                    .hasValueSatisfying(r -> assertThat(r.score()).isEqualTo(4));
            assertThat(ratings.of(reopened)).as("the rating of the answer the resident rejected is withdrawn").isEmpty();
            assertThat(ratings.of(reopenedTwice)).as("reopened after its second rating: withdrawn").isEmpty();

            assertThat(reports.ratedSteps(ratedAgain)).containsExactly("2/5", "5/5");
            assertThat(reports.ratedSteps(neverReopened)).containsExactly("4/5");
            assertThat(reports.ratedSteps(reopened)).containsExactly("1/5");
            assertThat(reports.ratedSteps(reopenedTwice)).containsExactly("2/5", "3/5");

            Ratings.Figures after = ratings.byUnit(bureau, T0, T0.plusDays(1)).get(0);
            assertThat(after.ratings()).as("the satisfaction page counts the two answers standing").isEqualTo(2);
            assertThat(after.satisfied()).isEqualTo(2);
            assertThat(after.satisfactionRate()).isEqualTo(1.0);
        }
    }

    static Flyway flyway(DataSource database, MigrationVersion target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load();
    }

    /** Reports as the code before V135 wrote them: only the columns the tables require, steps at T0 plus hours. */
    record Reports(JdbcClient db, UUID grid, UUID unit, UUID officer) {

        UUID answered(String code, int answeredHour) {
            UUID id = open(code);
            step(id, "ANSWERED", answeredHour);
            db.sql("UPDATE incident SET status = 'ANSWERED', answered_at = ? WHERE id = ?")
                    .params(T0.plusHours(answeredHour), id).update();
            return id;
        }

        UUID open(String code) {
            UUID id = UUID.randomUUID();
            db.sql("""
                    INSERT INTO incident (id, tracking_code, source, category, description, occurred_at, grid_id, status,
                        owner_unit_id, owner_staff_id, owner_since, routing_rule, routing_reason, received_at, submitter)
                    VALUES (?, ?, 'RESIDENT', 'HELP', '迁移测试', ?, ?, 'ACKNOWLEDGED', ?, ?, ?, 'GRID', '迁移测试', ?, 'resident')""")
                    .params(id, "V135-" + code, T0, grid, unit, officer, T0, T0).update();
            step(id, "RECEIVED", 0);
            return id;
        }

        void step(UUID incident, String kind, int hour) {
            db.sql("INSERT INTO incident_event (incident_id, kind, at) VALUES (?, ?, ?)")
                    .params(incident, kind, T0.plusHours(hour)).update();
        }

        /** A rating as ResidentDesk.rate wrote it: the one row of the report replaced, and a RATED step. */
        void rated(UUID incident, int score, int hour) {
            new Ratings(db).put(incident, score, null, T0.plusHours(hour));
            db.sql("INSERT INTO incident_event (incident_id, kind, at, note) VALUES (?, 'RATED', ?, ?)")
                    .params(incident, T0.plusHours(hour), score + "/5").update();
        }

        List<String> ratedSteps(UUID incident) {
            return db.sql("SELECT note FROM incident_event WHERE incident_id = ? AND kind = 'RATED' ORDER BY at")
                    .param(incident).query(String.class).list();
        }
    }
}
