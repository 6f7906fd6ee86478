package org.fengqiao.jurisdiction.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.locationtech.jts.geom.Envelope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Grids with their boundaries. Scoped reads join the owning unit and filter on its path inside the SQL. */
@Repository
public class Grids {

    static final String SELECT = """
            SELECT g.id, g.network, g.code, g.name, g.community_id, g.unit_id, u.path AS unit_path, g.retired_at
            FROM grid g JOIN unit u ON u.id = g.unit_id""";

    /** The grids still in use: a retired one is left out of every list a form or the map offers. */
    static final String ACTIVE = " g.retired_at IS NULL ";

    private static final String DETAIL = """
            SELECT g.id, g.network, g.code, g.name, g.community_id, c.code AS community_code, c.name AS community_name,
                   g.unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path, g.boundary::text AS boundary,
                   g.area_m2,
                   g.comprehensive_code, g.urban_code, g.civilization_code, g.updated_at, g.version, g.retired_at
            FROM grid g JOIN unit u ON u.id = g.unit_id JOIN community c ON c.id = g.community_id
            """;

    private final JdbcClient jdbc;

    public Grids(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Everything stored about a grid, boundary included, as the API and the grid page show it. */
    public record Detail(UUID id, GridNetwork network, String code, String name, UUID communityId,
            String communityCode, String communityName, UUID unitId, String unitCode, String unitName, String unitPath,
            String boundary, double areaSquareMetres, String comprehensiveCode, String urbanCode,
            String civilizationCode, OffsetDateTime updatedAt, long version, OffsetDateTime retiredAt) {

        public boolean retired() {
            return retiredAt != null;
        }
    }

    /** A grid as the spatial index needs it: where it sits and its boundary. */
    public record Shape(Grid grid, String boundary) {
    }

    public Optional<Grid> find(GridId id) {
        return jdbc.sql(SELECT + " WHERE g.id = ?").param(id.value()).query(Grids::map).optional();
    }

    public Optional<Grid> findVisible(GridId id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE g.id = ? AND u.path LIKE ANY(?)")
                .param(id.value()).param(caller.scopePatterns()).query(Grids::map).optional();
    }

    /**
     * {@link #find}, the grid's row held (FOR KEY SHARE, the lock a foreign key takes) until the transaction ends: a
     * retirement ({@link #holdForRetirement}) waits for it, and it for a retirement, which it then reads committed.
     */
    public Optional<Grid> findHeld(GridId id) {
        return jdbc.sql(SELECT + " WHERE g.id = ? FOR KEY SHARE OF g").param(id.value()).query(Grids::map).optional();
    }

    /** {@link #findVisible} held as {@link #findHeld} holds it. */
    public Optional<Grid> findVisibleHeld(GridId id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE g.id = ? AND u.path LIKE ANY(?) FOR KEY SHARE OF g")
                .param(id.value()).param(caller.scopePatterns()).query(Grids::map).optional();
    }

    /** The grids of these ids, each held as {@link #findHeld} holds it, locked in the order of their ids. */
    public List<Grid> findHeld(java.util.Collection<UUID> ids) {
        return jdbc.sql(SELECT + " WHERE g.id = ANY(?) ORDER BY g.id FOR KEY SHARE OF g")
                .param(ids.toArray(UUID[]::new)).query(Grids::map).list();
    }

    /**
     * Locks the grid's row against every filing into it until the transaction ends (FOR UPDATE, which conflicts with
     * the FOR KEY SHARE of {@link #findHeld} and of every foreign key to it): a filing under way is waited for, so the
     * emptiness check that follows counts what it filed; one that comes later waits and then finds the grid retired.
     */
    public void holdForRetirement(GridId id) {
        jdbc.sql("SELECT id FROM grid WHERE id = ? FOR UPDATE").param(id.value()).query(UUID.class).optional();
    }

    /** The retired grids of the caller's scope, by network and code: kept for the records that name them. */
    public List<Grid> visibleRetired(Caller caller) {
        return jdbc.sql(SELECT + " WHERE u.path LIKE ANY(?) AND g.retired_at IS NOT NULL ORDER BY g.network, g.code")
                .param(caller.scopePatterns()).query(Grids::map).list();
    }

    /** The grids in use of the caller's scope, as the forms of every module offer them. */
    public List<Grid> visible(Caller caller) {
        return jdbc.sql(SELECT + " WHERE u.path LIKE ANY(?) AND" + ACTIVE + "ORDER BY g.network, g.code")
                .param(caller.scopePatterns()).query(Grids::map).list();
    }

    /**
     * The grids in use of the caller's scope, optionally of one network or community, a page at a time; the offset is a long,
     * as a page number times a page size may pass what an int holds.
     */
    public List<Detail> visible(Caller caller, GridNetwork network, UUID community, int limit, long offset) {
        return jdbc.sql(DETAIL + """
                 WHERE u.path LIKE ANY(:scope) AND g.retired_at IS NULL
                   AND (CAST(:network AS text) IS NULL OR g.network = :network)
                   AND (CAST(:community AS uuid) IS NULL OR g.community_id = :community)
                 ORDER BY g.network, g.code LIMIT :limit OFFSET :offset""")
                .param("scope", caller.scopePatterns()).param("network", network == null ? null : network.name())
                .param("community", community).param("limit", limit).param("offset", offset)
                .query(Grids::detail).list();
    }

    /**
     * Every grid in use of a network, whatever anyone's scope, in code order: what a resident's report form shows on
     * its map (names and outlines only are taken from it).
     */
    public List<Detail> inUse(GridNetwork network) {
        return jdbc.sql(DETAIL + " WHERE g.retired_at IS NULL AND g.network = ? ORDER BY g.code")
                .param(network.name()).query(Grids::detail).list();
    }

    public long countVisible(Caller caller, GridNetwork network, UUID community) {
        return jdbc.sql("""
                SELECT count(*) FROM grid g JOIN unit u ON u.id = g.unit_id
                 WHERE u.path LIKE ANY(:scope) AND g.retired_at IS NULL
                   AND (CAST(:network AS text) IS NULL OR g.network = :network)
                   AND (CAST(:community AS uuid) IS NULL OR g.community_id = :community)""")
                .param("scope", caller.scopePatterns()).param("network", network == null ? null : network.name())
                .param("community", community).query(Long.class).single();
    }

    public Optional<Detail> detailVisible(GridId id, Caller caller) {
        return jdbc.sql(DETAIL + " WHERE g.id = ? AND u.path LIKE ANY(?)")
                .param(id.value()).param(caller.scopePatterns()).query(Grids::detail).optional();
    }

    public Optional<Detail> detail(GridId id) {
        return jdbc.sql(DETAIL + " WHERE g.id = ?").param(id.value()).query(Grids::detail).optional();
    }

    /**
     * The grid of a network with a code, whatever the scope and retired or not: codes are unique per network across
     * the county, and a retired grid keeps its code.
     */
    public Optional<Detail> detailByCode(GridNetwork network, String code) {
        return jdbc.sql(DETAIL + " WHERE g.network = ? AND g.code = ?").params(network.name(), code)
                .query(Grids::detail).optional();
    }

    /**
     * Stored grids in use of a network whose bounding box meets the given one, for the overlap check of an import: the
     * ground of a retired grid is free for the grid that took it over.
     */
    public List<Detail> inBox(GridNetwork network, Envelope box) {
        return jdbc.sql(DETAIL + """
                 WHERE g.retired_at IS NULL AND g.network = ? AND g.max_lon >= ? AND g.min_lon <= ? AND g.max_lat >= ? AND g.min_lat <= ?""")
                .params(network.name(), box.getMinX(), box.getMaxX(), box.getMinY(), box.getMaxY())
                .query(Grids::detail).list();
    }

    public Optional<String> boundary(GridId id) {
        return jdbc.sql("SELECT boundary::text FROM grid WHERE id = ?").param(id.value()).query(String.class).optional();
    }

    /** Every grid in use with its boundary, for building the spatial index: no point is located in a retired one. */
    public List<Shape> shapes() {
        return jdbc.sql("""
                SELECT g.id, g.network, g.code, g.name, g.community_id, g.unit_id, u.path AS unit_path, g.retired_at,
                       g.boundary::text AS boundary
                FROM grid g JOIN unit u ON u.id = g.unit_id WHERE g.retired_at IS NULL""")
                .query((rs, row) -> new Shape(map(rs, row), rs.getString("boundary"))).list();
    }

    public Grid insert(UUID id, GridNetwork network, String code, String name, CommunityId community, UnitId unit,
            Boundary boundary, String comprehensiveCode, String urbanCode, String civilizationCode) {
        Envelope e = boundary.envelope();
        jdbc.sql("""
                INSERT INTO grid (id, network, code, name, community_id, unit_id, boundary, area_m2,
                                  min_lon, min_lat, max_lon, max_lat, comprehensive_code, urban_code, civilization_code)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, network.name(), code, name, community.value(), unit.value(), boundary.toGeoJson(),
                        boundary.areaSquareMetres(), e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(),
                        comprehensiveCode, urbanCode, civilizationCode)
                .update();
        return find(new GridId(id)).orElseThrow();
    }

    /** New boundary, name and community of an existing grid (an import that replaces it). */
    public void reshape(GridId id, String name, CommunityId community, UnitId unit, Boundary boundary,
            String comprehensiveCode, String urbanCode, String civilizationCode) {
        Envelope e = boundary.envelope();
        jdbc.sql("""
                UPDATE grid SET name = ?, community_id = ?, unit_id = ?, boundary = ?::jsonb, area_m2 = ?,
                       min_lon = ?, min_lat = ?, max_lon = ?, max_lat = ?,
                       comprehensive_code = coalesce(?, comprehensive_code), urban_code = coalesce(?, urban_code),
                       civilization_code = coalesce(?, civilization_code),
                       updated_at = now(), version = version + 1
                WHERE id = ?""")
                .params(name, community.value(), unit.value(), boundary.toGeoJson(), boundary.areaSquareMetres(),
                        e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), comprehensiveCode, urbanCode,
                        civilizationCode, id.value())
                .update();
    }

    /** Places the grid under another unit (its work point). */
    /** The community's grids placed at its unit itself, placed at another (the community handed to it). */
    public int replaceAt(UUID community, UnitId from, UnitId to) {
        return jdbc.sql("""
                UPDATE grid SET unit_id = ?, updated_at = now(), version = version + 1
                WHERE community_id = ? AND unit_id = ?""").params(to.value(), community, from.value()).update();
    }

    /** The ids of the community's grids, retired ones too. */
    public List<UUID> idsOf(UUID community) {
        return jdbc.sql("SELECT id FROM grid WHERE community_id = ?").param(community).query(UUID.class).list();
    }

    public void place(GridId id, UnitId unit) {
        jdbc.sql("UPDATE grid SET unit_id = ?, updated_at = now(), version = version + 1 WHERE id = ?")
                .params(unit.value(), id.value()).update();
    }

    public void link(GridId id, String comprehensiveCode, String urbanCode, String civilizationCode) {
        jdbc.sql("""
                UPDATE grid SET comprehensive_code = ?, urban_code = ?, civilization_code = ?, updated_at = now(),
                       version = version + 1 WHERE id = ?""")
                .params(comprehensiveCode, urbanCode, civilizationCode, id.value()).update();
    }

    /** The retired grids of the caller's scope with all that is stored of them, the latest retired first. */
    public List<Detail> retiredVisible(Caller caller) {
        return jdbc.sql(DETAIL + " WHERE u.path LIKE ANY(?) AND g.retired_at IS NOT NULL ORDER BY g.retired_at DESC, g.code")
                .param(caller.scopePatterns()).query(Grids::detail).list();
    }

    /** Brings a retired grid back into use: the forms, the map and the spatial index take it again. */
    public void restore(GridId id) {
        jdbc.sql("UPDATE grid SET retired_at = NULL, updated_at = now(), version = version + 1 WHERE id = ?")
                .param(id.value()).update();
    }

    /** Retires the grid: it stays with its records, out of the forms, the map and the spatial index. */
    public void retire(GridId id) {
        jdbc.sql("UPDATE grid SET retired_at = now(), updated_at = now(), version = version + 1 WHERE id = ?")
                .param(id.value()).update();
    }

    public long revision() {
        return jdbc.sql("SELECT revision FROM grid_revision WHERE id = 1").query(Long.class).single();
    }

    static Grid map(ResultSet rs, int row) throws SQLException {
        return new Grid(new GridId(rs.getObject("id", UUID.class)), GridNetwork.valueOf(rs.getString("network")),
                rs.getString("code"), rs.getString("name"), new CommunityId(rs.getObject("community_id", UUID.class)),
                new UnitId(rs.getObject("unit_id", UUID.class)), rs.getString("unit_path"),
                rs.getObject("retired_at") != null);
    }

    static Detail detail(ResultSet rs, int row) throws SQLException {
        return new Detail(rs.getObject("id", UUID.class), GridNetwork.valueOf(rs.getString("network")),
                rs.getString("code"), rs.getString("name"), rs.getObject("community_id", UUID.class),
                rs.getString("community_code"), rs.getString("community_name"), rs.getObject("unit_id", UUID.class),
                rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_path"), rs.getString("boundary"),
                rs.getDouble("area_m2"), rs.getString("comprehensive_code"), rs.getString("urban_code"),
                rs.getString("civilization_code"), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getLong("version"), rs.getObject("retired_at", OffsetDateTime.class));
    }
}
