package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.audit.Audited;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.VisitId;
import org.fengqiao.population.Visits;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Decision;
import org.fengqiao.population.internal.UtilityAnomalyPolicy.Plan;
import org.fengqiao.population.internal.VerificationTasks.Finding;
import org.fengqiao.population.internal.VerificationTasks.Resident;
import org.fengqiao.population.internal.VerificationTasks.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verification tasks (核查任务) from utility anomalies: opened by the policy after readings come in, read
 * by the grid's people, assigned to someone who serves the grid, resolved with a finding that may mark the
 * room vacant or the residents as left. Every change is audited with before and after and kept in the
 * task's history; reading a task, which lists its residents, is audited as a read.
 *
 * <p>Who sees what: a caller who may read population records sees the tasks of his scope and the
 * residents as every list shows them (identity number and phone masked). Anyone else (a volunteer grid
 * member, say) sees only the tasks assigned to him, with the residents' names masked and no identity
 * number or phone at all.
 */
@Service
public class Verifications {

    static final int MAX_NOTE = 2000;
    /** How far back the policy reads a place's readings. */
    static final int HISTORY_MONTHS = 24;
    static final String SYSTEM = "system";

    private final VerificationTasks tasks;
    private final UtilityReadings readings;
    private final UtilityAnomalyPolicy policy;
    private final Housing housing;
    private final Buildings buildings;
    private final Persons persons;
    private final VisitLog visitLog;
    private final Visits visits;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Verifications(VerificationTasks tasks, UtilityReadings readings, UtilityProperties limits, Housing housing,
            Buildings buildings, Persons persons, VisitLog visitLog, Visits visits, ApplicationEventPublisher events, Clock clock) {
        this.tasks = tasks;
        this.readings = readings;
        this.policy = new UtilityAnomalyPolicy(limits);
        this.housing = housing;
        this.buildings = buildings;
        this.persons = persons;
        this.visitLog = visitLog;
        this.visits = visits;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What the policy decided for one place: a decision of one kind and, for an anomaly, what it does to the place's
     * tasks. open is the place's unresolved task of that kind (null when none); latest the latest month with readings.
     */
    record Planned(UUID place, Decision decision, Plan plan, UUID open, YearMonth latest,
            List<UtilityAnomalyPolicy.Use> uses, VerificationTasks.Occupancy occupancy, YearMonth current) {
    }

    /**
     * The policy over places, on their stored readings with the overlay's in place of stored ones of the
     * same utility and month (a dry run's rows); nothing is written.
     */
    List<Planned> plan(List<UUID> places, Map<UUID, List<UtilityAnomalyPolicy.Use>> overlay) {
        YearMonth current = YearMonth.now(clock.withZone(Housing.LOCAL));
        YearMonth since = current.minusMonths(HISTORY_MONTHS);
        Map<UUID, List<UtilityAnomalyPolicy.Use>> uses = readings.uses(places, since);
        Map<UUID, VerificationTasks.Occupancy> occupancy = tasks.occupancy(places);
        Map<UUID, List<UtilityAnomalyPolicy.Existing>> existing = tasks.existing(places);
        List<Planned> planned = new ArrayList<>();
        for (UUID place : places) {
            List<UtilityAnomalyPolicy.Use> placeUses = uses.getOrDefault(place, List.of());
            List<UtilityAnomalyPolicy.Use> extra = overlay.get(place);
            if (extra != null && !extra.isEmpty()) {
                List<UtilityAnomalyPolicy.Use> merged = new ArrayList<>(extra);
                for (UtilityAnomalyPolicy.Use u : placeUses) {
                    if (extra.stream().noneMatch(e -> e.utility() == u.utility() && e.month().equals(u.month()))) {
                        merged.add(u);
                    }
                }
                placeUses = merged;
            }
            VerificationTasks.Occupancy o = occupancy.getOrDefault(place,
                    new VerificationTasks.Occupancy(0, null, null));
            YearMonth latest = placeUses.stream().map(UtilityAnomalyPolicy.Use::month).max(YearMonth::compareTo)
                    .orElse(null);
            List<UtilityAnomalyPolicy.Existing> theirs = existing.getOrDefault(place, List.of());
            for (Decision d : policy.evaluate(o.registered(), o.lastLeft(), o.registeredSince(), placeUses, current)) {
                UUID open = theirs.stream().filter(t -> t.kind() == d.kind() && !t.resolved())
                        .map(UtilityAnomalyPolicy.Existing::id).findFirst().orElse(null);
                planned.add(new Planned(place, d, d.anomaly() ? policy.plan(d, theirs) : null, open, latest,
                        placeUses, o, current));
            }
        }
        return planned;
    }

    /** How many tasks readings not yet written would open: what a dry run reports. */
    public int preview(Map<UUID, List<UtilityAnomalyPolicy.Use>> overlay) {
        if (overlay.isEmpty()) {
            return 0;
        }
        return (int) plan(List.copyOf(overlay.keySet()), overlay).stream()
                .filter(p -> p.plan() != null && p.plan().step() == UtilityAnomalyPolicy.Step.OPEN).count();
    }

    /**
     * Runs the policy over places whose readings changed and opens or extends their tasks; answers how many
     * were opened. With a caller, each task opened is audited as his act; without (the demo load) nothing is.
     */
    @Transactional
    public int evaluate(Collection<UUID> placeIds, Caller caller) {
        List<UUID> places = List.copyOf(new java.util.LinkedHashSet<>(placeIds));
        if (places.isEmpty()) {
            return 0;
        }
        Map<UUID, VerificationTasks.PlaceRef> refs = tasks.places(places);
        UUID actorId = caller == null ? null : caller.staffId();
        String actor = caller == null ? SYSTEM : caller.username();
        int opened = 0;
        for (Planned p : plan(places, Map.of())) {
            VerificationTasks.PlaceRef ref = refs.get(p.place());
            Decision d = p.decision();
            Plan plan = p.plan();
            if (ref == null) {
                continue;
            }
            if (plan == null) {
                // no anomaly of this kind now: an unresolved task judged on the very month it was opened or extended
                // for (its readings corrected, its residents registered since) says so instead of the old reason
                if (p.open() != null && p.latest() != null) {
                    revise(p.open(), p, caller, actorId, actor);
                }
                continue;
            }
            switch (plan.step()) {
                case OPEN -> {
                    UUID id = UUID.randomUUID();
                    if (tasks.insert(id, ref, d.kind(), plan.from(), plan.to(), d.reason(), d.args())) {
                        opened++;
                        tasks.event(id, "OPENED", actorId, actor, plan.from() + " – " + plan.to());
                        if (caller != null) {
                            Task t = tasks.find(id).orElseThrow();
                            events.publishEvent(Audited.created("verification-task", id, t.unitPath(), state(t)));
                        }
                    }
                }
                case EXTEND -> {
                    Task before = caller == null ? null : tasks.find(plan.task()).orElseThrow();
                    tasks.extend(plan.task(), plan.to(), d.reason(), d.args());
                    tasks.event(plan.task(), "EXTENDED", actorId, actor, plan.from() + " – " + plan.to());
                    if (caller != null) {
                        Task after = tasks.find(plan.task()).orElseThrow();
                        events.publishEvent(Audited.updated("verification-task", after.id(), after.unitPath(),
                                state(before), state(after)));
                    }
                }
                case NOTHING -> {
                    // the same period still anomalous, perhaps on corrected readings: the reason shows today's figures
                    if (plan.task() != null && p.open() != null) {
                        revise(plan.task(), p, caller, actorId, actor);
                    }
                }
            }
        }
        return opened;
    }

    /**
     * Gives an unresolved task the policy's reason of now, judged on every month of the task's own period
     * ({@link UtilityAnomalyPolicy#judgeOver}), when it differs: a corrected reading left the task saying "power 139.6
     * kWh" over a table of readings showing 3 kWh, and the grid member went to the door on a figure that was no longer
     * true. Months after the task's period do not judge it: they are another task's. Kept in the history and audited.
     */
    private void revise(UUID id, Planned p, Caller caller, UUID actorId, String actor) {
        Task before = tasks.find(id).orElse(null);
        if (before == null || before.status() == VerificationTasks.Status.RESOLVED) {
            return;
        }
        VerificationTasks.Occupancy o = p.occupancy();
        Decision d = policy.judgeOver(before.kind(), before.periodFrom(), before.periodTo(), o.registered(),
                o.lastLeft(), o.registeredSince(), p.uses(), p.current());
        if (before.reasonKey().equals(d.reason()) && before.reasonArgs().equals(d.args())) {
            return;
        }
        tasks.revise(id, d.reason(), d.args());
        tasks.event(id, "REVISED", actorId, actor, null);
        if (caller != null) {
            Task after = tasks.find(id).orElseThrow();
            Map<String, Object> was = state(before);
            was.put("reason", before.reasonKey());
            was.put("reasonArgs", before.reasonArgs());
            Map<String, Object> now = state(after);
            now.put("reason", after.reasonKey());
            now.put("reasonArgs", after.reasonArgs());
            events.publishEvent(Audited.updated("verification-task", id, after.unitPath(), was, now));
        }
    }

    /** A task with what its page shows: the place's readings, its residents (masked by role) and the history. */
    public record Detail(Task task, List<UtilityReadings.Reading> readings, List<Resident> residents,
            List<VerificationTasks.Event> history, boolean mayChange) {
    }

    /**
     * One task; reading it lists the place's residents and is audited as a read of the task and of each resident it
     * shows (his name, masked numbers, or his surname to one who reads no population records).
     */
    public Detail read(UUID id, Caller caller) {
        Task t = tasks.findVisible(id, caller).orElseThrow(() -> new NotFound("verification-task", id));
        events.publishEvent(Audited.read("verification-task", id, t.unitPath()));
        List<Resident> registered = tasks.residents(t.placeId());
        for (Resident r : registered) {
            events.publishEvent(new Audited("READ", "person", r.id().toString(), t.unitPath(), null,
                    Map.of("verificationTask", id.toString()), null));
        }
        List<Resident> residents = registered.stream().map(r -> masked(r, caller)).toList();
        return new Detail(t, readings.ofPlace(t.placeId(), 12), residents, tasks.history(id), mayResolve(t, caller));
    }

    public VerificationTasks.Page list(VerificationTasks.Filter filter, Caller caller, int limit, int offset) {
        return tasks.list(filter, caller, limit, offset);
    }

    /** A resident as this caller may see him. */
    static Resident masked(Resident r, Caller caller) {
        if (caller.may("POPULATION_READ")) {
            return r;
        }
        return new Resident(null, null, maskName(r.name()), r.relation(), r.residence(), null, null);
    }

    /** 张三丰 → 张**: the surname, so the door can be checked, and nothing more. */
    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = Math.max(1, name.codePointCount(first, name.length()));
        return name.substring(0, first) + "*".repeat(rest);
    }

    static boolean mayResolve(Task t, Caller caller) {
        return t.status() != VerificationTasks.Status.RESOLVED
                && (caller.may("POPULATION_WRITE") || (caller.staffId() != null && caller.staffId().equals(t.assigneeId())));
    }

    /** Gives the task to someone who serves its grid now (grid chief, coordinator, manager or member). */
    @Transactional
    public Task assign(UUID id, UUID assigneeId, Caller caller) {
        Task before = tasks.findVisible(id, caller).orElseThrow(() -> new NotFound("verification-task", id));
        if (!caller.may("POPULATION_WRITE")) {
            throw new AccessDeniedException("assigning needs POPULATION_WRITE");
        }
        tasks.lock(id);
        before = tasks.find(id).orElseThrow();
        if (before.status() == VerificationTasks.Status.RESOLVED) {
            throw new Conflict("utilities.task.resolved");
        }
        if (assigneeId == null) {
            throw Invalid.of("assigneeId", "error.field.required");
        }
        if (!tasks.servesGrid(assigneeId, before.gridId())) {
            throw Invalid.of("assigneeId", "utilities.task.assignee.notInGrid");
        }
        if (assigneeId.equals(before.assigneeId())) {
            return before;
        }
        tasks.assign(id, assigneeId);
        Task after = tasks.find(id).orElseThrow();
        tasks.event(id, "ASSIGNED", caller.staffId(), caller.username(), after.assigneeName());
        events.publishEvent(Audited.updated("verification-task", id, after.unitPath(), state(before), state(after)));
        return after;
    }

    /** What the person at the door found. */
    public record Resolution(Finding finding, String note, UUID visitId) {
    }

    /**
     * Closes the task with a finding. TENANTS_REGISTERED needs someone registered at the place now;
     * VACANT needs nobody registered and marks the room vacant; RESIDENTS_LEFT marks every registered
     * resident as left today and the room vacant; NO_ISSUE changes nothing. The two findings that change
     * records need the permission to change population records; the assignee without it may record the
     * other two. A visit given must be one the caller may link changes to ({@link VisitLinkPolicy}: of the task's grid,
     * his own, of today); every change is linked to it.
     */
    @Transactional
    public Task resolve(UUID id, Resolution r, Caller caller) {
        tasks.findVisible(id, caller).orElseThrow(() -> new NotFound("verification-task", id));
        tasks.lock(id);
        Task before = tasks.find(id).orElseThrow();
        if (!mayResolve(before, caller)) {
            if (before.status() == VerificationTasks.Status.RESOLVED) {
                throw new Conflict("utilities.task.resolved");
            }
            throw new AccessDeniedException("resolving needs POPULATION_WRITE or the assignment");
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        String note = r.note() == null || r.note().isBlank() ? null : r.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            problems.add(new Invalid.Problem("note", "housing.text.tooLong", new Object[] {MAX_NOTE}));
        }
        visitLog.checkLink(r.visitId(), before.gridId(), caller.staffId(), problems);
        Finding finding = r.finding();
        int registered = tasks.registered(List.of(before.placeId())).getOrDefault(before.placeId(), 0);
        if (finding == null) {
            problems.add(new Invalid.Problem("finding", "error.field.required", new Object[0]));
        } else {
            boolean changesRecords = finding == Finding.VACANT || finding == Finding.RESIDENTS_LEFT;
            if (changesRecords && !caller.may("POPULATION_WRITE")) {
                problems.add(new Invalid.Problem("finding", "utilities.finding.needsWrite", new Object[0]));
            } else if (finding == Finding.TENANTS_REGISTERED && registered == 0) {
                problems.add(new Invalid.Problem("finding", "utilities.finding.nobodyRegistered", new Object[0]));
            } else if (finding == Finding.VACANT && registered > 0) {
                problems.add(new Invalid.Problem("finding", "utilities.finding.stillRegistered",
                        new Object[] {registered}));
            } else if (finding == Finding.RESIDENTS_LEFT && registered == 0) {
                problems.add(new Invalid.Problem("finding", "utilities.finding.nobodyRegistered", new Object[0]));
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        if (finding == Finding.RESIDENTS_LEFT) {
            markLeft(before, r.visitId(), caller);
        }
        if ((finding == Finding.VACANT || finding == Finding.RESIDENTS_LEFT) && before.roomId() != null) {
            Buildings.Room room = buildings.findRoom(before.roomId()).orElseThrow();
            if (!room.vacant()) {
                housing.markRoom(before.roomId(), true, room.rental(), r.visitId(), caller);
            }
        }
        tasks.resolve(id, finding, note, r.visitId(), caller.staffId());
        Task after = tasks.find(id).orElseThrow();
        tasks.event(id, "RESOLVED", caller.staffId(), caller.username(), finding.name() + (note == null ? "" : ": " + note));
        events.publishEvent(Audited.updated("verification-task", id, after.unitPath(), state(before), state(after)));
        if (r.visitId() != null) {
            visits.recordChange(new VisitId(r.visitId()), "verification-task", id, "housing.change.verification",
                    List.of(VisitChangeTexts.message("utilities.finding." + finding.name())));
        }
        return after;
    }

    /** Every registered resident of the place becomes LEFT today, each change audited like any other. */
    private void markLeft(Task task, UUID visitId, Caller caller) {
        LocalDate today = LocalDate.now(clock.withZone(Housing.LOCAL));
        for (Resident resident : tasks.residents(task.placeId())) {
            if (Residence.LEFT.name().equals(resident.residence())) {
                continue;
            }
            Persons.Row before = persons.findVisible(resident.id(), caller)
                    .orElseThrow(() -> new NotFound("person", resident.id()));
            String number = persons.reveal(resident.id(), "idNumber", caller).orElse(null);
            String phone = persons.reveal(resident.id(), "phone", caller).orElse(null);
            Persons.Fields fields = new Persons.Fields(before.gridId(), before.householdId(), before.name(),
                    number == null ? null : IdentityNumber.parse(number), phone, before.sex(), before.birthDate(),
                    before.ethnicity(), before.relation() == null ? null : Relation.valueOf(before.relation()),
                    Residence.LEFT, before.registeredOn(), today, before.occupation(), before.workplace(), before.note());
            if (persons.update(resident.id(), fields)) {
                Persons.Row after = persons.findVisible(resident.id(), caller).orElseThrow();
                events.publishEvent(Audited.updated("person", resident.id(), after.unitPath(), before, after));
                if (visitId != null) {
                    visits.recordChange(new VisitId(visitId), "person", resident.id(), "housing.change.personLeft",
                            List.of(VisitChangeTexts.literal(after.name()), today.toString()));
                }
            }
        }
    }

    static Map<String, Object> state(Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridId", t.gridId());
        m.put("roomId", t.roomId());
        m.put("addressId", t.addressId());
        m.put("kind", t.kind().name());
        m.put("periodFrom", t.periodFrom().toString());
        m.put("periodTo", t.periodTo().toString());
        m.put("status", t.status().name());
        m.put("assigneeId", t.assigneeId());
        m.put("finding", t.finding() == null ? null : t.finding().name());
        m.put("findingNote", t.findingNote());
        m.put("visitId", t.visitId());
        return m;
    }
}
