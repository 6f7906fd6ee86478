package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fengqiao.demo.DemoResidents.Home;
import org.fengqiao.demo.DemoResidents.Mark;
import org.fengqiao.demo.DemoResidents.Member;
import org.fengqiao.population.Category;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.junit.jupiter.api.Test;

/** The demo population generator on its own: seed 002's totals, valid and unique numbers, the people to follow. */
class DemoPopulationGeneratorTests {

    static final LocalDate AS_OF = LocalDate.of(2026, 1, 1);
    static final int[] GRIDS = {15, 13, 12, 13, 12};

    static List<Home> villages(DemoResidents residents) {
        List<Home> all = new ArrayList<>();
        for (int v = 0; v < 5; v++) {
            all.addAll(residents.village(DemoDistrict.RURAL_SURNAMES[v], DemoDistrict.RURAL_HOUSEHOLDS[v],
                    DemoDistrict.RURAL_POPULATION[v], GRIDS[v]));
        }
        residents.follow(all);
        return all;
    }

    @Test
    void eachVillageGetsExactlyItsStoredHouseholdsAndPeopleSpreadOverAllItsGrids() {
        DemoResidents residents = new DemoResidents(7, AS_OF);
        for (int v = 0; v < 5; v++) {
            List<Home> homes = residents.village(DemoDistrict.RURAL_SURNAMES[v], DemoDistrict.RURAL_HOUSEHOLDS[v],
                    DemoDistrict.RURAL_POPULATION[v], GRIDS[v]);
            assertThat(homes).hasSize(DemoDistrict.RURAL_HOUSEHOLDS[v]);
            assertThat(homes.stream().mapToInt(h -> h.members.size()).sum()).isEqualTo(DemoDistrict.RURAL_POPULATION[v]);
            assertThat(homes.stream().map(h -> h.grid).distinct().count()).isEqualTo(GRIDS[v]);
            assertThat(homes).allSatisfy(h -> assertThat(h.members.size()).isBetween(1, 8));
        }
    }

    @Test
    void everyNumberIsValidUniqueAndAgreesWithSexAndBirthDateAndNoneIsATestNumber() {
        DemoResidents residents = new DemoResidents(DemoDistrict.SEED + 100, AS_OF);
        List<Home> homes = villages(residents);
        for (int i = 0; i < 400; i++) {
            homes.add(residents.flat(i % 5, i % 7 == 0));
        }
        Set<String> numbers = new HashSet<>();
        Set<String> phones = new HashSet<>();
        int people = 0;
        for (Home home : homes) {
            for (Member m : home.members) {
                people++;
                IdentityNumber number = IdentityNumber.parse(m.idNumber, AS_OF);
                assertThat(number.divisionCode()).isEqualTo("320722");
                assertThat(number.sex()).isEqualTo(m.sex);
                assertThat(number.birthDate()).isEqualTo(m.birth);
                assertThat(DemoResidents.couldBeATestNumber(m.birth)).isFalse();
                assertThat(numbers.add(m.idNumber)).as(m.idNumber).isTrue();
                if (residents.ageOf(m) >= 18) {
                    assertThat(m.phone).matches("1[3-9][0-9]{9}").doesNotStartWith("138").doesNotStartWith("139");
                    assertThat(phones.add(m.phone)).as(m.phone).isTrue();
                } else {
                    assertThat(m.phone).isNull();
                }
                if (m.residence == Residence.FLOATING) {
                    assertThat(m.registeredOn).isBetween(AS_OF.minusYears(2), AS_OF);
                }
            }
        }
        assertThat(people).isGreaterThan(21295);
    }

    @Test
    void householdsArePlausibleFamilies() {
        DemoResidents residents = new DemoResidents(DemoDistrict.SEED + 100, AS_OF);
        for (Home home : villages(residents)) {
            Member head = home.head();
            assertThat(head.relation).isEqualTo(Relation.HEAD);
            assertThat(residents.ageOf(head)).isBetween(25, 80);
            for (Member m : home.members) {
                if (m.relation == Relation.CHILD) {
                    assertThat(residents.ageOf(head) - residents.ageOf(m)).as("a parent's age over a child's").isGreaterThanOrEqualTo(20);
                }
                if (m.relation == Relation.GRANDCHILD || m.relation == Relation.PARENT) {
                    assertThat(Math.abs(residents.ageOf(head) - residents.ageOf(m))).isGreaterThanOrEqualTo(20);
                }
            }
            assertThat(home.members.stream().filter(m -> m.relation == Relation.HEAD)).hasSize(1);
            assertThat(home.members.stream().filter(m -> m.relation == Relation.SPOUSE).count()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void followsSeed002sKeyPersonsAndLeftBehindChildrenWithTheirParentsAway() {
        DemoResidents residents = new DemoResidents(DemoDistrict.SEED + 100, AS_OF);
        List<Home> homes = villages(residents);
        Map<KeyPersonType, Integer> keyPersons = new EnumMap<>(KeyPersonType.class);
        int children = 0;
        int elderlyAlone = 0;
        int floating = 0;
        int people = 0;
        for (Home home : homes) {
            boolean hasLeftBehind = false;
            for (Member m : home.members) {
                people++;
                floating += m.residence == Residence.FLOATING ? 1 : 0;
                for (Mark mark : m.marks) {
                    if (mark.category() == Category.KEY_PERSON) {
                        keyPersons.merge(mark.subtype(), 1, Integer::sum);
                        assertThat(mark.risk()).isNotNull();
                        assertThat(residents.ageOf(m)).isBetween(18, 65);
                    } else if (mark.category() == Category.LEFT_BEHIND_CHILD) {
                        children++;
                        hasLeftBehind = true;
                        assertThat(residents.ageOf(m)).isBetween(3, 15);
                    } else if (mark.category() == Category.ELDERLY_ALONE) {
                        elderlyAlone++;
                        assertThat(home.members).hasSize(1);
                        assertThat(residents.ageOf(m)).isGreaterThanOrEqualTo(70);
                    }
                }
            }
            if (hasLeftBehind) {
                assertThat(home.members.stream().filter(m -> m.relation == Relation.CHILD_IN_LAW
                        || m == home.members.get(2)).map(m -> m.residence)).containsOnly(Residence.LEFT);
                assertThat(home.members.stream().filter(m -> m.relation == Relation.HEAD || m.relation == Relation.SPOUSE)
                        .map(m -> m.residence)).containsOnly(Residence.PERMANENT);
            }
        }
        assertThat(keyPersons).containsExactlyInAnyOrderEntriesOf(Map.of(KeyPersonType.DRUG, 20, KeyPersonType.MENTAL, 6,
                KeyPersonType.STABILITY, 3, KeyPersonType.EX_OFFENDER, 36, KeyPersonType.OTHER, 24));
        assertThat(children).isEqualTo(209);
        assertThat(elderlyAlone).isGreaterThan(100);
        assertThat(floating * 100.0 / people).isBetween(2.0, 4.5);
        long trusted = homes.stream().filter(h -> h.trusted).count();
        assertThat(trusted * 100.0 / homes.size()).isBetween(25.0, 35.0);
        assertThat(homes.stream().filter(h -> h.inDifficulty).count()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameDistrict() {
        List<Home> first = villages(new DemoResidents(DemoDistrict.SEED + 100, AS_OF));
        List<Home> second = villages(new DemoResidents(DemoDistrict.SEED + 100, AS_OF));
        assertThat(second.stream().flatMap(h -> h.members.stream()).map(m -> m.name + m.idNumber + m.phone + m.marks).toList())
                .isEqualTo(first.stream().flatMap(h -> h.members.stream()).map(m -> m.name + m.idNumber + m.phone + m.marks).toList());
    }
}
