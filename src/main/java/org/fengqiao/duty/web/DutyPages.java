package org.fengqiao.duty.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.duty.DutyPeriod;
import org.fengqiao.duty.internal.DutyDesk;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.platform.web.FormAnswers;
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
 * The duty pages: the officer's checklist with the form to record a duty done (a phone's plain form that posts and
 * redirects), and the chiefs' overview of the officers of their jurisdiction with each officer's checklist.
 */
@Controller
@FieldLabels("duty.field.")
class DutyPages {

    static final int PAGE_SIZE = 30;

    private final DutyDesk desk;
    private final Jurisdictions jurisdictions;
    private final FormAnswers answers;

    DutyPages(DutyDesk desk, Jurisdictions jurisdictions, FormAnswers answers) {
        this.desk = desk;
        this.jurisdictions = jurisdictions;
        this.answers = answers;
    }

    @GetMapping("/duties")
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    String mine(@RequestParam(required = false) LocalDate day, Model model, Locale locale) {
        Caller caller = Callers.require();
        model.addAttribute("checklist", notFound(() -> desk.mine(caller, day, locale)));
        model.addAttribute("rhythm", desk.rhythm(locale));
        model.addAttribute("today", desk.today());
        model.addAttribute("earliest", desk.earliestDoneOn());
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        model.addAttribute("grids", jurisdictions.visibleGrids(caller).stream()
                .filter(g -> g.network() == GridNetwork.POLICE).sorted(Comparator.comparing(Grid::code)).toList());
        model.addAttribute("me", caller.staffId());
        return "duty/mine";
    }

    @PostMapping("/duties/records")
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    String record(@RequestParam(required = false) String item, @RequestParam(required = false) LocalDate doneOn,
            @RequestParam(required = false) String note, @RequestParam(required = false) String place,
            @RequestParam(required = false) Integer participants, Locale locale, RedirectAttributes redirect) {
        // one list offers the units and grids of his jurisdiction: "unit:<id>" or "grid:<id>"
        UUID unitId = place != null && place.startsWith("unit:") ? uuid(place.substring(5)) : null;
        UUID gridId = place != null && place.startsWith("grid:") ? uuid(place.substring(5)) : null;
        return answers.redirect("/duties", "duty.action.recorded", locale, redirect, () -> desk.record(
                new DutyDesk.RecordForm(item, doneOn, note, unitId, gridId, participants), Callers.require()));
    }

    @PostMapping("/duties/records/{id}/withdraw")
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    String withdraw(@PathVariable UUID id, @RequestParam(required = false) String reason, Locale locale,
            RedirectAttributes redirect) {
        return answers.redirect("/duties", "duty.action.withdrawn", locale, redirect,
                () -> desk.withdraw(id, reason, Callers.require()));
    }

    @GetMapping("/duties/overview")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    String overview(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) DutyPeriod period,
            @RequestParam(required = false) LocalDate day, Model model, Locale locale) {
        Caller caller = Callers.require();
        model.addAttribute("overview", notFound(() -> desk.overview(unitId, period, day, caller, locale)));
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        model.addAttribute("periods", DutyPeriod.values());
        return "duty/overview";
    }

    /** The duties done that the work figures' duties done and service events count, which link here. */
    @GetMapping("/duties/done")
    @PreAuthorize("hasAnyAuthority('DUTY_OWN','DUTY_OVERVIEW')")
    String done(@RequestParam(required = false) UUID unit, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String item,
            @RequestParam(defaultValue = "1") int page, Model model, Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        int n = Math.max(1, page);
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        DutyDesk.Done done;
        try {
            done = notFound(() -> desk.done(unit, from, to, item, caller, locale, PAGE_SIZE,
                    Paging.offset(n, PAGE_SIZE)));
        } catch (Invalid e) {
            // days the figures page refuses too (or no duty of the rhythm): say why above the form as it was sent
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            asked(model, unit, item, from, to);
            model.addAttribute("labels", desk.labels(locale));
            return "duty/done";
        }
        long pages = Math.max(1, (done.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String pastTheEnd = Paging.lastPageIfPast(n, pages).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("done", done);
        asked(model, done.unit() == null ? null : done.unit().id().value(), done.item(), done.from(), done.to());
        model.addAttribute("labels", done.labels());
        model.addAttribute("page", n);
        model.addAttribute("pages", pages);
        return "duty/done";
    }

    /** The filters of the list of duties done as its form shows them: those listed, or those sent when refused. */
    private static void asked(Model model, UUID unit, String item, LocalDate from, LocalDate to) {
        model.addAttribute("unitId", unit);
        model.addAttribute("item", item);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
    }

    /** The officers' results of the closed periods that the work figures' share of due duties done rates. */
    @GetMapping("/duties/results")
    @PreAuthorize("hasAnyAuthority('DUTY_OVERVIEW','WORK_FIGURES')")
    String results(@RequestParam(required = false) UUID unit, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) UUID officer,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "1") int page, Model model,
            Locale locale) {
        Caller caller = Callers.require();
        int n = Math.max(1, page);
        DutyDesk.Results results = notFound(() -> desk.results(unit, from, to, officer, state, caller, locale,
                PAGE_SIZE, Paging.offset(n, PAGE_SIZE)));
        long total = results.due();
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        String pastTheEnd = Paging.lastPageIfPast(n, pages).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("results", results);
        model.addAttribute("total", total);
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        model.addAttribute("page", n);
        model.addAttribute("pages", pages);
        return "duty/results";
    }

    @GetMapping("/duties/officers/{id}")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    String officer(@PathVariable UUID id, @RequestParam(required = false) LocalDate day, Model model, Locale locale) {
        model.addAttribute("checklist", notFound(() -> desk.officer(id, Callers.require(), day, locale)));
        return "duty/officer";
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> T notFound(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
