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
}
