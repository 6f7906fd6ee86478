package org.fengqiao.jurisdiction.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GroupingId;
import org.fengqiao.jurisdiction.GroupingKind;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Police districts, cooperation zones and joint-patrol zones. A grouping is seen by whoever sees
 * the unit that runs it; its member communities are listed only as far as the caller sees them. A retired grouping
 * is kept, with its last communities, for what names it, and is out of every list here.
 */
@Repository
public class Groupings {

    private static final String SELECT = """
            SELECT gr.id, gr.kind, gr.code, gr.name, gr.unit_id, u.name AS unit_name, gr.note
            FROM grouping gr JOIN unit u ON u.id = gr.unit_id
            """;

    private final JdbcClient jdbc;

    public Groupings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(UUID id, GroupingKind kind, String code, String name, UUID unitId, String unitName, String note) {
    }

    public record Member(UUID id, String code, String name) {
    }

    /**
     * The groupings in use of the caller's scope, each unit's together, the units in the jurisdiction tree's order (a
     * unit before the units under it, sibling units by code, as the tree page lists them), a unit's police districts
     * first, then its cooperation and its joint-patrol zones, as the kinds are declared. A unit's place is the codes
     * of the units on its path, from the top down: its path itself is of ids, which put sibling stations in no order
     * anyone could follow.
     */
    public List<Row> visible(Caller caller, GroupingKind kind) {
        return jdbc.sql(SELECT + """
                 WHERE u.path LIKE ANY(:scope) AND gr.retired_at IS NULL
                   AND (CAST(:kind AS text) IS NULL OR gr.kind = :kind)
                 ORDER BY ARRAY(SELECT a.code FROM unnest(CAST(string_to_array(trim(BOTH '/' FROM u.path), '/') AS uuid[]))
                                    WITH ORDINALITY AS p (id, n) JOIN unit a ON a.id = p.id ORDER BY p.n),
                          array_position(CAST(:kinds AS text[]), gr.kind), gr.code""")
                .param("kinds", java.util.Arrays.stream(GroupingKind.values()).map(Enum::name).toArray(String[]::new))
                .param("scope", caller.scopePatterns()).param("kind", kind == null ? null : kind.name())
                .query(Groupings::map).list();
    }

    public Optional<Row> findVisible(GroupingId id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE gr.id = ? AND u.path LIKE ANY(?) AND gr.retired_at IS NULL")
                .param(id.value()).param(caller.scopePatterns()).query(Groupings::map).optional();
    }

    public List<Member> members(GroupingId id, Caller caller) {
        return jdbc.sql("""
                SELECT c.id, c.code, c.name FROM grouping_community gc
                JOIN community c ON c.id = gc.community_id JOIN unit u ON u.id = c.unit_id
                WHERE gc.grouping_id = ? AND u.path LIKE ANY(?) ORDER BY c.code""")
                .param(id.value()).param(caller.scopePatterns())
                .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name")))
                .list();
    }

    /** A new grouping with its member communities; the caller has checked that they sit under the unit. */
    public GroupingId insert(UUID id, GroupingKind kind, String code, String name, UnitId unit,
            List<CommunityId> communities) {
        jdbc.sql("INSERT INTO grouping (id, kind, code, name, unit_id) VALUES (?, ?, ?, ?, ?)")
                .params(id, kind.name(), code, name, unit.value()).update();
        for (CommunityId community : communities) {
            jdbc.sql("INSERT INTO grouping_community (grouping_id, community_id) VALUES (?, ?)")
                    .params(id, community.value()).update();
        }
        return new GroupingId(id);
    }

    /** The grouping in use, held until the caller's transaction ends, so two changes of it follow one another. */
    public Optional<Row> findVisibleHeld(GroupingId id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE gr.id = ? AND u.path LIKE ANY(?) AND gr.retired_at IS NULL FOR UPDATE OF gr")
                .param(id.value()).param(caller.scopePatterns()).query(Groupings::map).optional();
    }

    /** Its communities, whoever sees them: for the audit entry of a change, which records what the grouping held. */
    public List<Member> allMembers(GroupingId id) {
        return jdbc.sql("""
                SELECT c.id, c.code, c.name FROM grouping_community gc JOIN community c ON c.id = gc.community_id
                WHERE gc.grouping_id = ? ORDER BY c.code""")
                .param(id.value())
                .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name")))
                .list();
    }

    /** Whether a grouping, in use or retired, bears the code (a code is not reused, as records name it). */
    public boolean codeTaken(String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM grouping WHERE code = ?)").param(code).query(Boolean.class)
                .single();
    }

    public void rename(GroupingId id, String name) {
        jdbc.sql("UPDATE grouping SET name = ?, version = version + 1 WHERE id = ?").params(name, id.value()).update();
    }

    /** The grouping's communities become exactly these. */
    public void replaceMembers(GroupingId id, java.util.Collection<CommunityId> communities) {
        jdbc.sql("DELETE FROM grouping_community WHERE grouping_id = ?").param(id.value()).update();
        for (CommunityId community : communities) {
            jdbc.sql("INSERT INTO grouping_community (grouping_id, community_id) VALUES (?, ?)")
                    .params(id.value(), community.value()).update();
        }
        jdbc.sql("UPDATE grouping SET version = version + 1 WHERE id = ?").param(id.value()).update();
    }

    public void retire(GroupingId id) {
        jdbc.sql("UPDATE grouping SET retired_at = now(), version = version + 1 WHERE id = ?").param(id.value())
                .update();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), GroupingKind.valueOf(rs.getString("kind")), rs.getString("code"),
                rs.getString("name"), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"), rs.getString("note"));
    }
}
