package org.fengqiao.jurisdiction.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/communities")
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@Tag(name = "Jurisdiction: communities and villages")
class CommunityController {

    private final Communities communities;
    private final Grids grids;

    CommunityController(Communities communities, Grids grids) {
        this.communities = communities;
        this.grids = grids;
    }

    record CommunityDetail(Views.CommunityView community, List<Views.GridSummary> grids) {
    }

    @GetMapping
    @Operation(summary = "The communities and villages the caller sees")
    List<Views.CommunityView> list() {
        return communities.visible(Callers.require()).stream().map(Views.CommunityView::of).toList();
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
