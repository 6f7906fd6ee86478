package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackingCodesTests {

    @Test
    void aNewCodeIsFqAndTenCharactersNoneOfThemOneReadForAnother() {
        for (int k = 0; k < 200; k++) {
            String code = TrackingCodes.next();
            assertThat(code).matches("FQ[2-9A-HJKMNP-Z]{10}");
            assertThat(TrackingCodes.fault(code)).isEmpty();
        }
    }

    @Test
    void aCodeTypedInGroupsInLowerCaseOrWithoutItsFqIsTheCodeMeant() {
        assertThat(TrackingCodes.normalized(" fq-xc3h mqme pg ")).isEqualTo("FQXC3HMQMEPG");
        assertThat(TrackingCodes.normalized("xc3hmqmepg")).isEqualTo("FQXC3HMQMEPG");
        // ten characters that begin with FQ are a code two short, not one whose random part begins with FQ
        assertThat(TrackingCodes.normalized("FQXC3HMQME")).isEqualTo("FQXC3HMQME");
        assertThat(TrackingCodes.normalized("查询码")).isEmpty();
    }

    @Test
    void aMistypedCodeSaysWhatIsWrongWithIt() {
        assertThat(TrackingCodes.fault("FQXC3HMQMEP")).contains(new TrackingCodes.WrongLength(11));
        assertThat(TrackingCodes.fault("FQXC3HMQMEPGG")).contains(new TrackingCodes.WrongLength(13));
        assertThat(TrackingCodes.fault("FOXC3HMQMEPG")).contains(new TrackingCodes.WrongStart());
        // each character no code has, once, in the order typed
        assertThat(TrackingCodes.fault("FQXC3HM0MO0I")).contains(new TrackingCodes.NotInCodes("0OI"));
        assertThat(TrackingCodes.fault("FQXC3HMQMEPG")).isEmpty();
    }
}
