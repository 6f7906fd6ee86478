package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.incident.internal.IncidentProperties;
import org.fengqiao.incident.internal.Merges;
import org.fengqiao.incident.internal.ResponsePeriodPolicy;
import org.fengqiao.incident.internal.ResponseTimes;
import org.fengqiao.incident.internal.StepPolicy;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Merging a duplicate from the incident's page (a plain form that posts and redirects), and the response-times
 * page: each grid's and each person's median and 90th percentile times against the targets, over the last 7,
 * 30 or 90 days or the days chosen, in the whole jurisdiction or one unit of it, with what is over target marked.
 */
@Controller
@FieldLabels({"incident.merge.", "incident.field."})
class DuplicatePages {

    static final List<Integer> PERIODS = List.of(7, 30, 90);

    private final Merges merges;
    private final ResponseTimes times;
    private final IncidentProperties properties;
    private final MessageSource messages;
    private final Clock clock;
    private final Jurisdictions jurisdictions;

    private final FormAnswers answers;

    DuplicatePages(Merges merges, ResponseTimes times, IncidentProperties properties, MessageSource messages,
            Clock clock, Jurisdictions jurisdictions, FormAnswers answers) {
        this.answers = answers;
        this.jurisdictions = jurisdictions;
        this.merges = merges;
        this.times = times;
        this.properties = properties;
        this.messages = messages;
        this.clock = clock;
    }

    @PostMapping("/incidents/{id}/merge")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    String merge(@PathVariable UUID id, @RequestParam(required = false) UUID primaryId,
            @RequestParam(required = false) String trackingCode, @RequestParam(required = false) Boolean acrossCategories,
            @RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
        try {
            merges.merge(id, new Merges.Into(primaryId, trackingCode, Boolean.TRUE.equals(acrossCategories), reason),
                    merger());
            redirect.addFlashAttribute("notice", messages.getMessage("incident.merge.done", null, locale));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        } catch (Conflict e) {
            answers.refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/incidents/" + id;
    }

    /** One figure of a row: median and 90th percentile in seconds, and whether each is over the target. */
    public record Cell(String step, long count, Double median, Double p90, long withinTarget, long target,
            boolean medianOver, boolean p90Over) {

        static Cell of(String step, ResponseTimes.Measure m) {
            return new Cell(step, m.count(), m.medianSeconds(), m.p90Seconds(), m.withinTarget(), m.targetSeconds(),
                    m.medianSeconds() != null && m.medianSeconds() > m.targetSeconds(),
                    m.p90Seconds() != null && m.p90Seconds() > m.targetSeconds());
        }

        public boolean over() {
            return medianOver || p90Over;
        }

        public String medianText() {
            return DuplicatePages.duration(median);
        }

        public String p90Text() {
            return DuplicatePages.duration(p90);
        }

        public String targetText() {
            return DuplicatePages.duration((double) target);
        }
    }

    public record Line(UUID id, String code, String name, long incidents, List<Cell> cells) {

        static Line of(ResponseTimes.Row r) {
            return new Line(r.id(), r.code(), r.name(), r.incidents(), List.of(Cell.of("acknowledge", r.acknowledge()),
                    Cell.of("dispatch", r.dispatch()), Cell.of("arrive", r.arrive()), Cell.of("resolve", r.resolve())));
        }
    }

    /**
     * Like the satisfaction page, the response times rate the police's work: behind INCIDENT_STATS, so the volunteers,
     * informants and grid members who file and follow items (INCIDENT_READ) do not read them. Over the last 7, 30 or
     * 90 days up to now, or the days chosen (China Standard Time, both included, none after today); in the caller's
     * whole jurisdiction or one unit of it (404 outside it). A period that is no period answers 400 with the reasons,
     * the form as typed and no figures.
     */
    @GetMapping("/incidents/response-times")
    @PreAuthorize("hasAuthority('INCIDENT_STATS')")
    String responseTimes(@RequestParam(required = false) Integer days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) UUID unit, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        Instant now = clock.instant();
        boolean chosen = !blank(from) || !blank(to);
        Integer period = chosen ? null : (days != null && PERIODS.contains(days) ? days : 30);
        model.addAttribute("days", period);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("unitId", unit);
        model.addAttribute("units", jurisdictions.visibleOffices(caller));
        model.addAttribute("steps", List.of("acknowledge", "dispatch", "arrive", "resolve"));
        IncidentProperties.Response t = properties.response();
        model.addAttribute("targetTexts", java.util.Map.of("acknowledge", duration((double) t.acknowledge().toSeconds()),
                "dispatch", duration((double) t.dispatch().toSeconds()), "arrive", duration((double) t.arrive().toSeconds()),
                "resolve", duration((double) t.resolve().toSeconds())));

        OffsetDateTime start;
        OffsetDateTime end;
        List<String> problems = new ArrayList<>();
        if (chosen) {
            ChosenDays counted = ChosenDays.read(from, to, 30, LocalDate.ofInstant(now, LocalTimes.ZONE),
                    "incident.times", messages, locale);
            problems.addAll(counted.problems());
            model.addAttribute("from", counted.period() ? counted.first().toString() : from);
            model.addAttribute("to", counted.period() ? counted.last().toString() : to);
            start = counted.period() ? counted.first().atStartOfDay(LocalTimes.ZONE).toOffsetDateTime() : null;
            end = counted.period() ? counted.last().plusDays(1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime() : null;
        } else {
            // the same window as the endpoint's default: up to now (inclusive), back the period's days
            end = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).plusSeconds(1);
            OffsetDateTime endOfToday = ResponsePeriodPolicy.endOfToday(now);
            end = end.isAfter(endOfToday) ? endOfToday : end;
            start = end.minusDays(period);
        }
        model.addAttribute("problems", problems);
        if (!problems.isEmpty()) {
            // nothing to count over: say why, with the form to put it right, and show no figures
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "incident/response-times";
        }
        ResponseTimes.Report report = times.of(caller, unit, start, end, now);
        model.addAttribute("report", report);
        model.addAttribute("start", start);
        model.addAttribute("end", end);
        model.addAttribute("grids", report.grids().stream().map(Line::of).toList());
        model.addAttribute("people", report.people().stream().map(Line::of).toList());
        return "incident/response-times";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * Seconds as m:ss under an hour, else h:mm:ss; a dash when there is no figure. A fraction of a second counts as a
     * whole one (up, not to the nearest): a time marked over its whole-second target then shows longer than it, and
     * one within it never does.
     */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        long s = (long) Math.ceil(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** Merging is one of an item's steps: refused (403) for those who only report and follow what they filed. */
    private static Submitter merger() {
        Caller caller = Callers.require();
        StepPolicy.require(caller);
        return Submitter.of(caller);
    }
}
