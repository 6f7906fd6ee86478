package org.fengqiao.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fengqiao.demo.DemoResidents.Home;
import org.fengqiao.demo.DemoResidents.Member;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Sex;
import org.fengqiao.population.TestIdentityNumbers;
import org.junit.jupiter.api.Test;

/**
 * The suite's own identity numbers never meet a demo resident's: a test registering a child of its own is never
 * refused with 409 "该身份证号已登记" because the demo happened to draw the same number.
 */
class TestIdentityNumbersTests {

    @Test
    void aLargeRunOfChildrensNumbersIsDistinctUnderSixteenAndOnDaysTheDemoNeverGives() {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        Set<String> children = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            Sex sex = i % 3 == 0 ? Sex.MALE : Sex.FEMALE;
            String number = TestIdentityNumbers.child(sex);
            assertThat(children.add(number)).as("repeated: %s", number).isTrue();
            IdentityNumber parsed = IdentityNumber.parse(number, today);
            assertThat(parsed.divisionCode()).isEqualTo("320722");
            assertThat(parsed.sex()).isEqualTo(sex);
            assertThat(Period.between(parsed.birthDate(), today).getYears()).as(number).isBetween(8, 12);
            assertThat(DemoResidents.couldBeATestNumber(parsed.birthDate())).as(number).isTrue();
        }
        for (int i = 0; i < 20_000; i++) {
            String adult = TestIdentityNumbers.next(i % 2 == 0 ? Sex.MALE : Sex.FEMALE);
            assertThat(children.contains(adult)).as(adult).isFalse();
        }
    }

    /** This year's demo, and next year's, against the children's numbers of the days they fall on. */
    @Test
    void theDemoGivesNoResidentAChildsTestNumber() {
        Set<String> children = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            children.add(TestIdentityNumbers.child(i % 2 == 0 ? Sex.MALE : Sex.FEMALE));
        }
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        for (LocalDate asOf : List.of(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1))) {
            DemoResidents residents = new DemoResidents(DemoDistrict.SEED + 100, asOf);
            List<Home> homes = DemoPopulationGeneratorTests.villages(residents);
            for (int i = 0; i < 400; i++) {
                homes.add(residents.flat(i % 5, i % 7 == 0));
            }
            long born = 0;
            for (Home home : homes) {
                for (Member m : home.members) {
                    assertThat(DemoResidents.couldBeATestNumber(m.birth)).as(m.idNumber).isFalse();
                    assertThat(children.contains(m.idNumber)).as(m.idNumber).isFalse();
                    born += m.birth.getYear() >= year - 12 && m.birth.getYear() <= year - 9 ? 1 : 0;
                }
            }
            assertThat(born).as("the demo has children of the test children's years").isGreaterThan(500);
        }
    }
}
