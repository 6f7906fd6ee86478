package org.fengqiao.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fengqiao.audit.internal.AuditChanges;
import org.fengqiao.audit.internal.AuditEntry;
import org.fengqiao.audit.internal.AuditPage;
import org.fengqiao.audit.internal.AuditQuery;
import org.fengqiao.audit.internal.AuditReading;
import org.fengqiao.platform.web.Ledger;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The audit trail as an xlsx file, for the same filters as the page: what the audit administrator hands to an
 * inspection or keeps with a finding. Every entry of the reading, newest first, as the page shows it (the actor, his
 * role, the action and the record in words, the changes in words) with the stored before and after and the entry's
 * hash, so a row can be checked against the chain. Read from one snapshot up to the newest entry the reading found
 * ({@code upTo}): the export's own entry, and any written while it is read, are not in it. Recorded in the trail as
 * one EXPORT of the audit trail with the filters and the number of rows, after the send.
 */
@Component
class AuditLedger {

    static final List<String> COLUMNS = List.of("seq", "at", "actor", "role", "address", "action", "recordType",
            "recordId", "changes", "before", "after", "hash");

    /** The most characters a spreadsheet cell holds; a longer stored record is cut there and says so. */
    private static final int CELL = 32_767;

    private final AuditReading reading;
    private final MessageSource messages;
    private final PlatformTransactionManager transactions;

    AuditLedger(AuditReading reading, MessageSource messages, PlatformTransactionManager transactions) {
        this.reading = reading;
        this.messages = messages;
        this.transactions = transactions;
    }

    void write(AuditQuery query, Locale locale, HttpServletResponse response) throws IOException {
        reading.sealCommitted();
        // the newest entry the first slice counted: the later slices count from it, as the page's later pages do
        AuditQuery[] same = new AuditQuery[1];
        try (Ledger ledger = Ledger.of(messages, "audit.ledger", COLUMNS, locale)) {
            ledger.readAll(transactions, () -> {
                AuditPage first = reading.slice(query, locale, Ledger.PAGE, 0);
                same[0] = new AuditQuery(query.actor(), query.action(), query.recordType(), query.recordId(),
                        query.from(), query.to(), first.upTo(), 0, query.size());
                return new Ledger.Counted<>(first.items(), first.total());
            }, offset -> reading.slice(same[0], locale, Ledger.PAGE, offset).items(), e -> row(ledger, e, locale));
            // named in the reader's language as its sheet is: a Chinese auditor files 审计日志.xlsx, not an English name
            ledger.send(response, text("audit.ledger.file", locale) + ".xlsx");
            reading.exported(query, same[0].upTo(), ledger.rows());
        }
    }

    private void row(Ledger ledger, AuditEntry e, Locale locale) {
        String changes = e.changes().stream()
                .map(c -> c.fieldName() + ": " + (c.before() == null ? "—" : c.before()) + " → "
                        + (c.after() == null ? "—" : c.after()))
                .collect(Collectors.joining("\n"));
        ledger.row(e.seq(), AuditChanges.SHOWN.format(e.at()), e.actorName(),
                e.actorRole() == null ? null : messages.getMessage("role." + e.actorRole(), null, e.actorRole(), locale),
                e.remoteAddr(), messages.getMessage("audit.action." + e.action(), null, e.action(), locale),
                messages.getMessage("audit.recordType." + e.recordType(), null, e.recordType(), locale),
                e.recordId(), cell(changes, locale), cell(e.before(), locale), cell(e.after(), locale), e.hash());
    }

    private String cell(String value, Locale locale) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() <= CELL) {
            return value;
        }
        String cut = text("audit.ledger.cut", locale);
        return value.substring(0, CELL - cut.length()) + cut;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
