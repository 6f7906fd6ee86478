package org.fengqiao.jurisdiction.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
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
            SELECT g.id, g.network, g.code, g.name, g.community_id, g.unit_id, u.path AS unit_path
            FROM grid g JOIN unit u ON u.id = g.unit_id""";

    private final JdbcClient jdbc;

    public Grids(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Grid> find(GridId id) {
        return jdbc.sql(SELECT + " WHERE g.id = ?").param(id.value()).query(Grids::map).optional();
    }

    public Optional<Grid> findVisible(GridId id, Caller caller) {
        return jdbc.sql(SELECT + " WHERE g.id = ? AND u.path LIKE ANY(?)")
                .param(id.value()).param(caller.scopePatterns()).query(Grids::map).optional();
    }

    public List<Grid> visible(Caller caller) {
        return jdbc.sql(SELECT + " WHERE u.path LIKE ANY(?) ORDER BY g.network, g.code")
                .param(caller.scopePatterns()).query(Grids::map).list();
    }

    public Optional<String> boundary(GridId id) {
        return jdbc.sql("SELECT boundary::text FROM grid WHERE id = ?").param(id.value()).query(String.class).optional();
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

    public long revision() {
        return jdbc.sql("SELECT revision FROM grid_revision WHERE id = 1").query(Long.class).single();
    }

    static Grid map(ResultSet rs, int row) throws SQLException {
        return new Grid(new GridId(rs.getObject("id", UUID.class)), GridNetwork.valueOf(rs.getString("network")),
                rs.getString("code"), rs.getString("name"), new CommunityId(rs.getObject("community_id", UUID.class)),
                new UnitId(rs.getObject("unit_id", UUID.class)), rs.getString("unit_path"));
    }
}
