package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.population.internal.MisplacedAddresses;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page of a grid's (or a community's) addresses lying in another grid, linked from the grid page and from the
 * boundary page after a save: the check, and a form moving the addresses ticked (all, at first) with what stands at
 * them. Each box sends the address's id and the version the check showed ({@code id:version}).
 */
@Controller
@PreAuthorize("hasAuthority('JURISDICTION_MANAGE') and hasAuthority('POPULATION_READ')")
class MisplacedAddressPages {

    private final MisplacedAddresses misplaced;
    private final MessageSource messages;

    MisplacedAddressPages(MisplacedAddresses misplaced, MessageSource messages) {
        this.misplaced = misplaced;
        this.messages = messages;
    }

    @GetMapping("/grids/{id}/misplaced")
    String grid(@PathVariable UUID id, Model model) {
        return gridPage(id, model);
    }

    @GetMapping("/communities/{id}/misplaced")
    String community(@PathVariable UUID id, Model model) {
        return communityPage(id, model);
    }

    @PostMapping("/grids/{id}/misplaced")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE') and hasAuthority('POPULATION_WRITE')")
    String moveInGrid(@PathVariable UUID id, @RequestParam(name = "pick", required = false) List<String> picks,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        Caller caller = Callers.require();
        misplaced.grid(new GridId(id), caller);
        return move(() -> misplaced.moveInGrid(new GridId(id), picks(picks), caller), "/grids/" + id,
                () -> gridPage(id, model), model, locale, redirect, response);
    }

    @PostMapping("/communities/{id}/misplaced")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE') and hasAuthority('POPULATION_WRITE')")
    String moveInCommunity(@PathVariable UUID id, @RequestParam(name = "pick", required = false) List<String> picks,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        Caller caller = Callers.require();
        misplaced.community(new CommunityId(id), caller);
        return move(() -> misplaced.moveInCommunity(new CommunityId(id), picks(picks), caller), "/communities/" + id,
                () -> communityPage(id, model), model, locale, redirect, response);
    }

    /**
     * The move asked, then back to the check with what moved; refused, the check again with the problem (400, 409).
     * A grid or community the caller does not see has answered 404 before.
     */
    private String move(Supplier<List<MisplacedAddresses.Moved>> move, String place, Supplier<String> page,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            List<MisplacedAddresses.Moved> moved = move.get();
            long persons = moved.stream().mapToLong(m -> m.standing().persons()).sum();
            redirect.addFlashAttribute("notice", messages.getMessage("places.misplaced.moved",
                    new Object[] {moved.size(), persons}, locale));
            return "redirect:" + place + "/misplaced";
        } catch (Invalid e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", e.texts(messages, locale));
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("problems", List.of(messages.getMessage(e.key(), e.args(), locale)));
        }
        return page.get();
    }

    private String gridPage(UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("grid", misplaced.grid(new GridId(id), caller));
        model.addAttribute("check", misplaced.ofGrid(new GridId(id), caller));
        model.addAttribute("action", "/grids/" + id + "/misplaced");
        model.addAttribute("mayMove", caller.may("POPULATION_WRITE"));
        return "population/misplaced";
    }

    private String communityPage(UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("community", misplaced.community(new CommunityId(id), caller));
        model.addAttribute("check", misplaced.ofCommunity(new CommunityId(id), caller));
        model.addAttribute("action", "/communities/" + id + "/misplaced");
        model.addAttribute("mayMove", caller.may("POPULATION_WRITE"));
        return "population/misplaced";
    }

    /** The boxes ticked, each {@code id:version}; one not so written is refused as an incomplete choice. */
    private static List<MisplacedAddresses.Pick> picks(List<String> ticked) {
        if (ticked == null) {
            return List.of();
        }
        List<MisplacedAddresses.Pick> picks = new ArrayList<>();
        for (String t : ticked) {
            String[] parts = t.split(":", 2);
            try {
                picks.add(new MisplacedAddresses.Pick(UUID.fromString(parts[0].strip()),
                        Long.valueOf(parts[1].strip())));
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw Invalid.of("addresses", "places.misplaced.pickIncomplete");
            }
        }
        return picks;
    }
}
