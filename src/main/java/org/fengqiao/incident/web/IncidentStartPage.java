package org.fengqiao.incident.web;

import java.time.Clock;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.StartPageFigures;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The signed-in person's to-do list on the start page: how many open items he owns and how many of them are past their
 * deadline, the phone's first screen for a grid manager; for one who handles no items (a volunteer), the reports he
 * filed and how many are still being handled; for one who only reads them (the inspector, who neither owns nor files
 * an item), the open items of his jurisdiction and how many of them are overdue, the counts of the list's "open" and
 * "overdue" tabs the tile leads to. "No items of mine" told the inspector of a to-do list he can never have.
 */
@Component
class IncidentStartPage implements StartPageFigures {

    private final Incidents incidents;
    private final Clock clock;

    IncidentStartPage(Incidents incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    /**
     * Whether items are given to him to handle: the police, auxiliary police, coordinators and mediators who handle
     * them and call their reporters back (INCIDENT_REPORTER_REVEAL), never a volunteer, grid member, informant or guard.
     */
    private static boolean handlesItems(Caller caller) {
        return caller.may("INCIDENT_REPORTER_REVEAL");
    }

    @Override
    public void addTo(Caller caller, Model model) {
        if (!caller.may("INCIDENT_READ")) {
            return;
        }
        if (!caller.may("INCIDENT_WRITE")) {
            // he oversees the items and takes no step on any: what he reads is how many are open, and how many late
            model.addAttribute("openInScope", inScope(ListTab.OPEN, caller));
            model.addAttribute("overdueInScope", inScope(ListTab.OVERDUE, caller));
            return;
        }
        Incidents.Owned owned = incidents.owned(caller.staffId(), caller.unitPaths(), clock.instant());
        if (owned.open() == 0 && !handlesItems(caller)) {
            // a volunteer, grid member, informant or guard owns no item ever: "no to-dos" told him nothing, his
            // own reports and how far they got are what he follows
            Incidents.Reported reported = incidents.reported(caller.staffId());
            model.addAttribute("myReports", reported.total());
            model.addAttribute("myOpenReports", reported.open());
            return;
        }
        model.addAttribute("myOpenItems", owned.open());
        model.addAttribute("myOverdueItems", owned.overdue());
    }

    /** How many items the list's tab holds for the caller, with no other filter: the number the tab's page shows. */
    private long inScope(ListTab tab, Caller caller) {
        ListQuery query = ListQuery.of(null, null, null, tab.overdue(), tab.open(), false, false,
                new CaseFilters(null, false, false, null, null, null, null), caller);
        return incidents.list(query.filter(), query.scope(), clock.instant(), 0, 0).total();
    }
}
