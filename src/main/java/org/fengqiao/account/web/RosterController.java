package org.fengqiao.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.InformantDisclosure;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.Roster;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The five-level roster of a grid with its history. It lives in the account module because the
 * roster is about people; the grid's scope is checked through the jurisdiction facade, so a grid
 * outside the caller's subtree answers 404 here exactly as on the grid itself.
 */
@RestController
@Tag(name = "Grid roster")
class RosterController {

    private final Roster roster;
    private final StaffRegister register;
    private final Jurisdictions jurisdictions;
    private final ObjectProvider<InformantDisclosure> informants;
    private final MessageSource messages;

    RosterController(Roster roster, StaffRegister register, Jurisdictions jurisdictions,
            ObjectProvider<InformantDisclosure> informants, MessageSource messages) {
        this.roster = roster;
        this.register = register;
        this.jurisdictions = jurisdictions;
        this.informants = informants;
        this.messages = messages;
    }

    record Candidate(UUID id, String name, StaffRole role, String unitName) {
    }

    record Assignment(@NotNull(message = "{error.field.required}") UUID staffId,
            @NotNull(message = "{error.field.required}") GridRole role,
            @NotNull(message = "{account.roster.fromRequired}") LocalDate from) {
    }

    record Ending(@NotNull(message = "{error.field.required}") LocalDate on) {
    }

    @GetMapping("/api/v1/grids/{id}/roster")
    @PreAuthorize("hasAuthority('JURISDICTION_READ')")
    @Operation(summary = "Who holds and held each role of the grid, current terms first")
    List<Roster.Term> history(@PathVariable UUID id, Locale locale) {
        Caller caller = Callers.require();
        GridId grid = visible(id, caller);
        return unnamed(roster.history(grid), caller, locale);
    }

    /**
     * The terms with the informants the caller may not know shown by their role alone: no name, no staff id, no
     * note (every reader of the grid reads its roster, volunteers and grid members too). Without the forces module
     * to ask, every informant is shown so.
     */
    private List<Roster.Term> unnamed(List<Roster.Term> terms, Caller caller, Locale locale) {
        List<UUID> named = terms.stream().filter(t -> t.role() == GridRole.INFORMANT
                || StaffRole.INFORMANT.name().equals(t.staffRole())).map(Roster.Term::staffId).distinct().toList();
        if (named.isEmpty()) {
            return terms;
        }
        InformantDisclosure disclosure = informants.getIfAvailable();
        Set<UUID> hidden = disclosure == null ? Set.copyOf(named) : disclosure.hiddenFrom(caller, named);
        if (hidden.isEmpty()) {
            return terms;
        }
        String informant = messages.getMessage("gridRole.INFORMANT", null, "信息员", locale);
        return terms.stream().map(t -> !hidden.contains(t.staffId()) ? t : new Roster.Term(t.id(), t.gridId(), null,
                informant, t.staffRole(), t.role(), t.startedOn(), t.endedOn(), null)).toList();
    }

    @GetMapping("/api/v1/grids/{id}/roster/candidates")
    @PreAuthorize("hasAuthority('ROSTER_MANAGE')")
    @Operation(summary = "The people of the caller's scope who may be put on the grid's roster",
            description = "An informant is listed only to those who may know him: his handler and the station chief.")
    List<Candidate> candidates(@PathVariable UUID id) {
        Caller caller = Callers.require();
        visible(id, caller);
        InformantDisclosure forces = informants.getIfAvailable();
        InformantDisclosure.Known known = forces == null ? InformantDisclosure.Known.himself(caller)
                : forces.knownTo(caller);
        return register.assignable(caller, known).stream()
                .map(r -> new Candidate(r.id(), r.name(), r.role(), r.unitName())).toList();
    }

    @PostMapping("/api/v1/grids/{id}/roster")
    @PreAuthorize("hasAuthority('ROSTER_MANAGE')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put a person in a grid role from a day on; a single-holder role ends the previous term that day")
    Roster.Term assign(@PathVariable UUID id, @Valid @RequestBody Assignment body) {
        Caller caller = Callers.require();
        return roster.assign(new GridId(id), new StaffId(body.staffId()), body.role(), body.from(), caller);
    }

    @PostMapping("/api/v1/roster/{termId}/end")
    @PreAuthorize("hasAuthority('ROSTER_MANAGE')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End a current term on a day")
    void end(@PathVariable UUID termId, @Valid @RequestBody Ending body) {
        roster.end(termId, body.on(), Callers.require());
    }

    private GridId visible(UUID id, Caller caller) {
        GridId grid = new GridId(id);
        jurisdictions.visibleGrid(grid, caller).orElseThrow(() -> new NotFound("grid", id));
        return grid;
    }
}
