package org.fengqiao.supervision.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.PeriodLists;
import org.fengqiao.platform.web.PeriodLists.Filters;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.supervision.internal.Notice;
import org.fengqiao.supervision.internal.NoticeDesk;
import org.fengqiao.supervision.internal.NoticePdf;
import org.fengqiao.supervision.internal.Notices;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervision pages: the notices of the caller's scope (open, overdue, closed; by unit and year), the issue form,
 * one notice with its timeline and the forms of its next steps, the notices to the caller's unit, and the bureau's
 * published list (通报). Plain forms that post and redirect.
 */
@Controller
@FieldLabels("supervision.field.")
class SupervisionPages {

    static final int PAGE_SIZE = 30;

    private final Notices notices;
    private final NoticeDesk desk;
    private final FormAnswers answers;
    private final NoticePdf pdf;

    private final Clock clock;

    private final PeriodLists lists;

    SupervisionPages(Notices notices, NoticeDesk desk, FormAnswers answers, NoticePdf pdf, Clock clock,
            PeriodLists lists) {
        this.clock = clock;
        this.lists = lists;
        this.notices = notices;
        this.desk = desk;
        this.answers = answers;
        this.pdf = pdf;
    }

    @GetMapping("/supervision")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    String list(@RequestParam(required = false) Notices.Status status, @RequestParam(required = false) UUID unit,
            @RequestParam(required = false) String year, @RequestParam(required = false) Notices.Dated dated,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "1") int page, Model model, Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        model.addAttribute("status", status);
        model.addAttribute("unitId", unit);
        model.addAttribute("dated", dated);
        model.addAttribute("statuses", Notices.Status.values());
        model.addAttribute("dateds", Notices.Dated.values());
        List<Notices.Target> units = new ArrayList<>(notices.targets(caller));
        // a unit no notice is issued to (a work point) the figures may still name: kept in the form, so it is seen
        if (unit != null && units.stream().noneMatch(t -> t.id().equals(unit))) {
            notices.unitIn(unit, caller.scopePatterns()).ifPresent(units::add);
        }
        model.addAttribute("units", units);
        model.addAttribute("years", notices.years(caller.scopePatterns()));
        // the notices issued, rectified or gone overdue over days in a unit: where the work figures link to
        Notices.Filter filter;
        try {
            filter = SupervisionViews.filter(notices, status, unit, SupervisionViews.year(year), dated,
                    PeriodLists.day("from", from), PeriodLists.day("to", to), desk.today(), caller);
        } catch (Invalid e) {
            // said above the form, which keeps what was sent, in the reader's language (not the error page that
            // lost the form), with no notice listed under filters he did not ask for
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            model.addAttribute("year", year);
            model.addAttribute("from", from);
            model.addAttribute("to", to);
            shown(new Notices.Page(List.of(), 0), 1, model);
            return "supervision/list";
        }
        int p = Math.max(1, page);
        Notices.Page found = notices.list(filter, caller.scopePatterns(), PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        String pastTheEnd = shown(found, p, model);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("year", filter.year());
        model.addAttribute("from", filter.from());
        model.addAttribute("to", filter.to());
        return "supervision/list";
    }

    /** The persons held to account that the work figures' accountability counts, which links here. */
    @GetMapping("/supervision/accountability")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    String accountability(@RequestParam(required = false) UUID unit, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1") int page, Model model,
            Locale locale, HttpServletResponse response) {
        Caller caller = Callers.require();
        List<Notices.Target> units = new ArrayList<>(notices.targets(caller));
        model.addAttribute("units", units);
        // refused on the page, the form keeping what was typed to be put right: days the figures page refuses
        // too, and text that is no day
        return lists.page("supervision/accountability", "held", page, PAGE_SIZE,
                Filters.typed(unit, from, to), (limit, offset) -> {
                    SupervisionViews.Held held = SupervisionViews.held(notices, unit, PeriodLists.day("from", from),
                            PeriodLists.day("to", to), LocalDate.now(clock.withZone(PeriodFigures.ZONE)), caller,
                            limit, offset);
                    // a unit of his scope no longer a target of notices is still the one listed
                    if (held.unit() != null && units.stream().noneMatch(t -> t.id().equals(unit))) {
                        units.add(held.unit());
                    }
                    return held;
                }, SupervisionViews.Held::total,
                h -> Filters.of(h.unit() == null ? null : h.unit().id(), h.from(), h.to()), model, locale, response);
    }

    @GetMapping("/supervision/new")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    String issueForm(@RequestParam(required = false) UUID unitId, Model model) {
        Caller caller = Callers.require();
        model.addAttribute("units", notices.targets(caller));
        Notices.Target unit = unitId == null ? null : SupervisionViews.target(notices, unitId, caller)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("unit", unit);
        model.addAttribute("candidates", unit == null ? List.of() : notices.candidates(unit.path()));
        model.addAttribute("severities", Notice.Severity.values());
        LocalDate today = desk.today();
        model.addAttribute("today", today);
        model.addAttribute("earliestFound", NoticeDesk.earliestFound(today));
        model.addAttribute("suggestedDue", today.plusDays(15));
        return "supervision/new";
    }

    @PostMapping("/supervision")
    @PreAuthorize("hasAuthority('SUPERVISION_ISSUE')")
    String issue(@RequestParam(required = false) UUID unitId, @RequestParam(required = false) UUID leaderId,
            @RequestParam(required = false) UUID officerId, @RequestParam(required = false) String finding,
            @RequestParam(required = false) LocalDate foundOn, @RequestParam(required = false) String place,
            @RequestParam(required = false) Notice.Severity severity, @RequestParam(required = false) LocalDate dueOn,
            Locale locale, RedirectAttributes redirect) {
        String back = "redirect:/supervision/new" + (unitId == null ? "" : "?unitId=" + unitId);
        try {
            Notices.View v = desk.issue(new NoticeDesk.IssueForm(unitId, leaderId, officerId, finding, foundOn,
                    place, severity, dueOn), Callers.require());
            return answers.redirect("/supervision/" + v.id(), "supervision.done.issue", locale, redirect, () -> {
            });
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return back;
        }
    }

    @GetMapping("/supervision/{id}")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    String notice(@PathVariable UUID id, Model model) {
        Caller caller = Callers.require();
        Notices.View v;
        try {
            v = desk.notice(id, caller);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("shown", v);
        model.addAttribute("steps", notices.steps(id));
        model.addAttribute("allowed", desk.allowed(v, caller));
        model.addAttribute("held", notices.heldToAccount(id));
        model.addAttribute("today", desk.today());
        model.addAttribute("measures", Notice.Measure.values());
        return "supervision/notice";
    }

    @GetMapping("/supervision/{id}/notice.pdf")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    ResponseEntity<byte[]> print(@PathVariable UUID id, Locale locale) {
        try {
            return SupervisionViews.pdf(pdf.print(id, Callers.require(), locale));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @PostMapping("/supervision/{id}/{action}")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    String act(@PathVariable UUID id, @PathVariable String action,
            @RequestParam(required = false) String rectification, @RequestParam(required = false) LocalDate doneOn,
            @RequestParam(required = false) String evidence, @RequestParam(required = false) String note,
            @RequestParam(required = false) UUID targetId, @RequestParam(required = false) Notice.Measure measure,
            @RequestParam(required = false) String reason, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        return answers.redirect("/supervision/" + id, "supervision.done." + action, locale, redirect, () -> {
            switch (action) {
                case "answer" -> desk.answer(id, new NoticeDesk.AnswerForm(rectification, doneOn, evidence), caller);
                case "accept" -> desk.accept(id, note, caller);
                case "send-back" -> desk.sendBack(id, note, caller);
                case "accountability" -> desk.holdAccountable(id,
                        new NoticeDesk.AccountabilityForm(targetId, measure, reason), caller);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        });
    }

    @GetMapping("/supervision/to-us")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    String toUs(Model model) {
        Caller caller = Callers.require();
        model.addAttribute("notices", notices.concerning(caller.staffId(), caller.scopePatterns(), 100));
        model.addAttribute("me", caller.staffId());
        // the counts the start page's tile gives, said where it leads
        model.addAttribute("openCount", SupervisionStartPage.openCount(notices, Notices.Status.OPEN, caller));
        model.addAttribute("overdueCount", SupervisionStartPage.openCount(notices, Notices.Status.OVERDUE, caller));
        return "supervision/to-us";
    }

    @GetMapping("/supervision/published")
    @PreAuthorize("hasAuthority('SUPERVISION_READ')")
    String published(@RequestParam(required = false) String year, @RequestParam(defaultValue = "1") int page,
            Model model, Locale locale, HttpServletResponse response) {
        int p = Math.max(1, page);
        Integer y;
        try {
            y = SupervisionViews.year(year);
        } catch (Invalid e) {
            // a year typed by hand that is none: said on the page, with nothing listed under another year
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            shown(new Notices.Page(List.of(), 0), 1, model);
            return "supervision/published";
        }
        Notices.Page found = notices.published(SupervisionViews.bureauPath(Callers.require()), y, PAGE_SIZE,
                Paging.offset(p, PAGE_SIZE));
        String pastTheEnd = shown(found, p, model);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("year", y);
        return "supervision/published";
    }

    /** Puts a page of notices on the model; answers the redirect to the last page when asked past it, else null. */
    private static String shown(Notices.Page found, int p, Model model) {
        long pages = Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        String pastTheEnd = Paging.lastPageIfPast(p, pages).orElse(null);
        if (pastTheEnd == null) {
            model.addAttribute("notices", found.items());
            model.addAttribute("total", found.total());
            model.addAttribute("page", p);
            model.addAttribute("pages", pages);
        }
        return pastTheEnd;
    }
}
