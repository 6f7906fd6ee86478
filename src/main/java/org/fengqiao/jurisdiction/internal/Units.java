package org.fengqiao.jurisdiction.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The units of the police hierarchy. Scoped reads take the caller's subtree patterns into the SQL. */
@Repository
public class Units {

    static final String COLUMNS = "u.id, u.parent_id, u.kind, u.code, u.name, u.division_code, u.path, u.depth";

    private final JdbcClient jdbc;

    public Units(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Unit> find(UnitId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.id = ?").param(id.value())
                .query(Units::map).optional();
    }

    public Optional<Unit> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.code = ?").param(code)
                .query(Units::map).optional();
    }

    /** A unit the caller may see, or nothing: outside the scope is the same as absent. */
    public Optional<Unit> findVisible(UnitId id, Caller caller) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.id = ? AND u.path LIKE ANY(?) AND u.retired_at IS NULL")
                .param(id.value()).param(caller.scopePatterns())
                .query(Units::map).optional();
    }

    /** Every unit in the caller's subtrees, in tree order; a retired unit is no longer there. */
    public List<Unit> visible(Caller caller) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.path LIKE ANY(?) AND u.retired_at IS NULL ORDER BY u.path")
                .param(caller.scopePatterns())
                .query(Units::map).list();
    }

    /**
     * A unit of the visible tree with how many communities and grids it answers for directly: a grid counts at its
     * community's unit only, not again at its own work point below it, so the counts of all units add up to the grids.
     * A retired grid is history, not ground the unit answers for: it is not counted.
     */
    public record Counted(Unit unit, long communities, long grids, long totalCommunities, long totalGrids) {
    }

    private static final String COUNTS = """
            , (SELECT count(*) FROM community c WHERE c.unit_id = u.id) AS communities,
              (SELECT count(*) FROM grid g JOIN community c ON c.id = g.community_id
                WHERE c.unit_id = u.id AND g.retired_at IS NULL) AS grids,
              (SELECT count(*) FROM community c JOIN unit cu ON cu.id = c.unit_id
                WHERE cu.path LIKE u.path || '%') AS total_communities,
              (SELECT count(*) FROM grid g JOIN community c ON c.id = g.community_id JOIN unit cu ON cu.id = c.unit_id
                WHERE cu.path LIKE u.path || '%' AND g.retired_at IS NULL) AS total_grids
            """;

    /**
     * Every visible unit in tree order, with its direct community and grid counts and those of its whole subtree (a
     * station's villages, however many central offices and workstations lie between), in one query.
     */
    public List<Counted> visibleCounted(Caller caller) {
        return jdbc.sql("SELECT " + COLUMNS + COUNTS + "FROM unit u WHERE u.path LIKE ANY(?) AND u.retired_at IS NULL ORDER BY u.path")
                .param(caller.scopePatterns())
                .query(Units::counted).list();
    }

    /** One visible unit with its counts, as {@link #visibleCounted} gives each. */
    public Optional<Counted> findVisibleCounted(UnitId id, Caller caller) {
        return jdbc.sql("SELECT " + COLUMNS + COUNTS
                        + "FROM unit u WHERE u.id = ? AND u.path LIKE ANY(?) AND u.retired_at IS NULL")
                .param(id.value()).param(caller.scopePatterns())
                .query(Units::counted).optional();
    }

    private static Counted counted(ResultSet rs, int n) throws SQLException {
        return new Counted(map(rs, n), rs.getLong("communities"), rs.getLong("grids"), rs.getLong("total_communities"),
                rs.getLong("total_grids"));
    }

    /** The visible units directly under a unit. */
    public List<Unit> children(UnitId parent, Caller caller) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.parent_id = ? AND u.path LIKE ANY(?) AND u.retired_at IS NULL ORDER BY u.code")
                .param(parent.value()).param(caller.scopePatterns())
                .query(Units::map).list();
    }

    /**
     * The units under a community's unit that a grid of it may not be placed at, as they answer for others: a unit
     * at or under one (below the community's unit) that holds another community or its grids (another village's
     * workstation, or a work point under it), and a work point holding another grid (网格有点: a work point stands for
     * its one grid). {@code grid} null: a grid not stored yet; the grid itself never counts as another, whatever
     * community it is stored under.
     */
    public Set<UnitId> answeringForOthers(Unit communityUnit, UUID community, UUID grid) {
        return new HashSet<>(answeringForOthers(communityUnit, community, grid, null));
    }

    /** Whether the unit is one of {@link #answeringForOthers(Unit, UUID, UUID)}, asked of that unit alone. */
    public boolean answersForOthers(Unit communityUnit, UUID community, UUID grid, UnitId unit) {
        return !answeringForOthers(communityUnit, community, grid, unit.value()).isEmpty();
    }

    private List<UnitId> answeringForOthers(Unit communityUnit, UUID community, UUID grid, UUID only) {
        return jdbc.sql("""
                SELECT u.id FROM unit u
                WHERE u.path LIKE :root AND u.id <> :rootId
                  AND (CAST(:only AS uuid) IS NULL OR u.id = CAST(:only AS uuid)) AND (
                  EXISTS (SELECT 1 FROM unit a
                          WHERE u.path LIKE a.path || '%' AND a.path LIKE :root AND a.id <> :rootId AND (
                            EXISTS (SELECT 1 FROM grid g JOIN unit gu ON gu.id = g.unit_id
                                    WHERE gu.path LIKE a.path || '%' AND g.community_id <> :community
                                      AND g.id IS DISTINCT FROM CAST(:grid AS uuid))
                            OR EXISTS (SELECT 1 FROM community c JOIN unit cu ON cu.id = c.unit_id
                                       WHERE cu.path LIKE a.path || '%' AND c.id <> :community)))
                  OR (u.kind = 'WORK_POINT' AND EXISTS (SELECT 1 FROM grid g WHERE g.unit_id = u.id
                                                         AND g.id IS DISTINCT FROM CAST(:grid AS uuid))))""")
                .param("root", communityUnit.path() + "%").param("rootId", communityUnit.id().value())
                .param("community", community).param("grid", grid).param("only", only)
                .query((rs, n) -> new UnitId(rs.getObject(1, UUID.class))).list();
    }

    public boolean codeTaken(String code) {
        return jdbc.sql("SELECT count(*) FROM unit WHERE code = ?").param(code).query(Long.class).single() > 0;
    }

    /** The unit and everything under it. */
    public List<Unit> subtree(Unit root) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.path LIKE ? ORDER BY u.path")
                .param(root.path() + "%")
                .query(Units::map).list();
    }

    public Unit insert(UUID id, Unit parent, UnitKind kind, String code, String name, String divisionCode,
            String address, String phone) {
        String path = (parent == null ? "/" : parent.path()) + id + "/";
        int depth = parent == null ? 0 : parent.depth() + 1;
        jdbc.sql("""
                INSERT INTO unit (id, parent_id, kind, code, name, division_code, address, phone, path, depth)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, parent == null ? null : parent.id().value(), kind.name(), code, name, divisionCode,
                        address, phone, path, depth)
                .update();
        return new Unit(new UnitId(id), parent == null ? null : parent.id(), kind, code, name, divisionCode, path, depth);
    }

    /**
     * {@link #insert} unless a unit holds the code: written by another person and not yet committed, the insert waits
     * for his commit and then writes nothing. Empty when the code was taken (the holder is then readable by
     * {@link #findByCode}, committed), instead of the refused write that would end the caller's transaction.
     */
    public Optional<Unit> insertUnlessCodeTaken(UUID id, Unit parent, UnitKind kind, String code, String name,
            String divisionCode) {
        String path = parent.path() + id + "/";
        int written = jdbc.sql("""
                INSERT INTO unit (id, parent_id, kind, code, name, division_code, path, depth)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING""")
                .params(id, parent.id().value(), kind.name(), code, name, divisionCode, path, parent.depth() + 1)
                .update();
        return written == 0 ? Optional.empty()
                : Optional.of(new Unit(new UnitId(id), parent.id(), kind, code, name, divisionCode, path,
                        parent.depth() + 1));
    }

    /**
     * The unit and everything under it moved under another parent: every path in the subtree takes the new prefix, so
     * every record scoped through a unit's path (a person, an incident, a grid) follows at once. A table of another
     * module that keeps a copy of a unit's path for its own scope (an inbox entry, a supervision notice, a duty
     * result) keeps it in a column named unit_path and is rewritten alike, found by that name so that one added
     * later follows too; the audit trail alone keeps the path the entry was written under, as it is sealed history.
     */
    public void move(Unit unit, Unit parent) {
        String oldPrefix = unit.path();
        String newPrefix = parent.path() + unit.id().value() + "/";
        int shift = parent.depth() + 1 - unit.depth();
        jdbc.sql("""
                UPDATE unit SET path = :next || substr(path, length(:old) + 1), depth = depth + :shift,
                       version = version + 1
                WHERE path LIKE :old || '%'""")
                .param("next", newPrefix).param("old", oldPrefix).param("shift", shift).update();
        jdbc.sql("UPDATE unit SET parent_id = ? WHERE id = ?").params(parent.id().value(), unit.id().value()).update();
        List<String> copies = jdbc.sql("""
                SELECT c.table_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND c.column_name = 'unit_path' AND t.table_type = 'BASE TABLE'
                  AND c.table_name <> 'audit_entry' ORDER BY c.table_name""").query(String.class).list();
        for (String table : copies) {
            jdbc.sql("UPDATE \"" + table + "\" SET unit_path = :next || substr(unit_path, length(:old) + 1)"
                    + " WHERE unit_path LIKE :old || '%'").param("next", newPrefix).param("old", oldPrefix).update();
        }
    }

    /**
     * A grid placed under the unit (at its work point) whose community's unit lies outside it, named with its
     * community: moved along, it would no longer lie at or under its community's unit.
     */
    public Optional<List<String>> gridLeftBehind(Unit unit) {
        return jdbc.sql("""
                SELECT g.name, c.name FROM grid g JOIN unit gu ON gu.id = g.unit_id
                JOIN community c ON c.id = g.community_id JOIN unit cu ON cu.id = c.unit_id
                WHERE gu.path LIKE :root AND cu.path NOT LIKE :root ORDER BY g.code LIMIT 1""")
                .param("root", unit.path() + "%")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).optional();
    }

    /**
     * A police district or zone of a unit outside the moved one and not above its new parent that takes in a
     * community under the moved unit, named with that community (its name, the community's, its kind, its unit's
     * name): after the move the community would lie outside it.
     */
    public Optional<List<String>> groupingLeftBehind(Unit unit, Unit parent) {
        return jdbc.sql("""
                SELECT gr.name, c.name, gr.kind, owner.name FROM grouping gr JOIN unit owner ON owner.id = gr.unit_id
                JOIN grouping_community gc ON gc.grouping_id = gr.id JOIN community c ON c.id = gc.community_id
                JOIN unit cu ON cu.id = c.unit_id
                WHERE cu.path LIKE :root AND owner.path NOT LIKE :root AND :parent NOT LIKE owner.path || '%'
                  AND gr.retired_at IS NULL
                ORDER BY gr.code LIMIT 1""")
                .param("root", unit.path() + "%").param("parent", parent.path())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /**
     * What is left at exactly this unit of the tree itself: the units under it, its communities, the grids placed at it
     * (a retired grid keeps its placement for the records that name it, and does not hold the unit back).
     */
    public record Left(long units, long communities, long grids) {
    }

    public Left leftAt(UnitId id) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM unit c WHERE c.parent_id = :id AND c.retired_at IS NULL),
                       (SELECT count(*) FROM community c WHERE c.unit_id = :id),
                       (SELECT count(*) FROM grid g WHERE g.unit_id = :id AND g.retired_at IS NULL)""")
                .param("id", id.value())
                .query((rs, n) -> new Left(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    public void retire(UnitId id) {
        jdbc.sql("UPDATE unit SET retired_at = now(), version = version + 1 WHERE id = ?").param(id.value()).update();
    }

    public void rename(UnitId id, String name) {
        jdbc.sql("UPDATE unit SET name = ?, version = version + 1 WHERE id = ?").params(name, id.value()).update();
    }

    /**
     * Whether another unit in use under the same parent bears the name: two stations both called 城区派出所 could not
     * be told apart in any choice list. The unit itself does not count (renamed to its own name, nothing changes).
     */
    public boolean siblingNamed(Unit unit, String name) {
        return jdbc.sql("""
                SELECT count(*) FROM unit WHERE parent_id IS NOT DISTINCT FROM ? AND name = ? AND id <> ?
                  AND retired_at IS NULL""")
                .params(unit.parentId() == null ? null : unit.parentId().value(), name, unit.id().value())
                .query(Long.class).single() > 0;
    }

    /**
     * The units directly under a community's unit that its grids are placed under (each grid's own work point, 网格有点),
     * to move along with the community; each with whether anything else lies under it (another community, or a grid of
     * another community), as such a unit cannot follow one village.
     */
    public record Serving(Unit unit, boolean servesOthers) {
    }

    public List<Serving> serving(Unit communityUnit, UUID community) {
        return jdbc.sql("SELECT " + COLUMNS + """
                , EXISTS (SELECT 1 FROM grid og JOIN unit ou ON ou.id = og.unit_id
                          WHERE ou.path LIKE u.path || '%' AND og.community_id <> :community)
                  OR EXISTS (SELECT 1 FROM community oc JOIN unit ou ON ou.id = oc.unit_id
                             WHERE ou.path LIKE u.path || '%' AND oc.id <> :community) AS serves_others
                FROM unit u WHERE u.parent_id = :root AND EXISTS (
                    SELECT 1 FROM grid g JOIN unit gu ON gu.id = g.unit_id
                    WHERE g.community_id = :community AND gu.path LIKE u.path || '%')
                ORDER BY u.code""")
                .param("community", community).param("root", communityUnit.id().value())
                .query((rs, n) -> new Serving(map(rs, n), rs.getBoolean("serves_others"))).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single();
    }

    static Unit map(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject("parent_id", UUID.class);
        return new Unit(new UnitId(rs.getObject("id", UUID.class)), parent == null ? null : new UnitId(parent),
                UnitKind.valueOf(rs.getString("kind")), rs.getString("code"), rs.getString("name"),
                rs.getString("division_code"), rs.getString("path"), rs.getInt("depth"));
    }
}
