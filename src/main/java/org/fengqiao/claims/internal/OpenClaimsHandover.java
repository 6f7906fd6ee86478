package org.fengqiao.claims.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The hard cases on a grid's board follow their source: the open incident, dispute case or hazard they stand for
 * keeps the grid in use (counted by its own module), so a board item never does by itself. When the grid is merged
 * into another (移交至网格…) the items not yet done or closed move to the other grid's board with the claims at work
 * on them, as their sources move; those done, closed or ended stay in the old grid's history.
 */
@Component
@Order(7)
class OpenClaimsHandover implements GridHoldings {

    private final JdbcClient jdbc;

    OpenClaimsHandover(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        return Map.of();
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        Map<String, Long> moved = new LinkedHashMap<>();
        moved.put("hardCases", (long) jdbc.sql("""
                UPDATE claim_item SET grid_id = :to, version = version + 1
                 WHERE grid_id = :from AND state IN ('WAITING', 'OPEN', 'CLAIMED')""")
                .param("from", from.id().value()).param("to", to.id().value()).update());
        jdbc.sql("""
                UPDATE claim SET grid_id = :to, version = version + 1
                 WHERE grid_id = :from AND state IN ('ACTIVE', 'REPORTED')""")
                .param("from", from.id().value()).param("to", to.id().value()).update();
        return moved;
    }
}
