package org.fengqiao.forces.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Fixed posts and their shifts, scoped through the post's grid and its unit. */
@Repository
public class Posts {

    public record Post(UUID id, UUID gridId, String gridCode, String gridName, String unitPath, String name, String place,
            Double lon, Double lat, long version) {
    }

    public record Shift(UUID id, UUID postId, String postName, String place, UUID gridId, String gridName,
            String unitPath, UUID staffId, String staffName, OffsetDateTime startsAt, OffsetDateTime endsAt,
            OffsetDateTime checkedInAt, OffsetDateTime checkedOutAt, long version, boolean closedUnchecked) {

        /**
         * The patrol hours of a finished shift (the checked-in time within its booked times), null before check-out;
         * none for a shift the member never checked out of, which the sweep closed (OpenShiftSweep).
         */
        public java.math.BigDecimal hours() {
            if (checkedOutAt == null || checkedInAt == null) {
                return null;
            }
            return closedUnchecked ? java.math.BigDecimal.ZERO.setScale(2)
                    : ForcesDesk.patrolHours(checkedInAt, checkedOutAt, startsAt, endsAt);
        }
    }

    /** The shift list's filters; null means any. */
    public record ShiftFilter(UUID postId, UUID staffId, OffsetDateTime from, OffsetDateTime to) {
    }

    private static final String POST = """
            SELECT p.id, p.grid_id, g.code AS grid_code, g.name AS grid_name, u.path, p.name, p.place, p.lon, p.lat, p.version
            FROM force_post p JOIN grid g ON g.id = p.grid_id JOIN unit u ON u.id = g.unit_id
            """;
    private static final String SHIFT = """
            SELECT f.id, f.post_id, p.name AS post_name, p.place, p.grid_id, g.name AS grid_name, u.path, f.staff_id,
                   s.name AS staff_name, f.starts_at, f.ends_at, f.checked_in_at, f.checked_out_at, f.version,
                   f.closed_unchecked
            FROM force_shift f JOIN force_post p ON p.id = f.post_id JOIN grid g ON g.id = p.grid_id
            JOIN unit u ON u.id = g.unit_id JOIN staff s ON s.id = f.staff_id LEFT JOIN force_member m ON m.staff_id = s.id
            """;

    private final JdbcClient jdbc;

    Posts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, UUID gridId, String name, String place, Double lon, Double lat) {
        jdbc.sql("INSERT INTO force_post (id, grid_id, name, place, lon, lat) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, gridId, name, place, lon, lat).update();
    }

    public void update(UUID id, UUID gridId, String name, String place, Double lon, Double lat) {
        jdbc.sql("""
                UPDATE force_post SET grid_id = ?, name = ?, place = ?, lon = ?, lat = ?, version = version + 1
                WHERE id = ?""").params(gridId, name, place, lon, lat, id).update();
    }

    public void lock(UUID id) {
        jdbc.sql("SELECT id FROM force_post WHERE id = ? FOR UPDATE").param(id).query(UUID.class).single();
    }

    /** A shift of the scope, its row locked, for a change before check-in. */
    public Optional<Shift> findShiftForUpdate(UUID id, Visibility v) {
        return v.bind(jdbc.sql(SHIFT + " WHERE f.id = :id AND" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.SHIFT_REACH
                + " FOR UPDATE OF f")).param("id", id).query(Posts::shift).optional();
    }

    public void moveShift(UUID id, UUID postId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        jdbc.sql("UPDATE force_shift SET post_id = ?, starts_at = ?, ends_at = ?, version = version + 1 WHERE id = ?")
                .params(postId, startsAt, endsAt, id).update();
    }

    /** Whether the member has a shift other than {@code except} overlapping the time from startsAt to endsAt. */
    public boolean overlaps(UUID staffId, OffsetDateTime startsAt, OffsetDateTime endsAt, UUID except) {
        return jdbc.sql("SELECT count(*) FROM force_shift WHERE staff_id = ? AND starts_at < ? AND ends_at > ? AND id <> ?")
                .params(staffId, endsAt, startsAt, except).query(Long.class).single() > 0;
    }

    public Optional<Post> find(UUID id, Visibility v) {
        return v.bind(jdbc.sql(POST + " WHERE p.id = :id AND" + Visibility.SCOPE + "AND" + Visibility.POST_REACH)).param("id", id).query(Posts::post)
                .optional();
    }

    /**
     * The posts of the scope after {@code after} (null: from the first) in the list's order: the roster export reads
     * them so, a page at a time, in one snapshot.
     */
    public List<Post> after(Visibility v, Post after, int limit) {
        String from = after == null ? "" : " AND (g.code, natural_sort_key(p.name) COLLATE \"C\", p.id)"
                + " > (:code, natural_sort_key(:name) COLLATE \"C\", :id)";
        var spec = v.bind(jdbc.sql(POST + " WHERE" + Visibility.SCOPE + "AND" + Visibility.POST_REACH + from
                + " ORDER BY g.code, natural_sort_key(p.name) COLLATE \"C\", p.id LIMIT :limit")).param("limit", limit);
        if (after != null) {
            spec = spec.param("code", after.gridCode()).param("name", after.name()).param("id", after.id());
        }
        return spec.query(Posts::post).list();
    }

    /**
     * The shifts of the scope overlapping the time from {@code from} to {@code to}, after {@code after} (null: from
     * the first) in the list's order, the id breaking ties: the roster export reads them so, a page at a time, in one
     * snapshot. (No interval brackets here: the module docs read this comment with a parser that counts them.)
     */
    public List<Shift> shiftsAfter(Visibility v, OffsetDateTime from, OffsetDateTime to, Shift after, int limit) {
        String past = after == null ? ""
                : " AND (f.starts_at, p.name, s.name, f.id) > (CAST(:startsAt AS timestamptz), :post, :staff, :id)";
        var spec = v.bind(jdbc.sql(SHIFT + " WHERE" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.SHIFT_REACH
                        + " AND f.ends_at > :from AND f.starts_at < :to" + past
                        + " ORDER BY f.starts_at, p.name, s.name, f.id LIMIT :limit"))
                .param("from", from).param("to", to).param("limit", limit);
        if (after != null) {
            spec = spec.param("startsAt", after.startsAt()).param("post", after.postName())
                    .param("staff", after.staffName()).param("id", after.id());
        }
        return spec.query(Posts::shift).list();
    }

    public List<Post> list(Visibility v, UUID gridId, String q) {
        StringBuilder where = new StringBuilder(" WHERE" + Visibility.SCOPE + "AND" + Visibility.POST_REACH);
        Map<String, Object> params = new LinkedHashMap<>();
        if (gridId != null) {
            where.append(" AND p.grid_id = :grid");
            params.put("grid", gridId);
        }
        if (q != null) {
            where.append(" AND (p.name LIKE :q OR p.place LIKE :q)");
            params.put("q", "%" + q + "%");
        }
        // by grid, then by name with the numbers in it as numbers (2号岗, 10号岗, 十二号岗: natural_sort_key, V143 and
        // V147), as volunteers walk their posts; a grid has a few posts, so the key is computed as they are sorted
        var spec = v.bind(jdbc.sql(POST + where
                + " ORDER BY g.code, natural_sort_key(p.name) COLLATE \"C\", p.id LIMIT 500"));
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Posts::post).list();
    }

    public void insertShift(UUID id, UUID postId, UUID staffId, OffsetDateTime startsAt, OffsetDateTime endsAt,
            UUID createdBy) {
        jdbc.sql("""
                INSERT INTO force_shift (id, post_id, staff_id, starts_at, ends_at, created_by) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, postId, staffId, startsAt, endsAt, createdBy).update();
    }

    /** Whether the member already has a shift overlapping the time from startsAt to endsAt. */
    public boolean overlaps(UUID staffId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        return jdbc.sql("SELECT count(*) FROM force_shift WHERE staff_id = ? AND starts_at < ? AND ends_at > ?")
                .params(staffId, endsAt, startsAt).query(Long.class).single() > 0;
    }

    public Optional<Shift> findShift(UUID id, Visibility v) {
        return v.bind(jdbc.sql(SHIFT + " WHERE f.id = :id AND" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.SHIFT_REACH))
                .param("id", id).query(Posts::shift).optional();
    }

    /** One's own shift, locked for check-in or check-out. */
    public Optional<Shift> ownShiftForUpdate(UUID id, UUID staffId) {
        return jdbc.sql(SHIFT + " WHERE f.id = :id AND f.staff_id = :staff FOR UPDATE OF f").param("id", id)
                .param("staff", staffId).query(Posts::shift).optional();
    }

    public List<Shift> shifts(Visibility v, ShiftFilter f, int limit) {
        StringBuilder where = new StringBuilder(" WHERE" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.SHIFT_REACH);
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.postId() != null) {
            where.append(" AND f.post_id = :post");
            params.put("post", f.postId());
        }
        if (f.staffId() != null) {
            where.append(" AND f.staff_id = :staff");
            params.put("staff", f.staffId());
        }
        if (f.from() != null) {
            where.append(" AND f.ends_at > :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.append(" AND f.starts_at < :to");
            params.put("to", f.to());
        }
        var spec = v.bind(jdbc.sql(SHIFT + where + " ORDER BY f.starts_at, p.name, s.name LIMIT :limit"))
                .param("limit", limit);
        for (Map.Entry<String, Object> p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Posts::shift).list();
    }

    /**
     * The shifts the caller sees at the posts of a joint-patrol zone (in the grids of its communities) overlapping
     * the time from {@code from} to {@code to}, soonest first. A shift not checked in is nobody's watch and left out
     * when it ended before {@code now} (nobody came), or its person left, paused or was deactivated, or he is a guard
     * whose company's licence runs out before its last day (China time): he may not check in to it.
     */
    public List<Shift> zoneShifts(UUID zoneId, OffsetDateTime from, OffsetDateTime to, OffsetDateTime now,
            Visibility v) {
        return v.bind(jdbc.sql(SHIFT + """
                 WHERE g.community_id IN
                       (SELECT gc.community_id FROM grouping_community gc WHERE gc.grouping_id = :zone)
                 AND f.ends_at > :from AND f.starts_at < :to
                 AND (f.checked_in_at IS NOT NULL OR (f.ends_at > :now AND s.active
                      AND coalesce(m.status, 'ACTIVE') = 'ACTIVE'
                      AND NOT EXISTS (SELECT 1 FROM security_company lc WHERE s.role = 'SECURITY_GUARD'
                          AND lc.id = m.company_id AND lc.licence_valid_until
                              < CAST((f.ends_at - interval '1 microsecond') AT TIME ZONE 'Asia/Shanghai' AS date))))
                 AND""" + Visibility.SCOPE + "AND" + Visibility.INFORMANT + "AND" + Visibility.SHIFT_REACH
                + " ORDER BY f.starts_at, f.id LIMIT 5000")).param("zone", zoneId).param("from", from).param("to", to)
                .param("now", now).query(Posts::shift).list();
    }

    /**
     * One's own shifts ending after {@code from}, those still open, and those closed without check-out ending after
     * {@code closedFrom}, soonest first.
     */
    public List<Shift> ownShifts(UUID staffId, OffsetDateTime from, OffsetDateTime closedFrom, int limit) {
        return jdbc.sql(SHIFT + " WHERE f.staff_id = :staff AND (f.ends_at > :from OR (f.checked_in_at IS NOT NULL"
                + " AND f.checked_out_at IS NULL) OR (f.closed_unchecked AND f.ends_at > :closedFrom))"
                + " ORDER BY f.starts_at LIMIT :limit")
                .param("staff", staffId).param("from", from).param("closedFrom", closedFrom).param("limit", limit)
                .query(Posts::shift).list();
    }

    public void checkIn(UUID id, OffsetDateTime at) {
        jdbc.sql("UPDATE force_shift SET checked_in_at = ?, version = version + 1 WHERE id = ?").params(at, id).update();
    }

    public void checkOut(UUID id, OffsetDateTime at) {
        jdbc.sql("UPDATE force_shift SET checked_out_at = ?, version = version + 1 WHERE id = ?").params(at, id).update();
    }

    /**
     * The shifts checked in and not checked out whose booked end is before {@code endedBefore}, oldest first: the
     * sweep's work (the partial index force_shift_open holds only those).
     */
    public List<UUID> openEndedBefore(OffsetDateTime endedBefore, int limit) {
        return jdbc.sql("""
                SELECT id FROM force_shift WHERE checked_in_at IS NOT NULL AND checked_out_at IS NULL AND ends_at < ?
                ORDER BY ends_at, id LIMIT ?""").params(endedBefore, limit).query(UUID.class).list();
    }

    /** A shift still open, its row locked, for the sweep to close; empty once checked out meanwhile. */
    public Optional<Shift> openShiftForUpdate(UUID id) {
        return jdbc.sql(SHIFT + " WHERE f.id = :id AND f.checked_in_at IS NOT NULL AND f.checked_out_at IS NULL"
                + " FOR UPDATE OF f").param("id", id).query(Posts::shift).optional();
    }

    /** Closes a shift at its booked end, marked as closed without the member's check-out. */
    public void closeUnchecked(UUID id) {
        jdbc.sql("""
                UPDATE force_shift SET checked_out_at = ends_at, closed_unchecked = true, version = version + 1
                WHERE id = ?""").param(id).update();
    }

    static Post post(ResultSet rs, int n) throws SQLException {
        return new Post(rs.getObject("id", UUID.class), rs.getObject("grid_id", UUID.class), rs.getString("grid_code"),
                rs.getString("grid_name"), rs.getString("path"), rs.getString("name"), rs.getString("place"),
                (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), rs.getLong("version"));
    }

    static Shift shift(ResultSet rs, int n) throws SQLException {
        return new Shift(rs.getObject("id", UUID.class), rs.getObject("post_id", UUID.class), rs.getString("post_name"),
                rs.getString("place"), rs.getObject("grid_id", UUID.class), rs.getString("grid_name"),
                rs.getString("path"), rs.getObject("staff_id", UUID.class), rs.getString("staff_name"),
                rs.getObject("starts_at", OffsetDateTime.class), rs.getObject("ends_at", OffsetDateTime.class),
                rs.getObject("checked_in_at", OffsetDateTime.class), rs.getObject("checked_out_at", OffsetDateTime.class),
                rs.getLong("version"), rs.getBoolean("closed_unchecked"));
    }
}
