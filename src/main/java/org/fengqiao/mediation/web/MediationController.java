package org.fengqiao.mediation.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.mediation.DisputeKind;
import org.fengqiao.mediation.internal.Actor;
import org.fengqiao.mediation.internal.AgreementPdf;
import org.fengqiao.mediation.internal.Disputes;
import org.fengqiao.mediation.internal.Ladder;
import org.fengqiao.mediation.internal.MediationDesk;
import org.fengqiao.mediation.internal.Screenings;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.GridReach;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.Unchanged;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.PersonLookup;
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
@RequestMapping("/api/v1/mediation")
@Tag(name = "Dispute mediation", description = "矛盾纠纷调解: cases, sessions, agreements, the ladder, weekly screenings")
class MediationController {

    static final int MAX_PAGE = 100;

    private final MediationDesk desk;
    private final Disputes disputes;
    private final MediationViews views;
    private final AgreementPdf pdf;
    private final Ladder ladder;
    private final Screenings screenings;
    private final PersonLookup persons;
    private final MediationLedger ledger;

    MediationController(MediationDesk desk, Disputes disputes, MediationViews views, AgreementPdf pdf, Ladder ladder,
            Screenings screenings, PersonLookup persons, MediationLedger ledger) {
        this.ledger = ledger;
        this.persons = persons;
        this.desk = desk;
        this.disputes = disputes;
        this.views = views;
        this.pdf = pdf;
        this.ladder = ladder;
        this.screenings = screenings;
    }

    record PageView(List<Disputes.Case> items, long total, int page, int size) {
    }

    record Parties(List<MediationDesk.PartyForm> parties) {
    }

    record Team(List<MediationDesk.MemberForm> team) {
    }

    record PersonsFound(List<PersonLookup.PersonCard> items) {
    }

    record Note(String note) {
    }

    @GetMapping("/cases")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "The dispute cases of the caller's jurisdiction: open ones at risk (民转刑) first",
            description = "Filters: status (OPEN, AGREED, FAILED, REFERRED, DUPLICATE: its 110 report merged into another), kind, "
                    + "atRisk, screeningId.")
    PageView list(@RequestParam(required = false) Disputes.Status status, @RequestParam(required = false) DisputeKind kind,
            @RequestParam(required = false) Boolean atRisk, @RequestParam(required = false) UUID screeningId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        Disputes.Page found = disputes.list(new Disputes.Filter(status, kind, atRisk, screeningId),
                Callers.require().unitPaths(), GridReach.of(Callers.require()), limit, Paging.offset(p, limit));
        return new PageView(found.items(), found.total(), p, limit);
    }

    @GetMapping("/cases/export")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "The mediation ledger (矛盾纠纷调解台账): the list as xlsx, for the same filters, scoped",
            description = "Takes the list's filters (status, kind, atRisk, screeningId) or the list page's tab "
                    + "(show: open, due (a follow-up visit not done falls due by today), risk or all, with kind and screeningId; not with status or atRisk) and answers "
                    + "every case the list would page through, in its order, headers in the reader's language. 400 "
                    + "when more than 50,000 cases match, and for a tab that is none of these. Audited (EXPORT, "
                    + "dispute) with the filters and the count.")
    void export(@RequestParam(required = false) Disputes.Status status,
            @RequestParam(required = false) DisputeKind kind, @RequestParam(required = false) Boolean atRisk,
            @RequestParam(required = false) UUID screeningId, @RequestParam(required = false) String show,
            Locale locale, HttpServletResponse response) throws IOException {
        Disputes.Filter filter = new Disputes.Filter(status, kind, atRisk, screeningId);
        if (show != null && !show.isBlank()) {
            if (status != null || atRisk != null) {
                throw Invalid.of("show", "mediation.list.tabAndFilters");
            }
            filter = MediationPages.tab(show, kind, screeningId, desk.today());
        }
        ledger.write(filter, Callers.require(), locale, response);
    }

    @PostMapping("/cases")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Open a dispute case (walk-in, patrol, ...)",
            description = "Parties are persons of the population records ({\"personId\": ...}, see /persons; one outside "
                    + "the caller's jurisdiction is refused like one that does not exist) or named here, each with an "
                    + "optional phone (stored encrypted, shown masked); the team is staff ids with their role, exactly one OFFICER.")
    MediationViews.Detail open(@RequestBody MediationDesk.NewCase n) {
        return views.detail(desk.open(n, me()), me());
    }

    @GetMapping("/persons")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE') and hasAuthority('POPULATION_READ')")
    @Operation(summary = "Find a person of the population records to link as a party (the picker)",
            description = "q: a name or two or more characters of it, pinyin or initials, or the last 6 characters of "
                    + "the identity number; the caller's jurisdiction only, numbers masked, at most 20; the search is "
                    + "audited. Link the person with {\"personId\": ...} in the parties of a case.")
    PersonsFound persons(@RequestParam(required = false) String q) {
        return new PersonsFound(persons.search(q, Callers.require(), PersonLookup.MAX_RESULTS));
    }

    @GetMapping("/cases/{id}")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "One case with its parties, team, sessions and follow-ups")
    MediationViews.Detail get(@PathVariable UUID id) {
        return views.detail(desk.read(id, me()), me());
    }

    @PostMapping("/cases/{id}/parties")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Add parties to an open case")
    MediationViews.Detail addParties(@PathVariable UUID id, @RequestBody(required = false) Parties p) {
        return views.detail(desk.addParties(id, p == null ? List.of() : p.parties(), me()), me());
    }

    record Kind(DisputeKind kind) {
    }

    @PutMapping("/cases/{id}/kind")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Set what the dispute is about (a 110 push arrives as OTHER)")
    MediationViews.Detail classify(@PathVariable UUID id, @RequestBody(required = false) Kind k) {
        try {
            return views.detail(desk.classify(id, k == null ? null : k.kind(), me()), me());
        } catch (Unchanged e) {
            // the kind it had: answered as it stands, its read audited as nothing else was
            return views.detail(desk.read(id, me()), me());
        }
    }

    @PutMapping("/cases/{id}/team")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Name the mediation team: officer + community mediator + social-work volunteer, or officer + village police")
    MediationViews.Detail team(@PathVariable UUID id, @RequestBody(required = false) Team t) {
        try {
            return views.detail(desk.setTeam(id, t == null ? List.of() : t.team(), me()), me());
        } catch (Unchanged e) {
            return views.detail(desk.read(id, me()), me());
        }
    }

    @PostMapping("/cases/{id}/sessions")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Record a mediation session: date, place, who came, what was said, next step")
    MediationViews.Detail session(@PathVariable UUID id, @RequestBody MediationDesk.SessionForm s) {
        return views.detail(desk.addSession(id, s, me()), me());
    }

    @PostMapping("/cases/{id}/risk")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Flag the dispute at risk of turning violent (民转刑): the station chief is told at once")
    MediationViews.Detail risk(@PathVariable UUID id, @RequestBody(required = false) Note note) {
        return views.detail(desk.flagRisk(id, note == null ? null : note.note(), me()), me());
    }

    @PostMapping("/cases/{id}/end")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "End the case: AGREEMENT (text, level settled, officer as witness), FAILURE (note) or REFERRAL",
            description = "followUps: the dates of the follow-up visits to schedule. An AGREEMENT needs "
                    + "partiesConsent true: every party said they accept its terms.")
    MediationViews.Detail end(@PathVariable UUID id, @RequestBody MediationDesk.EndForm f) {
        return views.detail(desk.end(id, f, me()), me());
    }

    @PostMapping("/cases/{id}/follow-ups/{followUpId}/done")
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "A follow-up visit was made")
    MediationViews.Detail followUpDone(@PathVariable UUID id, @PathVariable UUID followUpId,
            @RequestBody(required = false) Note note) {
        return views.detail(desk.followUpDone(id, followUpId, note == null ? null : note.note(), me()), me());
    }

    @GetMapping("/cases/{id}/agreement.pdf")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "The agreement as a PDF to print and sign")
    ResponseEntity<byte[]> agreement(@PathVariable UUID id, Locale locale) {
        return pdf(pdf.print(id, me(), locale));
    }

    static ResponseEntity<byte[]> pdf(AgreementPdf.Document d) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(d.fileName(), StandardCharsets.UTF_8).build().toString())
                .body(d.bytes());
    }

    record LadderView(UnitKind by, OffsetDateTime from, OffsetDateTime to, List<Ladder.Row> rows) {
    }

    @GetMapping("/ladder")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "小事不出村、大事不出镇、矛盾不上交: cases ended in [from, to) per unit by the level settled",
            description = "by: the kind of unit to count under (default STATION); from/to default to this year.")
    LadderView ladder(@RequestParam(required = false) UnitKind by, @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to) {
        MediationViews.Period period = views.period(from, to);
        UnitKind kind = by == null ? UnitKind.STATION : by;
        return new LadderView(kind, period.from(), period.to(),
                ladder.count(kind, period.from(), period.to(), Callers.require().unitPaths(),
                        GridReach.of(Callers.require())));
    }

    @PostMapping("/screenings")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('MEDIATION_WRITE')")
    @Operation(summary = "Record a grid's weekly screening; each dispute found opens a case")
    Screenings.Screening screen(@RequestBody Screenings.Form f) {
        return screenings.record(f, me());
    }

    @GetMapping("/screenings")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "The screenings of a week (the week holding {@code week}, default this week)",
            description = "400 for a week out of 1900-2099.")
    List<Screenings.Screening> screenings(@RequestParam(required = false) LocalDate week) {
        return screenings.ofWeek(week == null ? screenings.thisWeek() : PeriodFigures.Period.held("week", week),
                Callers.require().unitPaths(), GridReach.of(Callers.require()));
    }

    @GetMapping("/screenings/{id}")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "One screening")
    Screenings.Screening screening(@PathVariable UUID id) {
        return screenings.get(id, me());
    }

    @GetMapping("/screenings/unscreened")
    @PreAuthorize("hasAuthority('MEDIATION_READ')")
    @Operation(summary = "The police grids of the caller's jurisdiction not screened in a week (default this week)")
    List<Screenings.Unscreened> unscreened(@RequestParam(required = false) LocalDate week) {
        return screenings.unscreened(week == null ? screenings.thisWeek() : PeriodFigures.Period.held("week", week),
                Callers.require().unitPaths(), GridReach.of(Callers.require()));
    }

    private static Actor me() {
        return Actor.of(Callers.require());
    }
}
