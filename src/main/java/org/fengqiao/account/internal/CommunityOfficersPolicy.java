package org.fengqiao.account.internal;

import java.util.Optional;
import java.util.Set;
import org.fengqiao.account.StaffRole;

/**
 * Who may answer for a village or community (一村一警, 一警两员; seed 004): a police officer as the
 * responsible officer, and for the two auxiliary members — the patrol member (巡防队员) and the
 * public-security member (治保人员) — people who work in the grid under him. Each decision is the
 * message key of the reason it is refused, or empty when accepted.
 */
public final class CommunityOfficersPolicy {

    static final Set<StaffRole> OFFICERS = Set.of(StaffRole.COMMUNITY_OFFICER, StaffRole.STATION_CHIEF);
    static final Set<StaffRole> MEMBERS = Set.of(StaffRole.AUXILIARY_POLICE, StaffRole.GRID_MEMBER, StaffRole.VOLUNTEER,
            StaffRole.SECURITY_GUARD, StaffRole.GRID_COORDINATOR);

    private CommunityOfficersPolicy() {
    }

    public static Optional<String> officer(StaffRole role) {
        return OFFICERS.contains(role) ? Optional.empty() : Optional.of("account.community.officerRole");
    }

    public static Optional<String> member(StaffRole role) {
        return MEMBERS.contains(role) ? Optional.empty() : Optional.of("account.community.memberRole");
    }
}
