package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.Residence;
import org.fengqiao.population.internal.Departures;
import org.fengqiao.population.internal.Households;
import org.fengqiao.population.internal.PersonRegister;
import org.fengqiao.population.internal.Persons;
import org.fengqiao.population.internal.VisitLog;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The short form an officer records a departure with (登记离开), from the person's page or a member's row on the
 * household page, and the whole household's (整户迁出) from the household page: the day (today unless changed), where
 * to and a note, saved through {@link Departures} as the API's POST is. Opened during a visit (its id in the address,
 * as the household page's links carry it) the departure is listed under the visit and the form leads back to the
 * household; otherwise back to where the officer came from (the household page, or the person's). A refused form
 * comes back with what was typed and each problem beside its field; outside the caller's jurisdiction 404.
 */
@Controller
@PreAuthorize("hasAuthority('POPULATION_WRITE')")
class DeparturePages {

    /** The fields the form shows: a problem of any other (a stored field the departure checks again) goes above it. */
    static final Set<String> SHOWN = Set.of("leftOn", "destination", "note");

    /** The value of {@code back} that returns to the person's household page. */
    static final String BACK_TO_HOUSEHOLD = "household";

    private final Departures departures;
    private final PersonRegister register;
    private final Households households;
    private final VisitLog visits;
    private final MessageSource messages;

    DeparturePages(Departures departures, PersonRegister register, Households households, VisitLog visits,
            MessageSource messages) {
        this.departures = departures;
        this.register = register;
        this.households = households;
        this.visits = visits;
        this.messages = messages;
    }

    /** What the officer typed, as typed. */
    record Typed(String leftOn, String destination, String note, String version, String visitId, String back) {
    }

    @GetMapping("/persons/{id}/departure")
    String personForm(@PathVariable UUID id, @RequestParam(required = false) UUID visitId,
            @RequestParam(required = false) String back, Model model, Locale locale) {
        Caller caller = Callers.require();
        Persons.Row row = register.read(id, caller);
        PersonFormPages.visitIn(visits, visitId, row.gridId(), caller);
        Typed blank = new Typed(LocalDate.now(LocalTimes.ZONE).toString(), null, null, String.valueOf(row.version()),
                visitId == null ? null : visitId.toString(), back);
        List<String> problems = row.residence() == Residence.LEFT
                ? List.of(messages.getMessage("population.departure.alreadyLeft", null, locale)) : List.of();
        return form(model, blank, row, null, List.of(), Map.of(), problems);
    }

    @PostMapping("/persons/{id}/departure")
    String depart(@PathVariable UUID id, @ModelAttribute Typed typed, Model model, Locale locale,
            RedirectAttributes redirect, HttpServletResponse response) {
        Caller caller = Callers.require();
        // the person as stored: 404 outside the caller's jurisdiction before anything typed is looked at
        Persons.Row stored = register.read(id, caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        Departures.Departure departure = departure(typed, problems);
        UUID visit = PersonFormPages.visit(typed.visitId(), problems);
        Long version = PersonFormPages.version(typed.version());
        try {
            if (!problems.isEmpty()) {
                throw new Invalid("error.invalid", problems);
            }
            Persons.Row row = departures.depart(id, departure, version, visit, locale, caller);
            redirect.addFlashAttribute("notice", messages.getMessage("population.departure.saved",
                    new Object[] {row.name()}, locale));
            if (visit == null && BACK_TO_HOUSEHOLD.equals(typed.back()) && row.householdId() != null) {
                return "redirect:/households/" + row.householdId();
            }
            return PersonFormPages.saved(visits, row, visit);
        } catch (Invalid e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return refused(model, typed, stored, null, List.of(), e.problems(), List.of(), locale);
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            // the form now carries the version he has been told of: saving again is his choice, knowing the change
            Typed again = new Typed(typed.leftOn(), typed.destination(), typed.note(), String.valueOf(stored.version()),
                    typed.visitId(), typed.back());
            return refused(model, again, stored, null, List.of(), List.of(),
                    List.of(messages.getMessage(e.key(), e.args(), e.key(), locale)), locale);
        }
    }

    @GetMapping("/households/{id}/departure")
    String householdForm(@PathVariable UUID id, @RequestParam(required = false) UUID visitId, Model model) {
        Caller caller = Callers.require();
        Households.Household household = household(id, caller);
        PersonFormPages.visitIn(visits, visitId, household.gridId(), caller);
        Typed blank = new Typed(LocalDate.now(LocalTimes.ZONE).toString(), null, null, null,
                visitId == null ? null : visitId.toString(), null);
        return form(model, blank, null, household, departures.living(id), Map.of(), List.of());
    }

    @PostMapping("/households/{id}/departure")
    String departHousehold(@PathVariable UUID id, @ModelAttribute Typed typed, Model model, Locale locale,
            RedirectAttributes redirect, HttpServletResponse response) {
        Caller caller = Callers.require();
        Households.Household household = household(id, caller);
        List<Invalid.Problem> problems = new ArrayList<>();
        Departures.Departure departure = departure(typed, problems);
        UUID visit = PersonFormPages.visit(typed.visitId(), problems);
        try {
            if (!problems.isEmpty()) {
                throw new Invalid("error.invalid", problems);
            }
            List<Persons.Row> left = departures.departHousehold(id, departure, visit, locale, caller);
            redirect.addFlashAttribute("notice", messages.getMessage("population.departure.householdSaved",
                    new Object[] {left.size()}, locale));
            return "redirect:/households/" + id;
        } catch (Invalid e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return refused(model, typed, null, household, departures.living(id), e.problems(), List.of(), locale);
        }
    }

    private Households.Household household(UUID id, Caller caller) {
        return households.findVisible(id, caller).orElseThrow(() -> new NotFound("household", id));
    }

    private static Departures.Departure departure(Typed typed, List<Invalid.Problem> problems) {
        // the form always sends a day (today unless changed): one sent without it is no choice of the officer's, and
        // taking today for it would record a departure nobody chose (the API's documented default is its own)
        if (typed.leftOn() == null || typed.leftOn().isBlank()) {
            problems.add(new Invalid.Problem("leftOn", "population.departure.leftOnRequired", new Object[0]));
        }
        return new Departures.Departure(PersonFormPages.date(typed.leftOn(), "leftOn", problems), typed.destination(),
                typed.note());
    }

    private String refused(Model model, Typed typed, Persons.Row person, Households.Household household,
            List<Households.Member> members, List<Invalid.Problem> problems, List<String> general, Locale locale) {
        PersonFormPages.Refusal refusal = PersonFormPages.refusal(messages, problems, general, SHOWN, f -> f, locale);
        return form(model, typed, person, household, members, refusal.errors(), refusal.above());
    }

    private String form(Model model, Typed typed, Persons.Row person, Households.Household household,
            List<Households.Member> members, Map<String, List<String>> errors, List<String> problems) {
        model.addAttribute("f", typed);
        model.addAttribute("today", LocalDate.now(LocalTimes.ZONE));
        model.addAttribute("person", person);
        model.addAttribute("household", household);
        model.addAttribute("members", members);
        model.addAttribute("errors", errors);
        model.addAttribute("problems", problems);
        // the visit the form was opened during, to say so and to lead back to its household: one the caller may link
        // the record's changes to (his own, of today, in its grid)
        UUID during = PersonFormPages.visit(typed.visitId(), new ArrayList<>());
        UUID grid = person != null ? person.gridId() : household.gridId();
        VisitLog.Visit visit = during == null ? null
                : visits.linkable(during, grid, Callers.require().staffId()).orElse(null);
        model.addAttribute("visit", visit);
        model.addAttribute("mayDepart", person == null ? !members.isEmpty() : person.residence() != Residence.LEFT);
        String back = visit != null && visit.householdId() != null ? "/households/" + visit.householdId()
                : household != null ? "/households/" + household.id()
                : BACK_TO_HOUSEHOLD.equals(typed.back()) && person.householdId() != null
                        ? "/households/" + person.householdId() : "/persons/" + person.id();
        model.addAttribute("back", back);
        return "population/departure";
    }
}
