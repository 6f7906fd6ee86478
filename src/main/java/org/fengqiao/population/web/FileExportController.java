package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.population.internal.CareFiles;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 一户一册 and 一人一档 as PDF. No produces condition, so a 404 still answers as a problem detail. */
@RestController
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Registers and files", description = "一户一册 / 一人一档 as PDF")
class FileExportController {

    private final CareFiles files;
    private final MessageSource messages;

    FileExportController(CareFiles files, MessageSource messages) {
        this.files = files;
        this.messages = messages;
    }

    @RequestMapping(path = "/api/v1/households/{id}/register.pdf", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "The household register (一户一册) as PDF: address, members, categories, visits, contact card",
            description = "Identity numbers and phones are masked; with reason (at least 4 characters) a role allowed to "
                    + "reveal gets them in full, audited as a reveal of each member. Every member is audited as read. "
                    + "POST takes the reason form-encoded, so that it stands in no address (the pages post it).")
    ResponseEntity<byte[]> register(@PathVariable UUID id, @RequestParam(required = false) String reason, Locale locale) {
        return pdf(files.householdRegister(id, reason, Callers.require(), locale),
                name(messages, "care.pdf.register.file", id, locale));
    }

    @RequestMapping(path = "/api/v1/persons/{id}/file.pdf", method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "A person's file (一人一档) as PDF: personal data, categories, helper team, care agreement, visits",
            description = "Masked unless a role allowed to reveal gives a reason; the export is audited. POST takes the "
                    + "reason form-encoded, so that it stands in no address (the pages post it).")
    ResponseEntity<byte[]> file(@PathVariable UUID id, @RequestParam(required = false) String reason, Locale locale) {
        return pdf(files.personFile(id, reason, Callers.require(), locale),
                name(messages, "care.pdf.file.file", id, locale));
    }

    /**
     * The name the file is saved under, in the reader's language as the print is written (a Chinese reader saved
     * household-….pdf): the kind of file and the record's id, not a name or address, which a downloads folder
     * would show to anyone who looks at it.
     */
    static String name(MessageSource messages, String key, UUID id, Locale locale) {
        return messages.getMessage(key, null, locale) + "-" + id + ".pdf";
    }

    static ResponseEntity<byte[]> pdf(byte[] body, String name) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name, StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
