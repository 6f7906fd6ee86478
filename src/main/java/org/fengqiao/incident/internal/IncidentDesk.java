package org.fengqiao.incident.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.incident.Category;
import org.fengqiao.incident.IncidentDisputeForMediation;
import org.fengqiao.incident.IncidentReopened;
import org.fengqiao.incident.IncidentResolved;
import org.fengqiao.incident.IncidentStepRecorded;
import org.fengqiao.incident.NewIncident;
import org.fengqiao.incident.Offence;
import org.fengqiao.incident.Source;
import org.fengqiao.incident.internal.Incidents.Incident;
import org.fengqiao.incident.internal.Incidents.Status;
import org.fengqiao.incident.internal.RoutingPolicy.Decision;
import org.fengqiao.incident.internal.RoutingPolicy.Person;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.GridRetired;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.jurisdiction.UnitKind;
import org.fengqiao.platform.ChoiceNames;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.Unchanged;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.fengqiao.platform.database.GroupCommit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Files incidents and carries them through their steps: routes a new one by {@link RoutingPolicy} to a
 * named person of its grid, records every step in the timeline and the audit trail, and moves an item up
 * one level (by hand with a reason, or by the sweep when a deadline passes). Each change is one
 * transaction with the row locked; at its end an open item has one owning unit and one named person.
 */
@Service
public class IncidentDesk implements AutoCloseable {

    /** The longest reporter's name a report keeps, as the forms limit it. */
    static final int REPORTER_NAME_MAX = 100;

    /** The longest idempotency key (a 110 case number, an Idempotency-Key) kept, as the points' form keys are. */
    static final int MAX_KEY = 200;

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern FIXED = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");

    /**
     * The answer to a filing: the incident; for one filed now, its timeline and the possible duplicates offered
     * (so the answer reads neither back), for a repeated submission null for both.
     */
    public record Filed(Incident incident, boolean created, List<Incidents.Event> timeline,
            List<Duplicates.Shown> offers) {

        public Filed(Incident incident, boolean created) {
            this(incident, created, null, null);
        }
    }

    @ChoiceNames("gridRole.")
    public enum Arrival { MANAGER, GRID_CHIEF }

    /** The reason of the acknowledgement a filing records when it routes the report back to its filer. */
    public static final String ACKNOWLEDGED_AT_FILING = IncidentStepRecorded.ACKNOWLEDGED_AT_FILING;

    private final Incidents incidents;
    private final Owners owners;
    private final Jurisdictions jurisdictions;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Deadlines deadlines;
    private final RoutingPolicy policy = new RoutingPolicy();
    private final StandardAddresses addresses;
    private final Duplicates duplicates;

    /** The group commit of filings; null when it is off (no writers): each report in a transaction of its own. */
    private final GroupCommit<Prepared, Filed> intake;
    private final TransactionTemplate tx;

    public IncidentDesk(Incidents incidents, Owners owners, Jurisdictions jurisdictions, PersonalDataCipher cipher,
            ApplicationEventPublisher events, Clock clock, IncidentProperties properties, Duplicates duplicates,
            PlatformTransactionManager transactions, StandardAddresses addresses) {
        this.addresses = addresses;
        this.tx = new TransactionTemplate(transactions);
        IncidentProperties.GroupCommit group = properties.groupCommit();
        this.intake = group.writers() < 1 ? null
                : new GroupCommit<>("incident-intake", group.writers(), group.maxBatch(), tx, this::write);
        this.duplicates = duplicates;
        this.incidents = incidents;
        this.owners = owners;
        this.jurisdictions = jurisdictions;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
        this.deadlines = new Deadlines(properties.escalation());
    }

    /** How many filings were handed to the group commit and not yet answered. */
    int pendingFilings() {
        return intake == null ? 0 : intake.pending();
    }

    /** Writes the filings still waiting; later ones are written on their filer's thread. */
    @Override
    public void close() {
        if (intake != null) {
            intake.close();
        }
    }

    /** Now, to the microsecond the database keeps, so what a step answers equals what is read back later. */
    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The incident if it is in the person's reach ({@link ReadingPolicy}), or if he filed it himself: a grid member
     * follows what he reported in a grid he no longer serves.
     */
    public Incident get(UUID id, Submitter who) {
        return incidents.findVisible(id, who.reach())
                .or(() -> who.staffId() == null ? Optional.empty()
                        : incidents.find(id).filter(i -> who.staffId().equals(i.createdBy())))
                .orElseThrow(() -> new NotFound("incident", id));
    }

    /**
     * Files a report: checks it, finds its grid, routes it, and writes it with its first steps, its possible
     * duplicates, its events and its audit entry. Reports that arrive together are written together, in one
     * transaction, by a writer of {@link #intake} (group commit); the filer waits for that commit, so a report
     * answered is stored. A report filed within a transaction of the caller (a resident's report with its photos) is
     * written in it.
     */
    public Filed file(NewIncident n, Submitter who) {
        OffsetDateTime now = now();
        String key = n.idempotencyKey() == null || n.idempotencyKey().isBlank() ? null : n.idempotencyKey().trim();
        byte[] hash = key == null ? null : SubmissionHash.of(n);
        // A key filed before is found by the insert below (its unique index), not looked up first: every filing
        // would pay a round trip for what only a retry needs. A retry is checked and routed again like a new
        // report; should it no longer pass the checks (a grid removed meanwhile), it still answers the first report.
        List<Invalid.Problem> problems = new ArrayList<>();
        Located at = located(n, who, now, problems);
        if (!problems.isEmpty()) {
            Optional<Incidents.Prior> prior = key == null ? Optional.empty() : incidents.prior(who.key(), key);
            if (prior.isPresent()) {
                return repeated(prior.get(), hash);
            }
            throw new Invalid("error.invalid", problems);
        }
        Prepared report = routed(at.report(), who, now, key, hash, at.grid(), at.phone());
        Filed filed = intake == null || TransactionSynchronizationManager.isActualTransactionActive()
                ? tx.execute(status -> write(List.of(report)).get(0))
                : intake.submit(report);
        // null: the same key filed before, or meanwhile by a concurrent request
        return filed != null ? filed : repeated(incidents.prior(who.key(), key).orElseThrow(), hash);
    }

    /** What filing this report would refuse in it, all at once; nothing is written. */
    public List<Invalid.Problem> problems(NewIncident n, Submitter who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        located(n, who, now(), problems);
        return problems;
    }

    /** A report checked: located (its grid, and its point when its address gave one), its phone as stored. */
    private record Located(NewIncident report, Grid grid, String phone) {
    }

    /** The fields that say where it happened: while one is wrong, no grid is looked for. */
    private static final java.util.Set<String> WHERE = java.util.Set.of("location", "address", "gridId");

    /**
     * Checks a report and finds its grid, adding every problem found to {@code problems}: where it happened is looked
     * up unless the fields saying so are wrong themselves, so a form is told all its faults at once (a missing category
     * does not hide an address that names nowhere). The grid is null when there is a problem.
     */
    private Located located(NewIncident n, Submitter who, OffsetDateTime now, List<Invalid.Problem> problems) {
        check(n, now, problems);
        boolean placeable = problems.stream().noneMatch(p -> WHERE.contains(p.field()));
        if (placeable && n.lon() == null && n.gridId() == null) {
            // no point and no grid, but where it happened in words: the standard address so written, or the most
            // like it, gives the grid and the point (the duplicate check needs one). Words matched as well by
            // addresses in several grids (a village named alone) do not say which grid: placing the report in the best
            // match's would hand it by chance to one grid's people, so it is refused, the 110 centre's push included
            // (it sends a point or a grid; an item with a chance owner has no owner for the rest of the village, seed
            // 004's 事事有着落, while a refused push is answered at once and pushed again with its point).
            Optional<StandardAddresses.Match> named = addresses.matching(n.address(), who.reportPaths(), who.reportGrids());
            if (named.isEmpty()) {
                problems.add(problem("address", "incident.address.notFound"));
                placeable = false;
            } else if (!named.get().tellsGridApart()) {
                problems.add(new Invalid.Problem("address", "incident.address.severalGrids",
                        new Object[] {named.get().grids()}));
                placeable = false;
            } else {
                StandardAddresses.Address a = named.get().address();
                boolean point = a.lon() != null && a.lat() != null;
                n = n.locatedAt(a.gridId(), point ? a.lon() : null, point ? a.lat() : null);
            }
        }
        Grid grid = placeable ? grid(n, who, problems) : null;
        String phone = SubmissionHash.phone(n.reporterPhone());
        if (phone != null && !MOBILE.matcher(phone).matches() && !FIXED.matcher(phone).matches()) {
            problems.add(problem("reporterPhone", "incident.reporterPhone.invalid"));
        }
        return new Located(n, problems.isEmpty() ? grid : null, phone);
    }

    /**
     * A report checked and routed, with the incident as it will be stored; and who filed it, from where (the
     * security context and the request), for the events and the audit entry a writer publishes for it.
     */
    record Prepared(NewIncident n, Submitter who, OffsetDateTime now, Grid grid, Decision decision, Incidents.New row,
            Incident filed, SecurityContext security, RequestAttributes request) {
    }

    private Prepared routed(NewIncident n, Submitter who, OffsetDateTime now, String key, byte[] hash, Grid grid,
            String phone) {
        RoutingPolicy.Roster roster = owners.roster(grid.id().value());
        Owners.Level[] duty = new Owners.Level[1];
        Decision decision = policy.decide(n.category(), n.source(), roster, () -> {
            duty[0] = owners.stationDuty(grid.unitId());
            return duty[0].person();
        });
        Unit ownerUnit = duty[0] != null ? duty[0].unit() : owners.unit(grid.unitId().value());
        // routed back to the staff member who filed it (a grid manager's report of a help call in his own grid): filing
        // it was his receipt and acknowledgement, he is there. Left waiting for him to take it up, the sweep moved it to
        // his officer as unanswered after the answer time. It is acknowledged at its receipt, by him, and given the
        // time to resolve it; the 1-3-5 figures leave that acknowledgement out (ResponseTimes: it answers nobody)
        boolean takenUp = who.staffId() != null && who.staffId().equals(decision.owner().staffId());
        Status status = takenUp ? Status.ACKNOWLEDGED : Status.RECEIVED;
        OffsetDateTime due = deadlines.due(status, ownerUnit.kind(), now, null);
        UUID id = UUID.randomUUID();
        String masked = phone == null ? null : phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        OffsetDateTime occurred = n.occurredAt() == null ? now
                : n.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime next = ownerUnit.parentId() == null ? null : due;
        Incidents.New row = new Incidents.New(id, trackingCode(), n.source(), n.category(), n.subtype(), n.offence(),
                blankToNull(n.department()), n.description().trim(), occurred,
                n.lon(), n.lat(), blankToNull(n.address()), grid.id().value(), ownerUnit.id().value(),
                decision.owner().staffId(), now, decision.rule().name(), decision.reasonKey(), decision.fallbackKey(), due,
                next, blankToNull(n.reporterName()),
                phone == null ? null : cipher.encrypt(phone), masked, blankToNull(n.externalRef()), who.key(), key,
                who.staffId(), hash, takenUp ? who.staffId() : null);
        // the incident as stored, built here rather than read back
        UUID unitId = ownerUnit.id().value();
        Person owner = decision.owner();
        Incident filed = new Incident(id, row.trackingCode(), n.source(), n.category(), n.subtype(), n.offence(),
                row.department(),
                row.description(), occurred, n.lon(), n.lat(), row.address(), grid.id().value(), grid.code(), grid.name(),
                grid.unitPath(), status, unitId, ownerUnit.name(), ownerUnit.kind().name(), owner.staffId(),
                owner.name(), now, 0, row.rule(), row.reason(), row.fallback(), now, takenUp ? now : null, null, null,
                null, null, null,
                due, next, row.reporterName(), masked, row.externalRef(), who.staffId(), now, 0);
        return new Prepared(n, who, now, grid, decision, row, filed, SecurityContextHolder.getContext(),
                RequestContextHolder.getRequestAttributes());
    }

    /**
     * Writes reports in the transaction it is called in, each as if filed alone one after the other: the incidents,
     * their possible duplicates and their first steps in one statement each, then each report's events and audit
     * entry in the name of whoever filed it. Answers each report as filed, or null when its key was filed before.
     */
    private List<Filed> write(List<Prepared> reports) {
        // checked before this transaction: held now against a retirement, and refused if one passed meanwhile (the
        // batch then fails and each report is written alone, this one refused)
        jurisdictions.holdInUse(reports.stream().map(p -> p.grid().id()).toList());
        boolean[] created = incidents.insert(reports.stream().map(Prepared::row).toList());
        List<Prepared> made = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            if (created[i]) {
                made.add(reports.get(i));
            }
        }
        List<List<Duplicates.Shown>> offers = made.isEmpty() ? List.of()
                : duplicates.offer(made.stream().map(Prepared::filed).toList(), made.stream().map(Prepared::now).toList());
        // the first steps of the timelines in one statement, the duplicates offered among them
        List<Incidents.Steps> steps = new ArrayList<>();
        for (int k = 0; k < made.size(); k++) {
            steps.add(firstSteps(made.get(k), !offers.get(k).isEmpty()));
        }
        List<List<Incidents.Event>> timelines = steps.isEmpty() ? List.of() : incidents.steps(steps);
        Map<UUID, Filed> filed = new HashMap<>();
        for (int k = 0; k < made.size(); k++) {
            Prepared p = made.get(k);
            List<Incidents.Event> timeline = timelines.get(k);
            as(p, () -> {
                for (Incidents.Event step : timeline) {
                    published(p.filed(), step.kind(), p.now(), step.kind().equals("RECEIVED") ? null : step.reason(),
                            Incidents.reasonIsKey(step));
                }
                if (p.decision().mediation()) {
                    events.publishEvent(new IncidentDisputeForMediation(p.filed().id(), p.filed().trackingCode(),
                            p.grid().id(), p.grid().unitPath(), p.filed().description(), p.filed().address(),
                            p.row().reporterName(), SubmissionHash.phone(p.n().reporterPhone()), true));
                }
                events.publishEvent(Audited.created("incident", p.filed().id(), p.grid().unitPath(), snapshot(p.filed()))
                        .by(p.who().name()));
            });
            filed.put(p.filed().id(), new Filed(p.filed(), true, timeline, offers.get(k)));
        }
        return reports.stream().map(p -> filed.get(p.filed().id())).toList();
    }

    private static Incidents.Steps firstSteps(Prepared p, boolean offered) {
        Incident i = p.filed();
        Decision decision = p.decision();
        List<String> informed = decision.informed().stream().map(Person::name).toList();
        List<Incidents.Event> steps = new ArrayList<>();
        steps.add(new Incidents.Event(0, "RECEIVED", p.now(), p.who().name(), i.ownerUnitId(), i.ownerUnitName(),
                i.ownerStaffId(), i.ownerStaffName(), null, null, null, null, null, p.n().source().name()));
        steps.add(new Incidents.Event(0, "ROUTED", p.now(), null, i.ownerUnitId(), i.ownerUnitName(), i.ownerStaffId(),
                i.ownerStaffName(), decision.reasonKey(), true, null, null, null,
                String.join(",", informed) + (decision.fallbackKey() == null ? "" : "|" + decision.fallbackKey())));
        if (decision.mediation()) {
            steps.add(new Incidents.Event(0, "MEDIATION", p.now(), null, i.ownerUnitId(), i.ownerUnitName(),
                    i.ownerStaffId(), i.ownerStaffName(), "incident.routing.DISPUTE_FROM_110", true, null, null, null,
                    null));
        }
        if (i.status() == Status.ACKNOWLEDGED) {
            // routed back to its filer: his filing took it up (see routed)
            steps.add(new Incidents.Event(0, "ACKNOWLEDGED", p.now(), p.who().name(), i.ownerUnitId(),
                    i.ownerUnitName(), i.ownerStaffId(), i.ownerStaffName(), ACKNOWLEDGED_AT_FILING, true, null, null,
                    null, null));
        }
        if (offered) {
            steps.add(new Incidents.Event(0, "DUPLICATE_OFFERED", p.now(), null, i.ownerUnitId(), i.ownerUnitName(),
                    i.ownerStaffId(), i.ownerStaffName(), "incident.duplicate.offered", true, null, null, null, null));
        }
        return new Incidents.Steps(i.id(), p.who().staffId(), steps);
    }

    /** Runs with the filer's security context and request, as on his own thread (a writer writes for many). */
    private static void as(Prepared p, Runnable action) {
        SecurityContext security = SecurityContextHolder.getContext();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (security == p.security() && request == p.request()) {
            action.run();
            return;
        }
        SecurityContextHolder.setContext(p.security());
        RequestContextHolder.setRequestAttributes(p.request());
        try {
            action.run();
        } finally {
            SecurityContextHolder.setContext(security);
            RequestContextHolder.setRequestAttributes(request);
        }
    }

    /**
     * A key filed before: the same submission answers the first incident; a different one is refused, nothing
     * filed. Incidents filed before submissions were hashed (no hash) answer as the same.
     */
    private Filed repeated(Incidents.Prior prior, byte[] hash) {
        if (prior.submissionHash() != null && !java.security.MessageDigest.isEqual(prior.submissionHash(), hash)) {
            throw new IdempotencyKeyReused(prior.id());
        }
        return new Filed(incidents.find(prior.id()).orElseThrow(), false);
    }

    private void check(NewIncident n, OffsetDateTime now, List<Invalid.Problem> problems) {
        if (n.idempotencyKey() != null && n.idempotencyKey().trim().length() > MAX_KEY) {
            // a key is kept in a unique index, which takes no entry past about 2.7 kB: a longer one (a case's text
            // sent where its number goes) failed the insert with a server error that named nothing
            problems.add(problem("idempotencyKey", "incident.idempotencyKey.tooLong"));
        }
        if (n.source() == null) {
            problems.add(problem("source", "error.field.required"));
        }
        if (n.category() == null) {
            problems.add(problem("category", "error.field.required"));
        } else if (n.category() == Category.CASE && n.subtype() == null) {
            problems.add(problem("subtype", "incident.subtype.required"));
        } else if (n.category() != Category.CASE && n.subtype() != null) {
            problems.add(problem("subtype", "incident.subtype.onlyForCases"));
        }
        if (n.offence() != null && n.category() != null && n.category() != Category.CASE) {
            problems.add(problem("offence", "incident.offence.onlyForCases"));
        }
        if (n.category() == Category.DEPARTMENT && (n.department() == null || n.department().isBlank())) {
            problems.add(problem("department", "incident.department.required"));
        }
        if (n.description() == null || (n.description().isBlank() && n.source() != Source.OPEN311)) {
            // GeoReport v2 makes the description optional: an Open311 request may come without words (stored empty)
            problems.add(problem("description", "error.field.required"));
        } else if (n.description().length() > 4000) {
            problems.add(problem("description", "incident.description.tooLong"));
        } else if (Texts.hasControlCharacters(n.description())) {
            problems.add(problem("description", "incident.text.control"));
        }
        if (n.occurredAt() != null && n.occurredAt().isAfter(now.plusMinutes(5))) {
            problems.add(problem("occurredAt", "incident.occurredAt.future"));
        }
        if ((n.lon() == null) != (n.lat() == null)) {
            problems.add(problem("location", "incident.location.incomplete"));
        } else if (n.lon() != null && (n.lon() < -180 || n.lon() > 180 || n.lat() < -90 || n.lat() > 90)) {
            problems.add(problem("location", "incident.location.outOfRange"));
        }
        if (n.lon() == null && n.gridId() == null && (n.address() == null || n.address().isBlank())) {
            problems.add(problem("location", "incident.location.required"));
        }
        if (n.address() != null && n.address().length() > 500) {
            problems.add(problem("address", "incident.address.tooLong"));
        } else if (n.address() != null && Texts.hasControlCharacters(n.address())) {
            problems.add(problem("address", "incident.text.control"));
        }
        // as the forms limit them in the browser (the residents' name field 100 characters, the staff's 50; the
        // department 100, as a referral's): the staff read these where a name or a department stands
        checkText(problems, "reporterName", "incident.field.reporterName", REPORTER_NAME_MAX, n.reporterName());
        checkText(problems, "department", "incident.field.department", 100, n.department());
    }

    /**
     * A step's note as the page's form allows it (2000 characters, no control characters): the form's limit is the
     * browser's, a pasted text or a client of its own may pass it.
     */
    private static void checkNote(String field, String note) {
        if (note != null && note.length() > 2000) {
            throw Invalid.of(field, "incident.note.tooLong");
        }
        if (note != null && Texts.hasControlCharacters(note)) {
            throw Invalid.of(field, "incident.text.control");
        }
    }

    /**
     * A field of a step's form checked as a step's note is ({@link #checkNote}), to the length the page's form allows
     * it: the line names the field by the form's label ({@code label}, resolved in the reader's language), as the
     * escalation's and the referral's fields share one form's worth of lines.
     */
    private static void checkText(List<Invalid.Problem> problems, String field, String label, int max, String text) {
        if (text == null) {
            return;
        }
        MessageSourceResolvable named = new DefaultMessageSourceResolvable(label);
        if (text.length() > max) {
            problems.add(new Invalid.Problem(field, "incident.text.fieldTooLong",
                    new Object[] {named, String.valueOf(max)}));
        } else if (Texts.hasControlCharacters(text)) {
            problems.add(new Invalid.Problem(field, "incident.text.fieldControl", new Object[] {named}));
        }
    }

    /** The grid chosen, or the police grid holding the location; either must lie where the submitter may report. */
    private Grid grid(NewIncident n, Submitter who, List<Invalid.Problem> problems) {
        if (n.gridId() != null) {
            Optional<Grid> grid = jurisdictions.grid(new GridId(n.gridId())).filter(who::mayReportIn);
            if (grid.isEmpty()) {
                // one who may report anywhere (a resident, an Open311 client) has no jurisdiction to be outside of
                problems.add(problem("gridId",
                        who.reportPaths() == null ? "incident.grid.notFound" : "incident.grid.unknown"));
                return null;
            }
            if (grid.get().retired()) {
                // a grid merged away (a stale form, the API) holds no new report: another grid is asked for
                problems.add(GridRetired.problem("gridId", grid.get()));
                return null;
            }
            return grid.get();
        }
        Optional<Grid> located = jurisdictions.locate(n.lat(), n.lon(), GridNetwork.POLICE);
        if (located.isEmpty()) {
            problems.add(problem("location", "incident.grid.notLocated"));
            return null;
        }
        if (!who.mayReportIn(located.get())) {
            problems.add(problem("location", "incident.grid.outsideScope"));
            return null;
        }
        return located.get();
    }

    @Transactional
    public Incident acknowledge(UUID id, Submitter who) {
        return step(id, who, "ACKNOWLEDGED", (i, now) -> {
            if (i.status() != Status.RECEIVED) {
                throw new Conflict("incident.step.notNow");
            }
            set(i, Status.ACKNOWLEDGED, now, "acknowledged_at = ?, acknowledged_by = ?", now, who.staffId());
        }, null);
    }

    @Transactional
    public Incident dispatch(UUID id, String note, Submitter who) {
        checkNote("note", note);
        return step(id, who, "DISPATCHED", (i, now) -> {
            if (i.status() != Status.RECEIVED && i.status() != Status.ACKNOWLEDGED) {
                throw new Conflict("incident.step.notNow");
            }
            // the 1-3-5 times measure the first response: sent out again after a reopening, the step is on the
            // timeline, but the dispatch time stays the first (as acknowledged and arrived do), never after the arrival
            set(i, Status.DISPATCHED, now, "dispatched_at = coalesce(dispatched_at, ?), "
                    + "acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by = coalesce(acknowledged_by, ?)",
                    now, now, who.staffId());
        }, note);
    }

    @Transactional
    public Incident arrive(UUID id, Arrival who, Submitter by) {
        Arrival role = who == null ? Arrival.MANAGER : who;
        return step(id, by, role == Arrival.MANAGER ? "ARRIVED" : "CHIEF_ARRIVED", (i, now) -> {
            if (!i.status().open() || i.status() == Status.RESOLVED) {
                throw new Conflict("incident.step.notNow");
            }
            // once per round: a report its reporter reopened and that is sent out again is arrived at again, the
            // arrival on the timeline; the arrival times stay the first round's, which the 1-3-5 figures measure
            // (as the dispatch time does)
            if (role == Arrival.MANAGER) {
                if (i.arrivedAt() != null && incidents.tookStepThisRound(i.id(), "ARRIVED")) {
                    throw new Conflict("incident.step.already");
                }
                set(i, Status.ARRIVED, now, "arrived_at = coalesce(arrived_at, ?), "
                        + "arrived_by = CASE WHEN arrived_at IS NULL THEN ? ELSE arrived_by END, "
                        + "acknowledged_at = coalesce(acknowledged_at, ?), "
                        + "acknowledged_by = coalesce(acknowledged_by, ?)", now, by.staffId(), now, by.staffId());
            } else {
                if (i.chiefArrivedAt() != null && incidents.tookStepThisRound(i.id(), "CHIEF_ARRIVED")) {
                    throw new Conflict("incident.step.already");
                }
                set(i, Status.ARRIVED, now, "chief_arrived_at = coalesce(chief_arrived_at, ?), "
                        + "acknowledged_at = coalesce(acknowledged_at, ?), "
                        + "acknowledged_by = coalesce(acknowledged_by, ?)", now, now, by.staffId());
            }
        }, null);
    }

    @Transactional
    public Incident resolve(UUID id, String note, Submitter who) {
        if (note == null || note.isBlank()) {
            throw Invalid.of("note", "incident.resolve.noteRequired");
        }
        checkNote("note", note);
        return step(id, who, "RESOLVED", (i, now) -> {
            if (i.status() == Status.RECEIVED || !i.status().open() || i.status() == Status.RESOLVED) {
                throw new Conflict("incident.step.notNow");
            }
            OffsetDateTime due = deadlines.due(Status.RESOLVED, kind(i), i.ownerSince(), now);
            incidents.update(i.id(), "status = 'RESOLVED', resolved_at = ?, due_at = ?, next_escalation_at = ?", now,
                    due, i.nextEscalationAt() == null ? null : due);
        }, note);
    }

    /**
     * The matter was settled where the item handed it (a 110 dispute's mediation case ended in an agreement): the item
     * is resolved in the name of whoever settled it, {@code reasonKey} saying why and {@code note} what was settled,
     * from whatever step it had reached, as nothing is left to do on it that the mediation did not do; its reporter is
     * answered as for any resolved item. One resolved, answered or merged already keeps its state and gets no step.
     * Answers the item as it is after, if it was resolved now.
     */
    @Transactional
    public Optional<Incident> resolveSettled(UUID id, String reasonKey, String note, UUID actorId, String actorName) {
        incidents.lock(id);
        Incident before = incidents.find(id).orElse(null);
        if (before == null || !before.status().open() || before.status() == Status.RESOLVED) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        OffsetDateTime due = deadlines.due(Status.RESOLVED, kind(before), before.ownerSince(), now);
        incidents.update(id, "status = 'RESOLVED', resolved_at = ?, due_at = ?, next_escalation_at = ?", now, due,
                before.nextEscalationAt() == null ? null : due);
        // an agreement may be longer than a step's note is kept on the timeline: the case holds it whole
        String kept = note == null || note.isBlank() ? null
                : note.trim().length() > 2000 ? note.trim().substring(0, 2000) : note.trim();
        incidents.event(id, "RESOLVED", now, actorId, actorName, before.ownerUnitId(), before.ownerUnitName(),
                before.ownerStaffId(), before.ownerStaffName(), reasonKey, true, null, null, null, kept);
        Incident after = audited(before, new Submitter(actorId == null ? "system" : "staff:" + actorId, actorId,
                actorName, null));
        published(after, "RESOLVED", now, reasonKey, true);
        return Optional.of(after);
    }

    /**
     * A module the item stands in tells its owner what happened there without changing its state (a claim on the hard
     * cases' board: taken up, sent back, given up): a NOTE step, {@code reasonKey} saying what in the reader's
     * language and {@code note} the words of those who acted, dated when it happened. Told twice (the same reason at
     * the same moment), it is written once; an item closed (answered, merged) gets nothing. Answers whether it was
     * written.
     */
    @Transactional
    public boolean noteFromElsewhere(UUID id, String reasonKey, String note, UUID actorId, String actorName,
            Instant at) {
        incidents.lock(id);
        Incident i = incidents.find(id).orElse(null);
        if (i == null || !i.status().open()) {
            return false;
        }
        OffsetDateTime when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        if (incidents.hasStep(id, "NOTE", reasonKey, when)) {
            return false;
        }
        String kept = note == null || note.isBlank() ? null
                : note.trim().length() > 2000 ? note.trim().substring(0, 2000) : note.trim();
        incidents.event(id, "NOTE", when, actorId, actorName, i.ownerUnitId(), i.ownerUnitName(), i.ownerStaffId(),
                i.ownerStaffName(), reasonKey, true, null, null, null, kept);
        published(i, "NOTE", when, reasonKey, true);
        return true;
    }

    @Transactional
    public Incident answer(UUID id, String note, Submitter who) {
        if (note == null || note.isBlank()) {
            throw Invalid.of("note", "incident.answer.noteRequired");
        }
        checkNote("note", note);
        Incident answered = step(id, who, "ANSWERED", (i, now) -> {
            if (i.status() != Status.RESOLVED) {
                throw new Conflict("incident.step.notNow");
            }
            incidents.update(i.id(), "status = 'ANSWERED', answered_at = ?, due_at = NULL, next_escalation_at = NULL", now);
        }, note);
        answerMerged(answered, note.trim(), who);
        return answered;
    }

    /**
     * The reporters of the duplicates merged into an answered item get its answer too, each on his own timeline: also
     * when it is answered again after its own reporter reopened it, so theirs does not stay the answer taken back.
     */
    private void answerMerged(Incident primary, String note, Submitter who) {
        for (UUID d : duplicates.duplicatesOf(primary.id())) {
            Incident before = incidents.find(d).orElseThrow();
            OffsetDateTime now = primary.answeredAt();
            incidents.update(d, "status = 'ANSWERED', answered_at = ?, due_at = NULL, next_escalation_at = NULL", now);
            recordStep(before, "ANSWERED", now, who.staffId(), who.name(), "incident.merge.answeredWithPrimary", note);
            audited(before, who);
        }
    }

    /**
     * Writes a step that leaves the owner as it is (duplicates offered, merged) to the timeline and tells the
     * listeners, like every other step.
     */
    void recordStep(Incident i, String kind, OffsetDateTime now, UUID actorId, String actorName, String reasonKey,
            String note) {
        recordStep(i, kind, now, actorId, actorName, reasonKey, note, null);
    }

    /** As the step above, naming the report a merge's duplicate was merged into ({@code MERGED_INTO}, V190). */
    void recordStep(Incident i, String kind, OffsetDateTime now, UUID actorId, String actorName, String reasonKey,
            String note, UUID mergedInto) {
        incidents.event(i.id(), kind, now, actorId, actorName, i.ownerUnitId(), i.ownerUnitName(), i.ownerStaffId(),
                i.ownerStaffName(), reasonKey, true, null, null, null, note, mergedInto);
        published(i, kind, now, reasonKey, true);
    }

    /**
     * A step the reporter took on the public pages (INFORMATION_ADDED, RATED) at the given moment: written to
     * the timeline with the present owner, and published with his words as its reason, so the owner hears of it and
     * of what he wrote. The owner stays.
     */
    @Transactional
    public Incident reporterStep(UUID id, String kind, String actorName, String note, Instant at) {
        return reporterStep(id, kind, actorName, note, at, null);
    }

    /**
     * As {@link #reporterStep(UUID, String, String, String, Instant)}, for a step the reporter of another report took:
     * {@code from} is the message key that says whose it is (the step's reason), null for the report's own reporter.
     */
    @Transactional
    public Incident reporterStep(UUID id, String kind, String actorName, String note, Instant at, String from) {
        incidents.lock(id);
        Incident i = incidents.find(id).orElseThrow(() -> new NotFound("incident", id));
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        incidents.event(id, kind, now, null, actorName, i.ownerUnitId(), i.ownerUnitName(), i.ownerStaffId(),
                i.ownerStaffName(), from, from != null, null, null, null, blankToNull(note));
        published(i, kind, now, blankToNull(note), false);
        return i;
    }

    /**
     * The reporter reopens an answered item within {@code window} of the answer, with a reason: it goes back to
     * its last owner at that level, taken up if it ever was (with a fresh deadline to resolve it), else waiting to be
     * taken up (with a fresh deadline for that: a duplicate merged before anyone acknowledged it); the first
     * resolution and answer stay in the timeline. A report that was merged into another and answered with it is its own
     * open item again: its reporter did not accept the answer they shared, the other's reporter may have. It is no longer
     * merged (merged_into cleared: not listed with the other, offered as a possible duplicate again, mergeable again);
     * the merge stays on both timelines and the audit entry names the report it was merged into.
     */
    @Transactional
    public Incident reopen(UUID id, String reason, String actorName, Instant at, java.time.Duration window) {
        if (reason == null || reason.isBlank()) {
            throw Invalid.of("reason", "incident.reopen.reasonRequired");
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        checkText(problems, "reason", "incident.reopen.reasonLabel", 2000, reason); // the tracking page's limit
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        incidents.lock(id);
        Incident before = incidents.find(id).orElseThrow(() -> new NotFound("incident", id));
        if (before.status() != Status.ANSWERED) {
            throw new Conflict("incident.reopen.notAnswered");
        }
        if (at.isAfter(before.answeredAt().toInstant().plus(window))) {
            throw new Conflict("incident.reopen.tooLate", window.toDays());
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        // taken up again if someone once took it up; a report merged as a duplicate before anyone did was answered
        // with the other and never taken up itself: it waits to be, and its page and timeline say no more than that
        Status back = before.acknowledgedAt() != null ? Status.ACKNOWLEDGED : Status.RECEIVED;
        OffsetDateTime due = deadlines.due(back, kind(before), now, null);
        Optional<Duplicates.Linked> wasMergedInto = duplicates.mergedInto(id, Reach.ALL);
        incidents.update(id, "status = ?, owner_since = ?, resolved_at = NULL, answered_at = NULL, "
                + "due_at = ?, next_escalation_at = ?, merged_into = NULL, merged_at = NULL, merged_by = NULL",
                back.name(), now, due, isTop(before) ? null : due);
        incidents.event(id, "REOPENED", now, null, actorName, before.ownerUnitId(), before.ownerUnitName(),
                before.ownerStaffId(), before.ownerStaffName(), null, false, null, null, null, reason.trim());
        Incident after = incidents.find(id).orElseThrow();
        Map<String, Object> was = snapshot(before);
        wasMergedInto.ifPresent(p -> was.put("mergedInto", p.trackingCode()));
        events.publishEvent(Audited.updated("incident", id, before.unitPath(), was, snapshot(after)).by(actorName));
        published(after, "REOPENED", now, reason.trim(), false);
        return after;
    }

    @Transactional
    public Incident refer(UUID id, String department, String contact, String outcome, Submitter who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (department == null || department.isBlank()) {
            problems.add(problem("department", "error.field.required"));
        }
        if (contact == null || contact.isBlank()) {
            problems.add(problem("contact", "error.field.required"));
        }
        // the page's form limits: 部门 100, 联系人及电话 200, 结果 2000 characters
        checkText(problems, "department", "incident.field.department", 100, department);
        checkText(problems, "contact", "incident.action.contact", 200, contact);
        checkText(problems, "outcome", "incident.action.outcome", 2000, outcome);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Incident before = lockVisible(id, who);
        if (!before.status().open()) {
            throw new Conflict("incident.step.notNow");
        }
        OffsetDateTime now = now();
        incidents.event(id, "REFERRED", now, who.staffId(), who.name(), before.ownerUnitId(), before.ownerUnitName(),
                before.ownerStaffId(), before.ownerStaffName(), null, false, department.trim(), contact.trim(),
                blankToNull(outcome), null);
        // the department it now stands referred to: referred on from the one its reporter named (城管 to 市场监管局), the
        // item, its list and its ledger name the one that has it, and the audit entry shows the change
        incidents.update(id, "department = ?", department.trim());
        Incident after = incidents.find(id).orElseThrow();
        Map<String, Object> referred = snapshot(after);
        // a referral to the department it already stood with (another contact) changes no column: the entry says so
        referred.put("referredTo", department.trim());
        events.publishEvent(Audited.updated("incident", id, before.unitPath(), snapshot(before), referred).by(who.name()));
        published(after, "REFERRED", now, department.trim(), false);
        return after;
    }

    /**
     * Sets or corrects a case's offence (案由), which decides whether it counts among the preventable cases: a step on
     * the timeline (its reason the offence, its note the one it replaces) and an audited change, by whoever may act on
     * the item in its grid. Open or closed alike: a case answered without one is still counted by its offence once
     * given (the figures' unclassified cases are those to go back to). The same offence again changes nothing and
     * writes no step.
     */
    @Transactional
    public Incident setOffence(UUID id, Offence offence, Submitter who) {
        if (offence == null) {
            throw Invalid.of("offence", "incident.offence.required");
        }
        Incident before = lockVisible(id, who);
        if (before.category() != Category.CASE) {
            throw Invalid.of("offence", "incident.offence.onlyForCases");
        }
        if (before.offence() == offence) {
            // the offence it has: no step on the timeline, no audit entry, and the officer told nothing changed
            throw new Unchanged();
        }
        OffsetDateTime now = now();
        incidents.update(id, "offence = ?", offence.name());
        String reason = "incident.offence." + offence.name();
        incidents.event(id, "OFFENCE_SET", now, who.staffId(), who.name(), before.ownerUnitId(), before.ownerUnitName(),
                before.ownerStaffId(), before.ownerStaffName(), reason, true, null, null, null,
                before.offence() == null ? null : before.offence().name());
        Incident after = audited(before, who);
        published(after, "OFFENCE_SET", now, reason, true);
        return after;
    }

    /**
     * The open items in these grids, just handed with their village to another unit, whose owning unit or person no
     * longer sees them there (件件有着落: no item may be left with nobody who can open it): each re-owned at the new
     * unit's level, by its duty person, or else by the first unit above it that has one, as an escalation names an
     * owner; the deadline starts again for him at that level. Each gets a step (HANDED_OVER, naming the unit it came
     * from) that gives it to him in his inbox, and an audit entry; the step names the unit that owned it and where it
     * lay before ({@code gridsBefore}: the grids as they lay then), so that the old chain's webhooks hear it left as the new
     * chain's hear it came. Refused (409, naming the new unit) when nobody at or above the new unit can own an item:
     * the whole hand-over is then rolled back. An item whose owning unit went along with the village (the grid's work
     * point and whoever works there) stays his, and its timeline says it went (a HANDED_OVER step with the same owner,
     * {@link #MOVED_ALONG_REASON}, naming the unit it is under now), which tells its owner in his inbox that it is still
     * his under the new chain and the old chain's webhooks that it left. Answers how many were carried.
     */
    @Transactional
    public long carryToNewChain(java.util.Collection<org.fengqiao.jurisdiction.Grid> gridsBefore, Unit target) {
        java.util.Map<UUID, String> placeBefore = gridsBefore.stream().collect(java.util.stream.Collectors.toMap(
                g -> g.id().value(), org.fengqiao.jurisdiction.Grid::unitPath));
        org.fengqiao.platform.Caller caller = org.fengqiao.platform.Callers.current().orElse(null);
        UUID actorId = caller == null ? null : caller.staffId();
        String actorName = caller == null ? null : caller.displayName();
        OffsetDateTime now = now();
        // read before any item is re-owned: a re-owned item is seen by its new owner by a path it did not have either
        List<UUID> along = incidents.openMovedWithOwner(placeBefore);
        List<UUID> ids = incidents.openNoLongerSeenByOwner(placeBefore.keySet());
        for (UUID id : along) {
            Incident i = incidents.find(id).orElseThrow();
            incidents.event(id, "HANDED_OVER", now, actorId, actorName, i.ownerUnitId(), i.ownerUnitName(),
                    i.ownerStaffId(), i.ownerStaffName(), MOVED_ALONG_REASON, true, null, null, null, target.name());
            events.publishEvent(new IncidentStepRecorded(id, i.trackingCode(), i.category(), i.unitPath(),
                    "HANDED_OVER", i.ownerUnitId(), i.ownerStaffId(), MOVED_ALONG_REASON, true, now.toInstant(),
                    i.createdBy(), actorId, i.ownerUnitId(), placeBefore.get(i.gridId())));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        Owners.Level level = owners.dutyPerson(target.id()).map(p -> new Owners.Level(target, p))
                .or(() -> owners.above(target.id()))
                .orElseThrow(() -> new Conflict("incident.handOver.nobody", target.name(), ids.size()));
        boolean top = level.unit().parentId() == null;
        for (UUID id : ids) {
            Incident before = incidents.find(id).orElseThrow();
            OffsetDateTime due = deadlines.due(before.status(), level.unit().kind(), now, before.resolvedAt());
            incidents.update(id, "owner_unit_id = ?, owner_staff_id = ?, owner_since = ?, due_at = ?, "
                    + "next_escalation_at = ?", level.unit().id().value(), level.person().staffId(), now, due,
                    top ? null : due);
            incidents.event(id, "HANDED_OVER", now, actorId, actorName, level.unit().id().value(), level.unit().name(),
                    level.person().staffId(), level.person().name(), HANDED_OVER_REASON, true, null, null, null,
                    before.ownerUnitName());
            Incident after = incidents.find(id).orElseThrow();
            events.publishEvent(new IncidentStepRecorded(id, after.trackingCode(), after.category(), after.unitPath(),
                    "HANDED_OVER", level.unit().id().value(), level.person().staffId(), HANDED_OVER_REASON, true,
                    now.toInstant(), after.createdBy(), actorId, before.ownerUnitId(),
                    placeBefore.get(before.gridId())));
            events.publishEvent(Audited.updated("incident", id, after.unitPath(), snapshot(before), snapshot(after)));
        }
        return ids.size();
    }

    /** The reason of the step that carries an item to the new chain with its village. */
    static final String HANDED_OVER_REASON = "incident.handOver.withVillage";

    /**
     * The reason of the step of an item whose owner went along with its village to the new chain: still his, the step's
     * note the unit the village went to.
     */
    public static final String MOVED_ALONG_REASON = "incident.handOver.alongWithVillage";

    /** Whether the item may be moved up now: it is open and its owning unit has one above it (the bureau has none). */
    public boolean escalatable(Incident i) {
        return i.status().open() && owners.above(new UnitId(i.ownerUnitId())).isPresent();
    }

    /** Moves an open item up one level by hand, with a reason. */
    @Transactional
    public Incident escalate(UUID id, String reason, Submitter who) {
        if (reason == null || reason.isBlank()) {
            throw Invalid.of("reason", "incident.escalate.reasonRequired");
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        checkText(problems, "reason", "incident.action.reason", 2000, reason);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Incident before = lockVisible(id, who);
        if (!before.status().open()) {
            throw new Conflict("incident.step.notNow");
        }
        Optional<Owners.Level> up = owners.above(new UnitId(before.ownerUnitId()));
        if (up.isEmpty()) {
            throw new Conflict("incident.escalate.atTop");
        }
        moveUp(before, up.get(), now(), who.staffId(), who.name(), reason.trim(), false);
        return audited(before, who);
    }

    /**
     * Moves an item whose deadline passed up one level (the sweep), at the sweep's clock; an item at the
     * top stays with its owner and leaves the sweep's index. Answers whether it moved.
     */
    @Transactional
    public boolean escalateOverdue(UUID id, Instant at) {
        incidents.lock(id);
        Incident before = incidents.find(id).orElseThrow();
        OffsetDateTime now = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        if (!before.status().open() || before.nextEscalationAt() == null || before.nextEscalationAt().isAfter(now)) {
            return false;
        }
        Optional<Owners.Level> up = owners.above(new UnitId(before.ownerUnitId()));
        if (up.isEmpty()) {
            incidents.update(id, "next_escalation_at = NULL");
            return false;
        }
        String reason = before.status() == Status.RECEIVED ? "incident.escalation.unanswered"
                : before.status() == Status.RESOLVED ? "incident.escalation.reporterUnanswered"
                : "incident.escalation.unresolved";
        moveUp(before, up.get(), now, null, null, reason, true);
        Incident after = incidents.find(id).orElseThrow();
        events.publishEvent(Audited.updated("incident", id, before.unitPath(), snapshot(before), snapshot(after))
                .by(SystemActor.INCIDENT_ESCALATION_SWEEP));
        return true;
    }

    /** Moves the item up one level; {@code reasonIsKey}: the sweep's reason is a message key, an officer's his words. */
    private void moveUp(Incident i, Owners.Level up, OffsetDateTime now, UUID actorId, String actorName, String reason,
            boolean reasonIsKey) {
        OffsetDateTime due = deadlines.due(i.status(), up.unit().kind(), now, i.resolvedAt());
        boolean top = up.unit().parentId() == null;
        incidents.update(i.id(), "owner_unit_id = ?, owner_staff_id = ?, owner_since = ?, escalations = escalations + 1, "
                + "due_at = ?, next_escalation_at = ?", up.unit().id().value(), up.person().staffId(), now, due,
                top ? null : due);
        incidents.event(i.id(), "ESCALATED", now, actorId, actorName, up.unit().id().value(), up.unit().name(),
                up.person().staffId(), up.person().name(), reason, reasonIsKey, null, null, null, i.ownerUnitName());
        events.publishEvent(new IncidentStepRecorded(i.id(), i.trackingCode(), i.category(), i.unitPath(), "ESCALATED",
                up.unit().id().value(), up.person().staffId(), reason, reasonIsKey, now.toInstant(), i.createdBy(),
                actorId, null, null));
    }

    /**
     * Tells the listeners of a step just written, with the owner it left the item with, and whether its reason is a
     * message key or a person's words. A report merged into another names no person as owner: it is handled on that
     * one (whose owner hears of what its reporter adds there), and its own owner has nothing more to do with it.
     */
    private void published(Incident i, String kind, OffsetDateTime now, String reason, boolean reasonIsKey) {
        UUID ownerStaff = i.status() == Status.MERGED ? null : i.ownerStaffId();
        events.publishEvent(new IncidentStepRecorded(i.id(), i.trackingCode(), i.category(), i.unitPath(), kind,
                i.ownerUnitId(), ownerStaff, reason, reason != null && reasonIsKey, now.toInstant(), i.createdBy()));
        if ("RESOLVED".equals(kind) || "MERGED_INTO".equals(kind)) {
            events.publishEvent(new IncidentResolved(i.id(), i.trackingCode(), i.category(), i.unitPath(),
                    "MERGED_INTO".equals(kind), now.toInstant()));
        } else if ("REOPENED".equals(kind)) {
            events.publishEvent(new IncidentReopened(i.id(), i.trackingCode(), i.category(), i.unitPath(),
                    now.toInstant()));
        }
    }

    private interface Change {
        void apply(Incident incident, OffsetDateTime now);
    }

    private Incident step(UUID id, Submitter who, String kind, Change change, String note) {
        Incident before = lockVisible(id, who);
        OffsetDateTime now = now();
        change.apply(before, now);
        incidents.event(id, kind, now, who.staffId(), who.name(), before.ownerUnitId(), before.ownerUnitName(),
                before.ownerStaffId(), before.ownerStaffName(), null, false, null, null, null, blankToNull(note));
        Incident after = audited(before, who);
        published(after, kind, now, null, false);
        return after;
    }

    /** Status change that keeps the owner; the deadline follows the new step at the owner's level. */
    private void set(Incident i, Status status, OffsetDateTime now, String columns, Object... params) {
        OffsetDateTime due = deadlines.due(status, kind(i), i.ownerSince(), null);
        Object[] all = new Object[params.length + 3];
        all[0] = status.name();
        all[1] = due;
        all[2] = isTop(i) ? null : due;
        System.arraycopy(params, 0, all, 3, params.length);
        incidents.update(i.id(), "status = ?, due_at = ?, next_escalation_at = ?, " + columns, all);
    }

    private boolean isTop(Incident i) {
        return owners.unit(i.ownerUnitId()).parentId() == null;
    }

    private static UnitKind kind(Incident i) {
        return UnitKind.valueOf(i.ownerUnitKind());
    }

    private Incident lockVisible(UUID id, Submitter who) {
        incidents.findVisible(id, who.reach()).orElseThrow(() -> new NotFound("incident", id));
        incidents.lock(id);
        return incidents.find(id).orElseThrow();
    }

    private Incident audited(Incident before, Submitter who) {
        Incident after = incidents.find(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("incident", before.id(), before.unitPath(), snapshot(before), snapshot(after))
                .by(who.name()));
        return after;
    }

    static Map<String, Object> snapshot(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trackingCode", i.trackingCode());
        m.put("status", i.status().name());
        m.put("category", i.category().name());
        if (i.category() == Category.CASE) {
            m.put("offence", String.valueOf(i.offence()));
        }
        m.put("grid", i.gridCode());
        m.put("ownerUnit", String.valueOf(i.ownerUnitName()));
        m.put("ownerStaff", String.valueOf(i.ownerStaffName()));
        m.put("escalations", i.escalations());
        m.put("department", String.valueOf(i.department()));
        m.put("dueAt", String.valueOf(i.dueAt()));
        return m;
    }

    private static String trackingCode() {
        return TrackingCodes.next();
    }

    private static Invalid.Problem problem(String field, String key) {
        return new Invalid.Problem(field, key, new Object[0]);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
