package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.platform.web.PeriodLists;
import org.fengqiao.platform.web.PeriodLists.Filters;
import org.fengqiao.population.Category;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Residence;
import org.fengqiao.population.internal.Ethnicities;
import org.fengqiao.population.internal.HelpedPersons;
import org.fengqiao.population.internal.Households;
import org.fengqiao.population.internal.PersonQuery;
import org.fengqiao.population.internal.PersonRegister;
import org.fengqiao.population.internal.VisitLog;
import org.fengqiao.population.internal.Persons;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The officer's search box over the population of his jurisdiction, and a person's page. */
@Controller
@FieldLabels({"population.search.", "population.form."})
class PersonPages {

    static final int PAGE = org.fengqiao.population.internal.PersonRegister.FIRST_PAGE;

    private final PersonRegister register;
    private final Households households;
    private final MessageSource messages;
    private final VisitLog visits;

    private final HelpedPersons helped;
    private final Jurisdictions jurisdictions;

    private final PeriodLists lists;
    private final GridChoices grids;

    PersonPages(PersonRegister register, Households households, MessageSource messages, VisitLog visits,
            HelpedPersons helped, Jurisdictions jurisdictions, PeriodLists lists, GridChoices grids) {
        this.lists = lists;
        this.grids = grids;
        this.helped = helped;
        this.jurisdictions = jurisdictions;
        this.register = register;
        this.households = households;
        this.messages = messages;
        this.visits = visits;
    }

    @GetMapping("/persons")
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String address,
            @RequestParam(required = false) Category category, @RequestParam(required = false) KeyPersonType keyPersonType,
            @RequestParam(required = false) Residence residence, @RequestParam(required = false) UUID gridId,
            @RequestParam(defaultValue = "1") int page, Model model, Locale locale) {
        Caller caller = Callers.require();
        int current = Math.max(1, page);
        model.addAttribute("gridId", gridId);
        // the grids in use he reads, then those retired (marked so): who is still recorded in a grid handed over
        model.addAttribute("grids", grids.filter(caller));
        model.addAttribute("q", q);
        model.addAttribute("address", address);
        model.addAttribute("category", category);
        model.addAttribute("keyPersonType", keyPersonType);
        model.addAttribute("residence", residence);
        model.addAttribute("categories", Category.values());
        model.addAttribute("keyPersonTypes", KeyPersonType.values());
        model.addAttribute("residences", Residence.values());
        try {
            PersonQuery query = new PersonQuery(q, address, category, keyPersonType, residence, gridId, null);
            Persons.Page found = register.search(query, caller, PAGE, Paging.offset(current, PAGE));
            // a total that is only a lower bound (more) may have pages past it: only a counted one has a last page
            String pastTheEnd = found.more() ? null
                    : Paging.lastPageIfPast(current, (found.total() + PAGE - 1) / PAGE).orElse(null);
            if (pastTheEnd != null) {
                return pastTheEnd;
            }
            model.addAttribute("persons", found.rows().stream().map(PersonController.PersonView::of).toList());
            model.addAttribute("total", found.total());
            model.addAttribute("more", found.more());
            model.addAttribute("searchedAs", found.searchedAs().name());
            model.addAttribute("pages", (found.total() + PAGE - 1) / PAGE);
        } catch (Invalid e) {
            model.addAttribute("persons", List.of());
            model.addAttribute("total", 0L);
            model.addAttribute("more", false);
            model.addAttribute("pages", 0L);
            model.addAttribute("problems", e.problems().stream()
                    .map(p -> messages.getMessage(p.key(), p.args(), p.key(), locale)).toList());
        }
        model.addAttribute("page", current);
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/persons";
    }

    /** The persons of the households in difficulty helped, which the work figures' 帮扶人数 links to. */
    @GetMapping("/persons/helped")
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    String helped(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        // refused on the page, the form keeping what was typed: text that is no day, days the figures page refuses
        // too (nothing read, nothing audited)
        return lists.page("population/helped", "found", page, PAGE, Filters.typed(unit, from, to),
                (limit, offset) -> helped.list(caller, unit, PeriodLists.day("from", from), PeriodLists.day("to", to),
                        limit, offset), HelpedPersons.Listing::total,
                f -> Filters.of(f.unit() == null ? null : f.unit().id().value(), f.from(), f.to()), model, locale,
                response);
    }

    @GetMapping("/persons/{id}")
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    String person(@PathVariable UUID id, @RequestParam(required = false) UUID visitId, Model model, Locale locale) {
        Caller caller = Callers.require();
        PersonController.PersonView person = PersonController.PersonView.of(register.read(id, caller));
        // opened from his household's page during a visit: the edit link carries the visit, as the household's does
        PersonFormPages.visitIn(visits, visitId, person.gridId(), caller);
        model.addAttribute("visitId", visitId);
        model.addAttribute("person", person);
        model.addAttribute("ethnicity", Ethnicities.shown(person.ethnicity(), locale));
        // the link to the person's household (所在户), only when the caller may open that page
        model.addAttribute("household", person.householdId() == null ? null
                : households.findVisible(person.householdId(), caller).orElse(null));
        model.addAttribute("mayReveal", caller.may("POPULATION_REVEAL"));
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/person";
    }
}
