package org.fengqiao.forces.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The forces in a grid. Its members still serving (active or paused, not left) and its fixed posts keep it in use:
 * a guard or volunteer placed in a grid that is gone is in no grid's list, and a post in it takes shifts no one
 * sees. Each moves to another grid on its own page (a member's profile, the post's form), or all at once when the
 * grid is merged into another (移交至网格…), with the teams that serve the grid. A team names its grid only as what it
 * serves, beside its unit, and keeps naming a grid retired without a merge; members who left keep their grid as
 * history.
 */
@Component
@Order(6)
class ForcesHandover implements GridHoldings {

    private final JdbcClient jdbc;

    ForcesHandover(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        Map<String, Long> left = new LinkedHashMap<>();
        left.put("forceMembers", jdbc.sql("SELECT count(*) FROM force_member WHERE grid_id = ? AND status <> 'LEFT'")
                .param(grid.id().value()).query(Long.class).single());
        left.put("forcePosts", jdbc.sql("SELECT count(*) FROM force_post WHERE grid_id = ?")
                .param(grid.id().value()).query(Long.class).single());
        return left;
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        Map<String, Long> moved = new LinkedHashMap<>();
        moved.put("forceMembers", (long) jdbc.sql("""
                UPDATE force_member SET grid_id = :to, version = version + 1, updated_at = now()
                 WHERE grid_id = :from AND status <> 'LEFT'""")
                .param("from", from.id().value()).param("to", to.id().value()).update());
        moved.put("forcePosts", (long) jdbc.sql("UPDATE force_post SET grid_id = :to, version = version + 1 WHERE grid_id = :from")
                .param("from", from.id().value()).param("to", to.id().value()).update());
        moved.put("forceTeams", (long) jdbc.sql("UPDATE force_team SET grid_id = :to, version = version + 1 WHERE grid_id = :from")
                .param("from", from.id().value()).param("to", to.id().value()).update());
        return moved;
    }
}
