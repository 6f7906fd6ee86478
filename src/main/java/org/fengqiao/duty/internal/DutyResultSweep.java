package org.fengqiao.duty.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes each officer's result (DONE or MISSED) for every duty whose period closed, once a day early in the morning
 * (China time), so the share of due duties done (职责完成率) of a past month stays what it was when officers move and
 * the rhythm changes.
 *
 * <p>A period is written once it can no longer change by the checklist's own rules: a record may be made at most
 * {@code backdate-days} back and withdrawn only the day it was made, so the periods that closed on day D are written
 * on D + backdate-days + 1 (by default eight days after), and never rewritten after: a record ticked into such a
 * period later still (a visit entered late ticks the day it was made) stays on the officer's checklist but does not
 * change his result. The job remembers the last closing day it wrote and catches up the days since, each in its own
 * transaction, at most {@link #CATCH_UP_DAYS} of them (after a longer downtime the days before are left unwritten,
 * and the figures show no rate for periods that miss a day). Each day costs the active community officers times the
 * items closing that day, never all of history; writing a day twice writes nothing new. Only officers who owed the
 * item are written: community officers on duty by the period's first day (the checklist's {@code since}). Who they
 * are and where is noted the morning after the day closed ({@link #rollCall}): an officer deactivated or moved in the
 * eight days before the results are written is still written, in the unit he was in then; a day closed before its
 * roll was taken is written for the active officers in the units they are in then. ShedLock runs it on one instance.
 */
@Component
public class DutyResultSweep {

    private static final Logger log = LoggerFactory.getLogger(DutyResultSweep.class);
    static final int CATCH_UP_DAYS = 92;

    private final DutyResults results;
    private final DutyRecords records;
    private final DutyProperties rhythm;
    private final DutyDesk desk;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DutyResultSweep(DutyResults results, DutyRecords records, DutyProperties rhythm, DutyDesk desk,
            TransactionTemplate transactions, Clock clock) {
        this.results = results;
        this.records = records;
        this.rhythm = rhythm;
        this.desk = desk;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(cron = "${fengqiao.duty.results-cron:0 20 1 * * *}", zone = "Asia/Shanghai")
    @SchedulerLock(name = "duty-result-sweep", lockAtLeastFor = "PT10S", lockAtMostFor = "PT30M")
    public void run() {
        LocalDate today = desk.today();
        int written = catchUp(today);
        rollCalls(today);
        if (written > 0) {
            log.info("Duty: {} results of closed periods written", written);
        }
    }

    /**
     * Notes who owes the duties closing on {@code day} and where each is, as they stand now (the morning after it
     * closed), unless noted already: the day's results go to them when written, though one leaves or moves in the
     * days between. Answers how many were noted.
     */
    public int rollCall(LocalDate day) {
        Integer noted = transactions.execute(status -> results.rollCall(day,
                records.officers("", new String[] {"%"}), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
        return noted == null ? 0 : noted;
    }

    /**
     * Takes the roll of each day that closed since the last one taken, up to yesterday; not of the days written on
     * {@code today} already (their results are written from the officers as they stand). Answers how many were noted.
     */
    public int rollCalls(LocalDate today) {
        LocalDate last = today.minusDays(1);
        LocalDate from = results.lastRollDay().map(d -> d.plusDays(1)).orElse(last);
        LocalDate first = settled(today).plusDays(1);
        int noted = 0;
        for (LocalDate day = from.isBefore(first) ? first : from; !day.isAfter(last); day = day.plusDays(1)) {
            noted += rollCall(day);
        }
        return noted;
    }

    /**
     * Closes the periods of every day from {@code first} as this job would have had it run each night since: writes
     * the results of each day settled on {@code today} and takes the roll of each day closed after them. For a
     * district loaded with its past (the demo's duty records), whose figures and results should read as those of a
     * station that has kept them for months, not wait eight nights for the job. Answers how many results were written.
     */
    public int since(LocalDate first, LocalDate today) {
        LocalDate last = settled(today);
        int written = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            written += record(day);
        }
        for (LocalDate day = first.isAfter(last) ? first : last.plusDays(1); day.isBefore(today);
                day = day.plusDays(1)) {
            rollCall(day);
        }
        return written;
    }

    /** The last closing day whose periods can no longer change on {@code today}. */
    public LocalDate settled(LocalDate today) {
        return desk.settled(today);
    }

    /** Writes the periods closed on each day since the last one written, up to the settled day; answers how many. */
    public int catchUp(LocalDate today) {
        LocalDate last = settled(today);
        LocalDate from = results.lastDay().map(d -> d.plusDays(1)).orElse(last);
        LocalDate bound = last.minusDays(CATCH_UP_DAYS - 1L);
        if (from.isBefore(bound)) {
            log.warn("Duty: results of the periods closed {} to {} are not written (more than {} days behind)",
                    from, bound.minusDays(1), CATCH_UP_DAYS);
            from = bound;
        }
        int written = 0;
        for (LocalDate day = from; !day.isAfter(last); day = day.plusDays(1)) {
            written += record(day);
        }
        return written;
    }

    /**
     * Writes each officer's result for the items whose period ends on {@code day}, in one transaction, and marks the
     * day written; answers how many results were written (none when the day was written already).
     */
    public int record(LocalDate day) {
        Integer written = transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            // the day's row first: a day written already (or being written by another) writes nothing again, not
            // even for an officer who came since
            if (!results.dayRecorded(day, 0, now)) {
                return 0;
            }
            ChecklistPolicy policy = new ChecklistPolicy(rhythm.items());
            List<DutyProperties.Item> closing = policy.closing(day);
            int n = 0;
            if (!closing.isEmpty()) {
                Map<UUID, List<ChecklistPolicy.Done>> done = new HashMap<>();
                for (DutyResults.Counted c : results.counted(closing.stream().map(DutyProperties.Item::code).toList(),
                        closing.stream().map(i -> i.period().start(day)).toList(), day)) {
                    done.computeIfAbsent(c.officerId(), k -> new ArrayList<>())
                            .add(new ChecklistPolicy.Done(c.item(), c.doneOn(), false));
                }
                Map<String, String> texts = new HashMap<>();
                closing.forEach(i -> texts.put(i.code(), desk.label(i, Locale.CHINA)));
                ChecklistPolicy closingPolicy = new ChecklistPolicy(closing);
                // those the day's roll noted when it closed, in the units they were in; without one (a day closed
                // before rolls were taken), the officers as they stand
                List<DutyRecords.Officer> owed = results.roll(day)
                        .orElseGet(() -> records.officers("", new String[] {"%"}));
                for (DutyRecords.Officer o : owed) {
                    for (ChecklistPolicy.Decision d : closingPolicy.closingOn(day, o.since(),
                            done.getOrDefault(o.id(), List.of()))) {
                        if (results.insert(o.id(), o.name(), o.unitId(), o.unitPath(), d.item().code(),
                                texts.get(d.item().code()), d.item().period().name(), d.start(), d.end(),
                                d.state().name(), d.records(), now)) {
                            n++;
                        }
                    }
                }
            }
            results.dayWritten(day, n);
            results.rollDone(day);
            return n;
        });
        return written == null ? 0 : written;
    }
}
