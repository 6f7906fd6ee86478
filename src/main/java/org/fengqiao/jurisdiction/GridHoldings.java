package org.fengqiao.jurisdiction;

import java.util.Map;

/**
 * What another module keeps in a grid that must not be left in it once it is retired (addresses with what stands at
 * them and the persons living there, open incidents, roster places), handed over to another grid of the same
 * community when two grids are merged (移交至网格…). The jurisdiction cannot move those records itself, as their
 * modules depend on it; each moves its own, in the transaction of the handover.
 */
public interface GridHoldings {

    /**
     * Moves this module's records that keep {@code from} in use into {@code to} (in use, of the same community and
     * network, both held against filings): the counts moved by kind, for the handover's answer and audit entry. Throws
     * (naming the record) what cannot move; the whole handover is then rolled back.
     */
    Map<String, Long> handOver(Grid from, Grid to);
}
