package org.fengqiao.duty.internal;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.audit.Audited;
import org.fengqiao.duty.DutyPeriod;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Refused;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duty checklist: an officer's duties for a day (each period holding it, and what the last closed ones missed),
 * recording one done, withdrawing one's own record the same day with a reason, and the overview of the officers of a
 * unit for the chiefs above them. Days are the jurisdiction's (China Standard Time). Every write is audited.
 */
@Service
public class DutyDesk {

    public static final ZoneId ZONE = LocalTimes.ZONE;
    static final int NOTE_MAX = 500;
    static final int REASON_MAX = 200;
    static final int PARTICIPANTS_MAX = 9999;
    public static final String TYPE = "duty-record";

    private final DutyRecords records;
    private final DutyResults results;
    private final DutyProperties rhythm;
    private final Jurisdictions jurisdictions;
    private final StaffDirectory staff;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DutyDesk(DutyRecords records, DutyResults results, DutyProperties rhythm, Jurisdictions jurisdictions,
            StaffDirectory staff, MessageSource messages, ApplicationEventPublisher events, Clock clock) {
        this.records = records;
        this.results = results;
        this.rhythm = rhythm;
        this.jurisdictions = jurisdictions;
        this.staff = staff;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    public record RecordForm(String item, LocalDate doneOn, String note, UUID unitId, UUID gridId,
            Integer participants) {
    }

    /** One item of the rhythm in a period: its decision and the records (withdrawn ones too) in the period. */
    public record ItemView(String code, String label, DutyPeriod period, LocalDate start, LocalDate end,
            ChecklistPolicy.State state, String reason, List<DutyRecords.Record> records) {

        public boolean done() {
            return state == ChecklistPolicy.State.DONE;
        }
    }

    public record PeriodView(DutyPeriod period, LocalDate start, LocalDate end, int done, int due,
            List<ItemView> items) {
    }

    /** An officer's checklist on a day: the periods holding it, and the items the last closed periods missed. */
    public record Checklist(DutyRecords.Officer officer, LocalDate day, List<PeriodView> periods,
            List<ItemView> missed) {
    }

    /**
     * One officer's line of the overview: the period's items done and due, what the last closed one missed, and his
     * results of the overview's month ({@code month}: null when none is kept where the reader may see).
     */
    public record OverviewRow(DutyRecords.Officer officer, int done, int due, List<ItemView> items,
            List<ItemView> missed, DutyResults.Tally month) {
    }

    /**
     * The overview of a unit's officers for a period; {@code monthFirst} to {@code monthLast} the last month whose
     * results are all written (the share of due duties done each row shows).
     */
    public record Overview(Unit unit, DutyPeriod period, LocalDate day, LocalDate start, LocalDate end,
            LocalDate lastStart, LocalDate lastEnd, List<OverviewRow> rows, LocalDate monthFirst,
            LocalDate monthLast) {
    }

    public record RhythmItem(String code, String label, DutyPeriod period, String tickedBy) {
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /**
     * The last closing day whose periods can no longer change on {@code today} (a record may be made at most
     * backdate-days back): their results are written (DutyResultSweep).
     */
    public LocalDate settled(LocalDate today) {
        return today.minusDays(rhythm.backdateDays() + 1L);
    }

    public LocalDate earliestDoneOn() {
        return today().minusDays(rhythm.backdateDays());
    }

    public String label(DutyProperties.Item item, Locale locale) {
        String fallback = item.label() != null ? item.label() : item.code();
        return messages.getMessage("duty.item." + item.code(), null, fallback, locale);
    }

    public List<RhythmItem> rhythm(Locale locale) {
        return rhythm.items().stream()
                .map(i -> new RhythmItem(i.code(), label(i, locale), i.period(), i.tickedBy())).toList();
    }

    /** The caller's own checklist; he must be a community officer (else there is none to show: 404). */
    public Checklist mine(Caller who, LocalDate day, Locale locale) {
        DutyRecords.Officer me = records.officer(who.staffId(), new String[] {"%"})
                .orElseThrow(() -> new NotFound("duty-officer", who.staffId()));
        return checklist(me, day == null ? today() : held(day), locale);
    }

    /** An officer's checklist as a chief above him reads it: 404 for one outside the reader's scope. */
    public Checklist officer(UUID officerId, Caller who, LocalDate day, Locale locale) {
        DutyRecords.Officer o = records.officer(officerId, who.scopePatterns())
                .orElseThrow(() -> new NotFound("duty-officer", officerId));
        return checklist(o, day == null ? today() : held(day), locale);
    }

    /**
     * A day asked after, held to the years the filters take: /duties?day=0001-01-01 answered a checklist of the year 1,
     * every duty due and none missed, as if it were a day to work on (the API as the pages).
     */
    private static LocalDate held(LocalDate day) {
        return PeriodFigures.Period.held("day", day);
    }

    Checklist checklist(DutyRecords.Officer officer, LocalDate day, Locale locale) {
        ChecklistPolicy policy = new ChecklistPolicy(rhythm.items());
        List<DutyRecords.Record> found = records.of(List.of(officer.id()), policy.earliestNeeded(day),
                DutyPeriod.QUARTER.end(day)).stream().map(r -> inLanguage(r, locale)).toList();
        List<ItemView> current = views(policy.current(day, officer.since(), done(found)), found, locale);
        List<PeriodView> periods = new ArrayList<>();
        for (DutyPeriod p : DutyPeriod.values()) {
            List<ItemView> items = current.stream().filter(i -> i.period() == p).toList();
            if (!items.isEmpty()) {
                periods.add(new PeriodView(p, p.start(day), p.end(day), (int) items.stream().filter(ItemView::done)
                        .count(), items.size(), items));
            }
        }
        List<ItemView> missed = views(policy.lastClosed(day, officer.since(), done(found)), found, locale).stream()
                .filter(i -> i.state() == ChecklistPolicy.State.MISSED).toList();
        return new Checklist(officer, day, periods, missed);
    }

    private List<ItemView> views(List<ChecklistPolicy.Decision> decisions, List<DutyRecords.Record> found,
            Locale locale) {
        return decisions.stream().map(d -> new ItemView(d.item().code(), label(d.item(), locale), d.item().period(),
                d.start(), d.end(), d.state(), messages.getMessage(d.reason(), null, d.reason(), locale),
                found.stream().filter(r -> r.item().equals(d.item().code()) && !r.doneOn().isBefore(d.start())
                        && !r.doneOn().isAfter(d.end())).toList())).toList();
    }

    private static List<ChecklistPolicy.Done> done(List<DutyRecords.Record> found) {
        return found.stream().map(r -> new ChecklistPolicy.Done(r.item(), r.doneOn(), r.withdrawn())).toList();
    }

    /** The officers of a unit (the caller's own when none is named) for one period: 404 for a unit outside. */
    public Overview overview(UUID unitId, DutyPeriod period, LocalDate day, Caller who, Locale locale) {
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), who)
                .orElseThrow(() -> new NotFound("unit", unitId));
        String under = unit != null ? unit.path() : "";
        DutyPeriod p = period == null ? DutyPeriod.WEEK : period;
        LocalDate d = day == null ? today() : held(day);
        List<DutyRecords.Officer> officers = records.officers(under, who.scopePatterns());
        ChecklistPolicy policy = new ChecklistPolicy(rhythm.of(p));
        Map<UUID, List<DutyRecords.Record>> byOfficer = new LinkedHashMap<>();
        for (DutyRecords.Record r : records.of(officers.stream().map(DutyRecords.Officer::id).toList(),
                p.previous(d), p.end(d))) {
            byOfficer.computeIfAbsent(r.officerId(), k -> new ArrayList<>()).add(r);
        }
        // the last month whose periods all closed more than backdate-days ago: its results are all written
        YearMonth month = YearMonth.from(settled(today()).plusDays(1)).minusMonths(1);
        // his results kept where the reader may see them, as the list the share links to counts them
        Map<UUID, DutyResults.Tally> shares = results.byOfficer(officers.stream().map(DutyRecords.Officer::id)
                .toList(), who.scopePatterns(), month.atDay(1), month.atEndOfMonth());
        List<OverviewRow> rows = new ArrayList<>();
        for (DutyRecords.Officer o : officers) {
            List<DutyRecords.Record> found = byOfficer.getOrDefault(o.id(), List.of());
            List<ItemView> items = views(policy.current(d, o.since(), done(found)), found, locale);
            List<ItemView> missed = views(policy.lastClosed(d, o.since(), done(found)), found, locale).stream()
                    .filter(i -> i.state() == ChecklistPolicy.State.MISSED).toList();
            rows.add(new OverviewRow(o, (int) items.stream().filter(ItemView::done).count(), items.size(), items,
                    missed, shares.get(o.id())));
        }
        LocalDate last = p.previous(d);
        return new Overview(unit, p, d, p.start(d), p.end(d), last, p.end(last), rows, month.atDay(1),
                month.atEndOfMonth());
    }

    /**
     * The records of duties done in a period where the work figures count them: at the units under a unit of the
     * caller's scope (404 outside; his whole scope when none is named), of one item when named (400 for none of
     * the rhythm); {@code total} all of them, {@code items} a page (each note only for its officer and those above
     * him: NotePolicy), {@code labels} the items' names.
     */
    public record Done(Unit unit, LocalDate from, LocalDate to, String item, List<DutyRecords.Record> items,
            long total, Map<String, String> labels) {
    }

    public Done done(UUID unitId, LocalDate from, LocalDate to, String item, Caller who, Locale locale, int limit,
            int offset) {
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), who)
                .orElseThrow(() -> new NotFound("unit", unitId));
        String code = item == null || item.isBlank() ? null : item.strip();
        if (code != null && rhythm.items().stream().noneMatch(i -> i.code().equals(code))) {
            throw Invalid.of("item", "duty.done.unknownItem", code);
        }
        PeriodFigures.Period days = PeriodFigures.Period.asked(from, to, today());
        String[] under = unit != null ? new String[] {unit.path() + "%"} : who.scopePatterns();
        List<DutyRecords.Record> items = records.done(under, days.first(), days.last(), code, limit, offset).stream()
                .map(r -> inLanguage(NotePolicy.shown(r, who), locale)).toList();
        return new Done(unit, days.first(), days.last(), code, items,
                records.doneCount(under, days.first(), days.last(), code), labels(locale));
    }

    /** The items of the rhythm by code, named in the reader's language. */
    public Map<String, String> labels(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        rhythm.items().forEach(i -> labels.put(i.code(), label(i, locale)));
        return labels;
    }

    /** One officer's result as the list shows it: the item in the reader's words (as it was, when unknown now). */
    public record ResultLine(DutyResults.Result result, String item) {
    }

    /**
     * The results of the duties whose period ended in the days (职责完成率 rates them), of the officers who were in a
     * unit under the one named (404 outside the caller's scope; his whole scope when none is named) when they were
     * written; of one officer, one state (DONE or MISSED, 400 for another) when named. {@code done} and {@code due}
     * count all of them; {@code keptFrom} the first day whose closing periods were written, null before any.
     * {@code writtenUpTo} the last day whose closing periods are written (null before any), and {@code writtenOn}
     * the day those closing on the last day chosen will be, null when they are: until then the list leaves out the
     * duties ending after {@code writtenUpTo}, as the work figures and the overview wait for them.
     */
    public record Results(Unit unit, LocalDate from, LocalDate to, UUID officer, String state, List<ResultLine> items,
            long done, long due, LocalDate keptFrom, List<DutyResults.Result> officers, LocalDate writtenUpTo,
            LocalDate writtenOn) {
    }

    public Results results(UUID unitId, LocalDate from, LocalDate to, UUID officer, String state, Caller who,
            Locale locale, int limit, int offset) {
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), who)
                .orElseThrow(() -> new NotFound("unit", unitId));
        String st = state == null || state.isBlank() ? null : state.strip();
        if (st != null && !st.equals(ChecklistPolicy.State.DONE.name())
                && !st.equals(ChecklistPolicy.State.MISSED.name())) {
            throw Invalid.of("state", "duty.results.unknownState", st);
        }
        PeriodFigures.Period days = PeriodFigures.Period.asked(from, to, today());
        String[] under = unit != null ? new String[] {unit.path() + "%"} : who.scopePatterns();
        DutyResults.Tally tally = results.count(under, days.first(), days.last(), officer, st);
        List<ResultLine> lines = results.list(under, days.first(), days.last(), officer, st, limit, offset).stream()
                .map(r -> new ResultLine(r, messages.getMessage("duty.item." + r.item(), null, r.itemText(), locale)))
                .toList();
        LocalDate latest = results.lastDay().orElse(null);
        // the periods closing on a day are written once no record can be made into them any more (DutyResultSweep)
        LocalDate writtenOn = latest == null || days.last().isAfter(latest)
                ? days.last().plusDays(rhythm.backdateDays() + 1L) : null;
        return new Results(unit, days.first(), days.last(), officer, st, lines, tally.done(), tally.due(),
                results.keptFrom().orElse(null), results.officers(under, days.first(), days.last()), latest,
                writtenOn);
    }

    /**
     * A record the caller may read: his own, or one of an officer of his scope, its note withheld but for its
     * officer and those above him (NotePolicy).
     */
    public DutyRecords.Record record(UUID id, Caller who) {
        return records.visible(id, who.staffId(), who.scopePatterns()).map(r -> NotePolicy.shown(r, who))
                .orElseThrow(() -> new NotFound(TYPE, id));
    }

    /** As above, an automatic tick's note in the reader's language, as his checklist and the list show it. */
    public DutyRecords.Record record(UUID id, Caller who, Locale locale) {
        return inLanguage(record(id, who), locale);
    }

    /**
     * The officer records a duty done: the item of the rhythm, the day (not ahead of today, at most
     * {@code backdate-days} back), a note (required, trimmed, at most 500 characters), where (a grid or else a unit of
     * his jurisdiction: 404 for one outside) and optionally how many took part. Twice in a period is kept twice.
     */
    @Transactional
    public DutyRecords.Record record(RecordForm f, Caller who) {
        List<Invalid.Problem> problems = new ArrayList<>();
        String item = f == null ? null : blankToNull(f.item());
        if (item == null) {
            problems.add(new Invalid.Problem("item", "error.field.required", new Object[0]));
        } else if (rhythm.item(item).isEmpty()) {
            problems.add(new Invalid.Problem("item", "duty.error.item", new Object[0]));
        }
        LocalDate doneOn = f == null ? null : f.doneOn();
        if (doneOn == null) {
            problems.add(new Invalid.Problem("doneOn", "error.field.required", new Object[0]));
        } else if (doneOn.isAfter(today())) {
            problems.add(new Invalid.Problem("doneOn", "duty.error.doneOnAhead", new Object[0]));
        } else if (doneOn.isBefore(earliestDoneOn())) {
            problems.add(new Invalid.Problem("doneOn", "duty.error.doneOnTooOld",
                    new Object[] {rhythm.backdateDays()}));
        }
        String note = f == null ? null : blankToNull(f.note());
        if (note == null) {
            problems.add(new Invalid.Problem("note", "error.field.required", new Object[0]));
        } else if (note.length() > NOTE_MAX) {
            problems.add(new Invalid.Problem("note", "duty.error.tooLong", new Object[] {NOTE_MAX}));
        }
        Integer participants = f == null ? null : f.participants();
        if (participants != null && (participants < 1 || participants > PARTICIPANTS_MAX)) {
            problems.add(new Invalid.Problem("participants", "duty.error.participants",
                    new Object[] {PARTICIPANTS_MAX}));
        }
        if (f == null || (f.gridId() == null && f.unitId() == null)) {
            problems.add(new Invalid.Problem("unitId", "duty.error.place", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID unitId;
        UUID gridId = null;
        if (f.gridId() != null) {
            // a duty done is never filed in a grid merged away (a stale form, the API): 400 naming it
            // a grid of his units he does not read (GridReach) is not found, as one he does not see
            Grid grid = jurisdictions.visibleGridToFileInto(new GridId(f.gridId()), who)
                    .filter(g -> org.fengqiao.platform.GridReach.of(who).reaches(f.gridId(), false))
                    .orElseThrow(() -> new NotFound("grid", f.gridId()));
            unitId = grid.unitId().value();
            gridId = grid.id().value();
        } else {
            unitId = jurisdictions.visibleUnit(new UnitId(f.unitId()), who)
                    .orElseThrow(() -> new NotFound("unit", f.unitId())).id().value();
        }
        UUID id = UUID.randomUUID();
        records.insert(id, who.staffId(), item, doneOn, note, unitId, gridId, participants, "MANUAL", null, now());
        DutyRecords.Record created = records.find(id).orElseThrow();
        events.publishEvent(Audited.created("duty-record", id, created.placePath(), created).by(who.displayName()));
        return created;
    }

    /**
     * Records a duty done by a named officer as it was kept on paper (the demo district's past weeks): the day is
     * taken as given, the rest checked as above against the grid; audited as the loader.
     */
    @Transactional
    public UUID recordAs(UUID officer, String item, LocalDate doneOn, String note, UUID gridId, Integer participants,
            String by) {
        if (rhythm.item(item).isEmpty() || blankToNull(note) == null || doneOn.isAfter(today())) {
            throw Invalid.of("item", "duty.error.item");
        }
        Grid grid = jurisdictions.gridToFileInto(new GridId(gridId)).orElseThrow(() -> new NotFound("grid", gridId));
        UUID id = UUID.randomUUID();
        records.insert(id, officer, item, doneOn, note.strip(), grid.unitId().value(), gridId, participants, "MANUAL",
                null, OffsetDateTime.of(doneOn.atTime(18, 0), ZONE.getRules().getOffset(doneOn.atTime(18, 0))));
        events.publishEvent(Audited.created("duty-record", id, grid.unitPath(), records.find(id).orElseThrow()).by(by));
        return id;
    }

    /** The author withdraws his record the day he made it, with a reason; it stays, marked withdrawn. */
    @Transactional
    public DutyRecords.Record withdraw(UUID id, String reason, Caller who) {
        DutyRecords.Record seen = record(id, who);
        DutyRecords.Record before = records.lock(seen.id()).orElseThrow(() -> new NotFound(TYPE, id));
        if (!before.officerId().equals(who.staffId())) {
            // he may see his colleague's record but not withdraw it: a refusal (403), not bad input
            throw new Refused("duty.error.notAuthor");
        }
        if (before.withdrawn()) {
            throw new Conflict("duty.error.withdrawn");
        }
        if (!LocalDate.ofInstant(before.recordedAt().toInstant(), ZONE).equals(today())) {
            throw Invalid.of("record", "duty.error.withdrawSameDay");
        }
        String text = blankToNull(reason);
        if (text == null) {
            throw Invalid.of("reason", "error.field.required");
        }
        if (text.length() > REASON_MAX) {
            throw Invalid.of("reason", "duty.error.tooLong", REASON_MAX);
        }
        if (!records.withdraw(id, now(), text)) {
            throw new Conflict("duty.error.withdrawn");
        }
        DutyRecords.Record after = records.find(id).orElseThrow();
        events.publishEvent(Audited.updated("duty-record", id, after.placePath(), before, after).by(who.displayName()));
        return after;
    }

    /**
     * Ticks the item the rhythm says the source ticks, for the officer, the day and the grid, with a note naming the
     * record by its kind and id only (the overview is read by chiefs and inspectors: no person's name): the officer is
     * not asked twice. Only an active community officer has the checklist; a record of the source ticks once, however
     * often its event is delivered (false: nothing recorded). Audited as {@code by}.
     */
    @Transactional
    public boolean tick(String source, UUID sourceId, UUID officerId, LocalDate day, UUID gridId, String note,
            String by) {
        DutyProperties.Item item = rhythm.tickedBy(source).orElse(null);
        if (item == null || sourceId == null || officerId == null || day == null || gridId == null
                || records.fromSource(source, sourceId)) {
            return false;
        }
        boolean officer = staff.staff(new StaffId(officerId))
                .filter(s -> s.active() && s.role() == StaffRole.COMMUNITY_OFFICER).isPresent();
        Grid grid = jurisdictions.grid(new GridId(gridId)).orElse(null);
        if (!officer || grid == null) {
            return false;
        }
        UUID id = UUID.randomUUID();
        if (!records.insert(id, officerId, item.code(), day, note, grid.unitId().value(), grid.id().value(), null,
                source, sourceId, now())) {
            return false;
        }
        DutyRecords.Record created = records.find(id).orElseThrow();
        events.publishEvent(Audited.created("duty-record", id, created.placePath(), created).by(by));
        return true;
    }

    /** A note of an automatic tick, as the shift's always was: in Chinese, the record's language. */
    String note(String key, Object... args) {
        return messages.getMessage(key, args, Locale.CHINA);
    }

    /** The messages the automatic ticks write their notes with ({@link DutyTicks}), each read back by its pattern. */
    static final List<String> AUTO_NOTES = List.of("duty.shift.note", "duty.auto.note.KEY_PERSON_VISIT",
            "duty.auto.note.RENTAL_FLOATING_VISIT.rental", "duty.auto.note.RENTAL_FLOATING_VISIT.floating",
            "duty.auto.note.RENTAL_FLOATING_VISIT.both", "duty.auto.note.DISPUTE_SCREENING",
            "duty.auto.note.FIRE_INSPECTION", "duty.auto.note.INFORMANT_CONTACT.VISIT",
            "duty.auto.note.INFORMANT_CONTACT.MEETING");

    /**
     * The record with an automatic tick's note in the reader's language. The note is stored in Chinese (the record's
     * language, as the audit trail keeps it), so an English reader's checklist showed 走访重点人员，走访记录 … beside
     * English labels although the English bundle holds each of these messages: the stored note is read back by its
     * Chinese pattern and written again in the reader's. A note typed by hand, or one no pattern reads, is shown as
     * written.
     */
    DutyRecords.Record inLanguage(DutyRecords.Record record, Locale locale) {
        String note = record.note();
        if (note == null || record.source() == null || "MANUAL".equals(record.source())
                || Locale.CHINESE.getLanguage().equals(locale.getLanguage())) {
            return record;
        }
        for (String key : AUTO_NOTES) {
            // without arguments the message source gives the pattern itself
            String pattern = messages.getMessage(key, null, null, Locale.CHINA);
            if (pattern == null) {
                continue;
            }
            ParsePosition at = new ParsePosition(0);
            Object[] args = new MessageFormat(pattern, Locale.CHINA).parse(note, at);
            if (args == null || at.getIndex() != note.length() || at.getErrorIndex() >= 0) {
                continue;
            }
            Object[] read = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                // a number read back as text (the shift's hours) counts again, so that English says "1 hour"
                read[i] = args[i] instanceof String s && s.matches("\\d+(\\.\\d+)?") ? new BigDecimal(s) : args[i];
            }
            return record.withNote(messages.getMessage(key, read, note, locale));
        }
        return record;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
