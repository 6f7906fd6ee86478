package org.fengqiao.incident.internal;

import java.util.UUID;
import org.fengqiao.account.StaffHoldings;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitHoldings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The open incidents a unit or a person answers for (件件有着落: every item has an owner), for the tree and the staff
 * register: a unit that still owns one is not retired, and a person is not transferred where he would no longer see
 * one he owns; a community handed to another unit carries the open items in it that their owner would no longer see
 * to the new unit's chain. Open is anything not yet answered nor merged into another report.
 */
@Component
class OpenIncidentHoldings implements UnitHoldings, StaffHoldings {

    private final JdbcClient jdbc;
    // the desk is a bean of its own that the tree's hand-over reaches through here, made when first asked
    private final org.springframework.beans.factory.ObjectProvider<IncidentDesk> desk;

    OpenIncidentHoldings(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<IncidentDesk> desk) {
        this.jdbc = jdbc;
        this.desk = desk;
    }

    @Override
    public long openItems(Unit unit) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE owner_unit_id = ? AND status NOT IN ('ANSWERED', 'MERGED')")
                .param(unit.id().value()).query(Long.class).single();
    }

    @Override
    public long carryOpenItems(java.util.List<org.fengqiao.jurisdiction.Grid> before, Unit target) {
        return desk.getObject().carryToNewChain(before, target);
    }

    @Override
    public long openItemsOutside(UUID staff, String unitPath) {
        return jdbc.sql("""
                SELECT count(*) FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE i.owner_staff_id = ? AND i.status NOT IN ('ANSWERED', 'MERGED') AND u.path NOT LIKE ?""")
                .params(staff, unitPath + "%").query(Long.class).single();
    }
}
