package org.fengqiao.incident.web;

import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.internal.Incidents.Status;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every filter the incident list page accepts: the tab ({@code show}), the status, the category and the case filters
 * the work figures link with. The page's tabs and pager take their links from here and its form its fields, so each
 * keeps all the others, and a filter added to the list is kept everywhere by adding it here once.
 *
 * @param show   the tab: mine, open, overdue, all or filed
 * @param status null for any
 * @param category null for any
 * @param gridId   one grid of those he reads; null for all
 */
record ListFilters(String show, Status status, Category category, UUID gridId, CaseFilters cases) {

    /** The list on another tab, every filter kept, from its first page. */
    public String tab(String tab) {
        return link(tab, 1);
    }

    /** One page of this list, every filter kept. */
    public String page(int page) {
        return link(show, page);
    }

    /** Whether any filter besides the tab is set (the page then offers to clear them and says how many it found). */
    public boolean any() {
        return count() > 0;
    }

    /** How many filters besides the tab are set: the folded filters' line says so on a phone. */
    public int count() {
        return (status != null ? 1 : 0) + (category != null ? 1 : 0) + (gridId != null ? 1 : 0) + cases.count();
    }

    /**
     * The ledger of this list (xlsx) with the same tab and filters: the page's export, which goes with the session and
     * answers a refusal on this list (the API's answered a page's reader in JSON).
     */
    public String export() {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/incidents/export.xlsx");
        filters(link, show);
        cases.addTo(link);
        return link.encode().build().toUriString();
    }

    private void filters(UriComponentsBuilder link, String tab) {
        link.queryParam("show", tab);
        if (status != null) {
            link.queryParam("status", status.name());
        }
        if (category != null) {
            link.queryParam("category", category.name());
        }
        if (gridId != null) {
            link.queryParam("gridId", gridId);
        }
    }

    private String link(String tab, int page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/incidents");
        filters(link, tab);
        cases.addTo(link);
        if (page > 1) {
            link.queryParam("page", page);
        }
        // encoded, as every value is (the tab is one of ListTab's codes: an unknown one was refused)
        return link.encode().build().toUriString();
    }
}
