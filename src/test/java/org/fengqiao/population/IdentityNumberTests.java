package org.fengqiao.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

class IdentityNumberTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @Test
    void acceptsAnEighteenDigitNumberWithTheRightCheckCharacter() {
        IdentityNumber id = IdentityNumber.parse("11010519491231002X", TODAY);

        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(Sex.FEMALE);
        assertThat(id.divisionCode()).isEqualTo("110105");
    }

    @Test
    void trimsBlanksAndReadsALowerCaseXAsTheCheckCharacter() {
        assertThat(IdentityNumber.parse("  11010519491231002x \t", TODAY).value()).isEqualTo("11010519491231002X");
    }

    @Test
    void convertsAFifteenDigitNumberByAddingTheCenturyAndComputingTheCheckCharacter() {
        IdentityNumber id = IdentityNumber.parse("110105491231002", TODAY);

        assertThat(id.value()).isEqualTo("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    }

    @Test
    void readsTheSexFromTheSeventeenthDigitOddForMen() {
        assertThat(IdentityNumber.parse("320722199003072811", TODAY).sex()).isEqualTo(Sex.MALE);
        assertThat(IdentityNumber.parse("11010519491231002X", TODAY).sex()).isEqualTo(Sex.FEMALE);
    }

    @Test
    void refusesAWrongCheckCharacterNamingTheExpectedOne() {
        Invalid invalid = refused("110105194912310021");

        assertThat(invalid.problems().get(0).key()).isEqualTo("population.idNumber.checkDigit");
        assertThat(invalid.problems().get(0).args()).containsExactly("X");
        assertThat(invalid.problems().get(0).field()).isEqualTo("idNumber");
    }

    @Test
    void refusesEveryLengthButFifteenAndEighteen() {
        assertThat(keyOf("")).isEqualTo("population.idNumber.length");
        assertThat(keyOf(null)).isEqualTo("population.idNumber.length");
        assertThat(keyOf("11010519491231002")).isEqualTo("population.idNumber.length");
        assertThat(keyOf("11010519491231002X1")).isEqualTo("population.idNumber.length");
    }

    @Test
    void refusesLettersOtherThanAFinalX() {
        assertThat(keyOf("1101051949123100XX")).isEqualTo("population.idNumber.characters");
        assertThat(keyOf("11010519491231002Y")).isEqualTo("population.idNumber.characters");
        assertThat(keyOf("11010549123100A")).isEqualTo("population.idNumber.characters");
        assertThat(keyOf("１１０１０５１９４９１２３１００２Ｘ")).isEqualTo("population.idNumber.characters");
    }

    @Test
    void refusesADateThatIsNotOnTheCalendar() {
        assertThat(keyOf(withCheck("11010519900230001"))).isEqualTo("population.idNumber.birthDate");
        assertThat(keyOf(withCheck("11010519901301001"))).isEqualTo("population.idNumber.birthDate");
        assertThat(keyOf(withCheck("11010519010229001"))).isEqualTo("population.idNumber.birthDate");
    }

    @Test
    void acceptsTheTwentyNinthOfFebruaryInALeapYear() {
        assertThatNoException().isThrownBy(() -> IdentityNumber.parse(withCheck("11010520000229001"), TODAY));
    }

    @Test
    void refusesABirthBefore1900() {
        assertThat(keyOf("440524188001010014")).isEqualTo("population.idNumber.birthDate");
        assertThatNoException().isThrownBy(() -> IdentityNumber.parse(withCheck("44052419000101001"), TODAY));
    }

    @Test
    void refusesABirthDateAfterToday() {
        assertThat(keyOf(withCheck("11010520260302001"))).isEqualTo("population.idNumber.future");
        assertThatNoException().isThrownBy(() -> IdentityNumber.parse(withCheck("11010520260301001"), TODAY));
    }

    @Test
    void refusesADivisionCodeOutsideTheProvincesOfGbt2260() {
        assertThat(keyOf(withCheck("99010519900101001"))).isEqualTo("population.idNumber.region");
        assertThat(keyOf(withCheck("16010519900101001"))).isEqualTo("population.idNumber.region");
        assertThat(keyOf(withCheck("00010519900101001"))).isEqualTo("population.idNumber.region");
        assertThatNoException().isThrownBy(() -> IdentityNumber.parse(withCheck("82000019900101001"), TODAY));
        assertThatNoException().isThrownBy(() -> IdentityNumber.parse(withCheck("65010219900101001"), TODAY));
    }

    @Test
    void tellsValidFromInvalidWithoutThrowing() {
        assertThat(IdentityNumber.isValid("11010519491231002X")).isTrue();
        assertThat(IdentityNumber.isValid("110105194912310021")).isFalse();
        assertThat(IdentityNumber.isValid("not a number")).isFalse();
    }

    @Test
    void masksTheBirthDateAndSequenceKeepingDivisionAndLastFour() {
        IdentityNumber id = IdentityNumber.parse("11010519491231002X", TODAY);

        assertThat(id.masked()).isEqualTo("110105********002X");
        assertThat(id.toString()).isEqualTo("110105********002X");
        assertThat(id.last4()).isEqualTo("002X");
        assertThat(id.last6()).isEqualTo("31002X");
    }

    @Test
    void countsTheAgeInCompletedYears() {
        IdentityNumber id = IdentityNumber.parse("320722199003072811", TODAY);

        assertThat(id.ageOn(LocalDate.of(2026, 3, 6))).isEqualTo(35);
        assertThat(id.ageOn(LocalDate.of(2026, 3, 7))).isEqualTo(36);
    }

    @Test
    void acceptsEnteredBirthDateAndSexThatAgreeOrWereLeftOut() {
        IdentityNumber id = IdentityNumber.parse("320722199003072811", TODAY);

        assertThatNoException().isThrownBy(() -> IdentityNumber.checkAgainst(id, LocalDate.of(1990, 3, 7), Sex.MALE));
        assertThatNoException().isThrownBy(() -> IdentityNumber.checkAgainst(id, null, null));
    }

    @Test
    void refusesAnEnteredBirthDateThatDisagreesWithTheNumber() {
        IdentityNumber id = IdentityNumber.parse("320722199003072811", TODAY);

        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> IdentityNumber.checkAgainst(id, LocalDate.of(1990, 7, 3), null));

        assertThat(invalid.problems().get(0).key()).isEqualTo("population.idNumber.birthDateMismatch");
    }

    @Test
    void refusesAnEnteredSexThatDisagreesWithTheNumber() {
        IdentityNumber id = IdentityNumber.parse("320722199003072811", TODAY);

        Invalid invalid = catchThrowableOfType(Invalid.class,
                () -> IdentityNumber.checkAgainst(id, null, Sex.FEMALE));

        assertThat(invalid.problems().get(0).key()).isEqualTo("population.idNumber.sexMismatch");
    }

    private static String withCheck(String first17) {
        return first17 + IdentityNumber.checkCharacter(first17);
    }

    private static Invalid refused(String raw) {
        Invalid invalid = catchThrowableOfType(Invalid.class, () -> IdentityNumber.parse(raw, TODAY));
        assertThat(invalid).as("%s should be refused", raw).isNotNull();
        return invalid;
    }

    private static String keyOf(String raw) {
        return refused(raw).problems().get(0).key();
    }
}
