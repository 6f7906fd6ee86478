package org.fengqiao.recovery.internal;

import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open recovery files of a grid keep it in use, as their victims still wait for what was taken; those of a grid
 * merged into another (移交至网格…) move to it, each with its owning officer (谁主办、谁负责). Closed files stay in the
 * old grid's history.
 */
@Component
@Order(4)
class OpenFilesHandover implements GridHoldings {

    private final JdbcClient jdbc;

    OpenFilesHandover(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> keeping(Grid grid) {
        return Map.of("openRecoveryFiles", jdbc.sql("SELECT count(*) FROM recovery_file WHERE grid_id = ? AND status = 'OPEN'")
                .param(grid.id().value()).query(Long.class).single());
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        return Map.of("openRecoveryFiles", (long) jdbc.sql("""
                UPDATE recovery_file SET grid_id = :to, version = version + 1, updated_at = now()
                 WHERE grid_id = :from AND status = 'OPEN'""")
                .param("from", from.id().value()).param("to", to.id().value()).update());
    }
}
