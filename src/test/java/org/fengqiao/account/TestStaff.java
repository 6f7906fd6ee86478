package org.fengqiao.account;

import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;

/**
 * People the account tests create for themselves, so that locking, disabling or changing a
 * password never touches the demo users other tests sign in as.
 */
public final class TestStaff {

    /** 房山中心警务室, the rural central office where the demo officer sits. */
    public static final String RURAL_OFFICE = "320722010100";
    public static final String PASSWORD = "Qiao-Test-2026";

    private TestStaff() {
    }

    public static String uniqueUsername(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static Staff officerWithSignIn(StaffDirectory directory, Jurisdictions jurisdictions, String username) {
        var unit = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
        return directory.register(unit.id(), StaffRole.COMMUNITY_OFFICER, "测试民警" + username.substring(username.length() - 4),
                null, "13900000000", "社区民警", username, PASSWORD);
    }

    /** A volunteer of the rural office who signs in as {@code username}, named {@code name} and its last 4 letters. */
    public static Staff volunteerWithSignIn(StaffDirectory directory, Jurisdictions jurisdictions, String username,
            String name) {
        var unit = jurisdictions.unitByCode(RURAL_OFFICE).orElseThrow();
        return directory.register(unit.id(), StaffRole.VOLUNTEER, name + username.substring(username.length() - 4),
                null, null, "平安志愿者", username, PASSWORD);
    }
}
