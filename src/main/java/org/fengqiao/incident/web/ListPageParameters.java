package org.fengqiao.incident.web;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The filters of the incident list page as its address carries them, bound by name from the request: the page and its
 * export (the ledger of the same rows) take exactly the same ones, so they are written once, here, and a filter added
 * to the page reaches its export too. The page's own names, not the API's ({@link ListParameters}): the office is
 * {@code unit}, and the tab {@code show} stands for the API's flags. An absent box is unticked; a value of the wrong
 * kind (a status, category, offence or source that is none of the choices, a date that is no date, an id that is
 * none) is refused naming its field as the form labels it, with what may be written there, as a single request
 * parameter is (ProblemDetails).
 *
 * @param show the tab: mine, open (when absent), overdue, all or filed
 * @param from received on or after this day (China Standard Time)
 * @param to   received on or before this day (China Standard Time)
 * @param unit one office of the reader's jurisdiction; null for all of it
 */
record ListPageParameters(Status status, Category category, String show, Offence offence, Boolean unclassified,
        Boolean preventable, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, UUID unit, Source source, UUID gridId) {

    // the boxes are objects: a primitive left out of the request made the binding fail once any other value did

    /**
     * The filters read together, for this reader: the page's tab and the case filters, each checked.
     *
     * @throws Invalid  filters that list nothing, or a tab that is none
     * @throws NotFound an office outside the reader's jurisdiction
     */
    Read read(Caller caller, Jurisdictions jurisdictions) {
        CaseFilters cases = CaseFilters.read(offence, Boolean.TRUE.equals(unclassified),
                Boolean.TRUE.equals(preventable), from, to, unit, source, caller, jurisdictions);
        // the open items unless a tab is named; a tab that is none of them is refused, never read as "all"
        ListTab tab = ListTab.read(show, ListTab.OPEN);
        return new Read(new ListFilters(tab.code(), status, category, gridId, cases),
                ListQuery.of(status, category, gridId, tab.overdue(), tab.open(), tab.mine(), tab.filed(), cases,
                        caller));
    }

    /** The page's filters as its links keep them, and what they list. */
    record Read(ListFilters filters, ListQuery query) {

        CaseFilters cases() {
            return filters.cases();
        }
    }
}
