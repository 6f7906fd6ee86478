package org.fengqiao.account.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.StaffAdministration;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/staff")
@Tag(name = "Staff", description = "People who work in the caller's jurisdiction and their sign-in accounts")
class StaffApi {

    private final StaffAdministration administration;
    private final StaffViews views;

    StaffApi(StaffAdministration administration, StaffViews views) {
        this.administration = administration;
        this.views = views;
    }

    record StaffPage(List<StaffViews.StaffSummary> items, long total, int page, int size) {
    }

    record NewStaff(UUID unitId, StaffRole role, String name, String policeNumber, String phone, String title) {
    }

    record UnitChange(UUID unitId) {
    }

    record NewAccount(String username, String password) {
    }

    record RoleChange(StaffRole role) {
    }

    record PasswordReset(String password) {
    }

    /** A Boolean, not a boolean: a body without it must be refused, not read as "disable". */
    record ActiveChange(Boolean active) {
    }

    @GetMapping
    @Operation(summary = "Staff of the caller's subtree, paged",
            description = "Needs STAFF_READ. Phones are masked in lists. q matches name, user name or police number. "
                    + "An informant is listed (and counted) only to himself, his handler, the station chief and the "
                    + "security administrator.")
    StaffPage list(@RequestParam(required = false) StaffRole role, @RequestParam(required = false) String q,
            @Parameter(description = "zero-based") @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        StaffAdministration.Listing listing = administration.list(Callers.require(), role, q, page, size);
        return new StaffPage(listing.rows().stream().map(views::summary).toList(), listing.total(), listing.page(),
                listing.size());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One person of the caller's subtree with their grid roles, current and past",
            description = "404 for a person outside the caller's subtree, exactly as for one who does not exist, "
                    + "and for an informant the caller may not know. passwordMustChange: the password was set by "
                    + "someone else (a new sign-in, a reset) and its holder has not changed it yet; passwordExpired: "
                    + "it is older than FENGQIAO_PASSWORD_MAX_AGE and its holder has not changed it yet.")
    StaffViews.StaffDetail one(@PathVariable UUID id) {
        Caller caller = Callers.require();
        return views.detail(administration.find(caller, id), caller);
    }

    @PostMapping
    @Operation(summary = "Put a person who works on the books, in a unit of the caller's subtree (STAFF_MANAGE)")
    ResponseEntity<StaffViews.StaffDetail> create(@RequestBody NewStaff body) {
        Caller caller = Callers.require();
        var row = administration.create(caller, body.unitId(), body.role(), body.name(), body.policeNumber(), body.phone(),
                body.title());
        return ResponseEntity.status(HttpStatus.CREATED).body(views.detail(row, caller));
    }

    @PutMapping("/{id}/unit")
    @Operation(summary = "Transfer a person to another unit of the caller's subtree (STAFF_MANAGE)",
            description = "His scope follows at his next request. 409, with what is left counted, while he holds open "
                    + "items, grid places, helper places (N帮一) or a community's places (一警两员) the new unit would "
                    + "not see: hand each over first. 400 on unitId for a unit outside the caller's subtree; 404 for a "
                    + "person outside it.")
    StaffViews.StaffDetail move(@PathVariable UUID id, @RequestBody UnitChange body) {
        Caller caller = Callers.require();
        return views.detail(administration.moveToUnit(caller, id, body.unitId()), caller);
    }

    @PostMapping("/{id}/account")
    @Operation(summary = "Give a person a sign-in with a user name and initial password (ACCOUNT_MANAGE)")
    StaffViews.StaffDetail account(@PathVariable UUID id, @RequestBody NewAccount body) {
        Caller caller = Callers.require();
        return views.detail(administration.createAccount(caller, id, body.username(), body.password()), caller);
    }

    @PutMapping("/{id}/role")
    @Operation(summary = "Change a person's role (ACCOUNT_MANAGE); their API tokens end")
    StaffViews.StaffDetail role(@PathVariable UUID id, @RequestBody RoleChange body) {
        Caller caller = Callers.require();
        return views.detail(administration.changeRole(caller, id, body.role()), caller);
    }

    @PostMapping("/{id}/unlock")
    @Operation(summary = "Unlock an account locked after failed sign-ins (ACCOUNT_MANAGE)")
    StaffViews.StaffDetail unlock(@PathVariable UUID id) {
        Caller caller = Callers.require();
        return views.detail(administration.unlock(caller, id), caller);
    }

    @PostMapping("/{id}/password")
    @Operation(summary = "Reset a person's password (ACCOUNT_MANAGE); their API tokens and page sessions end",
            description = "As on the person's page: the password follows the password rules and the person must "
                    + "change it at his next sign-in; the account is unlocked. The three administrators' passwords are "
                    + "reset by the server's operator (./run reset-password), never here (400 on password). 409 for a "
                    + "person without an account; 404 outside the caller's subtree.")
    StaffViews.StaffDetail resetPassword(@PathVariable UUID id, @RequestBody PasswordReset body) {
        Caller caller = Callers.require();
        return views.detail(administration.resetPassword(caller, id, body.password()), caller);
    }

    @PutMapping("/{id}/active")
    @Operation(summary = "Disable or enable a person's account (ACCOUNT_MANAGE); disabling ends their API tokens "
            + "and page sessions",
            description = "Body {\"active\": false} disables, true enables. Nobody disables his own account, nor one "
                    + "of the three administrators (400 on active); 404 outside the caller's subtree.")
    StaffViews.StaffDetail active(@PathVariable UUID id, @RequestBody ActiveChange body) {
        Caller caller = Callers.require();
        return views.detail(administration.setActive(caller, id, body.active()), caller);
    }
}
