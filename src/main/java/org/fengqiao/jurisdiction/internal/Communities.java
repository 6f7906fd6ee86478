package org.fengqiao.jurisdiction.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class Communities {

    private static final String SELECT = """
            SELECT c.id, c.unit_id, c.kind, c.code, c.name, c.division_code, c.officer_id, c.patrol_member_id,
                   c.security_member_id, c.households, c.population
            FROM community c JOIN unit u ON u.id = c.unit_id""";

    private final JdbcClient jdbc;

    public Communities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Community> find(CommunityId id) {
        return jdbc.sql(SELECT + " WHERE c.id = ?").param(id.value()).query(Communities::map).optional();
    }

    public Optional<Community> findByCode(String code) {
        return jdbc.sql(SELECT + " WHERE c.code = ?").param(code).query(Communities::map).optional();
    }

    public Optional<Community> findVisible(CommunityId id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE c.id = ? AND u.path LIKE ANY(?)")
                .param(id.value()).param(caller.scopePatterns()).query(Communities::map).optional();
    }

    public List<Community> visible(Caller caller) {
        return jdbc.sql(SELECT + " WHERE u.path LIKE ANY(?) ORDER BY c.code")
                .param(caller.scopePatterns()).query(Communities::map).list();
    }

    /** The communities a unit answers for directly. */
    public List<Community> ofUnit(UnitId unit, Caller caller) {
        return jdbc.sql(SELECT + " WHERE c.unit_id = ? AND u.path LIKE ANY(?) ORDER BY c.code")
                .param(unit.value()).param(caller.scopePatterns()).query(Communities::map).list();
    }

    /** The community with a code if the caller sees it; an unknown code and one outside the scope look the same. */
    public Optional<Community> findVisibleByCode(String code, Caller caller) {
        return jdbc.sql(SELECT + " WHERE c.code = ? AND u.path LIKE ANY(?)")
                .param(code).param(caller.scopePatterns()).query(Communities::map).optional();
    }

    public List<Community> under(UnitId unit, Caller caller) {
        return jdbc.sql(SELECT + " WHERE u.path LIKE (SELECT path FROM unit WHERE id = ?) || '%' AND u.path LIKE ANY(?) ORDER BY c.code")
                .param(unit.value()).param(caller.scopePatterns()).query(Communities::map).list();
    }

    public Community insert(UUID id, UnitId unit, CommunityKind kind, String code, String name, String divisionCode,
            Integer households, Integer population) {
        jdbc.sql("""
                INSERT INTO community (id, unit_id, kind, code, name, division_code, households, population)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, unit.value(), kind.name(), code, name, divisionCode, households, population).update();
        return new Community(new CommunityId(id), unit, kind, code, name, divisionCode, null, null, null,
                households, population);
    }

    public void assignOfficers(CommunityId id, UUID officer, UUID patrolMember, UUID securityMember) {
        jdbc.sql("""
                UPDATE community SET officer_id = ?, patrol_member_id = ?, security_member_id = ?, version = version + 1
                WHERE id = ?""").params(officer, patrolMember, securityMember, id.value()).update();
    }

    /**
     * The community handed to another unit. Its responsible officer and auxiliary members are cleared: they were named
     * by the office that gave it away, and the office that takes it names its own (一村一警).
     */
    public void handTo(CommunityId id, UnitId unit) {
        jdbc.sql("""
                UPDATE community SET unit_id = ?, officer_id = NULL, patrol_member_id = NULL, security_member_id = NULL,
                       version = version + 1
                WHERE id = ?""").params(unit.value(), id.value()).update();
    }

    /**
     * The police districts and zones in use that take the community in, each as its name, its owner unit's path, its
     * kind and its owner unit's name (a retired one no longer holds the community anywhere).
     */
    public List<List<String>> groupingsOf(CommunityId id) {
        return jdbc.sql("""
                SELECT gr.name, owner.path, gr.kind, owner.name FROM grouping gr JOIN unit owner ON owner.id = gr.unit_id
                JOIN grouping_community gc ON gc.grouping_id = gr.id
                WHERE gc.community_id = ? AND gr.retired_at IS NULL ORDER BY gr.code""")
                .param(id.value())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    static Community map(ResultSet rs, int row) throws SQLException {
        return new Community(new CommunityId(rs.getObject("id", UUID.class)), new UnitId(rs.getObject("unit_id", UUID.class)),
                CommunityKind.valueOf(rs.getString("kind")), rs.getString("code"), rs.getString("name"),
                rs.getString("division_code"), rs.getObject("officer_id", UUID.class),
                rs.getObject("patrol_member_id", UUID.class), rs.getObject("security_member_id", UUID.class),
                (Integer) rs.getObject("households"), (Integer) rs.getObject("population"));
    }
}
