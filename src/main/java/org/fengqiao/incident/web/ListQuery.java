package org.fengqiao.incident.web;

import java.util.List;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.incident.internal.Reach;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;

/**
 * What an incident list reads: its filters and the reach it is scoped to (the reader's, or one unit of it). The page, the API's list and the
 * ledger (the list as xlsx) build it here alike, so the ledger holds exactly the rows the list shows for the same
 * filters, from the same query.
 */
record ListQuery(Incidents.Filter filter, Reach scope) {

    /** The list of a tab's conditions (or the API's flags), the owner and filer being the caller where asked. */
    static ListQuery of(Status status, Category category, UUID gridId, Boolean overdue, Boolean open, boolean mine,
            boolean filed, CaseFilters cases, Caller caller) {
        return new ListQuery(new Incidents.Filter(status, category, gridId, overdue, open,
                mine ? caller.staffId() : null, filed ? caller.staffId() : null, cases.offence(), cases.unclassified(),
                cases.preventable(), cases.receivedFrom(), cases.receivedBefore(), cases.source()),
                cases.scope(caller));
    }

    /**
     * The API's list as its parameters ask for it: the flags, or the page's tab ({@code show}) that stands for them.
     *
     * @throws Invalid  for a tab that is none of them, a tab with the flags, or case filters that list nothing
     * @throws org.fengqiao.platform.NotFound for a unit outside the caller's jurisdiction
     */
    static ListQuery read(ListParameters p, Caller caller, Jurisdictions jurisdictions) {
        CaseFilters cases = CaseFilters.read(p.offence(), p.unclassifiedOnly(), p.preventableOnly(), p.from(), p.to(),
                p.unitId(), p.source(), caller, jurisdictions);
        // a page's tab, as its links carry it (the work figures' among them): another way to say what the flags say
        ListTab tab = ListTab.read(p.show(), null);
        if (tab != null) {
            if (p.overdue() != null || p.open() != null || p.mineOnly() || p.filedOnly()) {
                throw Invalid.of("show", "incident.list.tabAndFlags");
            }
            return of(p.status(), p.category(), p.gridId(), tab.overdue(), tab.open(), tab.mine(), tab.filed(), cases,
                    caller);
        }
        return of(p.status(), p.category(), p.gridId(), p.overdue(), p.open(), p.mineOnly(), p.filedOnly(), cases,
                caller);
    }
}
