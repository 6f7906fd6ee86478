package org.fengqiao.mediation.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.DisputeOrigin;
import org.fengqiao.mediation.SettledLevel;
import org.fengqiao.mediation.TeamRole;
import org.fengqiao.mediation.internal.Actor;
import org.fengqiao.mediation.internal.AgreementPdf;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.mediation.internal.Ladder;
import org.fengqiao.mediation.internal.MediationDesk;
import org.fengqiao.mediation.internal.Screenings;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.platform.web.PeriodLists;
import org.fengqiao.platform.web.TypedForm;
import org.fengqiao.population.PersonLookup;
import org.springframework.context.MessageSource;
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
 * The mediation pages: the case list (at-risk ones first, marked urgent), opening a case, one case with its
 * parties, team, sessions and end, the agreement PDF, the ladder, and the weekly screenings. Plain forms that
 * post and redirect, so they work on a phone without scripts.
 */
@Controller
@FieldLabels({"mediation.field.", "mediation.screening."})
class MediationPages {

    static final int PAGE_SIZE = 30;

    private final MediationDesk desk;
    private final Disputes disputes;
    private final MediationViews views;
    private final AgreementPdf pdf;
    private final Ladder ladder;
    private final Screenings screenings;
    private final Jurisdictions jurisdictions;
    private final MessageSource messages;
    private final FormAnswers answers;
    private final PersonLookup persons;
    private final MediationLedger ledger;

    MediationPages(MediationDesk desk, Disputes disputes, MediationViews views, AgreementPdf pdf, Ladder ladder,
            Screenings screenings, Jurisdictions jurisdictions, MessageSource messages, PersonLookup persons,
            FormAnswers answers, MediationLedger ledger) {
        this.ledger = ledger;
        this.persons = persons;
        this.desk = desk;
        this.disputes = disputes;
        this.views = views;
        this.pdf = pdf;
        this.ladder = ladder;
        this.screenings = screenings;
        this.jurisdictions = jurisdictions;
        this.messages = messages;
        this.answers = answers;
    }

    @GetMapping("/mediation")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    String list(@RequestParam(required = false) String show, @RequestParam(defaultValue = "1") int page, Model model) {
        String filter = show == null || show.isBlank() ? "open" : show.strip().toLowerCase(Locale.ROOT);
        int p = Math.max(1, page);
        LocalDate today = desk.today();
        Disputes.Page found = disputes.list(tab(filter, null, null, today), Callers.require().unitPaths(),
                GridReach.of(Callers.require()), PAGE_SIZE, Paging.offset(p, PAGE_SIZE));
        // the follow-ups past their day are marked in the list, as the start page's tile counts them
        model.addAttribute("followUpOverdue", filter.equals("due")
                ? disputes.followUpOverdue(found.items().stream().map(Disputes.Case::id).toList(), today)
                : java.util.Set.of());
        model.addAttribute("items", found.items());
        model.addAttribute("total", found.total());
        model.addAttribute("page", p);
        String pastTheEnd = Paging.lastPageIfPast(p, Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE)).orElse(null);
        if (pastTheEnd != null) {
            return pastTheEnd;
        }
        model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("show", filter);
        return "mediation/list";
    }

    /**
     * The ledger of a tab of the list (矛盾纠纷调解台账), for the page's export link: the API's ledger, read by the same
     * query, but on the page's terms. It goes with the session (signed out, to the sign-in page, never a 401 in JSON)
     * and a refusal (an unknown tab, more cases than a ledger holds) comes back on the list page, in the reader's
     * language, above the list he was looking at, never as a problem in JSON in place of a download.
     */
    @GetMapping("/mediation/export.xlsx")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    String export(@RequestParam(required = false) String show, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) throws IOException {
        String filter = show == null || show.isBlank() ? "open" : show;
        try {
            ledger.write(tab(filter, null, null, desk.today()), Callers.require(), locale, response);
            return null;
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            String back = filter.strip().toLowerCase(Locale.ROOT);
            return TABS.contains(back) ? "redirect:/mediation?show=" + back : "redirect:/mediation";
        }
    }

    /** The list's tabs, as the links write them. */
    static final List<String> TABS = List.of("open", "due", "risk", "all");
    /** The longest part of an unknown tab repeated in its refusal. */
    private static final int SHOWN = 40;

    /**
     * The list's filter for a tab: the open cases, those with a follow-up visit due by today (回访到期, overdue ones
     * marked), the open ones at risk (民转刑), or all, with the API's kind and
     * screening where given. The page and the ledger read it here alike. A value that is none of the tabs (a
     * mistyped or stale link) is refused with the tabs there are, never read as "all": whoever followed it would
     * otherwise be shown, or export, every case of his jurisdiction without knowing.
     */
    static Disputes.Filter tab(String show, DisputeKind kind, UUID screeningId, LocalDate today) {
        String typed = show;
        show = show.strip().toLowerCase(Locale.ROOT);
        if (!TABS.contains(show)) {
            String shown = typed.length() > SHOWN ? typed.substring(0, SHOWN) + "…" : typed;
            throw Invalid.of("show", "mediation.list.unknownTab", shown);
        }
        Disputes.Status status = show.equals("open") || show.equals("risk") ? Disputes.Status.OPEN : null;
        return new Disputes.Filter(status, kind, show.equals("risk") ? Boolean.TRUE : null, screeningId,
                show.equals("due") ? today : null);
    }

    @GetMapping("/mediation/new")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    String newForm(Model model) {
        model.addAttribute("grids", grids(Callers.require()));
        model.addAttribute("origins", List.of(DisputeOrigin.WALK_IN, DisputeOrigin.PATROL));
        model.addAttribute("kinds", DisputeKind.values());
        return "mediation/new";
    }

    @PostMapping("/mediation")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    String open(@RequestParam(required = false) DisputeOrigin origin, @RequestParam(required = false) DisputeKind kind,
            @RequestParam(required = false) UUID gridId, @RequestParam(required = false) String summary,
            @RequestParam(required = false) String address,
            @RequestParam(name = "partyName", required = false) List<String> names,
            @RequestParam(name = "partyPhone", required = false) List<String> phones, Locale locale,
            RedirectAttributes redirect) {
        try {
            UUID id = desk.open(new MediationDesk.NewCase(origin, kind, gridId, summary, address, parties(names, phones),
                    null), me()).id();
            return "redirect:/mediation/" + id;
        } catch (Invalid e) {
            // nothing was opened: the form comes back with what was typed, so one wrong phone does not cost the summary
            answers.refused(redirect, e, locale);
            return "redirect:/mediation/new";
        }
    }

    @GetMapping("/mediation/{id}")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    String detail(@PathVariable UUID id, @RequestParam(required = false) String personQ, Locale locale, Model model) {
        Caller caller = Callers.require();
        Disputes.Case c;
        try {
            c = desk.read(id, Actor.of(caller));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("detail", views.detail(c, Actor.of(caller)));
        model.addAttribute("mayWrite", caller.may("MEDIATION_WRITE"));
        if (c.open() && caller.may("MEDIATION_WRITE")) {
            // in the order offered: who serves the case's grid, the office's people, those above; a group for each
            Map<Disputes.Circle, List<Disputes.Candidate>> circles = new java.util.LinkedHashMap<>();
            disputes.candidates(c.id(), c.gridId(), c.unitPath())
                    .forEach(s -> circles.computeIfAbsent(s.circle(), k -> new ArrayList<>()).add(s));
            model.addAttribute("candidates", circles);
            model.addAttribute("roles", TeamRole.values());
            model.addAttribute("levels", SettledLevel.values());
            model.addAttribute("referrals", Disputes.Referral.values());
            model.addAttribute("today", desk.today());
            model.addAttribute("kinds", DisputeKind.values());
            boolean picks = caller.may("POPULATION_READ");
            model.addAttribute("mayPickPersons", picks);
            if (personQ == null) {
                // a person picked from the search's results and refused: the same results again
                personQ = TypedForm.in(model).sentTo("/mediation/" + id + "/parties").get("personQ");
            }
            if (picks && personQ != null && !personQ.isBlank()) {
                model.addAttribute("personQ", personQ.trim());
                try {
                    model.addAttribute("personsFound", persons.search(personQ, caller, 10));
                } catch (Invalid e) {
                    model.addAttribute("problems", answers.texts(e, locale));
                }
            }
        }
        return "mediation/detail";
    }

    @PostMapping("/mediation/{id}/{action}")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    String act(@PathVariable UUID id, @PathVariable String action,
            @RequestParam(name = "partyName", required = false) List<String> names,
            @RequestParam(name = "partyPhone", required = false) List<String> phones,
            @RequestParam(name = "staffId", required = false) List<String> staffIds,
            @RequestParam(name = "role", required = false) List<String> roles,
            @RequestParam(required = false) LocalDate heldOn, @RequestParam(required = false) String place,
            @RequestParam(required = false) String attendees, @RequestParam(required = false) String said,
            @RequestParam(required = false) String nextStep, @RequestParam(required = false) String note,
            @RequestParam(required = false) MediationDesk.Outcome outcome,
            @RequestParam(required = false) SettledLevel level, @RequestParam(required = false) String agreementText,
            @RequestParam(required = false) Boolean officerWitness,
            @RequestParam(required = false) Boolean partiesConsent,
            @RequestParam(required = false) Disputes.Referral referredTo,
            @RequestParam(required = false) String referralBody,
            @RequestParam(name = "followUp", required = false) List<LocalDate> followUps,
            @RequestParam(required = false) UUID followUpId, @RequestParam(required = false) DisputeKind kind,
            @RequestParam(required = false) UUID personId, Locale locale, RedirectAttributes redirect) {
        Actor me = me();
        return answers.redirect("/mediation/" + id, "mediation.action.done", locale, redirect, () -> {
            switch (action) {
                case "parties" -> desk.addParties(id, personId != null
                        ? List.of(new MediationDesk.PartyForm(null, null, personId)) : parties(names, phones), me);
                case "kind" -> desk.classify(id, kind, me);
                case "team" -> desk.setTeam(id, team(staffIds, roles), me);
                case "sessions" -> desk.addSession(id, new MediationDesk.SessionForm(heldOn, place, attendees, said,
                        nextStep), me);
                case "risk" -> desk.flagRisk(id, note, me);
                case "end" -> desk.end(id, new MediationDesk.EndForm(outcome, level, agreementText, officerWitness,
                        referredTo, referralBody, note, followUps, partiesConsent), me);
                case "follow-up" -> desk.followUpDone(id, followUpId, note, me);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        });
    }

    @GetMapping("/mediation/{id}/agreement.pdf")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    ResponseEntity<byte[]> agreement(@PathVariable UUID id, Locale locale) {
        try {
            return MediationController.pdf(pdf.print(id, me(), locale));
        } catch (NotFound e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping("/mediation/ladder")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    String ladder(@RequestParam(required = false) UnitKind by, @RequestParam(required = false) Integer year,
            Model model) {
        UnitKind kind = by == null ? UnitKind.STATION : by;
        MediationViews.Period period = views.year(year);
        Caller caller = Callers.require();
        List<Ladder.Row> rows = ladder.count(kind, period.from(), period.to(), caller.unitPaths(),
                GridReach.of(caller));
        model.addAttribute("rows", rows);
        model.addAttribute("total", new Ladder.Row("", "", rows.stream().mapToLong(Ladder.Row::grid).sum(),
                rows.stream().mapToLong(Ladder.Row::village).sum(), rows.stream().mapToLong(Ladder.Row::station).sum(),
                rows.stream().mapToLong(Ladder.Row::county).sum(), rows.stream().mapToLong(Ladder.Row::failed).sum(),
                rows.stream().mapToLong(Ladder.Row::referred).sum()));
        model.addAttribute("by", kind);
        model.addAttribute("kinds", List.of(UnitKind.STATION, UnitKind.CENTRAL_OFFICE, UnitKind.WORKSTATION));
        model.addAttribute("year", period.from().atZoneSameInstant(LocalTimes.ZONE).getYear());
        return "mediation/ladder";
    }

    @GetMapping("/mediation/screenings")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    String screenings(@RequestParam(required = false) String week, Model model, Locale locale,
            HttpServletResponse response) {
        Caller caller = Callers.require();
        LocalDate asked;
        try {
            asked = PeriodFigures.Period.held("week", PeriodLists.day("week", week));
        } catch (Invalid e) {
            // said above this week's screenings with 400, the form keeping what was typed to be put right: text that
            // is no day gave the error page, and a week of the year 1 read as a week nobody screened
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", answers.texts(e, locale));
            model.addAttribute("typedWeek", week);
            asked = null;
        }
        LocalDate w = Screenings.weekOf(asked == null ? screenings.thisWeek() : asked);
        model.addAttribute("week", w);
        model.addAttribute("screenings", screenings.ofWeek(w, caller.unitPaths(), GridReach.of(caller)));
        model.addAttribute("unscreened", screenings.unscreened(w, caller.unitPaths(), GridReach.of(caller)));
        model.addAttribute("grids", grids(caller));
        model.addAttribute("kinds", DisputeKind.values());
        model.addAttribute("today", desk.today());
        return "mediation/screenings";
    }

    @PostMapping("/mediation/screenings")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    String screen(@RequestParam(required = false) UUID gridId, @RequestParam(required = false) LocalDate screenedOn,
            @RequestParam(required = false) String participants, @RequestParam(required = false) String findings,
            @RequestParam(name = "disputeKind", required = false) List<String> kinds,
            @RequestParam(name = "disputeSummary", required = false) List<String> summaries, Locale locale,
            RedirectAttributes redirect) {
        try {
            Screenings.Screening s = screenings.record(new Screenings.Form(gridId, screenedOn, participants, findings,
                    found(kinds, summaries)), me());
            redirect.addFlashAttribute("notice", messages.getMessage("mediation.screening.saved",
                    new Object[] {s.gridName(), s.disputesFound()}, locale));
            return "redirect:/mediation/screenings?week=" + s.weekStart();
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            return "redirect:/mediation/screenings";
        }
    }

    /**
     * The disputes a screening found, as the form's rows send them; a kind the form's choices cannot send (an edited
     * or stale page) is refused with the row's reason, not left to fail as a server error.
     */
    private static List<Screenings.Found> found(List<String> kinds, List<String> summaries) {
        List<Screenings.Found> found = new ArrayList<>();
        int n = Math.max(kinds == null ? 0 : kinds.size(), summaries == null ? 0 : summaries.size());
        for (int i = 0; i < n; i++) {
            String k = kinds != null && i < kinds.size() ? kinds.get(i) : null;
            String s = summaries != null && i < summaries.size() ? summaries.get(i) : null;
            if ((k == null || k.isBlank()) && (s == null || s.isBlank())) {
                continue;
            }
            DisputeKind kind = null;
            if (k != null && !k.isBlank()) {
                try {
                    kind = DisputeKind.valueOf(k.strip());
                } catch (IllegalArgumentException e) {
                    throw new Invalid("error.invalid", List.of(new Invalid.Problem("disputeKind",
                            "mediation.screening.kindUnknown", new Object[] {k.strip()})));
                }
            }
            found.add(new Screenings.Found(kind, s, null, List.of()));
        }
        return found;
    }

    private List<Grid> grids(Caller caller) {
        return jurisdictions.readableGrids(caller).stream().filter(g -> g.network() == GridNetwork.POLICE)
                .sorted(Comparator.comparing(Grid::code)).toList();
    }

    private static List<MediationDesk.PartyForm> parties(List<String> names, List<String> phones) {
        List<MediationDesk.PartyForm> out = new ArrayList<>();
        int n = Math.max(names == null ? 0 : names.size(), phones == null ? 0 : phones.size());
        for (int i = 0; i < n; i++) {
            out.add(new MediationDesk.PartyForm(names != null && i < names.size() ? names.get(i) : null,
                    phones != null && i < phones.size() ? phones.get(i) : null));
        }
        return out;
    }

    private static List<MediationDesk.MemberForm> team(List<String> staffIds, List<String> roles) {
        List<MediationDesk.MemberForm> out = new ArrayList<>();
        int n = Math.max(staffIds == null ? 0 : staffIds.size(), roles == null ? 0 : roles.size());
        for (int i = 0; i < n; i++) {
            String s = staffIds != null && i < staffIds.size() ? staffIds.get(i) : null;
            String r = roles != null && i < roles.size() ? roles.get(i) : null;
            if (s == null || s.isBlank()) {
                continue;
            }
            // what the form's choices cannot send (an edited or stale page) is refused as the desk refuses a stranger
            // or a missing role, not left to fail as a server error
            UUID staff;
            try {
                staff = UUID.fromString(s.strip());
            } catch (IllegalArgumentException e) {
                throw new Invalid("error.invalid", List.of(new Invalid.Problem("staffId", "mediation.team.unknownStaff", new Object[0])));
            }
            TeamRole role = null;
            if (r != null && !r.isBlank()) {
                try {
                    role = TeamRole.valueOf(r.strip());
                } catch (IllegalArgumentException e) {
                    throw new Invalid("error.invalid", List.of(new Invalid.Problem("role", "mediation.team.memberIncomplete", new Object[0])));
                }
            }
            out.add(new MediationDesk.MemberForm(staff, role));
        }
        return out;
    }


    private static Actor me() {
        return Actor.of(Callers.require());
    }
}
