package org.fengqiao.jurisdiction.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GroupingId;
import org.fengqiao.jurisdiction.GroupingKind;
import org.fengqiao.jurisdiction.internal.Groupings;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groupings")
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@Tag(name = "Jurisdiction: police districts, cooperation zones, joint-patrol zones")
class GroupingController {

    private final Groupings groupings;

    GroupingController(Groupings groupings) {
        this.groupings = groupings;
    }

    record GroupingView(UUID id, GroupingKind kind, String code, String name, UUID unitId, String unitName, String note,
            List<Groupings.Member> communities) {
    }

    @GetMapping
    @Operation(summary = "The groupings run by units the caller sees, with the member communities the caller sees")
    List<GroupingView> list(@RequestParam(required = false) GroupingKind kind) {
        Caller caller = Callers.require();
        return groupings.visible(caller, kind).stream().map(g -> view(g, caller)).toList();
    }

    @GetMapping("/{id}")
    GroupingView one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        return groupings.findVisible(new GroupingId(id), caller).map(g -> view(g, caller))
                .orElseThrow(() -> new NotFound("grouping", id));
    }

    private GroupingView view(Groupings.Row g, Caller caller) {
        return new GroupingView(g.id(), g.kind(), g.code(), g.name(), g.unitId(), g.unitName(), g.note(),
                groupings.members(new GroupingId(g.id()), caller));
    }
}
