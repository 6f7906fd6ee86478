package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.population.KeyPersonVisitOverdue;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The overdue sweep with a clock the test moves: one KeyPersonVisitOverdue per overdue period,
 * nothing while a visit is not due, nothing twice for the same period, a new one after the next
 * visit falls overdue again; a household marked trusted exempts nobody. Works in an urban grid, where the demo has
 * no key persons, and keeps only the events of the test's own persons.
 */
class OverdueSweepIntegrationTests extends IntegrationTest {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    KeyPersons keyPersons;
    @Autowired
    CareProperties properties;

    final List<KeyPersonVisitOverdue> events = new ArrayList<>();


    UUID grid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE code = ? AND network = 'POLICE'").param(code).query(UUID.class).single();
    }

    UUID keyPerson(UUID grid, String name, LocalDate since, boolean trusted) {
        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, number, trusted) VALUES (?, ?, ?, ?)")
                .params(household, grid, "SW-" + household.toString().substring(0, 8), trusted).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, relation, residence, content_hash)
                VALUES (?, ?, ?, ?, 'x', 'x', 'HEAD', 'PERMANENT', 'fixture')""")
                .params(id, grid, household, name).update();
        jdbc.sql("INSERT INTO person_category (person_id, category, subtype, risk, since) VALUES (?, 'KEY_PERSON', 'MENTAL', 'HIGH', ?)")
                .params(id, since).update();
        return id;
    }

    void visit(UUID person, UUID grid, OffsetDateTime at) {
        UUID visit = UUID.randomUUID();
        UUID officer2 = jdbc.sql("SELECT id FROM staff WHERE username = 'officer2'").query(UUID.class).single();
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, (SELECT household_id FROM person WHERE id = ?), ?, ?)")
                .params(visit, grid, person, officer2, at).update();
        jdbc.sql("INSERT INTO visit_person (visit_id, person_id, state) VALUES (?, ?, 'STABLE')").params(visit, person).update();
    }

    List<KeyPersonVisitOverdue> eventsOf(UUID person) {
        return events.stream().filter(e -> e.person().value().equals(person)).toList();
    }

    @Test
    void theSweepIsScheduledUnderShedLock() throws NoSuchMethodException {
        var run = OverdueSweep.class.getMethod("run");
        assertThat(run.getAnnotation(Scheduled.class)).isNotNull();
        assertThat(run.getAnnotation(SchedulerLock.class).name()).isEqualTo("key-person-overdue-sweep");
    }

    @Test
    void oneEventPerOverduePeriodForTheGridChief() {
        UUID grid = grid("NS-2-01");
        LocalDate day0 = LocalDate.now(LOCAL).plusDays(400);
        MovableClock clock = new MovableClock(day0.atTime(8, 0).atZone(LOCAL).toInstant(), LOCAL);
        OverdueSweep sweep = new OverdueSweep(keyPersons, e -> events.add((KeyPersonVisitOverdue) e), clock, properties);
        UUID person = keyPerson(grid, "扫描", day0.minusDays(3), false);
        UUID trusted = keyPerson(grid, "放心", day0.minusDays(300), true);

        sweep.sweep(grid);
        assertThat(eventsOf(person)).as("due in four days").isEmpty();

        clock.advance(Duration.ofDays(4));
        sweep.sweep(grid);
        assertThat(eventsOf(person)).as("due today, not overdue yet").isEmpty();

        clock.advance(Duration.ofDays(1));
        sweep.sweep(grid);
        assertThat(eventsOf(person)).hasSize(1);
        KeyPersonVisitOverdue first = eventsOf(person).get(0);
        assertThat(first.dueOn()).isEqualTo(day0.plusDays(4));
        assertThat(first.countedFrom()).isEqualTo(day0.minusDays(3));
        assertThat(first.grid().value()).isEqualTo(grid);
        assertThat(first.gridChiefs()).containsExactly(
                jdbc.sql("SELECT id FROM staff WHERE username = 'officer2'").query(UUID.class).single());

        clock.advance(Duration.ofHours(1));
        sweep.sweep(grid);
        clock.advance(Duration.ofDays(3));
        sweep.sweep(grid);
        assertThat(eventsOf(person)).as("still the same overdue period").hasSize(1);

        // a visit starts a new period; it falls overdue a week and a day later
        visit(person, grid, OffsetDateTime.now(clock));
        LocalDate visited = LocalDate.now(clock);
        clock.advance(Duration.ofDays(7));
        sweep.sweep(grid);
        assertThat(eventsOf(person)).hasSize(1);
        clock.advance(Duration.ofDays(1));
        sweep.sweep(grid);
        assertThat(eventsOf(person)).hasSize(2);
        assertThat(eventsOf(person).get(1).countedFrom()).isEqualTo(visited);
        assertThat(eventsOf(person).get(1).dueOn()).isEqualTo(visited.plusWeeks(1));

        // a second instance sweeping the same day finds the period noted and stays silent
        List<KeyPersonVisitOverdue> other = new ArrayList<>();
        new OverdueSweep(keyPersons, e -> other.add((KeyPersonVisitOverdue) e), clock, properties).sweep(grid);
        assertThat(other.stream().filter(e -> e.person().value().equals(person))).isEmpty();

        assertThat(eventsOf(trusted))
                .as("a household marked trusted does not exempt its key person: one notice for his one overdue period")
                .hasSize(1);
    }
}
