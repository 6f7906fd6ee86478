package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.web.Paging;
import org.fengqiao.population.HelperRole;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.PersonState;
import org.fengqiao.population.Risk;
import org.fengqiao.population.internal.KeyPersonCare;
import org.fengqiao.population.internal.KeyPersons;
import org.fengqiao.population.internal.VisitRhythm;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/key-persons")
@PreAuthorize("hasAuthority('POPULATION_READ')")
@Tag(name = "Key persons", description = "重点人员: helper teams (N帮一), risk levels, visit rhythm and overdue visits")
class KeyPersonController {

    static final int MAX_PAGE = 200;

    private final KeyPersonCare care;
    private final org.fengqiao.platform.web.JsonFields json;

    KeyPersonController(KeyPersonCare care, org.fengqiao.platform.web.JsonFields json) {
        this.care = care;
        this.json = json;
    }

    /** What the visit rhythm says for one key person today. */
    record Rhythm(Risk risk, String interval, LocalDate countedFrom, LocalDate lastVisitOn, LocalDate nextDue,
            boolean overdue, long daysOverdue, VisitRhythm.Exemption exemption) {
        static Rhythm of(VisitRhythm.Status s) {
            return new Rhythm(s.risk(), s.interval() == null ? null : s.interval().toString(), s.countedFrom(),
                    s.lastVisitOn(), s.nextDue(), s.overdue(), s.daysOverdue(), s.exemption());
        }
    }

    record KeyPersonView(UUID personId, String name, KeyPersonType type, Risk risk, UUID gridId, String gridCode,
            UUID householdId, String householdNumber, boolean trustedHousehold, int teamSize,
            OffsetDateTime lastVisitAt, LocalDate nextDue, boolean overdue, long daysOverdue,
            VisitRhythm.Exemption exemption) {
        static KeyPersonView of(KeyPersons.Row r, VisitRhythm.Status s) {
            return new KeyPersonView(r.id(), r.name(), r.type(), r.risk(), r.gridId(), r.gridCode(), r.householdId(),
                    r.householdNumber(), r.trusted(), r.teamSize(), r.lastVisitAt(), s.nextDue(), s.overdue(),
                    s.daysOverdue(), s.exemption());
        }
    }

    /** total: key persons in the list's reach; overdue: how many of them are overdue; items: this page. */
    record KeyPersonPage(List<KeyPersonView> items, int total, int overdue, int matching, int page, int size) {
    }

    /**
     * changes: what was changed during the visit (a phone, a member moved out), each summary in the reader's language;
     * contactCard: the police contact card was handed to the household at the visit.
     */
    record VisitView(UUID id, OffsetDateTime visitedAt, String visitedBy, String findings, PersonState state,
            List<UUID> helperIds, List<String> helpers, boolean contactCard,
            List<org.fengqiao.population.internal.VisitLog.Change> changes) {
        static VisitView of(KeyPersons.Visit v, KeyPersonCare.Detail d) {
            return new VisitView(v.id(), v.visitedAt(), v.visitedByName(), v.findings(), v.state(), v.helperIds(),
                    d.helperNames(v), v.contactCard(), v.changes());
        }
    }

    /** contactCardOn: the day his household was last handed the police contact card (警民联系卡); absent: never. */
    record KeyPersonDetail(KeyPersonView person, Rhythm rhythm, int teamSize, List<KeyPersons.Member> team,
            List<KeyPersons.RiskChange> riskHistory, List<VisitView> visits, LocalDate contactCardOn) {
        static KeyPersonDetail of(KeyPersonCare.Detail d) {
            List<VisitView> visits = d.visits().stream().map(v -> VisitView.of(v, d)).toList();
            return new KeyPersonDetail(KeyPersonView.of(d.person(), d.status()), Rhythm.of(d.status()),
                    d.currentTeam().size(), d.team(), d.riskHistory(), visits, d.contactCardOn());
        }
    }

    record MemberForm(UUID staffId, String name, HelperRole role, String relation, String phone, LocalDate joinedOn) {
    }

    record EndForm(LocalDate leftOn, String reason) {
    }

    record RiskForm(Risk risk, String reason) {
    }

    /** contactCard: the police contact card (警民联系卡) was handed to his household at the visit (absent: not). */
    record VisitForm(String findings, PersonState state, List<UUID> helperIds, OffsetDateTime visitedAt,
            String idempotencyKey, Boolean contactCard) {
    }

    /** on: the day the card was handed over (absent: refused); visitId: the caller's visit of today it was handed at. */
    record ContactCardForm(LocalDate on, UUID visitId) {
    }

    @GetMapping
    @Operation(summary = "The key persons of the caller's jurisdiction with risk, team size, last visit, next due date and overdue flag",
            description = "Overdue ones first. mine=true keeps the grids the caller heads as grid chief (网格长) or manages as grid manager (网格管理员); "
                    + "overdue=true keeps the overdue ones. Persons who left the area have no rhythm (exemption LEFT_AREA); a trusted household (放心户) does not exempt its key person.")
    KeyPersonPage list(@RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "false") boolean mine, @RequestParam(required = false) UUID gridId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        KeyPersonCare.Listing listing = care.list(Callers.require(), mine, overdue, gridId);
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int current = Math.max(1, page);
        List<KeyPersonView> items = listing.items().stream().skip(Paging.offset(current, limit)).limit(limit)
                .map(l -> KeyPersonView.of(l.person(), l.status())).toList();
        return new KeyPersonPage(items, listing.total(), listing.overdue(), listing.items().size(), current, limit);
    }

    @GetMapping("/{personId}")
    @Operation(summary = "One key person: helper team with its history, risk history, visits and visit rhythm (read audited)",
            description = "404 for a person outside the caller's jurisdiction or who is no key person.")
    KeyPersonDetail one(@PathVariable UUID personId, Locale locale) {
        return KeyPersonDetail.of(care.read(personId, Callers.require(), locale));
    }

    @PostMapping("/{personId}/team")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Add a helper to the team: a staff member (staffId) or a named person with role, relation and phone",
            description = "Needs KEY_PERSON_MANAGE: the grid chief (community officer) and the police above him; a grid "
                    + "manager is refused (403, saying who decides) and changes nothing.")
    KeyPersons.Member addMember(@PathVariable UUID personId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MemberForm.class)))
            @RequestBody com.fasterxml.jackson.databind.JsonNode body) {
        // read field by field: an unknown role and a day that is no date are refused together, nothing saved
        List<org.fengqiao.platform.Invalid.Problem> found = new java.util.ArrayList<>();
        MemberForm f = json.read(body, MemberForm.class, found);
        try {
            return care.addMember(personId, new KeyPersonCare.NewMember(f.staffId(), f.name(), f.role(), f.relation(),
                    f.phone(), f.joinedOn()), found, Callers.require());
        } catch (org.fengqiao.platform.Invalid e) {
            throw org.fengqiao.platform.web.JsonFields.withoutEchoes(e, found);
        }
    }

    @PostMapping("/{personId}/team/{memberId}/end")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "A helper leaves the team on a day (today by default); the membership stays in the history",
            description = "Needs KEY_PERSON_MANAGE: the grid chief (community officer) and the police above him; a grid "
                    + "manager is refused (403, saying who decides) and changes nothing.")
    KeyPersons.Member endMember(@PathVariable UUID personId, @PathVariable UUID memberId, @RequestBody(required = false) EndForm f) {
        return care.endMember(personId, memberId, f == null ? null : f.leftOn(), f == null ? null : f.reason(),
                Callers.require());
    }

    @PutMapping("/{personId}/risk")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Set the risk level with a reason (at least 4 characters); audited with before and after",
            description = "Needs KEY_PERSON_MANAGE: the grid chief (community officer) and the police above him; a grid "
                    + "manager is refused (403, saying who decides) and changes nothing.")
    KeyPersonDetail setRisk(@PathVariable UUID personId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = RiskForm.class)))
            @RequestBody com.fasterxml.jackson.databind.JsonNode body, Locale locale) {
        List<org.fengqiao.platform.Invalid.Problem> found = new java.util.ArrayList<>();
        RiskForm f = json.read(body, RiskForm.class, found);
        try {
            care.setRisk(personId, f.risk(), f.reason(), found, Callers.require());
        } catch (org.fengqiao.platform.Invalid e) {
            throw org.fengqiao.platform.web.JsonFields.withoutEchoes(e, found);
        }
        return KeyPersonDetail.of(care.detail(personId, Callers.require(), locale));
    }

    @PostMapping("/{personId}/visits")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record a visit to the key person: the person's state and the team members who came",
            description = "An Idempotency-Key header (or idempotencyKey) makes a repeated submission answer the visit "
                    + "recorded the first time (200) instead of recording another (201); the same key with a different "
                    + "visit is refused (422) and nothing is recorded.")
    ResponseEntity<VisitView> visit(@PathVariable UUID personId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = VisitForm.class)))
            @RequestBody com.fasterxml.jackson.databind.JsonNode body,
            @RequestHeader(value = "Idempotency-Key", required = false) String key, Locale locale) {
        // read field by field: every mistyped value of the visit is refused with its other faults at once
        List<org.fengqiao.platform.Invalid.Problem> found = new java.util.ArrayList<>();
        VisitForm f = json.read(body, VisitForm.class, found);
        KeyPersonCare.RecordedVisit r;
        try {
            r = care.recordVisit(personId, new KeyPersonCare.NewVisit(f.findings(), f.state(), f.helperIds(),
                    f.visitedAt(), Boolean.TRUE.equals(f.contactCard())), key != null ? key : f.idempotencyKey(), found,
                    Callers.require());
        } catch (org.fengqiao.platform.Invalid e) {
            throw org.fengqiao.platform.web.JsonFields.withoutEchoes(e, found);
        }
        KeyPersonCare.Detail d = care.detail(personId, Callers.require(), locale);
        // as the person's record lists it: its changes in the reader's language
        KeyPersons.Visit v = d.visits().stream().filter(x -> x.id().equals(r.visit().id())).findFirst()
                .orElse(r.visit());
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(VisitView.of(v, d));
    }

    @PostMapping("/{personId}/contact-card")
    @PreAuthorize("hasAuthority('POPULATION_WRITE')")
    @Operation(summary = "Record the police contact card (警民联系卡) handed over to the key person's household on a day",
            description = "Recorded on his household, as POST /api/v1/households/{id}/contact-card does (the figures "
                    + "count it there), and audited as a change of the household. on: the day, not after today; "
                    + "visitId: the caller's own visit of today, listed under it. A person with no household: 400 "
                    + "(householdId), nothing recorded. 404 outside the caller's jurisdiction. Answers the key person "
                    + "with contactCardOn.")
    KeyPersonDetail contactCard(@PathVariable UUID personId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ContactCardForm.class)))
            @RequestBody com.fasterxml.jackson.databind.JsonNode body, Locale locale) {
        List<org.fengqiao.platform.Invalid.Problem> found = new java.util.ArrayList<>();
        ContactCardForm f = json.read(body, ContactCardForm.class, found);
        try {
            care.contactCard(personId, f.on(), f.visitId(), found, Callers.require());
        } catch (org.fengqiao.platform.Invalid e) {
            throw org.fengqiao.platform.web.JsonFields.withoutEchoes(e, found);
        }
        return KeyPersonDetail.of(care.detail(personId, Callers.require(), locale));
    }
}
