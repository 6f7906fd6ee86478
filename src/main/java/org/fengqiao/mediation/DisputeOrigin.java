package org.fengqiao.mediation;

import org.fengqiao.platform.ChoiceNames;

/** Where a dispute case came from. */
@ChoiceNames("mediation.origin.")
public enum DisputeOrigin {
    /** Pushed by the 110 centre to the grid's mediation office. */
    CALL_110,
    WALK_IN,
    PATROL,
    /** Found by the weekly screening of a grid (每周一次矛盾纠纷排查化解). */
    SCREENING
}
