package org.fengqiao.incident.internal;

import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitHoldings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open incidents a unit answers for (件件有着落: every item has an owner), for the tree: a unit that still owns
 * one is not retired. Open is anything not yet answered nor merged into another report.
 */
@Component
class OpenIncidentHoldings implements UnitHoldings {

    private final JdbcClient jdbc;

    OpenIncidentHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long openItems(Unit unit) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE owner_unit_id = ? AND status NOT IN ('ANSWERED', 'MERGED')")
                .param(unit.id().value()).query(Long.class).single();
    }
}
