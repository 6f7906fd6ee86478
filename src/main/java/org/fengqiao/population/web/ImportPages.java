package org.fengqiao.population.web;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.internal.ImportJobs;
import org.fengqiao.population.internal.PersonImport;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import page: upload a table of persons for a dry run or a real import, follow the job's progress
 * (the page polls {@code /api/v1/imports/{id}}), see its counts and fetch its rejected rows; below, the
 * recent jobs the caller may see. Its files (the template, a job's rejected rows) and the form sent without the
 * page's script are the page's own addresses: they go with the session and answer in the page's language, a refusal
 * back on this page, not the API's problem in JSON.
 */
@Controller
@PreAuthorize("hasAuthority('POPULATION_WRITE')")
@FieldLabels("imports.form.")
class ImportPages {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LocalTimes.ZONE);

    private final ImportJobs jobs;
    private final PersonImport imports;
    private final MessageSource messages;
    private final FormAnswers answers;

    ImportPages(ImportJobs jobs, PersonImport imports, MessageSource messages, FormAnswers answers) {
        this.jobs = jobs;
        this.imports = imports;
        this.messages = messages;
        this.answers = answers;
    }

    /** A job as the list shows it, its start time in Beijing time. */
    record JobView(ImportJobs.Job job, String createdAt) {
    }

    @GetMapping("/imports")
    String imports(Model model) {
        List<JobView> recent = jobs.recent(ImportJobs.Kind.PERSONS, Callers.require(), 20).stream()
                .map(j -> new JobView(j, SHOWN.format(j.createdAt()))).toList();
        model.addAttribute("jobs", recent);
        return "population/imports";
    }

    /**
     * The upload form sent without the page's script (which sends it to the API and follows the job): submitted as
     * the API submits it, and back to this page, which lists the job, saying it was submitted; refused (no file, not
     * .xlsx or .csv) on this page in the reader's language.
     */
    @PostMapping("/imports")
    String upload(@RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Locale locale, RedirectAttributes redirect)
            throws IOException {
        try {
            ImportController.submit(imports, file, dryRun, locale);
            redirect.addFlashAttribute("notice", messages.getMessage("imports.form.submitted", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        }
        return "redirect:/imports";
    }

    /** The empty import table, in the page's language. */
    @GetMapping("/imports/template.xlsx")
    ResponseEntity<byte[]> template(Locale locale) throws IOException {
        return ImportController.templateFile(imports, messages, locale);
    }

    /** A job's rejected rows, named in the page's language; the 404 page for a job outside the reader's jurisdiction. */
    @GetMapping("/imports/{id}/errors.xlsx")
    ResponseEntity<byte[]> errors(@PathVariable UUID id, Locale locale) {
        try {
            return ImportController.errorFile(jobs, id, messages, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
