package org.fengqiao.forces.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.forces.MemberStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The roster's people: staff rows with their roster profile ({@code force_member}), scoped through the
 * staff's unit, informants hidden from all but their handler and those who may know informants.
 */
@Repository
public class Members {

    /** Roles that are on the forces' roster even before anyone writes a profile for them. */
    static final String ROSTER_ROLES = "('VOLUNTEER', 'INFORMANT', 'SECURITY_GUARD', 'MEDIATOR', 'GRID_MEMBER')";

    /** {@code zoneRetired}: his joint-patrol zone was retired since (he keeps it; the pages mark it 已撤销). */
    public record Member(UUID staffId, String name, String role, String title, boolean active, UUID unitId,
            String unitName, String unitPath, UUID gridId, String gridName, UUID zoneId, String zoneName,
            boolean zoneRetired, String phoneMasked, List<String> skills, String availability, MemberStatus status,
            UUID handlerId, String handlerName, UUID companyId, String companyName, String licenceNumber,
            List<String> teams, long version) {
    }

    public record Training(UUID id, LocalDate heldOn, String topic, BigDecimal hours) {
    }

    /** The list's filters; null means any. */
    public record Filter(UUID teamId, String role, MemberStatus status, UUID gridId, UUID companyId, String q) {
    }

    public record Page(List<Member> items, long total) {
    }

    private static final String FROM = """
            FROM staff s JOIN unit u ON u.id = s.unit_id LEFT JOIN force_member m ON m.staff_id = s.id
            LEFT JOIN grid g ON g.id = m.grid_id LEFT JOIN grouping z ON z.id = m.zone_id
            LEFT JOIN staff h ON h.id = m.handler_id LEFT JOIN security_company c ON c.id = m.company_id
            """;
    private static final String SELECT = """
            SELECT s.id, s.name, s.role, s.title, s.active, s.unit_id, u.name AS unit_name, u.path, m.grid_id,
                   g.name AS grid_name, m.zone_id, z.name AS zone_name, z.retired_at IS NOT NULL AS zone_retired,
                   m.phone_masked, m.skills, m.availability,
                   COALESCE(m.status, 'ACTIVE') AS status, m.handler_id, h.name AS handler_name, m.company_id,
                   c.name AS company_name, m.licence_number, COALESCE(m.version, 0) AS version,
                   (SELECT array_agg(t.name ORDER BY t.name) FROM force_team_member tm
                        JOIN force_team t ON t.id = tm.team_id WHERE tm.staff_id = s.id AND tm.left_on IS NULL) AS teams
            """ + FROM;
    private static final String ON_ROSTER = " (s.role IN " + ROSTER_ROLES + " OR m.staff_id IS NOT NULL"
            + " OR EXISTS (SELECT 1 FROM force_team_member x WHERE x.staff_id = s.id)) ";

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A person who works, if the caller may see him (scope, and informants only to those who may know them). */
    public Optional<Member> find(UUID staffId, Visibility v) {
        return v.bind(jdbc.sql(SELECT + " WHERE s.id = :id AND" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.MEMBER_REACH))
                .param("id", staffId).query(Members::map).optional();
    }

    /**
     * Keeps another transaction booking the person so from checking his shifts until this one ends (his staff row FOR
     * NO KEY UPDATE): two shifts of one person booked or moved at the same moment are checked one after the other,
     * so the second sees the first and is refused as overlapping. Rows referring to him take FOR KEY SHARE and do
     * not wait. Taken before the person or his shifts are read; a person who does not exist is not locked.
     */
    public void holdForShifts(UUID staffId) {
        jdbc.sql("SELECT id FROM staff WHERE id = ? FOR NO KEY UPDATE").param(staffId).query(UUID.class).optional();
    }

    /** Oneself, whatever one's scope. */
    public Optional<Member> self(UUID staffId) {
        return jdbc.sql(SELECT + " WHERE s.id = :id").param("id", staffId).query(Members::map).optional();
    }

    public Page list(Filter f, Visibility v, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.MEMBER_REACH + "AND"
                + ON_ROSTER);
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.teamId() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM force_team_member y WHERE y.staff_id = s.id AND y.team_id = :team"
                    + " AND y.left_on IS NULL)");
            params.put("team", f.teamId());
        }
        if (f.role() != null) {
            where.append(" AND s.role = :role");
            params.put("role", f.role());
        }
        if (f.status() != null) {
            where.append(" AND COALESCE(m.status, 'ACTIVE') = :status");
            params.put("status", f.status().name());
        }
        if (f.gridId() != null) {
            where.append(" AND m.grid_id = :grid");
            params.put("grid", f.gridId());
        }
        if (f.companyId() != null) {
            where.append(" AND m.company_id = :company");
            params.put("company", f.companyId());
        }
        if (f.q() != null) {
            where.append(" AND s.name LIKE :q");
            params.put("q", "%" + f.q() + "%");
        }
        var count = v.bind(jdbc.sql("SELECT count(*) " + FROM + where));
        var rows = v.bind(jdbc.sql(SELECT + where + " ORDER BY u.path, s.role, s.name, s.id LIMIT :limit OFFSET :offset"));
        for (Map.Entry<String, Object> p : params.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
            rows = rows.param(p.getKey(), p.getValue());
        }
        return new Page(rows.param("limit", limit).param("offset", offset).query(Members::map).list(),
                count.query(Long.class).single());
    }

    /**
     * The roster's people of the scope after {@code after} (null: from the first) in the list's order: the roster
     * export reads them so, a page at a time, in one snapshot, rather than as one list cut at a cap.
     */
    public List<Member> after(Visibility v, Member after, int limit) {
        String from = after == null ? "" : " AND (u.path, s.role, s.name, s.id) > (:path, :role, :name, :id)";
        var spec = v.bind(jdbc.sql(SELECT + " WHERE" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.MEMBER_REACH + "AND"
                + ON_ROSTER + from + " ORDER BY u.path, s.role, s.name, s.id LIMIT :limit")).param("limit", limit);
        if (after != null) {
            spec = spec.param("path", after.unitPath()).param("role", after.role()).param("name", after.name())
                    .param("id", after.staffId());
        }
        return spec.query(Members::map).list();
    }

    /**
     * A person {@code s} who served in a team (not the informants') of a unit of the subtrees {@code :under} on a day
     * of [{@code :first}, {@code :last}] (his term begun by the last day and not ended before the first), himself no
     * informant: one of the work figures' defence people (ForcesFigures counts them with it).
     */
    static final String DEFENDED = " s.role <> 'INFORMANT' AND EXISTS (SELECT 1 FROM force_team_member tm"
            + " JOIN force_team t ON t.id = tm.team_id JOIN unit tu ON tu.id = t.unit_id WHERE tm.staff_id = s.id"
            + " AND tu.path LIKE ANY(CAST(:under AS text[])) AND t.kind <> 'INFORMANTS' AND tm.joined_on <= :last"
            + " AND (tm.left_on IS NULL OR tm.left_on >= :first)) ";

    /**
     * The defence people of the subtrees {@code under} (inside the caller's scope, checked) over the days, phones
     * masked, a page of them by unit and name, and how many in all: whom the work figures count.
     */
    public Page defenders(String[] under, LocalDate first, LocalDate last, Visibility v, int limit, int offset) {
        // of the grids the reader reads (one who serves grids: those he serves), as the roster's people are
        long total = v.bind(jdbc.sql("SELECT count(*) " + FROM + " WHERE" + DEFENDED + "AND" + Visibility.MEMBER_REACH))
                .param("under", under).param("first", first).param("last", last).query(Long.class).single();
        List<Member> items = v.bind(jdbc.sql(SELECT + " WHERE" + DEFENDED + "AND" + Visibility.MEMBER_REACH
                        + " ORDER BY u.path, s.name, s.id LIMIT :limit OFFSET :offset"))
                .param("under", under).param("first", first).param("last", last).param("limit", limit)
                .param("offset", offset).query(Members::map).list();
        return new Page(items, total);
    }

    public boolean hasProfile(UUID staffId) {
        return jdbc.sql("SELECT count(*) FROM force_member WHERE staff_id = ?").param(staffId).query(Long.class).single() > 0;
    }

    /** Writes the profile; the phone comes encrypted with its masked copy; a null cipher keeps the phone there. */
    public void upsert(UUID staffId, UUID gridId, UUID zoneId, byte[] phoneCipher, String phoneMasked, boolean phoneGiven,
            List<String> skills, String availability, MemberStatus status, UUID handlerId, UUID companyId,
            String licenceNumber) {
        jdbc.sql("""
                INSERT INTO force_member (staff_id, grid_id, zone_id, phone_cipher, phone_masked, skills, availability, status,
                    handler_id, company_id, licence_number)
                VALUES (:staff, :grid, :zone, :cipher, :masked, CAST(:skills AS text[]), :availability, :status, :handler,
                    :company, :licence)
                ON CONFLICT (staff_id) DO UPDATE SET grid_id = EXCLUDED.grid_id, zone_id = EXCLUDED.zone_id,
                    phone_cipher = CASE WHEN :phoneGiven THEN EXCLUDED.phone_cipher ELSE force_member.phone_cipher END,
                    phone_masked = CASE WHEN :phoneGiven THEN EXCLUDED.phone_masked ELSE force_member.phone_masked END,
                    skills = EXCLUDED.skills, availability = EXCLUDED.availability, status = EXCLUDED.status,
                    handler_id = EXCLUDED.handler_id, company_id = EXCLUDED.company_id,
                    licence_number = EXCLUDED.licence_number, updated_at = now(), version = force_member.version + 1""")
                .param("staff", staffId).param("grid", gridId).param("zone", zoneId).param("cipher", phoneCipher)
                .param("masked", phoneMasked).param("phoneGiven", phoneGiven)
                .param("skills", skills.toArray(String[]::new)).param("availability", availability)
                .param("status", status.name()).param("handler", handlerId).param("company", companyId)
                .param("licence", licenceNumber).update();
    }

    public Optional<byte[]> phoneCipher(UUID staffId) {
        return jdbc.sql("SELECT phone_cipher FROM force_member WHERE staff_id = ? AND phone_cipher IS NOT NULL")
                .param(staffId).query((rs, n) -> rs.getBytes(1)).optional();
    }

    public void addTraining(UUID id, UUID staffId, LocalDate heldOn, String topic, BigDecimal hours) {
        jdbc.sql("INSERT INTO force_training (id, staff_id, held_on, topic, hours) VALUES (?, ?, ?, ?, ?)")
                .params(id, staffId, heldOn, topic, hours).update();
    }

    public List<Training> trainings(UUID staffId) {
        return jdbc.sql("SELECT id, held_on, topic, hours FROM force_training WHERE staff_id = ? ORDER BY held_on DESC, id")
                .param(staffId).query((rs, n) -> new Training(rs.getObject(1, UUID.class),
                        rs.getObject(2, LocalDate.class), rs.getString(3), rs.getBigDecimal(4))).list();
    }

    static Member map(ResultSet rs, int n) throws SQLException {
        Array skills = rs.getArray("skills");
        List<String> skillList = skills == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) skills.getArray()));
        return new Member(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("role"),
                rs.getString("title"), rs.getBoolean("active"), rs.getObject("unit_id", UUID.class),
                rs.getString("unit_name"), rs.getString("path"), rs.getObject("grid_id", UUID.class),
                rs.getString("grid_name"), rs.getObject("zone_id", UUID.class), rs.getString("zone_name"),
                rs.getBoolean("zone_retired"), rs.getString("phone_masked"), skillList, rs.getString("availability"),
                MemberStatus.valueOf(rs.getString("status")), rs.getObject("handler_id", UUID.class),
                rs.getString("handler_name"), rs.getObject("company_id", UUID.class), rs.getString("company_name"),
                rs.getString("licence_number"), names(rs.getArray("teams")), rs.getLong("version"));
    }

    /** A list of names from an array_agg: empty for none. The API answers a list, and each reader joins it in his language. */
    static List<String> names(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
