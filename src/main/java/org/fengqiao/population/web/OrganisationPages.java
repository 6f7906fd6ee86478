package org.fengqiao.population.web;

import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.OrganisationKind;
import org.fengqiao.population.OrganisationRole;
import org.fengqiao.population.SmallPlace;
import org.fengqiao.population.internal.FireSafety;
import org.fengqiao.population.internal.OrganisationRegister;
import org.fengqiao.population.internal.Organisations;
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

    /** smallPlace may be ALL: every one of the nine small places. */
    @GetMapping("/organisations")
    String list(@RequestParam(required = false) OrganisationKind kind, @RequestParam(required = false) String smallPlace,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) FireSafety fireSafety,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        int current = Math.max(1, page);
        boolean all = "ALL".equals(smallPlace);
        SmallPlace place = null;
        if (smallPlace != null && !smallPlace.isBlank() && !all) {
            try {
                place = SmallPlace.valueOf(smallPlace);
            } catch (IllegalArgumentException e) {
                place = null;
            }
        }
        Organisations.Page found = register.list(new Organisations.Filter(kind == null ? null : kind.name(),
                place == null ? null : place.name(), all ? Boolean.TRUE : null, gridId, fireSafety, q), caller, PAGE,
                (current - 1) * PAGE);
        model.addAttribute("organisations", found.rows().stream().map(OrganisationController.OrganisationSummary::of)
                .toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        model.addAttribute("pages", (found.total() + PAGE - 1) / PAGE);
        model.addAttribute("kind", kind);
        model.addAttribute("smallPlace", all ? "ALL" : place == null ? null : place.name());
        model.addAttribute("gridId", gridId);
        model.addAttribute("fireSafety", fireSafety);
        model.addAttribute("q", q);
        model.addAttribute("kinds", OrganisationKind.values());
        model.addAttribute("smallPlaces", SmallPlace.values());
        model.addAttribute("states", FireSafety.values());
        model.addAttribute("grids", grids.of(caller));
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/organisations";
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
