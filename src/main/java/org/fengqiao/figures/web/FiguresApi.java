package org.fengqiao.figures.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.figures.internal.ChosenPeriod;
import org.fengqiao.figures.internal.FigureTexts;
import org.fengqiao.figures.internal.WorkFigures;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.PeriodFigures;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The work figures (工作统计) as JSON: the same report as the page, each figure with the year before's and the change.
 */
@RestController
class FiguresApi {

    /** One figure; {@code list} the API list of what it counts, absent when there is none. */
    @Schema(name = "WorkFigure")
    record Figure(String key, Long value, Long yearBefore, Double rate, Double rateYearBefore, Double changePercent,
            Double changePoints, @Schema(description = LIST) String list,
            @Schema(description = "A line about the figure in the caller's language (from when the results a rate "
                    + "rates are kept); absent when there is none") String note) {
    }

    /** A breakdown's part: an offence's cases, with its marks ("preventable") and the API list of them. */
    @Schema(name = "WorkFigureShare")
    record Share(String key, long value, long yearBefore, Double changePercent, List<String> marks,
            @Schema(description = LIST) String list) {
    }

    static final String LIST = "The API list of exactly what this counts (e.g. /api/v1/incidents?show=all&offence="
            + "BURGLARY&from=2026-06-01&to=2026-06-30&unitId=...), over the same days in the same unit: its total, "
            + "asked by the same caller, is the value. The page links the same list (/incidents?...). Absent when "
            + "there is none.";

    // named apart from the other APIs' records of the same simple name (the recovery rates' Figures took its place
    // in /v3/api-docs, so the work figures' JSON was not documented at all)
    @Schema(name = "WorkFigures")
    record Figures(LocalDate from, LocalDate to, LocalDate yearBeforeFrom, LocalDate yearBeforeTo, UUID unitId,
            String unitName, Map<String, List<Figure>> sections, Map<String, List<Share>> breakdowns) {
    }

    private final WorkFigures figures;
    private final FigureTexts texts;
    private final Clock clock;

    FiguresApi(WorkFigures figures, FigureTexts texts, Clock clock) {
        this.figures = figures;
        this.texts = texts;
        this.clock = clock;
    }

    @GetMapping("/api/v1/figures")
    @PreAuthorize("hasAuthority('WORK_FIGURES')")
    @Operation(summary = "The work figures (工作统计) of a period and of the same days a year before",
            description = "Counted in the caller's scope or in the subtree of unitId (404 outside the scope), over the "
                    + "days from–to (yyyy-MM-dd, both included, China Standard Time; month=yyyy-MM, quarter=yyyy-Qn or "
                    + "year=yyyy instead; this month so far by default). Sections: incidents, clues, mediation, "
                    + "population, hazards, duty (police work: duties done, service events, defence people, "
                    + "supplies issued and spent in yuan, supervision notices issued, rectified, gone overdue, "
                    + "persons held to account); each figure's value and yearBefore (counts), or rate and "
                    + "rateYearBefore "
                    + "(the satisfaction rate, 0..1, absent without ratings), with changePercent (absent when the year "
                    + "before counted none) or changePoints (absent when either period had no ratings). breakdowns."
                    + "offences: the cases received by offence (案由; a merged duplicate not counted), the most first, "
                    + "each with its value, yearBefore, changePercent and marks ([\"preventable\"] for 可防性案件); "
                    + "offences counted in neither period are left out. A figure or part the page links to the list "
                    + "of what it counts (the preventable cases, the cases without an offence, each offence) has "
                    + "list: the API's list of them over the same days in the same unit (/api/v1/incidents?...), "
                    + "whose total is the value, for the same caller. 400 with the reasons for days that are no "
                    + "period.")
    Figures figures(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String month, @RequestParam(required = false) String quarter,
            @RequestParam(required = false) String year, @RequestParam(required = false) UUID unitId,
            Locale locale) {
        PeriodFigures.Period period = ChosenPeriod.read(month, quarter, year, from, to,
                LocalDate.ofInstant(clock.instant(), PeriodFigures.ZONE));
        WorkFigures.Report report = figures.of(Callers.require(), unitId, period);
        Map<String, List<Figure>> sections = new LinkedHashMap<>();
        Map<String, List<Share>> breakdowns = new LinkedHashMap<>();
        for (WorkFigures.Section s : report.sections()) {
            for (WorkFigures.Breakdown b : s.breakdowns()) {
                breakdowns.put(b.key(), b.shares().stream()
                        .map(p -> new Share(p.key(), p.count(), p.countBefore(), p.change(), p.marks(), p.apiList()))
                        .toList());
            }
            sections.put(s.heading().substring(s.heading().lastIndexOf('.') + 1), s.rows().stream()
                    .map(r -> new Figure(r.key(), r.count(), r.countBefore(), r.rate(), r.rateBefore(),
                            r.isRate() ? null : r.change(), r.isRate() ? r.change() : null, r.apiList(),
                            texts.note(r, locale)))
                    .toList());
        }
        return new Figures(period.first(), period.last(), report.yearBefore().first(), report.yearBefore().last(),
                report.unit() == null ? null : report.unit().id().value(), report.unit() == null ? null : report.unit().name(),
                sections, breakdowns);
    }
}
