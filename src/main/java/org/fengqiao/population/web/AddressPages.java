package org.fengqiao.population.web;

import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.internal.Addresses;
import org.fengqiao.population.internal.StandardAddress;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The standard addresses of the caller's jurisdiction: search, register, one address and what stands at it. */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
class AddressPages {

    static final int PAGE = 20;

    private final Addresses addresses;
    private final GridChoices grids;

    AddressPages(Addresses addresses, GridChoices grids) {
        this.addresses = addresses;
        this.grids = grids;
    }

    @GetMapping("/addresses")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) UUID gridId,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        int current = Math.max(1, page);
        Addresses.Page found = addresses.page(caller, q, gridId, PAGE, Paging.offset(current, PAGE));
        List<Grid> choices = grids.readable(caller);
        String county = grids.county(choices);
        model.addAttribute("q", q);
        model.addAttribute("gridId", gridId);
        model.addAttribute("grids", choices);
        model.addAttribute("addresses", found.rows());
        model.addAttribute("total", found.total());
        model.addAttribute("page", current);
        String pastTheEnd = Paging.lastPageIfPast(current, (found.total() + PAGE - 1) / PAGE).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", (found.total() + PAGE - 1) / PAGE);
        model.addAttribute("county", county);
        model.addAttribute("townships", StandardAddress.townshipsOf(county));
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/addresses";
    }

    @GetMapping("/addresses/{id}")
    String one(@PathVariable UUID id, @RequestParam(required = false) Boolean existing, Model model) {
        Caller caller = Callers.require();
        Addresses.Address a = addresses.findVisible(id, caller)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<Grid> choices = grids.of(caller);
        model.addAttribute("address", a);
        model.addAttribute("p", a.parts());
        model.addAttribute("existing", Boolean.TRUE.equals(existing));
        model.addAttribute("at", addresses.at(id, caller));
        model.addAttribute("grids", choices);
        model.addAttribute("townships", StandardAddress.townshipsOf(a.parts().countyCode()));
        model.addAttribute("mayWrite", caller.may("POPULATION_WRITE"));
        return "population/address";
    }
}
