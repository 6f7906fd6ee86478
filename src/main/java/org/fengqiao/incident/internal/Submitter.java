package org.fengqiao.incident.internal;

import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;

/**
 * Who files or changes an incident: a signed-in person (scoped to his units) or a system such as the 110
 * centre (scoped to the unit its key belongs to), or the application itself (scope null: everything).
 * {@code reportPaths} are where he may file a report ({@link Caller#reportPaths()}); null: anywhere. {@code reportGrids},
 * when not null, the grids of those paths he may file in ({@link Caller#reportGrids()}: the grids he serves).
 * {@code readGrids}, when not null, the grids of his scope whose items he reads ({@link GridReach#grids()}), besides
 * those he owns or filed ({@link #reach()}).
 */
public record Submitter(String key, UUID staffId, String name, List<String> scopePaths, List<String> reportPaths,
        List<UUID> reportGrids, List<UUID> readGrids) {

    /** One who reads every grid of his scope. */
    public Submitter(String key, UUID staffId, String name, List<String> scopePaths, List<String> reportPaths,
            List<UUID> reportGrids) {
        this(key, staffId, name, scopePaths, reportPaths, reportGrids, null);
    }

    /** One who files where he reads. */
    public Submitter(String key, UUID staffId, String name, List<String> scopePaths) {
        this(key, staffId, name, scopePaths, scopePaths);
    }

    /** One who files in any grid of his report paths. */
    public Submitter(String key, UUID staffId, String name, List<String> scopePaths, List<String> reportPaths) {
        this(key, staffId, name, scopePaths, reportPaths, null);
    }

    public static Submitter of(Caller caller) {
        if (caller.staffId() == null) {
            return new Submitter(caller.username(), null, caller.displayName(), caller.unitPaths(), caller.reportPaths(),
                    caller.reportGrids(), GridReach.of(caller).grids());
        }
        return new Submitter("staff:" + caller.staffId(), caller.staffId(), caller.displayName(), caller.unitPaths(),
                caller.reportPaths(), caller.reportGrids(), GridReach.of(caller).grids());
    }

    /** What of the incidents he reads ({@link ReadingPolicy}); everything for the application itself. */
    public Reach reach() {
        return new Reach(scopePaths, scopePaths == null || readGrids == null ? GridReach.EVERY_GRID
                : new GridReach(readGrids, staffId));
    }

    /** Whether he may file a report in this grid. */
    public boolean mayReportIn(Grid grid) {
        if (reportPaths == null) {
            return true;
        }
        String path = grid.unitPath();
        return path != null && reportPaths.stream().anyMatch(path::startsWith)
                && (reportGrids == null || reportGrids.contains(grid.id().value()));
    }

    public static Submitter system(String name) {
        return new Submitter("system", null, name, null);
    }

    public boolean sees(String path) {
        return scopePaths == null || (path != null && scopePaths.stream().anyMatch(path::startsWith));
    }
}
