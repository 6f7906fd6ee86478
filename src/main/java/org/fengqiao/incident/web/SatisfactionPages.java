package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.incident.internal.SatisfactionReport;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The satisfaction page (群众满意率) a station chief reads beside the response times: over the last 7, 30 or 90
 * days or the dates he chooses (China Standard Time, both days included), in his whole jurisdiction or one unit
 * of it, the rate per unit, grid and person in charge with the number of ratings behind each, and the low ratings
 * with the residents' words. A period that is no period answers 400 with the reason and no figures.
 */
@Controller
class SatisfactionPages {

    private final SatisfactionReport report;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;
    private final Clock clock;

    SatisfactionPages(SatisfactionReport report, Jurisdictions jurisdictions, MessageSource messages, Clock clock) {
        this.report = report;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/incidents/satisfaction")
    @PreAuthorize("hasAuthority('INCIDENT_STATS')")
    String satisfaction(@RequestParam(required = false) Integer days, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) UUID unit, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        LocalDate today = LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
        boolean chosen = !blank(from) || !blank(to);
        List<String> problems = new ArrayList<>();
        LocalDate last = blank(to) ? today : date(to, "to", problems, locale);
        Integer period = chosen ? null : (days != null && DuplicatePages.PERIODS.contains(days) ? days : 30);
        LocalDate first = blank(from)
                ? (last == null ? null : last.minusDays((period == null ? 30 : period) - 1L))
                : date(from, "from", problems, locale);
        // a period reaching past today would read as the rate of days that have not come (as the response times' does)
        notAfter(today, "from", blank(from) ? null : first, problems, locale);
        notAfter(today, "to", blank(to) ? null : last, problems, locale);
        if (problems.isEmpty() && first.isAfter(last)) {
            problems.add(messages.getMessage("incident.satisfaction.period.datesReversed", null, locale));
        }
        model.addAttribute("days", period);
        model.addAttribute("periods", DuplicatePages.PERIODS);
        model.addAttribute("from", first != null && problems.isEmpty() ? first.toString() : from);
        model.addAttribute("to", last != null && problems.isEmpty() ? last.toString() : to);
        model.addAttribute("unitId", unit);
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        model.addAttribute("problems", problems);
        if (!problems.isEmpty()) {
            // nothing to count over: say why, with the form to put it right, and show no figures
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "incident/satisfaction";
        }
        OffsetDateTime start = first.atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
        OffsetDateTime end = last.plusDays(1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
        model.addAttribute("report", report.of(caller, unit, start, end));
        model.addAttribute("lowListed", SatisfactionReport.LOW_LISTED);
        return "incident/satisfaction";
    }

    private LocalDate date(String text, String field, List<String> problems, Locale locale) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            String name = messages.getMessage("incident.satisfaction.field." + field, null, locale);
            problems.add(messages.getMessage("incident.satisfaction.period.format", new Object[] {name, text}, locale));
            return null;
        }
    }

    private void notAfter(LocalDate today, String field, LocalDate day, List<String> problems, Locale locale) {
        if (day != null && day.isAfter(today)) {
            String name = messages.getMessage("incident.satisfaction.field." + field, null, locale);
            problems.add(messages.getMessage("incident.satisfaction.period.dayAfterToday",
                    new Object[] {name, day.toString(), today.toString()}, locale));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A rate as the page shows it: 98.2%; a dash without ratings. */
    public static String percent(Double rate) {
        return rate == null ? "–" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
