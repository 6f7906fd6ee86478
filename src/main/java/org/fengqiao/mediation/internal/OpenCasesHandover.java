package org.fengqiao.mediation.internal;

import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open dispute cases of a grid keep it in use, as its parties still wait for a mediation there; those of a grid
 * merged into another (移交至网格…) move to it, with their team, sessions and deadlines. Ended cases and the weekly
 * screenings stay in the old grid's history, where they were mediated and screened. The cases gathered in the
 * caller's transaction ({@link Disputes#gather}) are written first: one left to be written after the hand-over would
 * stay open in the retired grid.
 */
@Component
@Order(3)
class OpenCasesHandover implements GridHoldings {

    private final JdbcClient jdbc;
    private final Disputes disputes;

    OpenCasesHandover(JdbcClient jdbc, Disputes disputes) {
        this.jdbc = jdbc;
        this.disputes = disputes;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        disputes.writeGathered();
        return Map.of("openDisputeCases", jdbc.sql("SELECT count(*) FROM dispute_case WHERE grid_id = ? AND status = 'OPEN'")
                .param(grid.id().value()).query(Long.class).single());
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        disputes.writeGathered();
        return Map.of("openDisputeCases", (long) jdbc.sql("""
                UPDATE dispute_case SET grid_id = :to, version = version + 1, updated_at = now()
                 WHERE grid_id = :from AND status = 'OPEN'""")
                .param("from", from.id().value()).param("to", to.id().value()).update());
    }
}
