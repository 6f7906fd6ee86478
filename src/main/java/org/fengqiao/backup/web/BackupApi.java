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

    BackupApi(Backups backups) {
        this.backups = backups;
    }

    record Listing(String directory, int keep, java.time.Instant nextNightly, List<Backups.Backup> backups,
            List<Backups.Run> runs) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SYSTEM_BACKUP')")
    @Operation(summary = "The copies kept, newest first, and the latest runs with their outcome",
            description = "A copy's bytes are those its run recorded; null when this database did not record it "
                    + "(after a restore: the copies taken after the one restored from). Folders the platform did not "
                    + "write are not listed.")
    Listing list() {
        return new Listing(backups.directory().toString(), backups.keep(), backups.nextNightly(), backups.list(),
                backups.runs(BackupPages.RUNS));
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
