package org.fengqiao.account.internal;

import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.StaffRole;

/**
 * A phone number is personal data. In lists it is always masked (138****0001); on a person's own
 * page it is shown in full to the person themself and to the station chief and bureau command who
 * answer for them (scope already guarantees the person sits under the viewer). Everyone else sees it
 * masked, the security administrator too: he gives sign-ins and roles, which need no phone number, and
 * a person who forgot his password is reached through his unit's chief.
 */
public final class PhoneDisclosure {

    private static final Set<StaffRole> SEE_IN_FULL = Set.of(StaffRole.STATION_CHIEF, StaffRole.BUREAU_COMMAND);

    private PhoneDisclosure() {
    }

    public static boolean inFull(UUID viewer, StaffRole viewerRole, UUID subject) {
        return viewer.equals(subject) || SEE_IN_FULL.contains(viewerRole);
    }

    /** Keeps the first three and the last four digits, the usual mask for Chinese mobile numbers. */
    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        if (phone.length() <= 7) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
