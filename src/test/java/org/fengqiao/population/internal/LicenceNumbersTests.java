package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LicenceNumbersTests {

    @Test
    void acceptsAUnifiedSocialCreditCodeWithItsCheckCharacter() {
        assertThat(LicenceNumbers.normalised("91350100M000100Y43")).isEqualTo("91350100M000100Y43");
        assertThat(LicenceNumbers.normalised(" 91350100m000100y43 ")).isEqualTo("91350100M000100Y43");
        assertThat(LicenceNumbers.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void refusesAWrongCheckCharacterLettersOutsideTheAlphabetAndOtherLengths() {
        assertThat(LicenceNumbers.normalised("91350100M000100Y44")).isNull();
        assertThat(LicenceNumbers.normalised("91350100M000100I43")).isNull();
        assertThat(LicenceNumbers.normalised("9135010")).isNull();
    }

    @Test
    void acceptsAnOldFifteenDigitRegistrationNumber() {
        assertThat(LicenceNumbers.normalised("320722000012345")).isEqualTo("320722000012345");
    }
}
