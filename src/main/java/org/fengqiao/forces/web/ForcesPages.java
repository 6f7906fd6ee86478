package org.fengqiao.forces.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.forces.MemberStatus;
import org.fengqiao.forces.TeamKind;
import org.fengqiao.forces.internal.ForcesDesk;
import org.fengqiao.forces.internal.ForcesExport;
import org.fengqiao.forces.internal.Members;
import org.fengqiao.forces.internal.Posts;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff pages of the rosters (teams, members, security companies, posts and shifts, with filters and the
 * xlsx export) and the member's own phone page {@code /me/forces}: my teams, my posts and shifts with check-in
 * and check-out, and the way to report what I see. Plain forms that post and redirect.
 */
@Controller
class ForcesPages {

    static final int PAGE_SIZE = 50;

    private final ForcesDesk desk;
    private final ForcesExport export;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;

    ForcesPages(ForcesDesk desk, ForcesExport export, Jurisdictions jurisdictions, MessageSource messages) {
        this.desk = desk;
        this.export = export;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
    }

    /** A record outside the scope, or an informant one may not know, is a plain 404 page. */
    @ExceptionHandler(NotFound.class)
    void notFound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.sendError(HttpStatus.NOT_FOUND.value());
    }

    @GetMapping("/forces")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String roster(@RequestParam(defaultValue = "teams") String tab, @RequestParam(required = false) TeamKind kind,
            @RequestParam(required = false) String role, @RequestParam(required = false) MemberStatus status,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) UUID zoneId,
            @RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean expiring,
            @RequestParam(defaultValue = "1") int page, Locale locale, Model model) {
        Caller caller = Callers.require();
        String t = List.of("teams", "members", "companies", "posts").contains(tab) ? tab : "teams";
        model.addAttribute("tab", t);
        model.addAttribute("q", q);
        model.addAttribute("kinds", TeamKind.values());
        model.addAttribute("grids", grids(caller));
        model.addAttribute("gridId", gridId);
        switch (t) {
            case "members" -> {
                int p = Math.max(1, page);
                Members.Page found = desk.members(caller, new Members.Filter(null, blank(role), status, gridId, null,
                        blank(q)), PAGE_SIZE, (p - 1) * PAGE_SIZE);
                model.addAttribute("members", found.items());
                model.addAttribute("total", found.total());
                model.addAttribute("page", p);
                model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
                model.addAttribute("role", blank(role));
                model.addAttribute("status", status);
                model.addAttribute("roles", List.of("VOLUNTEER", "INFORMANT", "SECURITY_GUARD", "MEDIATOR", "GRID_MEMBER"));
                model.addAttribute("statuses", MemberStatus.values());
            }
            case "companies" -> {
                model.addAttribute("companies", desk.companies(caller, zoneId, expiring, q));
                model.addAttribute("zones", desk.zones(caller));
                model.addAttribute("zoneId", zoneId);
                model.addAttribute("expiring", expiring);
            }
            case "posts" -> model.addAttribute("posts", desk.posts(caller, gridId, q));
            default -> {
                model.addAttribute("teams", desk.teams(caller, kind, gridId, q));
                model.addAttribute("kind", kind);
                model.addAttribute("units", jurisdictions.visibleUnits(caller));
            }
        }
        return "forces/roster";
    }

    @PostMapping("/forces/teams")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String createTeam(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) TeamKind kind, @RequestParam(required = false) String name,
            @RequestParam(required = false) String note, Locale locale, RedirectAttributes redirect) {
        try {
            UUID id = desk.createTeam(Callers.require(), new ForcesDesk.NewTeam(unitId, gridId, kind, name, note)).id();
            return "redirect:/forces/teams/" + id;
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.texts(messages, locale));
            return "redirect:/forces?tab=teams";
        }
    }

    @GetMapping("/forces/teams/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String team(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("team", desk.team(caller, id));
        model.addAttribute("members", desk.teamMembers(caller, id));
        if (caller.may("FORCES_MANAGE")) {
            model.addAttribute("people", desk.members(caller, new Members.Filter(null, null, MemberStatus.ACTIVE, null,
                    null, null), 1000, 0).items());
        }
        return "forces/team";
    }

    @PostMapping("/forces/teams/{id}/members")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String join(@PathVariable UUID id, @RequestParam(required = false) UUID staffId,
            @RequestParam(defaultValue = "false") boolean leader,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate joinedOn,
            Locale locale, RedirectAttributes redirect) {
        try {
            desk.join(Callers.require(), id, staffId, leader, joinedOn);
            redirect.addFlashAttribute("notice", text("forces.saved", locale));
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.texts(messages, locale));
        }
        return "redirect:/forces/teams/" + id;
    }

    @PostMapping("/forces/teams/{id}/members/{staffId}/leave")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String leave(@PathVariable UUID id, @PathVariable UUID staffId, Locale locale, RedirectAttributes redirect) {
        try {
            desk.leave(Callers.require(), id, staffId, null);
            redirect.addFlashAttribute("notice", text("forces.saved", locale));
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.texts(messages, locale));
        }
        return "redirect:/forces/teams/" + id;
    }

    @GetMapping("/forces/members/{staffId}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String member(@PathVariable UUID staffId, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("member", desk.member(caller, staffId));
        model.addAttribute("trainings", desk.trainings(caller, staffId));
        model.addAttribute("shifts", desk.shifts(caller, new Posts.ShiftFilter(null, staffId,
                desk.now().minusDays(30), desk.now().plusDays(30)), 100));
        return "forces/member";
    }

    @GetMapping("/forces/companies/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String company(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("company", desk.company(caller, id));
        model.addAttribute("guards", desk.members(caller, new Members.Filter(null, "SECURITY_GUARD", null, null, id, null),
                1000, 0).items());
        return "forces/company";
    }

    @GetMapping("/forces/posts/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String post(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("post", desk.post(caller, id));
        model.addAttribute("shifts", desk.shifts(caller, new Posts.ShiftFilter(id, null, desk.now().minusDays(7),
                desk.now().plusDays(30)), 500));
        model.addAttribute("people", desk.members(caller, new Members.Filter(null, null, MemberStatus.ACTIVE, null, null,
                null), 1000, 0).items());
        return "forces/post";
    }

    @PostMapping("/forces/posts/{id}/shifts")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String addShift(@PathVariable UUID id, @RequestParam(required = false) UUID staffId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime startsAt,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime endsAt,
            Locale locale, RedirectAttributes redirect) {
        try {
            Caller caller = Callers.require();
            desk.post(caller, id);
            desk.createShift(caller, id, staffId, startsAt == null ? null : startsAt.atZone(ForcesDesk.CHINA_ZONE).toOffsetDateTime(),
                    endsAt == null ? null : endsAt.atZone(ForcesDesk.CHINA_ZONE).toOffsetDateTime());
            redirect.addFlashAttribute("notice", text("forces.saved", locale));
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.texts(messages, locale));
        }
        return "redirect:/forces/posts/" + id;
    }

    // ---------------------------------------------------------------- the member's own page

    @GetMapping("/me/forces")
    String mine(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("teams", desk.myTeams(caller));
        model.addAttribute("shifts", desk.myShifts(caller));
        model.addAttribute("now", desk.now());
        return "forces/me";
    }

    @PostMapping("/me/forces/shifts/{id}/{action}")
    String checkInOrOut(@PathVariable UUID id, @PathVariable String action, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        try {
            switch (action) {
                case "check-in" -> {
                    desk.checkIn(caller, id);
                    redirect.addFlashAttribute("notice", text("forces.me.checkedInNotice", locale));
                }
                case "check-out" -> {
                    desk.checkOut(caller, id);
                    redirect.addFlashAttribute("notice", text("forces.me.checkedOutNotice", locale));
                }
                default -> throw new NotFound("action", action);
            }
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.texts(messages, locale));
        }
        return "redirect:/me/forces";
    }

    private List<Grid> grids(Caller caller) {
        return jurisdictions.visibleGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE)
                .sorted(Comparator.comparing(Grid::code)).toList();
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }


    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
