package org.fengqiao.figures.web;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.figures.internal.ChosenPeriod;
import org.fengqiao.figures.internal.FiguresWorkbook;
import org.fengqiao.figures.internal.WorkFigures;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.PeriodFigures.Period;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The work figures page (工作统计) a station chief reads for his monthly review (seed 003, 月研判): a month, quarter,
 * year or chosen days in his jurisdiction or one office of it, each figure beside the same days a year before with
 * the change; the same as an xlsx. A period that is no period answers 400 with the reasons and no figures; a unit
 * outside his jurisdiction 404.
 */
@Controller
class FiguresPages {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final WorkFigures figures;
    private final FiguresWorkbook workbook;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;
    private final Clock clock;

    FiguresPages(WorkFigures figures, FiguresWorkbook workbook, Jurisdictions jurisdictions, MessageSource messages,
            Clock clock) {
        this.figures = figures;
        this.workbook = workbook;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/figures")
    @PreAuthorize("hasAuthority('WORK_FIGURES')")
    String page(@RequestParam(required = false) String month, @RequestParam(required = false) String quarter,
            @RequestParam(required = false) String year, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) UUID unit, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        LocalDate today = today();
        model.addAttribute("month", month);
        model.addAttribute("quarter", quarter);
        model.addAttribute("year", year);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("unitId", unit);
        model.addAttribute("units", jurisdictions.visibleOffices(caller));
        model.addAttribute("thisMonth", today.toString().substring(0, 7));
        model.addAttribute("lastMonth", today.minusMonths(1).toString().substring(0, 7));
        model.addAttribute("thisQuarter", today.getYear() + "-Q" + ((today.getMonthValue() + 2) / 3));
        model.addAttribute("thisYear", String.valueOf(today.getYear()));
        Period period;
        try {
            period = ChosenPeriod.read(month, quarter, year, from, to, today);
        } catch (Invalid e) {
            // nothing to count over: say why, with the form to put it right, and show no figures
            model.addAttribute("problems", e.texts(messages, locale));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "figures/figures";
        }
        model.addAttribute("problems", java.util.List.of());
        model.addAttribute("report", figures.of(caller, unit, period));
        return "figures/figures";
    }

    @GetMapping("/figures/export.xlsx")
    @PreAuthorize("hasAuthority('WORK_FIGURES')")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String month,
            @RequestParam(required = false) String quarter, @RequestParam(required = false) String year,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID unit, Locale locale) {
        Caller caller = Callers.require();
        Period period = ChosenPeriod.read(month, quarter, year, from, to, today());
        WorkFigures.Report report = figures.of(caller, unit, period);
        String where = report.unit() != null ? report.unit().name() : messages.getMessage("figures.allUnits", null, locale);
        byte[] bytes = workbook.write(report, where, locale);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        // named in the reader's language as its sheet is: a Chinese reader saved an English name
                        .filename(messages.getMessage("figures.export.file", null, locale) + "-" + period.first()
                                + "-" + period.last() + ".xlsx", StandardCharsets.UTF_8)
                        .build().toString())
                .contentType(MediaType.parseMediaType(XLSX))
                .body(bytes);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), PeriodFigures.ZONE);
    }
}
