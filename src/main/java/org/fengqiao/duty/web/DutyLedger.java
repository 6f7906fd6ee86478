package org.fengqiao.duty.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.platform.web.Ledger;
import org.springframework.context.MessageSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The duty overview as an xlsx ledger (职责督导台账): one row per officer as the overview shows him, a column per duty of
 * the period (done or not yet), then what the last closed period missed, then his results of the overview's month
 * (done, due and the share done in percent, as numbers; empty when none is kept). Audited as one EXPORT with the
 * filters.
 */
@Component
class DutyLedger {

    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    DutyLedger(MessageSource messages, ApplicationEventPublisher events) {
        this.messages = messages;
        this.events = events;
    }

    void write(DutyDesk.Overview o, Locale locale, HttpServletResponse response) throws IOException {
        List<String> headers = new ArrayList<>(List.of(text("duty.field.officer", locale),
                text("duty.field.unit", locale), text("duty.field.period", locale), text("duty.field.done", locale),
                text("duty.field.due", locale)));
        List<DutyDesk.ItemView> columns = o.rows().isEmpty() ? List.of() : o.rows().get(0).items();
        columns.forEach(i -> headers.add(i.label()));
        headers.add(text("duty.field.missed", locale) + " (" + days(o.lastStart(), o.lastEnd()) + ")");
        String month = o.monthFirst().toString().substring(0, 7);
        headers.add(text("duty.ledger.monthDone", month, locale));
        headers.add(text("duty.ledger.monthDue", month, locale));
        headers.add(text("duty.ledger.monthShare", month, locale));
        try (Ledger ledger = new Ledger(text("duty.ledger.sheet", locale), headers)) {
            String period = text("duty.period." + o.period(), locale) + " " + days(o.start(), o.end());
            for (DutyDesk.OverviewRow r : o.rows()) {
                List<Object> row = new ArrayList<>(List.of(r.officer().name(), r.officer().unitName(), period,
                        r.done(), r.due()));
                r.items().forEach(i -> row.add(text("duty.state." + i.state(), locale)));
                row.add(String.join("、", r.missed().stream().map(DutyDesk.ItemView::label).toList()));
                if (r.month() != null && r.month().due() > 0) {
                    row.add(r.month().done());
                    row.add(r.month().due());
                    row.add(BigDecimal.valueOf(100L * r.month().done()).divide(BigDecimal.valueOf(r.month().due()), 1,
                            RoundingMode.HALF_UP));
                }
                ledger.row(row.toArray());
            }
            ledger.send(response, text("duty.ledger.file", locale) + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("unit", o.unit() == null ? null : o.unit().code());
            after.put("period", o.period().name());
            after.put("day", o.day().toString());
            after.put("rows", ledger.rows());
            events.publishEvent(new Audited("EXPORT", "duty-record", null, o.unit() == null ? null : o.unit().path(),
                    null, after, null));
        }
    }

    /** A period's days: a daily period is its one day, a longer one runs from its first day to its last. */
    static String days(LocalDate first, LocalDate last) {
        return first.equals(last) ? first.toString() : first + " – " + last;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    private String text(String key, String arg, Locale locale) {
        return messages.getMessage(key, new Object[] {arg}, key, locale);
    }
}
