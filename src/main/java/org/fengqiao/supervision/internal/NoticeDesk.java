package org.fengqiao.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.audit.Audited;
import org.fengqiao.audit.SystemActor;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.Texts;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.supervision.SupervisionAccountabilityRecorded;
import org.fengqiao.supervision.SupervisionNoticeChanged;
import org.fengqiao.supervision.SupervisionNoticeIssued;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps people take on supervision notices: issue (a numbered notice to a unit of the inspector's scope), answer
 * with the rectification, accept or send back, hold to account; and the overdue mark of the daily job. Input is
 * checked field by field before anything is written; each step goes through the notice's guarded method, is written
 * to its timeline, audited with before and after, and announced so that the inbox tells whom it concerns.
 */
@Service
public class NoticeDesk {

    static final int TEXT_MAX = 2000;
    static final int PLACE_MAX = 200;
    /** The longest period of rectification an inspector may give. */
    static final int MAX_DAYS = 365;
    static final String RECORD = "supervision_notice";
    /** Who marks a notice overdue: the daily job, stored so and shown in the reader's language (its timeline too). */
    public static final String OVERDUE_ACTOR = SystemActor.SUPERVISION_OVERDUE;

    private final Notices notices;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public NoticeDesk(Notices notices, StaffDirectory staff, ApplicationEventPublisher events, Clock clock) {
        this.notices = notices;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
    }

    /** The first day a finding issued today may have been found on: a notice is about an inspection of the year. */
    public static LocalDate earliestFound(LocalDate today) {
        return today.minusDays(MAX_DAYS);
    }

    public record IssueForm(UUID unitId, UUID leaderId, UUID officerId, String finding, LocalDate foundOn,
            String place, Notice.Severity severity, LocalDate dueOn) {
    }

    public record AnswerForm(String rectification, LocalDate doneOn, String evidence) {
    }

    public record AccountabilityForm(UUID targetId, Notice.Measure measure, String reason) {
    }

    static RectificationPolicy.Actor actor(Caller who) {
        return new RectificationPolicy.Actor(who.staffId(), who.displayName(),
                who.may(Permission.SUPERVISION_ISSUE.authority()), who.may(Permission.SUPERVISION_ANSWER.authority()));
    }

    public Notices.View notice(UUID id, Caller who) {
        return notices.visible(id, who.scopePatterns()).orElseThrow(() -> new NotFound(RECORD, id));
    }

    /** What the caller may do with a notice now, for the page's buttons. */
    public record Allowed(boolean answer, boolean decide, boolean holdAccountable) {
    }

    public Allowed allowed(Notices.View v, Caller who) {
        Notice n = v.notice();
        RectificationPolicy.Actor a = actor(who);
        List<UUID> held = v.accountabilities() == 0 ? List.of() : notices.heldToAccount(v.id());
        boolean someoneLeft = Stream.of(v.leaderId(), v.officerId())
                .anyMatch(p -> p != null && !held.contains(p));
        return new Allowed(RectificationPolicy.answer(n, a).allowed(), RectificationPolicy.decide(n, a).allowed(),
                someoneLeft && RectificationPolicy.holdAccountable(n, a,
                        v.leaderId() != null ? v.leaderId() : v.officerId()).allowed());
    }

    @Transactional
    public Notices.View issue(IssueForm f, Caller who) {
        RectificationPolicy.Decision may = RectificationPolicy.issue(actor(who));
        if (!may.allowed()) {
            throw new Refused(may.reason());
        }
        List<Invalid.Problem> problems = new ArrayList<>();
        Notices.Target unit = f.unitId() == null ? null : notices.targets(who).stream()
                .filter(t -> t.id().equals(f.unitId())).findFirst().orElse(null);
        if (f.unitId() == null) {
            problems.add(problem("unitId", "error.field.required"));
        } else if (unit == null) {
            problems.add(problem("unitId", "supervision.error.unit"));
        }
        if (f.leaderId() == null && f.officerId() == null) {
            problems.add(problem("leaderId", "supervision.error.responsible"));
        }
        if (unit != null) {
            Set<UUID> candidates = new LinkedHashSet<>(notices.candidates(unit.path()).stream()
                    .map(Notices.Candidate::id).toList());
            if (f.leaderId() != null && !candidates.contains(f.leaderId())) {
                problems.add(problem("leaderId", "supervision.error.notOfUnit.person"));
            }
            if (f.officerId() != null && !candidates.contains(f.officerId())) {
                problems.add(problem("officerId", "supervision.error.notOfUnit.person"));
            }
        }
        String finding = required(problems, "finding", f.finding(), TEXT_MAX);
        String place = optional(problems, "place", f.place(), PLACE_MAX);
        LocalDate today = today();
        if (f.foundOn() == null) {
            problems.add(problem("foundOn", "error.field.required"));
        } else if (f.foundOn().isAfter(today)) {
            problems.add(problem("foundOn", "supervision.error.future"));
        } else if (f.foundOn().isBefore(earliestFound(today))) {
            // a mistyped year (1026 for 2026) was issued as found a thousand years ago, and its rectification could
            // then be dated any day since
            problems.add(new Invalid.Problem("foundOn", "supervision.error.foundLongAgo", new Object[] {MAX_DAYS}));
        }
        if (f.severity() == null) {
            problems.add(problem("severity", "error.field.required"));
        }
        if (f.dueOn() == null) {
            problems.add(problem("dueOn", "error.field.required"));
        } else if (f.dueOn().isBefore(today) || f.dueOn().isAfter(today.plusDays(MAX_DAYS))) {
            problems.add(new Invalid.Problem("dueOn", "supervision.error.dueOn", new Object[] {MAX_DAYS}));
        } else if (f.foundOn() != null && f.dueOn().isBefore(f.foundOn())) {
            problems.add(problem("dueOn", "supervision.error.dueBeforeFound"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Instant now = clock.instant();
        UUID bureau = bureauOf(unit.path());
        int year = today.getYear();
        UUID id = UUID.randomUUID();
        notices.insert(new Notices.New(id, bureau, year, notices.nextSeq(bureau, year), unit.id(), unit.path(),
                f.leaderId(), f.officerId(), finding, f.foundOn(), place, f.severity(), f.dueOn(), who.staffId(),
                who.displayName(), now));
        notices.addStep(id, new Notice.Step(Notice.StepKind.ISSUED, who.staffId(), who.displayName(), null, null,
                null, null, null, now));
        Notices.View created = notices.view(id).orElseThrow();
        events.publishEvent(Audited.created("supervision_notice", id, unit.path(), created).by(who.displayName()));
        events.publishEvent(new SupervisionNoticeIssued(id, created.number(), unit.path(), unitPeople(created, who),
                finding, f.dueOn(), now));
        return created;
    }

    /** The first unit of the path: its bureau, whose numbers the notice takes. */
    static UUID bureauOf(String path) {
        return UUID.fromString(path.substring(1, path.indexOf('/', 1)));
    }

    /** Who rectifies: the responsible leader and officer, and the chiefs of the station over the unit. */
    private List<UUID> unitPeople(Notices.View v, Caller who) {
        Set<UUID> people = new LinkedHashSet<>();
        if (v.leaderId() != null) {
            people.add(v.leaderId());
        }
        if (v.officerId() != null) {
            people.add(v.officerId());
        }
        people.addAll(staff.stationChiefsOver(v.unitPath(), Permission.SUPERVISION_ANSWER));
        if (who != null) {
            people.remove(who.staffId());
        }
        return List.copyOf(people);
    }

    @Transactional
    public Notices.View answer(UUID id, AnswerForm f, Caller who) {
        Notices.View before = locked(id, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        String text = required(problems, "rectification", f == null ? null : f.rectification(), TEXT_MAX);
        String evidence = optional(problems, "evidence", f == null ? null : f.evidence(), TEXT_MAX);
        LocalDate doneOn = f == null ? null : f.doneOn();
        if (doneOn == null) {
            problems.add(problem("doneOn", "error.field.required"));
        } else if (doneOn.isAfter(today()) || doneOn.isBefore(before.foundOn())) {
            problems.add(problem("doneOn", "supervision.error.doneOn"));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Notice n = before.notice();
        Notice.Step step = n.answer(actor(who), text, doneOn, evidence, clock.instant());
        Notices.View after = write(before, n, step, who.displayName());
        events.publishEvent(changed(after, step, List.of(after.issuedBy()), text));
        return after;
    }

    /** The inspector accepts the rectification, with optional remarks: the notice is closed. */
    @Transactional
    public Notices.View accept(UUID id, String note, Caller who) {
        return decide(id, note, false, who);
    }

    /** The inspector sends the rectification back, saying why: the unit is asked for it again. */
    @Transactional
    public Notices.View sendBack(UUID id, String reason, Caller who) {
        return decide(id, reason, true, who);
    }

    private Notices.View decide(UUID id, String note, boolean sendBack, Caller who) {
        Notices.View before = locked(id, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        String text = sendBack ? required(problems, "note", note, TEXT_MAX) : optional(problems, "note", note, TEXT_MAX);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Notice n = before.notice();
        Notice.Step step = sendBack ? n.sendBack(actor(who), text, today(), clock.instant())
                : n.accept(actor(who), text, clock.instant());
        Notices.View after = write(before, n, step, who.displayName());
        events.publishEvent(changed(after, step, sendBack ? unitPeople(after, who) : List.of(), text));
        return after;
    }

    @Transactional
    public Notices.View holdAccountable(UUID id, AccountabilityForm f, Caller who) {
        Notices.View before = locked(id, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        if (f == null || f.targetId() == null) {
            problems.add(problem("targetId", "error.field.required"));
        }
        if (f == null || f.measure() == null) {
            problems.add(problem("measure", "error.field.required"));
        }
        String reason = required(problems, "reason", f == null ? null : f.reason(), TEXT_MAX);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Notice n = before.notice();
        Notice.Step step = n.holdAccountable(actor(who), f.targetId(), f.measure(), reason, clock.instant());
        // under the notice's lock: a form sent twice, or two inspectors at once, record one measure per person
        if (notices.heldToAccount(id).contains(f.targetId())) {
            throw new Conflict("supervision.error.alreadyAccountable");
        }
        Notices.View after = write(before, n, step, who.displayName());
        events.publishEvent(new SupervisionAccountabilityRecorded(after.id(), after.number(), after.unitPath(),
                step.targetId(), step.measure().name(), reason, step.at()));
        return after;
    }

    /**
     * The daily job's mark on one notice past its last day ({@code today}, at {@code now}); false when it is no longer
     * waiting (answered since).
     */
    @Transactional
    public boolean markOverdue(UUID id, LocalDate today, Instant now) {
        notices.lock(id);
        Notices.View before = notices.view(id).orElse(null);
        if (before == null || !RectificationPolicy.overdue(before.notice(), today).allowed()) {
            return false;
        }
        Notice n = before.notice();
        Notice.Step step = n.markOverdue(today, OVERDUE_ACTOR, now);
        Notices.View after = write(before, n, step, OVERDUE_ACTOR);
        List<UUID> told = new ArrayList<>(unitPeople(after, null));
        if (!told.contains(after.issuedBy())) {
            told.add(after.issuedBy());
        }
        events.publishEvent(changed(after, step, told, null));
        return true;
    }

    private Notices.View write(Notices.View before, Notice n, Notice.Step step, String by) {
        notices.save(n);
        notices.addStep(n.id(), step);
        Notices.View after = notices.view(n.id()).orElseThrow();
        events.publishEvent(Audited.updated("supervision_notice", n.id(), before.unitPath(), before, after).by(by));
        return after;
    }

    private static SupervisionNoticeChanged changed(Notices.View v, Notice.Step step, List<UUID> recipients,
            String words) {
        return new SupervisionNoticeChanged(v.id(), v.number(), v.unitPath(), step.kind().name(), recipients,
                words, v.dueOn(), step.at());
    }

    private Notices.View locked(UUID id, Caller who) {
        notice(id, who);
        notices.lock(id);
        return notices.view(id).orElseThrow(() -> new NotFound(RECORD, id));
    }

    /** The past-due notices the daily job marks, a batch at a time. */
    public List<UUID> pastDue(LocalDate today, int limit) {
        return notices.pastDue(today, limit);
    }

    private static Invalid.Problem problem(String field, String key) {
        return new Invalid.Problem(field, key, new Object[0]);
    }

    private static String required(List<Invalid.Problem> problems, String field, String value, int max) {
        String text = optional(problems, field, value, max);
        if (text == null) {
            problems.add(problem(field, "error.field.required"));
        }
        return text;
    }

    private static String optional(List<Invalid.Problem> problems, String field, String value, int max) {
        String text = value == null || value.isBlank() ? null : value.strip();
        if (text != null && text.length() > max) {
            problems.add(new Invalid.Problem(field, "supervision.error.tooLong", new Object[] {max}));
        }
        if (text != null && Texts.hasControlCharacters(text)) {
            problems.add(problem(field, "supervision.error.control"));
        }
        return text;
    }
}
