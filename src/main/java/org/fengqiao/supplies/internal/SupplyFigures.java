package org.fengqiao.supplies.internal;

import java.util.List;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The supplies' part of the work figures (警务工作, 警务保障): the lines of supplies issued to the units of the subtree
 * in the period (by the day each issue happened, whether its receipt is confirmed yet or not) and what they cost, in
 * whole yuan (the fen summed, then rounded). An issue the ledger has since reversed was recorded in error and counts
 * for nothing, in any period; transfers between units, uses and losses are no issue. Both link to the list of those
 * issues over the same days in the same unit, which sums their cost.
 */
@Component
class SupplyFigures implements PeriodFigures {

    /** The list of the issues counted, with their cost summed (SupplyLedger#issues). */
    static final String LIST = "/supplies/issues";

    private final JdbcClient jdbc;

    SupplyFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 52;
    }

    @Override
    public String heading() {
        return POLICE_WORK;
    }

    @Override
    public List<Figure> count(List<String> unitPaths, Period period) {
        return jdbc.sql("""
                SELECT count(*), coalesce(round(sum(e.cost_fen) / 100.0), 0)
                  FROM supply_entry e JOIN unit u ON u.id = e.unit_id
                 WHERE u.path LIKE ANY(CAST(:scope AS text[]))
                   AND e.occurred_on >= :first AND e.occurred_on < :after
                """ + " AND " + SupplyLedger.ISSUE_STANDING)
                .param("scope", Period.patterns(unitPaths)).param("first", period.first())
                .param("after", period.after())
                .query((rs, n) -> List.of(
                        Figure.count("suppliesIssued", "figures.suppliesIssued", rs.getLong(1)).listedAt(LIST),
                        Figure.count("suppliesSpentYuan", "figures.suppliesSpentYuan", rs.getLong(2))
                                .listedAt(LIST)))
                .single();
    }
}
