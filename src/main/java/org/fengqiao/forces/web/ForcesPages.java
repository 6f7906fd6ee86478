package org.fengqiao.forces.web;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.fengqiao.forces.ContactWay;
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
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.PeriodLists;
import org.fengqiao.platform.web.PeriodLists.Filters;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.platform.web.Paging;
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
@FieldLabels("forces.field.")
class ForcesPages {

    static final int PAGE_SIZE = 50;

    private final ForcesDesk desk;
    private final ForcesExport export;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;

    private final FormAnswers answers;
    private final PeriodLists lists;

    ForcesPages(ForcesDesk desk, ForcesExport export, Jurisdictions jurisdictions, MessageSource messages,
            FormAnswers answers, PeriodLists lists) {
        this.answers = answers;
        this.lists = lists;
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
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String day, Locale locale, Model model, HttpServletResponse response) {
        Caller caller = Callers.require();
        String t = List.of("teams", "members", "companies", "posts", "coverage").contains(tab) ? tab : "teams";
        model.addAttribute("tab", t);
        model.addAttribute("q", q);
        model.addAttribute("kinds", TeamKind.values());
        model.addAttribute("grids", grids(caller));
        model.addAttribute("gridId", gridId);
        switch (t) {
            case "members" -> {
                int p = Math.max(1, page);
                Members.Page found = desk.members(caller, new Members.Filter(null, blank(role), status, gridId, null,
                        blank(q)), PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
                model.addAttribute("members", found.items());
                model.addAttribute("total", found.total());
                model.addAttribute("page", p);
                String pastTheEnd = Paging.lastPageIfPast(p, Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE)).orElse(null);
                if (pastTheEnd != null) {
                    return pastTheEnd;
                }
                model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
                model.addAttribute("role", blank(role));
                model.addAttribute("status", status);
                model.addAttribute("roles", List.of("VOLUNTEER", "INFORMANT", "SECURITY_GUARD", "MEDIATOR", "GRID_MEMBER"));
                model.addAttribute("statuses", MemberStatus.values());
            }
            case "companies" -> {
                model.addAttribute("companies", desk.companies(caller, zoneId, expiring, q));
                model.addAttribute("units", jurisdictions.visibleUnits(caller));
                model.addAttribute("zones", desk.zones(caller));
                model.addAttribute("zoneId", zoneId);
                model.addAttribute("expiring", expiring);
            }
            case "posts" -> model.addAttribute("posts", desk.posts(caller, gridId, q));
            case "coverage" -> {
                // 全时段联勤: each zone's day, covered around the clock or with the times no shift covers
                model.addAttribute("zones", desk.zones(caller));
                model.addAttribute("zoneId", zoneId);
                LocalDate d = coverageDay(day);
                try {
                    if (d == null) {
                        throw Invalid.of("day", "error.field.date");
                    }
                    model.addAttribute("coverage", desk.coverage(caller, d, zoneId));
                    model.addAttribute("day", d);
                } catch (Invalid e) {
                    // a day that is none (typed by hand, cut short) or out of range (year 1, 9999) is said above the
                    // form in the reader's language, with 400 and no zone's coverage shown under a day he did not ask
                    // for, not as the error page; the form keeps what was typed, to be put right
                    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                    model.addAttribute("problems", answers.texts(e, locale));
                    model.addAttribute("dayRefused", true);
                    model.addAttribute("day", day == null ? null : day.strip());
                    model.addAttribute("coverage", List.of());
                }
            }
            default -> {
                model.addAttribute("teams", desk.teams(caller, kind, gridId, q));
                model.addAttribute("kind", kind);
                model.addAttribute("units", jurisdictions.visibleUnits(caller));
            }
        }
        return "forces/roster";
    }

    /** The coverage tab's day: today when none is asked, null when what was sent is no date. */
    private LocalDate coverageDay(String day) {
        if (day == null || day.isBlank()) {
            return desk.today();
        }
        try {
            return LocalDate.parse(day.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The defence people the work figures count (群防群治力量), which link here. */
    /**
     * The rosters of the reader's jurisdiction as a workbook, for the roster page's export link: the API's workbook,
     * but on the page's terms. It goes with the session (signed out, to the sign-in page; a role without the rosters
     * gets the error page in his language, never a problem in JSON), and its sheets, headers and file name are in the
     * page's language.
     */
    @GetMapping("/forces/export.xlsx")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    void export(Locale locale, HttpServletResponse response) throws java.io.IOException {
        export.write(Callers.require(), locale, () -> {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                    org.springframework.http.ContentDisposition.attachment().filename(export.fileName(locale) + ".xlsx",
                            java.nio.charset.StandardCharsets.UTF_8).build().toString());
            return response.getOutputStream();
        });
    }

    @GetMapping("/forces/defence-people")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String defenders(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        model.addAttribute("units", jurisdictions.visibleUnits(caller));
        // refused on the page, the form keeping what was typed to be put right: days the figures page refuses
        // too, and text that is no day
        return lists.page("forces/defenders", "found", page, PAGE_SIZE,
                Filters.typed(unit, from, to),
                (limit, offset) -> desk.defenders(caller, unit, PeriodLists.day("from", from),
                        PeriodLists.day("to", to), limit, offset), ForcesDesk.Defenders::total,
                f -> Filters.of(f.unit() == null ? null : f.unit().id().value(), f.from(), f.to()), model, locale,
                response);
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
            answers.refused(redirect, e, locale);
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
        return saved(redirect, locale, "/forces/teams/" + id, () -> {
            desk.join(Callers.require(), id, staffId, leader, joinedOn);
            return "/forces/teams/" + id;
        });
    }

    @PostMapping("/forces/teams/{id}/members/{staffId}/leave")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String leave(@PathVariable UUID id, @PathVariable UUID staffId, Locale locale, RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces/teams/" + id, () -> {
            desk.leave(Callers.require(), id, staffId, null);
            return "/forces/teams/" + id;
        });
    }

    @GetMapping("/forces/members/{staffId}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String member(@PathVariable UUID staffId, Model model) {
        Caller caller = Callers.require();
        var member = desk.member(caller, staffId);
        model.addAttribute("member", member);
        // the company's name links to its page only for whom it opens (not a workstation's officer, for a company
        // registered at the station)
        model.addAttribute("companyOpens", desk.seesCompany(caller, member.companyId()));
        model.addAttribute("trainings", desk.trainings(caller, staffId));
        if ("INFORMANT".equals(member.role())) {
            model.addAttribute("contacts", desk.contacts(caller, staffId));
            model.addAttribute("contactWays", ContactWay.values());
            model.addAttribute("mayContact", caller.staffId().equals(member.handlerId()) || caller.may("FORCES_MANAGE"));
            model.addAttribute("today", desk.today());
        }
        model.addAttribute("shifts", desk.shifts(caller, new Posts.ShiftFilter(null, staffId,
                desk.now().minusDays(30), desk.now().plusDays(30)), 100));
        if (caller.may("FORCES_MANAGE")) {
            model.addAttribute("grids", grids(caller));
            model.addAttribute("zones", desk.zoneChoices(caller, java.util.Collections.singleton(member.zoneId())));
            model.addAttribute("statuses", MemberStatus.values());
            model.addAttribute("companies", desk.companies(caller, null, false, null));
            model.addAttribute("today", desk.today());
        }
        return "forces/member";
    }

    /** The profile form: every field of the profile as it stands, changed where the user changed it. */
    @PostMapping("/forces/members/{staffId}/profile")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String saveProfile(@PathVariable UUID staffId, @RequestParam(required = false) String phone,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) UUID zoneId,
            @RequestParam(required = false) String skills, @RequestParam(required = false) String availability,
            @RequestParam(required = false) MemberStatus status, @RequestParam(required = false) UUID handlerId,
            @RequestParam(required = false) UUID companyId, @RequestParam(required = false) String licenceNumber,
            Locale locale, RedirectAttributes redirect) {
        List<String> skillList = skills == null ? List.of()
                : java.util.Arrays.stream(skills.split("[,，、;；\\s]+")).filter(x -> !x.isBlank()).toList();
        return saved(redirect, locale, "/forces/members/" + staffId, () -> {
            desk.saveProfile(Callers.require(), staffId, new ForcesDesk.Profile(phone, gridId, zoneId, skillList,
                    availability, status, handlerId, companyId, licenceNumber));
            return "/forces/members/" + staffId;
        });
    }

    @PostMapping("/forces/members/{staffId}/trainings")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String addTraining(@PathVariable UUID staffId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
            @RequestParam(required = false) String topic, @RequestParam(required = false) String hours, Locale locale,
            RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces/members/" + staffId, () -> {
            desk.addTraining(Callers.require(), staffId, heldOn, topic, decimal(hours, "hours",
                    "forces.training.hours.invalid"));
            return "/forces/members/" + staffId;
        });
    }

    @PostMapping("/forces/members/{staffId}/contacts")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String addContact(@PathVariable UUID staffId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate contactedOn,
            @RequestParam(required = false) ContactWay way, @RequestParam(required = false) String note, Locale locale,
            RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces/members/" + staffId, () -> {
            desk.addContact(Callers.require(), staffId, contactedOn, way, note);
            return "/forces/members/" + staffId;
        });
    }

    /** The member's full phone, shown once on the page after the reason is given; audited like the API's. */
    @PostMapping("/forces/members/{staffId}/reveal")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String reveal(@PathVariable UUID staffId, @RequestParam(required = false) String reason, Locale locale,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("revealedPhone", desk.revealPhone(Callers.require(), staffId, reason));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        }
        return "redirect:/forces/members/" + staffId;
    }

    @PostMapping("/forces/companies")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String createCompany(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String licenceNumber,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate licenceValidUntil,
            @RequestParam(required = false) String contactName, @RequestParam(required = false) String contactPhone,
            @RequestParam(required = false) String address,
            @RequestParam(name = "zoneIds", required = false) List<UUID> zoneIds, Locale locale,
            RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces?tab=companies", () -> {
            UUID id = desk.createCompany(Callers.require(), new ForcesDesk.NewCompany(unitId, name, licenceNumber,
                    licenceValidUntil, contactName, contactPhone, address, zoneIds)).id();
            return "/forces/companies/" + id;
        });
    }

    @PostMapping("/forces/companies/{id}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String updateCompany(@PathVariable UUID id, @RequestParam(required = false) String name,
            @RequestParam(required = false) String licenceNumber,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate licenceValidUntil,
            @RequestParam(required = false) String contactName, @RequestParam(required = false) String contactPhone,
            @RequestParam(required = false) String address,
            @RequestParam(name = "zoneIds", required = false) List<UUID> zoneIds, Locale locale,
            RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces/companies/" + id, () -> {
            desk.updateCompany(Callers.require(), id, new ForcesDesk.NewCompany(null, name, licenceNumber,
                    licenceValidUntil, contactName, contactPhone, address, zoneIds));
            return "/forces/companies/" + id;
        });
    }

    @PostMapping("/forces/posts")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String createPost(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String place, @RequestParam(required = false) String lon,
            @RequestParam(required = false) String lat, Locale locale, RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces?tab=posts", () -> {
            UUID id = desk.createPost(Callers.require(), new ForcesDesk.NewPost(gridId, name, place,
                    coordinate(lon, "lon"), coordinate(lat, "lat"))).id();
            return "/forces/posts/" + id;
        });
    }

    @PostMapping("/forces/posts/{id}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String updatePost(@PathVariable UUID id, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) String name, @RequestParam(required = false) String place,
            @RequestParam(required = false) String lon, @RequestParam(required = false) String lat, Locale locale,
            RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces/posts/" + id, () -> {
            desk.updatePost(Callers.require(), id, new ForcesDesk.NewPost(gridId, name, place, coordinate(lon, "lon"),
                    coordinate(lat, "lat")));
            return "/forces/posts/" + id;
        });
    }

    /** A shift moved to another time or post before the member checks in; back to the post it is at afterwards. */
    @PostMapping("/forces/shifts/{id}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String updateShift(@PathVariable UUID id, @RequestParam(required = false) UUID postId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = {
                    LocalTimes.TYPED_MINUTES, LocalTimes.TYPED_SECONDS}) LocalDateTime startsAt,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = {
                    LocalTimes.TYPED_MINUTES, LocalTimes.TYPED_SECONDS}) LocalDateTime endsAt,
            Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        Posts.Shift before = desk.shift(caller, id);
        return saved(redirect, locale, "/forces/posts/" + before.postId(), () -> {
            Posts.Shift after = desk.updateShift(caller, id, postId, china(startsAt), china(endsAt));
            return "/forces/posts/" + after.postId();
        });
    }

    @GetMapping("/forces/companies/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String company(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("company", desk.company(caller, id));
        if (caller.may("FORCES_MANAGE")) {
            List<UUID> served = desk.companyZones(caller, id);
            model.addAttribute("zones", desk.zoneChoices(caller, served));
            model.addAttribute("companyZones", served);
        }
        model.addAttribute("guards", desk.members(caller, new Members.Filter(null, "SECURITY_GUARD", null, null, id, null),
                1000, 0).items());
        return "forces/company";
    }

    @GetMapping("/forces/posts/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    String post(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("post", desk.post(caller, id));
        List<Posts.Shift> shifts = desk.shifts(caller, new Posts.ShiftFilter(id, null, desk.now().minusDays(7),
                desk.now().plusDays(30)), 500);
        model.addAttribute("shifts", shifts);
        model.addAttribute("licenceLapsed", desk.licenceLapsed(shifts));
        // the shift edit form's datetime-local values, in China time like the times typed into it
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        java.util.Map<UUID, String[]> localTimes = new java.util.HashMap<>();
        for (Posts.Shift s : shifts) {
            localTimes.put(s.id(), new String[] {s.startsAt().atZoneSameInstant(ForcesDesk.CHINA_ZONE).format(local),
                s.endsAt().atZoneSameInstant(ForcesDesk.CHINA_ZONE).format(local)});
        }
        model.addAttribute("localTimes", localTimes);
        model.addAttribute("people", desk.members(caller, new Members.Filter(null, null, MemberStatus.ACTIVE, null, null,
                null), 1000, 0).items());
        if (caller.may("FORCES_MANAGE")) {
            model.addAttribute("grids", grids(caller));
            model.addAttribute("allPosts", desk.posts(caller, null, null));
        }
        return "forces/post";
    }

    @PostMapping("/forces/posts/{id}/shifts")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    String addShift(@PathVariable UUID id, @RequestParam(required = false) UUID staffId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = {
                    LocalTimes.TYPED_MINUTES, LocalTimes.TYPED_SECONDS}) LocalDateTime startsAt,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = {
                    LocalTimes.TYPED_MINUTES, LocalTimes.TYPED_SECONDS}) LocalDateTime endsAt,
            Locale locale, RedirectAttributes redirect) {
        return saved(redirect, locale, "/forces/posts/" + id, () -> {
            Caller caller = Callers.require();
            desk.post(caller, id);
            desk.createShift(caller, id, staffId, china(startsAt), china(endsAt));
            return "/forces/posts/" + id;
        });
    }

    // ---------------------------------------------------------------- the member's own page

    @GetMapping("/me/forces")
    String mine(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("teams", desk.myTeams(caller));
        model.addAttribute("shifts", desk.myShifts(caller));
        model.addAttribute("now", desk.now());
        model.addAttribute("lateCheckOutHours", desk.lateCheckOutHours());
        model.addAttribute("earlyCheckIn", desk.earlyCheckIn());
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
            answers.refused(redirect, e, locale);
        }
        return "redirect:/me/forces";
    }

    /**
     * A form's change: on success a notice and the page {@code change} answers, otherwise the broken rules in the
     * reader's language on {@code onProblems}. Either way a redirect, so a reload never posts twice.
     */
    private String saved(RedirectAttributes redirect, Locale locale, String onProblems, Supplier<String> change) {
        try {
            String to = change.get();
            redirect.addFlashAttribute("notice", text("forces.saved", locale));
            return "redirect:" + to;
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return "redirect:" + onProblems;
        }
    }

    /**
     * A time typed into a shift's start or end, in China time: as the page's field writes it (2026-12-02 10:00) or
     * as ISO 8601 (2026-12-02T10:00, what the browser's own field and older clients send).
     */
    private static OffsetDateTime china(LocalDateTime local) {
        return local == null ? null : local.atZone(ForcesDesk.CHINA_ZONE).toOffsetDateTime();
    }

    /**
     * The police grids a filter or form offers, by the list pages' reader rule ({@link Jurisdictions#readableGrids}):
     * the police, every grid of their units; one who serves grids (a grid coordinator reads the rosters), the grids he
     * serves, not every grid of the office his grids are placed at.
     */
    private List<Grid> grids(Caller caller) {
        return jurisdictions.readableGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE)
                .sorted(Comparator.comparing(Grid::code)).toList();
    }

    /** A number typed on a form; anything else is the field's problem, in the user's language. */
    private static BigDecimal decimal(String raw, String field, String key) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(raw.trim());
        } catch (NumberFormatException e) {
            throw Invalid.of(field, key);
        }
    }

    /**
     * A longitude or latitude typed, read as the API reads it (NaN, Infinity and 1e999 included), so the desk refuses
     * both fields at once with their ranges; what is no number at all is refused here naming the range.
     */
    private static Double coordinate(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw Invalid.of(field, "forces.post." + field + ".range");
        }
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }


    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
