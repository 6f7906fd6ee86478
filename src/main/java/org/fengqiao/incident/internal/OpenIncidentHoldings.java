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
 * one he owns, and a community is not handed to another unit while an open item in it is owned by a unit or a person
 * who would no longer see it. Open is anything not yet answered nor merged into another report.
 */
@Component
class OpenIncidentHoldings implements UnitHoldings, StaffHoldings {

    private final JdbcClient jdbc;

    OpenIncidentHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long openItems(Unit unit) {
        return jdbc.sql("SELECT count(*) FROM incident WHERE owner_unit_id = ? AND status NOT IN ('ANSWERED', 'MERGED')")
                .param(unit.id().value()).query(Long.class).single();
    }

    @Override
    public long openItemsLeftBehind(java.util.List<UUID> grids, String targetPath, java.util.List<String> movingPaths) {
        return jdbc.sql("""
                SELECT count(*) FROM incident i JOIN unit ou ON ou.id = i.owner_unit_id
                LEFT JOIN staff os ON os.id = i.owner_staff_id LEFT JOIN unit su ON su.id = os.unit_id
                WHERE i.grid_id = ANY(CAST(:grids AS uuid[])) AND i.status NOT IN ('ANSWERED', 'MERGED')
                  AND ((NOT (:target LIKE ou.path || '%') AND NOT (ou.path LIKE ANY(CAST(:moving AS text[]))))
                    OR (su.id IS NOT NULL AND NOT (:target LIKE su.path || '%')
                        AND NOT (su.path LIKE ANY(CAST(:moving AS text[])))))""")
                .param("grids", grids.toArray(UUID[]::new)).param("target", targetPath)
                .param("moving", movingPaths.stream().map(p -> p + "%").toArray(String[]::new))
                .query(Long.class).single();
    }

    @Override
    public long openItemsOutside(UUID staff, String unitPath) {
        return jdbc.sql("""
                SELECT count(*) FROM incident i JOIN grid g ON g.id = i.grid_id JOIN unit u ON u.id = g.unit_id
                WHERE i.owner_staff_id = ? AND i.status NOT IN ('ANSWERED', 'MERGED') AND u.path NOT LIKE ?""")
                .params(staff, unitPath + "%").query(Long.class).single();
    }
}
