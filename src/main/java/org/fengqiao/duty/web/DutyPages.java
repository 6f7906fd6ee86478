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
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.PeriodLists;
import org.fengqiao.platform.web.PeriodLists.Filters;
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
    private final PeriodLists lists;

    private final DutyLedger ledger;

    DutyPages(DutyDesk desk, Jurisdictions jurisdictions, FormAnswers answers, PeriodLists lists, DutyLedger ledger) {
        this.ledger = ledger;
        this.desk = desk;
        this.jurisdictions = jurisdictions;
        this.answers = answers;
        this.lists = lists;
    }

    @GetMapping("/duties")
    @PreAuthorize("hasAuthority('DUTY_OWN')")
    String mine(@RequestParam(required = false) String day, Model model, Locale locale,
            HttpServletResponse response) {
        Caller caller = Callers.require();
        LocalDate asked = askedDay(day, model, locale, response);
        model.addAttribute("checklist", notFound(() -> desk.mine(caller, asked, locale)));
        model.addAttribute("rhythm", desk.rhythm(locale));
        model.addAttribute("today", desk.today());
        model.addAttribute("earliest", desk.earliestDoneOn());
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        // the list pages' reader rule (Jurisdictions.readableGrids): the police are offered every grid of their units
        model.addAttribute("grids", jurisdictions.readableGrids(caller).stream()
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
            @RequestParam(required = false) String day, Model model, Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        LocalDate asked;
        try {
            asked = PeriodFigures.Period.held("day", PeriodLists.day("day", day));
        } catch (Invalid e) {
            // said above the form, which keeps what was typed to be put right, not on the error page that lost the
            // form; today's period is shown under it, as for no day at all
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            model.addAttribute("typedDay", day);
            asked = null;
        }
        LocalDate shown = asked;
        model.addAttribute("overview", notFound(() -> desk.overview(unitId, period, shown, caller, locale)));
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        model.addAttribute("periods", DutyPeriod.values());
        return "duty/overview";
    }

    /**
     * The overview as its ledger (职责督导台账), for the overview page's export link: the API's ledger of the same
     * officers, on the page's terms. It goes with the session (signed out, to the sign-in page), is written and named
     * in the page's language, a unit outside the reader's jurisdiction is the 404 page, and a day the overview refuses
     * comes back on the overview, which says why, instead of a problem in JSON.
     */
    @GetMapping("/duties/overview/export.xlsx")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    String export(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) DutyPeriod period,
            @RequestParam(required = false) String day, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) throws java.io.IOException {
        org.springframework.web.util.UriComponentsBuilder overview = org.springframework.web.util.UriComponentsBuilder
                .fromPath("/duties/overview");
        if (unitId != null) {
            overview.queryParam("unitId", unitId);
        }
        if (period != null) {
            overview.queryParam("period", period.name());
        }
        if (day != null) {
            overview.queryParam("day", day);
        }
        String back = "redirect:" + overview.encode().build().toUriString();
        LocalDate asked;
        try {
            asked = PeriodFigures.Period.held("day", PeriodLists.day("day", day));
        } catch (Invalid e) {
            // the overview says what is wrong with the day above its form, which keeps it
            return back;
        }
        Caller caller = Callers.require();
        try {
            ledger.write(notFound(() -> desk.overview(unitId, period, asked, caller, locale)), locale, response);
            return null;
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return back;
        }
    }

    /** The duties done that the work figures' duties done and service events count, which link here. */
    @GetMapping("/duties/done")
    @PreAuthorize("hasAnyAuthority('DUTY_OWN','DUTY_OVERVIEW')")
    String done(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String item,
            @RequestParam(defaultValue = "1") int page, Model model, Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        model.addAttribute("labels", desk.labels(locale));
        // refused on the page, the form keeping what was typed: text that is no day, days the figures page refuses
        // too, or no duty of the rhythm
        return lists.page("duty/done", "done", page, PAGE_SIZE, Filters.typed(unit, from, to).and("item", item),
                (limit, offset) -> notFound(() -> desk.done(unit, PeriodLists.day("from", from),
                        PeriodLists.day("to", to), item, caller, locale, limit, offset)),
                DutyDesk.Done::total, d -> Filters.of(d.unit() == null ? null : d.unit().id().value(), d.from(),
                        d.to()).and("item", d.item()), model, locale, response);
    }

    /** The officers' results of the closed periods that the work figures' share of due duties done rates. */
    @GetMapping("/duties/results")
    @PreAuthorize("hasAnyAuthority('DUTY_OVERVIEW','WORK_FIGURES')")
    String results(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) UUID officer,
            @RequestParam(required = false) String state, @RequestParam(defaultValue = "1") int page, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        // refused on the page, the form keeping what was typed: text that is no day, days the figures page refuses
        // too, or a state that is neither done nor missed
        return lists.page("duty/results", "results", page, PAGE_SIZE,
                Filters.typed(unit, from, to).and("officer", officer).and("state", state),
                (limit, offset) -> notFound(() -> desk.results(unit, PeriodLists.day("from", from),
                        PeriodLists.day("to", to), officer, state, caller, locale, limit, offset)),
                DutyDesk.Results::due, r -> Filters.of(r.unit() == null ? null : r.unit().id().value(), r.from(),
                        r.to()).and("officer", r.officer()).and("state", r.state()), model, locale, response);
    }

    @GetMapping("/duties/officers/{id}")
    @PreAuthorize("hasAuthority('DUTY_OVERVIEW')")
    String officer(@PathVariable UUID id, @RequestParam(required = false) String day, Model model, Locale locale,
            HttpServletResponse response) {
        Caller caller = Callers.require();
        LocalDate asked = askedDay(day, model, locale, response);
        model.addAttribute("checklist", notFound(() -> desk.officer(id, caller, asked, locale)));
        return "duty/officer";
    }

    /**
     * The day a checklist is asked for, null for today: text that is no day (typed into the address, cut short, a
     * month 13) or a day out of the years the filters take (the year 1, 9999: answered as a checklist of every duty
     * due) is said above today's checklist with 400, the day as typed in the reason, as the overview and the lists say
     * it, rather than on the error page that leaves the officer nowhere to go on from.
     */
    private LocalDate askedDay(String day, Model model, Locale locale, HttpServletResponse response) {
        try {
            return PeriodFigures.Period.held("day", PeriodLists.day("day", day));
        } catch (Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            return null;
        }
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
