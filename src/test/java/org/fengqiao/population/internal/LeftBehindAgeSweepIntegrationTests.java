package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.population.LeftBehindChildTurned16;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The left-behind children's age sweep with a clock the test moves: nothing the day before a child turns 16; on his
 * birthday his category goes (his other categories stay), his care agreement in force ends that day with the reason
 * that he turned 16, the change is audited as the system and his grid's chief is told; a younger child is left alone;
 * his version is raised like any change of his record; a second run changes nothing more. Works in a grid of its own.
 */
class LeftBehindAgeSweepIntegrationTests extends IntegrationTest {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    MessageSource messages;
    @Autowired
    KeyPersons keyPersons;
    @Autowired
    CareProperties care;

    final List<Object> events = new ArrayList<>();
    UUID grid;
    Staff chief;

    @BeforeEach
    void grid() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "IT-LB-V-" + n,
                "满龄村" + n, null, null, null);
        double lon = 90 + new Random().nextInt(900) / 100.0;
        double lat = 20 + new Random().nextInt(900) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(
                lon, lat, lon + 0.004, lat, lon + 0.004, lat + 0.004, lon, lat + 0.004, lon, lat);
        Grid g = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-LB-G-" + n, "满龄网格" + n, square,
                null, null, null);
        grid = g.id().value();
        chief = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "满龄网格长" + n, null, null, "社区民警",
                "lbchief" + n, DEMO_PASSWORD);
        staff.assignGridRole(g.id(), chief.id(), GridRole.GRID_CHIEF, LocalDate.of(2024, 1, 1), null);
    }

    UUID child(String name, LocalDate born, String... categories) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, name, name_initials, name_pinyin, relation, residence, birth_date,
                                    content_hash)
                VALUES (?, ?, ?, 'x', 'x', 'GRANDCHILD', 'PERMANENT', ?, 'fixture')""")
                .params(id, grid, name, born).update();
        for (String c : categories) {
            jdbc.sql("INSERT INTO person_category (person_id, category) VALUES (?, ?)").params(id, c).update();
        }
        return id;
    }

    UUID agreement(UUID child, LocalDate signed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO care_agreement (id, person_id, signed_on, review_on, guardian_name)
                VALUES (?, ?, ?, ?, '外婆')""").params(id, child, signed, signed.plusMonths(6)).update();
        return id;
    }

    List<String> categories(UUID person) {
        return jdbc.sql("SELECT category FROM person_category WHERE person_id = ? ORDER BY category").param(person)
                .query(String.class).list();
    }

    String ended(UUID agreement) {
        return jdbc.sql("SELECT coalesce(ended_on::text, '-') || ' ' || coalesce(ended_reason, '-') FROM care_agreement WHERE id = ?")
                .param(agreement).query(String.class).single();
    }

    long version(UUID person) {
        return jdbc.sql("SELECT version FROM person WHERE id = ?").param(person).query(Long.class).single();
    }

    <T> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void theSweepRunsDailyUnderShedLock() throws NoSuchMethodException {
        var run = LeftBehindAgeSweep.class.getMethod("run");
        assertThat(run.getAnnotation(Scheduled.class).cron()).contains("fengqiao.care.age-sweep-cron");
        assertThat(run.getAnnotation(SchedulerLock.class).name()).isEqualTo("left-behind-age-sweep");
    }

    @Test
    void onTheDayAChildTurns16HisCategoryGoesHisAgreementEndsAndHisGridChiefIsToldOnce() {
        LocalDate day0 = LocalDate.now(LOCAL).plusDays(400);
        MovableClock clock = new MovableClock(day0.atTime(0, 10).atZone(LOCAL).toInstant(), LOCAL);
        PersonCategories categories = new PersonCategories(jdbc, clock, messages, events::add, keyPersons, care);
        LeftBehindAgeSweep sweep = new LeftBehindAgeSweep(jdbc, categories, events::add, clock);
        LocalDate birthday = day0.plusDays(2);
        UUID turning = child("满龄甲", birthday.minusYears(16), "LEFT_BEHIND_CHILD", "IN_DIFFICULTY");
        UUID agreement = agreement(turning, day0.minusMonths(3));
        UUID younger = child("满龄乙", day0.minusYears(10), "LEFT_BEHIND_CHILD");
        UUID youngerAgreement = agreement(younger, day0.minusMonths(3));

        assertThat(sweep.sweep(grid)).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(sweep.sweep(grid)).as("15 for one more day").isZero();
        assertThat(categories(turning)).containsExactly("IN_DIFFICULTY", "LEFT_BEHIND_CHILD");
        assertThat(events).isEmpty();

        long turningVersion = version(turning);
        long youngerVersion = version(younger);
        clock.advance(Duration.ofDays(1));
        assertThat(sweep.sweep(grid)).isEqualTo(1);
        assertThat(categories(turning)).as("his other categories stay").containsExactly("IN_DIFFICULTY");
        assertThat(version(turning)).as("a change of his record: a form opened before is stale").isGreaterThan(turningVersion);
        assertThat(version(younger)).isEqualTo(youngerVersion);
        long sweptVersion = version(turning);
        assertThat(ended(agreement)).isEqualTo(birthday + " TURNED_16");
        assertThat(categories(younger)).containsExactly("LEFT_BEHIND_CHILD");
        assertThat(ended(youngerAgreement)).isEqualTo("- -");

        List<LeftBehindChildTurned16> told = eventsOf(LeftBehindChildTurned16.class);
        assertThat(told).singleElement().satisfies(t -> {
            assertThat(t.person().value()).isEqualTo(turning);
            assertThat(t.name()).isEqualTo("满龄甲");
            assertThat(t.turned16On()).isEqualTo(birthday);
            assertThat(t.agreementEndedOn()).isEqualTo(birthday);
            assertThat(t.gridChiefs()).containsExactly(chief.id().value());
            assertThat(t.grid().value()).isEqualTo(grid);
        });
        List<Audited> audited = eventsOf(Audited.class);
        assertThat(audited).extracting(Audited::recordType).containsExactlyInAnyOrder("person", "care-agreement");
        assertThat(audited).allSatisfy(a -> {
            assertThat(a.action()).isEqualTo("UPDATE");
            assertThat(a.actor()).isEqualTo(SystemActor.SYSTEM);
        });
        assertThat(audited).filteredOn(a -> a.recordType().equals("care-agreement")).singleElement()
                .satisfies(a -> assertThat(a.recordId()).isEqualTo(agreement.toString())
                        .satisfies(id -> assertThat(a.after().toString()).contains("TURNED_16", birthday.toString())));

        // idempotent: the same day again, or the next, changes nothing more and tells nobody again
        int before = events.size();
        assertThat(sweep.sweep(grid)).isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(sweep.sweep(grid)).isZero();
        assertThat(events).hasSize(before);
        assertThat(ended(agreement)).isEqualTo(birthday + " TURNED_16");
        assertThat(version(turning)).isEqualTo(sweptVersion);
    }

    @Test
    void aDayTheSweepDidNotRunIsMadeUpTheNext() {
        LocalDate day0 = LocalDate.now(LOCAL).plusDays(400);
        MovableClock clock = new MovableClock(day0.atTime(9, 0).atZone(LOCAL).toInstant(), LOCAL);
        PersonCategories categories = new PersonCategories(jdbc, clock, messages, events::add, keyPersons, care);
        LeftBehindAgeSweep sweep = new LeftBehindAgeSweep(jdbc, categories, events::add, clock);
        UUID missed = child("满龄丙", day0.minusDays(1).minusYears(16), "LEFT_BEHIND_CHILD");
        UUID noAgreement = child("满龄丁", day0.minusYears(17), "LEFT_BEHIND_CHILD");

        assertThat(sweep.sweep(grid)).isEqualTo(2);
        assertThat(categories(missed)).isEmpty();
        assertThat(categories(noAgreement)).isEmpty();
        assertThat(eventsOf(LeftBehindChildTurned16.class)).extracting(t -> t.person().value(), t -> t.turned16On(),
                LeftBehindChildTurned16::agreementEndedOn)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(missed, day0.minusDays(1), null),
                        org.assertj.core.groups.Tuple.tuple(noAgreement, day0.minusYears(1), null));
    }
}
