package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
        Integer period = chosen ? null : (days != null && DuplicatePages.PERIODS.contains(days) ? days : 30);
        ChosenDays counted = ChosenDays.read(from, to, period == null ? 30 : period, today, "incident.satisfaction",
                messages, locale);
        model.addAttribute("days", period);
        model.addAttribute("periods", DuplicatePages.PERIODS);
        model.addAttribute("from", counted.period() ? counted.first().toString() : from);
        model.addAttribute("to", counted.period() ? counted.last().toString() : to);
        model.addAttribute("unitId", unit);
        model.addAttribute("units", jurisdictions.visibleOffices(caller));
        model.addAttribute("problems", counted.problems());
        if (!counted.period()) {
            // nothing to count over: say why, with the form to put it right, and show no figures
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "incident/satisfaction";
        }
        OffsetDateTime start = counted.first().atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
        OffsetDateTime end = counted.last().plusDays(1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
        model.addAttribute("report", report.of(caller, unit, start, end));
        model.addAttribute("lowListed", SatisfactionReport.LOW_LISTED);
        return "incident/satisfaction";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A rate as the page shows it: 98.2%; a dash without ratings. */
    public static String percent(Double rate) {
        return rate == null ? "–" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
