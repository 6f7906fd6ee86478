package org.fengqiao.backup.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fengqiao.backup.internal.Backups;
import org.fengqiao.platform.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/backups")
@Tag(name = "Backups", description = "Copies of the embedded database taken while the platform runs (system administrator)")
class BackupApi {

    private final Backups backups;
    private final org.springframework.context.MessageSource messages;

    BackupApi(Backups backups, org.springframework.context.MessageSource messages) {
        this.backups = backups;
        this.messages = messages;
    }

    record Listing(String directory, int keep, java.time.Instant nextNightly, List<Backups.Backup> backups,
            List<RunLine> runs) {
    }

    /**
     * A run as {@link Backups.Run}, with how long it took in seconds and why it failed in the caller's language
     * (reason), beside the key and arguments (error, errorArgs) a script matches on.
     */
    record RunLine(java.util.UUID id, java.time.Instant startedAt, java.time.Instant finishedAt, Long seconds,
            String name, Long bytes, String outcome, String error, List<String> errorArgs, String reason,
            String actor) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SYSTEM_BACKUP')")
    @Operation(summary = "The copies kept, newest first, and the latest runs with their outcome",
            description = "A copy's bytes are those its run recorded. Folders the platform did not write are not "
                    + "listed. A run's seconds is how long it took; a failed run's reason says why in the caller's "
                    + "language. A run without an actor was found on disk, not taken by this database (after a "
                    + "restore: the copies taken after the one restored from).")
    Listing list(java.util.Locale locale) {
        List<RunLine> runs = backups.runs(BackupPages.RUNS).stream().map(r -> new RunLine(r.id(), r.startedAt(),
                r.finishedAt(), r.took() == null ? null : r.took().toSeconds(), r.name(), r.bytes(), r.outcome(),
                r.error(), r.errorArgs(), BackupPages.reason(messages, r, locale), r.actor())).toList();
        return new Listing(backups.directory().toString(), backups.keep(), backups.nextNightly(), backups.list(), runs);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SYSTEM_BACKUP')")
    @Operation(summary = "Take a copy now",
            description = "Answers when the copy is whole on disk (201). 409 with the reason on an outside database, "
                    + "while another copy is being taken, when the disk lacks room, or when the copy fails.")
    ResponseEntity<Backups.Backup> take() {
        return ResponseEntity.status(HttpStatus.CREATED).body(backups.take(Callers.require().username()));
    }
}
