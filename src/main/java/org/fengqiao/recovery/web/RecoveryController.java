package org.fengqiao.recovery.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.recovery.Outcome;
import org.fengqiao.recovery.internal.Actor;
import org.fengqiao.recovery.internal.Rates;
import org.fengqiao.recovery.internal.ReceiptPdf;
import org.fengqiao.recovery.internal.RecoveryDesk;
import org.fengqiao.recovery.internal.RecoveryFiles;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/recovery")
@Tag(name = "Stolen property recovery", description = "追赃挽损: recovery files, victims, suspects, assets, returns with "
        + "receipts, collective return events, revisits, rates")
class RecoveryController {

    static final int MAX_PAGE = 100;

    private final RecoveryDesk desk;
    private final RecoveryFiles files;
    private final RecoveryViews views;
    private final ReceiptPdf receipts;
    private final Rates rates;

    private final RecoveryLedger ledger;

    private final MessageSource messages;

    RecoveryController(RecoveryDesk desk, RecoveryFiles files, RecoveryViews views, ReceiptPdf receipts, Rates rates,
            RecoveryLedger ledger, MessageSource messages) {
        this.ledger = ledger;
        this.messages = messages;
        this.desk = desk;
        this.files = files;
        this.views = views;
        this.receipts = receipts;
        this.rates = rates;
    }

    record PageView(List<RecoveryFiles.File> items, long total, int page, int size) {
    }

    record Owner(UUID ownerId) {
    }

    record Value(Long valueFen) {
    }

    record Reveal(String reason) {
    }

    record Revealed(String idNumber) {
    }

    record RevealedPhone(String phone) {
    }

    @GetMapping("/files")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "The recovery files of the caller's jurisdiction, open ones first",
            description = "Filters: status (OPEN, CLOSED), year (registered), q (title, case number or code).")
    PageView list(@RequestParam(required = false) RecoveryFiles.Status status,
            @RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        RecoveryFiles.Page found = files.list(new RecoveryFiles.Filter(status, year, q == null || q.isBlank() ? null
                : q.trim()), Callers.require().unitPaths(), limit, Paging.offset(p, limit));
        return new PageView(found.items(), found.total(), p, limit);
    }

    @GetMapping("/files/export")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "The recovery ledger (追赃挽损台账): the list as xlsx, for the same filters, scoped",
            description = "Takes the list's filters (status, year, q) or the list page's tab (show: open, closed or "
                    + "all, with year and q; not with status) and answers every file the list would page through, in "
                    + "its order, amounts in yuan, headers in the reader's language. 400 when more than 50,000 files "
                    + "match. Audited (EXPORT, recovery-file) with the filters and the count.")
    void export(@RequestParam(required = false) RecoveryFiles.Status status,
            @RequestParam(required = false) Integer year, @RequestParam(required = false) String q,
            @RequestParam(required = false) String show, Locale locale, HttpServletResponse response)
            throws IOException {
        String text = q == null || q.isBlank() ? null : q.trim();
        RecoveryFiles.Filter filter = new RecoveryFiles.Filter(status, year, text);
        if (show != null) {
            if (status != null) {
                throw Invalid.of("show", "recovery.list.tabAndStatus");
            }
            filter = RecoveryPages.tab(show, year, text);
        }
        ledger.write(filter, Callers.require(), locale, response);
    }

    @PostMapping("/files")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Open a recovery file for a case",
            description = "gridId (or the incident's grid when incidentId is given), ownerId: the officer who owns it "
                    + "(谁主办、谁负责); registeredOn defaults to today.")
    RecoveryViews.Detail open(@RequestBody RecoveryDesk.NewFile n) {
        return views.detail(desk.open(n, me()));
    }

    @GetMapping("/files/{id}")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "One file with its victims, losses, suspects, assets, returns, revisits and rates")
    RecoveryViews.Detail get(@PathVariable UUID id) {
        return views.detail(desk.read(id, me()));
    }

    @PutMapping("/files/{id}/verification")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "The investigating department's verification (CRIMINAL 刑侦, ECONOMIC 经侦, CYBER 网安)")
    RecoveryViews.Detail verify(@PathVariable UUID id, @RequestBody RecoveryDesk.VerifyForm v) {
        return views.detail(desk.verify(id, v, me()));
    }

    @PutMapping("/files/{id}/owner")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Hand the file to another officer")
    RecoveryViews.Detail owner(@PathVariable UUID id, @RequestBody(required = false) Owner o) {
        return views.detail(desk.setOwner(id, o == null ? null : o.ownerId(), me()));
    }

    @PostMapping("/files/{id}/close")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Close the file: nothing more is recorded on it but revisits and receipts",
            description = "outcome (RECOVERED_IN_FULL, RECOVERED_IN_PART, NOTHING_RECOVERABLE, TRANSFERRED) and "
                    + "note (why), both required: how the file ended, shown on it and in the list until it is "
                    + "reopened. In full is refused while the returns fall short of the losses, in part while "
                    + "nothing was returned, nothing recoverable once something was recovered.")
    RecoveryViews.Detail close(@PathVariable UUID id, @RequestBody(required = false) Closing c) {
        return views.detail(desk.close(id, c == null ? null : new RecoveryDesk.CloseForm(c.outcome(), c.note()),
                me()));
    }

    record Closing(Outcome outcome, String note) {
    }

    @PostMapping("/files/{id}/reopen")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Reopen a closed file")
    RecoveryViews.Detail reopen(@PathVariable UUID id) {
        return views.detail(desk.reopen(id, me()));
    }

    @PostMapping("/files/{id}/victims")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Add a victim with what he lost",
            description = "personId (a person of the population records in the caller's scope) or name and phone "
                    + "(stored encrypted, shown masked); losses: description, quantity, amountFen.")
    RecoveryViews.Detail victim(@PathVariable UUID id, @RequestBody RecoveryDesk.VictimForm v) {
        return views.detail(desk.addVictim(id, v, me()));
    }

    @PostMapping("/files/{id}/victims/{victimId}/losses")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Add a lost item to a victim")
    RecoveryViews.Detail loss(@PathVariable UUID id, @PathVariable UUID victimId, @RequestBody RecoveryDesk.LossForm l) {
        return views.detail(desk.addLoss(id, victimId, l, me()));
    }

    @PostMapping("/files/{id}/suspects")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Add a suspect; an identity number is stored encrypted and shown masked")
    RecoveryViews.Detail suspect(@PathVariable UUID id, @RequestBody RecoveryDesk.SuspectForm s) {
        return views.detail(desk.addSuspect(id, s, me()));
    }

    @PostMapping("/files/{id}/suspects/{suspectId}/reveal")
    @PreAuthorize("hasAuthority('RECOVERY_READ') and hasAuthority('POPULATION_REVEAL')")
    @Operation(summary = "Reveal a suspect's full identity number with a stated reason (audited)")
    Revealed reveal(@PathVariable UUID id, @PathVariable UUID suspectId, @RequestBody(required = false) Reveal r) {
        return new Revealed(desk.revealSuspect(id, suspectId, r == null ? null : r.reason(), me()));
    }

    @PostMapping("/files/{id}/victims/{victimId}/reveal")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "Reveal a victim's full phone with a stated reason (audited): the file's owner or a role "
            + "that may reveal personal data; a victim typed by hand, not one from the population records")
    RevealedPhone revealVictim(@PathVariable UUID id, @PathVariable UUID victimId,
            @RequestBody(required = false) Reveal r) {
        return new RevealedPhone(desk.revealVictimPhone(id, victimId, r == null ? null : r.reason(),
                Callers.require().may("POPULATION_REVEAL"), me()));
    }

    @PostMapping("/files/{id}/assets")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Add an asset traced (or already seized or frozen) with its value in fen")
    RecoveryViews.Detail asset(@PathVariable UUID id, @RequestBody RecoveryDesk.AssetForm a) {
        return views.detail(desk.addAsset(id, a, me()));
    }

    @PostMapping("/files/{id}/assets/{assetId}/state")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Move an asset: TRACED → SEIZED or FROZEN → CONFISCATED (RETURNED follows from the returns)")
    RecoveryViews.Detail move(@PathVariable UUID id, @PathVariable UUID assetId, @RequestBody RecoveryDesk.MoveForm m) {
        return views.detail(desk.moveAsset(id, assetId, m, me()));
    }

    @PutMapping("/files/{id}/assets/{assetId}/value")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Set an asset's value after a valuation; never below what was returned of it")
    RecoveryViews.Detail revalue(@PathVariable UUID id, @PathVariable UUID assetId, @RequestBody(required = false) Value v) {
        return views.detail(desk.revalue(id, assetId, v == null ? null : v.valueFen(), me()));
    }

    @PostMapping("/files/{id}/returns")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Return (part of) a recovered asset to a victim",
            description = "Refused unless the asset is seized or frozen and the amount stays within the asset's value "
                    + "not yet returned, the victim's loss not yet made good and the file's recovered value not yet "
                    + "returned. eventId: a collective return event (集中返赃) held by a unit above the file.")
    RecoveryFiles.Return addReturn(@PathVariable UUID id, @RequestBody RecoveryDesk.ReturnForm r) {
        return desk.addReturn(id, r, me());
    }

    @GetMapping("/files/{id}/returns/{returnId}/receipt.pdf")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "The receipt of a return as a PDF for the victim to sign")
    ResponseEntity<byte[]> receipt(@PathVariable UUID id, @PathVariable UUID returnId, Locale locale) {
        return pdf(receipts.print(id, returnId, me(), locale));
    }

    @PostMapping("/files/{id}/returns/{returnId}/receipt")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Record the receipt as signed, optionally with its scan (multipart 'scan': PDF, JPEG or PNG, at most 5 MB)")
    RecoveryViews.Detail signed(@PathVariable UUID id, @PathVariable UUID returnId,
            @RequestParam(required = false) LocalDate signedOn, @RequestParam(required = false) MultipartFile scan) {
        return views.detail(desk.signReceipt(id, returnId, signedOn, bytes(scan), me()));
    }

    @GetMapping("/files/{id}/returns/{returnId}/scan")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "The signed receipt's scan")
    ResponseEntity<byte[]> scan(@PathVariable UUID id, @PathVariable UUID returnId, Locale locale) {
        return scanResponse(desk.scan(id, returnId, me()), returnId, messages, locale);
    }

    @PostMapping("/files/{id}/revisits")
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "A revisit to a victim (回访): date, what he said, satisfied or not")
    RecoveryViews.Detail revisit(@PathVariable UUID id, @RequestBody RecoveryDesk.RevisitForm r) {
        return views.detail(desk.addRevisit(id, r, me()));
    }

    @GetMapping("/events")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "The collective return events (集中返赃) of the caller's jurisdiction, newest first")
    List<RecoveryFiles.Event> events() {
        return files.events(Callers.require().unitPaths(), 200);
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('RECOVERY_WRITE')")
    @Operation(summary = "Hold a collective return event; its returns are then recorded on their files with its eventId")
    RecoveryFiles.Event addEvent(@RequestBody RecoveryDesk.EventForm e) {
        return desk.addEvent(e, me());
    }

    @GetMapping("/events/{id}")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "One collective return event with its returns")
    RecoveryViews.EventDetail event(@PathVariable UUID id) {
        return views.event(desk.event(id, me()), Callers.require().unitPaths());
    }

    @GetMapping("/rates")
    @PreAuthorize("hasAuthority('RECOVERY_READ')")
    @Operation(summary = "Recovery and return rates per station and year (of registration), over the caller's files")
    Rates.Table rates(@RequestParam(required = false) Integer year) {
        return rates.byStationAndYear(year, Callers.require().unitPaths());
    }

    static byte[] bytes(MultipartFile scan) {
        if (scan == null || scan.isEmpty()) {
            return null;
        }
        if (scan.getSize() > RecoveryDesk.MAX_SCAN) {
            throw Invalid.of("scan", "recovery.scan.tooLarge");
        }
        try {
            return scan.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseEntity<byte[]> pdf(ReceiptPdf.Document d) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(d.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(d.bytes());
    }

    /** The signed receipt's scan, saved under a name in the reader's language as the receipt's print is. */
    static ResponseEntity<byte[]> scanResponse(RecoveryFiles.Scan s, UUID returnId, MessageSource messages,
            Locale locale) {
        String ext = switch (s.type()) {
            case "application/pdf" -> ".pdf";
            case "image/png" -> ".png";
            default -> ".jpg";
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(s.type()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(messages.getMessage("recovery.scan.file", null, locale) + "-" + returnId + ext,
                                StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(s.bytes());
    }

    private static Actor me() {
        return Actor.of(Callers.require());
    }
}
