package org.fengqiao.incident.internal;

import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.GridReach;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * What of the incidents a reader reaches ({@link ReadingPolicy}): those whose grid lies under his unit paths, and of
 * those the grids {@link GridReach} gives him (the rule every module that keeps records per grid reads by): every grid
 * of the paths for the police and the staff of a unit, the grids he serves for one who serves grids, with the items
 * that are his there (he owns it or filed it). Every read for a person applies it inside the SQL, as the unit paths
 * always were ({@link #condition(String, String)} with {@link #bind}), so an item beyond it is not found, exactly as
 * one that does not exist.
 *
 * @param paths     the unit paths; null: everything (the application itself)
 * @param gridReach the grids he reads of those paths ({@link GridReach#EVERY_GRID}: all of them)
 */
public record Reach(List<String> paths, GridReach gridReach) {

    /** Everything: the application itself. */
    public static final Reach ALL = new Reach(null, GridReach.EVERY_GRID);

    public Reach {
        gridReach = gridReach == null ? GridReach.EVERY_GRID : gridReach;
    }

    /** What this person reads ({@link ReadingPolicy}). */
    public static Reach of(org.fengqiao.platform.Caller caller) {
        return ReadingPolicy.reach(caller);
    }

    /** Every grid of these unit paths (null: everything). */
    public static Reach within(List<String> paths) {
        return new Reach(paths, GridReach.EVERY_GRID);
    }

    /** The same reader within other unit paths (a list filtered to one unit of his), his grids still bounding it. */
    public Reach narrowedTo(List<String> narrower) {
        return new Reach(narrower, gridReach);
    }

    public boolean everything() {
        return paths == null;
    }

    /** The grids he reads when narrower than his paths; null: every grid of them. */
    public List<UUID> grids() {
        return gridReach.grids();
    }

    /**
     * The SQL condition for the incident of alias {@code i} joined to its grid's unit as {@code u} (a subquery's row
     * may stand for both: {@code path}, {@code grid_id}, {@code owner_staff_id} and {@code created_by} read from it).
     * Parameters {@code :scope}, and for the grids those of {@link GridReach#params()}.
     */
    public String condition(String i, String u) {
        if (paths == null) {
            return " true ";
        }
        return " " + u + ".path LIKE ANY(CAST(:scope AS text[])) " + gridCondition(i);
    }

    /**
     * The part of the condition beyond the unit paths, for the incident of alias {@code i}: {@link GridReach#condition}
     * for its grid, an item he owns or filed being his; empty for a reader of every grid of his paths.
     */
    public String gridCondition(String i) {
        if (paths == null) {
            return "";
        }
        return gridReach.condition(i + ".grid_id", i + ".owner_staff_id = :reachMe", i + ".created_by = :reachMe");
    }

    /** {@link #condition(String, String)} for {@code i} and {@code u}. */
    public String condition() {
        return condition("i", "u");
    }

    /** Binds the parameters the condition names. */
    public StatementSpec bind(StatementSpec spec) {
        StatementSpec bound = spec.param("scope", paths == null ? new String[0] : Incidents.patterns(paths));
        return paths == null ? bound : bound.params(gridReach.params());
    }

    /** Whether an item of this grid, at this unit path, owned and filed by these, is in reach (as the SQL decides). */
    public boolean reaches(UUID grid, String unitPath, UUID owner, UUID filer) {
        if (paths == null) {
            return true;
        }
        if (unitPath == null || paths.stream().noneMatch(unitPath::startsWith)) {
            return false;
        }
        return gridReach.reaches(grid, gridReach.isReader(owner) || gridReach.isReader(filer));
    }
}
