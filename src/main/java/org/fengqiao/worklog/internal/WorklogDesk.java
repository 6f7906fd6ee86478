package org.fengqiao.worklog.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.audit.Audited;
import org.fengqiao.duty.OnDuty;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.worklog.WorklogEdited;
import org.fengqiao.worklog.WorklogReviewed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of the work log. An entry is read by its author, by a supervisor (WORKLOG_REVIEW) whose subtree holds its
 * unit, and, while it is shared, by the police of its bureau (WORKLOG_COLUMN); anyone else is answered 404, as for an
 * entry that does not exist. Only its author changes it (403 for another who may read it): each edit keeps the
 * version it replaces and goes through only from the version the author read (409 otherwise). No entry, private or
 * shared, no comment and no review remark holds an identity or mobile number ({@link PersonalNumbers}): a private
 * entry and its remarks are read by the station chief and the bureau, and the entry may be shared later, so the number
 * is refused when typed, naming the field, and never stored to be masked in each list, export and search. Every
 * change is audited.
 */
@Service
public class WorklogDesk {

    public static final int TITLE_MAX = 100;
    public static final int BODY_MAX = 5000;
    public static final int REMARK_MAX = 2000;
    public static final int COMMENT_MAX = 1000;

    private final Worklogs worklogs;
    private final OnDuty onDuty;
    private final Jurisdictions jurisdictions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final StaffDirectory staff;

    public WorklogDesk(Worklogs worklogs, OnDuty onDuty, Jurisdictions jurisdictions, ApplicationEventPublisher events,
            Clock clock, StaffDirectory staff) {
        this.staff = staff;
        this.worklogs = worklogs;
        this.onDuty = onDuty;
        this.jurisdictions = jurisdictions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A second analysis or summary of a period the author wrote one for already: refused (409), naming the entry
     * written, so that the page links to it and the API answers where it is.
     */
    public static final class PeriodTaken extends Conflict {

        private final UUID entryId;

        PeriodTaken(UUID entryId) {
            super("worklog.error.periodTaken");
            this.entryId = entryId;
        }

        public UUID entryId() {
            return entryId;
        }
    }

    /** What an author writes: the kind (on creation only), a day of the period, the unit, the title and the text. */
    public record Form(WorklogKind kind, LocalDate day, UUID unitId, String title, String body, Long version) {
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), LocalTimes.ZONE);
    }

    /** The entry as the caller may read it, or 404. */
    public Worklogs.Entry entry(UUID id, Caller who) {
        Worklogs.Entry e = worklogs.entry(id).orElseThrow(() -> new NotFound("worklog-entry", id));
        if (e.authorId().equals(who.staffId()) || reviews(e, who) || inColumn(e, who)) {
            return e;
        }
        throw new NotFound("worklog-entry", id);
    }

    /** Whether the caller supervises the entry's unit (and is not its author). */
    public boolean reviews(Worklogs.Entry e, Caller who) {
        return who.may(Permission.WORKLOG_REVIEW.authority()) && who.sees(e.unitPath())
                && !e.authorId().equals(who.staffId());
    }

    /** Whether the entry is in the column the caller reads: shared, of his bureau, and he is police. */
    public boolean inColumn(Worklogs.Entry e, Caller who) {
        String bureau = bureau(who);
        return e.shared() && bureau != null && e.unitPath().startsWith(bureau);
    }

    /** The path of the caller's bureau, whose column he reads; null for one who reads no column. */
    public String bureau(Caller who) {
        if (!who.may(Permission.WORKLOG_COLUMN.authority()) || who.unitPaths().isEmpty()) {
            return null;
        }
        return Worklogs.bureauOf(who.unitPaths().get(0));
    }

    /** An entry of the column the caller reads, or 404. */
    public Worklogs.Entry columnEntry(UUID id, Caller who) {
        Worklogs.Entry e = worklogs.entry(id).filter(x -> inColumn(x, who))
                .orElseThrow(() -> new NotFound("worklog-entry", id));
        return e;
    }

    @Transactional
    public Worklogs.Entry create(Form f, Caller who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        WorklogKind kind = f == null ? null : f.kind();
        if (kind == null) {
            problems.add(new Invalid.Problem("kind", "error.field.required", new Object[0]));
        }
        Checked c = check(f, who, problems);
        personal(c.title(), c.body(), problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        refuseTaken(who.staffId(), kind, kind.start(c.day()), null);
        UUID id = UUID.randomUUID();
        try {
            worklogs.insert(id, who.staffId(), c.unit().id().value(), kind, kind.start(c.day()), c.title(), c.body(),
                    clock.instant());
        } catch (DuplicateKeyException e) {
            throw new Conflict("worklog.error.periodTaken");
        }
        Worklogs.Entry created = worklogs.entry(id).orElseThrow();
        events.publishEvent(Audited.created("worklog_entry", id, created.unitPath(), created).by(who.displayName()));
        return created;
    }

    /** The author edits his entry from the version he read: the version it replaces is kept. */
    @Transactional
    public Worklogs.Entry edit(UUID id, Form f, Caller who) {
        Worklogs.Entry before = mine(id, who);
        List<Invalid.Problem> problems = new ArrayList<>();
        if (f == null || f.version() == null) {
            problems.add(new Invalid.Problem("version", "error.field.required", new Object[0]));
        }
        Checked c = check(f, who, problems);
        personal(c.title(), c.body(), problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        worklogs.lock(id);
        Worklogs.Entry current = worklogs.entry(id).orElseThrow();
        refuseTaken(who.staffId(), current.kind(), current.kind().start(c.day()), id);
        boolean saved;
        try {
            saved = worklogs.update(current, f.version(), c.unit().id().value(), current.kind().start(c.day()),
                    c.title(), c.body(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new Conflict("worklog.error.periodTaken");
        }
        if (!saved) {
            throw new Conflict("worklog.error.stale");
        }
        Worklogs.Entry after = audited(current, who);
        List<UUID> reviewers = worklogs.reviewers(id, staff.rolesWith(Permission.WORKLOG_REVIEW).toArray(String[]::new))
                .stream().filter(r -> !r.equals(after.authorId())).toList();
        if (!reviewers.isEmpty()) {
            events.publishEvent(new WorklogEdited(id, after.unitPath(), reviewers, after.kind().name(), after.title(),
                    after.authorName(), after.version(), clock.instant()));
        }
        return after;
    }

    /** An analysis or summary is one per author and period (a diary, one of many a day): the one written is named. */
    private void refuseTaken(UUID author, WorklogKind kind, LocalDate start, UUID except) {
        if (kind.periodic()) {
            worklogs.taken(author, kind, start, except).ifPresent(taken -> {
                throw new PeriodTaken(taken);
            });
        }
    }

    private record Checked(LocalDate day, Unit unit, String title, String body) {
    }

    private Checked check(Form f, Caller who, List<Invalid.Problem> problems) {
        LocalDate day = f == null ? null : f.day();
        if (day == null) {
            problems.add(new Invalid.Problem("day", "error.field.required", new Object[0]));
        } else if (day.isAfter(today())) {
            problems.add(new Invalid.Problem("day", "worklog.error.future", new Object[0]));
        }
        Unit unit = null;
        if (f == null || f.unitId() == null) {
            problems.add(new Invalid.Problem("unitId", "error.field.required", new Object[0]));
        } else {
            unit = jurisdictions.visibleUnit(new UnitId(f.unitId()), who).orElse(null);
            if (unit == null) {
                problems.add(new Invalid.Problem("unitId", "worklog.error.unit", new Object[0]));
            }
        }
        String title = text(f == null ? null : f.title(), "title", TITLE_MAX, problems);
        String body = text(f == null ? null : f.body(), "body", BODY_MAX, problems);
        return new Checked(day, unit, title, body);
    }

    private static String text(String typed, String field, int max, List<Invalid.Problem> problems) {
        String t = typed == null || typed.isBlank() ? null : typed.strip();
        if (t == null) {
            problems.add(new Invalid.Problem(field, "error.field.required", new Object[0]));
        } else if (t.length() > max) {
            problems.add(new Invalid.Problem(field, "worklog.error.tooLong", new Object[] {max}));
        }
        return t;
    }

    private static void personal(String title, String body, List<Invalid.Problem> problems) {
        PersonalNumbers.found(title).ifPresent(k -> problems.add(new Invalid.Problem("title", k, new Object[0])));
        PersonalNumbers.found(body).ifPresent(k -> problems.add(new Invalid.Problem("body", k, new Object[0])));
    }

    /** The author shares his entry to the bureau's column, or withdraws it. */
    @Transactional
    public Worklogs.Entry share(UUID id, boolean shared, Caller who) {
        Worklogs.Entry before = mine(id, who);
        if (shared) {
            if (who.unitPaths().isEmpty() || !who.may(Permission.WORKLOG_COLUMN.authority())) {
                throw new Refused("worklog.error.noColumn");
            }
            List<Invalid.Problem> problems = new ArrayList<>();
            // an entry saved before numbers were refused in private ones
            personal(before.title(), before.body(), problems);
            if (!problems.isEmpty()) {
                throw new Invalid("error.invalid", problems);
            }
        }
        worklogs.lock(id);
        worklogs.share(id, shared ? (before.shared() ? before.sharedAt().toInstant() : clock.instant()) : null);
        return audited(before, who);
    }

    /** A supervisor writes his review remark (督导意见) on the entry as it stands now: the author is told. */
    @Transactional
    public Worklogs.Remark remark(UUID id, String text, Caller who) {
        return remark(id, text, null, who);
    }

    /**
     * A supervisor writes his review remark (督导意见) on the version of the entry he read ({@code version}; null: as
     * it stands now), which the remark keeps: an edit after it shows the remark answers the text before. When the
     * author changed the entry since the reviewer read it, the remark is refused (409) and nothing saved: it would
     * stand beside a text he has not read.
     */
    @Transactional
    public Worklogs.Remark remark(UUID id, String text, Long version, Caller who) {
        Worklogs.Entry seen = entry(id, who);
        if (!reviews(seen, who)) {
            throw new Refused(seen.authorId().equals(who.staffId()) ? "worklog.error.ownEntry"
                    : "worklog.error.notReviewer");
        }
        String t = required(text, "text", REMARK_MAX);
        // a remark is read by the author and those above him, as his private entries are, which hold no such number
        PersonalNumbers.found(t).ifPresent(k -> {
            throw Invalid.of("text", k);
        });
        // the version the remark answers is the one in force while it is written: no edit slips in between
        worklogs.lock(id);
        Worklogs.Entry e = worklogs.entry(id).orElseThrow();
        if (version != null && version != e.version()) {
            throw new Conflict("worklog.error.remarkStale");
        }
        UUID remarkId = UUID.randomUUID();
        Instant now = clock.instant();
        worklogs.addRemark(remarkId, id, e.version(), who.staffId(), t, now);
        Worklogs.Remark remark = worklogs.remarks(id).stream().filter(r -> r.id().equals(remarkId)).findFirst()
                .orElseThrow();
        events.publishEvent(Audited.created("worklog_remark", remarkId, e.unitPath(), remark).by(who.displayName()));
        events.publishEvent(new WorklogReviewed(id, e.unitPath(), e.authorId(), e.kind().name(), e.title(), t, now,
                who.staffId()));
        return remark;
    }

    /** A colleague comments on a shared entry of the column. */
    @Transactional
    public Worklogs.Comment comment(UUID id, String text, Caller who) {
        Worklogs.Entry e = columnEntry(id, who);
        String t = required(text, "text", COMMENT_MAX);
        PersonalNumbers.found(t).ifPresent(k -> {
            throw Invalid.of("text", k);
        });
        UUID commentId = UUID.randomUUID();
        worklogs.addComment(commentId, id, who.staffId(), t, clock.instant());
        Worklogs.Comment comment = worklogs.comments(id).stream().filter(c -> c.id().equals(commentId)).findFirst()
                .orElseThrow();
        events.publishEvent(Audited.created("worklog_comment", commentId, e.unitPath(), comment)
                .by(who.displayName()));
        return comment;
    }

    /**
     * A colleague likes (赞) a shared entry, once; or takes his like back. Answers the entry as it is now. Its author
     * does not like his own: a like is what the others think of it.
     */
    @Transactional
    public Worklogs.Entry like(UUID id, boolean like, Caller who) {
        Worklogs.Entry e = columnEntry(id, who);
        if (like && e.authorId().equals(who.staffId())) {
            throw new Refused("worklog.error.ownLike");
        }
        boolean changed = like ? worklogs.like(id, who.staffId(), clock.instant()) : worklogs.unlike(id, who.staffId());
        if (changed) {
            record Like(UUID entryId, UUID staffId) {
            }
            Like l = new Like(id, who.staffId());
            events.publishEvent((like ? Audited.created("worklog_like", id, e.unitPath(), l)
                    : Audited.deleted("worklog_like", id, e.unitPath(), l)).by(who.displayName()));
        }
        return worklogs.entry(id).orElseThrow();
    }

    private static String required(String typed, String field, int max) {
        List<Invalid.Problem> problems = new ArrayList<>();
        String t = text(typed, field, max, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return t;
    }

    /**
     * The community officers of the caller's scope who owed the analysis or summary of {@code kind} for the period
     * beginning on {@code first} and have not written it. He owed it when on duty by the period's first day: his
     * duty checklist's first day ({@link OnDuty}), or an earlier day his own work log speaks of (entries carried
     * over from paper); an officer who came after the period began owed nothing of it, as his checklist owed
     * nothing of it.
     */
    public List<Worklogs.Missing> missing(Caller who, WorklogKind kind, LocalDate first) {
        List<Worklogs.Absent> absent = worklogs.missing(who.scopePatterns(), kind, first);
        Map<UUID, LocalDate> since = onDuty.since(absent.stream().map(a -> a.who().staffId()).toList());
        return absent.stream().filter(a -> {
            LocalDate on = since.get(a.who().staffId());
            if (a.firstEntry() != null && (on == null || a.firstEntry().isBefore(on))) {
                on = a.firstEntry();
            }
            return on == null || !on.isAfter(first);
        }).map(Worklogs.Absent::who).toList();
    }

    /** The caller's own entry: 404 when he may not read it, 403 when he may but it is another's. */
    private Worklogs.Entry mine(UUID id, Caller who) {
        Worklogs.Entry e = entry(id, who);
        if (!e.authorId().equals(who.staffId())) {
            throw new Refused("worklog.error.notAuthor");
        }
        return e;
    }

    private Worklogs.Entry audited(Worklogs.Entry before, Caller who) {
        Worklogs.Entry after = worklogs.entry(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("worklog_entry", before.id(), after.unitPath(), before, after)
                .by(who.displayName()));
        return after;
    }
}
