package org.fengqiao.incident.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.ReporterPhones;
import org.fengqiao.incident.internal.StepPolicy;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.Paging;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff pages: the list (overdue first), filing a report, and one incident with its timeline and the
 * steps its status allows. Plain forms that post and redirect, so they work on a phone without scripts.
 */
@Controller
@FieldLabels({"incident.field.", "incident.action."})
class IncidentPages {

    static final int PAGE_SIZE = 30;

    /**
     * What staff file from the page: what they found in the field, or a clue an informant they handle gave them, whose
     * name and phone only they and the station chief then see (IncidentViews), as the API's {@code source} has it.
     */
    static final List<Source> SOURCES = List.of(Source.FIELD, Source.INFORMANT);

    private final IncidentDesk desk;
    private final Incidents incidents;
    private final IncidentViews views;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;
    private final FormAnswers answers;
    private final ReporterPhones phones;
    private final Clock clock;
    private final IncidentLedger ledger;

    IncidentPages(IncidentDesk desk, Incidents incidents, IncidentViews views, Jurisdictions jurisdictions,
            MessageSource messages, Clock clock, FormAnswers answers, ReporterPhones phones, IncidentLedger ledger) {
        this.desk = desk;
        this.ledger = ledger;
        this.phones = phones;
        this.incidents = incidents;
        this.views = views;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
        this.answers = answers;
        this.clock = clock;
    }

    @GetMapping("/incidents")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    String list(@ModelAttribute ListPageParameters parameters, @RequestParam(defaultValue = "1") int page,
            Locale locale, Model model) {
        Caller caller = Callers.require();
        // the cases of an offence, those without one yet or the preventable ones, over days in a unit: where the work
        // figures link to; "mine": the open items the signed-in person owns, his to-do list on the phone; "filed": the
        // reports he filed himself, wherever he reported them (a grid member follows what he reported in a grid he no
        // longer serves); one grid, as the API's list takes it: a grid beyond his reach lists nothing, exactly as one
        // without items
        ListPageParameters.Read read = parameters.read(caller, jurisdictions);
        ListQuery query = read.query();
        CaseFilters cases = read.cases();
        String filter = read.filters().show();
        int p = Math.max(1, page);
        Incidents.Page found = incidents.list(query.filter(), query.scope(), clock.instant(), PAGE_SIZE,
                Paging.offset(p, PAGE_SIZE));
        model.addAttribute("items", views.views(found.items(), locale));
        model.addAttribute("total", found.total());
        model.addAttribute("page", p);
        String pastTheEnd = Paging.lastPageIfPast(p, Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE)).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("show", filter);
        model.addAttribute("takesSteps", StepPolicy.allows(caller));
        model.addAttribute("files", caller.may("INCIDENT_WRITE"));
        model.addAttribute("filters", read.filters());
        // the grids he reads: the police their unit's, those who serve grids the grids they serve
        model.addAttribute("grids", jurisdictions.readableGrids(caller).stream()
                .filter(g -> g.network() == GridNetwork.POLICE).sorted(Comparator.comparing(Grid::code)).toList());
        model.addAttribute("categories", Category.values());
        model.addAttribute("sources", Source.values());
        model.addAttribute("cases", cases);
        model.addAttribute("offences", Offence.values());
        model.addAttribute("units", jurisdictions.visibleOffices(caller));
        return "incident/list";
    }

    /**
     * The ledger of the list (事项台账) for the page's export link: the API's ledger of the same rows, on the page's
     * terms. It goes with the session (signed out, to the sign-in page, never a 401 in JSON), takes the page's filters
     * as the page names them ({@code unit}, not the API's {@code unitId}), is written and named in the page's language,
     * and a refusal (filters that list nothing, more rows than a ledger holds) comes back on the list page in the
     * reader's language instead of a problem in JSON in place of a download; an office outside the reader's
     * jurisdiction is not found, as on the list.
     */
    @GetMapping("/incidents/export.xlsx")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    String export(@ModelAttribute ListPageParameters parameters, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) throws IOException {
        Caller caller = Callers.require();
        ListFilters filters;
        ListQuery query;
        try {
            ListPageParameters.Read read = parameters.read(caller, jurisdictions);
            filters = read.filters();
            query = read.query();
        } catch (Invalid e) {
            // filters the list itself refuses: back to the list as it opens, saying why
            answers.refused(redirect, e, locale);
            return "redirect:/incidents";
        }
        try {
            ledger.write(query, locale, response);
            return null;
        } catch (Invalid e) {
            // too many rows: back to the list he was looking at, every filter kept, so that he narrows them there
            answers.refused(redirect, e, locale);
            return "redirect:" + filters.page(1);
        }
    }

    @GetMapping("/incidents/new")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    String newForm(Model model) {
        Caller caller = Callers.require();
        // the grids he may report in: the police their unit's, those who serve grids the grids they serve (not every
        // grid of the office a grid placed at the office itself shares its path with)
        List<Grid> grids = jurisdictions.visibleGrids(caller.asReporter()).stream()
                .filter(g -> g.network() == GridNetwork.POLICE && caller.mayReportIn(g.id().value(), g.unitPath()))
                .sorted(Comparator.comparing(Grid::code)).toList();
        model.addAttribute("grids", grids);
        model.addAttribute("sources", StaffSources.offered(caller));
        model.addAttribute("categories", Category.values());
        model.addAttribute("subtypes", Subtype.values());
        model.addAttribute("offences", Offence.values());
        return "incident/new";
    }

    @PostMapping("/incidents")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    String file(@RequestParam(required = false) String source, @RequestParam(required = false) Category category,
            @RequestParam(required = false) Subtype subtype, @RequestParam(required = false) String offence,
            @RequestParam(required = false) String department, @RequestParam(required = false) String description,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double lat, @RequestParam(required = false) String address,
            @RequestParam(required = false) String reporterName, @RequestParam(required = false) String reporterPhone,
            @RequestParam(required = false) String idempotencyKey, Locale locale, RedirectAttributes redirect) {
        try {
            // a subtype or offence chosen before the category was changed from a case is left behind, not refused
            NewIncident n = new NewIncident(StaffSources.mayFileAs(source(source), Callers.require()), category, category == Category.CASE ? subtype : null,
                    category == Category.CASE ? offence(offence) : null, department, description, null, lon, lat,
                    address, gridId, reporterName, reporterPhone, null, idempotencyKey);
            UUID id = desk.file(n, Submitter.of(Callers.require())).incident().id();
            return "redirect:/incidents/" + id;
        } catch (Invalid e) {
            // nothing was filed: the form comes back with what was typed, and with the same key, so that the
            // corrected form sent twice still files one incident
            answers.refused(redirect, e, locale);
            return "redirect:/incidents/new";
        }
    }

    /** The source chosen on the form: from the field unless said otherwise, never another system's. */
    private static Source source(String chosen) {
        if (chosen == null || chosen.isBlank()) {
            return Source.FIELD;
        }
        return SOURCES.stream().filter(s -> s.name().equals(chosen.trim())).findFirst()
                .orElseThrow(() -> Invalid.of("source", "incident.new.source.invalid"));
    }

    /**
     * The offence chosen on a form, none when left blank: a value that is none of the list (a form of another
     * version, a hand-made request) is refused on the field in the reader's language, asking for one of the list.
     */
    private static Offence offence(String chosen) {
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        for (Offence o : Offence.values()) {
            if (o.name().equals(chosen.trim())) {
                return o;
            }
        }
        throw Invalid.of("offence", "incident.offence.unknown");
    }

    @GetMapping("/incidents/{id}")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    String detail(@PathVariable UUID id, Locale locale, Model model) {
        Caller caller = Callers.require();
        Incidents.Incident incident;
        try {
            incident = desk.get(id, Submitter.of(caller));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("detail", views.detail(incident, locale));
        // the step buttons, the offence and the merge forms: for those who take an item's steps, not those who report
        model.addAttribute("mayWrite", StepPolicy.allows(caller));
        model.addAttribute("mayRevealPhone", phones.offered(incident, caller));
        model.addAttribute("mayEscalate", desk.escalatable(incident));
        model.addAttribute("offences", Offence.values());
        return "incident/detail";
    }

    /**
     * The reporter's full phone, shown once on the page after the redirect (so a reload does not reveal it again),
     * with the reason given; audited like the API's. A missing reason comes back as the form's error.
     */
    @PostMapping("/incidents/{id}/reporter-phone")
    @PreAuthorize("hasAuthority('INCIDENT_REPORTER_REVEAL')")
    String revealPhone(@PathVariable UUID id, @RequestParam(required = false) String reason, Locale locale,
            RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("revealedPhone", phones.reveal(id, reason, Callers.require()));
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/{action}")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    String act(@PathVariable UUID id, @PathVariable String action, @RequestParam(required = false) String note,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String department,
            @RequestParam(required = false) String contact, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String offence, Locale locale, RedirectAttributes redirect) {
        Caller caller = Callers.require();
        StepPolicy.require(caller);
        Submitter me = Submitter.of(caller);
        return answers.redirect("/incidents/" + id, "incident.action.done", locale, redirect, () -> {
            switch (action) {
                case "acknowledge" -> desk.acknowledge(id, me);
                case "dispatch" -> desk.dispatch(id, note, me);
                case "arrive" -> desk.arrive(id, IncidentDesk.Arrival.MANAGER, me);
                case "chief-arrive" -> desk.arrive(id, IncidentDesk.Arrival.GRID_CHIEF, me);
                case "resolve" -> desk.resolve(id, note, me);
                case "answer" -> desk.answer(id, note, me);
                case "escalate" -> desk.escalate(id, reason, me);
                case "refer" -> desk.refer(id, department, contact, outcome, me);
                case "offence" -> desk.setOffence(id, offence(offence), me);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        });
    }

}
