package org.fengqiao.audit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.internal.AuditChanges;
import org.fengqiao.audit.internal.AuditPage;
import org.fengqiao.audit.internal.AuditQuery;
import org.fengqiao.audit.internal.AuditReading;
import org.fengqiao.audit.internal.TimeBound;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.Ledger;
import org.fengqiao.platform.web.Paging;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit administrator's page: a filter form, the entries newest first with paging, and a
 * button that recomputes the hash chain. Plain GET forms, so it works without script and every
 * view of it can be bookmarked.
 */
@Controller
@RequestMapping("/audit")
@PreAuthorize("hasAuthority('AUDIT_READ')")
class AuditPageController {

    private static final DateTimeFormatter SHOWN = AuditChanges.SHOWN;

    private final AuditReading reading;
    private final Clock clock;
    private final MessageSource messages;
    private final AuditLedger ledger;

    AuditPageController(AuditReading reading, Clock clock, MessageSource messages, AuditLedger ledger) {
        this.ledger = ledger;
        this.reading = reading;
        this.clock = clock;
        this.messages = messages;
    }

    /** A period one link sets the filter to: its name's key and the page of the trail it opens. */
    record Period(String key, String href) {
    }

    /** The filter form as typed; times stay text so a mistyped one can be shown back with its error. */
    record Filter(String actor, String action, String recordType, String recordId, String from, String to,
            Long upTo, Integer page, Integer size) {
    }

    @GetMapping
    String trail(@ModelAttribute("filter") Filter filter, Model model, Locale locale) {
        List<String> errors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Instant from = bound(filter.from(), true, errors, problems, locale);
        Instant to = bound(filter.to(), false, errors, problems, locale);
        if (errors.isEmpty()) {
            AuditQuery query = new AuditQuery(filter.actor(), filter.action(), filter.recordType(), filter.recordId(),
                    from, to, filter.upTo(), filter.page() == null ? 0 : filter.page(),
                    filter.size() == null ? AuditQuery.DEFAULT_SIZE : filter.size());
            AuditPage page = reading.search(query, locale);
            String pastTheEnd = Paging.lastPageIfPastFromZero(page.page(), page.pages()).orElse(null);
            if (pastTheEnd != null) {
                return pastTheEnd;
            }
            model.addAttribute("page", page);
            model.addAttribute("previous", page.hasPrevious() ? link(filter, page, page.page() - 1) : null);
            model.addAttribute("next", page.hasNext() ? link(filter, page, page.page() + 1) : null);
            // an entry of weeks ago is pages deep: the ends of the reading are one click away, not a click a page
            model.addAttribute("first", page.page() > 0 ? link(filter, page, 0) : null);
            model.addAttribute("last", page.page() < page.pages() - 1 ? link(filter, page, page.pages() - 1) : null);
            // more than one export holds is said beside the count, instead of a link that would answer with an error
            model.addAttribute("export", page.total() <= Ledger.MAX_ROWS ? export(filter, page) : null);
            model.addAttribute("exportMost", Ledger.MAX_ROWS);
        }
        model.addAttribute("periods", periods(filter, LocalDate.now(clock.withZone(TimeBound.BEIJING))));
        model.addAttribute("timeErrors", errors);
        model.addAttribute("timeProblems", problems.stream().distinct().toList());
        model.addAttribute("shown", SHOWN);
        model.addAttribute("actions", Audited.ACTIONS);
        model.addAttribute("recordTypes", Audited.RECORD_TYPES);
        return "audit/trail";
    }

    /**
     * The xlsx of a reading, for the trail page's export link: the API's export, counted from the same newest entry as
     * the page shown, on the page's terms. It goes with the session and the page's language (file name, sheet and
     * headers), and a refusal (a time the page also refuses, more entries than an export holds) comes back on the
     * trail with its filters, in the reader's language, instead of a problem in JSON in place of a download.
     */
    @GetMapping("/export.xlsx")
    String export(@ModelAttribute("filter") Filter filter, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) throws IOException {
        String back = "redirect:" + filtered("/audit", filter).encode().build().toUriString();
        AuditQuery query;
        try {
            query = new AuditQuery(filter.actor(), filter.action(), filter.recordType(), filter.recordId(),
                    TimeBound.from(filter.from()), TimeBound.to(filter.to()), filter.upTo(), 0,
                    AuditQuery.DEFAULT_SIZE);
        } catch (Invalid e) {
            // the trail says what is wrong with the time beside its field
            return back;
        }
        try {
            ledger.write(query, locale, response);
            return null;
        } catch (Invalid e) {
            redirect.addFlashAttribute("problems", e.problems().stream()
                    .map(p -> messages.getMessage(p.key(), p.args(), p.key(), locale)).toList());
            return back;
        }
    }

    @GetMapping("/verify")
    String verify(@ModelAttribute("filter") Filter filter, Model model, Locale locale) {
        model.addAttribute("check", reading.verify());
        return trail(filter, model, locale);
    }

    /** The time typed, or null with its field and the reason, in the reader's language, added to those refused. */
    private Instant bound(String text, boolean isFrom, List<String> errors, List<String> problems, Locale locale) {
        try {
            return isFrom ? TimeBound.from(text) : TimeBound.to(text);
        } catch (Invalid e) {
            errors.add(isFrom ? "from" : "to");
            e.problems().forEach(p -> problems.add(messages.getMessage(p.key(), p.args(), p.key(), locale)));
            return null;
        }
    }

    /**
     * The periods an auditor looks back over most (today, the last seven days, this month, last month), each as the
     * window of the from/to filter in Beijing days, with his other filters kept: finding an entry of last month takes
     * one click instead of typing two times. A new reading, so counted from the newest entry again.
     */
    static List<Period> periods(Filter f, LocalDate today) {
        LocalDate month = today.withDayOfMonth(1);
        return List.of(period(f, "today", today, today), period(f, "week", today.minusDays(6), today),
                period(f, "month", month, today), period(f, "lastMonth", month.minusMonths(1), month.minusDays(1)));
    }

    private static Period period(Filter f, String key, LocalDate from, LocalDate to) {
        // the period's days in place of the reading's own; a bare date as "to" is the end of that day (TimeBound)
        UriComponentsBuilder b = filtered("/audit", f).replaceQueryParam("from", from.toString())
                .replaceQueryParam("to", to.toString());
        if (f.size() != null && f.size() != AuditQuery.DEFAULT_SIZE) {
            b.queryParam("size", f.size());
        }
        return new Period(key, b.encode().build().toUriString());
    }

    /** Another page of the same reading: counted from the newest entry its first page found. */
    private static String link(Filter f, AuditPage shown, int page) {
        UriComponentsBuilder b = filtered("/audit", f);
        if (shown.size() != AuditQuery.DEFAULT_SIZE) {
            b.queryParam("size", shown.size());
        }
        b.queryParam("upTo", shown.upTo());
        b.queryParam("page", page);
        return b.encode().build().toUriString();
    }

    /**
     * The xlsx of this reading: the same filters, counted from the same newest entry as the page shown; the page's
     * export, which goes with the session (the API's answered a refusal in JSON).
     */
    static String export(Filter f, AuditPage shown) {
        UriComponentsBuilder b = filtered("/audit/export.xlsx", f);
        b.queryParam("upTo", shown.upTo());
        return b.encode().build().toUriString();
    }

    /** The path with the reading's filters, those set, as query parameters. */
    private static UriComponentsBuilder filtered(String path, Filter f) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        addIfSet(b, "actor", f.actor());
        addIfSet(b, "action", f.action());
        addIfSet(b, "recordType", f.recordType());
        addIfSet(b, "recordId", f.recordId());
        addIfSet(b, "from", f.from());
        addIfSet(b, "to", f.to());
        return b;
    }

    private static void addIfSet(UriComponentsBuilder b, String name, String value) {
        if (value != null && !value.isBlank()) {
            b.queryParam(name, value);
        }
    }
}
