package org.fengqiao.population.web;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.internal.ImportJobs;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The import page: upload a table of persons for a dry run or a real import, follow the job's progress
 * (the page polls {@code /api/v1/imports/{id}}), see its counts and fetch its rejected rows; below, the
 * recent jobs the caller may see.
 */
@Controller
class ImportPages {

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LocalTimes.ZONE);

    private final ImportJobs jobs;

    ImportPages(ImportJobs jobs) {
        this.jobs = jobs;
    }

    /** A job as the list shows it, its start time in Beijing time. */
    record JobView(ImportJobs.Job job, String createdAt) {
    }

    @GetMapping("/imports")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String imports(Model model) {
        List<JobView> recent = jobs.recent(ImportJobs.Kind.PERSONS, Callers.require(), 20).stream()
                .map(j -> new JobView(j, SHOWN.format(j.createdAt()))).toList();
        model.addAttribute("jobs", recent);
        return "population/imports";
    }
}
