package org.fengqiao.account.internal;

import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitHoldings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The staff a unit answers for, for the tree: a unit with active staff left is not retired, and its page counts them. */
@Component
class StaffAtUnits implements UnitHoldings {

    private final JdbcClient jdbc;

    StaffAtUnits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long staff(Unit unit, boolean subtree) {
        return subtree
                ? jdbc.sql("SELECT count(*) FROM staff s JOIN unit u ON u.id = s.unit_id WHERE s.active AND u.path LIKE ?")
                        .param(unit.path() + "%").query(Long.class).single()
                : jdbc.sql("SELECT count(*) FROM staff s WHERE s.active AND s.unit_id = ?").param(unit.id().value())
                        .query(Long.class).single();
    }
}
