package org.fengqiao.incident.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.Subtype;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.IncidentProperties;
import org.fengqiao.incident.internal.Incidents;
import org.fengqiao.incident.internal.ReporterPhones;
import org.fengqiao.incident.internal.ResponsePeriodPolicy;
import org.fengqiao.incident.internal.ResponseTimes;
import org.fengqiao.incident.internal.StepPolicy;
import org.fengqiao.incident.internal.Submitter;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.Unchanged;
import org.fengqiao.platform.web.Paging;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents")
@Tag(name = "Incidents", description = "事项: reports from the field and the 110 centre, routed, escalated and timed")
class IncidentController {

    static final int MAX_PAGE = 100;

    private final IncidentDesk desk;
    private final Incidents incidents;
    private final ResponseTimes times;
    private final IncidentViews views;
    private final IncidentProperties properties;
    private final ReporterPhones phones;
    private final Jurisdictions jurisdictions;
    private final Clock clock;
    private final IncidentLedger ledger;

    IncidentController(IncidentDesk desk, Incidents incidents, ResponseTimes times, IncidentViews views,
            IncidentProperties properties, ReporterPhones phones, Jurisdictions jurisdictions, Clock clock,
            IncidentLedger ledger) {
        this.desk = desk;
        this.ledger = ledger;
        this.jurisdictions = jurisdictions;
        this.phones = phones;
        this.incidents = incidents;
        this.times = times;
        this.views = views;
        this.properties = properties;
        this.clock = clock;
    }

    /** A report from the field; {@code source} FIELD (default) or INFORMANT. */
    record Report(Source source, Category category, Subtype subtype, Offence offence, String department,
            String description, OffsetDateTime occurredAt, Double lon, Double lat, String address, UUID gridId,
            String reporterName, String reporterPhone, String idempotencyKey) {
    }

    record OffenceForm(Offence offence) {
    }

    record Note(String note) {
    }

    record Reason(String reason) {
    }

    record Phone(String phone) {
    }

    record ArrivalForm(IncidentDesk.Arrival role) {
    }

    record Referral(String department, String contact, String outcome) {
    }

    record PageView(List<IncidentViews.View> items, long total, int page, int size) {
    }

    @PostMapping
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "File a report from the field",
            description = "The grid is the one given (gridId) or the police grid holding lon/lat; it must lie in the "
                    + "caller's scope. An Idempotency-Key header (or idempotencyKey) makes a repeated submission "
                    + "answer the incident filed the first time (200) instead of filing another (201); the same key "
                    + "with a different report is refused (422) and nothing is filed.")
    ResponseEntity<IncidentViews.Detail> file(@RequestBody Report r,
            @RequestHeader(value = "Idempotency-Key", required = false) String key, Locale locale) {
        Caller caller = Callers.require();
        Source source = r.source() == null ? Source.FIELD : r.source();
        if (source != Source.FIELD && source != Source.INFORMANT) {
            throw Invalid.of("source", "incident.source.notHere");
        }
        StaffSources.mayFileAs(source, caller);
        NewIncident n = new NewIncident(source, r.category(), r.subtype(), r.offence(), r.department(), r.description(),
                r.occurredAt(), r.lon(), r.lat(), r.address(), r.gridId(), r.reporterName(), r.reporterPhone(), null,
                key != null ? key : r.idempotencyKey());
        IncidentDesk.Filed filed = desk.file(n, Submitter.of(caller));
        return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(views.detail(filed, locale));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    @Operation(summary = "The incidents of the caller's jurisdiction, overdue first",
            description = "Filters: status, category, gridId, overdue=true|false, open=true|false, mine=true (the items "
                    + "the caller owns), filed=true (the reports the caller filed himself, in any grid he may report in, "
                    + "those outside the grids he reads included), offence (a case's 案由, e.g. BURGLARY) or "
                    + "unclassified=true (the cases without one yet, 案由未定; not both), preventable=true (the cases "
                    + "whose offence is preventable, 可防性案件, as the work figures count them; refused with "
                    + "unclassified or with an offence that is not preventable, allowed with one that is), each "
                    + "leaving out a report merged into another as the work figures do; from and to (yyyy-MM-dd, "
                    + "both included, China Standard Time: received on those days); unitId (the subtree of one unit, 404 outside the "
                    + "caller's jurisdiction); source (e.g. CALL_110: what came in that way, a report merged into "
                    + "another left out, as the work figures count the 110 calls); show (the list page's tab: mine, "
                    + "open, overdue, all or filed, as the "
                    + "page's links and the work figures' list links carry it; the same as the flags above, so not "
                    + "together with overdue, open, mine or filed). 400 with the reason for a show that is none of "
                    + "the tabs: never read as all.")
    PageView list(@ParameterObject ListParameters filters, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size, Locale locale) {
        ListQuery query = ListQuery.read(filters, Callers.require(), jurisdictions);
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        Incidents.Page found = incidents.list(query.filter(), query.scope(), clock.instant(), limit,
                Paging.offset(p, limit));
        return new PageView(views.views(found.items(), locale), found.total(), p, limit);
    }

    @GetMapping("/export")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    @Operation(summary = "The incident ledger (事项台账): the list as xlsx, for the same filters, scoped and masked",
            description = "Takes exactly the list's filters (show, status, category, gridId, overdue, open, mine, "
                    + "filed, offence, unclassified, preventable, from, to, unitId, source) and answers every row the "
                    + "list would page through, in its order: tracking code, received, category, offence, source, "
                    + "grid, owning unit and person, status, escalations, the 1-3-5 response times (acknowledged, "
                    + "dispatched, arrived, resolved, answered), the due time, rating, the report it was merged into, "
                    + "the reporter as the list shows him (phone masked, an informant withheld from all but his "
                    + "handler and the station chief), address and description; headers in the reader's language. "
                    + "404 for a unit outside the caller's jurisdiction, 400 as the list for filters that list nothing "
                    + "and when more than 50,000 rows match (narrow the filters). Audited (EXPORT, incident) with the "
                    + "filters and the number of rows.")
    void export(@ParameterObject ListParameters filters, Locale locale, HttpServletResponse response)
            throws IOException {
        ListQuery query = ListQuery.read(filters, Callers.require(), jurisdictions);
        ledger.write(query, locale, response);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('INCIDENT_READ')")
    @Operation(summary = "One incident with its timeline")
    IncidentViews.Detail get(@PathVariable UUID id, Locale locale) {
        return views.detail(desk.get(id, Submitter.of(Callers.require())), locale);
    }

    @PostMapping("/{id}/reporter-phone")
    @PreAuthorize("hasAuthority('INCIDENT_REPORTER_REVEAL')")
    @Operation(summary = "The reporter's full phone, to call him back, with a reason that is audited",
            description = "Body {\"reason\": \"...\"} (at least 4 characters). Answers {\"phone\": \"...\"}. 404 outside "
                    + "the caller's scope; 400 without a reason, or when there is no phone to reveal; 403 for a mediator on an item "
                    + "that is not a dispute, or a grid coordinator on one that is not for another department, unless "
                    + "he owns it. Each reveal is "
                    + "written to the audit trail (REVEAL, incident) with its reason.")
    Phone reporterPhone(@PathVariable UUID id, @RequestBody(required = false) Reason reason) {
        return new Phone(phones.reveal(id, reason == null ? null : reason.reason(), Callers.require()));
    }

    @PostMapping("/{id}/acknowledge")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Take the incident up (受理)")
    IncidentViews.Detail acknowledge(@PathVariable UUID id, Locale locale) {
        return views.detail(desk.acknowledge(id, me()), locale);
    }

    @PostMapping("/{id}/dispatch")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Send someone out (派警)")
    IncidentViews.Detail dispatch(@PathVariable UUID id, @RequestBody(required = false) Note note, Locale locale) {
        return views.detail(desk.dispatch(id, note == null ? null : note.note(), me()), locale);
    }

    @PostMapping("/{id}/arrive")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Arrival at the scene", description = "role MANAGER (default) or GRID_CHIEF: for cases both are recorded.")
    IncidentViews.Detail arrive(@PathVariable UUID id, @RequestBody(required = false) ArrivalForm form, Locale locale) {
        return views.detail(desk.arrive(id, form == null ? null : form.role(), me()), locale);
    }

    @PostMapping("/{id}/resolve")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Resolved, with what was done")
    IncidentViews.Detail resolve(@PathVariable UUID id, @RequestBody(required = false) Note note, Locale locale) {
        return views.detail(desk.resolve(id, note == null ? null : note.note(), me()), locale);
    }

    @PostMapping("/{id}/answer")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "The reporter answered (回复); closes the incident")
    IncidentViews.Detail answer(@PathVariable UUID id, @RequestBody(required = false) Note note, Locale locale) {
        return views.detail(desk.answer(id, note == null ? null : note.note(), me()), locale);
    }

    @PostMapping("/{id}/escalate")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Move the incident up one level, with a reason")
    IncidentViews.Detail escalate(@PathVariable UUID id, @RequestBody(required = false) Reason reason, Locale locale) {
        return views.detail(desk.escalate(id, reason == null ? null : reason.reason(), me()), locale);
    }

    @PostMapping("/{id}/offence")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Set or correct a case's offence (案由)",
            description = "Body {\"offence\": \"BURGLARY\"}. Decides whether the case counts among the preventable "
                    + "cases (可防性案件) of the work figures. Written to the timeline (OFFENCE_SET) and the audit trail; "
                    + "open or closed cases alike; the same offence again changes nothing. 404 outside the caller's "
                    + "scope; 400 without an offence, for a value that is none of the list (the choices named in the "
                    + "reader's language), or on an item that is not a case.")
    IncidentViews.Detail offence(@PathVariable UUID id, @RequestBody(required = false) OffenceForm form, Locale locale) {
        try {
            return views.detail(desk.setOffence(id, form == null ? null : form.offence(), me()), locale);
        } catch (Unchanged e) {
            // the same offence again: answered as it stands
            return views.detail(desk.get(id, me()), locale);
        }
    }

    @PostMapping("/{id}/refer")
    @PreAuthorize("hasAuthority('INCIDENT_WRITE')")
    @Operation(summary = "Bring another department in: department, contact and outcome")
    IncidentViews.Detail refer(@PathVariable UUID id, @RequestBody(required = false) Referral r, Locale locale) {
        Referral f = r == null ? new Referral(null, null, null) : r;
        return views.detail(desk.refer(id, f.department(), f.contact(), f.outcome(), me()), locale);
    }

    /** Named apart in the API's description: three records of the platform are called Figures, and one hid another. */
    @Schema(name = "ResponseTimeFigures")
    record Figures(IncidentProperties.Response targets, OffsetDateTime from, OffsetDateTime to, UUID unitId,
            List<ResponseTimes.Row> grids, List<ResponseTimes.Row> people) {
    }

    @GetMapping("/response-times")
    @PreAuthorize("hasAuthority('INCIDENT_STATS')")
    @Operation(summary = "Quick-response times per grid and per person against the targets",
            description = "Median and 90th percentile seconds from receipt to acknowledgement, dispatch, arrival and resolution, "
                    + "for incidents received in [from, to) (default: the last 30 days up to now), in the caller's scope or "
                    + "in the subtree of unitId (404 outside the scope). 400 when from is not before to, from is later than "
                    + "now, or to is later than the end of today (China Standard Time). Needs INCIDENT_STATS, like the "
                    + "satisfaction figures: volunteers, informants and grid members who read items do not rate the police.")
    Figures responseTimes(@RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) UUID unitId) {
        Instant now = clock.instant();
        OffsetDateTime end = to;
        if (end == null) {
            // up to now (inclusive), but never past today's end, which a period may not reach beyond
            end = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).plusSeconds(1);
            OffsetDateTime endOfToday = ResponsePeriodPolicy.endOfToday(now);
            end = end.isAfter(endOfToday) ? endOfToday : end;
        }
        OffsetDateTime start = from != null ? from : end.minusDays(30);
        ResponseTimes.Report r = times.of(Callers.require(), unitId, start, end, now);
        return new Figures(properties.response(), r.from(), r.to(), unitId, r.grids(), r.people());
    }

    /** The one taking an item's step: refused (403) for those who only report and follow what they filed. */
    private static Submitter me() {
        Caller caller = Callers.require();
        StepPolicy.require(caller);
        return Submitter.of(caller);
    }
}
