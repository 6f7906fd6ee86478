package org.fengqiao.jurisdiction;

import java.util.UUID;

/**
 * A community or administrative village, the unit that answers for it and its responsible officer
 * with his two auxiliary members (一村一警, 一警两员). The staff ids belong to the account module.
 */
public record Community(CommunityId id, UnitId unitId, CommunityKind kind, String code, String name,
        String divisionCode, UUID officerId, UUID patrolMemberId, UUID securityMemberId,
        Integer households, Integer population) {
}
