package org.fengqiao.jurisdiction;

import java.util.Map;

/**
 * What another module keeps in a grid. Each module decides of its records that name a grid: those that keep it in use
 * (addresses and what stands at them, the persons living there, open incidents, dispute cases and recovery files,
 * roster places, the forces' members and fixed posts) are counted by {@link #keeping}, and a grid is not retired
 * while any is left; those moved with it when two grids are merged (移交至网格…) are moved by {@link #handOver}, every
 * record it counts and those that follow them (the claims of the cases that moved, the verification tasks of the
 * places); what is neither (visits, screenings, duty records, points, readings, what was answered or closed) stays
 * in the retired grid's history. The jurisdiction cannot count or move those records itself, as their modules depend
 * on it; each counts and moves its own, in the transaction of the retirement or handover.
 */
public interface GridHoldings {

    /**
     * This module's records that keep {@code grid} in use, counted by kind: each kind with a message
     * {@code jurisdiction.retire.left.<kind>} (the grid's code, the count) saying where to move them. A kind not there
     * may be left out or counted 0. Called with the grid held against filings, so the counts stay true until the
     * caller's transaction ends.
     */
    Map<String, Long> keeping(Grid grid);

    /**
     * Moves this module's records that keep {@code from} in use, and those that follow them, into {@code to} (in use,
     * of the same community and network, both held against filings): the counts moved by kind, for the handover's
     * answer and audit entry. Throws (naming the record) what cannot move; the whole handover is then rolled back.
     */
    Map<String, Long> handOver(Grid from, Grid to);
}
