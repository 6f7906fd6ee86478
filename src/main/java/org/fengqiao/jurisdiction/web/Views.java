package org.fengqiao.jurisdiction.web;

import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.internal.Grids;

/** JSON shapes shared by the jurisdiction endpoints. */
final class Views {

    private Views() {
    }

    record CommunityView(UUID id, UUID unitId, CommunityKind kind, String code, String name, String divisionCode,
            UUID officerId, UUID patrolMemberId, UUID securityMemberId, Integer households, Integer population) {
        static CommunityView of(Community c) {
            return new CommunityView(c.id().value(), c.unitId().value(), c.kind(), c.code(), c.name(), c.divisionCode(),
                    c.officerId(), c.patrolMemberId(), c.securityMemberId(), c.households(), c.population());
        }
    }

    record GridSummary(UUID id, GridNetwork network, String code, String name, UUID communityId, String communityName,
            double areaSquareMetres, String comprehensiveCode, String urbanCode, String civilizationCode) {
        static GridSummary of(Grids.Detail d) {
            return new GridSummary(d.id(), d.network(), d.code(), d.name(), d.communityId(), d.communityName(),
                    Math.round(d.areaSquareMetres() * 10) / 10.0, d.comprehensiveCode(), d.urbanCode(),
                    d.civilizationCode());
        }
    }
}
