package org.fengqiao.mediation.internal;

import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;

/**
 * Who acts on a case: a signed-in person scoped to his units, or the application itself (scope null: everything).
 * {@code reach}: the grids he reads of those paths (a grid worker: those he serves, and the cases that are his).
 * {@code readsPeople}: whether he may read the population records (POPULATION_READ), to link and see persons of them.
 */
public record Actor(UUID staffId, String name, List<String> scopePaths, boolean readsPeople, GridReach reach) {

    /** One who reads every grid of his unit paths. */
    public Actor(UUID staffId, String name, List<String> scopePaths, boolean readsPeople) {
        this(staffId, name, scopePaths, readsPeople, GridReach.EVERY_GRID);
    }

    public static Actor of(Caller caller) {
        return new Actor(caller.staffId(), caller.displayName(), caller.unitPaths(), caller.may("POPULATION_READ"),
                GridReach.of(caller));
    }

    public static Actor system(String name) {
        return new Actor(null, name, null, true);
    }

    public boolean sees(String path) {
        return scopePaths == null || (path != null && scopePaths.stream().anyMatch(path::startsWith));
    }
}
