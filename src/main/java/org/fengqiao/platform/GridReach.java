package org.fengqiao.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which grids' records a person reads within his unit paths: the one rule for every record kept per grid (incidents,
 * persons, dispute cases and screenings, the hard-case board). The police and the staff of a unit (no grids served in
 * {@link Caller#readGrids()}: the sign-in's scope policy gives grids to those who serve them without police powers
 * only) reach every grid of their unit's subtree ({@link #EVERY_GRID}); one who serves grids (grid coordinator,
 * member, informant, volunteer) reaches the grids he serves and the records that are his there (a case whose team he
 * sits on, a claim he is on, an incident he owns or filed: each module says what of its records is his). A grid placed
 * at its central office has the office's path: by the path alone, a village group leader who serves one grid read
 * every grid of the office (ADR 10). Each module applies it inside its SQL beside the unit paths ({@link #condition}
 * with {@link #params}), so a record beyond it is not found, exactly as one that does not exist; the incident module's
 * {@code Reach} joins it to the unit paths for its many statements.
 *
 * @param grids   the grids he reads, when narrower than his paths; null: every grid of his paths
 * @param staffId who reads (what is his stays in reach); null for the application itself
 */
public record GridReach(List<UUID> grids, UUID staffId) {

    /** Every grid of the reader's unit paths: the police, and the application itself. */
    public static final GridReach EVERY_GRID = new GridReach(null, null);

    public GridReach {
        grids = grids == null ? null : List.copyOf(grids);
    }

    /** What this person reads (null: the application itself). */
    public static GridReach of(Caller caller) {
        return caller == null || caller.readGrids() == null ? EVERY_GRID
                : new GridReach(caller.readGrids(), caller.staffId());
    }

    /** Whether he reads fewer grids than his unit paths hold. */
    public boolean narrowed() {
        return grids != null;
    }

    /**
     * The SQL condition beyond the unit paths for a record whose grid is {@code gridColumn}: empty for a reader of
     * every grid of his paths, else {@code AND (gridColumn = ANY(:reachGrids) OR his…)}, where each of {@code his} is a
     * condition that the record is the reader's own, naming him as {@code :reachMe}. Parameters: {@link #params()}.
     */
    public String condition(String gridColumn, String... his) {
        if (grids == null) {
            return "";
        }
        StringBuilder sql = new StringBuilder(" AND (").append(gridColumn).append(" = ANY(CAST(:reachGrids AS uuid[]))");
        if (staffId != null) {
            for (String own : his) {
                sql.append(" OR ").append(own);
            }
        }
        return sql.append(") ").toString();
    }

    /** The named parameters {@link #condition} uses (none for a reader of every grid). */
    public Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        if (grids != null) {
            params.put("reachGrids", grids.toArray(UUID[]::new));
            if (staffId != null) {
                params.put("reachMe", staffId);
            }
        }
        return params;
    }

    /** Whether this person is the reader himself (a record of his stays in reach); never for the application. */
    public boolean isReader(UUID person) {
        return staffId != null && staffId.equals(person);
    }

    /** Whether a record of this grid is in reach ({@code his}: whether it is the reader's own), as the SQL decides. */
    public boolean reaches(UUID grid, boolean his) {
        return grids == null || grids.contains(grid) || (staffId != null && his);
    }
}
