package org.fengqiao.forces.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.forces.TeamKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams and their members' terms, scoped through the team's unit inside every query. */
@Repository
public class Teams {

    public record Team(UUID id, UUID unitId, String unitName, String unitPath, UUID gridId, String gridName,
            TeamKind kind, String name, String note, long members, long version) {
    }

    public record Membership(UUID id, UUID teamId, String teamName, TeamKind kind, UUID staffId, String name,
            String role, String phoneMasked, boolean leader, LocalDate joinedOn, LocalDate leftOn) {
    }

    private static final String SELECT = """
            SELECT t.id, t.unit_id, u.name AS unit_name, u.path, t.grid_id, g.name AS grid_name, t.kind, t.name, t.note,
                   (SELECT count(*) FROM force_team_member tm JOIN staff s ON s.id = tm.staff_id
                        LEFT JOIN force_member m ON m.staff_id = s.id
                    WHERE tm.team_id = t.id AND tm.left_on IS NULL AND""" + Visibility.INFORMANT + """
                   ) AS members, t.version
            FROM force_team t JOIN unit u ON u.id = t.unit_id LEFT JOIN grid g ON g.id = t.grid_id
            """;

    private final JdbcClient jdbc;

    Teams(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, UUID unitId, UUID gridId, TeamKind kind, String name, String note) {
        jdbc.sql("INSERT INTO force_team (id, unit_id, grid_id, kind, name, note) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, unitId, gridId, kind.name(), name, note).update();
    }

    public boolean nameTaken(UUID unitId, String name) {
        return jdbc.sql("SELECT count(*) FROM force_team WHERE unit_id = ? AND name = ?").params(unitId, name)
                .query(Long.class).single() > 0;
    }

    public Optional<Team> find(UUID id, Visibility v) {
        return v.bind(jdbc.sql(SELECT + " WHERE t.id = :id AND" + Visibility.SCOPE + "AND" + Visibility.TEAM_REACH)).param("id", id)
                .query(Teams::map).optional();
    }

    /**
     * The teams of the scope after {@code after} (null: from the first) in the list's order, the id breaking ties:
     * the roster export reads them so, a page at a time, in one snapshot.
     */
    public List<Team> after(Visibility v, Team after, int limit) {
        String from = after == null ? "" : " AND (u.path, t.kind, t.name, t.id) > (:path, :kind, :name, :id)";
        var spec = v.bind(jdbc.sql(SELECT + " WHERE" + Visibility.SCOPE + "AND" + Visibility.TEAM_REACH + from
                + " ORDER BY u.path, t.kind, t.name, t.id LIMIT :limit")).param("limit", limit);
        if (after != null) {
            spec = spec.param("path", after.unitPath()).param("kind", after.kind().name()).param("name", after.name())
                    .param("id", after.id());
        }
        return spec.query(Teams::map).list();
    }

    public List<Team> list(Visibility v, TeamKind kind, UUID gridId, String q) {
        StringBuilder where = new StringBuilder(" WHERE" + Visibility.SCOPE + "AND" + Visibility.TEAM_REACH);
        List<Object[]> extra = new ArrayList<>();
        if (kind != null) {
            where.append(" AND t.kind = :kind");
            extra.add(new Object[] {"kind", kind.name()});
        }
        if (gridId != null) {
            where.append(" AND t.grid_id = :grid");
            extra.add(new Object[] {"grid", gridId});
        }
        if (q != null) {
            where.append(" AND t.name LIKE :q");
            extra.add(new Object[] {"q", "%" + q + "%"});
        }
        var spec = v.bind(jdbc.sql(SELECT + where + " ORDER BY u.path, t.kind, t.name LIMIT 500"));
        for (Object[] p : extra) {
            spec = spec.param((String) p[0], p[1]);
        }
        return spec.query(Teams::map).list();
    }

    /** Everyone who is or was in the team, open terms first; informants only to those who may know them. */
    public List<Membership> members(UUID teamId, Visibility v) {
        return v.bind(jdbc.sql(MEMBERSHIP + " WHERE tm.team_id = :team AND" + Visibility.INFORMANT
                + " ORDER BY tm.left_on NULLS FIRST, tm.leader DESC, tm.joined_on, s.name"))
                .param("team", teamId).query(Teams::membership).list();
    }

    /** The teams a person is or was in, as he sees them himself. */
    public List<Membership> ofStaff(UUID staffId) {
        return jdbc.sql(MEMBERSHIP + " WHERE tm.staff_id = :staff ORDER BY tm.left_on NULLS FIRST, t.name")
                .param("staff", staffId).query(Teams::membership).list();
    }

    private static final String MEMBERSHIP = """
            SELECT tm.id, tm.team_id, t.name AS team_name, t.kind, tm.staff_id, s.name, s.role, m.phone_masked, tm.leader,
                   tm.joined_on, tm.left_on
            FROM force_team_member tm JOIN force_team t ON t.id = tm.team_id JOIN staff s ON s.id = tm.staff_id
            LEFT JOIN force_member m ON m.staff_id = s.id
            """;

    public Optional<Membership> openTerm(UUID teamId, UUID staffId) {
        return jdbc.sql(MEMBERSHIP + " WHERE tm.team_id = :team AND tm.staff_id = :staff AND tm.left_on IS NULL")
                .param("team", teamId).param("staff", staffId).query(Teams::membership).optional();
    }

    public void join(UUID id, UUID teamId, UUID staffId, boolean leader, LocalDate on) {
        jdbc.sql("INSERT INTO force_team_member (id, team_id, staff_id, leader, joined_on) VALUES (?, ?, ?, ?, ?)")
                .params(id, teamId, staffId, leader, on).update();
    }

    public void leave(UUID termId, LocalDate on) {
        jdbc.sql("UPDATE force_team_member SET left_on = ? WHERE id = ?").params(on, termId).update();
    }

    static Team map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Team(rs.getObject("id", UUID.class), rs.getObject("unit_id", UUID.class), rs.getString("unit_name"),
                rs.getString("path"), rs.getObject("grid_id", UUID.class), rs.getString("grid_name"),
                TeamKind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("note"), rs.getLong("members"),
                rs.getLong("version"));
    }

    static Membership membership(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Membership(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
                rs.getString("team_name"), TeamKind.valueOf(rs.getString("kind")), rs.getObject("staff_id", UUID.class),
                rs.getString("name"), rs.getString("role"), rs.getString("phone_masked"), rs.getBoolean("leader"),
                rs.getObject("joined_on", LocalDate.class), rs.getObject("left_on", LocalDate.class));
    }
}
