package org.fengqiao.jurisdiction;

import java.util.Set;
import org.fengqiao.platform.ChoiceNames;

/** The levels of the police hierarchy, top to bottom. */
@ChoiceNames("jurisdiction.unitKind.")
public enum UnitKind {
    BUREAU, STATION, CENTRAL_OFFICE, WORKSTATION, WORK_POINT;

    /** Which kinds may sit directly under this one (a station may run workstations without a central office). */
    public Set<UnitKind> childKinds() {
        return switch (this) {
            case BUREAU -> Set.of(STATION);
            case STATION -> Set.of(CENTRAL_OFFICE, WORKSTATION);
            case CENTRAL_OFFICE -> Set.of(WORKSTATION, WORK_POINT);
            case WORKSTATION -> Set.of(WORK_POINT);
            case WORK_POINT -> Set.of();
        };
    }

    /**
     * Whether a community or village may be answered for by a unit of this kind: a central office over its villages
     * (seed 002) or a village's workstation (一村一警, seed 004), as the district is built. Not the bureau or a station,
     * which answer through the offices under them, nor a work point, which stands for one grid (网格有点).
     */
    public boolean holdsCommunities() {
        return this == CENTRAL_OFFICE || this == WORKSTATION;
    }
}
