package org.fengqiao.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.figures.internal.WorkFigures;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.PeriodFigures.Period;
import org.fengqiao.population.internal.Housing;
import org.fengqiao.population.internal.PersonCategories;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A station chief reads last month's work figures again and finds them as they were: a household handed a contact
 * card (警民联系卡) in October and again in November is counted in both months, not moved to November; a key person
 * visited in October who stopped being one in December stays among October's key persons visited.
 */
class PastFiguresStayIntegrationTests extends IntegrationTest {

    static final Period OCTOBER = new Period(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 31));
    static final Period NOVEMBER = new Period(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 30));

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    WorkFigures figures;
    @Autowired
    Housing housing;
    @Autowired
    PersonCategories categories;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aMonthsFiguresStayWhatTheyWereWhenACardIsHandedAgainOrAKeyPersonStopsBeingOne() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Unit station = jurisdictions.unitByCode("320722010000").orElseThrow();
        Unit office = jurisdictions.createUnit(station.id(), UnitKind.WORKSTATION, "PAST-" + n, "往月工作站" + n, null);
        Grid grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, office, "IT-PAST-" + n, "往月", 114);
        Staff officer = staff.register(office.id(), StaffRole.COMMUNITY_OFFICER, "往月民警" + n, null, null, "社区民警",
                "pastofficer" + n, DEMO_PASSWORD);
        Caller chief = new Caller(null, "chief", "所长", "STATION_CHIEF", List.of(office.path()), Set.of());

        UUID household = UUID.randomUUID();
        jdbc.sql("INSERT INTO household (id, grid_id, created_at) VALUES (?, ?, ?)")
                .params(household, grid.id().value(), at(LocalDate.of(2025, 9, 1))).update();
        housing.contactCard(household, LocalDate.of(2025, 10, 10), null, chief);
        UUID keyPerson = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO person (id, grid_id, household_id, name, name_initials, name_pinyin, residence,
                    content_hash, created_at)
                VALUES (?, ?, ?, '往月人', 'wyr', 'wangyueren', 'PERMANENT', ?, ?)""")
                .params(keyPerson, grid.id().value(), household, keyPerson.toString(), at(LocalDate.of(2025, 9, 1)))
                .update();
        jdbc.sql("""
                INSERT INTO person_category (person_id, category, subtype, since) VALUES (?, 'KEY_PERSON', 'DRUG', ?)""")
                .params(keyPerson, LocalDate.of(2025, 9, 15)).update();
        UUID visit = UUID.randomUUID();
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, ?, ?, ?)")
                .params(visit, grid.id().value(), household, officer.id().value(), at(LocalDate.of(2025, 10, 20)))
                .update();
        jdbc.sql("INSERT INTO visit_person (visit_id, person_id, state) VALUES (?, ?, 'STABLE')")
                .params(visit, keyPerson).update();

        Map<String, Long> october = counts(chief, office, OCTOBER);
        assertThat(october).containsEntry("contactCards", 1L).containsEntry("keyPersonsVisited", 1L);

        // a card handed again in November; the person no longer a key person (the person form's way)
        housing.contactCard(household, LocalDate.of(2025, 11, 20), null, chief);
        new TransactionTemplate(transactions).executeWithoutResult(status -> categories.apply(
                List.of(new PersonCategories.Change(keyPerson, List.of("KEY_PERSON:DRUG"), List.of())), null));
        assertThat(jdbc.sql("SELECT count(*) FROM person_category WHERE person_id = ?").param(keyPerson)
                .query(Long.class).single()).isZero();

        assertThat(counts(chief, office, OCTOBER)).as("October as the chief read it before")
                .containsEntry("contactCards", 1L).containsEntry("keyPersonsVisited", 1L);
        assertThat(counts(chief, office, NOVEMBER)).as("November's card counted in November")
                .containsEntry("contactCards", 1L).containsEntry("keyPersonsVisited", 0L);
        assertThat(counts(chief, office, new Period(OCTOBER.first(), NOVEMBER.last())))
                .as("a household handed two cards is one household").containsEntry("contactCards", 1L);

        // a visit made after he stopped being one does not count him
        UUID later = UUID.randomUUID();
        jdbc.sql("INSERT INTO visit (id, grid_id, household_id, visited_by, visited_at) VALUES (?, ?, ?, ?, ?)")
                .params(later, grid.id().value(), household, officer.id().value(), OffsetDateTime.now().plusSeconds(1))
                .update();
        jdbc.sql("INSERT INTO visit_person (visit_id, person_id, state) VALUES (?, ?, 'STABLE')")
                .params(later, keyPerson).update();
        LocalDate today = LocalDate.now(PeriodFigures.ZONE);
        assertThat(counts(chief, office, new Period(today.minusDays(1), today.plusDays(1))))
                .containsEntry("keyPersonsVisited", 0L);
    }

    Map<String, Long> counts(Caller caller, Unit unit, Period period) {
        return figures.of(caller, unit.id().value(), period).sections().stream()
                .flatMap(s -> s.rows().stream()).filter(r -> r.count() != null)
                .collect(Collectors.toMap(WorkFigures.Row::key, WorkFigures.Row::count, (a, b) -> a));
    }

    static OffsetDateTime at(LocalDate day) {
        return day.atTime(10, 0).atZone(PeriodFigures.ZONE).toOffsetDateTime();
    }
}
