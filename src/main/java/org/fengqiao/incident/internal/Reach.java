package org.fengqiao.incident.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What of the incidents a reader reaches ({@link ReadingPolicy}): those whose grid lies under his unit paths; when
 * {@code grids} is not null (one who serves grids), of those only the items of these grids and the items he owns or
 * filed himself. Every read for a person applies it inside the SQL, as the unit paths always were
 * ({@link #condition(String)} with {@link #bind}), so an item beyond it is not found, exactly as one that does not exist.
 *
 * @param paths   the unit paths; null: everything (the application itself)
 * @param grids   the grids he reads when narrower than the paths; null: every grid of the paths
 * @param staffId who reads (his own items and reports stay in reach); null for a system
 */
public record Reach(List<String> paths, List<UUID> grids, UUID staffId) {

    /** Everything: the application itself. */
    public static final Reach ALL = new Reach(null, null, null);

    /** What this person reads ({@link ReadingPolicy}). */
    public static Reach of(org.fengqiao.platform.Caller caller) {
        return ReadingPolicy.reach(caller);
    }

    /** Every grid of these unit paths (null: everything). */
    public static Reach within(List<String> paths) {
        return new Reach(paths, null, null);
    }

    /** The same reader within other unit paths (a list filtered to one unit of his), his grids still bounding it. */
    public Reach narrowedTo(List<String> narrower) {
        return new Reach(narrower, grids, staffId);
    }

    public boolean everything() {
        return paths == null;
    }

    /**
     * The SQL condition for the incident of alias {@code i} joined to its grid's unit as {@code u} (a subquery's row
     * may stand for both: {@code path}, {@code grid_id}, {@code owner_staff_id} and {@code created_by} read from it).
     * Parameters {@code :scope}, and for the grids {@code :reachGrids} and {@code :reachMe}.
     */
    public String condition(String i, String u) {
        if (paths == null) {
            return " true ";
        }
        return " " + u + ".path LIKE ANY(CAST(:scope AS text[])) " + gridCondition(i);
    }

    /**
     * The part of the condition beyond the unit paths, for the incident of alias {@code i}: empty for a reader of
     * every grid of his paths, else {@code AND (…)} with the parameters {@code :reachGrids} and {@code :reachMe}.
     */
    public String gridCondition(String i) {
        if (paths == null || grids == null) {
            return "";
        }
        return "AND (" + i + ".grid_id = ANY(CAST(:reachGrids AS uuid[]))"
                + (staffId == null ? "" : " OR " + i + ".owner_staff_id = :reachMe OR " + i + ".created_by = :reachMe")
                + ") ";
    }

    /** {@link #condition(String, String)} for {@code i} and {@code u}. */
    public String condition() {
        return condition("i", "u");
    }

    /** Binds the parameters the condition names. */
    public StatementSpec bind(StatementSpec spec) {
        StatementSpec bound = spec.param("scope", paths == null ? new String[0] : Incidents.patterns(paths));
        if (paths != null && grids != null) {
            bound = bound.param("reachGrids", grids.toArray(UUID[]::new));
            if (staffId != null) {
                bound = bound.param("reachMe", staffId);
            }
        }
        return bound;
    }

    /** Whether an item of this grid, at this unit path, owned and filed by these, is in reach (as the SQL decides). */
    public boolean reaches(UUID grid, String unitPath, UUID owner, UUID filer) {
        if (paths == null) {
            return true;
        }
        if (unitPath == null || paths.stream().noneMatch(unitPath::startsWith)) {
            return false;
        }
        return grids == null || grids.contains(grid)
                || (staffId != null && (staffId.equals(owner) || staffId.equals(filer)));
    }
}
