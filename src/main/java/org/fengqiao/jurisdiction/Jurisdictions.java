package org.fengqiao.jurisdiction;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.internal.Boundary;
import org.fengqiao.jurisdiction.internal.Communities;
import org.fengqiao.jurisdiction.internal.GridIndex;
import org.fengqiao.jurisdiction.internal.Grids;
import org.fengqiao.jurisdiction.internal.GroupingChanges;
import org.fengqiao.jurisdiction.internal.Units;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.locationtech.jts.io.ParseException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules may ask of the jurisdiction: units, communities and grids by id, scoped or
 * not, and the commands the demo district and administration use to build the tree.
 */
@Service
public class Jurisdictions {

    private final Units units;
    private final Communities communities;
    private final Grids grids;
    private final GridIndex index;
    private final ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<UnitHoldings> holdings;
    private final GroupingChanges groupingChanges;

    Jurisdictions(Units units, Communities communities, Grids grids, GridIndex index,
            ApplicationEventPublisher events, org.springframework.beans.factory.ObjectProvider<UnitHoldings> holdings,
            GroupingChanges groupingChanges) {
        this.holdings = holdings;
        this.groupingChanges = groupingChanges;
        this.units = units;
        this.communities = communities;
        this.grids = grids;
        this.index = index;
        this.events = events;
    }

    /**
     * The grid of a network that holds a point (WGS84), answered from this instance's in-memory
     * spatial index, whatever the caller's scope: a module that answers a person checks the scope
     * with {@link #visibleGrid} before it shows the grid.
     */
    public Optional<Grid> locate(double lat, double lon, GridNetwork network) {
        return index.locate(lon, lat, network);
    }

    /** A unit whatever the caller's scope: for building a caller's scope and for internal work. */
    public Optional<Unit> unit(UnitId id) {
        return units.find(id);
    }

    public Optional<Unit> unitByCode(String code) {
        return units.findByCode(code);
    }

    public Optional<Unit> visibleUnit(UnitId id, Caller caller) {
        return units.findVisible(id, caller);
    }

    /** The visible units in the order of the tree: each after its parent, siblings by code (as a choice list reads). */
    public List<Unit> visibleUnits(Caller caller) {
        return inTreeOrder(units.visible(caller));
    }

    /**
     * The visible units a figure is compared by, or a setting is made for: every kind but the work point, which stands
     * for its one grid (网格有点) and whose figures are the grid's. The choices of a "unit" filter on a report, of the
     * unit of an API key or a webhook.
     */
    public List<Unit> visibleOffices(Caller caller) {
        return visibleUnits(caller).stream().filter(u -> u.kind() != UnitKind.WORK_POINT).toList();
    }

    /** Units each after its parent (when it is among them) and its elder siblings, siblings ordered by code. */
    static List<Unit> inTreeOrder(List<Unit> all) {
        java.util.Map<UnitId, List<Unit>> children = new java.util.HashMap<>();
        java.util.Set<UnitId> present = new java.util.HashSet<>();
        all.forEach(u -> present.add(u.id()));
        List<Unit> roots = new java.util.ArrayList<>();
        for (Unit u : all) {
            if (u.parentId() != null && present.contains(u.parentId())) {
                children.computeIfAbsent(u.parentId(), k -> new java.util.ArrayList<>()).add(u);
            } else {
                roots.add(u);
            }
        }
        java.util.Comparator<Unit> byCode = java.util.Comparator.comparing(Unit::code);
        List<Unit> ordered = new java.util.ArrayList<>(all.size());
        java.util.Deque<Unit> stack = new java.util.ArrayDeque<>();
        roots.stream().sorted(byCode.reversed()).forEach(stack::push);
        while (!stack.isEmpty()) {
            Unit u = stack.pop();
            ordered.add(u);
            children.getOrDefault(u.id(), List.of()).stream().sorted(byCode.reversed()).forEach(stack::push);
        }
        return ordered;
    }

    public Optional<Community> communityByCode(String code) {
        return communities.findByCode(code);
    }

    public Optional<Community> community(CommunityId id) {
        return communities.find(id);
    }

    public Optional<Community> visibleCommunity(CommunityId id, Caller caller) {
        return communities.findVisible(id, caller);
    }

    public Optional<Grid> grid(GridId id) {
        return grids.find(id);
    }

    public Optional<Grid> visibleGrid(GridId id, Caller caller) {
        return grids.findVisible(id, caller);
    }

    /**
     * The grid a new record is filed into, or a record moved into, by its id as a form or the API gave it: empty when
     * the caller does not see it (the caller answers 404 or its own field error), and refused with {@link GridRetired}
     * (400, field {@code gridId}, naming the grid) when it was retired, for a stale form must not file anything into a
     * grid that no longer exists. Reading what lies in a retired grid goes through {@link #visibleGrid} and still works.
     */
    public Optional<Grid> visibleGridToFileInto(GridId id, Caller caller) {
        return visibleGridForFiling(id, caller).map(Jurisdictions::inUse);
    }

    /** {@link #visibleGridToFileInto} for a check that scopes the grid itself (a resident's page, an intake rule). */
    public Optional<Grid> gridToFileInto(GridId id) {
        return gridForFiling(id).map(Jurisdictions::inUse);
    }

    /**
     * {@link #visibleGrid}, retired or not (for a check that gathers every problem of a form), read for a record about
     * to be filed or moved into it: the grid is held until the caller's transaction ends, so a retirement of it waits
     * for the filing and counts it, or the filing waits for the retirement and reads the grid retired. Without it the
     * two pass each other, and a record lands in a grid retired as empty. Call it in the transaction that writes.
     */
    public Optional<Grid> visibleGridForFiling(GridId id, Caller caller) {
        return grids.findVisibleHeld(id, caller);
    }

    /** {@link #visibleGridForFiling} for a check that scopes the grid itself. */
    public Optional<Grid> gridForFiling(GridId id) {
        return grids.findHeld(id);
    }

    /**
     * The grids records are about to be filed into, held as {@link #visibleGridForFiling} holds them, and refused with
     * {@link GridRetired} when one was retired meanwhile (a check made before the writing transaction, as a group
     * commit of reports makes it).
     */
    public void holdInUse(java.util.Collection<GridId> ids) {
        grids.findHeld(ids.stream().map(GridId::value).collect(java.util.stream.Collectors.toSet()))
                .forEach(Jurisdictions::inUse);
    }

    /** The grid when it is in use; {@link GridRetired} (field {@code gridId}) when it was retired. */
    public static Grid inUse(Grid grid) {
        if (grid.retired()) {
            throw new GridRetired("gridId", grid);
        }
        return grid;
    }

    /** The grids in use the caller sees, as a form offers them: a retired grid is left out ({@link Grid#retired()}). */
    public List<Grid> visibleGrids(Caller caller) {
        return grids.visible(caller);
    }

    /**
     * The grids in use whose records the caller reads, as a list's filter offers them: those he sees, and of those the
     * grids he reaches ({@link GridReach}: for one who serves grids, the grids he serves); a grid placed at its central
     * office shares the office's path with the office's other grids.
     */
    public List<Grid> readableGrids(Caller caller) {
        GridReach reach = GridReach.of(caller);
        return grids.visible(caller).stream().filter(g -> reach.reaches(g.id().value(), false)).toList();
    }

    /**
     * A grid whose records the caller reads ({@link #visibleGrid}, within his {@link GridReach}), retired or not, as a
     * list's grid filter names it: a grid member's office holds grids he sees but does not read, and a list filtered
     * by one of those is empty, so it must not name the grid either (as for a grid he does not see).
     */
    public Optional<Grid> readableGrid(GridId id, Caller caller) {
        GridReach reach = GridReach.of(caller);
        return visibleGrid(id, caller).filter(g -> reach.reaches(g.id().value(), false));
    }

    /**
     * The retired grids the caller sees: no form offers them, but a code typed or imported may still name one, and is
     * then told the grid was retired rather than that it does not exist.
     */
    public List<Grid> visibleRetiredGrids(Caller caller) {
        return grids.visibleRetired(caller);
    }

    public boolean isEmpty() {
        return units.count() == 0;
    }

    /**
     * {@link #createUnit(UnitId, UnitKind, String, String, String)} for a person, as the API and the tree page both ask
     * it: every field checked (the parent, kind, code and name required, code and name trimmed), the parent among the
     * units he sees, the code not yet used by any unit.
     */
    @Transactional
    public Unit createUnit(UnitId parentId, UnitKind kind, String code, String name, String divisionCode,
            Caller caller) {
        List<Invalid.Problem> problems = new java.util.ArrayList<>();
        if (parentId == null) {
            problems.add(new Invalid.Problem("parentId", "error.field.required", new Object[0]));
        }
        if (kind == null) {
            problems.add(new Invalid.Problem("kind", "error.field.required", new Object[0]));
        }
        String trimmedCode = code == null ? "" : code.trim();
        String trimmedName = name == null ? "" : name.trim();
        String division = divisionCode == null || divisionCode.isBlank() ? null : divisionCode.trim();
        if (trimmedCode.isEmpty()) {
            problems.add(new Invalid.Problem("code", "error.field.required", new Object[0]));
        } else if (trimmedCode.length() > 32) {
            problems.add(new Invalid.Problem("code", "error.field.format", new Object[0]));
        }
        if (trimmedName.isEmpty()) {
            problems.add(new Invalid.Problem("name", "error.field.required", new Object[0]));
        } else if (trimmedName.length() > 100) {
            problems.add(new Invalid.Problem("name", "error.field.format", new Object[0]));
        }
        if (division != null && !division.matches("^[0-9]{6}([0-9]{6})?$")) {
            problems.add(new Invalid.Problem("divisionCode", "error.field.format", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        units.findVisible(parentId, caller).orElseThrow(() -> Invalid.of("parentId", "jurisdiction.unit.parentUnknown"));
        if (units.codeTaken(trimmedCode)) {
            throw new Conflict("jurisdiction.unit.codeTaken", trimmedCode);
        }
        return createUnit(parentId, kind, trimmedCode, trimmedName, division);
    }

    @Transactional
    public Unit createUnit(UnitId parentId, UnitKind kind, String code, String name, String divisionCode) {
        Unit parent = null;
        if (parentId != null) {
            parent = units.find(parentId).orElseThrow(() -> new NotFound("unit", parentId));
            if (!parent.kind().childKinds().contains(kind)) {
                // the kinds by their names in the reader's language (警务工作点, Work point), not by their codes
                throw Invalid.of("kind", "jurisdiction.unit.kindNotAllowed", kindName(kind), kindName(parent.kind()));
            }
        } else if (kind != UnitKind.BUREAU) {
            throw Invalid.of("parentId", "jurisdiction.unit.parentRequired");
        }
        Unit unit = units.insert(UUID.randomUUID(), parent, kind, code, name, divisionCode, null, null);
        events.publishEvent(Audited.created("unit", unit.id(), unit.path(), unit));
        return unit;
    }

    /**
     * A unit, with everything under it, moved under another unit (a workstation handed to another station, 派出所
     * 调整辖区): both must be among the units the caller sees (a unit outside is not found, a parent outside refused as
     * unknown), the parent may take a unit of its kind and lies outside the unit's own subtree. Every record under it
     * is then seen from the new parent's chain and no longer from the old one's; nothing is copied or lost, as the
     * records keep their unit and only its place in the tree changes. Refused while a grid under it belongs to a
     * community that stays behind, or a community under it to a police district or zone of a unit it leaves: either
     * would end up outside the unit it must lie under. Audited with the unit before and after.
     */
    @Transactional
    public Unit moveUnit(UnitId id, UnitId parentId, Caller caller) {
        Unit unit = units.findVisible(id, caller).orElseThrow(() -> new NotFound("unit", id));
        if (parentId == null) {
            throw Invalid.of("parentId", "error.field.required");
        }
        Unit parent = units.findVisible(parentId, caller)
                .orElseThrow(() -> Invalid.of("parentId", "jurisdiction.unit.parentUnknown"));
        if (unit.parentId() == null || units.findVisible(unit.parentId(), caller).isEmpty()) {
            // the top of his own jurisdiction: whoever sits there cannot hand it elsewhere, as he sees nowhere else
            throw Invalid.of("id", "jurisdiction.unit.moveTop", unit.name());
        }
        if (parent.path().startsWith(unit.path())) {
            throw Invalid.of("parentId", "jurisdiction.unit.moveIntoItself", unit.name(), parent.name());
        }
        if (!parent.kind().childKinds().contains(unit.kind())) {
            throw Invalid.of("parentId", "jurisdiction.unit.kindNotAllowed", kindName(unit.kind()), kindName(parent.kind()));
        }
        if (parent.id().equals(unit.parentId())) {
            return unit;
        }
        units.gridLeftBehind(unit).ifPresent(g -> {
            throw new Conflict("jurisdiction.unit.moveSplitsGrid", unit.name(), g.get(0), g.get(1));
        });
        units.groupingLeftBehind(unit, parent).ifPresent(g -> {
            throw new Conflict("jurisdiction.unit.moveSplitsGrouping", unit.name(), g.get(0), g.get(1),
                    groupingKindName(g.get(2)), g.get(3));
        });
        units.move(unit, parent);
        Unit after = units.find(id).orElseThrow();
        events.publishEvent(Audited.updated("unit", id, after.path(), unit, after));
        index.refreshAfterCommit();
        return after;
    }

    /**
     * An empty unit retired (a central office merged away): refused while anything is left there, with what is left
     * counted in the caller's language, so that no community, grid, person or open item is orphaned; the units under
     * it move or retire first. The unit itself stays, for the records that once named it, out of the tree and of every
     * choice. The top of the caller's jurisdiction is not his to retire. Audited.
     */
    @Transactional
    public Unit retireUnit(UnitId id, Caller caller) {
        Unit unit = units.findVisible(id, caller).orElseThrow(() -> new NotFound("unit", id));
        if (unit.parentId() == null || units.findVisible(unit.parentId(), caller).isEmpty()) {
            throw Invalid.of("id", "jurisdiction.unit.retireTop", unit.name());
        }
        Units.Left left = units.leftAt(id);
        long staff = holdings.orderedStream().mapToLong(h -> h.staff(unit, false)).sum();
        long open = holdings.orderedStream().mapToLong(h -> h.openItems(unit)).sum();
        if (left.units() + left.communities() + left.grids() + staff + open > 0) {
            throw new Conflict("jurisdiction.unit.retireNotEmpty", unit.name(), left.units(), left.communities(),
                    left.grids(), staff, open);
        }
        units.retire(id);
        events.publishEvent(Audited.updated("unit", id, unit.path(), java.util.Map.of("retired", false),
                java.util.Map.of("retired", true)));
        return unit;
    }

    /**
     * A unit renamed (a station renamed after a reorganisation): by whoever sits above it, as a move is, so a unit
     * outside the caller's subtree is not found and the top of his own is not his to rename. The name is trimmed,
     * required, at most 100 characters, and not borne by another unit in use under the same parent. Every page and
     * record reads the unit's name from the unit, so they show the new one at once; the audit trail keeps what its
     * entries said. Audited with the name before and after.
     */
    @Transactional
    public Unit renameUnit(UnitId id, String name, Caller caller) {
        Unit unit = units.findVisible(id, caller).orElseThrow(() -> new NotFound("unit", id));
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw Invalid.of("name", "error.field.required");
        }
        if (trimmed.length() > 100) {
            throw Invalid.of("name", "jurisdiction.unit.nameTooLong", 100);
        }
        if (unit.parentId() == null || units.findVisible(unit.parentId(), caller).isEmpty()) {
            throw Invalid.of("id", "jurisdiction.unit.renameTop", unit.name());
        }
        if (trimmed.equals(unit.name())) {
            return unit;
        }
        if (units.siblingNamed(unit, trimmed)) {
            throw Invalid.of("name", "jurisdiction.unit.nameTaken", trimmed);
        }
        units.rename(id, trimmed);
        Unit after = units.find(id).orElseThrow();
        events.publishEvent(Audited.updated("unit", id, after.path(), java.util.Map.of("name", unit.name()),
                java.util.Map.of("name", after.name())));
        return after;
    }

    /**
     * A community (village) handed to another unit (a village handed from one central office to another): both among
     * the units the caller sees, the target in use and of a kind that answers for communities (a central office or a
     * workstation). Its grids placed at its old unit are placed at the new one, and the units under the old one that
     * serve it alone (each grid's own work point, 网格有点) move under the new one with whoever works there, so that
     * its grids, addresses, persons and their records are seen by the new unit's chain and no longer by the old one's.
     * Refused while a unit its grids are placed under serves another village too, or while a police district or zone of
     * a unit the new one is not under takes it in. The open items in its grids that their owner would no longer see
     * are carried to the new unit's chain, each re-owned there by a named person (件件有着落), refused when nobody at
     * or above the new unit can own one. Its officer and auxiliary members are cleared for the new office to name.
     * Audited: the community before and after, every unit and grid moved along, every item carried.
     */
    @Transactional
    public Community moveCommunity(CommunityId id, UnitId unitId, Caller caller) {
        Community community = communities.findVisible(id, caller).orElseThrow(() -> new NotFound("community", id));
        if (unitId == null) {
            throw Invalid.of("unitId", "error.field.required");
        }
        Unit target = units.findVisible(unitId, caller)
                .orElseThrow(() -> Invalid.of("unitId", "jurisdiction.community.unitUnknown"));
        if (!target.kind().holdsCommunities()) {
            throw Invalid.of("unitId", "jurisdiction.community.unitKind", community.name(), kindName(target.kind()));
        }
        if (target.id().equals(community.unitId())) {
            return community;
        }
        Unit from = units.find(community.unitId()).orElseThrow();
        // the target may be one of them: a village given a workstation of its own (一村一警) under its central
        // office, where some of its grids already lie; it stays where it is and the others come under it
        List<Units.Serving> serving = units.serving(from, id.value()).stream()
                .filter(s -> !s.unit().id().equals(target.id())).toList();
        for (Units.Serving s : serving) {
            if (s.servesOthers()) {
                throw new Conflict("jurisdiction.community.moveServesOthers", community.name(), s.unit().name());
            }
            if (!target.kind().childKinds().contains(s.unit().kind())) {
                throw new Conflict("jurisdiction.community.moveKindNotAllowed", community.name(), s.unit().name(),
                        kindName(s.unit().kind()), kindName(target.kind()));
            }
        }
        for (List<String> grouping : communities.groupingsOf(id)) {
            if (!target.path().startsWith(grouping.get(1))) {
                throw new Conflict("jurisdiction.community.moveSplitsGrouping", community.name(), grouping.get(0),
                        groupingKindName(grouping.get(2)), grouping.get(3));
            }
        }
        List<UUID> gridIds = grids.idsOf(id.value());
        // every grid of the village, retired ones too, read before anything moves: each gets an entry of its own, so
        // that a grid's trail shows where it went (its unit, or its work point's place under the new unit)
        List<Grid> gridsBefore = gridIds.stream().map(g -> grids.find(new GridId(g)).orElseThrow()).toList();
        for (Units.Serving s : serving) {
            units.move(s.unit(), target);
            Unit moved = units.find(s.unit().id()).orElseThrow();
            events.publishEvent(Audited.updated("unit", moved.id(), moved.path(), s.unit(), moved));
        }
        grids.replaceAt(id.value(), from.id(), target.id());
        communities.handTo(id, target.id());
        for (Grid before : gridsBefore) {
            Grid moved = grids.find(before.id()).orElseThrow();
            if (!moved.unitPath().equals(before.unitPath())) {
                events.publishEvent(Audited.updated("grid", moved.id(), moved.unitPath(), before, moved));
            }
        }
        // what its old owners no longer see goes to the new chain, each item with a named owner (件件有着落)
        holdings.orderedStream().forEach(h -> h.carryOpenItems(gridsBefore, target));
        Community after = communities.find(id).orElseThrow();
        events.publishEvent(Audited.updated("community", id, target.path(), community, after));
        index.refreshAfterCommit();
        return after;
    }

    /** A visible unit's counts: communities and grids directly and in its subtree, and the staff of its subtree. */
    public record UnitCounts(Unit unit, long communities, long grids, long totalCommunities, long totalGrids,
            long totalStaff) {
    }

    public Optional<UnitCounts> visibleUnitCounts(UnitId id, Caller caller) {
        return units.findVisibleCounted(id, caller).map(c -> new UnitCounts(c.unit(), c.communities(), c.grids(),
                c.totalCommunities(), c.totalGrids(),
                holdings.orderedStream().mapToLong(h -> h.staff(c.unit(), true)).sum()));
    }

    private static org.springframework.context.MessageSourceResolvable groupingKindName(String kind) {
        return new org.springframework.context.support.DefaultMessageSourceResolvable("jurisdiction.groupingKind." + kind);
    }

    private static org.springframework.context.MessageSourceResolvable kindName(UnitKind kind) {
        return new org.springframework.context.support.DefaultMessageSourceResolvable("jurisdiction.unitKind." + kind);
    }

    @Transactional
    public Community createCommunity(UnitId unitId, CommunityKind kind, String code, String name, String divisionCode,
            Integer households, Integer population) {
        Unit unit = units.find(unitId).orElseThrow(() -> new NotFound("unit", unitId));
        Community community = communities.insert(UUID.randomUUID(), unitId, kind, code, name, divisionCode, households,
                population);
        events.publishEvent(Audited.created("community", community.id(), unit.path(), community));
        return community;
    }

    /** The responsible officer of a community and his two auxiliary members (一警两员). */
    @Transactional
    public void assignCommunityOfficers(CommunityId id, UUID officer, UUID patrolMember, UUID securityMember) {
        Community before = communities.find(id).orElseThrow(() -> new NotFound("community", id));
        communities.assignOfficers(id, officer, patrolMember, securityMember);
        Community after = communities.find(id).orElseThrow();
        String path = units.find(after.unitId()).map(Unit::path).orElse(null);
        events.publishEvent(Audited.updated("community", id, path, before, after));
    }

    /** A grid from a GeoJSON geometry; the grid takes its community's unit as owner. */
    @Transactional
    public Grid createGrid(CommunityId communityId, GridNetwork network, String code, String name, String geoJsonGeometry,
            String comprehensiveCode, String urbanCode, String civilizationCode) {
        return createGrid(communityId, null, network, code, name, geoJsonGeometry, comprehensiveCode, urbanCode,
                civilizationCode);
    }

    /**
     * A grid placed under a unit of its own, a work point (网格有点, seed 003) or workstation below the community's
     * unit, so that whoever sits there, or serves only this grid, is scoped to it; null places it at the
     * community's unit. A unit outside the community's unit's subtree is refused, and so is one that answers for
     * another grid or community, as {@link #placeGrid(GridId, UnitId)} refuses it: a fresh work point is free.
     */
    @Transactional
    public Grid createGrid(CommunityId communityId, UnitId unitId, GridNetwork network, String code, String name,
            String geoJsonGeometry, String comprehensiveCode, String urbanCode, String civilizationCode) {
        Community community = communities.find(communityId).orElseThrow(() -> new NotFound("community", communityId));
        UnitId placed = community.unitId();
        if (unitId != null) {
            placed = placement(community, unitId);
            refuseIfAnsweringForOthers(community, placed, null, name);
        }
        Boundary boundary;
        try {
            boundary = Boundary.parse(geoJsonGeometry);
        } catch (ParseException e) {
            throw Invalid.of("boundary", "jurisdiction.grid.boundaryUnreadable", e.getMessage());
        }
        Grid grid = grids.insert(UUID.randomUUID(), network, code, name, communityId, placed, boundary,
                comprehensiveCode, urbanCode, civilizationCode);
        events.publishEvent(Audited.created("grid", grid.id(), grid.unitPath(), grid));
        index.refreshAfterCommit();
        return grid;
    }

    /**
     * Moves a grid to a unit at or under its community's unit (its work point, 网格有点): whoever is scoped to that
     * unit sees it from then on, and a new item starts there. Audited; a unit outside is refused as for a new grid.
     */
    @Transactional
    public Grid placeGrid(GridId id, UnitId unitId) {
        Grid before = grids.find(id).orElseThrow(() -> new NotFound("grid", id));
        if (before.retired()) {
            // kept where it was when retired, for the records that name it; restored first, it may move
            throw new Conflict("jurisdiction.grid.retiredUnchanged", before.code());
        }
        Community community = communities.find(before.communityId()).orElseThrow();
        UnitId placed = placement(community, unitId);
        if (!placed.equals(before.unitId())) {
            refuseIfAnsweringForOthers(community, placed, id, before.name());
        }
        grids.place(id, placed);
        Grid after = grids.find(id).orElseThrow();
        events.publishEvent(Audited.updated("grid", id, after.unitPath(), before, after));
        index.refreshAfterCommit();
        return after;
    }

    /**
     * {@link #placeGrid(GridId, UnitId)} for a person: a grid outside his jurisdiction is not found, a unit outside it
     * is refused like an unknown one.
     */
    @Transactional
    public Grid placeGrid(GridId id, UnitId unitId, Caller caller) {
        grids.findVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        if (unitId == null || units.findVisible(unitId, caller).isEmpty()) {
            throw Invalid.of("unitId", "jurisdiction.grid.unitUnknown");
        }
        return placeGrid(id, unitId);
    }

    /**
     * The units a person may place a grid under on its page, in the order of the tree: those he sees of its
     * community's unit and the units under it that answer for no other grid or community (its own work point, a
     * workstation or work point of this community or of none yet), and the unit it is at. Not another grid's work
     * point, nor another village's: under a central office over five villages that would be every grid's work point.
     * Empty for a grid he does not see.
     */
    public List<Unit> placements(GridId id, Caller caller) {
        Optional<Grid> grid = grids.findVisible(id, caller);
        if (grid.isEmpty()) {
            return List.of();
        }
        Community community = communities.find(grid.get().communityId()).orElseThrow();
        Unit communityUnit = units.find(community.unitId()).orElseThrow();
        Set<UnitId> others = units.answeringForOthers(communityUnit, community.id().value(), id.value());
        return visibleUnits(caller).stream().filter(u -> placeable(u, communityUnit))
                .filter(u -> u.id().equals(grid.get().unitId()) || !others.contains(u.id())).toList();
    }

    /** The rule of a grid's placement: at or under its community's unit. */
    private static boolean placeable(Unit unit, Unit communityUnit) {
        return unit.path().startsWith(communityUnit.path());
    }

    /** The code of the work point of the grid with this code (网格有点, seed 003): JWD-FS-1-01 for FS-1-01. */
    public static String workPointCode(String gridCode) {
        return "JWD-" + gridCode;
    }

    /** The name of the work point of the grid with this name: 吴场村第1网格警务工作点. */
    public static String workPointName(String gridName) {
        return gridName + "警务工作点";
    }

    /**
     * The grid's own work point (网格有点, seed 003): the work point named after the grid under its community's unit
     * ({@link #workPointCode}, {@link #workPointName}), made when missing, and the grid placed under it; in one
     * transaction, both audited. A police grid only; a unit elsewhere holding the work point's code is refused.
     */
    @Transactional
    public Grid setUpWorkPoint(GridId id) {
        Grid grid = grids.find(id).orElseThrow(() -> new NotFound("grid", id));
        if (grid.network() != GridNetwork.POLICE) {
            throw Invalid.of("network", "jurisdiction.grid.workPointPoliceOnly");
        }
        Community community = communities.find(grid.communityId()).orElseThrow();
        String code = workPointCode(grid.code());
        Unit point = units.findByCode(code).orElseGet(() -> newWorkPoint(community, code, workPointName(grid.name())));
        if (point.kind() != UnitKind.WORK_POINT || !community.unitId().equals(point.parentId())) {
            throw new Conflict("jurisdiction.grid.workPointCodeTaken", code, point.name());
        }
        return point.id().equals(grid.unitId()) ? grid : placeGrid(id, point.id());
    }

    /**
     * The work point made under the community's unit, audited; or, when the code was taken after it was found free
     * (another person setting up the same work point at the same moment), the unit holding it, committed, for the
     * check above to judge as a unit found before: this community's work point used as it is, any other refused.
     */
    private Unit newWorkPoint(Community community, String code, String name) {
        Unit parent = units.find(community.unitId()).orElseThrow();
        if (!parent.kind().childKinds().contains(UnitKind.WORK_POINT)) {
            throw Invalid.of("kind", "jurisdiction.unit.kindNotAllowed", kindName(UnitKind.WORK_POINT),
                    kindName(parent.kind()));
        }
        Optional<Unit> made = units.insertUnlessCodeTaken(UUID.randomUUID(), parent, UnitKind.WORK_POINT, code, name,
                community.divisionCode());
        made.ifPresent(u -> events.publishEvent(Audited.created("unit", u.id(), u.path(), u)));
        return made.orElseGet(() -> units.findByCode(code).orElseThrow());
    }

    /**
     * {@link #setUpWorkPoint(GridId)} for a person: a grid outside his jurisdiction is not found, and one whose
     * community's unit he does not see (he sits below it) is refused, as a unit there is not his to make.
     */
    @Transactional
    public Grid setUpWorkPoint(GridId id, Caller caller) {
        Grid grid = grids.findVisible(id, caller).orElseThrow(() -> new NotFound("grid", id));
        UnitId communityUnit = communities.find(grid.communityId()).orElseThrow().unitId();
        if (units.findVisible(communityUnit, caller).isEmpty()) {
            throw Invalid.of("unitId", "jurisdiction.unit.parentUnknown");
        }
        return setUpWorkPoint(id);
    }

    /**
     * Refuses a unit under the community's unit that answers for another grid or community (another grid's work
     * point, another village's workstation): {@code grid} null for a grid not stored yet. The community's unit
     * itself never answers for others.
     */
    private void refuseIfAnsweringForOthers(Community community, UnitId placed, GridId grid, String gridName) {
        Unit communityUnit = units.find(community.unitId()).orElseThrow();
        if (units.answersForOthers(communityUnit, community.id().value(), grid == null ? null : grid.value(), placed)) {
            Unit unit = units.find(placed).orElseThrow();
            throw Invalid.of("unitId", "jurisdiction.grid.unitAnswersForOthers", unit.name(), gridName,
                    community.name());
        }
    }

    /** The unit, when it lies at or under the community's unit; refused otherwise. */
    private UnitId placement(Community community, UnitId unitId) {
        Unit unit = units.find(unitId).orElseThrow(() -> new NotFound("unit", unitId));
        Unit communityUnit = units.find(community.unitId()).orElseThrow();
        if (!placeable(unit, communityUnit)) {
            throw Invalid.of("unitId", "jurisdiction.grid.unitOutsideCommunity", unit.name(), community.name());
        }
        return unit.id();
    }

    /**
     * A police district, cooperation zone or joint-patrol zone made at a unit for a person, as the groupings page and
     * API make it: he keeps the tree (403 otherwise), the unit is one he sees and not a work point (400 otherwise), its
     * communities lie under the unit and he sees them, the code is unused (409); audited. There is no unscoped
     * variant: a module that makes one (the demo district) acts as the person who would draw it.
     */
    public GroupingId createGrouping(GroupingKind kind, String code, String name, UnitId unitId,
            List<CommunityId> communityIds, Caller caller) {
        return groupingChanges.create(kind, code, name, unitId,
                communityIds.stream().map(CommunityId::value).toList(), caller);
    }
}
