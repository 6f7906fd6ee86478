package org.fengqiao.population.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.OrganisationKind;
import org.fengqiao.population.OrganisationRole;
import org.fengqiao.population.SmallPlace;
import org.fengqiao.population.internal.FireSafety;
import org.fengqiao.population.internal.OrganisationRegister;
import org.fengqiao.population.internal.Organisations;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Organisation pages: the list with its filters, registering one, one organisation with staff and inspections. */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
class OrganisationPages {

    static final int PAGE = 20;

    private final OrganisationRegister register;
    private final OrganisationController api;
    private final GridChoices grids;

    OrganisationPages(OrganisationRegister register, OrganisationController api, GridChoices grids) {
        this.register = register;
        this.api = api;
        this.grids = grids;
    }

    /**
     * smallPlace may be ALL: every one of the nine small places. A filter naming a value the list does not know (a
     * stale bookmark, an address edited by hand) is refused with the error page, saying which filter, in the user's
     * language: read as no filter, it would pass the whole list off as the one asked for.
     */
    @GetMapping("/organisations")
    String list(@RequestParam(required = false) String kind, @RequestParam(required = false) String smallPlace,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) String fireSafety,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        int current = Math.max(1, page);
        boolean all = "ALL".equals(smallPlace);
        List<Invalid.Problem> problems = new ArrayList<>();
        OrganisationKind theKind = choice(OrganisationKind.class, kind, "kind", "places.organisation.kind", problems);
        SmallPlace place = all ? null
                : choice(SmallPlace.class, smallPlace, "smallPlace", "places.organisation.smallPlace", problems);
        FireSafety state = choice(FireSafety.class, fireSafety, "fireSafety", "places.organisation.fireSafety", problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Organisations.Page found = register.list(new Organisations.Filter(theKind == null ? null : theKind.name(),
                place == null ? null : place.name(), all ? Boolean.TRUE : null, gridId, state, q), caller, PAGE,
                Paging.offset(current, PAGE));
        model.addAttribute("organisations", found.rows().stream().map(OrganisationController.OrganisationSummary::of)
                .toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        String pastTheEnd = Paging.lastPageIfPast(current, (found.total() + PAGE - 1) / PAGE).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", (found.total() + PAGE - 1) / PAGE);
        model.addAttribute("kind", theKind);
        model.addAttribute("smallPlace", all ? "ALL" : place == null ? null : place.name());
        model.addAttribute("gridId", gridId);
        model.addAttribute("fireSafety", state);
        model.addAttribute("q", q);
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("smallPlaces", SmallPlace.values());
        model.addAttribute("states", FireSafety.values());
        model.addAttribute("grids", grids.readable(caller));
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/organisations";
    }

    /** A filter's value by its name; blank is no filter, and a name the filter does not know is a problem. */
    static <E extends Enum<E>> E choice(Class<E> type, String value, String field, String label,
            List<Invalid.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new Invalid.Problem(field, "places.filter.unknown",
                    new Object[] {new DefaultMessageSourceResolvable(label), value.strip()}));
            return null;
        }
    }

    @GetMapping("/organisations/new")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String form(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("smallPlaces", SmallPlace.values());
        model.addAttribute("grids", grids.of(caller));
        return "population/organisation-new";
    }

    @GetMapping("/organisations/{id}")
    String one(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Organisations.Organisation org;
        try {
            org = register.read(id, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("org", api.view(org, caller));
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("smallPlaces", SmallPlace.values());
        model.addAttribute("roles", OrganisationRole.values());
        model.addAttribute("grids", grids.of(caller));
        model.addAttribute("today", register.today());
        model.addAttribute("me", caller.displayName());
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        model.addAttribute("mayReveal", caller.may("POPULATION_REVEAL"));
        return "population/organisation";
    }
}
