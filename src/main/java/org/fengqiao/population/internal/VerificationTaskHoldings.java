package org.fengqiao.population.internal;

import java.util.List;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitHoldings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A village handed to another station with its grids: their verification tasks not yet resolved whose assignee no
 * longer reads them there (the old station's officer who heads the grid) go to the verifier of the grid where it lies
 * now, as a new task would, each with an inbox entry. The members who serve the grids keep theirs.
 */
@Component
class VerificationTaskHoldings implements UnitHoldings {

    // the tasks' service reaches the tree, which holds this bean among its unit holdings: made when first asked
    private final ObjectProvider<Verifications> verifications;

    VerificationTaskHoldings(ObjectProvider<Verifications> verifications) {
        this.verifications = verifications;
    }

    @Override
    public long carryOpenItems(List<Grid> before, Unit target) {
        return verifications.getObject().reassignHandedOver(before.stream().map(g -> g.id().value()).toList(), true,
                null);
    }
}
