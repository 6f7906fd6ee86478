package org.fengqiao.demo;

import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.FengqiaoProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's grids each under a work point of their own (网格有点, seed 003) in a demo database loaded before they had
 * them: the district ({@link DemoDistrict}) builds them only into an empty database, so a data directory loaded by an
 * earlier version has every grid at its community's unit, and its grid members, informants and volunteers would go
 * on reading their whole central office. On every demo start it looks: each of the demo's police grids (codes
 * FS-, NS-, SL-) still at its community's unit is placed under its work point, made when missing; both audited. A grid
 * someone placed elsewhere is left where it is, and so is one whose work point's code names a unit elsewhere. The work
 * point is set up as the grid page's button does it ({@link Jurisdictions#setUpWorkPoint(GridId)}).
 */
@Component
class DemoWorkPoints extends DemoPart {

    private static final long LOAD_LOCK = 0x46514445_4d4f5750L;

    private final Jurisdictions jurisdictions;

    DemoWorkPoints(Jurisdictions jurisdictions, FengqiaoProperties properties, TransactionTemplate tx, JdbcClient jdbc) {
        super(LOAD_LOCK, 1, properties, tx, jdbc);
        this.jurisdictions = jurisdictions;
    }

    private record Unplaced(UUID grid, String code, UUID communityUnit) {
    }

    @Override
    int loadOnce() {
        List<Unplaced> unplaced = jdbc.sql("""
                SELECT g.id, g.code, c.unit_id FROM grid g JOIN community c ON c.id = g.community_id
                WHERE g.network = 'POLICE' AND g.code ~ '^(FS|NS|SL)-[0-9]+-[0-9]+$' AND g.unit_id = c.unit_id
                ORDER BY g.code""")
                .query((rs, n) -> new Unplaced(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)))
                .list();
        int placed = 0;
        for (Unplaced g : unplaced) {
            UnitId owner = new UnitId(g.communityUnit());
            java.util.Optional<Unit> existing = jurisdictions.unitByCode(Jurisdictions.workPointCode(g.code()));
            if (existing.isPresent() && !owner.equals(existing.get().parentId())) {
                continue;
            }
            jurisdictions.setUpWorkPoint(new GridId(g.grid()));
            placed++;
        }
        return placed;
    }

    @Override
    String loaded(int count) {
        return "Demo work points: " + count + " grids placed under a work point of their own (the demo was loaded before"
                + " they had them)";
    }
}
