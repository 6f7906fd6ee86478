package org.fengqiao.account.internal;

import java.util.Map;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridHoldings;
import org.springframework.stereotype.Component;

/** The roster places of a grid merged into another move with it ({@link Roster#handOver}). */
@Component
class RosterHandover implements GridHoldings {

    private final Roster roster;

    RosterHandover(Roster roster) {
        this.roster = roster;
    }

    @Override
    public Map<String, Long> handOver(Grid from, Grid to) {
        return roster.handOver(from, to);
    }
}
