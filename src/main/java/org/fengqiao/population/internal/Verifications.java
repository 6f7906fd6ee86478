package org.fengqiao.population.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.population.IdentityNumber;
import org.fengqiao.population.Relation;
import org.fengqiao.population.Residence;
import org.fengqiao.population.VerificationTaskAssigned;
import org.fengqiao.population.VerificationTaskResolved;
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
    private final StaffDirectory staff;
    private final Jurisdictions jurisdictions;

    Verifications(VerificationTasks tasks, UtilityReadings readings, UtilityProperties limits, Housing housing,
            Buildings buildings, Persons persons, VisitLog visitLog, Visits visits, ApplicationEventPublisher events, Clock clock,
            StaffDirectory staff, Jurisdictions jurisdictions) {
        this.staff = staff;
        this.jurisdictions = jurisdictions;
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
     * What the policy decided for one place and one month judged: a decision of one kind and, for an anomaly, what it
     * does to the place's tasks (opens, when it opens one, is the new task's id). open is the place's unresolved task of
     * that kind before this step (null when none); latest the latest month with readings.
     */
    record Planned(UUID place, Decision decision, Plan plan, UUID open, YearMonth latest,
            List<UtilityAnomalyPolicy.Use> uses, VerificationTasks.Occupancy occupancy, YearMonth current, UUID opens) {
    }

    /**
     * The policy over places, each judged on every month given for it, oldest first, as if that month were the latest
     * (its readings up to that month; the idle-months rule counts back from it): a file of three months, or months
     * imported out of order, judge each month they bring, and what one month opens the next extends, so no anomaly
     * opens two tasks. A place without months given is judged on its latest month. Its stored readings are read with
     * the overlay's in place of stored ones of the same utility and month (a dry run's rows); nothing is written.
     */
    List<Planned> plan(Map<UUID, ? extends Collection<YearMonth>> placeMonths,
            Map<UUID, List<UtilityAnomalyPolicy.Use>> overlay) {
        List<UUID> places = List.copyOf(placeMonths.keySet());
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
            List<UtilityAnomalyPolicy.Existing> theirs = new ArrayList<>(existing.getOrDefault(place, List.of()));
            java.util.TreeSet<YearMonth> months = new java.util.TreeSet<>();
            Collection<YearMonth> given = placeMonths.get(place);
            if (given != null) {
                months.addAll(given);
            }
            if (months.isEmpty() && latest != null) {
                months.add(latest);
            }
            for (YearMonth month : months) {
                List<UtilityAnomalyPolicy.Use> then = placeUses.stream().filter(u -> !u.month().isAfter(month)).toList();
                if (then.stream().noneMatch(u -> u.month().equals(month))) {
                    // no reading of that month (older than the history read): nothing to judge on
                    continue;
                }
                for (Decision d : policy.evaluate(o.registered(), o.lastLeft(), o.registeredSince(), then, current)) {
                    UtilityAnomalyPolicy.Existing open = theirs.stream().filter(t -> t.kind() == d.kind() && !t.resolved())
                            .findFirst().orElse(null);
                    Plan plan = null;
                    UUID opens = null;
                    if (d.anomaly()) {
                        Map<Utility, java.math.BigDecimal> monthUse = new java.util.EnumMap<>(Utility.class);
                        then.stream().filter(u -> u.month().equals(d.to()))
                                .forEach(u -> monthUse.put(u.utility(), u.consumption()));
                        plan = policy.plan(d, theirs, monthUse, o.lastLeft());
                        // the next month judged sees what this one did
                        if (plan.step() == UtilityAnomalyPolicy.Step.OPEN) {
                            opens = UUID.randomUUID();
                            theirs.add(new UtilityAnomalyPolicy.Existing(opens, d.kind(), false, plan.from(), plan.to()));
                        } else if (plan.step() == UtilityAnomalyPolicy.Step.EXTEND) {
                            theirs.remove(open);
                            theirs.add(new UtilityAnomalyPolicy.Existing(open.id(), d.kind(), false, plan.from(),
                                    plan.to()));
                        }
                    }
                    planned.add(new Planned(place, d, plan, open == null ? null : open.id(), latest, placeUses, o,
                            current, opens));
                }
            }
        }
        return planned;
    }

    /** How many tasks readings not yet written would open, each place judged on the months it brings: a dry run's count. */
    public int preview(Map<UUID, List<UtilityAnomalyPolicy.Use>> overlay) {
        if (overlay.isEmpty()) {
            return 0;
        }
        Map<UUID, List<YearMonth>> months = new LinkedHashMap<>();
        overlay.forEach((place, uses) -> months.put(place, uses.stream().map(UtilityAnomalyPolicy.Use::month).toList()));
        return (int) plan(months, overlay).stream()
                .filter(p -> p.plan() != null && p.plan().step() == UtilityAnomalyPolicy.Step.OPEN).count();
    }

    /** {@link #evaluate(Map, Caller)} on each place's latest month (the demo's load). */
    @Transactional
    public int evaluate(Collection<UUID> placeIds, Caller caller) {
        Map<UUID, List<YearMonth>> latest = new LinkedHashMap<>();
        placeIds.forEach(p -> latest.put(p, List.of()));
        return evaluate(latest, caller);
    }

    /**
     * Runs the policy over places whose readings came in, on each month given for a place ({@link #plan}), and opens or
     * extends their tasks; answers how many were opened. A task opened goes at once to the grid's verifier
     * ({@link #verifier}) and into his inbox. The places' unresolved tasks are locked first, so an
     * officer resolving one meanwhile either finishes before (and the import, reading it resolved, opens a new task for
     * a month it did not cover) or waits until the import is done. With a caller, each task opened is audited as his
     * act; without (the demo load) nothing is.
     */
    @Transactional
    public int evaluate(Map<UUID, ? extends Collection<YearMonth>> placeMonths, Caller caller) {
        List<UUID> places = List.copyOf(placeMonths.keySet());
        if (places.isEmpty()) {
            return 0;
        }
        tasks.lockUnresolved(places);
        Map<UUID, VerificationTasks.PlaceRef> refs = tasks.places(places);
        UUID actorId = caller == null ? null : caller.staffId();
        String actor = caller == null ? SYSTEM : caller.username();
        int opened = 0;
        Map<UUID, Planned> toRevise = new LinkedHashMap<>();
        java.util.Set<UUID> changed = new java.util.HashSet<>();
        // the months of one file judged one by one: what one opens and the next extend is opened once over them all,
        // and an existing task extended by several is extended once, so its history reads as what happened
        Map<UUID, Planned> openings = new LinkedHashMap<>();
        Map<UUID, Planned> extensions = new LinkedHashMap<>();
        for (Planned p : plan(placeMonths, Map.of())) {
            Plan plan = p.plan();
            if (plan == null) {
                // no anomaly of this kind in that month: an unresolved task judged on the very month it was opened or
                // extended for (its readings corrected, its residents registered since) says so instead of the old reason
                if (p.open() != null && p.latest() != null) {
                    toRevise.put(p.open(), p);
                }
            } else if (plan.step() == UtilityAnomalyPolicy.Step.OPEN) {
                openings.put(p.opens(), p);
            } else if (plan.step() == UtilityAnomalyPolicy.Step.EXTEND) {
                if (openings.containsKey(plan.task())) {
                    openings.put(plan.task(), merged(openings.get(plan.task()), p));
                } else {
                    extensions.merge(plan.task(), p, Verifications::merged);
                }
            } else if (plan.task() != null && p.open() != null) {
                // the same period still anomalous, perhaps on corrected readings: the reason shows today's figures
                toRevise.put(plan.task(), p);
            }
        }
        for (Planned p : openings.values()) {
            VerificationTasks.PlaceRef ref = refs.get(p.place());
            Decision d = p.decision();
            Plan plan = p.plan();
            UUID id = p.opens();
            if (ref != null && tasks.insert(id, ref, d.kind(), plan.from(), plan.to(), d.reason(), d.args())) {
                opened++;
                changed.add(id);
                tasks.event(id, "OPENED", actorId, actor, plan.from() + " – " + plan.to());
                assignToVerifier(id, ref.gridId());
                if (caller != null) {
                    Task t = tasks.find(id).orElseThrow();
                    events.publishEvent(Audited.created("verification-task", id, t.unitPath(), state(t)));
                }
            }
        }
        for (Planned p : extensions.values()) {
            Decision d = p.decision();
            Plan plan = p.plan();
            Task before = tasks.find(plan.task()).orElse(null);
            if (before == null || before.status() == VerificationTasks.Status.RESOLVED) {
                continue;
            }
            changed.add(plan.task());
            tasks.extend(plan.task(), plan.from(), plan.to(), d.reason(), d.args());
            Task after = tasks.find(plan.task()).orElseThrow();
            tasks.event(plan.task(), "EXTENDED", actorId, actor, after.periodFrom() + " – " + after.periodTo());
            if (caller != null) {
                events.publishEvent(Audited.updated("verification-task", after.id(), after.unitPath(), state(before),
                        state(after)));
            }
        }
        toRevise.forEach((id, p) -> {
            if (!changed.contains(id)) {
                revise(id, p, caller, actorId, actor);
            }
        });
        return opened;
    }

    /**
     * A task just opened goes to whoever the grid's roster says checks its doors, else the duty person, as the system's
     * act in its history; he finds it in his inbox and on his start page. Nobody above the grid can be named only in a
     * tree without staff, and the task then waits unassigned for a chief to give it.
     */
    private boolean assignToVerifier(UUID id, UUID gridId) {
        Optional<VerificationTasks.Server> verifier = verifier(gridId);
        verifier.ifPresent(v -> {
            tasks.assign(id, v.staffId());
            tasks.event(id, "ASSIGNED", null, SYSTEM, v.name());
            Task t = tasks.find(id).orElseThrow();
            events.publishEvent(new VerificationTaskAssigned(id, v.staffId(), null, t.unitPath(), placeName(t),
                    "utilities.kind." + t.kind().name(), "utilities.assigned." + v.gridRole(), clock.instant()));
        });
        return verifier.isPresent();
    }

    /**
     * The tasks opened before a new task went to someone (they waited unassigned for a chief to give them), each given
     * once by the same rule as a new one ({@link #assignToVerifier}), with its inbox entry; a task nobody up the tree
     * can be named for waits as before. Run at start-up ({@link UnassignedTasksAtStart}); answers how many it gave.
     */
    @Transactional
    public long assignUnassigned() {
        long given = 0;
        for (VerificationTasks.Unresolved u : tasks.unassigned()) {
            tasks.lock(u.id());
            if (tasks.find(u.id()).filter(t -> t.assigneeId() == null && t.status() == VerificationTasks.Status.OPEN)
                    .isPresent() && assignToVerifier(u.id(), u.gridId())) {
                given++;
            }
        }
        return given;
    }

    /**
     * Who a task of the grid goes to by the rule: the first on its roster who checks doors
     * ({@link VerificationTasks#rosteredVerifiers}) and reads the grid where it lies now (the account module's {@link
     * StaffDirectory#readersOf}: a grid whose village went to another station keeps its roster, and its chief, an
     * officer of the old station, no longer reads it there), else, as for an incident in a grid without a chief, the
     * station's duty person by the account module's rule (StaffDirectory.stationDuty). Empty only when nobody up the
     * tree can be named.
     */
    private Optional<VerificationTasks.Server> verifier(UUID gridId) {
        List<VerificationTasks.Server> rostered = tasks.rosteredVerifiers(gridId);
        List<UUID> reading = rostered.isEmpty() ? List.of()
                : staff.readersOf(new GridId(gridId), rostered.stream().map(VerificationTasks.Server::staffId).toList());
        return rostered.stream().filter(s -> reading.contains(s.staffId())).findFirst()
                .or(() -> jurisdictions.grid(new GridId(gridId)).flatMap(g -> staff.stationDuty(g.unitId()))
                        .map(d -> new VerificationTasks.Server(d.person().id().value(), d.person().name(), "DUTY")));
    }

    /**
     * Who may be given a task of the grid by hand: those who serve it now ({@link VerificationTasks#servers}) and read
     * it where it lies now ({@link StaffDirectory#readersOf}), so that the one given it finds the task and its inbox
     * entry; the task page offers these.
     */
    public List<VerificationTasks.Server> assignable(UUID gridId) {
        List<VerificationTasks.Server> serving = tasks.servers(gridId);
        List<UUID> reading = serving.isEmpty() ? List.of()
                : staff.readersOf(new GridId(gridId), serving.stream().map(VerificationTasks.Server::staffId).toList());
        return serving.stream().filter(s -> reading.contains(s.staffId())).toList();
    }

    /**
     * A grid handed over (its village to another station, or its places to another grid): its tasks not yet resolved go
     * by the rule to the verifier of the grid where it lies now ({@link #verifier}: one on its roster who reads it, else
     * the station's duty person), as the system's act, each with an inbox entry; the one they are taken from no longer
     * finds them his. {@code unreadOnly}: only those nobody has or whose assignee no longer reads them there, by the
     * same rule the sign-in reads by ({@link StaffDirectory#readersOf}: a village moved, its grids keep their people,
     * and those who serve them, or work at a unit that moved along, still read them). {@code only}: these tasks alone
     * (the ones just moved into a grid), null for every one. In the hand-over's transaction; answers how many went to
     * someone else.
     */
    public long reassignHandedOver(Collection<UUID> gridIds, boolean unreadOnly, Collection<UUID> only) {
        long moved = 0;
        List<VerificationTasks.Unresolved> unresolved = tasks.unresolved(gridIds).stream()
                .filter(u -> only == null || only.contains(u.id())).toList();
        // who of the assignees still reads each grid, asked once per grid
        Map<UUID, List<UUID>> reading = new LinkedHashMap<>();
        if (unreadOnly) {
            Map<UUID, List<UUID>> assignees = new LinkedHashMap<>();
            unresolved.stream().filter(u -> u.assigneeId() != null).forEach(u -> assignees
                    .computeIfAbsent(u.gridId(), g -> new ArrayList<>()).add(u.assigneeId()));
            assignees.forEach((grid, people) -> reading.put(grid, staff.readersOf(new GridId(grid), people)));
        }
        Map<UUID, Optional<VerificationTasks.Server>> byGrid = new LinkedHashMap<>();
        for (VerificationTasks.Unresolved u : unresolved) {
            if (unreadOnly && u.assigneeId() != null
                    && reading.getOrDefault(u.gridId(), List.of()).contains(u.assigneeId())) {
                continue;
            }
            Optional<VerificationTasks.Server> to = byGrid.computeIfAbsent(u.gridId(), this::verifier);
            if (to.isEmpty() || to.get().staffId().equals(u.assigneeId())) {
                continue;
            }
            VerificationTasks.Server v = to.get();
            Task before = tasks.find(u.id()).orElseThrow();
            tasks.assign(u.id(), v.staffId());
            tasks.event(u.id(), "ASSIGNED", null, SYSTEM, v.name());
            Task after = tasks.find(u.id()).orElseThrow();
            events.publishEvent(Audited.updated("verification-task", u.id(), after.unitPath(), state(before),
                    state(after)));
            events.publishEvent(new VerificationTaskAssigned(u.id(), v.staffId(), u.assigneeId(), after.unitPath(),
                    placeName(after), "utilities.kind." + after.kind().name(), "utilities.assigned.HANDED_OVER", clock.instant()));
            moved++;
        }
        return moved;
    }

    /** Two steps of one run on the same task as one: over both periods, with the reason of the later last month. */
    static Planned merged(Planned a, Planned b) {
        Plan pa = a.plan();
        Plan pb = b.plan();
        YearMonth from = pa.from().isBefore(pb.from()) ? pa.from() : pb.from();
        YearMonth to = pa.to().isAfter(pb.to()) ? pa.to() : pb.to();
        Planned later = pb.to().isAfter(pa.to()) ? b : a;
        return new Planned(a.place(), later.decision(), new Plan(pa.step(), pa.task(), from, to, pa.reason()), a.open(),
                a.latest(), a.uses(), a.occupancy(), a.current(), a.opens());
    }

    /** The place as an entry names it: its address and room number, else its building and room. */
    static String placeName(Task t) {
        String room = t.roomNumber() == null ? "" : t.roomNumber();
        if (t.address() != null) {
            return room.isEmpty() || t.address().endsWith(room) ? t.address() : t.address() + " " + room;
        }
        return ((t.buildingName() == null ? "" : t.buildingName()) + " " + room).strip();
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

    /**
     * Gives the task to someone who serves its grid now (grid chief, coordinator, manager or member) and reads it where
     * it lies now ({@link StaffDirectory#readsGrid}): anyone else is refused (400 not serving it, 409 not reading it),
     * nothing changed.
     */
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
        if (!staff.readsGrid(new StaffId(assigneeId), new GridId(before.gridId()))) {
            // on the roster but not reading the grid where it lies (a volunteer seated at another office, the old
            // station's officer still heading a grid whose village moved): he would find neither the entry nor the
            // grid's records, and the task would wait on someone who cannot see it
            throw new Conflict("utilities.task.assignee.cannotRead", tasks.staffName(assigneeId).orElse(""),
                    before.gridName());
        }
        if (assigneeId.equals(before.assigneeId())) {
            return before;
        }
        tasks.assign(id, assigneeId);
        Task after = tasks.find(id).orElseThrow();
        tasks.event(id, "ASSIGNED", caller.staffId(), caller.username(), after.assigneeName());
        events.publishEvent(Audited.updated("verification-task", id, after.unitPath(), state(before), state(after)));
        events.publishEvent(new VerificationTaskAssigned(id, assigneeId, before.assigneeId(), after.unitPath(),
                placeName(after), "utilities.kind." + after.kind().name(), "utilities.assigned.BY_HAND", clock.instant()));
        return after;
    }

    /**
     * What the person at the door found. For "no issue" on a "use without residents" task, how long the finding holds
     * (holdMonths after the task's last month, 1 to {@value #MAX_HOLD_MONTHS}; null: until something else changes) and
     * the monthly use above which the place is checked again, per utility (null: {@link
     * UtilityAnomalyPolicy#holdLimits}, twice the highest use of the task's period and at least the occupied threshold).
     */
    public record Resolution(Finding finding, String note, UUID visitId, Integer holdMonths,
            Map<Utility, java.math.BigDecimal> holdAbove) {
        public Resolution(Finding finding, String note, UUID visitId) {
            this(finding, note, visitId, null, Map.of());
        }
    }

    public static final int MAX_HOLD_MONTHS = 60;

    /** The field a hold's limit of this utility is typed in: holdWater, holdPower, holdGas. */
    public static String holdField(Utility u) {
        String name = u.name();
        return "hold" + name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a finding on this task holds for its place ({@link UtilityAnomalyPolicy.Hold}). */
    public static boolean holdsFor(Task t, Finding f) {
        return f == Finding.NO_ISSUE && t.kind() == UtilityAnomalyPolicy.Kind.UNREGISTERED_USE;
    }

    /** The limits a "no issue" finding on this task holds to unless others are stated. */
    public Map<Utility, java.math.BigDecimal> holdLimits(Task t) {
        YearMonth since = t.periodFrom().minusMonths(1);
        List<UtilityAnomalyPolicy.Use> uses = readings.uses(List.of(t.placeId()), since).getOrDefault(t.placeId(),
                List.of());
        return policy.holdLimits(uses, t.periodFrom(), t.periodTo());
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
        UtilityAnomalyPolicy.Hold hold = null;
        if (finding != null && holdsFor(before, finding)) {
            Integer months = r.holdMonths();
            if (months != null && (months < 1 || months > MAX_HOLD_MONTHS)) {
                problems.add(new Invalid.Problem("holdMonths", "utilities.hold.months.range",
                        new Object[] {MAX_HOLD_MONTHS}));
            }
            Map<Utility, java.math.BigDecimal> above = new java.util.EnumMap<>(holdLimits(before));
            if (r.holdAbove() != null) {
                r.holdAbove().forEach((u, v) -> {
                    if (v == null) {
                        return;
                    }
                    if (v.signum() < 0 || v.compareTo(new java.math.BigDecimal("99999999")) > 0) {
                        problems.add(new Invalid.Problem(holdField(u),
                                "utilities.hold.above.range", new Object[0]));
                    } else {
                        above.put(u, v.setScale(Math.min(3, Math.max(0, v.scale())), java.math.RoundingMode.HALF_UP));
                    }
                });
            }
            hold = new UtilityAnomalyPolicy.Hold(LocalDate.now(clock.withZone(Housing.LOCAL)),
                    months == null ? null : before.periodTo().plusMonths(months), above);
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
        tasks.resolve(id, finding, note, r.visitId(), caller.staffId(), hold);
        Task after = tasks.find(id).orElseThrow();
        events.publishEvent(new VerificationTaskResolved(id, clock.instant()));
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
        if (t.held()) {
            m.put("holdUntil", t.holdUntil() == null ? null : t.holdUntil().toString());
            Map<String, Object> above = new LinkedHashMap<>();
            t.holdAbove().forEach((u, v) -> above.put(u.name(), v.toPlainString()));
            m.put("holdAbove", above);
        }
        return m;
    }
}
