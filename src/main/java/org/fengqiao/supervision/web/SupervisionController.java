package org.fengqiao.supervision.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.supervision.internal.Notice;
import org.fengqiao.supervision.internal.NoticeDesk;
import org.fengqiao.supervision.internal.NoticePdf;
import org.fengqiao.supervision.internal.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/supervision")
@Tag(name = "Supervision", description = "督导检查: supervision notices (督察通报), rectification, accountability")
class SupervisionController {

    static final int MAX_PAGE = 100;

    private final Notices notices;
    private final NoticeDesk desk;
    private final NoticePdf pdf;

    private final Clock clock;

    SupervisionController(Notices notices, NoticeDesk desk, NoticePdf pdf, Clock clock) {
        this.clock = clock;
        this.notices = notices;
        this.desk = desk;
        this.pdf = pdf;
    }

    record PageView<T>(List<T> items, long total, int page, int size) {
    }

    /** A notice with its timeline and what the caller may do with it now. */
    record NoticeView(Notices.View notice, List<Notices.StepView> steps, NoticeDesk.Allowed allowed) {
    }

    /** A notice as published to the bureau's police (通报): what was found where, not whom it names. */
    record Published(UUID id, String number, String unitName, Notice.Severity severity, String finding,
            LocalDate foundOn, LocalDate dueOn, Notice.State state, boolean overdue, OffsetDateTime issuedAt) {

        static Published of(Notices.View v) {
            return new Published(v.id(), v.number(), v.unitName(), v.severity(), v.finding(), v.foundOn(), v.dueOn(),
                    v.state(), v.overdue(), v.issuedAt());
        }
    }

    record Note(String note) {
    }

    @GetMapping("/notices")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    @Operation(summary = "The notices of the caller's scope, open ones first",
            description = "Filters: status (OPEN, OVERDUE, CLOSED), unitId (a unit and those under it; 404 outside "
                    + "the caller's scope), year; from, to (days, both included, China time) bounding what dated "
                    + "names: ISSUED (the default), RECTIFIED (accepted) or OVERDUE (gone overdue, rectified since "
                    + "or not), as the work figures count them; 400 for days after today or before 1900, reversed, or "
                    + "a year out of 1900–2099.")
    PageView<Notices.View> list(@RequestParam(required = false) Notices.Status status,
            @RequestParam(required = false) UUID unitId, @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Notices.Dated dated, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        Caller caller = Callers.require();
        Notices.Filter filter = SupervisionViews.filter(notices, status, unitId, year, dated, from, to,
                LocalDate.now(clock.withZone(PeriodFigures.ZONE)), caller);
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        Notices.Page found = notices.list(filter, caller.scopePatterns(), limit, Paging.offset(p, limit));
        return new PageView<>(found.items(), found.total(), p, limit);
    }

    @GetMapping("/accountability")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    @Operation(summary = "The persons held to account on the notices over days (追究责任人次), as the work figures count",
            description = "unitId: the notices to a unit and those under it (404 outside the caller's scope; default "
                    + "all of it); from/to: the days held to account, both included, China time (default this month "
                    + "to today; 400 reversed). total: all of them.")
    SupervisionViews.Held accountability(@RequestParam(required = false) UUID unitId,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        return SupervisionViews.held(notices, unitId, from, to, LocalDate.now(clock.withZone(PeriodFigures.ZONE)),
                Callers.require(), limit, Paging.offset(Math.max(1, page), limit));
    }

    @PostMapping("/notices")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    @Operation(summary = "Issue a notice to a unit of the caller's scope (inspector, bureau command)",
            description = "unitId: a station, central office or workstation; leaderId, officerId: its police (at "
                    + "least one); finding; foundOn; place; severity (GENERAL, SERIOUS, GRAVE); dueOn: the last day "
                    + "of rectification. Numbered 督通〔year〕n号 per bureau and year.")
    Notices.View issue(@RequestBody(required = false) NoticeDesk.IssueForm form) {
        return desk.issue(form == null ? new NoticeDesk.IssueForm(null, null, null, null, null, null, null, null)
                : form, Callers.require());
    }

    @GetMapping("/notices/{id}")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    @Operation(summary = "One notice with its timeline")
    NoticeView get(@PathVariable UUID id) {
        Caller caller = Callers.require();
        Notices.View v = desk.notice(id, caller);
        return new NoticeView(v, notices.steps(id), desk.allowed(v, caller));
    }

    @GetMapping("/notices/{id}/notice.pdf")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    @Operation(summary = "The notice as an A4 PDF, with its timeline")
    ResponseEntity<byte[]> print(@PathVariable UUID id, Locale locale) {
        return SupervisionViews.pdf(pdf.print(id, Callers.require(), locale));
    }

    @PostMapping("/notices/{id}/answer")
    @PreAuthorize("hasAuthority('SUPERVISION_ANSWER')")
    @Operation(summary = "The unit answers with its rectification: rectification, doneOn, evidence (optional)")
    Notices.View answer(@PathVariable UUID id, @RequestBody(required = false) NoticeDesk.AnswerForm form) {
        return desk.answer(id, form, Callers.require());
    }

    @PostMapping("/notices/{id}/accept")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    @Operation(summary = "The inspector accepts the rectification (整改完成), with an optional note")
    Notices.View accept(@PathVariable UUID id, @RequestBody(required = false) Note note) {
        return desk.accept(id, note == null ? null : note.note(), Callers.require());
    }

    @PostMapping("/notices/{id}/send-back")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    @Operation(summary = "The inspector sends the rectification back with a reason (note)")
    Notices.View sendBack(@PathVariable UUID id, @RequestBody(required = false) Note note) {
        return desk.sendBack(id, note == null ? null : note.note(), Callers.require());
    }

    @PostMapping("/notices/{id}/accountability")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    @Operation(summary = "Accountability (追究责任) on an overdue notice: targetId (its leader or officer), measure "
            + "(CRITICISM, ADMONITION, SELF_EXAMINATION, REMOVAL), reason")
    Notices.View accountability(@PathVariable UUID id,
            @RequestBody(required = false) NoticeDesk.AccountabilityForm form) {
        return desk.holdAccountable(id, form, Callers.require());
    }

    @GetMapping("/to-us")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    @Operation(summary = "The notices concerning the caller: naming him, or open ones of his units")
    List<Notices.View> toUs() {
        Caller caller = Callers.require();
        return notices.concerning(caller.staffId(), caller.scopePatterns(), MAX_PAGE);
    }

    @GetMapping("/published")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    @Operation(summary = "The notices published in the caller's bureau (通报), newest first, without names",
            description = "year: the notices of one year; 400 for a year out of 1900–2099.")
    PageView<Published> published(@RequestParam(required = false) Integer year,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        // a year out of range is refused as the published page and the notices' list refuse it: year 9999 listed
        // nothing, read as "nothing was published"
        Notices.Page found = notices.published(SupervisionViews.bureauPath(Callers.require()),
                SupervisionViews.year(year), limit, Paging.offset(p, limit));
        return new PageView<>(found.items().stream().map(Published::of).toList(), found.total(), p, limit);
    }

    @GetMapping("/units")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    @Operation(summary = "The units of the caller's scope a notice may be issued to")
    List<Notices.Target> units() {
        return notices.targets(Callers.require());
    }

    @GetMapping("/units/{id}/candidates")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    @Operation(summary = "Who may be named responsible in a notice to the unit: its police and its chiefs above")
    List<Notices.Candidate> candidates(@PathVariable UUID id) {
        Notices.Target unit = SupervisionViews.target(notices, id, Callers.require())
                .orElseThrow(() -> new NotFound("unit", id));
        return notices.candidates(unit.path());
    }
}
