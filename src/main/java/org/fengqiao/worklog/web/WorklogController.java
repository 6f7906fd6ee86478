package org.fengqiao.worklog.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.worklog.internal.Drafts;
import org.fengqiao.worklog.internal.WorklogDesk;
import org.fengqiao.worklog.internal.WorklogKind;
import org.fengqiao.worklog.internal.Worklogs;
import java.net.URI;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
@RequestMapping("/api/v1/worklog")
@Tag(name = "Work log", description = "四有: 日志、分析、督导、总结, and the bureau's diary column (日记专栏)")
class WorklogController {

    static final int MAX_PAGE = 100;
    static final String READS = "hasAnyAuthority('WORKLOG_WRITE','WORKLOG_REVIEW','WORKLOG_COLUMN')";

    private final Worklogs worklogs;
    private final WorklogDesk desk;
    private final Drafts drafts;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;

    WorklogController(Worklogs worklogs, WorklogDesk desk, Drafts drafts, Jurisdictions jurisdictions,
            MessageSource messages) {
        this.messages = messages;
        this.worklogs = worklogs;
        this.desk = desk;
        this.drafts = drafts;
        this.jurisdictions = jurisdictions;
    }

    record PageView(List<Worklogs.Entry> items, long total, int page, int size) {
    }

    /** One entry with what the caller may read of it and do to it. */
    record EntryView(Worklogs.Entry entry, List<Worklogs.Revision> history, List<Worklogs.Remark> remarks,
            List<Worklogs.Comment> comments, boolean mine, boolean mayRemark, boolean inColumn, boolean liked) {
    }

    record Text(String text) {
    }

    /** A review remark: its text, and the version of the entry the reviewer read (optional: else the current). */
    record RemarkForm(String text, Long version) {
    }

    record Missing(WorklogKind kind, LocalDate first, LocalDate last, List<Worklogs.Missing> staff) {
    }

    /**
     * The period's entry already written: a conflict as any other, naming that entry ({@code entryId}, {@code entry}).
     */
    @ExceptionHandler(WorklogDesk.PeriodTaken.class)
    ResponseEntity<ProblemDetail> taken(WorklogDesk.PeriodTaken e, Locale locale) {
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.CONFLICT);
        pd.setType(URI.create("https://fengqiao.org/problems/conflict"));
        pd.setTitle(messages.getMessage("error.conflict", null, locale));
        pd.setDetail(messages.getMessage(e.key(), e.args(), locale));
        pd.setProperty("entryId", e.entryId());
        pd.setProperty("entry", "/api/v1/worklog/entries/" + e.entryId());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(pd);
    }

    EntryView view(Worklogs.Entry e, Caller caller) {
        boolean mine = e.authorId().equals(caller.staffId());
        boolean supervises = desk.reviews(e, caller);
        boolean column = desk.inColumn(e, caller);
        return new EntryView(e, mine || supervises ? worklogs.history(e.id()) : List.of(),
                mine || supervises ? worklogs.remarks(e.id()) : List.of(),
                column || mine ? worklogs.comments(e.id()) : List.of(), mine, supervises, column,
                column && worklogs.likedBy(e.id(), caller.staffId()));
    }

    private static int limit(int size) {
        return Math.max(1, Math.min(size, MAX_PAGE));
    }

    /** A page of a list: {@code read} answers the rows at a limit and an offset. */
    private static PageView paged(int page, int size,
            java.util.function.BiFunction<Integer, Integer, Worklogs.Page> read) {
        int limit = limit(size);
        int p = Math.max(1, page);
        Worklogs.Page found = read.apply(limit, Paging.offset(p, limit));
        return new PageView(found.items(), found.total(), p, limit);
    }

    @GetMapping("/entries")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    @Operation(summary = "The caller's own entries, the latest period first",
            description = "kind: DAILY, WEEKLY_ANALYSIS, MONTHLY_SUMMARY, QUARTERLY_SUMMARY (default all).")
    PageView mine(@RequestParam(required = false) WorklogKind kind, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        UUID me = Callers.require().staffId();
        return paged(page, size, (limit, offset) -> worklogs.mine(me, kind, limit, offset));
    }

    @PostMapping("/entries")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    @Operation(summary = "Write an entry: kind, day (of the period), unitId (of his jurisdiction), title, body",
            description = "An analysis or summary is one per author and period (409 for a second: edit the first).")
    Worklogs.Entry create(@RequestBody(required = false) WorklogDesk.Form form) {
        return desk.create(form, Callers.require());
    }

    @GetMapping("/draft")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    @Operation(summary = "An entry prefilled with the period's work figures of the unit, to edit before submitting",
            description = "Nothing is saved. day: a day of the period (default today).")
    Drafts.Draft draft(@RequestParam(required = false) WorklogKind kind, @RequestParam(required = false) LocalDate day,
            @RequestParam UUID unitId, Locale locale) {
        return drafts.draft(kind, day, unitId, desk.today(), Callers.require(), locale);
    }

    @GetMapping("/entries/{id}")
    @PreAuthorize(READS)
    @Operation(summary = "One entry: its history of versions, remarks and comments as far as the caller may read them")
    EntryView get(@PathVariable UUID id) {
        Caller caller = Callers.require();
        return view(desk.entry(id, caller), caller);
    }

    @PutMapping("/entries/{id}")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    @Operation(summary = "The author edits his entry from the version he read (409 when it changed meanwhile)",
            description = "day, unitId, title, body, version; the version replaced is kept in the history.")
    Worklogs.Entry edit(@PathVariable UUID id, @RequestBody(required = false) WorklogDesk.Form form) {
        return desk.edit(id, form, Callers.require());
    }

    @PostMapping("/entries/{id}/share")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    @Operation(summary = "The author shares his entry to the bureau's column",
            description = "Refused (400) while its title or text holds an identity or mobile number.")
    Worklogs.Entry share(@PathVariable UUID id) {
        return desk.share(id, true, Callers.require());
    }

    @DeleteMapping("/entries/{id}/share")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    @Operation(summary = "The author withdraws his entry from the column")
    Worklogs.Entry unshare(@PathVariable UUID id) {
        return desk.share(id, false, Callers.require());
    }

    @PostMapping("/entries/{id}/remarks")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('WORKLOG_REVIEW')")
    @Operation(summary = "A supervisor's review remark (督导意见) on an entry of his scope: its author is notified",
            description = "text; version: the entry's version the reviewer read (409 when the author changed it "
                    + "since: nothing saved; default the current one). The remark keeps it as entryVersion; the "
                    + "entry's reviewedVersion is the latest reviewed.")
    Worklogs.Remark remark(@PathVariable UUID id, @RequestBody(required = false) RemarkForm form) {
        return desk.remark(id, form == null ? null : form.text(), form == null ? null : form.version(),
                Callers.require());
    }

    @GetMapping("/review")
    @PreAuthorize("hasAuthority('WORKLOG_REVIEW')")
    @Operation(summary = "The entries of others in the caller's scope, the latest period first",
            description = "kind: default the analyses and summaries; DAILY for the diaries. day: as the review page's "
                    + "filter, only the entries of the periods /missing shows for that day (the day's diaries, the "
                    + "last due week's analysis, month's and quarter's summaries); default all. 400 naming the field "
                    + "for a day that is no date or out of 1900-2099.")
    PageView review(@RequestParam(required = false) WorklogKind kind, @RequestParam(required = false) LocalDate day,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        Caller caller = Callers.require();
        Map<WorklogKind, LocalDate> periods = periods(day, desk.today());
        return paged(page, size, (limit, offset) -> worklogs.ofScope(caller.scopePatterns(), caller.staffId(), kind,
                periods, limit, offset));
    }

    /**
     * The first day of each kind's period a day chosen lists (the day's diaries, the week's analysis, the month's and
     * the quarter's summaries shown as due for it, beside who has not submitted them); null for none chosen: all.
     */
    static Map<WorklogKind, LocalDate> periods(LocalDate day, LocalDate today) {
        if (day == null) {
            return null;
        }
        // the year 1 or 9999 is a mistyped year, which listed no entries as if none were written
        PeriodFigures.Period.held("day", day);
        Map<WorklogKind, LocalDate> periods = new EnumMap<>(WorklogKind.class);
        for (WorklogKind k : WorklogKind.values()) {
            periods.put(k, k.periodic() ? k.lastDue(day, today) : day);
        }
        return periods;
    }

    @GetMapping("/missing")
    @PreAuthorize("hasAuthority('WORKLOG_REVIEW')")
    @Operation(summary = "The community officers of the caller's scope without the period's analysis or summary",
            description = "kind: WEEKLY_ANALYSIS (default), MONTHLY_SUMMARY, QUARTERLY_SUMMARY; day: of the period "
                    + "(default today); a period not yet over gives the latest one that is. Only those on duty by "
                    + "the period's first day owed it (an officer who came after it began is not listed).")
    Missing missing(@RequestParam(defaultValue = "WEEKLY_ANALYSIS") WorklogKind kind,
            @RequestParam(required = false) LocalDate day) {
        Caller caller = Callers.require();
        WorklogKind k = kind.periodic() ? kind : WorklogKind.WEEKLY_ANALYSIS;
        LocalDate today = desk.today();
        LocalDate first = k.lastDue(day == null ? today : day, today);
        return new Missing(k, first, k.end(first), desk.missing(caller, k, first));
    }

    @GetMapping("/column")
    @PreAuthorize("hasAuthority('WORKLOG_COLUMN')")
    @Operation(summary = "The bureau's diary column: shared entries, newest first",
            description = "unitId: only entries about that unit's subtree (of the bureau); q: words in the title, "
                    + "the text or the author's name.")
    PageView column(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        String bureau = desk.bureau(Callers.require());
        String unit = bureau == null ? null : unitPath(bureau, unitId);
        return paged(page, size, (limit, offset) -> bureau == null ? new Worklogs.Page(List.of(), 0)
                : worklogs.column(bureau, unit, q, limit, offset));
    }

    /** The path of a unit of the bureau to filter the column by; 404 for a unit of another bureau. */
    String unitPath(String bureau, UUID unitId) {
        if (unitId == null) {
            return null;
        }
        return jurisdictions.unit(new UnitId(unitId)).map(Unit::path).filter(p -> p.startsWith(bureau))
                .orElseThrow(() -> new NotFound("unit", unitId));
    }

    @PostMapping("/column/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('WORKLOG_COLUMN')")
    @Operation(summary = "Comment on a shared entry of the caller's bureau",
            description = "Refused (400) when the text holds an identity or mobile number.")
    Worklogs.Comment comment(@PathVariable UUID id, @RequestBody(required = false) Text text) {
        return desk.comment(id, text == null ? null : text.text(), Callers.require());
    }

    @PostMapping("/column/{id}/like")
    @PreAuthorize("hasAuthority('WORKLOG_COLUMN')")
    @Operation(summary = "Like (赞) a shared entry: once per person, a second like changes nothing")
    Worklogs.Entry like(@PathVariable UUID id) {
        return desk.like(id, true, Callers.require());
    }

    @DeleteMapping("/column/{id}/like")
    @PreAuthorize("hasAuthority('WORKLOG_COLUMN')")
    @Operation(summary = "Take one's like back")
    Worklogs.Entry unlike(@PathVariable UUID id) {
        return desk.like(id, false, Callers.require());
    }
}
