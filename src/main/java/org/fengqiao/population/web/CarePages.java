package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.population.HelperRole;
import org.fengqiao.population.PersonState;
import org.fengqiao.population.Risk;
import org.fengqiao.population.internal.KeyPersonCare;
import org.fengqiao.population.internal.VisitRhythm;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The grid chief's key persons (overdue first) and one key person's care page. */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
class CarePages {

    private final KeyPersonCare care;
    private final MessageSource messages;
    private final Jurisdictions jurisdictions;

    CarePages(KeyPersonCare care, MessageSource messages, Jurisdictions jurisdictions) {
        this.care = care;
        this.messages = messages;
        this.jurisdictions = jurisdictions;
    }

    /** The configured rhythm per risk level, in words: 每周, 每 2 周, 每月. */
    private Map<String, String> rhythmTexts(Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Risk r : Risk.values()) {
            texts.put(r.name(), period(care.rhythm().interval(r), locale));
        }
        return texts;
    }

    private String period(Period p, Locale locale) {
        Object[] d = VisitRhythm.describe(p);
        return messages.getMessage((String) d[0], new Object[] {d[1]}, locale);
    }

    /**
     * mine defaults to the grids the caller heads as grid chief or manages as grid manager, when he has any; gridId keeps one grid's key persons
     * (the link of an inbox entry about a persons import). A grid outside the caller's jurisdiction is a filter that
     * matches nothing: an empty list, as on every other list page and in the API, never its name.
     */
    @GetMapping("/key-persons")
    String list(@RequestParam(required = false) Boolean mine, @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(required = false) UUID gridId, HttpServletRequest request, Model model, Locale locale) {
        Caller caller = Callers.require();
        // each person's page leads back here with these filters
        String filters = KeyPersonListReturn.query(request.getQueryString());
        model.addAttribute("listQuery", filters.isEmpty() ? null : filters);
        // a grid he does not read (another grid of a grid member's office) is no more named than one he does not see
        Grid grid = gridId == null ? null : jurisdictions.readableGrid(new GridId(gridId), caller).orElse(null);
        model.addAttribute("rhythmTexts", rhythmTexts(locale));
        boolean chief = care.looksAfterAGrid(caller);
        boolean onlyMine = mine == null ? chief && gridId == null : mine;
        KeyPersonCare.Listing listing = care.list(caller, onlyMine, overdue, gridId);
        model.addAttribute("grid", grid);
        model.addAttribute("gridId", gridId);
        model.addAttribute("items", listing.items());
        model.addAttribute("total", listing.total());
        model.addAttribute("overdueCount", listing.overdue());
        model.addAttribute("mine", onlyMine);
        model.addAttribute("chief", chief);
        model.addAttribute("overdue", overdue);
        return "population/key-persons";
    }

    /**
     * One key person's care page; {@code back} is the query string of the list he was opened from, kept in the page's
     * link back to that list (only the list's own filters: {@link KeyPersonListReturn}).
     */
    @GetMapping("/key-persons/{id}")
    String one(@PathVariable UUID id, @RequestParam(required = false) String back, Model model, Locale locale) {
        Caller caller = Callers.require();
        KeyPersonCare.Detail detail;
        try {
            detail = care.read(id, caller, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("d", detail);
        model.addAttribute("backLink", KeyPersonListReturn.link(back));
        model.addAttribute("rhythmText", detail.status().interval() == null ? null : period(detail.status().interval(), locale));
        model.addAttribute("roles", HelperRole.values());
        model.addAttribute("risks", Risk.values());
        model.addAttribute("states", PersonState.values());
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        // the risk and the team are the grid chief's to decide: a grid manager is offered the visit only
        model.addAttribute("mayDecide", caller.may("KEY_PERSON_MANAGE"));
        model.addAttribute("staffChoices", caller.may("KEY_PERSON_MANAGE") ? care.staffChoices(detail, caller)
                : java.util.List.of());
        model.addAttribute("mayReveal", caller.may("POPULATION_REVEAL"));
        model.addAttribute("today", java.time.LocalDate.now(LocalTimes.ZONE));
        return "population/key-person";
    }
}
