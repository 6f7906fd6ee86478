package org.fengqiao.mediation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.web.Ledger;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The mediation ledger (矛盾纠纷调解台账): every case of the list for the same filters, read page by page through the
 * list's own query in its order, each as the list shows it (the parties and their phones are not on the list, so not
 * here). The count and the pages are read from one snapshot ({@link Ledger#snapshot}). Audited as one EXPORT of
 * disputes with its filters and count, after the reads and the send.
 */
@Component
class MediationLedger {

    static final List<String> COLUMNS = List.of("code", "openedAt", "kind", "origin", "grid", "unit", "summary",
            "status", "atRisk", "sessions", "level", "endedAt", "witness", "incident", "duplicateOf");

    private final Disputes disputes;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final PlatformTransactionManager transactions;

    MediationLedger(Disputes disputes, MessageSource messages, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.disputes = disputes;
        this.messages = messages;
        this.events = events;
        this.transactions = transactions;
    }

    void write(Disputes.Filter filter, Caller caller, Locale locale, HttpServletResponse response) throws IOException {
        try (Ledger ledger = new Ledger(text("mediation.ledger.sheet", locale),
                COLUMNS.stream().map(c -> text("mediation.ledger.col." + c, locale)).toList())) {
            Ledger.snapshot(transactions, () -> {
                Disputes.Page first = disputes.list(filter, caller.unitPaths(), GridReach.of(caller), Ledger.PAGE, 0);
                Ledger.checkSize(first.total());
                ledger.pages(first.items(), first.total(),
                        offset -> disputes.items(filter, caller.unitPaths(), GridReach.of(caller), Ledger.PAGE, offset), cases -> {
                    for (Disputes.Case c : cases) {
                        ledger.row(c.code(), c.openedAt(), text("mediation.kind." + c.kind(), locale),
                                text("mediation.origin." + c.origin(), locale), c.gridName(), c.unitName(),
                                c.summary(), text("mediation.status." + c.status(), locale),
                                c.atRisk() ? text("mediation.ledger.yes", locale) : null, c.sessions(),
                                c.settledLevel() == null ? null : text("mediation.level." + c.settledLevel(), locale),
                                c.endedAt(), c.witnessName(), c.incidentCode(), c.duplicateOf());
                    }
                });
            });
            // named in the reader's language as its sheet is: a Chinese reader saved an English name
            ledger.send(response, messages.getMessage("mediation.ledger.file", null, locale) + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("filter", filter.toString());
            after.put("rows", ledger.rows());
            events.publishEvent(new Audited("EXPORT", "dispute", null, null, null, after, null));
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
