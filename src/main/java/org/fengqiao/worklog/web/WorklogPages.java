package org.fengqiao.worklog.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.platform.web.PeriodLists;
import org.fengqiao.worklog.internal.Drafts;
import org.fengqiao.worklog.internal.WorklogDesk;
import org.fengqiao.worklog.internal.WorklogKind;
import org.fengqiao.worklog.internal.Worklogs;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The work log pages: one's own log with the form of a new entry (an analysis or summary prefilled with the period's
 * figures on asking), one entry with its history, remarks, sharing and the column's comments and likes, the
 * supervisor's review (the submitted analyses and summaries, and who has not submitted), and the bureau's diary column.
 * Plain forms that post and redirect, so they work on a phone without scripts.
 */
@Controller
@FieldLabels("worklog.field.")
class WorklogPages {

    static final int PAGE_SIZE = 20;

    private final Worklogs worklogs;
    private final WorklogDesk desk;
    private final Drafts drafts;
    private final Jurisdictions jurisdictions;
    private final WorklogController api;
    private final MessageSource messages;
    private final FormAnswers answers;

    WorklogPages(Worklogs worklogs, WorklogDesk desk, Drafts drafts, Jurisdictions jurisdictions,
            WorklogController api, MessageSource messages, FormAnswers answers) {
        this.worklogs = worklogs;
        this.desk = desk;
        this.drafts = drafts;
        this.jurisdictions = jurisdictions;
        this.api = api;
        this.messages = messages;
        this.answers = answers;
    }

    private static long pages(long total) {
        return Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    /**
     * Puts a page of entries on the model (the entries, their total, the page and the count of pages); answers the
     * redirect to the last page when the page asked lies past it, or null.
     */
    private static String listed(Worklogs.Page found, int p, Model model) {
        String pastTheEnd = Paging.lastPageIfPast(p, pages(found.total())).orElse(null);
        model.addAttribute("entries", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("page", p);
        model.addAttribute("pages", pages(found.total()));
        return pastTheEnd;
    }

    /** The units an author writes about: his jurisdiction's, work points aside (a point's figures are its grid's). */
    private List<Unit> units(Caller caller) {
        return jurisdictions.visibleOffices(caller);
    }

    @GetMapping("/worklog")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    String mine(@RequestParam(required = false) WorklogKind kind, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String prefill, @RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) UUID unitId, HttpServletRequest request, Locale locale, Model model) {
        if (prefill != null && (request.getParameter("_csrf") != null || request.getParameter("body") != null)) {
            // the prefill button sends the whole new-entry form by GET: its security token and what he had typed would
            // stay in the address bar and the history, so the page answers from the address of the period alone
            return "redirect:" + UriComponentsBuilder.fromPath("/worklog").queryParam("prefill", "1")
                    .queryParamIfPresent("kind", Optional.ofNullable(kind))
                    .queryParamIfPresent("day", Optional.ofNullable(day))
                    .queryParamIfPresent("unitId", Optional.ofNullable(unitId)).build().toUriString();
        }
        Caller caller = Callers.require();
        // the new entry's form asks for its draft with its own fields: its kind is the draft's, not the list's filter
        WorklogKind draftKind = prefill != null ? kind : null;
        if (prefill != null) {
            kind = null;
        }
        int p = Math.max(1, page);
        Worklogs.Page found = worklogs.mine(caller.staffId(), kind, PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        String pastTheEnd = listed(found, p, model);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        List<Unit> units = units(caller);
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", WorklogKind.values());
        model.addAttribute("units", units);
        model.addAttribute("today", desk.today());
        model.addAttribute("titleMax", WorklogDesk.TITLE_MAX);
        model.addAttribute("bodyMax", WorklogDesk.BODY_MAX);
        // the unit his own staff record sits in comes first in his scope: the default of the form
        UUID defaultUnit = unitId != null ? unitId : units.isEmpty() ? null : units.get(0).id().value();
        model.addAttribute("draftKind", draftKind == null ? WorklogKind.DAILY : draftKind);
        model.addAttribute("draftDay", day == null ? desk.today() : day);
        model.addAttribute("draftUnit", defaultUnit);
        if (draftKind != null && defaultUnit != null) {
            try {
                model.addAttribute("draft", drafts.draft(draftKind, day, defaultUnit, desk.today(), caller, locale));
            } catch (Invalid e) {
                model.addAttribute("problems", e.texts(messages, locale));
            } catch (NotFound e) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        }
        return "worklog/mine";
    }

    @PostMapping("/worklog")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    String create(@RequestParam(required = false) WorklogKind kind, @RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) UUID unitId, @RequestParam(required = false) String title,
            @RequestParam(required = false) String body, Locale locale, RedirectAttributes redirect) {
        AtomicReference<UUID> created = new AtomicReference<>();
        String back = answers.redirect("/worklog", "worklog.notice.saved", locale, redirect, naming(redirect,
                () -> created.set(desk.create(new WorklogDesk.Form(kind, day, unitId, title, body, null),
                        Callers.require()).id())));
        return created.get() == null ? back : "redirect:/worklog/" + created.get();
    }

    /** The change, refused for a period already written with the entry written named for the page to link to. */
    private static Runnable naming(RedirectAttributes redirect, Runnable change) {
        return () -> {
            try {
                change.run();
            } catch (WorklogDesk.PeriodTaken e) {
                redirect.addFlashAttribute("takenEntry", e.entryId());
                throw e;
            }
        };
    }

    @GetMapping("/worklog/{id}")
    @PreAuthorize(WorklogController.READS)
    String entry(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Worklogs.Entry e;
        try {
            e = desk.entry(id, caller);
        } catch (NotFound x) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("view", api.view(e, caller));
        model.addAttribute("e", e);
        if (e.authorId().equals(caller.staffId())) {
            model.addAttribute("units", units(caller));
            model.addAttribute("today", desk.today());
            model.addAttribute("titleMax", WorklogDesk.TITLE_MAX);
            model.addAttribute("bodyMax", WorklogDesk.BODY_MAX);
        }
        return "worklog/entry";
    }

    @PostMapping("/worklog/{id}")
    @PreAuthorize("hasAuthority('WORKLOG_WRITE')")
    String edit(@PathVariable UUID id, @RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) UUID unitId, @RequestParam(required = false) String title,
            @RequestParam(required = false) String body, @RequestParam(required = false) Long version,
            Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/worklog/" + id, "worklog.notice.saved", locale, redirect, naming(redirect,
                () -> desk.edit(id, new WorklogDesk.Form(null, day, unitId, title, body, version), Callers.require())));
    }

    @PostMapping("/worklog/{id}/{action:share|unshare|like|unlike}")
    @PreAuthorize(WorklogController.READS)
    String act(@PathVariable UUID id, @PathVariable String action, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        return answers.redirect("/worklog/" + id, "worklog.notice." + action, locale, redirect, () -> {
            switch (action) {
                case "share" -> desk.share(id, true, caller);
                case "unshare" -> desk.share(id, false, caller);
                case "like" -> desk.like(id, true, caller);
                default -> desk.like(id, false, caller);
            }
        });
    }

    @PostMapping("/worklog/{id}/remarks")
    @PreAuthorize("hasAuthority('WORKLOG_REVIEW')")
    String remark(@PathVariable UUID id, @RequestParam(required = false) String text,
            @RequestParam(required = false) Long version, Locale locale, RedirectAttributes redirect) {
        return answers.redirect("/worklog/" + id, "worklog.notice.remarked", locale, redirect,
                () -> desk.remark(id, text, version, Callers.require()));
    }

    @PostMapping("/worklog/{id}/comments")
    @PreAuthorize("hasAuthority('WORKLOG_COLUMN')")
    String comment(@PathVariable UUID id, @RequestParam(required = false) String text, Locale locale,
            RedirectAttributes redirect) {
        return answers.redirect("/worklog/" + id, "worklog.notice.commented", locale, redirect,
                () -> desk.comment(id, text, Callers.require()));
    }

    @GetMapping("/worklog/review")
    @PreAuthorize("hasAuthority('WORKLOG_REVIEW')")
    String review(@RequestParam(required = false) WorklogKind kind,
            @RequestParam(name = "day", required = false) String typed,
            @RequestParam(defaultValue = "1") int page, Locale locale, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        Caller caller = Callers.require();
        int p = Math.max(1, page);
        LocalDate day;
        try {
            // text that is no day, or a day out of 1900-2099 (the year 1, 99999), is said above the review as the
            // other lists say it, the form keeping what was typed, instead of the error page that lost the form; the
            // review of all days is shown under it, as for no day at all
            day = PeriodFigures.Period.held("day", typedDay(typed));
        } catch (Invalid e) {
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            model.addAttribute("typedDay", typed);
            day = null;
        }
        LocalDate d = day == null ? desk.today() : day;
        Map<WorklogKind, LocalDate> periods = WorklogController.periods(day, desk.today());
        Worklogs.Page found = worklogs.ofScope(caller.scopePatterns(), caller.staffId(), kind, periods, PAGE_SIZE,
                Paging.offset(p, PAGE_SIZE));
        String pastTheEnd = listed(found, p, model);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", WorklogKind.values());
        model.addAttribute("day", d);
        model.addAttribute("dayChosen", day);
        // 有总结 is monthly and quarterly: who owes the last closed quarter's summary is shown beside the week's and
        // the month's
        model.addAttribute("missing", List.of(missing(caller, WorklogKind.WEEKLY_ANALYSIS, d),
                missing(caller, WorklogKind.MONTHLY_SUMMARY, d), missing(caller, WorklogKind.QUARTERLY_SUMMARY, d)));
        return "worklog/review";
    }

    /** The longest part of text typed for a day repeated in its refusal. */
    private static final int SHOWN = 40;

    /** The day typed, null for none; text that is no day is refused naming it (cut short), as typed. */
    private static LocalDate typedDay(String typed) {
        try {
            return PeriodLists.day("day", typed);
        } catch (Invalid e) {
            String shown = typed.strip();
            throw Invalid.of("day", "error.field.dateTyped",
                    shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown);
        }
    }

    private WorklogController.Missing missing(Caller caller, WorklogKind kind, LocalDate day) {
        LocalDate first = kind.lastDue(day, desk.today());
        return new WorklogController.Missing(kind, first, kind.end(first),
                desk.missing(caller, kind, first));
    }

    @GetMapping("/worklog/column")
    @PreAuthorize("hasAuthority('WORKLOG_COLUMN')")
    String column(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page, Model model) {
        Caller caller = Callers.require();
        String bureau = desk.bureau(caller);
        int p = Math.max(1, page);
        Worklogs.Page found;
        try {
            found = bureau == null ? new Worklogs.Page(List.of(), 0)
                    : worklogs.column(bureau, api.unitPath(bureau, unitId), q, PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String pastTheEnd = listed(found, p, model);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("unitId", unitId);
        model.addAttribute("q", q);
        model.addAttribute("units", bureau == null ? List.of() : worklogs.columnUnits(bureau));
        return "worklog/column";
    }
}
