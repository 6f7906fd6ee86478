package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.junit.jupiter.api.Test;

class StaffPhoneMaskingTests {

    private final UUID viewer = UUID.randomUUID();
    private final UUID subject = UUID.randomUUID();

    @Test
    void masksAMobileNumberKeepingTheFirstThreeAndLastFourDigits() {
        assertThat(PhoneDisclosure.mask("13805180001")).isEqualTo("138****0001");
        assertThat(PhoneDisclosure.mask("123")).isEqualTo("***");
        assertThat(PhoneDisclosure.mask(null)).isNull();
    }

    @Test
    void showsThePhoneInFullToThePersonThemselfAndTheirChiefs() {
        assertThat(PhoneDisclosure.inFull(subject, StaffRole.VOLUNTEER, subject)).isTrue();
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.STATION_CHIEF, subject)).isTrue();
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.BUREAU_COMMAND, subject)).isTrue();
    }

    @Test
    void masksThePhoneForRolesThatDoNotNeedIt() {
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.COMMUNITY_OFFICER, subject)).isFalse();
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.SYSTEM_ADMIN, subject)).isFalse();
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.INSPECTOR, subject)).isFalse();
        // he gives sign-ins and roles; none of that needs a person's phone
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.SECURITY_ADMIN, subject)).isFalse();
        assertThat(PhoneDisclosure.inFull(viewer, StaffRole.AUDIT_ADMIN, subject)).isFalse();
    }
}
