package org.fengqiao.population.web;

import java.time.LocalDate;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.RentalPurpose;
import org.fengqiao.population.internal.Addresses;
import org.fengqiao.population.internal.Buildings;
import org.fengqiao.population.internal.RentalRegister;
import org.fengqiao.population.internal.Rentals;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Rental housing pages: the rentals of the jurisdiction, registering one (from the floor plan too), one rental. */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
class RentalPages {

    static final int PAGE = 20;

    private final RentalRegister register;
    private final RentalController api;
    private final GridChoices grids;
    private final Buildings buildings;
    private final Addresses addresses;
    private final Rentals rentals;

    RentalPages(RentalRegister register, RentalController api, GridChoices grids, Buildings buildings,
            Addresses addresses, Rentals rentals) {
        this.register = register;
        this.api = api;
        this.grids = grids;
        this.buildings = buildings;
        this.addresses = addresses;
        this.rentals = rentals;
    }

    @GetMapping("/rentals")
    String list(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) String landlord,
            @RequestParam(required = false) Boolean active, @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        int current = Math.max(1, page);
        Rentals.State asked;
        try {
            asked = RentalController.state(state, active);
        } catch (org.fengqiao.platform.Invalid e) {
            // a mistyped state in the address lists every rental rather than failing the page
            asked = null;
        }
        Rentals.Page found = register.list(new Rentals.Filter(gridId, null, landlord, asked), caller, PAGE,
                Paging.offset(current, PAGE));
        LocalDate today = register.today();
        model.addAttribute("rentals", found.rows().stream().map(r -> RentalController.RentalSummary.of(r, today)).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        String pastTheEnd = Paging.lastPageIfPast(current, (found.total() + PAGE - 1) / PAGE).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", (found.total() + PAGE - 1) / PAGE);
        model.addAttribute("gridId", gridId);
        model.addAttribute("landlord", landlord);
        model.addAttribute("state", asked);
        model.addAttribute("grids", grids.readable(caller));
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/rentals";
    }

    @GetMapping("/rentals/new")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    String form(@RequestParam(required = false) UUID roomId, @RequestParam(required = false) UUID addressId, Model model) {
        Caller caller = Callers.require();
        if (roomId != null) {
            Buildings.Room room = buildings.findRoomVisible(roomId, caller)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            // a room let already: the floor plan's link opens its rental
            java.util.Optional<UUID> let = rentals.activeAt(roomId, null, null, register.today());
            if (let.isPresent()) {
                return "redirect:/rentals/" + let.get();
            }
            model.addAttribute("room", room);
            model.addAttribute("building", buildings.findVisible(room.buildingId(), caller).orElseThrow());
        }
        if (addressId != null) {
            model.addAttribute("address", addresses.findVisible(addressId, caller)
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        }
        model.addAttribute("purposes", RentalPurpose.values());
        model.addAttribute("today", register.today());
        return "population/rental-new";
    }

    @GetMapping("/rentals/{id}")
    String one(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Rentals.Rental rental;
        try {
            rental = register.read(id, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("rental", api.view(rental, caller));
        model.addAttribute("purposes", RentalPurpose.values());
        model.addAttribute("today", register.today());
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        model.addAttribute("mayReveal", caller.may("POPULATION_REVEAL"));
        return "population/rental";
    }
}
