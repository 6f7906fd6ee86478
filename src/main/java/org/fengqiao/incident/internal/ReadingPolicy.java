package org.fengqiao.incident.internal;

import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;

/**
 * Which incidents a person reads (lists, an item's page and API, the ledger, the duplicates offered, the inbox).
 * <p>
 * The police and the staff of a unit (bureau, station chief, community officer as grid chief, auxiliary police as grid
 * manager, inspector, mediator) read every item of their unit's subtree: they own, follow or oversee what any of its
 * grids reports, and an item moves up to them. Those who serve grids without police powers (grid coordinator, grid
 * member, informant, volunteer: seed 002's 网格协调员, 网格员, 信息员) work in the grids they serve. The routing gives
 * them nothing beyond those grids: a coordinator owns his grid's matters for other departments, the others own nothing
 * and report. So they read the items of the grids they serve, the items they own (an item routed to him stays his to
 * handle, whatever he serves later) and the reports they filed (he follows what he reported, wherever he filed it).
 * Which grids those are, and that the police reach every grid of their subtree, is {@link GridReach}'s to say, as for
 * every other record kept per grid (persons, dispute cases, the hard-case board); what is his here is the incident's
 * own (its owner and its filer, {@link Reach#gridCondition}). Their unit paths already narrow them to their grids' work
 * points where each grid has one (ADR 10); a grid placed at its central office has the office's path, which alone gave
 * a village group leader every item of the office's 65 grids.
 */
final class ReadingPolicy {

    private ReadingPolicy() {
    }

    static Reach reach(Caller caller) {
        return new Reach(caller.unitPaths(), GridReach.of(caller));
    }
}
