package org.fengqiao.forces.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.forces.ContactWay;
import org.fengqiao.forces.MemberStatus;
import org.fengqiao.forces.TeamKind;
import org.fengqiao.forces.internal.Companies;
import org.fengqiao.forces.internal.Coverage;
import org.fengqiao.forces.internal.ForcesDesk;
import org.fengqiao.forces.internal.ForcesExport;
import org.fengqiao.forces.internal.InformantContacts;
import org.fengqiao.forces.internal.Members;
import org.fengqiao.forces.internal.Posts;
import org.fengqiao.forces.internal.Teams;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Paging;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/forces")
@Tag(name = "Community forces", description = "群防群治: teams, members, security companies, posts and shifts")
class ForcesController {

    static final int MAX_PAGE = 200;

    private final ForcesDesk desk;
    private final ForcesExport export;

    ForcesController(ForcesDesk desk, ForcesExport export) {
        this.desk = desk;
        this.export = export;
    }

    record Joining(UUID staffId, Boolean leader, LocalDate joinedOn) {
    }

    record Leaving(LocalDate leftOn) {
    }

    record TeamDetail(Teams.Team team, List<Teams.Membership> members) {
    }

    record MemberDetail(Members.Member member, List<Members.Training> trainings) {
    }

    record MemberPage(List<Members.Member> items, long total, int page, int size) {
    }

    record NewTraining(LocalDate heldOn, String topic, BigDecimal hours) {
    }

    record RevealRequest(String reason) {
    }

    record Revealed(String phone) {
    }

    record CompanyDetail(Companies.Company company, List<Members.Member> guards) {
    }

    record PostDetail(Posts.Post post, List<Posts.Shift> shifts) {
    }

    record NewShift(UUID postId, UUID staffId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    // ---------------------------------------------------------------- teams

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A new team of a kind in a unit (and optionally a grid) of the caller's scope")
    Teams.Team createTeam(@RequestBody ForcesDesk.NewTeam team) {
        return desk.createTeam(Callers.require(), team);
    }

    @GetMapping("/teams")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "The teams of the caller's scope", description = "Filters: kind, gridId, q (part of the name).")
    List<Teams.Team> teams(@RequestParam(required = false) TeamKind kind, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) String q) {
        return desk.teams(Callers.require(), kind, gridId, q);
    }

    @GetMapping("/teams/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "One team with its members, present and past; informants only for their handler and the station chief")
    TeamDetail team(@PathVariable UUID id) {
        var caller = Callers.require();
        return new TeamDetail(desk.team(caller, id), desk.teamMembers(caller, id));
    }

    @PostMapping("/teams/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A person joins the team from a day (default today); a person may be in several teams")
    Teams.Membership join(@PathVariable UUID id, @RequestBody Joining j) {
        return desk.join(Callers.require(), id, j.staffId(), Boolean.TRUE.equals(j.leader()), j.joinedOn());
    }

    @PostMapping("/teams/{id}/members/{staffId}/leave")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A person leaves the team on a day (default today); the term stays in the history")
    Teams.Membership leave(@PathVariable UUID id, @PathVariable UUID staffId, @RequestBody(required = false) Leaving l) {
        return desk.leave(Callers.require(), id, staffId, l == null ? null : l.leftOn());
    }

    // ---------------------------------------------------------------- members

    @GetMapping("/members")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "The members of the caller's scope, phones masked",
            description = "Filters: teamId, role, status, gridId, companyId, q (part of the name). Informants show only "
                    + "to their handler and the station chief.")
    MemberPage members(@RequestParam(required = false) UUID teamId, @RequestParam(required = false) String role,
            @RequestParam(required = false) MemberStatus status, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) UUID companyId, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        Members.Page found = desk.members(Callers.require(),
                new Members.Filter(teamId, blank(role), status, gridId, companyId, blank(q)), limit,
                Paging.offset(p, limit));
        return new MemberPage(found.items(), found.total(), p, limit);
    }

    @GetMapping("/defence-people")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "The community defence people (群防群治力量) of a unit over days, as the work figures count",
            description = "unitId: the teams of a unit and those under it (404 outside the caller's scope; default "
                    + "all of it); from/to: the days, both included (default this month to today; 400 reversed). "
                    + "Each person once who served in a team on any of the days; informants are left out. Phones "
                    + "masked; total: how many in all.")
    ForcesDesk.Defenders defenders(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        return desk.defenders(Callers.require(), unitId, from, to, limit, Paging.offset(Math.max(1, page), limit));
    }

    @GetMapping("/members/{staffId}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "One member's profile with trainings; the read is audited")
    MemberDetail member(@PathVariable UUID staffId) {
        var caller = Callers.require();
        return new MemberDetail(desk.member(caller, staffId), desk.trainings(caller, staffId));
    }

    @PutMapping("/members/{staffId}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "Write a member's profile: phone (kept encrypted; blank keeps the one on record), grid or zone, "
            + "skills, availability, status, an informant's handler, a guard's company and certificate")
    Members.Member saveProfile(@PathVariable UUID staffId, @RequestBody ForcesDesk.Profile profile) {
        return desk.saveProfile(Callers.require(), staffId, profile);
    }

    @PostMapping("/members/{staffId}/trainings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A training the member received: day, topic, hours")
    Members.Training addTraining(@PathVariable UUID staffId, @RequestBody NewTraining t) {
        return desk.addTraining(Callers.require(), staffId, t.heldOn(), t.topic(), t.hours());
    }

    record NewContact(LocalDate contactedOn, ContactWay way, String note) {
    }

    @GetMapping("/members/{staffId}/contacts")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "An informant's contacts with his handler, latest first (the last 50)",
            description = "404 for anyone the informant does not show to: only his handler and the station chief. "
                    + "The read is audited.")
    List<InformantContacts.Contact> contacts(@PathVariable UUID staffId) {
        return desk.readContacts(Callers.require(), staffId);
    }

    @PostMapping("/members/{staffId}/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "Record a contact with an informant: day, way (VISIT, MEETING, PHONE), what was said",
            description = "By his handler or one who manages the forces; one in person ticks the officer's weekly "
                    + "informant visit on the duty checklist.")
    InformantContacts.Contact addContact(@PathVariable UUID staffId, @RequestBody NewContact c) {
        return desk.addContact(Callers.require(), staffId, c.contactedOn(), c.way(), c.note());
    }

    @PostMapping("/members/{staffId}/reveal")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "The member's full phone, with a reason that is audited")
    Revealed reveal(@PathVariable UUID staffId, @RequestBody(required = false) RevealRequest r) {
        return new Revealed(desk.revealPhone(Callers.require(), staffId, r == null ? null : r.reason()));
    }

    // ---------------------------------------------------------------- companies

    @PostMapping("/companies")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A security company with its licence, contact (phone encrypted) and the joint-patrol zones it serves")
    Companies.Company createCompany(@RequestBody ForcesDesk.NewCompany company) {
        return desk.createCompany(Callers.require(), company);
    }

    @PutMapping("/companies/{id}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "Change a security company: name, licence and its validity, contact (a blank phone keeps the one "
            + "on record), address, zones; the unit stays")
    Companies.Company updateCompany(@PathVariable UUID id, @RequestBody ForcesDesk.NewCompany company) {
        return desk.updateCompany(Callers.require(), id, company);
    }

    @GetMapping("/companies")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "Security companies of the scope, soonest-expiring licence first",
            description = "Filters: zoneId, expiring=true (licence expires within 60 days or has), q.")
    List<Companies.Company> companies(@RequestParam(required = false) UUID zoneId,
            @RequestParam(defaultValue = "false") boolean expiring, @RequestParam(required = false) String q) {
        return desk.companies(Callers.require(), zoneId, expiring, q);
    }

    @GetMapping("/companies/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "One security company with its guards")
    CompanyDetail company(@PathVariable UUID id) {
        var caller = Callers.require();
        Companies.Company company = desk.company(caller, id);
        return new CompanyDetail(company, desk.members(caller,
                new Members.Filter(null, "SECURITY_GUARD", null, null, id, null), MAX_PAGE * 5, 0).items());
    }

    @GetMapping("/zones")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "The joint-patrol zones (联勤联防区) of the caller's scope")
    List<Companies.Zone> zones() {
        return desk.zones(Callers.require());
    }

    @GetMapping("/coverage")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "Whether the joint-patrol zones are covered around the clock on a day (全时段联勤)",
            description = "day (China date, default today), zoneId (one zone of the scope, else all): per zone the "
                    + "shifts at its posts that day (closedUnchecked: those the system closed without a check-out, "
                    + "counted apart), the shifts running now that nobody checked in to (unattended: not covering "
                    + "the time since their start), the minutes covered and the gaps no shift covers; 404 for a zone "
                    + "outside the scope.")
    List<Coverage.Zone> coverage(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam(required = false) UUID zoneId) {
        return desk.coverage(Callers.require(), day, zoneId);
    }

    // ---------------------------------------------------------------- posts and shifts

    @PostMapping("/posts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A fixed post in a grid, with a place and optional lon/lat")
    Posts.Post createPost(@RequestBody ForcesDesk.NewPost post) {
        return desk.createPost(Callers.require(), post);
    }

    @PutMapping("/posts/{id}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "Change a fixed post: grid, name, place, lon/lat")
    Posts.Post updatePost(@PathVariable UUID id, @RequestBody ForcesDesk.NewPost post) {
        return desk.updatePost(Callers.require(), id, post);
    }

    @GetMapping("/posts")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "Fixed posts of the scope", description = "Filters: gridId, q. Listed by grid, then by name "
            + "with its numbers as numbers (2号岗, 10号岗, 十二号岗).")
    List<Posts.Post> posts(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) String q) {
        return desk.posts(Callers.require(), gridId, q);
    }

    @GetMapping("/posts/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "One post with its shifts of the last 7 and next 30 days")
    PostDetail post(@PathVariable UUID id) {
        var caller = Callers.require();
        Posts.Post post = desk.post(caller, id);
        return new PostDetail(post, desk.shifts(caller,
                new Posts.ShiftFilter(id, null, desk.now().minusDays(7), desk.now().plusDays(30)), 500));
    }

    @PostMapping("/shifts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "A shift of a member at a post, at most 24 hours, not overlapping his other shifts")
    Posts.Shift createShift(@RequestBody NewShift s) {
        return desk.createShift(Callers.require(), s.postId(), s.staffId(), s.startsAt(), s.endsAt());
    }

    record ShiftChange(UUID postId, OffsetDateTime startsAt, OffsetDateTime endsAt) {
    }

    @PutMapping("/shifts/{id}")
    @PreAuthorize("hasAuthority('FORCES_MANAGE')")
    @Operation(summary = "Move a shift to another time or post, until the member checks in")
    Posts.Shift updateShift(@PathVariable UUID id, @RequestBody ShiftChange s) {
        return desk.updateShift(Callers.require(), id, s.postId(), s.startsAt(), s.endsAt());
    }

    @GetMapping("/shifts")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "Shifts of the scope", description = "Filters: postId, staffId, from, to (overlapping [from, to)).")
    List<Posts.Shift> shifts(@RequestParam(required = false) UUID postId, @RequestParam(required = false) UUID staffId,
            @RequestParam(required = false) OffsetDateTime from, @RequestParam(required = false) OffsetDateTime to) {
        return desk.shifts(Callers.require(), new Posts.ShiftFilter(postId, staffId, from, to), 1000);
    }

    @GetMapping("/shifts/{id}")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "One shift")
    Posts.Shift shift(@PathVariable UUID id) {
        return desk.shift(Callers.require(), id);
    }

    @PostMapping("/shifts/{id}/check-in")
    @Operation(summary = "The member checks in to his own shift (from an hour before its start until its end)")
    Posts.Shift checkIn(@PathVariable UUID id) {
        return desk.checkIn(Callers.require(), id);
    }

    @PostMapping("/shifts/{id}/check-out")
    @Operation(summary = "The member checks out; the checked-in time counts as patrol hours (ShiftCompleted)")
    Posts.Shift checkOut(@PathVariable UUID id) {
        return desk.checkOut(Callers.require(), id);
    }

    @GetMapping("/me")
    @Operation(summary = "The caller's own teams and shifts")
    Mine mine() {
        var caller = Callers.require();
        return new Mine(desk.myTeams(caller), desk.myShifts(caller));
    }

    record Mine(List<Teams.Membership> teams, List<Posts.Shift> shifts) {
    }

    // ---------------------------------------------------------------- export

    @GetMapping("/export.xlsx")
    @PreAuthorize("hasAuthority('FORCES_READ')")
    @Operation(summary = "The rosters of the scope as an xlsx workbook (teams, members, companies, posts, shifts)")
    void export(Locale locale, HttpServletResponse response) throws IOException {
        // written on the request thread, not as an async StreamingResponseBody: the token-authenticated async
        // dispatch would be checked again without a security context; headed once every list is read, so that a
        // failure while reading answers as a problem, not as a download
        export.write(Callers.require(), locale, () -> {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            // named in the reader's language as its sheets are: a Chinese reader saved an English name
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(export.fileName(locale) + ".xlsx", StandardCharsets.UTF_8).build().toString());
            return response.getOutputStream();
        });
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
