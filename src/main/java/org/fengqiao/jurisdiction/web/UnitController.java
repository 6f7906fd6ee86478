package org.fengqiao.jurisdiction.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.Units;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/units")
@PreAuthorize("hasAuthority('JURISDICTION_READ')")
@Tag(name = "Jurisdiction: units")
class UnitController {

    private final Units units;
    private final Communities communities;
    private final Jurisdictions jurisdictions;

    UnitController(Units units, Communities communities, Jurisdictions jurisdictions) {
        this.units = units;
        this.communities = communities;
        this.jurisdictions = jurisdictions;
    }

    /**
     * communities and grids: what the unit answers for directly; totalCommunities and totalGrids: in its whole subtree;
     * staff: the active staff of its subtree (on one unit's read only). Null where not counted (a child on a unit's
     * read).
     */
    record UnitView(UUID id, UUID parentId, UnitKind kind, String code, String name, String divisionCode, int depth,
            Long communities, Long grids, Long totalCommunities, Long totalGrids, Long staff) {
        static UnitView of(Unit u, Long communities, Long grids) {
            return of(u, communities, grids, null, null, null);
        }

        static UnitView of(Unit u, Long communities, Long grids, Long totalCommunities, Long totalGrids, Long staff) {
            return new UnitView(u.id().value(), u.parentId() == null ? null : u.parentId().value(), u.kind(), u.code(),
                    u.name(), u.divisionCode(), u.depth(), communities, grids, totalCommunities, totalGrids, staff);
        }
    }

    record UnitDetail(UnitView unit, List<UnitView> children, List<Views.CommunityView> communities) {
    }

    record NewParent(UUID parentId) {
    }

    record NewName(String name) {
    }

    /**
     * A new unit; its fields are checked where the tree page's are, in
     * {@link Jurisdictions#createUnit(UnitId, UnitKind, String, String, String, Caller)}.
     */
    record NewUnit(UUID parentId, UnitKind kind, String code, String name, String divisionCode) {
    }

    @GetMapping
    @Operation(summary = "The units the caller sees, in tree order, as a flat list with parentId, kind and depth",
            description = "communities counts the communities each unit answers for directly, not its subtree, and grids"
                    + " their grids: a grid placed at its own work point counts at its village's unit, not again there;"
                    + " totalCommunities and totalGrids count the unit's whole subtree. A retired unit is not listed.")
    List<UnitView> list() {
        return units.visibleCounted(Callers.require()).stream()
                .map(c -> UnitView.of(c.unit(), c.communities(), c.grids(), c.totalCommunities(), c.totalGrids(), null))
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A unit with its counts, the units directly under it and the communities it answers for",
            description = "The unit's communities and grids directly and in its subtree (totalCommunities, totalGrids),"
                    + " and the active staff of its subtree. 404 outside the caller's subtree and for a retired unit.")
    UnitDetail one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        Jurisdictions.UnitCounts counted = jurisdictions.visibleUnitCounts(new UnitId(id), caller)
                .orElseThrow(() -> new NotFound("unit", id));
        Unit unit = counted.unit();
        return new UnitDetail(UnitView.of(unit, counted.communities(), counted.grids(), counted.totalCommunities(),
                        counted.totalGrids(), counted.totalStaff()),
                units.children(unit.id(), caller).stream().map(u -> UnitView.of(u, null, null)).toList(),
                communities.ofUnit(unit.id(), caller).stream().map(Views.CommunityView::of).toList());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Create a unit under a unit the caller sees")
    ResponseEntity<UnitView> create(@RequestBody NewUnit body) {
        Unit created = jurisdictions.createUnit(body.parentId() == null ? null : new UnitId(body.parentId()), body.kind(),
                body.code(), body.name(),
                body.divisionCode(), Callers.require());
        return ResponseEntity.created(URI.create("/api/v1/units/" + created.id())).body(UnitView.of(created, 0L, 0L));
    }

    @PutMapping("/{id}/parent")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Move a unit, with everything under it, under another unit the caller sees",
            description = "Every record under it is seen from the new parent's chain from then on. 404 for a unit outside"
                    + " the caller's subtree; 400 for a parent outside it, under the unit itself or of a kind that may not"
                    + " hold the unit, and for the top of the caller's own jurisdiction; 409 while a grid under it belongs"
                    + " to a community that stays behind, or a community under it to a police district of a unit it leaves.")
    UnitView move(@PathVariable UUID id, @RequestBody NewParent body) {
        Unit moved = jurisdictions.moveUnit(new UnitId(id), body.parentId() == null ? null : new UnitId(body.parentId()),
                Callers.require());
        return UnitView.of(moved, null, null);
    }

    @PutMapping("/{id}/name")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Rename a unit under the caller's own (a station renamed after a reorganisation)",
            description = "Every page and record shows the new name; the audit trail keeps what its entries said. 404"
                    + " outside the caller's subtree; 400 for a blank name, one over 100 characters, one another unit"
                    + " under the same parent bears, and for the top of the caller's own jurisdiction.")
    UnitView rename(@PathVariable UUID id, @RequestBody NewName body) {
        return UnitView.of(jurisdictions.renameUnit(new UnitId(id), body == null ? null : body.name(), Callers.require()),
                null, null);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
    @Operation(summary = "Retire an empty unit (a central office merged away)",
            description = "409, with what is left counted, while units, communities, grids, active staff or open items"
                    + " are left at it: move or hand them over first. The unit stays for the records that named it, out"
                    + " of the tree and every choice. 404 outside the caller's subtree; 400 for the top of his own.")
    ResponseEntity<Void> retire(@PathVariable UUID id) {
        jurisdictions.retireUnit(new UnitId(id), Callers.require());
        return ResponseEntity.noContent().build();
    }
}
