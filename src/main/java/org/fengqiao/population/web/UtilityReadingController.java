package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.internal.UtilityImport;
import org.fengqiao.population.internal.ImportJobs;
import org.fengqiao.population.internal.UtilityReadings;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/utility-readings")
@Tag(name = "Utility readings", description = "Monthly water, power and gas use per room from the suppliers' xlsx or CSV")
class UtilityReadingController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final ImportJobs.Kind KIND = ImportJobs.Kind.UTILITY_READINGS;

    private final UtilityImport imports;
    private final ImportJobs jobs;
    private final UtilityReadings readings;

    private final MessageSource messages;

    UtilityReadingController(UtilityImport imports, ImportJobs jobs, UtilityReadings readings, MessageSource messages) {
        this.imports = imports;
        this.jobs = jobs;
        this.readings = readings;
        this.messages = messages;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    @Operation(summary = "The readings of one room (roomId) or of an address without a room (addressId), newest month first",
            description = "404 for a room or address outside the caller's jurisdiction, as for one that does not exist.")
    List<UtilityReadings.Reading> ofPlace(@RequestParam(required = false) UUID roomId,
            @RequestParam(required = false) UUID addressId, @RequestParam(defaultValue = "12") int months) {
        Caller caller = Callers.require();
        UtilityReadings.Place place;
        if (roomId != null) {
            place = readings.roomVisible(roomId, caller).orElseThrow(() -> new NotFound("room", roomId));
        } else if (addressId != null) {
            place = readings.addressVisible(addressId, caller).orElseThrow(() -> new NotFound("address", addressId));
        } else {
            throw Invalid.of("roomId", "error.field.required");
        }
        return readings.ofPlace(place.id(), Math.max(1, Math.min(months, 60)));
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Upload readings (.xlsx or UTF-8 .csv) for import; 202 with the job id, the work runs in the background",
            description = "Columns (Chinese or English headers): 类别/utility (水 电 气), 月份/month (2026-05), then the room as "
                    + "网格编码/gridCode, 楼栋/building, 单元/unit, 楼层/floor (optional), 房号/room, or the standard address "
                    + "as 地址/address; 表号/meter, 本期读数/reading, 用量/consumption (from the previous reading when empty), "
                    + "供应单位/supplier. dryRun=true checks and counts without writing.")
    ResponseEntity<Map<String, UUID>> upload(@RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", submit(imports, file, dryRun, locale)));
    }

    static UUID submit(UtilityImport imports, MultipartFile file, boolean dryRun, Locale locale) throws IOException {
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "readings.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (file.isEmpty()) {
            // no file chosen, or one of 0 bytes: its name may well be right, so not "upload an .xlsx or .csv"
            throw Invalid.of("file", "utilities.import.file.empty");
        }
        if (!(lower.endsWith(".xlsx") || lower.endsWith(".csv"))) {
            throw Invalid.of("file", "utilities.import.file.type");
        }
        Path saved = Files.createTempFile("fengqiao-utilities-", lower.endsWith(".xlsx") ? ".xlsx" : ".csv");
        file.transferTo(saved);
        return imports.submit(saved, name, dryRun, Callers.require(), locale);
    }

    @GetMapping("/imports")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "The caller's recent reading imports")
    List<ImportJobs.Job> recent(Locale locale) {
        // each errorFileName the name its download saves the rejected rows under, in the reader's language
        return jobs.recent(KIND, Callers.require(), 20).stream()
                .map(j -> ImportController.named(j, messages, locale)).toList();
    }

    @GetMapping("/imports/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "A job's status and counts (rows created, updated, unchanged, failed; tasks opened); 404 outside the jurisdiction")
    ImportJobs.Job one(@PathVariable UUID id, Locale locale) {
        return ImportController.named(jobs.findVisible(KIND, id, Callers.require())
                .orElseThrow(() -> new NotFound("utility-import", id)), messages, locale);
    }

    @GetMapping("/imports/{id}/errors")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "The rejected rows as xlsx: the row number, the row as sent, and every problem")
    ResponseEntity<byte[]> errors(@PathVariable UUID id, Locale locale) {
        return errorFile(jobs, id, messages, locale);
    }

    static ResponseEntity<byte[]> errorFile(ImportJobs jobs, UUID id, MessageSource messages, Locale locale) {
        Caller caller = Callers.require();
        ImportJobs.Job job = jobs.findVisible(KIND, id, caller).orElseThrow(() -> new NotFound("utility-import", id));
        byte[] file = jobs.errorFile(KIND, id, caller).orElseThrow(() -> new NotFound("utility-import-errors", id));
        // jobs run before the imports shared one error file writer kept their CSV
        MediaType type = job.errorFileName().endsWith(".csv") ? CSV : ImportController.XLSX;
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ImportController.errorFileName(job, messages, locale), StandardCharsets.UTF_8)
                        .build().toString())
                .body(file);
    }

    @GetMapping("/template.csv")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "An example readings file as CSV: the headers and two rows, in the reader's language")
    ResponseEntity<byte[]> template(Locale locale) {
        return templateFile(messages, locale);
    }

    @GetMapping("/template.xlsx")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "An example readings file as xlsx: the headers and two rows, in the reader's language")
    ResponseEntity<byte[]> templateXlsx(Locale locale) throws IOException {
        return templateXlsxFile(messages, locale);
    }

    /** The example file as xlsx, its headers, utilities and name in the reader's language. */
    static ResponseEntity<byte[]> templateXlsxFile(MessageSource messages, Locale locale) throws IOException {
        return ResponseEntity.ok().contentType(ImportController.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, templateName(messages, locale, ".xlsx"))
                .body(UtilityImport.templateXlsx(locale));
    }

    /** The example file as CSV, its headers, utilities and name in the reader's language. */
    static ResponseEntity<byte[]> templateFile(MessageSource messages, Locale locale) {
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, templateName(messages, locale, ".csv"))
                .body(UtilityImport.template(locale).getBytes(StandardCharsets.UTF_8));
    }

    private static String templateName(MessageSource messages, Locale locale, String ending) {
        return ContentDisposition.attachment().filename(
                messages.getMessage("utilities.import.template.fileName", null, locale) + ending, StandardCharsets.UTF_8)
                .build().toString();
    }
}
