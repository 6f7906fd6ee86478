package org.fengqiao.jurisdiction.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GroupingId;
import org.fengqiao.jurisdiction.GroupingKind;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Unchanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Police districts (警务区), cooperation zones (警务合作区) and joint-patrol zones (联勤联防区) kept by a person: made at a
 * unit, renamed, given the villages they take in, and retired. Whoever keeps the tree (JURISDICTION_MANAGE) at or
 * above the grouping's unit does it: a station chief draws his own station's police districts (seed 003: the station
 * lays out its 警务区 and puts its officers on them), and the bureau any station's. Unlike a unit's name or place,
 * which its parent decides, a grouping is drawn inside the unit that runs it, so the top of his own jurisdiction is
 * his to keep. A grouping of a unit outside his subtree is not found; one who does not keep the tree is refused
 * (403). A grouping takes in only villages under its unit that he sees, so that it never reaches outside the unit
 * that runs it (a village handed away from under it is refused while it belongs). A work point stands for one grid
 * and runs none. Every change is audited with what it changed.
 */
@Service
public class GroupingChanges {

    public static final int CODE_MAX = 32;
    public static final int NAME_MAX = 100;

    private final Groupings groupings;
    private final Units units;
    private final Communities communities;
    private final ApplicationEventPublisher events;

    GroupingChanges(Groupings groupings, Units units, Communities communities, ApplicationEventPublisher events) {
        this.groupings = groupings;
        this.units = units;
        this.communities = communities;
        this.events = events;
    }

    /** A new grouping at a unit the caller keeps, with the villages under that unit he names (none is allowed). */
    @Transactional
    public GroupingId create(GroupingKind kind, String code, String name, UnitId unitId, List<UUID> communityIds,
            Caller caller) {
        mayKeep(caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        if (kind == null) {
            problems.add(new Invalid.Problem("kind", "error.field.required", new Object[0]));
        }
        String trimmedCode = code == null ? "" : code.trim();
        if (trimmedCode.isEmpty()) {
            problems.add(new Invalid.Problem("code", "error.field.required", new Object[0]));
        } else if (trimmedCode.length() > CODE_MAX) {
            problems.add(new Invalid.Problem("code", "jurisdiction.grouping.codeTooLong", new Object[] {CODE_MAX}));
        }
        String trimmedName = name == null ? "" : name.trim();
        checkName(trimmedName, problems);
        if (unitId == null) {
            problems.add(new Invalid.Problem("unitId", "error.field.required", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Unit unit = units.findVisible(unitId, caller)
                .orElseThrow(() -> Invalid.of("unitId", "jurisdiction.grouping.unitUnknown"));
        if (unit.kind() == UnitKind.WORK_POINT) {
            throw Invalid.of("unitId", "jurisdiction.grouping.unitWorkPoint", unit.name());
        }
        List<Community> members = members(unit, communityIds, caller);
        if (groupings.codeTaken(trimmedCode)) {
            throw new Conflict("jurisdiction.grouping.codeTaken", trimmedCode);
        }
        GroupingId id = groupings.insert(UUID.randomUUID(), kind, trimmedCode, trimmedName, unit.id(),
                members.stream().map(Community::id).toList());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("kind", kind);
        after.put("code", trimmedCode);
        after.put("name", trimmedName);
        after.put("unit", unit.name());
        after.put("communities", names(members.stream().map(c -> new Groupings.Member(c.id().value(), c.code(),
                c.name())).toList()));
        events.publishEvent(Audited.created("grouping", id, unit.path(), after));
        return id;
    }

    /** The grouping renamed; the same name again changes nothing ({@link Unchanged}). */
    @Transactional
    public Groupings.Row rename(GroupingId id, String name, Caller caller) {
        Groupings.Row row = held(id, caller);
        String trimmed = name == null ? "" : name.trim();
        List<Invalid.Problem> problems = new ArrayList<>();
        checkName(trimmed, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Unit unit = units.find(new UnitId(row.unitId())).orElseThrow();
        if (trimmed.equals(row.name())) {
            throw new Unchanged();
        }
        groupings.rename(id, trimmed);
        events.publishEvent(Audited.updated("grouping", id, unit.path(), Map.of("name", row.name()),
                Map.of("name", trimmed)));
        return groupings.findVisible(id, caller).orElseThrow();
    }

    /**
     * The villages the grouping takes in become exactly these: each one under its unit that the caller sees. What was
     * in it before and is not named is taken out (a village about to be handed away from under the unit).
     */
    @Transactional
    public Groupings.Row changeCommunities(GroupingId id, List<UUID> communityIds, Caller caller) {
        Groupings.Row row = held(id, caller);
        Unit unit = units.find(new UnitId(row.unitId())).orElseThrow();
        List<Community> members = members(unit, communityIds, caller);
        List<Groupings.Member> before = groupings.allMembers(id);
        java.util.Set<UUID> wanted = new java.util.HashSet<>();
        members.forEach(c -> wanted.add(c.id().value()));
        java.util.Set<UUID> had = new java.util.HashSet<>();
        before.forEach(m -> had.add(m.id()));
        if (wanted.equals(had)) {
            throw new Unchanged();
        }
        groupings.replaceMembers(id, members.stream().map(Community::id).toList());
        events.publishEvent(Audited.updated("grouping", id, unit.path(), Map.of("communities", names(before)),
                Map.of("communities", names(groupings.allMembers(id)))));
        return groupings.findVisible(id, caller).orElseThrow();
    }

    /**
     * The grouping retired: out of every list and choice, and no longer holding its villages back from a hand-over. It
     * is kept, with its last villages, for what names it (a security company's zone, the audit trail).
     */
    @Transactional
    public void retire(GroupingId id, Caller caller) {
        Groupings.Row row = held(id, caller);
        Unit unit = units.find(new UnitId(row.unitId())).orElseThrow();
        groupings.retire(id);
        events.publishEvent(Audited.updated("grouping", id, unit.path(), Map.of("retired", false),
                Map.of("retired", true, "name", row.name(), "communities", names(groupings.allMembers(id)))));
    }

    /**
     * The units the caller may make a grouping at, in the order of the tree: every unit he sees, his own at the top
     * of them, but a work point; none when he does not keep the tree.
     */
    public List<Unit> unitsKept(List<Unit> visibleInTreeOrder, Caller caller) {
        if (!caller.may(Permission.JURISDICTION_MANAGE.authority())) {
            return List.of();
        }
        return visibleInTreeOrder.stream().filter(u -> u.kind() != UnitKind.WORK_POINT).toList();
    }

    /** Whether the caller keeps the groupings of the unit: he keeps the tree and sees the unit. */
    public boolean keeps(UUID unitId, Caller caller) {
        return caller.may(Permission.JURISDICTION_MANAGE.authority())
                && units.findVisible(new UnitId(unitId), caller).isPresent();
    }

    /**
     * The grouping in use, held until the transaction ends, for one who keeps the tree (refused otherwise, as the API
     * refuses him before it looks): one outside his subtree is not found.
     */
    private Groupings.Row held(GroupingId id, Caller caller) {
        mayKeep(caller);
        return groupings.findVisibleHeld(id, caller).orElseThrow(() -> new NotFound("grouping", id));
    }

    /**
     * Refuses one who does not keep the tree, whoever calls this (a page, the API, another module): the endpoints
     * check it first, and a module that acts for a person passes him as he is.
     */
    private static void mayKeep(Caller caller) {
        if (!caller.may(Permission.JURISDICTION_MANAGE.authority())) {
            throw new AccessDeniedException("does not keep the tree");
        }
    }

    /** The villages named, each seen by the caller and under the unit; one problem per village refused. */
    private List<Community> members(Unit unit, List<UUID> ids, Caller caller) {
        List<Community> members = new ArrayList<>();
        List<Invalid.Problem> problems = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(ids == null ? List.<UUID>of() : ids)) {
            if (id == null) {
                continue;
            }
            Community community = communities.findVisible(new CommunityId(id), caller).orElse(null);
            if (community == null) {
                problems.add(new Invalid.Problem("communityIds", "jurisdiction.grouping.communityUnknown",
                        new Object[0]));
                continue;
            }
            String path = units.find(community.unitId()).orElseThrow().path();
            if (!path.startsWith(unit.path())) {
                problems.add(new Invalid.Problem("communityIds", "jurisdiction.grouping.communityOutside",
                        new Object[] {community.name(), unit.name()}));
                continue;
            }
            members.add(community);
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return members;
    }

    private static void checkName(String name, List<Invalid.Problem> problems) {
        if (name.isEmpty()) {
            problems.add(new Invalid.Problem("name", "error.field.required", new Object[0]));
        } else if (name.length() > NAME_MAX) {
            problems.add(new Invalid.Problem("name", "jurisdiction.grouping.nameTooLong", new Object[] {NAME_MAX}));
        }
    }

    private static List<String> names(List<Groupings.Member> members) {
        return members.stream().map(m -> m.name() + " (" + m.code() + ")").toList();
    }
}
