package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.Reach;
import org.fengqiao.incident.internal.Ratings;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Ledger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The incident ledger (事项台账) a station hands over: every row of the list for the same filters, read page by page
 * through the list's own query in its order, each row as the list shows it ({@link IncidentViews}: the reporter's phone
 * masked, an informant withheld from all but his handler and the station chief), with the 1-3-5 response times, the
 * rating and the report a duplicate was merged into. The count, the pages and what their rows look up are read from
 * one snapshot ({@link Ledger#snapshot}), the list counted once. Audited as one EXPORT of incidents with its filters
 * and count, after the reads and the send.
 */
@Component
class IncidentLedger {

    static final List<String> COLUMNS = List.of("trackingCode", "receivedAt", "category", "offence", "source", "grid",
            "ownerUnit", "owner", "status", "escalations", "acknowledgedAt", "dispatchedAt", "arrivedAt", "resolvedAt",
            "answeredAt", "dueAt", "rating", "mergedInto", "reporterName", "reporterPhone", "address", "description");

    private final Incidents incidents;
    private final Ratings ratings;
    private final IncidentViews views;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PlatformTransactionManager transactions;

    IncidentLedger(Incidents incidents, Ratings ratings, IncidentViews views, MessageSource messages,
            ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.incidents = incidents;
        this.ratings = ratings;
        this.views = views;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
        this.transactions = transactions;
    }

    void write(ListQuery query, Locale locale, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        Reach reader = Callers.current().map(Reach::of).orElse(null);
        try (Ledger ledger = new Ledger(text("incident.ledger.sheet", locale),
                COLUMNS.stream().map(c -> text("incident.ledger.col." + c, locale)).toList())) {
            Ledger.snapshot(transactions, () -> {
                Incidents.Page page = incidents.list(query.filter(), query.scope(), now, Ledger.PAGE, 0);
                Ledger.checkSize(page.total());
                ledger.pages(page.items(), page.total(),
                        offset -> incidents.items(query.filter(), query.scope(), now, Ledger.PAGE, offset),
                        items -> rows(ledger, items, reader, locale));
            });
            // named in the reader's language as its sheet is: a Chinese reader saved an English name
            ledger.send(response, messages.getMessage("incident.ledger.file", null, locale) + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("filter", query.filter().toString());
            after.put("scope", query.scope().paths());
            if (query.scope().grids() != null) {
                after.put("grids", query.scope().grids());
            }
            after.put("rows", ledger.rows());
            events.publishEvent(new Audited("EXPORT", "incident", null, null, null, after, null));
        }
    }

    /** One page's rows with the ratings and merges of its reports, looked up in the ledger's snapshot. */
    private void rows(Ledger ledger, List<Incidents.Incident> items, Reach reader, Locale locale) {
        List<UUID> ids = items.stream().map(Incidents.Incident::id).toList();
        Map<UUID, Integer> scores = ratings.scores(ids);
        // the report a duplicate was merged into, only if the reader sees it (the bureau merges across stations)
        Map<UUID, String> merged = incidents.mergedInto(ids, reader);
        for (IncidentViews.View v : views.views(items, locale)) {
            ledger.row(v.trackingCode(), v.receivedAt(), text("incident.category." + v.category(), locale),
                    v.offence() == null ? null : text("incident.offence." + v.offence(), locale),
                    text("incident.source." + v.source(), locale), v.gridName(), v.ownerUnitName(),
                    v.ownerStaffName(), text("incident.status." + v.status(), locale), v.escalations(),
                    v.acknowledgedAt(), v.dispatchedAt(), v.arrivedAt(), v.resolvedAt(), v.answeredAt(),
                    v.dueAt(), scores.get(v.id()), merged.get(v.id()), v.reporterName(), v.reporterPhone(),
                    v.address(), v.description());
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
