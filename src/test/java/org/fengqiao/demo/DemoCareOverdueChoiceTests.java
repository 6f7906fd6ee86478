package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.population.CareLoader.Subject;
import org.fengqiao.population.HouseholdId;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.PersonId;
import org.fengqiao.population.Risk;
import org.junit.jupiter.api.Test;

/**
 * The demo's overdue key persons must come out overdue whatever order their random ids put them in:
 * never one whose household another key person shares (that person's recent visits are the
 * household's too), never one designated after the demo's last visit to him (his rhythm counts from
 * the designation).
 */
class DemoCareOverdueChoiceTests {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 3);
    static final GridId GRID = new GridId(UUID.randomUUID());

    static Subject subject(HouseholdId household, Risk risk, LocalDate since) {
        return new Subject(new PersonId(UUID.randomUUID()), "甲", null, GRID, household, KeyPersonType.DRUG, risk, since,
                new ArrayList<>());
    }

    @Test
    void theOverduePersonsLiveAloneAmongKeyPersonsAndWereDesignatedBeforeTheirLastVisit() {
        List<Subject> persons = new ArrayList<>();
        HouseholdId shared = new HouseholdId(UUID.randomUUID());
        for (int i = 0; i < 89; i++) {
            // every other person shares one household; every third was designated five weeks ago at a monthly rhythm
            HouseholdId household = i % 2 == 0 ? shared : new HouseholdId(UUID.randomUUID());
            LocalDate since = i % 3 == 0 ? TODAY.minusWeeks(5) : TODAY.minusYears(2);
            persons.add(subject(household, Risk.LOW, since));
        }
        Set<Integer> chosen = DemoCare.overdueChoice(persons, TODAY);
        assertThat(chosen).hasSize(DemoCare.OVERDUE);
        assertThat(chosen).allSatisfy(i -> {
            assertThat(persons.get(i).household()).isNotEqualTo(shared);
            assertThat(persons.get(i).since()).isEqualTo(TODAY.minusYears(2));
        });
        // spread over the list, not the first six that qualify
        assertThat(chosen.stream().mapToInt(Integer::intValue).max().getAsInt()).isGreaterThan(60);
    }
}
