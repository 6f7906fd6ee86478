package org.fengqiao.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.fengqiao.audit.internal.AuditPage;
import org.fengqiao.audit.internal.AuditQuery;
import org.fengqiao.audit.internal.AuditReading;
import org.fengqiao.audit.internal.ChainCheck;
import org.fengqiao.audit.internal.TimeBound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for the audit administrator only (三员分立: not even the system administrator
 * reads it). Read-only by design: the trail offers no way to change or remove an entry.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasAuthority('AUDIT_READ')")
@Tag(name = "Audit trail")
class AuditController {

    private final AuditReading reading;
    private final AuditLedger ledger;

    AuditController(AuditReading reading, AuditLedger ledger) {
        this.reading = reading;
        this.ledger = ledger;
    }

    @GetMapping
    @Operation(summary = "Entries of the audit trail, newest first",
            description = "Filters are optional. from/to take an ISO date (Beijing time), a local date-time "
                    + "(Beijing time) or a date-time with offset; from is inclusive, to exclusive, a bare date as "
                    + "to includes that whole day. actor is stored as written; actorName is the actor as the reader's "
                    + "language names it (a resident as Resident or 群众, the system as System or 系统), and the actor "
                    + "filter takes either, or a person's real name (whole, or a part of two or more characters). "
                    + "upTo, answered with every page, is the newest entry (seq) the pages are counted from: send it "
                    + "back with the next page, so that entries written meanwhile (this read among them) do not show an "
                    + "entry twice. This read is itself recorded (action READ).")
    AuditPage list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String recordType, @RequestParam(required = false) String recordId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long upTo, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + AuditQuery.DEFAULT_SIZE) int size, Locale locale) {
        return reading.search(new AuditQuery(actor, action, recordType, recordId, TimeBound.from(from),
                TimeBound.to(to), upTo, page, size), locale);
    }

    @GetMapping("/export")
    @Operation(summary = "The audit trail as xlsx, for the same filters as the list",
            description = "Takes the list's filters (actor, action, recordType, recordId, from, to, upTo) and answers "
                    + "every matching entry, newest first: number, time (Beijing), actor and role, address, action, "
                    + "record type and id, the changes in words, the stored before and after, and the entry's hash; "
                    + "headers in the reader's language. 400 for a time that is no time, and when more than 50,000 "
                    + "entries match (narrow the filters). Recorded in the trail (EXPORT, audit) with the filters and "
                    + "the number of rows.")
    void export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String recordType, @RequestParam(required = false) String recordId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long upTo, Locale locale, HttpServletResponse response) throws IOException {
        ledger.write(new AuditQuery(actor, action, recordType, recordId, TimeBound.from(from), TimeBound.to(to), upTo,
                0, AuditQuery.DEFAULT_SIZE), locale, response);
    }

    @GetMapping("/verify")
    @Operation(summary = "Recompute the hash chain",
            description = "{\"valid\": true, \"checked\": N} or the first broken entry: "
                    + "{\"valid\": false, \"brokenSeq\": n, \"reason\": \"missing|link|content|unsealed\", "
                    + "\"checked\": N}. A chain whole in itself is compared with the head witnessed outside the "
                    + "database: \"reason\": \"truncated\" when it no longer reaches it, \"rewritten\" when the entry "
                    + "at that number (brokenSeq) has another hash, both with witnessedChainNo and witnessedAt.")
    ChainCheck verify() {
        return reading.verify();
    }
}
