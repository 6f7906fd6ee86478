package org.fengqiao.account.web;

import java.util.Arrays;
import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.PasswordRules;
import org.fengqiao.account.internal.RolePolicy;
import org.fengqiao.account.internal.StaffAdministration;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.Paging;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The staff list of one's subtree, a person's page, and the security administrator's account forms. */
@Controller
@FieldLabels({"staff.", "login."})
@RequestMapping("/staff")
class StaffPages {

    static final int PAGE_SIZE = 20;

    private final StaffAdministration administration;
    private final StaffViews views;
    private final Jurisdictions jurisdictions;
    private final PageMessages messages;

    private final FengqiaoProperties properties;

    StaffPages(StaffAdministration administration, StaffViews views, Jurisdictions jurisdictions, PageMessages messages,
            FengqiaoProperties properties) {
        this.properties = properties;
        this.administration = administration;
        this.views = views;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
    }

    @GetMapping
    String list(@RequestParam(required = false) String role, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        StaffRole chosen = parseRole(role);
        StaffAdministration.Listing listing = administration.list(caller, chosen, q, page - 1, PAGE_SIZE);
        String pastTheEnd = Paging.lastPageIfPast(page, listing.pages()).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("staff", listing.rows().stream().map(views::summary).toList());
        model.addAttribute("listing", listing);
        model.addAttribute("roles", StaffRole.values());
        model.addAttribute("role", chosen == null ? "" : chosen.name());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("mayCreate", caller.may(Permission.STAFF_MANAGE.authority()));
        model.addAttribute("units", caller.may(Permission.STAFF_MANAGE.authority()) ? jurisdictions.visibleUnits(caller) : java.util.List.of());
        model.addAttribute("creatableRoles", Arrays.stream(StaffRole.values())
                .filter(r -> RolePolicy.mayGive(caller.role(), r)).toList());
        return "account/staff-list";
    }

    @GetMapping("/{id}")
    String one(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("person", views.detail(administration.find(caller, id), caller));
        model.addAttribute("mayManageAccount", caller.may(Permission.ACCOUNT_MANAGE.authority()));
        // the hint under the initial and the reset password says the limits the check applies
        model.addAttribute("passwordRules", PasswordRules.inForce(properties.security()));
        model.addAttribute("self", id.equals(caller.staffId()));
        // the administrators' roles are neither given nor taken here (三员分立, StaffAdministration#changeRole)
        model.addAttribute("roles", Arrays.stream(StaffRole.values()).filter(r -> !r.isAdministrator()).toList());
        // whoever puts people on the books transfers them too, to a unit he sees (StaffAdministration#moveToUnit)
        model.addAttribute("moveUnits", caller.may(Permission.STAFF_MANAGE.authority())
                ? jurisdictions.visibleUnits(caller) : java.util.List.of());
        return "account/staff-detail";
    }

    @PostMapping
    String create(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String role,
            @RequestParam(required = false) String name, @RequestParam(required = false) String policeNumber,
            @RequestParam(required = false) String phone, @RequestParam(required = false) String title,
            RedirectAttributes redirect) {
        try {
            Caller caller = Callers.require();
            var row = administration.create(caller, unitId, parseRole(role), name, policeNumber, phone, title);
            if (!administration.known(caller, row)) {
                // an informant he may not know (the bureau's command, the system administrator): put on the books,
                // his page shows to his handler, the station chief and the security administrator only
                messages.notice(redirect, "account.staff.createdInformant");
                return "redirect:/staff";
            }
            messages.notice(redirect, "account.staff.created");
            return "redirect:/staff/" + row.id();
        } catch (Invalid e) {
            messages.problems(redirect, e);
            return "redirect:/staff";
        }
    }

    @PostMapping("/{id}/unit")
    String move(@PathVariable UUID id, @RequestParam(required = false) UUID unitId, RedirectAttributes redirect) {
        return act(id, redirect, "account.staff.move.done", () -> administration.moveToUnit(Callers.require(), id, unitId));
    }

    @PostMapping("/{id}/account")
    String account(@PathVariable UUID id, @RequestParam(required = false) String username,
            @RequestParam(required = false) String password, RedirectAttributes redirect) {
        return act(id, redirect, "account.account.created", () -> administration.createAccount(Callers.require(), id, username, password));
    }

    @PostMapping("/{id}/role")
    String role(@PathVariable UUID id, @RequestParam(required = false) String role, RedirectAttributes redirect) {
        return act(id, redirect, "account.role.changed", () -> administration.changeRole(Callers.require(), id, parseRole(role)));
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, "account.unlocked", () -> administration.unlock(Callers.require(), id));
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable UUID id, @RequestParam(required = false) String password, RedirectAttributes redirect) {
        return act(id, redirect, "account.password.reset", () -> administration.resetPassword(Callers.require(), id, password));
    }

    @PostMapping("/{id}/active")
    String active(@PathVariable UUID id, @RequestParam boolean active, RedirectAttributes redirect) {
        return act(id, redirect, active ? "account.enabled" : "account.disabled",
                () -> administration.setActive(Callers.require(), id, active));
    }

    private String act(UUID id, RedirectAttributes redirect, String noticeKey, Runnable action) {
        try {
            action.run();
            messages.notice(redirect, noticeKey);
        } catch (Invalid e) {
            messages.problems(redirect, e);
        } catch (Conflict e) {
            messages.conflict(redirect, e);
        }
        return "redirect:/staff/" + id;
    }

    private static StaffRole parseRole(String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        try {
            return StaffRole.valueOf(role);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
