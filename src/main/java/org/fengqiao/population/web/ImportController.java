package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
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
import org.fengqiao.population.internal.ImportJobs;
import org.fengqiao.population.internal.PersonImport;
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
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Persons, households and addresses from xlsx or CSV as background jobs")
class ImportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final PersonImport imports;
    private final ImportJobs jobs;
    private final MessageSource messages;

    ImportController(PersonImport imports, ImportJobs jobs, MessageSource messages) {
        this.imports = imports;
        this.jobs = jobs;
        this.messages = messages;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Upload persons (.xlsx or UTF-8 .csv) for import; 202 with the job id, the work runs in the background")
    ResponseEntity<Map<String, UUID>> upload(@RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
        UUID id = submit(imports, file, dryRun, locale);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
    }

    /**
     * A table of persons submitted for import, the API's and the import page's alike; refused (nothing submitted) for
     * no file, an empty one, or one that is neither .xlsx nor .csv.
     */
    static UUID submit(PersonImport imports, MultipartFile file, boolean dryRun, Locale locale) throws IOException {
        String name = file == null || file.getOriginalFilename() == null ? "import.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (file == null || file.isEmpty()) {
            // no file chosen, or one of 0 bytes: its name may well be right, so not "upload an .xlsx or .csv"
            throw Invalid.of("file", "imports.file.empty");
        }
        if (!(lower.endsWith(".xlsx") || lower.endsWith(".csv"))) {
            throw Invalid.of("file", "imports.file.type");
        }
        Path saved = Files.createTempFile("fengqiao-import-", lower.endsWith(".xlsx") ? ".xlsx" : ".csv");
        file.transferTo(saved);
        return imports.submit(saved, name, dryRun, Callers.require(), locale);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "A job's status and counts; 404 for a job outside the caller's jurisdiction",
            description = "errorFileName is the name GET /{id}/errors saves the rejected rows under, in the reader's "
                    + "language as that download names it (persons-错误行.xlsx in Chinese, persons-errors.xlsx in "
                    + "English); null when no row was rejected.")
    ImportJobs.Job one(@PathVariable UUID id, Locale locale) {
        return named(jobs.findVisible(ImportJobs.Kind.PERSONS, id, Callers.require())
                .orElseThrow(() -> new NotFound("import", id)), messages, locale);
    }

    @GetMapping("/{id}/errors")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "The rejected rows as xlsx: the input's columns, the row number and every problem")
    ResponseEntity<byte[]> errors(@PathVariable UUID id, Locale locale) {
        return errorFile(jobs, id, messages, locale);
    }

    /** A job's rejected rows as xlsx, named in the reader's language; 404 outside the caller's jurisdiction. */
    static ResponseEntity<byte[]> errorFile(ImportJobs jobs, UUID id, MessageSource messages, Locale locale) {
        Caller caller = Callers.require();
        ImportJobs.Job job = jobs.findVisible(ImportJobs.Kind.PERSONS, id, caller).orElseThrow(() -> new NotFound("import", id));
        byte[] file = jobs.errorFile(ImportJobs.Kind.PERSONS, id, caller).orElseThrow(() -> new NotFound("import-errors", id));
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(errorFileName(job, messages, locale), java.nio.charset.StandardCharsets.UTF_8)
                        .build().toString())
                .body(file);
    }

    /** What a job's rejected rows are stored as: the uploaded file's name with this after it. */
    private static final String STORED_ERRORS = "-errors.";

    /**
     * The name a job's rejected rows are saved under: the uploaded file's name, then the word for errors in the
     * reader's language (名单-错误行.xlsx for a Chinese reader, who saved 名单-errors.xlsx).
     */
    static String errorFileName(ImportJobs.Job job, MessageSource messages, Locale locale) {
        String stored = job.errorFileName();
        if (stored == null) {
            return null;
        }
        int at = stored.lastIndexOf(STORED_ERRORS);
        return at < 0 ? stored : stored.substring(0, at) + "-" + messages.getMessage("imports.errors.file", null, locale)
                + stored.substring(at + STORED_ERRORS.length() - 1);
    }

    /**
     * A job as the API answers it: its errorFileName the name its download saves the rejected rows under, in the
     * reader's language, not the stored English one (the JSON said 名单-errors.xlsx, the file came as 名单-错误行.xlsx).
     */
    static ImportJobs.Job named(ImportJobs.Job job, MessageSource messages, Locale locale) {
        return job.errorFileName() == null ? job : job.withErrorFileName(errorFileName(job, messages, locale));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "The caller's recent import jobs", description = "Each errorFileName as GET /{id} names it.")
    List<ImportJobs.Job> recent(Locale locale) {
        return jobs.recent(ImportJobs.Kind.PERSONS, Callers.require(), 20).stream()
                .map(j -> named(j, messages, locale)).toList();
    }

    @GetMapping("/template.xlsx")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "An empty import table: the headers and one example row, in the reader's language "
            + "(the Chinese or English headers and codes the import reads)")
    ResponseEntity<byte[]> template(Locale locale) throws IOException {
        return templateFile(imports, messages, locale);
    }

    /** The empty import table in the reader's language, named in it. */
    static ResponseEntity<byte[]> templateFile(PersonImport imports, MessageSource messages, Locale locale)
            throws IOException {
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(messages.getMessage("imports.template.fileName", null, locale) + ".xlsx",
                                java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(imports.template(locale));
    }
}
