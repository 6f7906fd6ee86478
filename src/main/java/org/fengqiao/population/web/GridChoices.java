package org.fengqiao.population.web;

import java.util.List;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.springframework.stereotype.Component;

/** The police grids a caller may choose in a page's filter or form, and the county they lie in. */
@Component
class GridChoices {

    private final Jurisdictions jurisdictions;

    GridChoices(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    List<Grid> of(Caller caller) {
        return jurisdictions.visibleGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE).toList();
    }

    /** The six-digit county code of the caller's first grid's community, to start an address form with. */
    String county(List<Grid> grids) {
        return grids.stream().findFirst().flatMap(g -> jurisdictions.community(g.communityId()))
                .map(c -> c.divisionCode() == null || c.divisionCode().length() < 6 ? null
                        : c.divisionCode().substring(0, 6))
                .orElse(null);
    }
}
