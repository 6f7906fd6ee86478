package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.population.internal.Organisations;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The organisations ledger (实有单位台账) an officer hands to the fire brigade or the township: every organisation the
 * list shows for the same filters, in its door order, each as the list shows it (the owner by name, the phones
 * masked; an owner outside the caller's jurisdiction by name only), with the fire-safety state of today, the open
 * hazards and the last inspection. Read from one snapshot, audited like the persons export: one READ with the filters
 * and the count, so the trail says who took which organisations away.
 */
@Component
class OrganisationLedger {

    static final List<String> COLUMNS = List.of("name", "kind", "smallPlace", "business", "licenceNo", "phone",
            "address", "grid", "owner", "ownerPhone", "fireSafety", "openHazards", "lastInspected");

    private final Organisations organisations;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final PlatformTransactionManager transactions;

    OrganisationLedger(Organisations organisations, MessageSource messages, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.organisations = organisations;
        this.messages = messages;
        this.events = events;
        this.transactions = transactions;
    }

    /** {@code today}: the day whose fire-safety state the ledger tells, as the list tells it. */
    void write(Organisations.Filter filter, LocalDate today, Caller caller, Locale locale,
            HttpServletResponse response) throws IOException {
        try (Ledger ledger = Ledger.of(messages, "places.ledger", COLUMNS, locale)) {
            ledger.readAll(transactions, () -> {
                Organisations.Page page = organisations.page(caller, filter, today, Ledger.PAGE, 0);
                return new Ledger.Counted<>(page.rows(), page.total());
            }, offset -> organisations.page(caller, filter, today, Ledger.PAGE, offset).rows(),
                    o -> row(ledger, o, locale));
            ledger.send(response, text("places.ledger.file", locale) + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("kind", filter.kind());
            after.put("smallPlace", filter.smallPlace());
            after.put("ninePlaces", filter.ninePlaces());
            after.put("gridId", filter.gridId());
            after.put("fireSafety", filter.fireSafety());
            after.put("text", filter.text());
            after.put("rows", ledger.rows());
            events.publishEvent(new Audited("READ", "organisation-export", null, null, null, after, null));
        }
    }

    private void row(Ledger ledger, Organisations.Organisation o, Locale locale) {
        ledger.row(o.name(), text("places.kind." + o.kind(), locale),
                o.smallPlace() == null ? null : text("places.smallPlace." + o.smallPlace(), locale), o.business(),
                o.licenceNo(), o.phoneMasked(), o.address(), o.gridCode(), o.ownerName(), o.ownerPhoneMasked(),
                text("places.fire." + o.fireSafetyState().name(), locale), o.fireSafety().open(), o.lastInspected());
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
