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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    record UnitView(UUID id, UUID parentId, UnitKind kind, String code, String name, String divisionCode, int depth,
            Long communities, Long grids) {
        static UnitView of(Unit u, Long communities, Long grids) {
            return new UnitView(u.id().value(), u.parentId() == null ? null : u.parentId().value(), u.kind(), u.code(),
                    u.name(), u.divisionCode(), u.depth(), communities, grids);
        }
    }

    record UnitDetail(UnitView unit, List<UnitView> children, List<Views.CommunityView> communities) {
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
                    + " their grids: a grid placed at its own work point counts at its village's unit, not again there")
    List<UnitView> list() {
        return units.visibleCounted(Callers.require()).stream()
                .map(c -> UnitView.of(c.unit(), c.communities(), c.grids())).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A unit with the units directly under it and the communities it answers for")
    UnitDetail one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        Unit unit = units.findVisible(new UnitId(id), caller).orElseThrow(() -> new NotFound("unit", id));
        return new UnitDetail(UnitView.of(unit, null, null),
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
}
