package org.fengqiao.jurisdiction.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/communities")
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@Tag(name = "Jurisdiction: communities and villages")
class CommunityController {

    private final Communities communities;
    private final Grids grids;
    private final Jurisdictions jurisdictions;

    CommunityController(Communities communities, Grids grids, Jurisdictions jurisdictions) {
        this.communities = communities;
        this.grids = grids;
        this.jurisdictions = jurisdictions;
    }

    record NewUnit(UUID unitId) {
    }

    record CommunityDetail(Views.CommunityView community, List<Views.GridSummary> grids) {
    }

    @GetMapping
    @Operation(summary = "The communities and villages the caller sees")
    List<Views.CommunityView> list() {
        return communities.visible(Callers.require()).stream().map(Views.CommunityView::of).toList();
    }

    @PutMapping("/{id}/unit")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Hand a community (village) to another unit the caller sees, with its grids and their records",
            description = "Its grids, addresses, persons and open items are seen from the new unit's chain from then on,"
                    + " and no longer from the old one's; the work points of its grids move along; its officer and"
                    + " auxiliary members are cleared for the new office to name. 404 for a community outside the"
                    + " caller's subtree; 400 for a unit outside it, retired, or not a central office or workstation;"
                    + " 409 while a work point of its grids serves another village too, or a police district of a unit"
                    + " the new one is not under takes it in (named, with its unit: take the village out of it on"
                    + " /groupings or PUT /api/v1/groupings/{id}/communities). An open item its owning unit or person"
                    + " would no longer see is carried to the new unit's duty person (or the first unit above with one),"
                    + " with a HANDED_OVER step; 409 when nobody at or above the new unit can own it. An open item"
                    + " whose owning unit went along (a grid's work point) stays its owner's, with a HANDED_OVER step"
                    + " naming the unit it is under now.")
    Views.CommunityView move(@PathVariable UUID id, @RequestBody NewUnit body) {
        return Views.CommunityView.of(jurisdictions.moveCommunity(new CommunityId(id),
                body == null || body.unitId() == null ? null : new UnitId(body.unitId()), Callers.require()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A community with its responsible officer, auxiliary members and grids")
    CommunityDetail one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        Community c = communities.findVisible(new CommunityId(id), caller).orElseThrow(() -> new NotFound("community", id));
        return new CommunityDetail(Views.CommunityView.of(c),
                grids.visible(caller, null, id, 10_000, 0).stream().map(Views.GridSummary::of).toList());
    }
}
