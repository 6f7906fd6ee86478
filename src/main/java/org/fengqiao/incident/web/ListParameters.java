package org.fengqiao.incident.web;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Incidents.Status;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The filters of the API's incident list as its query parameters, bound by name from the request: the list and the
 * ledger (its export) take exactly the same ones, so they are written once, here, and a filter added to the list
 * reaches the ledger too. An absent flag is false; a value of the wrong kind is refused (400) naming its parameter,
 * as a single request parameter is. {@link ListQuery#read} checks them together.
 *
 * @param show the list page's tab (mine, open, overdue, all or filed), another way to say what the flags say
 * @param from received on or after this day (China Standard Time)
 * @param to   received on or before this day (China Standard Time)
 */
record ListParameters(Status status, Category category, UUID gridId, Boolean overdue, Boolean open, Boolean mine,
        Boolean filed, Offence offence, Boolean unclassified, Boolean preventable,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, UUID unitId, String show, Source source) {

    // the flags are objects: a primitive left out of the request made the binding fail once any other value did

    boolean mineOnly() {
        return Boolean.TRUE.equals(mine);
    }

    boolean filedOnly() {
        return Boolean.TRUE.equals(filed);
    }

    boolean unclassifiedOnly() {
        return Boolean.TRUE.equals(unclassified);
    }

    boolean preventableOnly() {
        return Boolean.TRUE.equals(preventable);
    }
}
