package org.fengqiao.jurisdiction.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GroupingId;
import org.fengqiao.jurisdiction.GroupingKind;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.internal.GroupingChanges;
import org.fengqiao.jurisdiction.internal.Groupings;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Unchanged;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/groupings")
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@Tag(name = "Jurisdiction: police districts, cooperation zones, joint-patrol zones")
class GroupingController {

    private final Groupings groupings;
    private final GroupingChanges changes;

    GroupingController(Groupings groupings, GroupingChanges changes) {
        this.groupings = groupings;
        this.changes = changes;
    }

    record GroupingView(UUID id, GroupingKind kind, String code, String name, UUID unitId, String unitName, String note,
            List<Groupings.Member> communities) {
    }

    record NewGrouping(GroupingKind kind, String code, String name, UUID unitId, List<UUID> communityIds) {
    }

    record NewName(String name) {
    }

    record NewCommunities(List<UUID> communityIds) {
    }

    @GetMapping
    @Operation(summary = "The groupings in use run by units the caller sees, with the member communities the caller sees")
    List<GroupingView> list(@RequestParam(required = false) GroupingKind kind) {
        Caller caller = Callers.require();
        return groupings.visible(caller, kind).stream().map(g -> view(g, caller)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One grouping in use; 404 outside the caller's subtree and once retired")
    GroupingView one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        return groupings.findVisible(new GroupingId(id), caller).map(g -> view(g, caller))
                .orElseThrow(() -> new NotFound("grouping", id));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Make a police district, cooperation zone or joint-patrol zone at a unit under the caller's own",
            description = "kind, code (unique, at most 32 characters) and name (at most 100) are required; communityIds"
                    + " may be empty, and each must be a community (village) under the unit that the caller sees. 400"
                    + " for a unit outside the caller's subtree or at its top, a community outside the unit; 409 for a"
                    + " code already used.")
    ResponseEntity<GroupingView> create(@RequestBody NewGrouping body) {
        Caller caller = Callers.require();
        GroupingId id = changes.create(body.kind(), body.code(), body.name(),
                body.unitId() == null ? null : new UnitId(body.unitId()), body.communityIds(), caller);
        return ResponseEntity.created(URI.create("/api/v1/groupings/" + id)).body(one(id.value()));
    }

    @PutMapping("/{id}/name")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Rename a grouping", description = "404 outside the caller's subtree or retired; 400 for a"
            + " blank name, one over 100 characters, and a grouping at the top of the caller's own jurisdiction.")
    GroupingView rename(@PathVariable UUID id, @RequestBody NewName body) {
        try {
            changes.rename(new GroupingId(id), body == null ? null : body.name(), Callers.require());
        } catch (Unchanged e) {
            // the name it has already: the grouping as it stands
        }
        return one(id);
    }

    @PutMapping("/{id}/communities")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Set the communities (villages) a grouping takes in",
            description = "The list replaces the grouping's communities: one left out is taken out (as a village about"
                    + " to be handed to a unit outside the grouping's must be). Each must lie under the grouping's unit"
                    + " and be seen by the caller (400 otherwise). 404 outside the caller's subtree or retired.")
    GroupingView changeCommunities(@PathVariable UUID id, @RequestBody NewCommunities body) {
        try {
            changes.changeCommunities(new GroupingId(id), body == null || body.communityIds() == null ? List.of()
                    : body.communityIds(), Callers.require());
        } catch (Unchanged e) {
            // the communities it has already: the grouping as it stands
        }
        return one(id);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Retire a grouping (a police district merged away)",
            description = "It leaves every list and choice and no longer holds its villages back from a hand-over; it is"
                    + " kept, with its last villages, for what names it. 404 outside the caller's subtree or retired.")
    ResponseEntity<Void> retire(@PathVariable UUID id) {
        changes.retire(new GroupingId(id), Callers.require());
        return ResponseEntity.noContent().build();
    }

    private GroupingView view(Groupings.Row g, Caller caller) {
        return new GroupingView(g.id(), g.kind(), g.code(), g.name(), g.unitId(), g.unitName(), g.note(),
                groupings.members(new GroupingId(g.id()), caller));
    }
}
