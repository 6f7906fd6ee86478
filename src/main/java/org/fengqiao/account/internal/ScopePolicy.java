package org.fengqiao.account.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fengqiao.account.StaffRole;

/**
 * Which subtrees of the jurisdiction a person sees. Police staff see their unit's. Those who serve grids without
 * police powers (grid coordinators, grid members, informants, volunteers: the 群防群治 forces of seed 002) see
 * the grids they serve: the units of those grids, when the grids sit under units of their own (a work point per
 * grid, 网格有点, seed 003). Seated at a central office that answers for 65 grids, a village group leader who
 * serves two of them would otherwise read the records of all 65.
 * <p>
 * Only the grids at or under the person's own unit count: the scope is never wider than his unit. A grid at his
 * unit itself, or no grid served at all, leaves him his unit's subtree, as before.
 */
public final class ScopePolicy {

    /** The roles whose scope is the grids they serve. Auxiliary police stand duty for their unit and keep it. */
    static final Set<StaffRole> SERVE_GRIDS = EnumSet.of(StaffRole.GRID_COORDINATOR, StaffRole.GRID_MEMBER,
            StaffRole.INFORMANT, StaffRole.VOLUNTEER);

    /**
     * The roles who report only in the grids they serve: all who serve grids. Seed 002 gives each of them named grids
     * and the work in them: a grid member (a village group leader, a volunteer) "负责本网格内的各项工作", a volunteer
     * stands at his posts and patrols his grids, a coordinator (the village party secretary) coordinates the grids of
     * his village, an informant gathers what is said in his. What they meet elsewhere is their officer's to report (the
     * police keep their unit's reach: an informant's clue from beyond his grid goes to the officer who handles him).
     * Reporting across the office, each handed his reports to the manager of a grid he has nothing to do with.
     */
    static final Set<StaffRole> REPORT_IN_SERVED_GRIDS = SERVE_GRIDS;

    private ScopePolicy() {
    }

    /** Whether the role reads the grids its holder serves (when he serves any at or under his unit), not his unit. */
    public static boolean readsServedGrids(StaffRole role) {
        return SERVE_GRIDS.contains(role);
    }

    /**
     * The unit paths a person may report in: his unit's subtree, or for one who serves grids the grids he serves (his
     * unit's subtree while he serves none), never wider than what he reads.
     */
    static List<String> reportScope(StaffRole role, String unitPath, Collection<String> servedGridUnits) {
        return REPORT_IN_SERVED_GRIDS.contains(role) ? scope(role, unitPath, servedGridUnits) : List.of(unitPath);
    }

    /**
     * The grids a person may report in, of those his {@link #reportScope} covers: for one who serves grids, the grids
     * he serves at or under his unit themselves ({@code servedGridUnits} holds each one's unit path, in the same
     * order); null for anyone else, or while he serves none there (any grid of his report scope). A grid placed at its
     * central office (no work point of its own) has the office's path, which covers every grid of the office: the path
     * alone would let him report in all of them.
     */
    static List<java.util.UUID> reportGrids(StaffRole role, String unitPath, List<String> servedGridUnits,
            List<java.util.UUID> servedGrids) {
        if (!REPORT_IN_SERVED_GRIDS.contains(role) || servedGrids.size() != servedGridUnits.size()) {
            return null;
        }
        List<java.util.UUID> inside = new ArrayList<>();
        for (int i = 0; i < servedGrids.size(); i++) {
            if (servedGridUnits.get(i).startsWith(unitPath) && !inside.contains(servedGrids.get(i))) {
                inside.add(servedGrids.get(i));
            }
        }
        return inside.isEmpty() ? null : List.copyOf(inside);
    }

    /**
     * The unit paths a person sees the subtrees of.
     *
     * @param servedGridUnits the unit paths of the grids he serves now (his current grid roles)
     */
    static List<String> scope(StaffRole role, String unitPath, Collection<String> servedGridUnits) {
        if (!SERVE_GRIDS.contains(role)) {
            return List.of(unitPath);
        }
        List<String> inside = servedGridUnits.stream().filter(p -> p.startsWith(unitPath)).distinct().sorted().toList();
        if (inside.isEmpty() || inside.contains(unitPath)) {
            return List.of(unitPath);
        }
        // sorted, a unit comes before the units under it: keep only those no kept one covers
        List<String> kept = new ArrayList<>();
        for (String path : inside) {
            if (kept.stream().noneMatch(path::startsWith)) {
                kept.add(path);
            }
        }
        return List.copyOf(kept);
    }
}
