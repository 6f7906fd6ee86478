package org.fengqiao.recovery.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.recovery.internal.RecoveryFiles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The recovery ledger (追赃挽损台账): every file of the list for the same filters, read page by page through the
 * list's own query in its order, each as the list shows it, the amounts in yuan as numbers that add up, and for a
 * closed file how it ended with the officer's note and when (victims and suspects are not on the list, so not here). The count and the pages are read from one snapshot
 * ({@link Ledger#snapshot}). Audited as one EXPORT of recovery files with its filters and count, after the reads and
 * the send.
 */
@Component
class RecoveryLedger {

    static final List<String> COLUMNS = List.of("code", "caseNumber", "title", "registeredOn", "grid", "unit", "owner",
            "status", "lost", "recovered", "returned", "incident", "outcome", "outcomeNote", "closedAt");

    private final RecoveryFiles files;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final PlatformTransactionManager transactions;

    RecoveryLedger(RecoveryFiles files, MessageSource messages, ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        this.files = files;
        this.messages = messages;
        this.events = events;
        this.transactions = transactions;
    }

    void write(RecoveryFiles.Filter filter, Caller caller, Locale locale, HttpServletResponse response)
            throws IOException {
        try (Ledger ledger = Ledger.of(messages, "recovery.ledger", COLUMNS, locale)) {
            ledger.readAll(transactions, () -> {
                RecoveryFiles.Page first = files.list(filter, caller.unitPaths(), Ledger.PAGE, 0);
                return new Ledger.Counted<>(first.items(), first.total());
            }, offset -> files.items(filter, caller.unitPaths(), Ledger.PAGE, offset), f -> ledger.row(f.code(),
                    f.caseNumber(), f.title(), f.registeredOn(), f.gridName(), f.unitName(), f.ownerName(),
                    text("recovery.status." + f.status(), locale), yuan(f.lostFen()), yuan(f.recoveredFen()),
                    yuan(f.returnedFen()), f.incidentCode(), outcome(f, locale), f.outcomeNote(), f.closedAt()));
            // named in the reader's language as its sheet is: a Chinese reader saved an English name
            ledger.send(response, messages.getMessage("recovery.ledger.file", null, locale) + ".xlsx");
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("filter", filter.toString());
            after.put("rows", ledger.rows());
            events.publishEvent(new Audited("EXPORT", "recovery-file", null, null, null, after, null));
        }
    }

    /**
     * How a closed file ended, as its page says it: the conclusion, or that none was recorded when a file was closed
     * before conclusions were asked for (V223); nothing for an open file.
     */
    private String outcome(RecoveryFiles.File f, Locale locale) {
        if (f.outcome() != null) {
            return text("recovery.outcome." + f.outcome(), locale);
        }
        return f.status() == RecoveryFiles.Status.CLOSED ? text("recovery.outcome.none", locale) : null;
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
