package org.fengqiao.mediation;

import org.fengqiao.platform.ChoiceNames;

/** The rungs of the ladder 小事不出村、大事不出镇、矛盾不上交, bottom up. */
@ChoiceNames("mediation.level.")
public enum SettledLevel {
    GRID, VILLAGE, STATION, COUNTY;

    /** 小事不出村: settled in the grid or the village. */
    public boolean inVillage() {
        return this == GRID || this == VILLAGE;
    }
}
