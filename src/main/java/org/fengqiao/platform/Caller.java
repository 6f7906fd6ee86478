package org.fengqiao.platform;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking: the signed-in staff member, the role, and the materialised paths of the units
 * whose subtrees the caller may see. Every scoped query takes {@link #unitPaths()} as its
 * prefix list, so the scope is applied inside the database query itself.
 * <p>
 * {@link #reportPaths()} are where he may report what he sees: for now what he reads (his unit's subtree, or for those
 * who serve grids the grids they serve), kept apart so that a role may report wider than it reads.
 * {@link #reportGrids()}, when not null, are the grids themselves he may report in (those he serves): a grid placed at
 * its central office has the office's path, which covers all the office's grids.
 */
public record Caller(
        UUID staffId,
        String username,
        String displayName,
        String role,
        List<String> unitPaths,
        Set<String> permissions,
        List<String> reportPaths,
        List<UUID> reportGrids) implements Serializable {

    /** A caller who reports where he reads. */
    public Caller(UUID staffId, String username, String displayName, String role, List<String> unitPaths,
            Set<String> permissions) {
        this(staffId, username, displayName, role, unitPaths, permissions, unitPaths);
    }

    /** A caller who reports in any grid of his report paths. */
    public Caller(UUID staffId, String username, String displayName, String role, List<String> unitPaths,
            Set<String> permissions, List<String> reportPaths) {
        this(staffId, username, displayName, role, unitPaths, permissions, reportPaths, null);
    }

    /** Where he may report; where he reads when not given (a session signed in before there was the difference). */
    @Override
    public List<String> reportPaths() {
        return reportPaths != null ? reportPaths : unitPaths;
    }

    /**
     * The same person scoped to where he may report: what a report's form offers him to choose from (the grids of
     * these paths that {@link #mayReportIn} allows).
     */
    public Caller asReporter() {
        return new Caller(staffId, username, displayName, role, reportPaths(), permissions, reportPaths(), reportGrids);
    }

    /**
     * The grids he serves, as his sign-in found them, when they narrow what he reads of his unit paths: the same as
     * {@link #reportGrids()} (a grid member, coordinator, informant or volunteer reads the records of the grids he works
     * in, not every grid of the office his grids are placed at); null for everyone else, who reads every grid of his
     * unit paths. Read through {@link GridReach#of(Caller)}, which adds what is his elsewhere, for every module alike.
     */
    public List<UUID> readGrids() {
        return reportGrids;
    }

    /** Whether he may report in this grid, at this unit path. */
    public boolean mayReportIn(UUID grid, String gridUnitPath) {
        return gridUnitPath != null && reportPaths().stream().anyMatch(gridUnitPath::startsWith)
                && (reportGrids == null || reportGrids.contains(grid));
    }

    public boolean may(String permission) {
        return permissions.contains(permission);
    }

    /** The SQL LIKE patterns of the visible subtrees, for {@code path LIKE ANY(:scope)}. */
    public String[] scopePatterns() {
        return unitPaths.stream().map(p -> p + "%").toArray(String[]::new);
    }

    public boolean sees(String path) {
        return path != null && unitPaths.stream().anyMatch(path::startsWith);
    }
}
