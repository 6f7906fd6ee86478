package org.fengqiao.incident.internal;

import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open incidents of a grid keep it in use: someone still waits for an answer there. Those of a grid merged into another (移交至网格…) move to it, each keeping its owner and deadlines: the
 * person working on it goes on with it, now in the grid its place belongs to. Those answered stay in the old grid's
 * history, where they were handled.
 */
@Component
@org.springframework.core.annotation.Order(2)
class OpenIncidentsHandover implements GridHoldings {

    private final JdbcClient jdbc;

    OpenIncidentsHandover(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        return Map.of("openIncidents", jdbc.sql(
                "SELECT count(*) FROM incident WHERE grid_id = ? AND status NOT IN ('ANSWERED', 'MERGED')")
                .param(grid.id().value()).query(Long.class).single());
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        long moved = jdbc.sql("""
                UPDATE incident SET grid_id = :to, updated_at = now(), version = version + 1
                 WHERE grid_id = :from AND status NOT IN ('ANSWERED', 'MERGED')""")
                .param("from", from.id().value()).param("to", to.id().value()).update();
        return Map.of("openIncidents", moved);
    }
}
