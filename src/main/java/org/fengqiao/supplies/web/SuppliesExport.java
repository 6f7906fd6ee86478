package org.fengqiao.supplies.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.supplies.internal.SupplyLedger;
import org.fengqiao.supplies.internal.SupplyLedger.Entry;
import org.fengqiao.supplies.internal.SupplyLedger.Place;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The supplies ledger (警务保障台账) of a unit's subtree over a period as xlsx: every line, oldest first, read page by
 * page from one snapshot ({@link Ledger#snapshot}), the kinds and line types in the reader's language, the costs in
 * yuan as numbers that add up. Audited as one EXPORT with its unit, period and count.
 */
@Component
class SuppliesExport {

    static final List<String> COLUMNS = List.of("occurredOn", "unit", "kind", "type", "quantity", "countUnit",
            "change", "cost", "supplier", "reason", "counterpart", "recordedBy", "confirmedBy", "confirmedAt");

    private final SupplyLedger ledger;
    private final SupplyNames names;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final PlatformTransactionManager transactions;

    SuppliesExport(SupplyLedger ledger, SupplyNames names, MessageSource messages, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.names = names;
        this.messages = messages;
        this.events = events;
        this.transactions = transactions;
    }

    void write(Place root, SuppliesViews.Period period, Locale locale, HttpServletResponse response)
            throws IOException {
        try (Ledger sheet = new Ledger(text("supplies.export.sheet", locale),
                COLUMNS.stream().map(c -> text("supplies.export.col." + c, locale)).toList())) {
            Ledger.snapshot(transactions, () -> {
                long total = ledger.lineCount(root.path(), period.from(), period.to());
                Ledger.checkSize(total);
                sheet.pages(ledger.lines(root.path(), period.from(), period.to(), Ledger.PAGE, 0), total,
                        offset -> ledger.lines(root.path(), period.from(), period.to(), Ledger.PAGE, offset), page -> {
                    for (Entry e : page) {
                        sheet.row(e.occurredOn(), e.unitName(), kindName(e, locale),
                                text("supplies.entryType." + e.type(), locale), e.quantity(),
                                names.countUnit(e.kind(), e.quantity(), locale), e.change(),
                                e.costFen() == null ? null : BigDecimal.valueOf(e.costFen(), 2), e.supplier(),
                                e.reason(), e.counterpartName(), e.recordedByName(), e.confirmedByName(),
                                e.confirmedAt());
                    }
                });
            });
            // named in the reader's language as its sheet is: a Chinese reader saved an English name
            sheet.send(response, text("supplies.export.file", locale) + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("unit", root.name());
            after.put("from", period.from().toString());
            after.put("to", period.to().toString());
            after.put("rows", sheet.rows());
            events.publishEvent(new Audited("EXPORT", "supply_entry", null, root.path(), null, after, null));
        }
    }

    /** The line's kind by its name, marked when it was retired since: its lines and stock stay, none is issued. */
    private String kindName(Entry e, Locale locale) {
        String name = names.name(e.kind(), locale);
        return e.kind().retired() ? messages.getMessage("supplies.kinds.retiredName", new Object[] {name}, locale)
                : name;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
