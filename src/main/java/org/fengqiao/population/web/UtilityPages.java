package org.fengqiao.population.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.internal.UtilityAnomalyPolicy;
import org.fengqiao.population.internal.Utility;
import org.fengqiao.population.internal.UtilityImport;
import org.fengqiao.population.internal.ImportJobs;
import org.fengqiao.population.internal.VerificationTasks;
import org.fengqiao.population.internal.Verifications;
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
 * The pages of utility readings and verification tasks: upload a readings file and follow its job; the
 * list of tasks with filters and one task with its readings, residents, history and the forms to assign
 * and resolve it. Plain forms that post and redirect, so they work on a phone without scripts.
 */
@Controller
@FieldLabels({"utilities.tasks.", "utilities.task.", "utilities.import."})
class UtilityPages {

    private final UtilityImport imports;
    private final ImportJobs jobs;
    private final Verifications verifications;
    private final VerificationTasks tasks;
    private final MessageSource messages;
    private final FormAnswers forms;

    UtilityPages(UtilityImport imports, ImportJobs jobs, Verifications verifications, VerificationTasks tasks,
            MessageSource messages, FormAnswers forms) {
        this.imports = imports;
        this.jobs = jobs;
        this.verifications = verifications;
        this.tasks = tasks;
        this.messages = messages;
        this.forms = forms;
    }

    @GetMapping("/utility-readings/import")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String importPage(Model model) {
        model.addAttribute("recent", jobs.recent(UtilityReadingController.KIND, Callers.require(), 10));
        return "utilities/import";
    }

    @PostMapping("/utility-readings/import")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean dryRun,
            Locale locale, RedirectAttributes redirect) throws IOException {
        try {
            UUID id = UtilityReadingController.submit(imports, file, dryRun, locale);
            return "redirect:/utility-readings/imports/" + id;
        } catch (Invalid e) {
            forms.refused(redirect, e, locale);
            return "redirect:/utility-readings/import";
        }
    }

    @GetMapping("/utility-readings/imports/{id}")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String job(@PathVariable UUID id, Model model) {
        model.addAttribute("job", jobs.findVisible(UtilityReadingController.KIND, id, Callers.require())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "utilities/job";
    }

    /** The error file: .xlsx; a job run before the imports shared one error file writer has a .csv. */
    @GetMapping({"/utility-readings/imports/{id}/errors.xlsx", "/utility-readings/imports/{id}/errors.csv"})
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    ResponseEntity<byte[]> errors(@PathVariable UUID id, Locale locale) {
        try {
            return UtilityReadingController.errorFile(jobs, id, messages, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping("/utility-readings/template.csv")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    ResponseEntity<byte[]> template(Locale locale) {
        return UtilityReadingController.templateFile(messages, locale);
    }

    @GetMapping("/utility-readings/template.xlsx")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    ResponseEntity<byte[]> templateXlsx(Locale locale) throws IOException {
        return UtilityReadingController.templateXlsxFile(messages, locale);
    }

    @GetMapping("/verification-tasks")
    @PreAuthorize("isAuthenticated()")
    String list(@RequestParam(required = false) VerificationTasks.Status status,
            @RequestParam(required = false) UtilityAnomalyPolicy.Kind kind, @RequestParam(required = false) UUID gridId,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) Boolean open,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        // the list opens on what is still to do; choosing a status shows that status only
        boolean unresolved = open != null ? open : status == null;
        int size = 30;
        int current = Math.max(1, page);
        VerificationTasks.Page found = verifications.list(new VerificationTasks.Filter(status, gridId, kind, mine,
                unresolved), caller, size, Paging.offset(current, size));
        model.addAttribute("tasks", found.tasks());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        String pastTheEnd = Paging.lastPageIfPast(current, (found.total() + size - 1) / size).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", (found.total() + size - 1) / size);
        model.addAttribute("status", status);
        model.addAttribute("kind", kind);
        model.addAttribute("gridId", gridId);
        model.addAttribute("mine", mine);
        // one who reads no population records sees only the tasks given to him: the list is his own, and "given to me
        // only" or "not yet given" would filter nothing or show nothing
        model.addAttribute("mayRead", caller.may("POPULATION_READ"));
        model.addAttribute("open", unresolved);
        model.addAttribute("statuses", VerificationTasks.Status.values());
        model.addAttribute("kinds", UtilityAnomalyPolicy.Kind.values());
        model.addAttribute("grids", tasks.grids(caller));
        return "utilities/tasks";
    }

    @GetMapping("/verification-tasks/{id}")
    @PreAuthorize("isAuthenticated()")
    String task(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Verifications.Detail detail;
        try {
            detail = verifications.read(id, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        boolean mayWrite = caller.may("POPULATION_WRITE");
        model.addAttribute("detail", detail);
        model.addAttribute("task", detail.task());
        model.addAttribute("mayWrite", mayWrite);
        model.addAttribute("mayRead", caller.may("POPULATION_READ"));
        boolean open = detail.task().status() != VerificationTasks.Status.RESOLVED;
        model.addAttribute("servers", mayWrite && open ? verifications.assignable(detail.task().gridId()) : List.of());
        model.addAttribute("visits", detail.mayChange() && caller.may("POPULATION_READ")
                ? tasks.visits(detail.task().placeId()) : List.of());
        List<VerificationTasks.Finding> findings = new ArrayList<>();
        for (VerificationTasks.Finding f : VerificationTasks.Finding.values()) {
            boolean changesRecords = f == VerificationTasks.Finding.VACANT || f == VerificationTasks.Finding.RESIDENTS_LEFT;
            if (mayWrite || !changesRecords) {
                findings.add(f);
            }
        }
        model.addAttribute("findings", findings);
        // a "no issue" finding on a "use without residents" task holds for the place: the form states how long and
        // above which use, with the limits it holds to unless the officer states others
        boolean holds = detail.mayChange() && detail.task().kind() == UtilityAnomalyPolicy.Kind.UNREGISTERED_USE;
        model.addAttribute("holdLimits", holds ? verifications.holdLimits(detail.task()) : Map.of());
        model.addAttribute("holdMonths", DEFAULT_HOLD_MONTHS);
        return "utilities/task";
    }

    @PostMapping("/verification-tasks/{id}/assign")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String assign(@PathVariable UUID id, @RequestParam(required = false) UUID assigneeId, Locale locale,
            RedirectAttributes redirect) {
        return change(id, locale, redirect, "utilities.task.assigned",
                () -> verifications.assign(id, assigneeId, Callers.require()));
    }

    @PostMapping("/verification-tasks/{id}/resolve")
    @PreAuthorize("isAuthenticated()")
    String resolve(@PathVariable UUID id, @RequestParam(required = false) VerificationTasks.Finding finding,
            @RequestParam(required = false) String note, @RequestParam(required = false) UUID visitId,
            @RequestParam(required = false) String holdMonths, @RequestParam(required = false) String holdWater,
            @RequestParam(required = false) String holdPower, @RequestParam(required = false) String holdGas,
            Locale locale, RedirectAttributes redirect) {
        return change(id, locale, redirect, "utilities.task.resolvedNotice", () -> {
            Map<Utility, BigDecimal> above = new EnumMap<>(Utility.class);
            List<Invalid.Problem> problems = new ArrayList<>();
            Integer months = null;
            if (holdMonths != null && !holdMonths.isBlank()) {
                try {
                    months = Integer.valueOf(holdMonths.strip());
                } catch (NumberFormatException e) {
                    problems.add(new Invalid.Problem("holdMonths", "utilities.hold.months.range",
                            new Object[] {Verifications.MAX_HOLD_MONTHS}));
                }
            }
            Map<Utility, String> typed = new EnumMap<>(Utility.class);
            typed.put(Utility.WATER, holdWater);
            typed.put(Utility.POWER, holdPower);
            typed.put(Utility.GAS, holdGas);
            typed.forEach((u, v) -> {
                if (v != null && !v.isBlank()) {
                    try {
                        above.put(u, new BigDecimal(v.strip()));
                    } catch (NumberFormatException e) {
                        problems.add(new Invalid.Problem(Verifications.holdField(u),
                                "utilities.hold.above.range", new Object[0]));
                    }
                }
            });
            if (!problems.isEmpty() && (finding == VerificationTasks.Finding.NO_ISSUE)) {
                throw new Invalid("error.invalid", problems);
            }
            verifications.resolve(id, new Verifications.Resolution(finding, note, visitId, months, above),
                    Callers.require());
        });
    }

    /** How long the form offers a "no issue" finding to hold, in months after the task's last month. */
    static final int DEFAULT_HOLD_MONTHS = 12;

    private String change(UUID id, Locale locale, RedirectAttributes redirect, String done, Runnable action) {
        return forms.redirect("/verification-tasks/" + id, done, locale, redirect, action);
    }

}
