package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.fengqiao.jurisdiction.CommunityId;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.platform.Callers;
import org.fengqiao.population.internal.MisplacedAddresses;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Addresses recorded in another grid than the one holding their point (after a boundary was redrawn or grids were
 * imported), checked per grid or community and moved with what stands at them: for whoever manages the jurisdiction
 * and reads (to check) or writes (to move) the population records.
 */
@RestController
@PreAuthorize("hasAuthority('JURISDICTION_MANAGE') and hasAuthority('POPULATION_READ')")
@Tag(name = "Population: addresses in another grid", description = "一标 after a re-zoning: check and move")
class MisplacedAddressController {

    private final MisplacedAddresses misplaced;

    MisplacedAddressController(MisplacedAddresses misplaced) {
        this.misplaced = misplaced;
    }

    record GridRef(UUID id, String code, String name) {

        static GridRef of(Grid g) {
            return new GridRef(g.id().value(), g.code(), g.name());
        }
    }

    record MisplacedView(UUID id, String fullText, long version, double lon, double lat, GridRef recorded,
            GridRef target, boolean movable, MisplacedAddresses.Standing standing) {

        static MisplacedView of(MisplacedAddresses.Misplaced m) {
            return new MisplacedView(m.id(), m.fullText(), m.version(), m.lon(), m.lat(), GridRef.of(m.recorded()),
                    GridRef.of(m.target()), m.movable(), m.standing());
        }
    }

    record CheckView(List<MisplacedView> addresses, long misplaced, long withoutLocation, long outsideEveryGrid,
            long checked) {

        static CheckView of(MisplacedAddresses.Check c) {
            return new CheckView(c.misplaced().stream().map(MisplacedView::of).toList(), c.misplaced().size(),
                    c.withoutLocation(), c.outsideEveryGrid(), c.checked());
        }
    }

    /** The addresses to move, each with the version the check showed. */
    record MoveForm(List<MisplacedAddresses.Pick> addresses) {
    }

    record MovedView(UUID id, String fullText, GridRef from, GridRef to, MisplacedAddresses.Standing moved) {

        static MovedView of(MisplacedAddresses.Moved m) {
            return new MovedView(m.id(), m.fullText(), GridRef.of(m.from()), GridRef.of(m.to()), m.standing());
        }
    }

    record MoveView(List<MovedView> moved) {
    }

    @GetMapping("/api/v1/grids/{id}/misplaced")
    @Operation(summary = "The grid's addresses whose point lies in another grid, and other grids' lying in it",
            description = "Each with the grid holding its point (movable false when the caller does not see it) and "
                    + "the households, persons, buildings, rooms, rentals and organisations standing at it; addresses "
                    + "without a location are counted. 404 for a grid outside the caller's jurisdiction.")
    CheckView grid(@PathVariable UUID id) {
        return CheckView.of(misplaced.ofGrid(new GridId(id), Callers.require()));
    }

    @GetMapping("/api/v1/communities/{id}/misplaced")
    @Operation(summary = "The same check over the police grids of a community or village the caller sees")
    CheckView community(@PathVariable UUID id) {
        return CheckView.of(misplaced.ofCommunity(new CommunityId(id), Callers.require()));
    }

    @PostMapping("/api/v1/grids/{id}/misplaced")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE') and hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Move addresses of the grid's check into the grids holding their points",
            description = "With the buildings (and their rooms), households and their persons, rentals and "
                    + "organisations standing at each, all or nothing, audited per address. 409 when an address "
                    + "changed since the check (another version); 404 when the caller does not see the address or "
                    + "the grid it would move to; 400 for an address without a location or not in the check. "
                    + "Verification tasks, visits and incidents keep their grid.")
    MoveView moveInGrid(@PathVariable UUID id, @RequestBody(required = false) MoveForm form) {
        return new MoveView(misplaced.moveInGrid(new GridId(id), form == null ? null : form.addresses(),
                Callers.require()).stream().map(MovedView::of).toList());
    }

    @PostMapping("/api/v1/communities/{id}/misplaced")
    @PreAuthorize("hasAuthority('JURISDICTION_MANAGE') and hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Move addresses of the community's check into the grids holding their points")
    MoveView moveInCommunity(@PathVariable UUID id, @RequestBody(required = false) MoveForm form) {
        return new MoveView(misplaced.moveInCommunity(new CommunityId(id), form == null ? null : form.addresses(),
                Callers.require()).stream().map(MovedView::of).toList());
    }
}
