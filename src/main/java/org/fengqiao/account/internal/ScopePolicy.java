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
final class ScopePolicy {

    /** The roles whose scope is the grids they serve. Auxiliary police stand duty for their unit and keep it. */
    static final Set<StaffRole> SERVE_GRIDS = EnumSet.of(StaffRole.GRID_COORDINATOR, StaffRole.GRID_MEMBER,
            StaffRole.INFORMANT, StaffRole.VOLUNTEER);

    /**
     * The roles who report only in the grids they serve. A volunteer stands at his posts and patrols his grids
     * (seed 002: 点线面 prevention) and reports what he meets there, as a volunteer; a village group leader (grid
     * member), a coordinator or an informant hears of matters across the village and reports anywhere his office
     * answers for.
     */
    static final Set<StaffRole> REPORT_IN_SERVED_GRIDS = EnumSet.of(StaffRole.VOLUNTEER);

    private ScopePolicy() {
    }

    /**
     * The unit paths a person may report in: his unit's subtree, or for a volunteer the grids he serves (his unit's
     * subtree while he serves none), never wider than what he reads.
     */
    static List<String> reportScope(StaffRole role, String unitPath, Collection<String> servedGridUnits) {
        return REPORT_IN_SERVED_GRIDS.contains(role) ? scope(role, unitPath, servedGridUnits) : List.of(unitPath);
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
