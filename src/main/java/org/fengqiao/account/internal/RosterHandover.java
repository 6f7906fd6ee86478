package org.fengqiao.account.internal;

import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The roster places held in a grid keep it in use, as someone serves it; those of a grid merged into another move
 * with it ({@link Roster#handOver}). Places ended stay in the old grid's history.
 */
@Component
@Order(5)
class RosterHandover implements GridHoldings {

    private final Roster roster;
    private final JdbcClient jdbc;

    RosterHandover(Roster roster, JdbcClient jdbc) {
        this.roster = roster;
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        return Map.of("rosterPlaces", jdbc.sql("SELECT count(*) FROM grid_role WHERE grid_id = ? AND ended_on IS NULL")
                .param(grid.id().value()).query(Long.class).single());
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        return roster.handOver(from, to);
    }
}
